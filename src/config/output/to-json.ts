/**
 * JSON as Python's `json.dumps` writes a config: ints without a decimal point, floats in Python's
 * repr (`1.0`, `1e-08`), and the bare tokens `NaN`, `Infinity`, `-Infinity`. The conformance
 * runner and Python tools read this format; JSON.stringify would lose the int/float distinction.
 */
import { floatRepr } from '../../python/float-repr.js';
import type { Node } from '../nodes.js';

export interface JsonOptions {
  /** Spaces per level; 0 writes one line. */
  indent?: number;
}

export function toJson(node: Node, opts: JsonOptions = {}): string {
  const indent = opts.indent ?? 2;
  const out: string[] = [];
  write(node, 0, indent, out);
  return out.join('');
}

export function jsonFloat(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Number.POSITIVE_INFINITY) return 'Infinity';
  if (x === Number.NEGATIVE_INFINITY) return '-Infinity';
  return floatRepr(x);
}

function write(node: Node, depth: number, indent: number, out: string[]): void {
  if (node.kind === 'value') {
    switch (node.type) {
      case 'null':
        out.push('null');
        return;
      case 'bool':
        out.push(node.value ? 'true' : 'false');
        return;
      case 'int':
        out.push(String(node.value));
        return;
      case 'float':
        out.push(jsonFloat(node.value as number));
        return;
      default:
        out.push(JSON.stringify(node.value));
        return;
    }
  }
  const nl = indent > 0 ? `\n${' '.repeat(indent * (depth + 1))}` : '';
  const close = indent > 0 ? `\n${' '.repeat(indent * depth)}` : '';
  const sep = indent > 0 ? ',' : ', ';
  if (node.kind === 'list') {
    if (node.items.length === 0) {
      out.push('[]');
      return;
    }
    out.push('[');
    node.items.forEach((item, i) => {
      if (i > 0) out.push(sep);
      out.push(nl);
      write(item, depth + 1, indent, out);
    });
    out.push(close, ']');
    return;
  }
  if (node.entries.size === 0) {
    out.push('{}');
    return;
  }
  out.push('{');
  let first = true;
  for (const [k, v] of node.entries) {
    if (!first) out.push(sep);
    first = false;
    out.push(nl, JSON.stringify(k), ': ');
    write(v, depth + 1, indent, out);
  }
  out.push(close, '}');
}
