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
  return write(node, 0, opts.indent ?? 2);
}

export function jsonFloat(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Number.POSITIVE_INFINITY) return 'Infinity';
  if (x === Number.NEGATIVE_INFINITY) return '-Infinity';
  return floatRepr(x);
}

const SIMPLE = /^[\w .,:;/@+$%*?=~#!&|^<>()[\]{}'-]*$/;

/** JSON string literal; plain ASCII strings skip JSON.stringify. */
function str(s: string): string {
  return SIMPLE.test(s) ? `"${s}"` : JSON.stringify(s);
}

const pads: string[] = [];
function pad(n: number): string {
  let p = pads[n];
  if (p === undefined) pads[n] = p = `\n${' '.repeat(n)}`;
  return p;
}

function write(node: Node, depth: number, indent: number): string {
  if (node.kind === 'value') {
    switch (node.type) {
      case 'null':
        return 'null';
      case 'bool':
        return node.value ? 'true' : 'false';
      case 'int':
        return String(node.value);
      case 'float':
        return jsonFloat(node.value as number);
      default:
        return str(node.value as string);
    }
  }
  const nl = indent > 0 ? pad(indent * (depth + 1)) : '';
  const close = indent > 0 ? pad(indent * depth) : '';
  const sep = indent > 0 ? ',' : ', ';
  if (node.kind === 'list') {
    if (node.items.length === 0) return '[]';
    let out = '[';
    for (let i = 0; i < node.items.length; i++) {
      if (i > 0) out += sep;
      out += nl + write(node.items[i] as Node, depth + 1, indent);
    }
    return `${out}${close}]`;
  }
  if (node.entries.size === 0) return '{}';
  let out = '{';
  let first = true;
  for (const [k, v] of node.entries) {
    if (!first) out += sep;
    first = false;
    out += `${nl}${str(k)}: ${write(v, depth + 1, indent)}`;
  }
  return `${out}${close}}`;
}
