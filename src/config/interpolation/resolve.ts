/**
 * Resolving interpolations with OmegaConf semantics: a lone `${x}` keeps the type of its target
 * (which may be a container), concatenations are built with Python's `str()`, intermediate
 * interpolations are dereferenced while walking a key path, `???` raises when read, cycles and
 * interpolations to a parent node are detected, and resolver calls get typed arguments.
 *
 * Key paths are walked as OmegaConf's `_select_impl` does: an interpolated key segment must be a
 * string and is re-split (`${${k}}` with k = 'a.b' reads a.b), list indices are non-negative
 * integers, dict keys written as YAML ints/floats/bools are not reachable through a key string.
 *
 * One `Resolution` is one consistent view of a config that must not change while it is in use:
 * results are memoised per key (so every reader of `${x}` sees the same value, even from a
 * resolver that is not cached), cached resolvers (like `now`) return the same value for the same
 * argument text, and "now" is frozen.
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
  MissingMandatoryValueError,
  ResolverError,
  UnsupportedInterpolationTypeError,
  formatKeyPath,
} from '../errors.js';
import { type ContainerNode, DictNode, ListNode, type Node, ValueNode, isContainer, isInterpolation, isMissing, nodeFromJs } from '../nodes.js';
import { nodeRepr } from '../repr.js';
import type { BuiltinCall, LocatedNode, ResolverArgument, ResolverContext, ResolverRegistry } from '../resolvers/registry.js';
import { splitKey } from '../select.js';
import type { Arg, Interpolation, KeyPart, NodeInterpolation, ParsedText, ResolverInterpolation, ScalarArg } from './ast.js';
import { GrammarError, parseText, passesQuickCheck } from './parse.js';

export type KeyPath = (string | number)[];

export interface ResolveOptions {
  /** Where `${name:...}` resolvers are looked up. */
  resolvers: ResolverRegistry;
  /** The environment `oc.env` reads (default: process.env). */
  env?: Readonly<Record<string, string | undefined>>;
  /** The frozen "now" of this resolution (default: the time the Resolution was created). */
  now?: Date;
  /** Where warnings (e.g. `oc.deprecated`) go (default: process.emitWarning). */
  warn?: (message: string) => void;
}

/** A node together with the place it lives (containers reached through `${a}` live at `a`). */
export interface Located {
  node: Node;
  path: KeyPath;
  /** Produced by a resolver: taken literally, never resolved again. */
  final: boolean;
}

const CONTROL_KEY = /[\u0000\u0001]/;

function pathKey(path: readonly (string | number)[]): string {
  // Keys must not collide: the root ('\u0000') is not the key '' (`{'': ...}`), and a key that
  // holds the separators themselves gets an escaped form (JSON after '\u0000').
  if (path.length === 0) return '\u0000';
  if (path.some((k) => typeof k === 'string' && (k === '' || CONTROL_KEY.test(k)))) return `\u0000${JSON.stringify(path)}`;
  return path.length === 1 ? String(path[0]) : path.join('\u0001');
}

/**
 * `Index 'x' (str) is not an int`: a string key used on a list. OmegaConf raises it as a plain
 * TypeError, which `select` does not swallow (unlike "not a container"), so `oc.select` fails.
 */
class IndexTypeError extends ConfigTypeError {}

/** Turn a parse error into a config error naming the key and file. */
export function syntaxError(err: GrammarError, text: string, path: readonly (string | number)[], node: Node): InterpolationSyntaxError {
  return new InterpolationSyntaxError(text, err.column, err.expected, { path, source: node.src });
}

/**
 * Check the interpolation syntax of every string in a tree, as `OmegaConf.create` does: a bad
 * `${...}` is an error when the config is built, not only when the value is read.
 */
export function checkInterpolations(node: Node, path: KeyPath = []): void {
  if (node.kind === 'value') {
    if (isInterpolation(node) && !passesQuickCheck(node.value as string)) {
      try {
        parseText(node.value as string);
      } catch (e) {
        if (e instanceof GrammarError) throw syntaxError(e, node.value as string, path, node);
        throw e;
      }
    }
    return;
  }
  if (node.kind === 'dict') for (const [k, v] of node.entries) checkInterpolations(v, [...path, k]);
  else node.items.forEach((v, i) => checkInterpolations(v, [...path, i]));
}

/** Python's name for the type of a resolved value, for messages. */
function pyType(node: Node): string {
  if (node.kind === 'dict') return "<class 'omegaconf.dictconfig.DictConfig'>";
  if (node.kind === 'list') return "<class 'omegaconf.listconfig.ListConfig'>";
  return { null: "<class 'NoneType'>", bool: "<class 'bool'>", int: "<class 'int'>", float: "<class 'float'>", str: "<class 'str'>" }[node.type];
}

/** A list index as Python's `int()` reads it (`1`, `+1`, ` 1 `, `1_0`), or undefined. */
function indexOf(k: string): number | undefined {
  return /^\s*[+-]?\d+(?:_\d+)*\s*$/.test(k) ? Number(k.replace(/_/g, '').trim()) : undefined;
}

export class Resolution {
  private readonly memo = new Map<string, Located>();
  private readonly active = new Set<string>();
  private readonly resolverCache = new Map<string, Located>();
  private readonly rootLoc: Located;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly now: Date;

  constructor(
    readonly root: ContainerNode,
    readonly options: ResolveOptions,
  ) {
    this.env = options.env ?? process.env;
    this.now = options.now ?? new Date();
    this.rootLoc = { node: root, path: [], final: false };
  }

  /** A fully resolved copy of the subtree at `path` (the whole config by default). */
  resolveTree(path: KeyPath = []): Node {
    return this.materialize(this.getLocated(path), new Set());
  }

  /**
   * The value at `path`, fully resolved, as `cfg.a.b` reads it in OmegaConf: a missing key is a
   * ConfigKeyError and a `???` is a MissingMandatoryValueError.
   */
  get(path: readonly (string | number)[]): Node {
    return this.materialize(this.getLocated(path), new Set());
  }

  private getLocated(path: readonly (string | number)[]): Located {
    let loc = this.rootLoc;
    for (let i = 0; i < path.length; i++) {
      const k = path[i] as string | number;
      loc = this.deref(loc);
      if (!isContainer(loc.node)) {
        throw new ConfigTypeError(`Error trying to access ${formatKeyPath(path.slice(0, i + 1))}: the value at \`${formatKeyPath(loc.path)}\` is not a container`, {
          path: path.slice(0, i + 1),
        });
      }
      const child = this.child(loc, String(k), true, false);
      if (!child) throw new ConfigKeyError(`Missing key ${k}`, { path: [...loc.path, k] });
      loc = child;
    }
    return this.deref(loc);
  }

  /** The resolved node at `path` (a container is returned as it is, not resolved); undefined when absent. */
  select(path: readonly (string | number)[]): Located | undefined {
    const raw = this.walkFrom(this.rootLoc, path.map(String), false, path.join('.'), false);
    return raw ? this.deref(raw) : undefined;
  }

  /**
   * `OmegaConf.select(cfg, key, default=…, throw_on_missing=…)`: the resolved value at `key`
   * (`a.b`, `a[0]`, `.a`), or `opts.default` (undefined if not given) when the key is absent,
   * `???`, or below a value that is not a container. Errors in interpolations are still raised.
   */
  selectKey(key: string, opts: { default?: Node; throwOnMissing?: boolean } = {}): Node | undefined {
    let loc: Located | undefined;
    try {
      loc = this.selectFrom(undefined, key, opts.throwOnMissing ?? false);
    } catch (e) {
      if (e instanceof MissingMandatoryValueError) throw new MissingMandatoryValueError(e.reason, { path: splitKey(key), source: e.source });
      throw e;
    }
    if (!loc || isMissing(loc.node)) return opts.default;
    return this.materialize(loc, new Set());
  }

  /** Resolve a value or subtree to plain JS data (ints > 2^53 stay bigint). */
  toPlain(loc: Located): unknown {
    return this.plainOf(loc, new Set());
  }

  /**
   * The child of a located container, as OmegaConf's `_select_one`: list indices must be
   * integers (negative or out-of-range ones are absent), a `???` raises when `throwOnMissing`,
   * and when `byText` (a key written in an interpolation or a select), dict keys with a YAML
   * int/float/bool type are not found by their text. Paths of the tree itself use `byText = false`.
   */
  private child(loc: Located, key: string, throwOnMissing: boolean, byText = true): Located | undefined {
    const node = loc.node;
    let child: Node | undefined;
    let k: string | number = key;
    if (node.kind === 'dict') {
      child = node.entries.get(key);
      if (byText && child !== undefined && node.keyTypes?.has(key)) child = undefined;
    } else if (node.kind === 'list') {
      const idx = indexOf(key);
      if (idx === undefined) throw new IndexTypeError(`Index '${key}' (str) is not an int`);
      k = idx;
      child = k >= 0 ? node.items[k] : undefined;
    }
    if (child === undefined) return undefined;
    const path = [...loc.path, k];
    if (throwOnMissing && !loc.final && isMissing(child)) {
      throw new MissingMandatoryValueError(`Missing mandatory value: ${formatKeyPath(path)}`, { path, source: child.src });
    }
    return { node: child, path, final: loc.final };
  }

  /**
   * Walk `keys` below `base` as OmegaConf's `_select_impl`: intermediate values are dereferenced
   * and must be containers; the last node is returned as it is (not dereferenced), or undefined
   * when a key is absent.
   */
  private walkFrom(base: Located, keys: readonly string[], throwOnMissing: boolean, keyText: string, byText = true): Located | undefined {
    let cur = base;
    const last = keys.length - 1;
    for (let i = 0; i < last; i++) {
      const next = this.child(cur, keys[i] as string, throwOnMissing, byText);
      if (!next) return undefined;
      const d = this.deref(next);
      // A dict or list a resolver returned (other than oc.create's) is plain data in OmegaConf, not a
      // config node: `${a.b}` cannot step into it, and OmegaConf.select gives its default.
      if (!isContainer(d.node) || d.final) {
        throw new ConfigTypeError(
          `Error trying to access ${keyText}: node \`${keys.slice(0, i + 1).join('.')}\` is not a container and thus cannot contain \`${keys[i + 1]}\``,
        );
      }
      cur = d;
    }
    return last < 0 ? cur : this.child(cur, keys[last] as string, throwOnMissing, byText);
  }

  /** The container `levels` levels above the node at `at` (1 = its parent), or undefined above the root. */
  private ancestor(at: Located, levels: number): Located | undefined {
    if (levels > at.path.length) return undefined;
    const path = at.path.slice(0, at.path.length - levels);
    let loc = this.rootLoc;
    for (const k of path) {
      const next = this.child(this.deref(loc), String(k), false, false);
      if (!next) return undefined;
      loc = next;
    }
    return this.deref(loc);
  }

  /**
   * Select `key` the way `oc.select` and friends do (`select_value(..., absolute_key=True)`):
   * `a.b` from the root, `.x` / `..y` from the parent of `at` upwards. Below a non-container
   * the key is absent. The result is dereferenced; a literal `???` is returned as it is.
   */
  selectFrom(at: Located | undefined, key: string, throwOnMissing: boolean): Located | undefined {
    let base = this.rootLoc;
    let rest = key;
    if (key.startsWith('.')) {
      let dots = 0;
      while (key[dots] === '.') dots++;
      rest = key.slice(dots);
      // From the root (OmegaConf.select), `.a` is the root's own key; from a value, `.a` is a sibling.
      const anc = at ? this.ancestor(at, dots) : dots === 1 ? this.rootLoc : undefined;
      if (!anc) throw new ConfigKeyError(`Error resolving key '${key}'`, { path: at?.path });
      base = anc;
    }
    let raw: Located | undefined;
    try {
      raw = this.walkFrom(base, splitKey(rest), throwOnMissing, rest);
    } catch (e) {
      if (e instanceof ConfigTypeError && !(e instanceof IndexTypeError)) return undefined;
      throw e;
    }
    return raw ? this.deref(raw) : undefined;
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

  /** A key segment or resolver-name segment that is itself an interpolation: it must give a string. */
  private keyString(part: KeyPart, at: Located, what: 'key' | 'name'): string {
    if (typeof part === 'string') return part;
    const loc = this.evalInterp(part, at);
    const n = loc.node;
    if (n.kind === 'value' && n.type === 'str') return n.value as string;
    const shown = n.kind === 'value' ? scalarStr(n.type, n.value) : nodeRepr(n);
    throw new InterpolationError(
      what === 'key'
        ? `The following interpolation is used to denote a config key and thus should return a string, but instead returned \`${shown}\` of type \`${pyType(n)}\`: ${part.text}`
        : `The name of a resolver must be a string, but the interpolation ${part.text} resolved to \`${shown}\` which is of type ${pyType(n)}`,
      { path: at.path, source: at.node.src },
    );
  }

  private evalNodeInterp(interp: NodeInterpolation, at: Located): Located {
    let dots = interp.dots;
    let keys: readonly string[];
    let keyText: string;
    if (interp.path) {
      keys = interp.path;
      keyText = interp.keyText as string;
    } else {
      // OmegaConf joins the key's tokens into a string and splits it again.
      let text = '.'.repeat(dots);
      interp.segments.forEach((seg, i) => {
        const k = this.keyString(seg.key, at, 'key');
        text += seg.bracket ? `[${k}]` : i > 0 ? `.${k}` : k;
      });
      dots = 0;
      while (text[dots] === '.') dots++;
      keyText = text.slice(dots);
      keys = splitKey(keyText);
    }
    const where = { path: at.path, source: at.node.src };
    let base = this.rootLoc;
    if (dots > 0) {
      const anc = this.ancestor(at, dots);
      if (!anc) {
        throw new InterpolationKeyError(`ConfigKeyError while resolving interpolation: Error resolving key '${'.'.repeat(dots)}${keyText}'`, where);
      }
      base = anc;
    }
    let target: Located | undefined;
    try {
      target = this.walkFrom(base, keys, true, keyText);
    } catch (e) {
      if (e instanceof MissingMandatoryValueError) {
        throw new InterpolationToMissingValueError(`MissingMandatoryValue while resolving interpolation: ${e.reason}`, where);
      }
      if (e instanceof ConfigTypeError) throw new InterpolationError(e.reason, where);
      throw e;
    }
    if (!target) {
      throw new InterpolationKeyError(`Interpolation key '${keyText}' not found`, { ...where, hint: this.keyHint(base, keys) });
    }
    // `a: {b: ${a}}`: the value would contain itself. OmegaConf checks the node the key resolves
    // to, so `a: {b: ${c}}, c: ${a}` is caught too (and before a nested key's type check).
    const containsAt = (p: KeyPath): boolean => p.length < at.path.length && p.every((k, i) => k === at.path[i]);
    if (containsAt(target.path)) throw new InterpolationCycleError('Interpolation to parent node detected', where);
    const resolved = this.deref(target);
    if (!resolved.final && resolved !== target && containsAt(resolved.path)) {
      throw new InterpolationCycleError('Interpolation to parent node detected', where);
    }
    return resolved;
  }

  /** "Did you mean" for a key that is not there: the closest sibling of the first missing segment. */
  private keyHint(base: Located, keys: readonly string[]): string | undefined {
    let node: Node | undefined = base.node;
    for (const k of keys) {
      if (!node || node.kind !== 'dict') return undefined;
      const next: Node | undefined = node.entries.get(k);
      if (next === undefined) {
        const m = closestMatch(k, node.entries.keys());
        return m ? `did you mean '${m}'?` : undefined;
      }
      node = next;
    }
    return undefined;
  }

  private evalResolver(interp: ResolverInterpolation, at: Located): Located {
    let name: string;
    if (interp.name.length === 1 && typeof interp.name[0] === 'string') name = interp.name[0];
    else name = interp.name.map((k) => this.keyString(k, at, 'name')).join('.');
    // As in OmegaConf, arguments are evaluated first: before the resolver is looked up (an
    // argument's error wins over an unknown resolver) and before the cache is consulted.
    if (interp.missing !== undefined) this.warnMissing(interp.missing);
    const args = interp.args.map((a) => this.evalArg(a, at));
    const entry = this.options.resolvers.get(name);
    if (!entry) {
      const m = closestMatch(name, this.options.resolvers.names());
      throw new UnsupportedInterpolationTypeError(`Unsupported interpolation type ${name}`, {
        path: at.path,
        source: at.node.src,
        hint: m ? `did you mean '${m}'?` : undefined,
      });
    }
    const cacheKey = entry.cache ? `${name}\u0000${interp.argTexts.join('\u0000')}` : '';
    if (entry.cache) {
      const hit = this.resolverCache.get(cacheKey);
      if (hit) return { ...hit, path: at.path };
    }
    const src = { kind: 'resolver' as const, expression: interp.text };
    let result: Located;
    try {
      if (entry.builtin) {
        const out = entry.builtin(this.builtinCall(args, at));
        // An argument passed through (oc.select's default) keeps its place in the tree.
        const passed = args.find((a) => a.node === out);
        if (passed) result = passed;
        else if (out instanceof ValueNode) result = { node: out, path: at.path, final: true };
        else if (out instanceof DictNode || out instanceof ListNode) result = { node: out, path: at.path, final: false };
        else if (out && typeof out === 'object' && 'node' in out && 'path' in out) {
          const o = out as LocatedNode;
          result = { node: o.node, path: o.path, final: o.final ?? false };
        } else result = { node: nodeFromJs(out, src), path: at.path, final: true };
      } else {
        const fn = entry.user as NonNullable<typeof entry.user>;
        const plainArgs = args.map((a) => this.toPlain(a) as ResolverArgument);
        const out = fn.apply(this.context(at), plainArgs);
        if (out instanceof Promise || (out !== null && typeof out === 'object' && typeof (out as { then?: unknown }).then === 'function')) {
          // A rejected promise nobody awaits would crash the process.
          if (out instanceof Promise) out.catch(() => undefined);
          throw new Error('it returned a Promise; resolvers must be synchronous (compute the value before composing and pass it in)');
        }
        result = { node: nodeFromJs(out, src), path: at.path, final: true };
      }
    } catch (e) {
      if (e instanceof InterpolationError) throw e;
      const msg = e instanceof ConfigError ? e.reason : e instanceof Error ? e.message : String(e);
      throw new ResolverError(`Resolver '${name}' failed in ${interp.text}: ${msg}`, { path: at.path, source: at.node.src, cause: e });
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
        if (arg.missing !== undefined) this.warnMissing(arg.missing);
        return { node: new ListNode(arg.items.map((a) => this.materialize(this.evalArg(a, at), new Set()))), path: at.path, final: true };
      case 'dict': {
        const d = new DictNode();
        // Python dict keys 1, 1.0 and True are one key: the first spelling stays, the last value wins.
        const numeric = new Map<string, string>();
        for (const [k, v] of arg.entries) {
          // Keys are strings in the tree; a typed key remembers its type (`{1: a}`, `{null: a}`).
          let key = k.type === 'str' ? k.value : k.type === 'bool' || k.type === 'null' ? String(k.value) : scalarStr(k.type, k.value);
          const num = numericKeyClass(k);
          const first = num === undefined ? undefined : numeric.get(num);
          if (first !== undefined) key = first;
          else if (num !== undefined) numeric.set(num, key);
          d.entries.set(key, this.materialize(this.evalArg(v, at), new Set()));
          if (first !== undefined) continue;
          if (k.type === 'str') d.keyTypes?.delete(key);
          else (d.keyTypes ??= new Map()).set(key, k.type);
        }
        return { node: d, path: at.path, final: true };
      }
    }
  }

  /** OmegaConf's (deprecated-syntax) warning for `${f:a,,b}` and `[a,,b]`. */
  private warnMissing(sequence: string): void {
    (this.options.warn ?? ((m: string) => process.emitWarning(m)))(
      `In the sequence \`${sequence}\` some elements are missing: please replace them with empty quoted strings. See https://github.com/omry/omegaconf/issues/572 for details.`,
    );
  }

  private context(at: Located): ResolverContext {
    const self = this;
    return {
      key: formatKeyPath(at.path),
      env: this.env,
      now: this.now,
      select(key: string, defaultValue?: unknown): unknown {
        const loc = self.selectFrom(at, key, false);
        if (!loc || (!loc.final && isMissing(loc.node))) return defaultValue;
        return self.toPlain(loc);
      },
    };
  }

  private builtinCall(args: Located[], at: Located): BuiltinCall {
    const self = this;
    return {
      args: args.map((a) => a.node),
      path: at.path,
      context: this.context(at),
      selectNode(key: string, opts?: { throwOnMissing?: boolean }) {
        return self.selectFrom(at, key, opts?.throwOnMissing ?? false);
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
      throw new InterpolationCycleError('Recursive interpolation detected (a container contains itself)', { path: loc.path, source: loc.node.src });
    }
    stack.add(key);
    try {
      const final = resolved.final;
      if (n.kind === 'dict') {
        const out = new DictNode(undefined, n.src);
        if (n.keyTypes) out.keyTypes = new Map(n.keyTypes);
        for (const [k, child] of n.entries) {
          out.entries.set(k, this.leafOr(child, final) ?? this.materialize({ node: child, path: [...resolved.path, k], final }, stack));
        }
        return out;
      }
      const items = new Array<Node>(n.items.length);
      for (let i = 0; i < n.items.length; i++) {
        const child = n.items[i] as Node;
        items[i] = this.leafOr(child, final) ?? this.materialize({ node: child, path: [...resolved.path, i], final }, stack);
      }
      return new ListNode(items, n.src);
    } finally {
      stack.delete(key);
    }
  }

  /** A plain leaf needs no resolution (the common case): skip building its location. */
  private leafOr(child: Node, final: boolean): ValueNode | undefined {
    if (child.kind !== 'value') return undefined;
    if (final || child.type !== 'str' || !(child.value as string).includes('${')) return child;
    return undefined;
  }

  private plainOf(loc: Located, stack: Set<string>): unknown {
    const resolved = this.deref(loc);
    const n = resolved.node;
    if (n.kind === 'value') return n.value;
    const key = pathKey(resolved.path);
    if (stack.has(key)) {
      throw new InterpolationCycleError('Recursive interpolation detected (a container contains itself)', { path: loc.path, source: loc.node.src });
    }
    stack.add(key);
    try {
      const final = resolved.final;
      if (n.kind === 'dict') {
        const out: Record<string, unknown> = {};
        for (const [k, child] of n.entries) {
          const leaf = this.leafOr(child, final);
          out[k] = leaf ? leaf.value : this.plainOf({ node: child, path: [...resolved.path, k], final }, stack);
        }
        return out;
      }
      const items = new Array<unknown>(n.items.length);
      for (let i = 0; i < n.items.length; i++) {
        const child = n.items[i] as Node;
        const leaf = this.leafOr(child, final);
        items[i] = leaf ? leaf.value : this.plainOf({ node: child, path: [...resolved.path, i], final }, stack);
      }
      return items;
    } finally {
      stack.delete(key);
    }
  }
}

/**
 * The number a bool, int or float dict key stands for as Python compares keys (`True == 1 == 1.0`,
 * `-0.0 == 0`), as text; undefined for other keys and for nan (never equal to itself).
 */
function numericKeyClass(k: ScalarArg): string | undefined {
  switch (k.type) {
    case 'bool':
      return k.value ? '1' : '0';
    case 'int':
      return String(k.value);
    case 'float':
      if (Number.isNaN(k.value)) return undefined;
      if (Number.isInteger(k.value)) return BigInt(k.value).toString();
      return String(k.value);
    default:
      return undefined;
  }
}

/** Plain JS data of a resolved tree: ints stay numbers (bigint beyond 2^53), floats numbers. */
export function plain(node: Node): unknown {
  if (node.kind === 'value') return node.value;
  if (node.kind === 'list') {
    const items = node.items;
    const out = new Array<unknown>(items.length);
    for (let i = 0; i < items.length; i++) out[i] = plain(items[i] as Node);
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of node.entries) out[k] = plain(v);
  return out;
}
