/**
 * Copy-on-write for composed trees. The merged defaults of a sweep's group choices are computed
 * once and shared by every job; a job owns a shallow copy of the root and copies a container
 * only when it changes something inside it (a value override, the hydra node's runtime values).
 */
import { type ContainerNode, DictNode, ListNode, type Node, cloneNode } from '../config/nodes.js';
import { childOf, splitKey, toIndex } from '../config/select.js';

export class Ownership {
  private readonly owned = new WeakSet<ContainerNode>();

  /** A shallow copy of a shared root that this ownership may change. */
  ownRoot(shared: DictNode): DictNode {
    const root = shallowCopy(shared);
    this.owned.add(root);
    return root;
  }

  /** Make every container on `keys` (from `root`) owned, copying shared ones; returns the last one found. */
  ownPath(root: ContainerNode, keys: readonly (string | number)[]): ContainerNode | undefined {
    let node: ContainerNode = root;
    for (const k of keys) {
      const child = childOf(node, k);
      if (!child || child.kind === 'value') return undefined;
      node = this.ownChild(node, k, child);
    }
    return node;
  }

  /** `ownPath` for an override key (`a.b[0].c`). */
  ownKey(root: ContainerNode, key: string): void {
    this.ownPath(root, splitKey(key));
  }

  /** Deep-copy the subtree at `keys` (merges change nested containers). */
  ownSubtree(root: ContainerNode, keys: readonly (string | number)[]): void {
    const parent = this.ownPath(root, keys.slice(0, -1));
    const last = keys[keys.length - 1];
    if (!parent || last === undefined) return;
    const child = childOf(parent, last);
    if (!child || child.kind === 'value') return;
    const copy = cloneNode(child);
    markDeep(copy, this.owned);
    setChild(parent, last, copy);
  }

  private ownChild(parent: ContainerNode, key: string | number, child: ContainerNode): ContainerNode {
    if (this.owned.has(child)) return child;
    const copy = shallowCopy(child);
    this.owned.add(copy);
    setChild(parent, key, copy);
    return copy;
  }
}

function markDeep(n: Node, owned: WeakSet<ContainerNode>): void {
  if (n.kind === 'value') return;
  owned.add(n);
  if (n.kind === 'dict') for (const v of n.entries.values()) markDeep(v, owned);
  else for (const v of n.items) markDeep(v, owned);
}

function setChild(parent: ContainerNode, key: string | number, child: Node): void {
  if (parent.kind === 'dict') parent.entries.set(String(key), child);
  else {
    const i = toIndex(key) as number;
    parent.items[i < 0 ? parent.items.length + i : i] = child;
  }
}

function shallowCopy<T extends ContainerNode>(n: T): T {
  if (n.kind === 'dict') {
    const d = new DictNode(new Map(n.entries), n.src);
    if (n.keyTypes) d.keyTypes = n.keyTypes;
    if (n.flags) d.flags = { ...n.flags };
    return d as T;
  }
  const l = new ListNode([...n.items], n.src);
  if (n.flags) l.flags = { ...n.flags };
  return l as T;
}
