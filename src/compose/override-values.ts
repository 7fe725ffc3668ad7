/**
 * Turning a parsed override value into a config node (and into the Python-like value Hydra
 * compares with when deleting `~key=value`).
 */
import { DictNode, type KeyType, ListNode, type Node, ValueNode } from '../config/nodes.js';
import type { Source } from '../config/source.js';
import type { Element, Scalar } from '../overrides/types.js';
import { floatRepr } from '../python/float-repr.js';

export function elementToNode(el: Element, src: Source): Node {
  switch (el.kind) {
    case 'null':
      return new ValueNode('null', null, src);
    case 'bool':
      return new ValueNode('bool', el.value, src);
    case 'int':
      return new ValueNode('int', el.value, src);
    case 'float':
      return new ValueNode('float', el.value, src);
    case 'string':
      return new ValueNode('str', el.value, src);
    case 'list':
      return new ListNode(
        el.items.map((i) => elementToNode(i, src)),
        src,
      );
    case 'dict': {
      const d = new DictNode(undefined, src);
      for (const [k, v] of el.entries) {
        const [key, kt] = dictKey(k);
        d.entries.set(key, elementToNode(v, src));
        if (kt) (d.keyTypes ??= new Map()).set(key, kt);
      }
      return d;
    }
  }
}

function dictKey(k: Scalar): [string, KeyType | undefined] {
  switch (k.kind) {
    case 'string':
      return [k.value, undefined];
    case 'int':
      return [String(k.value), 'int'];
    case 'float':
      return [floatRepr(k.value), 'float'];
    case 'bool':
      return [k.value ? 'true' : 'false', 'bool'];
    case 'null':
      return ['null', undefined];
  }
}

/** Python equality between a config value and an override value (`~seed=42`). */
export function sameValue(node: Node, el: Element): boolean {
  if (node.kind === 'value') {
    switch (el.kind) {
      case 'null':
        return node.type === 'null';
      case 'string':
        return node.type === 'str' && node.value === el.value;
      case 'bool':
      case 'int':
      case 'float': {
        // Python: True == 1 == 1.0
        if (node.type !== 'bool' && node.type !== 'int' && node.type !== 'float') return false;
        const a = typeof node.value === 'boolean' ? Number(node.value) : (node.value as number | bigint);
        const b = typeof el.value === 'boolean' ? Number(el.value) : el.value;
        // biome-ignore lint/suspicious/noDoubleEquals: loose equality compares bigint and number exactly
        return a == b;
      }
      default:
        return false;
    }
  }
  if (node.kind === 'list') {
    return el.kind === 'list' && el.items.length === node.items.length && node.items.every((n, i) => sameValue(n, el.items[i] as Element));
  }
  if (el.kind !== 'dict' || el.entries.length !== node.entries.size) return false;
  for (const [k, v] of el.entries) {
    const key = dictKey(k)[0];
    const child = node.entries.get(key);
    if (!child || !sameValue(child, v)) return false;
  }
  return true;
}
