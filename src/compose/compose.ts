/**
 * Composing a config as Hydra 1.3 does: parse the overrides, build the search path (extended by
 * `hydra.searchpath`), build the defaults tree with the group overrides applied, merge the final
 * defaults list, apply the value overrides in struct mode, and fill the `hydra` node (choices,
 * overrides, override_dirname, runtime info).
 *
 * Pure and re-entrant: no global state is changed, no chdir; parsed files are cached process-wide
 * and re-read only when they change.
 */
import fs from 'node:fs';
import { ConfigError, ConfigKeyError } from '../config/errors.js';
import { type ResolveOptions, Resolution, plain } from '../config/interpolation/resolve.js';
import { mergeInto } from '../config/merge.js';
import { DictNode, ListNode, type Node, ValueNode, cloneNode, isContainer, isMissing } from '../config/nodes.js';
import { globalResolvers } from '../config/resolvers/global.js';
import type { ResolverRegistry } from '../config/resolvers/registry.js';
import { deleteKey, nodeAt, splitKey, update } from '../config/select.js';
import type { Source } from '../config/source.js';
import { type GroupOverride, GroupChoices } from '../defaults/choices.js';
import { ConfigCompositionError, MissingConfigError } from '../defaults/errors.js';
import { type ResultDefault, flattenDefaultsTree } from '../defaults/flatten.js';
import { splitDefaults } from '../defaults/parse-defaults.js';
import { type DefaultsTreeNode, buildDefaultsTree } from '../defaults/tree.js';
import { parseOverride } from '../overrides/parser.js';
import { type Element, type Override, isHydraOverride, isSweep, keyElement } from '../overrides/types.js';
import { FileSource } from '../repository/file-source.js';
import { ConfigRepository } from '../repository/repository.js';
import type { ConfigSource } from '../repository/source.js';
import { hydraConfigSource } from './hydra-config.js';
import { checkHydraDeletion, checkHydraNode } from './hydra-schema.js';
import { Ownership } from './ownership.js';
import { elementToNode, sameValue } from './override-values.js';
import { overrideDirname } from './override-dirname.js';
import { createSearchPath, searchPathFromConfig } from './search-path.js';

export type RunMode = 'run' | 'multirun';

export interface ComposeOptions {
  /** The primary config directory (Hydra's `--config-dir` / `config_path`). */
  configDir?: string;
  /** More sources: `file://dir`, `pkg://package/dir`, or a plain directory. */
  searchPath?: readonly string[];
  /** The primary config, e.g. `config` or `experiments/exp1` (with or without `.yaml`). */
  configName?: string;
  /** Command-line overrides in Hydra's grammar: `db=mysql`, `+a.b=1`, `~c`. */
  overrides?: readonly (string | Override)[];
  /** Extra in-memory sources (a ConfigStore's source). */
  sources?: readonly ConfigSource[];
  /** Resolvers for `${name:...}` (default: the process-wide registry). */
  resolvers?: ResolverRegistry;
  /** The environment `oc.env` reads. */
  env?: Readonly<Record<string, string | undefined>>;
  /** The frozen "now" of `${now:...}`. */
  now?: Date;
  /** Compose a job of a multirun: `???` group choices are skipped, sweeps are rejected per job. */
  mode?: RunMode;
  /** `hydra.job.name` when the config does not set it. */
  jobName?: string;
  /** Where relative paths are resolved (default: process.cwd()). */
  cwd?: string;
  /** Where warnings go (default: process.emitWarning). */
  warn?: (message: string) => void;
  /**
   * Compose as an app run by main() (Hydra's `@hydra.main`): the run mode the command line chose
   * is recorded as an override in `hydra.overrides.hydra` (`hydra.mode=RUN` / `MULTIRUN`).
   */
  recordMode?: boolean;
}

/** Everything a composition produced. `config` and friends resolve lazily. */
export interface Composition {
  /** The whole tree, `hydra` node included, interpolations unresolved. */
  readonly root: DictNode;
  /** Which containers of `root` this composition may change (the rest is shared with other jobs). */
  readonly ownership: Ownership;
  /** Final choice of every config group (Hydra's `hydra.runtime.choices`). */
  readonly choices: ReadonlyMap<string, string | string[] | null>;
  readonly defaultsList: readonly ResultDefault[];
  readonly defaultsTree: DefaultsTreeNode;
  readonly overrides: readonly Override[];
  readonly repository: ConfigRepository;
  /** One consistent resolution of the tree ("now" frozen). */
  readonly resolution: Resolution;
  /**
   * `hydra.mode` as the config and the overrides set it (Hydra's `get_mode`), before the
   * composition's own mode fills it in; undefined when they leave it unset.
   */
  readonly requestedMode?: string;
}

/** Parse override strings; Override objects pass through. */
export function parseAll(overrides: readonly (string | Override)[] | undefined): Override[] {
  return (overrides ?? []).map((o) => (typeof o === 'string' ? parseOverride(o) : o));
}

/** Reject sweeps where they cannot run: in run mode, and over Hydra's own config in multirun. */
export function checkSweepsAllowed(overrides: readonly Override[], mode: RunMode): void {
  for (const o of overrides) {
    if (!isSweep(o)) continue;
    if (mode === 'multirun') {
      if (isHydraOverride(o)) throw new ConfigCompositionError(`Sweeping over Hydra's configuration is not supported : '${o.input}'`);
      continue;
    }
    if (o.value.kind === 'choice' && o.value.simple) {
      throw new ConfigCompositionError(
        `Ambiguous value for argument '${o.input}'\n1. To use it as a list, use key=[value1,value2]\n2. To use it as string, quote the value: key=\\'value1,value2\\'\n3. To sweep over it, add --multirun to your command line`,
      );
    }
    throw new ConfigCompositionError(`Sweep parameters '${o.input}' requires --multirun`);
  }
}

/** Build the repository for a compose call, including `hydra.searchpath` from the primary config. */
export function createRepository(opts: ComposeOptions, overrides: readonly Override[]): ConfigRepository {
  const cwd = opts.cwd ?? process.cwd();
  const base: ConfigSource[] = [hydraConfigSource()];
  const main = opts.configDir !== undefined ? createSearchPath([opts.configDir], cwd, 'main') : [];
  checkPrimaryDir(main[0]);
  const extra = createSearchPath(opts.searchPath ?? [], cwd, 'tydra search path');
  const store = opts.sources ?? [];
  let repo = new ConfigRepository([...base, ...main, ...extra, ...store]);
  const configName = normalizeConfigName(opts.configName);
  // As Hydra: only a plain `hydra.searchpath=[...]` (not `+`/`++`/`~` or `@pkg`) sets the search path.
  const fromCli = overrides.find((o) => o.key === 'hydra.searchpath' && o.kind === 'change' && o.package === undefined);
  let entries: string[] | undefined;
  let provider = 'hydra.searchpath in main';
  if (fromCli) {
    entries = searchPathFromOverride(fromCli);
    provider = 'hydra.searchpath in command-line';
  } else if (configName !== undefined) {
    const primary = repo.load(configName);
    if (primary) {
      const content = splitDefaults(configName, primary.node).content;
      if (content !== undefined && content.kind !== 'dict') {
        throw new ConfigCompositionError(`primary config '${configName}' must be a DictConfig, got ${content.kind === 'list' ? 'ListConfig' : content.type}`);
      }
      if (content) entries = resolveSearchPath(searchPathFromConfig(content), content, opts);
    }
  }
  if (entries && entries.length > 0) {
    const warn = opts.warn ?? ((m: string) => process.emitWarning(m));
    const unavailable = (entry: string) => warn(`provider=${provider}, path=${entry.replace(/^[a-z]+:\/\//, '')} is not available.`);
    repo = new ConfigRepository([...base, ...main, ...extra, ...createSearchPath(entries, cwd, provider, unavailable), ...store]);
  }
  return repo;
}

/** As Hydra, a primary config directory that does not exist is an error, with or without a config name. */
function checkPrimaryDir(main: ConfigSource | undefined): void {
  if (!(main instanceof FileSource)) return;
  let isDir = false;
  try {
    isDir = fs.statSync(main.root).isDirectory();
  } catch {
    isDir = false;
  }
  if (!isDir) {
    throw new MissingConfigError(`Primary config directory not found.\nCheck that the config directory '${main.root}' exists and readable`, main.root, undefined);
  }
}

/** Entries like `file://${oc.env:HOME}/conf` are resolved against the primary config, as Hydra does. */
function resolveSearchPath(entries: string[] | undefined, primary: DictNode, opts: ComposeOptions): string[] | undefined {
  if (!entries?.some((e) => e.includes('${'))) return entries;
  const res = new Resolution(primary, { resolvers: opts.resolvers ?? globalResolvers(), env: opts.env, now: opts.now });
  return entries.map((e, i) => {
    const loc = res.select(['hydra', 'searchpath', i]);
    return loc && loc.node.kind === 'value' ? String(loc.node.value) : e;
  });
}

function searchPathFromOverride(o: Override): string[] {
  const v = o.value;
  if (!v || v.kind !== 'list' || v.items.some((i) => i.kind !== 'string')) {
    throw new ConfigCompositionError(`hydra.searchpath must be a list of strings. Got: ${o.input.slice(o.input.indexOf('=') + 1)}`);
  }
  return v.items.map((i) => (i as { value: string }).value);
}

export function normalizeConfigName(name: string | undefined): string | undefined {
  if (name === undefined || name === '') return undefined;
  return name;
}

/** Which overrides change the defaults list (a group exists at their key) and which change values. */
export function splitOverrides(
  overrides: readonly Override[],
  repo: ConfigRepository,
): { group: GroupOverride[]; value: Override[] } {
  const group: GroupOverride[] = [];
  const value: Override[] = [];
  for (const o of overrides) {
    if (isSweep(o)) continue;
    const v = o.value;
    const isDict = v !== undefined && v.kind === 'dict';
    if (isDict || !repo.hasGroup(o.key)) {
      value.push(o);
      continue;
    }
    if (o.kind === 'force-add') throw new ConfigCompositionError(`force-add of config groups is not supported: '${o.input}'`);
    const src: Source = { kind: 'override', override: o.input };
    if (o.kind === 'delete') {
      if (v !== undefined && v.kind !== 'string') {
        throw new ConfigCompositionError(`Config group override deletion value must be a string : ${o.input}`);
      }
      group.push({ kind: 'delete', group: o.key, package: o.package, value: v?.value, input: o.input, src });
      continue;
    }
    const option = optionOf(v as Element | undefined, o);
    group.push({ kind: o.kind === 'add' ? 'append' : 'choose', group: o.key, package: o.package, value: option, input: o.input, src });
  }
  return { group, value };
}

function optionOf(v: Element | undefined, o: Override): string | string[] {
  if (v?.kind === 'string') return v.value;
  if (v?.kind === 'list' && v.items.every((i) => i.kind === 'string')) return v.items.map((i) => (i as { value: string }).value);
  const type = v === undefined ? 'nothing' : v.kind === 'null' ? 'NoneType' : v.kind;
  throw new ConfigCompositionError(`Config group override must be a string or a list. Got ${type}`, {
    source: { kind: 'override', override: o.input },
    hint: v?.kind === 'null' ? `to remove the group use ~${keyElement({ ...o, kind: 'change' })}` : undefined,
  });
}

/** Compose a config. See ComposeOptions. */
export function composeTree(opts: ComposeOptions): Composition {
  const overrides = parseAll(opts.overrides);
  return new Composer(opts, overrides).compose(overrides);
}

interface DefaultsResult {
  tree: DefaultsTreeNode;
  defaultsList: ResultDefault[];
  choices: Map<string, string | string[] | null>;
  merged: DictNode;
}

/**
 * Composes many configs from one search path (the jobs of a sweep): the defaults tree and the
 * merge are computed once per distinct set of group choices; each job then only clones the
 * merged tree and applies its value overrides.
 */
export class Composer {
  readonly repo: ConfigRepository;
  readonly mode: RunMode;
  private readonly cache = new Map<string, DefaultsResult | Error>();

  constructor(
    readonly opts: ComposeOptions,
    initialOverrides: readonly Override[],
  ) {
    this.mode = opts.mode ?? 'run';
    this.repo = createRepository(opts, initialOverrides);
  }

  /**
   * `extra.skipMissing`: leave out `???` group choices. Hydra does so only for the sweep-level config
   * of a multirun (the default in multirun mode); each job of the sweep is composed as a run, where
   * a mandatory group nobody chose is an error, so job composes pass `skipMissing: false`.
   */
  compose(overrides: readonly Override[], extra: { mode?: RunMode; skipMissing?: boolean } = {}): Composition {
    const mode = extra.mode ?? this.mode;
    checkSweepsAllowed(overrides, mode);
    const { group, value } = splitOverrides(overrides, this.repo);
    const defaults = this.defaults(group, extra.skipMissing ?? mode === 'multirun');
    const ownership = new Ownership();
    const root = ownership.ownRoot(defaults.merged);
    // Struct mode on the root; a read-only flag a frozen primary config brought along is kept, but
    // (as in Hydra) the hydra node stays writable.
    root.flags = { ...root.flags, struct: true };
    if (root.flags.readonly) {
      const hydra = ownership.ownPath(root, ['hydra']);
      if (hydra) hydra.flags = { ...hydra.flags, readonly: false };
    }
    const resolvers = this.opts.resolvers ?? globalResolvers();
    applyValueOverrides(root, value, ownership, { resolvers, env: this.opts.env, now: this.opts.now, warn: this.opts.warn });
    const requestedMode = fillHydraNode(root, ownership, {
      mode,
      overrides,
      choices: defaults.choices,
      configName: normalizeConfigName(this.opts.configName),
      jobName: this.opts.jobName ?? 'app',
      recordMode: this.opts.recordMode ?? false,
      env: this.opts.env ?? process.env,
      cwd: this.opts.cwd ?? process.cwd(),
      repo: this.repo,
    });
    const resolution = new Resolution(root, { resolvers, env: this.opts.env, now: this.opts.now, warn: this.opts.warn });
    return {
      root,
      ownership,
      choices: defaults.choices,
      defaultsList: defaults.defaultsList,
      defaultsTree: defaults.tree,
      overrides,
      repository: this.repo,
      resolution,
      requestedMode,
    };
  }

  private defaults(group: GroupOverride[], skipMissing: boolean): DefaultsResult {
    const key = `${skipMissing}\u0000${JSON.stringify(group.map((g) => [g.kind, g.group, g.package, g.value]))}`;
    const hit = this.cache.get(key);
    if (hit instanceof Error) throw hit;
    if (hit) return hit;
    try {
      const choices = new GroupChoices(group);
      const tree = buildDefaultsTree({
        repo: this.repo,
        configName: normalizeConfigName(this.opts.configName),
        choices,
        withHydra: true,
        skipMissing,
        resolvers: this.opts.resolvers,
        env: this.opts.env,
      });
      choices.ensureSelectionsUsed();
      choices.ensureDeletionsUsed();
      const defaultsList = flattenDefaultsTree(tree);
      const merged = mergeDefaults(defaultsList, this.repo);
      const result = { tree, defaultsList, choices: new Map(choices.known), merged };
      this.cache.set(key, result);
      return result;
    } catch (e) {
      if (e instanceof Error) this.cache.set(key, e);
      throw e;
    }
  }
}

/** Merge the final defaults list, each config at its package. */
export function mergeDefaults(list: readonly ResultDefault[], repo: ConfigRepository): DictNode {
  const root = new DictNode();
  for (const d of list) {
    const loaded = repo.load(d.configPath);
    if (!loaded) continue;
    const content = splitDefaults(d.configPath, loaded.node).content;
    if (content === undefined) continue;
    // A list (or scalar) can be an option placed at a package (`+top_level_list=file1`), never the root.
    if (content.kind !== 'dict' && d.package === '') {
      throw new ConfigCompositionError(`In '${d.configPath}': a config must be a mapping (got ${content.kind === 'list' ? 'a list' : content.type})`, {
        source: content.src,
      });
    }
    let embedded = content as DictNode;
    if (d.package !== '') {
      const keys = d.package.split('.');
      let node: Node = content;
      for (let i = keys.length - 1; i >= 0; i--) node = new DictNode(new Map([[keys[i] as string, node]]), content.src);
      embedded = node as DictNode;
    }
    // Checked where the config lands, as Hydra does: `# @package hydra` with `searchpath:` counts too.
    const searchPath = nodeAt(embedded, ['hydra', 'searchpath']);
    if (!d.primary && d.configPath !== 'hydra/config' && searchPath !== undefined && !(searchPath.kind === 'value' && searchPath.type === 'null')) {
      throw new ConfigCompositionError(`In '${d.configPath}': Overriding hydra.searchpath is only supported from the primary config`, {
        source: searchPath.src,
      });
    }
    try {
      mergeInto(root, embedded);
      if (embedded.entries.has('hydra')) checkHydraNode(root.entries.get('hydra'));
    } catch (e) {
      if (e instanceof ConfigError) throw new ConfigCompositionError(`In '${d.configPath}': Validation error while composing config:\n${e.message}`, { cause: e });
      throw e;
    }
  }
  return root;
}

/**
 * Apply `key=value`, `+key=value`, `++key=value`, `~key[=value]` with Hydra's rules. `resolve`
 * is how the current value at a key is read (it may be an interpolation).
 */
export function applyValueOverrides(
  root: DictNode,
  overrides: readonly Override[],
  ownership: Ownership = new Ownership(),
  resolve: ResolveOptions = { resolvers: globalResolvers() },
): void {
  for (const o of overrides) {
    if (o.package !== undefined) {
      throw new ConfigCompositionError(`Override ${o.input} looks like a config group override, but config group '${o.key}' does not exist.`, {
        hint: 'check the group name, or drop the @package for a value override',
      });
    }
    const src: Source = { kind: 'override', override: o.input };
    const key = o.key;
    try {
      if (o.kind === 'delete') {
        const current = selectValue(root, key, resolve);
        if (current === undefined || (current.kind === 'value' && current.type === 'null')) {
          throw new ConfigCompositionError(`Could not delete from config. '${key}' does not exist.`);
        }
        const el = o.value as Element | undefined;
        // `~key=null` deletes whatever the value (Hydra compares only a value that is not None).
        if (el !== undefined && el.kind !== 'null' && !sameValue(current, el)) {
          throw new ConfigCompositionError(
            `Could not delete from config. The value of '${key}' is ${describeValue(current)} and not ${describeElement(el)}.`,
          );
        }
        if (nodeAt(root, splitKey(key).slice(0, -1))?.kind === 'list') {
          // Hydra deletes with `del parent[key]`, which a list refuses for a key given as text.
          throw new ConfigCompositionError(`Could not delete from config. '${key}' is a list item: list items cannot be deleted by index.`, {
            hint: `set the whole list instead, e.g. ${splitKey(key).slice(0, -1).join('.')}=[...]`,
          });
        }
        checkHydraDeletion(splitKey(key));
        ownership.ownKey(root, key);
        deleteKey(root, key);
        continue;
      }
      const node = elementToNode((o.value ?? { kind: 'string', value: '' }) as Element, src);
      // The override changes containers on its path (and merges into the one at its key).
      ownership.ownKey(root, key);
      if (isContainer(node)) ownership.ownSubtree(root, splitKey(key));
      if (o.kind === 'add') {
        const current = selectValue(root, key, resolve);
        if (current === undefined || (current.kind === 'value' && current.type === 'null') || isContainer(node)) {
          update(root, key, node, { merge: true, forceAdd: true });
        } else {
          throw new ConfigCompositionError(
            `Could not append to config. An item is already at '${key}'.\nEither remove + prefix: '${o.input.slice(1)}'\nOr add a second + to add or override '${key}': '+${o.input}'`,
          );
        }
      } else if (o.kind === 'force-add') {
        update(root, key, node, { merge: true, forceAdd: true });
      } else {
        try {
          update(root, key, node, { merge: true, forceAdd: false });
        } catch (e) {
          if (e instanceof ConfigKeyError) {
            throw new ConfigCompositionError(`Could not override '${key}'.\nTo append to your config use +${o.input}`, { cause: e, hint: keyHint(root, key) });
          }
          throw e;
        }
      }
      if (key === 'hydra' || key.startsWith('hydra.')) checkHydraNode(nodeAt(root, splitKey(key)), splitKey(key));
    } catch (e) {
      if (e instanceof ConfigCompositionError) {
        if (!e.source) (e as { source?: Source }).source = src;
        throw e;
      }
      if (e instanceof ConfigError) throw new ConfigCompositionError(`Error merging override ${o.input}\n${e.reason}`, { cause: e, source: src });
      throw e;
    }
  }
}

function keyHint(root: DictNode, key: string): string | undefined {
  const parts = splitKey(key);
  let node: Node | undefined = root;
  for (const k of parts) {
    if (!node || node.kind !== 'dict') return undefined;
    const next: Node | undefined = node.entries.get(k);
    if (next === undefined) {
      let best: string | undefined;
      let bestD = 3;
      for (const cand of node.entries.keys()) {
        const d = distance(cand, k);
        if (d < bestD) {
          best = cand;
          bestD = d;
        }
      }
      return best ? `did you mean '${[...parts.slice(0, parts.indexOf(k)), best].join('.')}'?` : undefined;
    }
    node = next;
  }
  return undefined;
}

function distance(a: string, b: string): number {
  const dp = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = dp[0] as number;
    dp[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = dp[j] as number;
      dp[j] = Math.min((dp[j] as number) + 1, (dp[j - 1] as number) + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return dp[b.length] as number;
}

/**
 * OmegaConf.select(cfg, key, throw_on_missing=False): the resolved value, or undefined when the key
 * is absent, `???` or below a scalar. An interpolation that cannot be resolved is an error (Hydra
 * reports it as "Error merging override").
 */
function selectValue(root: DictNode, key: string, resolve: ResolveOptions): Node | undefined {
  const loc = new Resolution(root, resolve).selectFrom(undefined, key, false);
  if (!loc) return undefined;
  if (!loc.final && isMissing(loc.node)) return undefined;
  return loc.node;
}

function describeValue(n: Node): string {
  if (n.kind !== 'value') return n.kind === 'dict' ? 'a dict' : 'a list';
  return n.type === 'null' ? 'None' : n.type === 'bool' ? (n.value ? 'True' : 'False') : String(n.value);
}

function describeElement(el: Element): string {
  if (el.kind === 'null') return 'None';
  if (el.kind === 'bool') return el.value ? 'True' : 'False';
  if (el.kind === 'list' || el.kind === 'dict') return el.kind;
  return String(el.value);
}

interface HydraInfo {
  mode: RunMode;
  overrides: readonly Override[];
  choices: ReadonlyMap<string, string | string[] | null>;
  configName: string | undefined;
  jobName: string;
  recordMode: boolean;
  cwd: string;
  repo: ConfigRepository;
  env: Readonly<Record<string, string | undefined>>;
}

function hydraDict(root: DictNode, ownership: Ownership, keys: string[]): DictNode {
  ownership.ownPath(root, keys);
  let node: DictNode = root;
  for (const k of keys) {
    let next = node.entries.get(k);
    if (!next || next.kind !== 'dict') {
      next = new DictNode();
      node.entries.set(k, next);
    }
    node = next;
  }
  return node;
}

const CODE: Source = { kind: 'code', name: 'tydra' };

function str(v: string): ValueNode {
  return new ValueNode('str', v, CODE);
}

/**
 * Fill `hydra.overrides`, `hydra.runtime.*`, `hydra.job.{name,override_dirname,config_name}` and
 * `hydra.mode`; returns the mode the config and overrides asked for (undefined when unset).
 */
function fillHydraNode(root: DictNode, ownership: Ownership, info: HydraInfo): string | undefined {
  const task: Override[] = [];
  const hydraOverrides: string[] = [];
  for (const o of info.overrides) {
    if (isHydraOverride(o)) hydraOverrides.push(o.input);
    else task.push(o);
  }
  // hydra.mode, as Hydra's app runner sets it: the command line's mode when the config leaves it
  // unset, and MULTIRUN for a multirun even when the config says RUN (-m wins); either way it is
  // recorded as an override, after the command line's.
  const hydraNode = hydraDict(root, ownership, ['hydra']);
  const modeNode = hydraNode.entries.get('mode');
  const unset = !modeNode || (modeNode.kind === 'value' && modeNode.type === 'null');
  const requested = !unset && modeNode?.kind === 'value' ? String(modeNode.value) : undefined;
  const forced = info.mode === 'multirun' && modeNode?.kind === 'value' && modeNode.value === 'RUN';
  if (unset || forced) {
    const mode = info.mode === 'multirun' ? 'MULTIRUN' : 'RUN';
    hydraNode.entries.set('mode', str(mode));
    if (info.recordMode) hydraOverrides.push(`hydra.mode=${mode}`);
  }

  const overridesNode = hydraDict(root, ownership, ['hydra', 'overrides']);
  overridesNode.entries.set('hydra', new ListNode(hydraOverrides.map(str)));
  overridesNode.entries.set('task', new ListNode(task.map((o) => str(o.input))));

  const runtime = hydraDict(root, ownership, ['hydra', 'runtime']);
  const choices = new DictNode();
  const existing = runtime.entries.get('choices');
  if (existing && existing.kind === 'dict') for (const [k, v] of existing.entries) choices.entries.set(k, v);
  for (const [k, v] of info.choices) {
    choices.entries.set(k, v === null ? new ValueNode('null', null, CODE) : Array.isArray(v) ? new ListNode(v.map(str)) : str(v));
  }
  runtime.entries.set('choices', choices);
  runtime.entries.set('version', str(TYDRA_VERSION));
  runtime.entries.set('version_base', str('1.3'));
  runtime.entries.set('cwd', str(info.cwd));
  runtime.entries.set(
    'config_sources',
    new ListNode(
      info.repo.sources.map((s) => {
        const d = new DictNode();
        d.entries.set('path', str(s.url.replace(/^[a-z]+:\/\//, '')));
        d.entries.set('schema', str(s.url.split('://')[0] as string));
        d.entries.set('provider', str(s.provider));
        return d;
      }),
    ),
  );

  const job = hydraDict(root, ownership, ['hydra', 'job']);
  const name = job.entries.get('name');
  if (!name || isMissing(name)) job.entries.set('name', str(info.jobName));
  job.entries.set('config_name', info.configName === undefined ? new ValueNode('null', null, CODE) : str(info.configName));
  const settings = new Resolution(root, { resolvers: globalResolvers() });
  const read = (keys: string[], fallback: unknown): unknown => {
    try {
      const loc = settings.select(['hydra', 'job', 'config', 'override_dirname', ...keys]);
      return loc ? settings.toPlain(loc) : fallback;
    } catch {
      return fallback;
    }
  };
  const kvSep = String(read(['kv_sep'], '='));
  const itemSep = String(read(['item_sep'], ','));
  const excludeRaw = read(['exclude_keys'], []);
  const exclude = Array.isArray(excludeRaw) ? excludeRaw.map(String) : [];
  job.entries.set('override_dirname', str(overrideDirname(task, { kvSep, itemSep, excludeKeys: exclude })));
  // hydra.job.env_copy: variables of the launching machine, copied into env_set (as Hydra does).
  let envCopy: unknown = [];
  try {
    const loc = settings.select(['hydra', 'job', 'env_copy']);
    envCopy = loc ? settings.toPlain(loc) : [];
  } catch {
    envCopy = [];
  }
  if (Array.isArray(envCopy) && envCopy.length > 0) {
    ownership.ownPath(root, ['hydra', 'job', 'env_set']);
    const current = job.entries.get('env_set');
    const envSet = current && current.kind === 'dict' ? current : new DictNode();
    job.entries.set('env_set', envSet);
    for (const name of envCopy.map(String)) {
      const value = info.env[name];
      if (value === undefined) throw new ConfigCompositionError(`hydra.job.env_copy: the environment variable '${name}' is not set`);
      envSet.entries.set(name, str(value));
    }
  }
  return requested;
}

export const TYDRA_VERSION = '0.1.0';

/** The job config (no `hydra` node) as plain data, resolved. */
export function resolvedJobConfig(c: Composition): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of c.root.entries) {
    if (k === 'hydra') continue;
    out[k] = c.resolution.toPlain({ node: v, path: [k], final: false });
  }
  return out;
}

/** The job config (no `hydra` node) as a resolved config tree. */
export function resolvedJobTree(c: Composition): DictNode {
  const out = new DictNode();
  if (c.root.keyTypes) out.keyTypes = c.root.keyTypes;
  for (const [k, v] of c.root.entries) {
    if (k === 'hydra') continue;
    out.entries.set(k, c.resolution.materialize({ node: v, path: [k], final: false }, new Set()));
  }
  return out;
}

/** The job config (no `hydra` node), unresolved. */
export function jobTree(c: Composition): DictNode {
  const out = new DictNode();
  if (c.root.keyTypes) out.keyTypes = c.root.keyTypes;
  for (const [k, v] of c.root.entries) if (k !== 'hydra') out.entries.set(k, v);
  return out;
}

/** `hydra.job.override_dirname`, resolved (it may hold interpolations from override values). */
export function resolvedOverrideDirname(c: Composition): string {
  const loc = c.resolution.select(['hydra', 'job', 'override_dirname']);
  if (!loc || loc.node.kind !== 'value') return '';
  return String(plain(loc.node));
}

