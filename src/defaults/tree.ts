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
import { type ResolveOptions, Resolution } from '../config/interpolation/resolve.js';
import { ConfigError } from '../config/errors.js';
import { closestMatch } from '../errors.js';
import { globalResolvers } from '../config/resolvers/global.js';
import type { ResolverRegistry } from '../config/resolvers/registry.js';
import type { Source } from '../config/source.js';
import type { ConfigRepository } from '../repository/repository.js';
import { type GroupChoices, optionText } from './choices.js';
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
  /** Resolvers interpolated options may use (default: the process-wide registry), and their environment. */
  resolvers?: ResolverRegistry;
  env?: Readonly<Record<string, string | undefined>>;
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
      // Multirun: the entry stays `???` in the tree (as in Hydra) and is left out of the list.
      if (this.opts.skipMissing) return;
      if (!(e instanceof GroupDefault)) {
        throw new ConfigCompositionError(`Missing ConfigDefault is not supported : ${e.configPath()}`, { treePath: treePathOf(tree), source: e.src });
      }
      const group = e.groupPath();
      const options = repo.groupOptions(group);
      throw new ConfigCompositionError(
        `You must specify '${e.overrideKey()}', e.g, ${e.overrideKey()}=<OPTION>\nAvailable options:\n${options.map((o) => `\t${o}`).join('\n')}`,
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
      // Appends go last, after `override` entries and after the implicit `_self_` (as in Hydra);
      // being external they may follow overrides.
      defaults.push(...choices.appends.map((a) => a.clone()));
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
      if (isInterpolated(d)) {
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
        const d = child.entry as InputDefault;
        this.resolveInterpolation(d, known, treePathOf(tree));
        d.setParent(e.groupPath(), e.finalPackage());
        this.expand(child, false, true);
      }
    }
    if (children.length > 0) tree.children = children.reverse();
  }

  /**
   * The choices an interpolated option can refer to: `${db}`, `${server/db}`, `${db@backup}`, and
   * (as in Hydra) `defaults`: this defaults list as `{override key: option}` items and config paths.
   */
  private choiceMap(defaults: InputDefault[], selfAdded: boolean): DictNode {
    const d = new DictNode();
    for (const [k, v] of this.opts.choices.known) d.entries.set(k, optionNode(v));
    const items: Node[] = [];
    for (const x of defaults) {
      if (selfAdded && x.isSelf()) continue;
      if (x instanceof GroupDefault) items.push(new DictNode(new Map([[x.overrideKey(), optionNode(x.value)]])));
      else items.push(new ValueNode('str', x.configPath()));
    }
    d.entries.set(DEFAULTS_KEY, new ListNode(items));
    return d;
  }

  /**
   * Resolve an interpolated option (`db: ${x}_${y}`) or config path (`- dir/${x}`). A config path
   * is resolved as a whole, group prefix included, and the result replaces the path as written:
   * Hydra 1.3 does so, which inside a config group applies the prefix twice
   * (facebookresearch/hydra#3036); kept for identical results.
   */
  private resolveInterpolation(d: InputDefault, known: DictNode, treePath: string[]): void {
    if (d instanceof GroupDefault) {
      const text = d.value as string;
      if (LEGACY_INTERPOLATION.test(text)) {
        throw new ConfigCompositionError(
          `\nDefaults list element '${d.overrideKey()}=${text}' is using a deprecated interpolation form.\nSee http://hydra.cc/docs/1.1/upgrades/1.0_to_1.1/defaults_list_interpolation for migration information.`,
          { treePath, source: d.src },
        );
      }
      d.value = resolveText(text, `'${d.overrideKey()}'`, known, this.resolveOptions(), d.src, treePath);
    } else if (d instanceof ConfigDefault) {
      d.path = resolveText(d.configPath(), 'the config path', known, this.resolveOptions(), d.src, treePath);
    }
  }

  private resolveOptions(): ResolveOptions {
    return { resolvers: this.opts.resolvers ?? globalResolvers(), env: this.opts.env };
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
    throw new MissingConfigError(msg, e.configPath(), options, { treePath: treePathOf(tree), source: this.opts.choices.chosenAt(e) ?? e.src, hint });
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

/** Hydra's test for the 1.0 form `${defaults.0.db}` (only at the start, one digit). */
const LEGACY_INTERPOLATION = /^\$\{defaults\.\d\./;
const DEFAULTS_KEY = 'defaults';

function isInterpolated(d: InputDefault): boolean {
  if (d instanceof GroupDefault) return d.isInterpolation();
  return d.configPath().includes('${');
}

function optionNode(v: string | string[] | null): Node {
  if (Array.isArray(v)) return new ListNode(v.map((x) => new ValueNode('str', x)));
  return v === null ? new ValueNode('null', null) : new ValueNode('str', v);
}

/** Resolve `text` against the known choices (resolvers such as `oc.decode` allowed, as in Hydra). */
function resolveText(text: string, what: string, known: DictNode, resolve: ResolveOptions, src: Source | undefined, treePath: string[]): string {
  const root = new DictNode(new Map(known.entries));
  const dummy = '_dummy_';
  root.entries.set(dummy, new ValueNode('str', text, src));
  try {
    const r = new Resolution(root, resolve).select([dummy]);
    const node: Node | undefined = r?.node;
    if (!node || node.kind !== 'value' || node.type !== 'str') {
      throw new ConfigCompositionError(`Interpolation '${text}' of ${what} must resolve to a config name`, { treePath, source: src });
    }
    return node.value as string;
  } catch (e) {
    if (e instanceof ConfigError) {
      const keys = [...known.entries.keys()].filter((k) => k !== DEFAULTS_KEY);
      const msg = keys.length
        ? `Error resolving interpolation '${text}', possible interpolation keys: ${keys.join(', ')}`
        : `Error resolving interpolation '${text}'`;
      throw new ConfigCompositionError(msg, { treePath, source: src, cause: e });
    }
    throw e;
  }
}
