/**
 * Runs the cases recorded from OmegaConf (see *.cases.ts) through tydra's config core.
 *
 * A case's config is written as a JS literal; `f(1.0)` marks a float (JS cannot tell 1.0 from 1),
 * `d([[1, 'a']])` a dict whose keys are not plain strings (int, float or bool keys), and a bigint
 * an int beyond 2^53. Results are compared as Python `repr()` text, so types show: `1` vs `1.0`
 * vs `'1'`, `True`, `None`, `{'a': 1}`.
 */
import {
  ConfigError,
  ConfigKeyError,
  ConfigTypeError,
  InterpolationCycleError,
  InterpolationError,
  InterpolationKeyError,
  InterpolationSyntaxError,
  InterpolationToMissingValueError,
  MissingMandatoryValueError,
  ResolverError,
  UnsupportedInterpolationTypeError,
} from '../../../src/config/errors.js';
import { Resolution, checkInterpolations } from '../../../src/config/interpolation/resolve.js';
import { ConfigLoadError, loadConfig } from '../../../src/config/load.js';
import { mergeInto } from '../../../src/config/merge.js';
import { type ContainerNode, DictNode, type KeyType, ListNode, type Node, ValueNode, cloneNode } from '../../../src/config/nodes.js';
import { toYaml } from '../../../src/config/output/to-yaml.js';
import { nodeRepr } from '../../../src/config/repr.js';
import { builtinResolvers } from '../../../src/config/resolvers/builtins.js';
import type { ResolverRegistry } from '../../../src/config/resolvers/registry.js';
import { deleteKey, splitKey, update } from '../../../src/config/select.js';
import { scalarStr } from '../../../src/python/str.js';

export type Spec = null | boolean | number | bigint | string | Spec[] | FloatSpec | DictSpec | { [key: string]: Spec };
interface FloatSpec {
  $float: number;
}
interface DictSpec {
  $dict: Array<[string | number | boolean | FloatSpec, Spec]>;
}

/** A float value (or key): `f(1.0)`. */
export function f(x: number): FloatSpec {
  return { $float: x };
}

/** A dict with typed (int, float, bool) or integer-like string keys, in order. */
export function d(entries: Array<[string | number | boolean | FloatSpec, Spec]>): DictSpec {
  return { $dict: entries };
}

export interface ExpectedError {
  /** The tydra class the error must be an instance of. */
  type: string;
  /** OmegaConf's class. */
  py: string;
  /** OmegaConf's message (first line). */
  message: string;
  /** OmegaConf's full_key (the key that was read). */
  fullKey?: string;
  /** tydra's full_key where it differs: the innermost key whose interpolation failed. */
  tsFullKey?: string;
}

export interface OracleCase {
  name: string;
  cfg?: Spec;
  /** The config as a YAML file's text, loaded as Hydra loads a file (OmegaConf.load); instead of `cfg`. */
  yaml?: string;
  /** The result is `OmegaConf.to_yaml(cfg)` (the text itself, not a repr). */
  toYaml?: true;
  get?: string;
  resolveAll?: true;
  merge?: Spec[];
  resolve?: true;
  select?: { key: string; default?: Spec; throwOnMissing?: boolean };
  update?: { key: string; value: Spec; merge?: false; forceAdd?: true };
  delete?: string;
  struct?: true;
  expect?: string;
  error?: ExpectedError;
  warnings?: string[];
}

export const ORACLE_ENV: Record<string, string> = {
  FOO: 'bar',
  EMPTY: '',
  NUM: '3308',
  LIST: '[a, b]',
  INTERP: '${x}',
  DICT: '{name: m, size: [1, 2]}',
  INTERP_REL: '${.port}',
};

function isFloat(x: unknown): x is FloatSpec {
  return typeof x === 'object' && x !== null && '$float' in x;
}

/** Build a config node from a case literal. */
export function toNode(spec: Spec): Node {
  if (spec === null) return new ValueNode('null', null);
  switch (typeof spec) {
    case 'boolean':
      return new ValueNode('bool', spec);
    case 'number':
      return new ValueNode(Number.isInteger(spec) ? 'int' : 'float', spec);
    case 'bigint':
      return new ValueNode('int', spec);
    case 'string':
      return new ValueNode('str', spec);
  }
  if (Array.isArray(spec)) return new ListNode(spec.map(toNode));
  if (isFloat(spec)) return new ValueNode('float', spec.$float);
  const out = new DictNode();
  const entries: Array<[string | number | boolean | FloatSpec, Spec]> =
    '$dict' in spec && Array.isArray(spec.$dict) ? (spec as DictSpec).$dict : Object.entries(spec);
  for (const [k, v] of entries) {
    let key: string;
    let kt: KeyType | undefined;
    if (typeof k === 'string') key = k;
    else if (typeof k === 'number') {
      key = String(k);
      kt = 'int';
    } else if (typeof k === 'boolean') {
      key = k ? 'true' : 'false';
      kt = 'bool';
    } else {
      key = scalarStr('float', k.$float);
      kt = 'float';
    }
    out.entries.set(key, toNode(v));
    if (kt) (out.keyTypes ??= new Map()).set(key, kt);
  }
  return out;
}

/** The registry the cases were recorded with: OmegaConf's built-ins plus a few test resolvers. */
export function oracleResolvers(counter: { n: number }): ResolverRegistry {
  const reg = builtinResolvers.child();
  const pyStr = (n: Node): string => (n.kind === 'value' ? scalarStr(n.type, n.value) : nodeRepr(n));
  // `typed` shows its arguments with their Python types: args(1, 1.5, 'x', None, [1], {'a': 1}).
  reg.registerBuiltin('typed', (call) => new ValueNode('str', `args(${call.args.map(nodeRepr).join(', ')})`));
  reg.registerBuiltin('concat', (call) => new ValueNode('str', call.args.map(pyStr).join('')));
  reg.register('cached', () => counter.n++, { cache: true });
  reg.register('uncached', () => counter.n++);
  reg.register('boom', (...args) => {
    throw new Error(`boom: ${args.map(String).join(', ')}`);
  });
  reg.register('ns.plus1', (x) => (x as number) + 1);
  reg.register('ns.plus2', (x) => (x as number) + 2);
  reg.register('dash-name', (x) => `dash:${String(x)}`);
  reg.register('mkdict', () => ({ k: 1, l: [1, 2] }));
  reg.register('missing_str', () => '???');
  reg.register('ret_interp', () => '${b}');
  return reg;
}

export type Outcome = { value: string; warnings: string[] } | { error: unknown; warnings: string[] };

/** Run one case; returns the repr of the result or the error thrown. */
export function runCase(c: OracleCase): Outcome {
  const warnings: string[] = [];
  const counter = { n: 0 };
  const options = { resolvers: oracleResolvers(counter), env: ORACLE_ENV, warn: (m: string) => warnings.push(m) };
  const created = (spec: Spec): ContainerNode => {
    const node = toNode(spec) as ContainerNode;
    checkInterpolations(node); // OmegaConf.create rejects bad interpolation syntax up front
    return node;
  };
  try {
    if (c.merge) {
      const [first, ...rest] = c.merge.map(created) as [ContainerNode, ...ContainerNode[]];
      const dest = cloneNode(first);
      if (c.struct) dest.flags = { struct: true };
      for (const src of rest) mergeInto(dest, src, dest, [], { resolvers: options.resolvers, env: ORACLE_ENV });
      const out = c.resolve ? new Resolution(dest, options).resolveTree() : dest;
      return { value: nodeRepr(out), warnings };
    }
    const root =
      c.yaml !== undefined ? ((loadConfig({ path: 'config.yaml', configPath: 'config', text: c.yaml }).node as ContainerNode | undefined) ?? new DictNode()) : created(c.cfg as Spec);
    if (c.struct) root.flags = { struct: true };
    if (c.toYaml) return { value: toYaml(root), warnings };
    const res = new Resolution(root, options);
    if (c.get !== undefined) return { value: nodeRepr(res.get(splitKey(c.get))), warnings };
    if (c.resolveAll) return { value: nodeRepr(res.resolveTree()), warnings };
    if (c.select) {
      const opts: { default?: Node; throwOnMissing?: boolean } = {};
      if ('default' in c.select) opts.default = toNode(c.select.default as Spec);
      if (c.select.throwOnMissing !== undefined) opts.throwOnMissing = c.select.throwOnMissing;
      const hit = res.selectKey(c.select.key, opts);
      return { value: hit === undefined ? 'None' : nodeRepr(hit), warnings };
    }
    if (c.update) {
      update(root, c.update.key, toNode(c.update.value), { merge: c.update.merge ?? true, forceAdd: c.update.forceAdd ?? false });
      return { value: nodeRepr(root), warnings };
    }
    if (c.delete !== undefined) {
      if (!deleteKey(root, c.delete)) throw new ConfigKeyError(`Key not found: '${c.delete}'`, { path: splitKey(c.delete) });
      return { value: nodeRepr(root), warnings };
    }
    throw new Error(`case '${c.name}' has no operation`);
  } catch (error) {
    return { error, warnings };
  }
}

export const ERROR_CLASSES: Record<string, abstract new (...args: never[]) => Error> = {
  ConfigError,
  ConfigLoadError,
  ConfigKeyError,
  ConfigTypeError,
  InterpolationCycleError,
  InterpolationError,
  InterpolationKeyError,
  InterpolationSyntaxError,
  InterpolationToMissingValueError,
  MissingMandatoryValueError,
  ResolverError,
  UnsupportedInterpolationTypeError,
};
