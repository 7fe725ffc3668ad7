/**
 * Navigating and editing the config tree by key paths (`a.b`, `a[0]`, `a.0`), with OmegaConf's
 * rules for struct mode and for `OmegaConf.update` (used by value overrides).
 */
import { ConfigKeyError, ConfigTypeError, ReadonlyConfigError, formatKeyPath } from './errors.js';
import { mergeInto, replaceValue } from './merge.js';
import { type ContainerNode, DictNode, type Node, type ValueNode, cloneNode, isContainer } from './nodes.js';

export type KeyPath = (string | number)[];

const KEY_PATH_HEAD = /^(?:\.)*[^.[]*/;
const KEY_PATH_OTHER = /\.([^.[]*)|\[(.*?)\]/g;

/**
 * Split a key path as OmegaConf's `split_key`: `a.b[0].c` → ['a', 'b', '0', 'c'],
 * `.a[b]` → ['', 'a', 'b'] (one '' per leading dot), `[a].b` → ['a', 'b'].
 * Unlike OmegaConf (which returns ['']), the empty key gives [] (the root).
 */
export function splitKey(key: string): string[] {
  if (key === '') return [];
  const head = (KEY_PATH_HEAD.exec(key) as RegExpExecArray)[0];
  const tokens = head.split('.');
  if (head.length === key.length) return tokens;
  // `[a]` or `..[a]`: the head ends with an empty token that is not a key.
  if (key[head.length] === '[' && tokens[tokens.length - 1] === '') tokens.pop();
  for (const m of key.slice(head.length).matchAll(KEY_PATH_OTHER)) tokens.push(m[1] ? m[1] : (m[2] ?? ''));
  return tokens;
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

/** Is the container at `path` read-only (flags inherit from parents; unset is false)? */
export function isReadonlyAt(root: Node, path: readonly (string | number)[]): boolean {
  let node: Node | undefined = root;
  let readonly = false;
  if (isContainer(node) && node.flags?.readonly !== undefined) readonly = node.flags.readonly;
  for (const k of path) {
    if (!node || !isContainer(node)) break;
    node = childOf(node, k);
    if (isContainer(node) && node.flags?.readonly !== undefined) readonly = node.flags.readonly;
  }
  return readonly;
}

/** Refuse to change a read-only container. */
export function checkWritable(root: Node, path: readonly (string | number)[], key: string | number, source?: Node['src']): void {
  if (isReadonlyAt(root, path)) throw new ReadonlyConfigError('Cannot change read-only config container', { path: [...path, key], source });
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
    const step: string | number = node.kind === 'list' ? listIndex(node, k, path, value) : k;
    // OmegaConf's `_select_one` takes a negative index on the way for an absent item, so
    // `a.-1.y` replaces the last item with a new dict instead of merging into it.
    const negative = node.kind === 'list' && (toIndex(k) as number) < 0;
    if (negative || !isContainer(next)) {
      if (node.kind === 'list') {
        next = new DictNode(undefined, value.src);
        node.items[step as number] = next;
      } else {
        if (next === undefined && !opts.forceAdd && isStructAt(root, path)) {
          throw new ConfigKeyError(`Key '${k}' is not in struct`, { path: [...path, k], source: value.src });
        }
        // Replacing a value on the way with `{}` is a change too (OmegaConf: read-only error).
        checkWritable(root, path, k, value.src);
        next = new DictNode(undefined, value.src);
        node.entries.set(k, next);
      }
    }
    // Errors below name the index as written (`a[-1].x`), as OmegaConf's full_key does.
    path.push(negative ? (toIndex(k) as number) : step);
    node = next as ContainerNode;
  }
  const last = parts[parts.length - 1] as string;
  const existing = childOf(node, last);
  // OmegaConf checks struct mode before the read-only flag.
  if (existing === undefined && node.kind === 'dict' && !opts.forceAdd && isStructAt(root, path)) {
    throw new ConfigKeyError(`Key '${last}' is not in struct`, { path: [...path, last], source: value.src });
  }
  checkWritable(root, path, last, value.src);
  if (opts.merge && isContainer(value) && isContainer(existing)) {
    // OmegaConf merges under flag_override(parent, "struct", False) when force_add is set.
    mergeInto(existing, value, root, [...path, last], opts.forceAdd ? { struct: existing.flags?.struct ?? false } : {});
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
    throw new ConfigKeyError(`list index ${idx} out of range (the list has ${list.items.length} items)`, { path: [...path, idx], source: value.src });
  }
  return real;
}

/** Remove the node at `key`. Returns false when it does not exist. */
export function deleteKey(root: ContainerNode, key: string): boolean {
  const parts = splitKey(key);
  const parent = nodeAt(root, parts.slice(0, -1));
  const last = parts[parts.length - 1] as string;
  if (!parent || !isContainer(parent)) return false;
  checkWritable(root, parts.slice(0, -1), last);
  if (parent.kind === 'dict') return parent.entries.delete(last);
  const idx = toIndex(last);
  if (idx === undefined) return false;
  const real = idx < 0 ? parent.items.length + idx : idx;
  if (real < 0 || real >= parent.items.length) return false;
  parent.items.splice(real, 1);
  return true;
}

export { formatKeyPath };
