/**
 * OmegaConf 2.3 merge semantics (`BaseContainer._map_merge`): dicts merge deeply, lists are
 * replaced, a `???` in the source never overwrites an existing value, a scalar over a dict
 * replaces it, a dict and a list never merge, new keys are rejected in struct mode (inherited
 * from the parents), and a key that holds an interpolation to a container is first replaced by
 * a copy of that container, so that a dict merged into `b: ${a}` extends a copy of `a`.
 */
import { ConfigError, ConfigKeyError, ConfigTypeError, ReadonlyConfigError } from './errors.js';
import { Resolution } from './interpolation/resolve.js';
import { type ContainerNode, type DictNode, type ListNode, type Node, ValueNode, cloneNode, isContainer, isInterpolation, isMissing } from './nodes.js';
import { globalResolvers } from './resolvers/global.js';
import type { ResolverRegistry } from './resolvers/registry.js';
import { isReadonlyAt, isStructAt } from './select.js';

export interface MergeOptions {
  /** Resolvers used to dereference `b: ${...}` before merging a container into it (default: the process-wide registry). */
  resolvers?: ResolverRegistry;
  /** The environment `oc.env` reads while dereferencing (default: process.env). */
  env?: Readonly<Record<string, string | undefined>>;
  /** Struct mode at `dest` (default: inherited from `root` along `path`); a flag set on a node below still applies. */
  struct?: boolean;
}

interface MergeContext {
  root: Node;
  options: MergeOptions;
}

/**
 * Merge `src` into `dest` in place. `root` is the tree `dest` belongs to and `path` is where
 * `dest` sits in it (used to dereference interpolations and to inherit struct mode).
 * @example mergeInto(base, override) // base.a.b = 2 after merging {a: {b: 2}}
 */
export function mergeInto(
  dest: DictNode | ListNode,
  src: DictNode | ListNode,
  root: Node = dest,
  path: (string | number)[] = [],
  options: MergeOptions = {},
): void {
  mergeContainer(dest, src, { root, options }, path, options.struct ?? isStructAt(root, path));
}

function mergeContainer(dest: ContainerNode, src: ContainerNode, ctx: MergeContext, path: (string | number)[], struct: boolean): void {
  if (isReadonlyAt(ctx.root, path)) {
    throw new ReadonlyConfigError('Cannot change read-only config container', { path, source: src.src });
  }
  if (dest.kind === 'dict' && src.kind === 'dict') mergeDict(dest, src, ctx, path, dest.flags?.struct ?? struct);
  else if (dest.kind === 'list' && src.kind === 'list') {
    dest.items.length = 0;
    for (const item of src.items) dest.items.push(cloneNode(item));
  } else {
    // OmegaConf's message, whichever side is the list.
    throw new ConfigTypeError('Cannot merge DictConfig with ListConfig', { path, source: src.src });
  }
  // Flags set on the source carry over to the destination (OmegaConf).
  if (src.flags) {
    const set = Object.fromEntries(Object.entries(src.flags).filter(([, v]) => v !== undefined));
    if (Object.keys(set).length > 0) dest.flags = { ...dest.flags, ...set };
  }
}

function mergeDict(dest: DictNode, src: DictNode, ctx: MergeContext, path: (string | number)[], struct: boolean): void {
  for (const [key, srcNode] of src.entries) {
    let destNode = dest.entries.get(key);
    if (destNode === undefined) {
      if (struct) throw new ConfigKeyError(`Key '${key}' is not in struct`, { path: [...path, key], source: srcNode.src });
      dest.entries.set(key, cloneNode(srcNode));
      const kt = src.keyTypes?.get(key);
      if (kt) (dest.keyTypes ??= new Map()).set(key, kt);
      continue;
    }
    const srcMissing = isMissing(srcNode);
    if (isInterpolation(destNode) && (isContainer(srcNode) || srcMissing)) {
      const target = dereference(ctx, destNode, [...path, key]);
      if (target && isContainer(target)) {
        destNode = cloneNode(target);
        dest.entries.set(key, destNode);
      }
    }
    if (isContainer(destNode)) {
      if (isContainer(srcNode)) mergeContainer(destNode, srcNode, ctx, [...path, key], destNode.flags?.struct ?? struct);
      else if (!srcMissing) dest.entries.set(key, replaceValue(srcNode as ValueNode, destNode));
    } else if (isContainer(srcNode)) {
      dest.entries.set(key, cloneNode(srcNode));
    } else if (!srcMissing) {
      dest.entries.set(key, replaceValue(srcNode, destNode));
    }
  }
}

/**
 * What `dest: ${...}` points to, resolvers included; undefined when it cannot be resolved
 * (OmegaConf dereferences with `throw_on_resolution_failure=False` here).
 */
function dereference(ctx: MergeContext, node: ValueNode, path: (string | number)[]): Node | undefined {
  if (!isContainer(ctx.root)) return undefined;
  try {
    const res = new Resolution(ctx.root, { resolvers: ctx.options.resolvers ?? globalResolvers(), env: ctx.options.env, warn: () => undefined });
    const target = res.deref({ node, path, final: false });
    // A dict returned by a resolver (other than oc.create) is plain data in OmegaConf, not a
    // DictConfig, so the source replaces the interpolation instead of extending a copy.
    return target.final ? undefined : target.node;
  } catch (e) {
    if (e instanceof ConfigError) return undefined;
    throw e;
  }
}

/** The source value, remembering the one it replaced (provenance history). */
export function replaceValue(src: ValueNode, previous: Node): ValueNode {
  return new ValueNode(src.type, src.value, src.src, previous);
}
