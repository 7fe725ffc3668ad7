/**
 * Resolving interpolations with OmegaConf semantics: a lone `${x}` keeps the type of its target
 * (which may be a container), concatenations are built with Python's `str()`, intermediate
 * interpolations are dereferenced while walking a key path, `???` raises when read, cycles are
 * detected, and resolver calls get typed arguments.
 *
 * One `Resolution` is one consistent view of a config that must not change while it is in use:
 * results are memoised per key, cached resolvers (like `now`) return the same value for the same
 * arguments, and "now" is frozen.
 */
import { closestMatch } from '../../errors.js';
import { scalarStr } from '../../python/str.js';
import {
  ConfigError,
  ConfigKeyError,
  ConfigTypeError,
  InterpolationCycleError,
  InterpolationError,
  InterpolationKeyError,
  InterpolationSyntaxError,
  InterpolationToMissingValueError,
  ResolverError,
  UnsupportedInterpolationTypeError,
} from '../errors.js';
import { type ContainerNode, DictNode, ListNode, type Node, ValueNode, isContainer, isInterpolation, isMissing, nodeFromJs } from '../nodes.js';
import { nodeRepr } from '../repr.js';
import type { BuiltinCall, LocatedNode, ResolverArgument, ResolverContext, ResolverRegistry } from '../resolvers/registry.js';
import { childOf, splitKey, toIndex } from '../select.js';
import type { Arg, Interpolation, ParsedText } from './ast.js';
import { GrammarError, parseText } from './parse.js';

export type KeyPath = (string | number)[];

export interface ResolveOptions {
  /** Where `${name:...}` resolvers are looked up. */
  resolvers: ResolverRegistry;
  /** The environment `oc.env` reads (default: process.env). */
  env?: Readonly<Record<string, string | undefined>>;
  /** The frozen "now" of this resolution (default: the time the Resolution was created). */
  now?: Date;
  /** Where warnings (e.g. `oc.deprecated`) go. */
  warn?: (message: string) => void;
}

/** A node together with the place it lives (containers reached through `${a}` live at `a`). */
export interface Located {
  node: Node;
  path: KeyPath;
  /** Produced by a resolver: taken literally, never resolved again. */
  final: boolean;
}

function pathKey(path: readonly (string | number)[]): string {
  return path.join('\u0001');
}

/** Turn a parse error into a config error naming the key and file. */
export function syntaxError(err: GrammarError, text: string, path: readonly (string | number)[], node: Node): InterpolationSyntaxError {
  return new InterpolationSyntaxError(text, err.column, err.expected, { path, source: node.src });
}

export class Resolution {
  private readonly memo = new Map<string, Located>();
  private readonly active = new Set<string>();
  private readonly resolverCache = new Map<string, Located>();
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly now: Date;

  constructor(
    readonly root: ContainerNode,
    readonly options: ResolveOptions,
  ) {
    this.env = options.env ?? process.env;
    this.now = options.now ?? new Date();
  }

  /** A fully resolved copy of the subtree at `path` (the whole config by default). */
  resolveTree(path: KeyPath = []): Node {
    const loc = this.walk(path, path);
    if (!loc) throw new ConfigKeyError(`Key not found`, { path });
    return this.materialize(loc, new Set());
  }

  /** The resolved node at `path` (a container is returned as it is, not resolved). */
  select(path: KeyPath): Located | undefined {
    const loc = this.walk(path, path);
    return loc ? this.deref(loc) : undefined;
  }

  /** Resolve a value or subtree to plain JS data (ints > 2^53 stay bigint). */
  toPlain(loc: Located): unknown {
    return plain(this.materialize(loc, new Set()));
  }

  /** Walk a key path from the root, dereferencing interpolations on the way. */
  private walk(path: readonly (string | number)[], forError: readonly (string | number)[]): Located | undefined {
    let loc: Located = { node: this.root, path: [], final: false };
    for (const k of path) {
      loc = this.deref(loc);
      const node = loc.node;
      if (!isContainer(node)) {
        throw new ConfigTypeError(
          `Error trying to access ${formatPath([...loc.path, k])}: node \`${formatPath(loc.path)}\` is not a container and thus cannot contain \`${k}\``,
          { path: forError },
        );
      }
      let key: string | number = k;
      if (node.kind === 'list') {
        const idx = toIndex(k);
        if (idx === undefined) throw new ConfigTypeError(`Index '${k}' (str) is not an int`, { path: forError });
        key = idx;
      }
      const child = childOf(node, key);
      if (child === undefined) return undefined;
      loc = { node: child, path: [...loc.path, key], final: loc.final };
    }
    return loc;
  }

  /** If `loc` holds an interpolation, evaluate it (memoised, cycle-checked). */
  deref(loc: Located): Located {
    if (loc.final || !isInterpolation(loc.node)) return loc;
    const key = pathKey(loc.path);
    const hit = this.memo.get(key);
    if (hit) return hit;
    if (this.active.has(key)) {
      throw new InterpolationCycleError('Recursive interpolation detected', { path: loc.path, source: loc.node.src });
    }
    this.active.add(key);
    let result: Located;
    try {
      result = this.evaluate(loc);
    } finally {
      this.active.delete(key);
    }
    this.memo.set(key, result);
    return result;
  }

  private parse(loc: Located): ParsedText {
    const text = loc.node.kind === 'value' ? (loc.node.value as string) : '';
    try {
      return parseText(text);
    } catch (e) {
      if (e instanceof GrammarError) throw syntaxError(e, text, loc.path, loc.node);
      throw e;
    }
  }

  private evaluate(loc: Located): Located {
    const parsed = this.parse(loc);
    if (parsed.single) return this.evalInterp(parsed.single, loc);
    let s = '';
    for (const part of parsed.parts) s += typeof part === 'string' ? part : this.strOf(this.evalInterp(part, loc));
    return { node: new ValueNode('str', s, loc.node.src), path: loc.path, final: true };
  }

  /** Python `str()` of a resolved value, for string concatenation. */
  strOf(loc: Located): string {
    const n = loc.node;
    if (n.kind === 'value') return scalarStr(n.type, n.value);
    return nodeRepr(n);
  }

  private evalInterp(interp: Interpolation, at: Located): Located {
    if (interp.kind === 'node') return this.evalNodeInterp(interp, at);
    return this.evalResolver(interp, at);
  }

  private evalNodeInterp(interp: Extract<Interpolation, { kind: 'node' }>, at: Located): Located {
    const keys = interp.keys.map((k) => (typeof k === 'string' ? k : this.strOf(this.evalInterp(k, at))));
    const inner = interp.text.slice(2, -1).trim();
    if (interp.dots > at.path.length) {
      throw new InterpolationKeyError(`Error resolving key '${inner}': it goes above the root of the config`, { path: at.path, source: at.node.src });
    }
    const base = interp.dots === 0 ? [] : at.path.slice(0, at.path.length - interp.dots);
    let target: Located | undefined;
    try {
      target = this.walk([...base, ...keys], at.path);
    } catch (e) {
      if (e instanceof ConfigTypeError) throw new InterpolationError(e.reason, { path: at.path, source: at.node.src });
      throw e;
    }
    if (!target) {
      throw new InterpolationKeyError(`Interpolation key '${inner}' not found`, { path: at.path, source: at.node.src, hint: this.keyHint(base, keys) });
    }
    const loc = this.deref(target);
    if (!loc.final && isMissing(loc.node)) {
      throw new InterpolationToMissingValueError(`MissingMandatoryValue while resolving interpolation: Missing mandatory value: ${formatPath(loc.path)}`, {
        path: at.path,
        source: at.node.src,
      });
    }
    return loc;
  }

  /** "Did you mean" for a key that is not there: the closest sibling of the first missing segment. */
  private keyHint(base: KeyPath, keys: string[]): string | undefined {
    let node: Node | undefined = this.root;
    const path = [...base, ...keys];
    for (const k of path) {
      if (!node || !isContainer(node)) return undefined;
      const next: Node | undefined = childOf(node, k);
      if (next === undefined) {
        if (node.kind !== 'dict') return undefined;
        const m = closestMatch(String(k), node.entries.keys());
        return m ? `did you mean '${m}'?` : undefined;
      }
      node = next;
    }
    return undefined;
  }

  private evalResolver(interp: Extract<Interpolation, { kind: 'resolver' }>, at: Located): Located {
    const name = interp.name.map((k) => (typeof k === 'string' ? k : this.strOf(this.evalInterp(k, at)))).join('.');
    const entry = this.options.resolvers.get(name);
    if (!entry) {
      const m = closestMatch(name, this.options.resolvers.names());
      throw new UnsupportedInterpolationTypeError(`Unsupported interpolation type ${name}`, {
        path: at.path,
        source: at.node.src,
        hint: m ? `did you mean '${m}'?` : undefined,
      });
    }
    const cacheKey = `${name}\u0000${interp.text}`;
    if (entry.cache) {
      const hit = this.resolverCache.get(cacheKey);
      if (hit) return hit;
    }
    const args = interp.args.map((a) => this.evalArg(a, at));
    const src = { kind: 'resolver' as const, expression: interp.text };
    let result: Located;
    try {
      if (entry.builtin) {
        const out = entry.builtin(this.builtinCall(args, at));
        if (out && typeof out === 'object' && 'node' in out && 'path' in out && !(out instanceof DictNode) && !(out instanceof ListNode)) {
          const o = out as LocatedNode;
          result = { node: o.node, path: o.path, final: o.final ?? false };
        } else if (out instanceof ValueNode || out instanceof DictNode || out instanceof ListNode) {
          result = { node: out, path: at.path, final: out.kind === 'value' };
        } else result = { node: nodeFromJs(out, src), path: at.path, final: true };
      } else {
        const fn = entry.user as NonNullable<typeof entry.user>;
        const plainArgs = args.map((a) => this.toPlain(a) as ResolverArgument);
        const out = fn.apply(this.context(at), plainArgs);
        if (out instanceof Promise) throw new TydraResolverAsyncError(name);
        result = { node: nodeFromJs(out, src), path: at.path, final: true };
      }
    } catch (e) {
      if (e instanceof ConfigError) throw e;
      const msg = e instanceof Error ? e.message : String(e);
      throw new ResolverError(`Resolver '${name}' failed on ${interp.text}: ${msg}`, { path: at.path, source: at.node.src, cause: e });
    }
    if (entry.cache) this.resolverCache.set(cacheKey, result);
    return result;
  }

  private evalArg(arg: Arg, at: Located): Located {
    switch (arg.kind) {
      case 'scalar':
        return { node: new ValueNode(arg.type, arg.value), path: at.path, final: true };
      case 'interp':
        return this.evalInterp(arg.interp, at);
      case 'concat':
      case 'quoted': {
        let s = '';
        for (const p of arg.parts) s += typeof p === 'string' ? p : this.strOf(this.evalInterp(p, at));
        return { node: new ValueNode('str', s), path: at.path, final: true };
      }
      case 'list':
        return { node: new ListNode(arg.items.map((a) => this.materialize(this.evalArg(a, at), new Set()))), path: at.path, final: true };
      case 'dict': {
        const d = new DictNode();
        for (const [k, v] of arg.entries) {
          const key = k.type === 'str' ? k.value : k.type === 'bool' ? String(k.value) : scalarStr(k.type, k.value);
          d.entries.set(key, this.materialize(this.evalArg(v, at), new Set()));
          if (k.type === 'int' || k.type === 'float' || k.type === 'bool') (d.keyTypes ??= new Map()).set(key, k.type);
        }
        return { node: d, path: at.path, final: true };
      }
    }
  }

  private context(at: Located): ResolverContext {
    const self = this;
    return {
      key: formatPath(at.path),
      env: this.env,
      now: this.now,
      select(key: string): unknown {
        const loc = self.selectRelative(key, at);
        return loc ? self.toPlain(loc) : undefined;
      },
    };
  }

  /** Select an absolute key, or one relative to the parent of `at` (`.x`, `..y`). */
  selectRelative(key: string, at: Located): Located | undefined {
    const parts = splitKey(key);
    let dots = 0;
    while (parts[dots] === '') dots++;
    if (dots > at.path.length) return undefined;
    const base = dots === 0 ? [] : at.path.slice(0, at.path.length - dots);
    const loc = this.walk([...base, ...parts.slice(dots)], at.path);
    return loc ? this.deref(loc) : undefined;
  }

  private builtinCall(args: Located[], at: Located): BuiltinCall {
    const self = this;
    return {
      args: args.map((a) => a.node),
      path: at.path,
      context: this.context(at),
      selectNode(key: string) {
        return self.selectRelative(key, at);
      },
      toPlain(node: Node) {
        return self.toPlain({ node, path: at.path, final: true });
      },
      evaluate(arg: Arg) {
        return self.evalArg(arg, at);
      },
      warn(message: string) {
        (self.options.warn ?? ((m: string) => process.emitWarning(m)))(message);
      },
    };
  }

  /** A fully resolved copy of a located node. */
  materialize(loc: Located, stack: Set<string>): Node {
    const resolved = this.deref(loc);
    const n = resolved.node;
    if (n.kind === 'value') return n;
    const key = pathKey(resolved.path);
    if (stack.has(key)) {
      throw new InterpolationCycleError('Recursive interpolation detected (a container refers to itself)', { path: loc.path, source: loc.node.src });
    }
    stack.add(key);
    try {
      if (n.kind === 'dict') {
        const out = new DictNode(undefined, n.src);
        if (n.keyTypes) out.keyTypes = new Map(n.keyTypes);
        for (const [k, child] of n.entries) {
          out.entries.set(k, this.materialize({ node: child, path: [...resolved.path, k], final: resolved.final }, stack));
        }
        return out;
      }
      return new ListNode(
        n.items.map((child, i) => this.materialize({ node: child, path: [...resolved.path, i], final: resolved.final }, stack)),
        n.src,
      );
    } finally {
      stack.delete(key);
    }
  }
}

class TydraResolverAsyncError extends Error {
  constructor(name: string) {
    super(`resolver '${name}' returned a Promise; resolvers must be synchronous`);
  }
}

/** Plain JS data of a resolved tree: ints stay numbers (bigint beyond 2^53), floats numbers. */
export function plain(node: Node): unknown {
  if (node.kind === 'value') return node.value;
  if (node.kind === 'list') return node.items.map(plain);
  const out: Record<string, unknown> = {};
  for (const [k, v] of node.entries) out[k] = plain(v);
  return out;
}

function formatPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const k of path) out += typeof k === 'number' ? `[${k}]` : out === '' ? k : `.${k}`;
  return out;
}
