/**
 * Python `repr()` of config containers, as OmegaConf prints them when a container is used in a
 * string interpolation (`"v${d}"` → `"v{'a': 1}"`). Children are shown as authored (unresolved).
 */
import { scalarRepr, strRepr } from '../python/str.js';
import type { Node } from './nodes.js';

export function nodeRepr(node: Node): string {
  if (node.kind === 'value') return scalarRepr(node.type, node.value);
  if (node.kind === 'list') return `[${node.items.map(nodeRepr).join(', ')}]`;
  const parts: string[] = [];
  for (const [k, v] of node.entries) {
    const kt = node.keyTypes?.get(k);
    const key = kt === 'bool' ? (k === 'true' ? 'True' : 'False') : kt === 'null' ? 'None' : kt ? k : strRepr(k);
    parts.push(`${key}: ${nodeRepr(v)}`);
  }
  return `{${parts.join(', ')}}`;
}
