/** Config trees as plain JSON (the run index, provenance.json). */
import type { Node } from '../nodes.js';
/** A value that survives JSON.stringify → JSON.parse unchanged. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** Plain JSON of a config tree: ints beyond 2^53 and non-finite floats as strings. */
export function nodeToJson(node: Node): JsonValue {
  if (node.kind === 'value') {
    const v = node.value;
    if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
    if (typeof v === 'number' && !Number.isFinite(v)) return Number.isNaN(v) ? 'nan' : v > 0 ? 'inf' : '-inf';
    return v as JsonValue;
  }
  if (node.kind === 'list') return node.items.map(nodeToJson);
  const out: { [key: string]: JsonValue } = {};
  for (const [k, v] of node.entries) out[k] = nodeToJson(v);
  return out;
}
