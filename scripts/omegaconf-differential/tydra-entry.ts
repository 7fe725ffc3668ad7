/**
 * The tydra side of scripts/omegaconf-differential.mjs: answers the same JSON requests as
 * scripts/omegaconf-oracle.py, through tydra's config core (src/config). The .mjs bundles this
 * file with esbuild and imports the bundle; it is not part of the library or of `npm test`.
 */
import { ConfigError, ConfigKeyError, ConfigTypeError, InterpolationCycleError, InterpolationError, InterpolationKeyError, InterpolationSyntaxError, InterpolationToMissingValueError, MissingMandatoryValueError, ReadonlyConfigError, ResolverError, UnsupportedInterpolationTypeError } from '../../src/config/errors.js';
import { Resolution, checkInterpolations } from '../../src/config/interpolation/resolve.js';
import { ConfigLoadError, loadConfig } from '../../src/config/load.js';
import { mergeInto } from '../../src/config/merge.js';
import { type ContainerNode, DictNode, type KeyType, ListNode, type Node, ValueNode, isContainer } from '../../src/config/nodes.js';
import { toYaml } from '../../src/config/output/to-yaml.js';
import { nodeRepr } from '../../src/config/repr.js';
import { builtinResolvers } from '../../src/config/resolvers/builtins.js';
import { update } from '../../src/config/select.js';
import { floatRepr } from '../../src/python/float-repr.js';
export { mulberry32 } from '../../src/overrides/shuffle.js';

export type Spec = null | boolean | number | string | Spec[] | { $float: number | string } | { $int: string } | { $dict: Array<[unknown, Spec]> } | { [key: string]: Spec };

export interface Request {
  op: 'load' | 'merge' | 'update' | 'select' | 'roundtrip';
  src?: Source;
  srcs?: Source[];
  struct?: boolean;
  readonly?: boolean;
  updates?: Array<{ key: string; value: Spec; merge: boolean; forceAdd: boolean }>;
  key?: string;
  default?: Spec;
  throwOnMissing?: boolean;
  gets?: boolean;
  yaml?: boolean;
  extraGets?: Array<Array<string | number>>;
  text?: string;
}
type Source = { yaml: string } | { spec: Spec };
export type Outcome = { v: string } | { e: string; cls: string; msg: string; k?: string };

const resolvers = builtinResolvers.child();
resolvers.registerBuiltin('typed', (call) => new ValueNode('str', `args(${call.args.map(nodeRepr).join(', ')})`));
resolvers.registerBuiltin('ident', (call) => {
  if (call.args.length !== 1) throw new Error(`ident takes 1 argument, got ${call.args.length}`);
  return call.args[0] as Node;
});

export const ENV: Record<string, string> = {
  FUZZ_STR: 'bar',
  FUZZ_EMPTY: '',
  FUZZ_INT: '3308',
  FUZZ_FLOAT: '1.5e3',
  FUZZ_LIST: '[a, 1, 2.0]',
  FUZZ_DICT: '{name: m, size: [1, 2]}',
  FUZZ_INTERP: '${a}',
  FUZZ_BOOL: 'true',
  FUZZ_NULL: 'null',
  FUZZ_QUOTED: "'x, y'",
};

const MAX_GETS = 40;

function num(x: number | string): number {
  if (typeof x === 'number') return x;
  return x === 'nan' ? Number.NaN : x === 'inf' ? Number.POSITIVE_INFINITY : x === '-inf' ? Number.NEGATIVE_INFINITY : Number(x);
}

/** A config node from the JSON form shared with the Python side. */
export function toNode(spec: Spec): Node {
  if (spec === null) return new ValueNode('null', null);
  if (typeof spec === 'boolean') return new ValueNode('bool', spec);
  if (typeof spec === 'number') return new ValueNode(Number.isInteger(spec) ? 'int' : 'float', spec);
  if (typeof spec === 'string') return new ValueNode('str', spec);
  if (Array.isArray(spec)) return new ListNode(spec.map(toNode));
  if ('$float' in spec) return new ValueNode('float', num(spec.$float as number | string));
  if ('$int' in spec) {
    const b = BigInt(spec.$int as string);
    const safe = b >= BigInt(Number.MIN_SAFE_INTEGER) && b <= BigInt(Number.MAX_SAFE_INTEGER);
    return new ValueNode('int', safe ? Number(b) : b);
  }
  const d = new DictNode();
  const entries: Array<[unknown, Spec]> = '$dict' in spec && Array.isArray(spec.$dict) ? (spec.$dict as Array<[unknown, Spec]>) : Object.entries(spec);
  for (const [k, v] of entries) {
    let key: string;
    let kt: KeyType | undefined;
    if (typeof k === 'string') key = k;
    else if (typeof k === 'number') [key, kt] = [String(k), 'int'];
    else if (typeof k === 'boolean') [key, kt] = [k ? 'true' : 'false', 'bool'];
    else if (k && typeof k === 'object' && '$float' in k) [key, kt] = [floatRepr(num((k as { $float: number | string }).$float)), 'float'];
    else throw new Error(`bad key ${JSON.stringify(k)}`);
    d.entries.set(key, toNode(v));
    if (kt) (d.keyTypes ??= new Map()).set(key, kt);
  }
  return d;
}

/** The canonical error kind (see error_kind in omegaconf-oracle.py). */
export function errorKind(e: unknown): string {
  if (e instanceof ConfigLoadError) return 'load';
  if (e instanceof InterpolationSyntaxError) return 'syntax';
  if (e instanceof InterpolationKeyError) return 'interp-key';
  if (e instanceof InterpolationToMissingValueError) return 'interp-missing';
  if (e instanceof InterpolationCycleError) return 'cycle';
  if (e instanceof UnsupportedInterpolationTypeError) return 'unsupported-resolver';
  if (e instanceof ResolverError || e instanceof InterpolationError) return 'interp';
  if (e instanceof MissingMandatoryValueError) return 'missing';
  if (e instanceof ReadonlyConfigError) return 'readonly';
  if (e instanceof ConfigKeyError) return 'key';
  if (e instanceof ConfigTypeError) return 'type';
  if (e instanceof NotAContainer) return 'not-a-container';
  return `crash:${e instanceof Error ? e.constructor.name : typeof e}`;
}

class NotAContainer extends Error {}

function err(e: unknown): Outcome {
  const out: { e: string; cls: string; msg: string; k?: string } = {
    e: errorKind(e),
    cls: e instanceof Error ? e.constructor.name : typeof e,
    msg: (e instanceof ConfigError ? e.reason : e instanceof Error ? e.message : String(e)).split('\n')[0]!.slice(0, 300),
  };
  if (e instanceof ConfigError) out.k = e.fullKey;
  if (out.e.startsWith('crash') && e instanceof Error) out.msg = `${out.msg} @ ${(e.stack ?? '').split('\n').slice(1, 4).join(' | ')}`;
  return out;
}

function build(src: Source): ContainerNode {
  if ('yaml' in src) {
    // As Hydra reads a config file: OmegaConf.load.
    const node = loadConfig({ path: 'fuzz.yaml', configPath: 'fuzz', text: src.yaml }).node;
    if (node === undefined) return new DictNode();
    if (!isContainer(node)) throw new NotAContainer(`top level is a ${node.type}`);
    return node;
  }
  const node = toNode(src.spec);
  checkInterpolations(node);
  return node as ContainerNode;
}

function options(warnings?: Set<string>) {
  return { resolvers, env: ENV, warn: (m: string) => warnings?.add(m) };
}

function displayPaths(node: Node, prefix: Array<string | number>, out: Array<Array<string | number>>): void {
  if (out.length >= MAX_GETS) return;
  if (node.kind === 'dict') {
    for (const [k, v] of node.entries) {
      const p = [...prefix, k];
      out.push(p);
      displayPaths(v, p, out);
    }
  } else if (node.kind === 'list') {
    node.items.forEach((v, i) => {
      const p = [...prefix, i];
      out.push(p);
      displayPaths(v, p, out);
    });
  }
}

function attempt(f: () => string): Outcome {
  try {
    return { v: f() };
  } catch (e) {
    return err(e);
  }
}

function outputs(root: ContainerNode, req: Request): Record<string, unknown> {
  const res: Record<string, unknown> = {};
  res.raw = attempt(() => nodeRepr(root));
  const warnings = new Set<string>();
  res.resolved = attempt(() => nodeRepr(new Resolution(root, options(warnings)).resolveTree()));
  res.warnings = [...warnings].sort();
  if (req.gets ?? true) {
    const ps: Array<Array<string | number>> = [];
    displayPaths(root, [], ps);
    const gets: Array<[Array<string | number>, Outcome]> = ps.slice(0, MAX_GETS).map((p) => [p, attempt(() => nodeRepr(new Resolution(root, options()).get(p)))]);
    for (const extra of req.extraGets ?? []) gets.push([extra, attempt(() => nodeRepr(new Resolution(root, options()).get(extra)))]);
    res.gets = gets;
  }
  if (req.yaml ?? true) res.yaml = attempt(() => toYaml(root));
  return res;
}

export function handle(req: Request): Record<string, unknown> {
  if (req.op === 'roundtrip') {
    try {
      return { v: nodeRepr(build({ yaml: req.text as string })) };
    } catch (e) {
      return { load: err(e) };
    }
  }
  let cfgs: ContainerNode[];
  try {
    cfgs = (req.op === 'merge' ? (req.srcs as Source[]) : [req.src as Source]).map(build);
  } catch (e) {
    return { load: err(e) };
  }
  const root = cfgs[0] as ContainerNode;
  if (req.struct) root.flags = { ...root.flags, struct: true };
  if (req.readonly) root.flags = { ...root.flags, readonly: true };
  try {
    if (req.op === 'merge') {
      for (const other of cfgs.slice(1)) mergeInto(root, other, root, [], { resolvers, env: ENV });
    } else if (req.op === 'update') {
      for (const u of req.updates ?? []) {
        const value = toNode(u.value);
        update(root, u.key, value, { merge: u.merge, forceAdd: u.forceAdd });
        // OmegaConf checks the syntax when the value is assigned, after the key checks.
        checkInterpolations(value);
      }
    } else if (req.op === 'select') {
      const opts: { default?: Node; throwOnMissing?: boolean } = { throwOnMissing: req.throwOnMissing ?? false };
      if ('default' in req) opts.default = toNode(req.default as Spec);
      const hit = new Resolution(root, options()).selectKey(req.key as string, opts);
      return { select: { v: hit === undefined ? 'None' : nodeRepr(hit) } };
    }
  } catch (e) {
    return { op: err(e) };
  }
  return outputs(root, req);
}
