/**
 * Resolvers: the functions behind `${name:args}`. Built-ins (oc.env, oc.select, now, …) are
 * registered exactly like user resolvers. Registries chain: a lookup falls back to the parent,
 * so a compose call can use its own registry without touching the process-wide one.
 */
import { TydraError } from '../../errors.js';
import type { Arg } from '../interpolation/ast.js';
import type { Node } from '../nodes.js';

/** A value passed to a user resolver: plain, resolved JSON-like data. */
export type ResolverArgument = null | boolean | number | bigint | string | ResolverArgument[] | { [key: string]: ResolverArgument };

/** What a user resolver can see through `this`. */
export interface ResolverContext {
  /** The full key of the value being resolved, e.g. `db.url`. */
  readonly key: string;
  /**
   * Read another value of the config, resolved to plain data: `a.b` from the root, `.x` / `..y`
   * relative to this value's parent. Returns `defaultValue` (undefined if not given) when the key
   * is absent or `???`, as `oc.select` does.
   */
  select(key: string, defaultValue?: unknown): unknown;
  /** The environment the config is resolved against. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The run's frozen "now". */
  readonly now: Date;
}

/** A user resolver: `registerResolver('add', (a, b) => Number(a) + Number(b))`. */
export type ResolverFunction = (this: ResolverContext, ...args: ResolverArgument[]) => unknown;

export interface ResolverOptions {
  /** Reuse the result for the same arguments within one resolution (OmegaConf's `use_cache`). */
  cache?: boolean;
  /** Replace an existing resolver of the same name instead of failing. */
  replace?: boolean;
}

/** The engine-side view of an argument, for built-ins that need config nodes. */
export interface BuiltinCall {
  /** Evaluated arguments as config nodes (containers keep their place in the tree). */
  readonly args: readonly Node[];
  /** Path of the value being resolved. */
  readonly path: readonly (string | number)[];
  readonly context: ResolverContext;
  /**
   * Select a node as `oc.select` does (absolute `a.b`, or `.relative` to the value's parent),
   * dereferenced; undefined when absent or below a non-container. A literal `???` is returned as
   * it is unless `throwOnMissing`.
   */
  selectNode(key: string, opts?: { throwOnMissing?: boolean }): LocatedNode | undefined;
  /** Resolve a node to plain JS data. */
  toPlain(node: Node): unknown;
  /** Evaluate a parsed element (for `oc.decode`) where the value being resolved lives. */
  evaluate(arg: Arg): LocatedNode;
  warn(message: string): void;
}

/** A node and the place it lives; `final` nodes are taken literally (never resolved again). */
export interface LocatedNode {
  node: Node;
  path: (string | number)[];
  final?: boolean;
}

/**
 * A built-in resolver works on nodes. It returns a container node (which may hold interpolations,
 * resolved where the value lives), a located node, or plain JS data (taken literally).
 */
export type BuiltinResolver = (call: BuiltinCall) => Node | LocatedNode | unknown;

export interface RegisteredResolver {
  readonly name: string;
  readonly cache: boolean;
  readonly user?: ResolverFunction;
  readonly builtin?: BuiltinResolver;
}

export class ResolverRegistry {
  private readonly own = new Map<string, RegisteredResolver>();
  constructor(private readonly parent?: ResolverRegistry) {}

  /** Register a resolver; fails if the name is taken unless `replace` is set. */
  register(name: string, fn: ResolverFunction, options: ResolverOptions = {}): void {
    if (typeof fn !== 'function') throw new TydraError(`The resolver for '${name}' must be a function`);
    this.add({ name, cache: options.cache ?? false, user: fn }, options.replace ?? false);
  }

  /** For built-ins: a resolver that works on config nodes. */
  registerBuiltin(name: string, fn: BuiltinResolver, options: ResolverOptions = {}): void {
    this.add({ name, cache: options.cache ?? false, builtin: fn }, options.replace ?? false);
  }

  private add(entry: RegisteredResolver, replace: boolean): void {
    if (!/^[A-Za-z_][\w-]*(\.[A-Za-z_][\w-]*)*$/.test(entry.name)) {
      throw new TydraError(`Invalid resolver name '${entry.name}': use letters, digits, '_' and '-', with '.' between namespaces (e.g. 'my.add')`);
    }
    if (!replace && this.get(entry.name)) {
      throw new TydraError(`resolver '${entry.name}' is already registered`, { hint: 'pass { replace: true } to replace it' });
    }
    this.own.set(entry.name, entry);
  }

  get(name: string): RegisteredResolver | undefined {
    return this.own.get(name) ?? this.parent?.get(name);
  }

  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  /** Remove a resolver registered in this registry (not in its parents). */
  remove(name: string): boolean {
    return this.own.delete(name);
  }

  /** Names visible from this registry, for did-you-mean suggestions. */
  names(): string[] {
    const out = new Set(this.parent?.names() ?? []);
    for (const k of this.own.keys()) out.add(k);
    return [...out].sort();
  }

  /** A registry that sees this one's resolvers and adds its own. */
  child(): ResolverRegistry {
    return new ResolverRegistry(this);
  }
}
