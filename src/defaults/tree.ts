/**
 * Building the defaults tree (Hydra 1.3 semantics).
 *
 * The root is virtual; its children are tydra's `hydra/config` and the primary config. Each
 * config node is expanded into the entries of its defaults list. Entries are visited from the
 * last to the first, so that `override` entries of later configs are registered before the
 * earlier groups they override are expanded; interpolated options (`${db}_${server}`) are
 * expanded last, against the final choices. Command-line selections, deletions and appends are
 * applied while the tree is built.
 */
import { DictNode, ListNode, type Node, ValueNode } from '../config/nodes.js';
import { Resolution } from '../config/interpolation/resolve.js';
import { ConfigError } from '../config/errors.js';
import { closestMatch } from '../errors.js';
import { ResolverRegistry } from '../config/resolvers/registry.js';
import type { ConfigRepository } from '../repository/repository.js';
import { GroupChoices, optionText } from './choices.js';
import { ConfigDefault, GroupDefault, type InputDefault } from './elements.js';
import { ConfigCompositionError, MissingConfigError } from './errors.js';
import { splitDefaults } from './parse-defaults.js';

export const ROOT_PATH = '<root>';

export interface DefaultsTreeNode {
  /** undefined for the virtual root. */
  entry: InputDefault | undefined;
  parent: DefaultsTreeNode | undefined;
  /** undefined for a leaf (a config without a defaults list, `_self_`, a deleted entry, …). */
  children: DefaultsTreeNode[] | undefined;
}

export interface BuildTreeOptions {
  repo: ConfigRepository;
  /** The primary config (undefined: compose from the command line only). */
  configName: string | undefined;
  choices: GroupChoices;
  /** Include tydra's `hydra/config` branch. */
  withHydra: boolean;
  /** Multirun: a `???` choice is skipped instead of being an error. */
  skipMissing: boolean;
}

export function configPathOf(node: DefaultsTreeNode): string {
  return node.entry ? node.entry.configPath() : ROOT_PATH;
}

/** `config → server/apache → server/db/mysql` for messages. */
export function treePathOf(node: DefaultsTreeNode | undefined): string[] {
  const out: string[] = [];
  for (let n = node; n; n = n.parent) if (n.entry) out.unshift(n.entry.configPath());
  return out;
}

const emptyResolvers = new ResolverRegistry();

export function buildDefaultsTree(opts: BuildTreeOptions): DefaultsTreeNode {
  const builder = new TreeBuilder(opts);
  return builder.build();
}

class TreeBuilder {
  constructor(private readonly opts: BuildTreeOptions) {}

  build(): DefaultsTreeNode {
    const root: DefaultsTreeNode = { entry: undefined, parent: undefined, children: [] };
    const top: InputDefault[] = [];
    if (this.opts.withHydra) top.push(new ConfigDefault('hydra/config'));
    if (this.opts.configName !== undefined) {
      const primary = new ConfigDefault(this.opts.configName);
      primary.primary = true;
      top.push(primary);
    } else {
      // Without a primary config, command-line appends still need a place: an empty primary.
      const primary = new ConfigDefault('_dummy_empty_config_');
      primary.primary = true;
      top.push(primary);
    }
    const children: DefaultsTreeNode[] = [];
    for (const d of [...top].reverse()) {
      d.setParent('', '');
      const node: DefaultsTreeNode = { entry: d, parent: root, children: undefined };
      this.expand(node, d.primary, false);
      children.push(node);
    }
    root.children = children.reverse();
    return root;
  }

  private load(path: string) {
    if (path === '_dummy_empty_config_') return { node: new DictNode(), packageHeader: undefined };
    return this.opts.repo.load(path);
  }

  private expand(tree: DefaultsTreeNode, isPrimary: boolean, interpolated: boolean): void {
    const { repo, choices } = this.opts;
    const e = tree.entry as InputDefault;
    if (isPrimary && e.configPath() !== '_dummy_empty_config_' && !repo.hasConfig(e.configPath())) {
      throw new MissingConfigError(
        `Cannot find primary config '${e.configPath()}'. Check that it's in your config search path.\n\nConfig search path:\n\t${repo.describeSources().join('\n\t')}`,
        e.configPath(),
        undefined,
        { hint: this.primaryHint(e.configPath()) },
      );
    }
    if (!e.isMissing() && e.name() !== null) {
      const header = this.load(e.configPath())?.packageHeader;
      if (header !== undefined && e.packageHeader === undefined) e.setPackageHeader(header);
    }
    if (choices.isDeleted(e)) {
      choices.markDeleted(e);
      return;
    }
    choices.setKnownChoice(e, treePathOf(tree));
    if (e.name() === null) return;
    if (e.isMissing()) {
      if (this.opts.skipMissing && e instanceof GroupDefault) {
        e.value = null;
        return;
      }
      const group = e.groupPath();
      const options = repo.groupOptions(group);
      throw new ConfigCompositionError(
        `You must specify '${(e as GroupDefault).overrideKey()}', e.g, ${(e as GroupDefault).overrideKey()}=<OPTION>\nAvailable options:\n${options.map((o) => `\t${o}`).join('\n')}`,
        { treePath: treePathOf(tree), source: e.src },
      );
    }
    const loaded = this.load(e.configPath());
    if (!loaded) {
      if (e.optional) {
        e.deleted = true;
        return;
      }
      this.notFound(tree);
    }
    const split = splitDefaults(e.configPath(), loaded.node);
    const defaults = (split.defaults ?? []).map((d) => d.clone());
    let selfAdded = false;
    if (defaults.length > 0 || (isPrimary && choices.appends.length > 0)) selfAdded = validateSelf(e, defaults, tree);
    if (isPrimary) {
      // Appends go before the first `override` entry so that overrides stay last.
      let at = defaults.findIndex((d) => d.override);
      if (at === -1) at = defaults.length;
      defaults.splice(at, 0, ...choices.appends.map((a) => a.clone()));
    }
    this.registerOverrides(defaults, e, tree, interpolated);

    const children: DefaultsTreeNode[] = [];
    const deferred: DefaultsTreeNode[] = [];
    for (const d of [...defaults].reverse()) {
      if (d.isSelf()) {
        d.setParent(e.parentBaseDir, e.package ?? '');
        children.push({ entry: d, parent: tree, children: undefined });
        continue;
      }
      if (d.override) continue;
      d.setParent(e.groupPath(), e.finalPackage());
      if (d instanceof GroupDefault && choices.isOverridden(d)) choices.applyOverride(d);
      if (d instanceof GroupDefault && d.isOptionList()) {
        for (const item of [...d.options()].reverse()) {
          if (item.includes('${')) {
            throw new ConfigCompositionError(`In '${e.configPath()}': Defaults List interpolation is not supported in options list items`, {
              treePath: treePathOf(tree),
              source: d.src,
            });
          }
          const c = new ConfigDefault(`${d.group}/${item}`, d.package);
          c.optional = d.optional;
          c.src = d.src;
          c.setParent(e.groupPath(), e.finalPackage());
          const child: DefaultsTreeNode = { entry: c, parent: tree, children: undefined };
          this.expand(child, false, interpolated);
          children.push(child);
        }
        continue;
      }
      const child: DefaultsTreeNode = { entry: d, parent: tree, children: undefined };
      if (d instanceof GroupDefault && d.isInterpolation()) {
        deferred.push(child);
        children.push(child);
        continue;
      }
      this.expand(child, false, interpolated);
      children.push(child);
    }
    if (deferred.length > 0) {
      const known = this.choiceMap(defaults, selfAdded);
      for (const child of deferred) {
        const d = child.entry as GroupDefault;
        d.value = resolveInterpolatedOption(d, known, treePathOf(tree));
        d.setParent(e.groupPath(), e.finalPackage());
        this.expand(child, false, true);
      }
    }
    if (children.length > 0) tree.children = children.reverse();
  }

  /** The choices an interpolated option can refer to: `${db}`, `${server/db}`, `${db@backup}`. */
  private choiceMap(_defaults: InputDefault[], _selfAdded: boolean): DictNode {
    const d = new DictNode();
    for (const [k, v] of this.opts.choices.known) {
      if (Array.isArray(v)) d.entries.set(k, new ListNode(v.map((x) => new ValueNode('str', x))));
      else d.entries.set(k, v === null ? new ValueNode('null', null) : new ValueNode('str', v));
    }
    return d;
  }

  private registerOverrides(defaults: InputDefault[], parent: InputDefault, tree: DefaultsTreeNode, interpolated: boolean): void {
    let lastOverride: GroupDefault | undefined;
    for (const d of defaults) {
      if (d.isSelf()) continue;
      d.setParent(parent.groupPath(), parent.finalPackage());
      if (lastOverride && !(d.override || d.externalAppend)) {
        throw new ConfigCompositionError(
          `In ${parent.configPath()}: Override '${lastOverride.overrideKey()} : ${optionText(lastOverride.value)}' is defined before '${d instanceof GroupDefault ? d.overrideKey() : d.configPath()}: ${d.name()}'.\nOverrides must be at the end of the defaults list`,
          { treePath: treePathOf(tree), source: d.src },
        );
      }
      if (d instanceof GroupDefault && d.override) {
        if (interpolated) {
          throw new ConfigCompositionError(
            `${parent.configPath()}: Default List Overrides are not allowed in the subtree of an in interpolated config group (override ${d.overrideKey()}=${optionText(d.value)}).`,
            { treePath: treePathOf(tree), source: d.src },
          );
        }
        lastOverride = d;
        this.opts.choices.addDefaultsOverride(parent.configPath(), d);
      }
    }
  }

  private primaryHint(name: string): string | undefined {
    const options = this.opts.repo.groupOptions('');
    const best = closestMatch(name, options);
    if (best) return `did you mean '${best}'?`;
    return options.length ? `configs at the top of the search path: ${options.join(', ')}` : undefined;
  }

  private notFound(tree: DefaultsTreeNode): never {
    const e = tree.entry as InputDefault;
    const repo = this.opts.repo;
    const parent = tree.parent?.entry;
    let msg: string;
    let options: string[] | undefined;
    let hint: string | undefined;
    if (e instanceof GroupDefault) {
      const group = e.groupPath();
      options = repo.groupOptions(group);
      msg = `Could not find '${e.configPath()}'\n`;
      if (options.length > 0) msg += `\nAvailable options in '${group}':\n${options.map((o) => `\t${o}`).join('\n')}`;
      else if (!repo.hasGroup(group)) msg += `\nThere is no config group '${group}' in the search path.`;
      const best = closestMatch(e.name() ?? '', options);
      if (best) hint = `did you mean ${e.overrideKey()}=${best}?`;
    } else {
      msg = `Could not load '${e.configPath()}'.\n`;
    }
    if (parent) msg = `In '${parent.configPath()}': ${msg}`;
    msg += `\nConfig search path:\n\t${repo.describeSources().join('\n\t')}`;
    throw new MissingConfigError(msg, e.configPath(), options, { treePath: treePathOf(tree), source: e.src, hint });
  }
}

/** `_self_` at most once; appended last when the list has other (non-override) entries. */
function validateSelf(container: InputDefault, defaults: InputDefault[], tree: DefaultsTreeNode): boolean {
  let hasSelf = false;
  let hasNonOverride = false;
  for (const d of defaults) {
    if (!d.override) hasNonOverride = true;
    if (d.isSelf()) {
      if (hasSelf) {
        throw new ConfigCompositionError(`Duplicate _self_ defined in ${container.configPath()}`, { treePath: treePathOf(tree), source: d.src });
      }
      hasSelf = true;
    }
  }
  if ((!hasSelf && hasNonOverride) || defaults.length === 0) defaults.push(new ConfigDefault('_self_'));
  return !hasSelf;
}

function resolveInterpolatedOption(d: GroupDefault, known: DictNode, treePath: string[]): string {
  const text = d.value as string;
  if (/\$\{\s*defaults\./.test(text)) {
    throw new ConfigCompositionError(
      `\nDefaults list element '${d.overrideKey()}=${text}' is using a deprecated interpolation form.\nSee http://hydra.cc/docs/1.1/upgrades/1.0_to_1.1/defaults_list_interpolation for migration information.`,
      { treePath, source: d.src },
    );
  }
  const root = new DictNode(new Map(known.entries));
  const dummy = '_dummy_';
  root.entries.set(dummy, new ValueNode('str', text, d.src));
  try {
    const r = new Resolution(root, { resolvers: emptyResolvers }).select([dummy]);
    const node: Node | undefined = r?.node;
    if (!node || node.kind !== 'value' || node.type !== 'str') {
      throw new ConfigCompositionError(`Interpolated option '${text}' of '${d.overrideKey()}' must resolve to a config name`, { treePath, source: d.src });
    }
    return node.value as string;
  } catch (e) {
    if (e instanceof ConfigError) {
      const keys = [...known.entries.keys()];
      const msg = keys.length
        ? `Error resolving interpolation '${text}', possible interpolation keys: ${keys.join(', ')}`
        : `Error resolving interpolation '${text}'`;
      throw new ConfigCompositionError(msg, { treePath, source: d.src, cause: e });
    }
    throw e;
  }
}
