/**
 * YAML as OmegaConf's `to_yaml` prints a config (PyYAML block style): lists under a key are not
 * indented, strings are quoted only when YAML 1.1 would read them as something else, floats use
 * Python's repr, multi-line strings become literal blocks.
 */
import { floatRepr } from '../../python/float-repr.js';
import type { DictNode, Node } from '../nodes.js';
import { resolvePlainScalar } from '../yaml/resolve-scalar.js';

export function toYaml(node: Node): string {
  const lines: string[] = [];
  if (node.kind === 'dict') writeDict(node, 0, lines);
  else if (node.kind === 'list') writeList(node.items, 0, lines);
  else lines.push(scalar(node));
  if (node.kind === 'dict' && node.entries.size === 0) return '{}\n';
  if (node.kind === 'list' && node.items.length === 0) return '[]\n';
  return `${lines.join('\n')}\n`;
}

function pad(n: number): string {
  return ' '.repeat(n);
}

function keyText(d: DictNode, k: string): string {
  if (d.keyTypes?.has(k)) return k;
  return plainOrQuoted(k);
}

function writeDict(d: DictNode, indent: number, lines: string[]): void {
  for (const [k, v] of d.entries) {
    const key = `${pad(indent)}${keyText(d, k)}:`;
    if (v.kind === 'dict') {
      if (v.entries.size === 0) lines.push(`${key} {}`);
      else {
        lines.push(key);
        writeDict(v, indent + 2, lines);
      }
    } else if (v.kind === 'list') {
      if (v.items.length === 0) lines.push(`${key} []`);
      else {
        lines.push(key);
        writeList(v.items, indent, lines);
      }
    } else if (v.type === 'str' && (v.value as string).includes('\n')) {
      lines.push(`${key} ${block(v.value as string, indent + 2)}`);
    } else lines.push(`${key} ${scalar(v)}`);
  }
}

function writeList(items: readonly Node[], indent: number, lines: string[]): void {
  for (const item of items) {
    const dash = `${pad(indent)}- `;
    if (item.kind === 'dict') {
      if (item.entries.size === 0) {
        lines.push(`${dash}{}`);
        continue;
      }
      const sub: string[] = [];
      writeDict(item, indent + 2, sub);
      lines.push(dash + (sub[0] as string).slice(indent + 2), ...sub.slice(1));
    } else if (item.kind === 'list') {
      if (item.items.length === 0) {
        lines.push(`${dash}[]`);
        continue;
      }
      const sub: string[] = [];
      writeList(item.items, indent + 2, sub);
      lines.push(dash + (sub[0] as string).slice(indent + 2), ...sub.slice(1));
    } else if (item.type === 'str' && (item.value as string).includes('\n')) {
      lines.push(`${dash}${block(item.value as string, indent + 2)}`);
    } else lines.push(`${dash}${scalar(item)}`);
  }
}

function block(s: string, indent: number): string {
  const chomp = s.endsWith('\n') ? (s.endsWith('\n\n') ? '+' : '') : '-';
  const body = (s.endsWith('\n') ? s.slice(0, -1) : s).split('\n');
  const lead = /^\s/.test(s) ? String(2) : '';
  return `|${lead}${chomp}\n${body.map((l) => (l === '' ? '' : pad(indent) + l)).join('\n')}`;
}

function scalar(n: Node): string {
  if (n.kind !== 'value') return '';
  switch (n.type) {
    case 'null':
      return 'null';
    case 'bool':
      return n.value ? 'true' : 'false';
    case 'int':
      return String(n.value);
    case 'float': {
      const x = n.value as number;
      if (Number.isNaN(x)) return '.nan';
      if (x === Number.POSITIVE_INFINITY) return '.inf';
      if (x === Number.NEGATIVE_INFINITY) return '-.inf';
      return floatRepr(x);
    }
    default:
      return plainOrQuoted(n.value as string);
  }
}

const INDICATOR_START = /^[-?:,[\]{}#&*!|>'"%@`]/;

/** A string as PyYAML writes it: plain when safe, else single-quoted. */
export function plainOrQuoted(s: string): string {
  if (needsQuotes(s)) return `'${s.replace(/'/g, "''")}'`;
  return s;
}

function needsQuotes(s: string): boolean {
  if (s === '') return true;
  if (s === '???') return false;
  if (INDICATOR_START.test(s) && !(s.length > 1 && (s[0] === '-' || s[0] === '?' || s[0] === ':') && s[1] !== ' ')) return true;
  if (/^\s|\s$/.test(s)) return true;
  if (s.includes(': ') || s.includes(' #') || s.endsWith(':')) return true;
  if (/[\x00-\x08\x0b-\x1f\x7f]/.test(s)) return true;
  if (/^(?:---|\.\.\.)/.test(s)) return true;
  try {
    return resolvePlainScalar(s).type !== 'str';
  } catch {
    return true; // PyYAML cannot even read it plain (e.g. `=`)
  }
}
