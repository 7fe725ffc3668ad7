/**
 * Navigating and editing the config tree by key paths (`a.b`, `a[0]`, `a.0`), with OmegaConf's
 * rules for struct mode and for `OmegaConf.update` (used by value overrides).
 */
import { ConfigKeyError, ConfigTypeError, formatKeyPath } from './errors.js';
import { parseText } from './interpolation/parse.js';
import { mergeInto, replaceValue } from './merge.js';
import { type ContainerNode, DictNode, type Node, type ValueNode, cloneNode, isContainer, isInterpolation } from './nodes.js';

export type KeyPath = (string | number)[];

/** Split `a.b[0].c` into `['a', 'b', '0', 'c']`. Leading dots of relative keys become ''. */
export function splitKey(key: string): string[] {
  if (key === '') return [];
  const out: string[] = [];
  let i = 0;
  while (key[i] === '.') {
    out.push('');
    i++;
  }
  let cur = '';
  for (; i < key.length; i++) {
    const c = key[i] as string;
    if (c === '[') {
      const end = key.indexOf(']', i);
      if (end < 0) {
        cur += key.slice(i);
        break;
      }
      if (cur !== '') out.push(cur);
      cur = '';
      out.push(key.slice(i + 1, end));
      i = end;
      if (key[i + 1] === '.') i++;
    } else if (c === '.') {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  if (cur !== '' || key.endsWith('.')) out.push(cur);
  return out;
}

/** The child of a container by key (list indices given as strings or numbers). */
export function childOf(node: Node, key: string | number): Node | undefined {
  if (node.kind === 'dict') return node.entries.get(String(key));
  if (node.kind === 'list') {
    const idx = toIndex(key);
    if (idx === undefined) return undefined;
    return node.items[idx < 0 ? node.items.length + idx : idx];
  }
  return undefined;
}

export function toIndex(key: string | number): number | undefined {
  if (typeof key === 'number') return Number.isInteger(key) ? key : undefined;
  if (!/^-?\d+$/.test(key)) return undefined;
  return Number(key);
}

/** The node at a path without resolving interpolations (undefined when absent). */
export function nodeAt(root: Node, path: readonly (string | number)[]): Node | undefined {
  let node: Node | undefined = root;
  for (const k of path) {
    if (!node || !isContainer(node)) return undefined;
    node = childOf(node, k);
  }
  return node;
}

/**
 * Follow a plain node interpolation (`${a.b}`, `${..x}`) at `path` to its target, without
 * resolvers. Used by merge, which dereferences `b: ${a}` before merging a dict into it.
 */
export function dereference(root: Node, path: readonly (string | number)[], depth = 0): Node | undefined {
  const node = nodeAt(root, path);
  if (!isInterpolation(node) || depth > 32) return node;
  let parsed: ReturnType<typeof parseText>;
  try {
    parsed = parseText(node.value as string);
  } catch {
    return undefined;
  }
  const single = parsed.single;
  if (!single || single.kind !== 'node' || single.keys.some((k) => typeof k !== 'string')) return undefined;
  const base = single.dots === 0 ? [] : path.slice(0, Math.max(0, path.length - single.dots));
  if (single.dots > path.length) return undefined;
  const target = [...base, ...(single.keys as string[])];
  const hit = nodeAt(root, target);
  if (isInterpolation(hit)) return dereference(root, target, depth + 1);
  return hit;
}

/** Is the container at `path` in struct mode (flags inherit from parents; unset is false)? */
export function isStructAt(root: Node, path: readonly (string | number)[]): boolean {
  let node: Node | undefined = root;
  let struct = false;
  if (isContainer(node) && node.flags?.struct !== undefined) struct = node.flags.struct;
  for (const k of path) {
    if (!node || !isContainer(node)) break;
    node = childOf(node, k);
    if (isContainer(node) && node.flags?.struct !== undefined) struct = node.flags.struct;
  }
  return struct;
}

export interface UpdateOptions {
  /** Merge a container value into an existing container instead of replacing it. */
  merge: boolean;
  /** Add keys even where struct mode forbids it (`+key` / `++key`). */
  forceAdd: boolean;
}

/**
 * Set `key` to `value` as `OmegaConf.update` does: intermediate non-containers become `{}`,
 * struct mode rejects new keys unless `forceAdd`, containers merge when `merge`.
 */
export function update(root: ContainerNode, key: string, value: Node, opts: UpdateOptions): void {
  const parts = splitKey(key);
  if (parts.length === 0 || parts.some((p) => p === '')) {
    throw new ConfigKeyError(`Invalid key '${key}'`, { source: value.src });
  }
  let node: ContainerNode = root;
  const path: KeyPath = [];
  for (let i = 0; i < parts.length - 1; i++) {
    const k = parts[i] as string;
    let next = childOf(node, k);
    if (!isContainer(next)) {
      if (node.kind === 'list') {
        const idx = listIndex(node, k, path, value);
        next = new DictNode(undefined, value.src);
        node.items[idx] = next;
      } else {
        if (next === undefined && !opts.forceAdd && isStructAt(root, path)) {
          throw new ConfigKeyError(`Key '${k}' is not in struct`, { path: [...path, k], source: value.src });
        }
        next = new DictNode(undefined, value.src);
        node.entries.set(k, next);
      }
    }
    path.push(k);
    node = next as ContainerNode;
  }
  const last = parts[parts.length - 1] as string;
  const existing = childOf(node, last);
  if (opts.merge && isContainer(value) && isContainer(existing)) {
    mergeInto(existing, value, root, [...path, last]);
    return;
  }
  const stored = isContainer(value) ? cloneNode(value) : existing ? replaceValue(value as ValueNode, existing) : value;
  if (node.kind === 'list') {
    const idx = listIndex(node, last, path, value);
    node.items[idx] = stored;
    return;
  }
  if (existing === undefined && !opts.forceAdd && isStructAt(root, path)) {
    throw new ConfigKeyError(`Key '${last}' is not in struct`, { path: [...path, last], source: value.src });
  }
  node.entries.set(last, stored);
}

function listIndex(list: { items: Node[] }, k: string, path: KeyPath, value: Node): number {
  const idx = toIndex(k);
  if (idx === undefined) {
    throw new ConfigTypeError(`ListConfig indices must be integers, got '${k}'`, { path: [...path, k], source: value.src });
  }
  const real = idx < 0 ? list.items.length + idx : idx;
  if (real < 0 || real >= list.items.length) {
    throw new ConfigKeyError(`list index ${idx} out of range (the list has ${list.items.length} items)`, { path: [...path, k], source: value.src });
  }
  return real;
}

/** Remove the node at `key`. Returns false when it does not exist. */
export function deleteKey(root: ContainerNode, key: string): boolean {
  const parts = splitKey(key);
  const parent = nodeAt(root, parts.slice(0, -1));
  const last = parts[parts.length - 1] as string;
  if (!parent || !isContainer(parent)) return false;
  if (parent.kind === 'dict') return parent.entries.delete(last);
  const idx = toIndex(last);
  if (idx === undefined) return false;
  const real = idx < 0 ? parent.items.length + idx : idx;
  if (real < 0 || real >= parent.items.length) return false;
  parent.items.splice(real, 1);
  return true;
}

export { formatKeyPath };
