/**
 * YAML as OmegaConf's `to_yaml` prints a config (PyYAML block style): lists under a key are not
 * indented, strings are quoted only when YAML 1.1 or Python would read them as something else,
 * floats use Python's repr. Two deliberate differences, both so the output reads back as written:
 * multi-line strings become literal blocks (OmegaConf folds them into single quotes), and strings
 * OmegaConf writes plain but cannot read back as strings (`1_e5`, `._`) are quoted.
 */
import { floatRepr } from '../../python/float-repr.js';
import type { DictNode, Node } from '../nodes.js';
import { resolvePlainScalar } from '../yaml/resolve-scalar.js';

export function toYaml(node: Node): string {
  const lines: string[] = [];
  if (node.kind === 'dict') writeDict(node, 0, lines);
  else if (node.kind === 'list') writeList(node.items, 0, lines);
  else lines.push(yamlScalar(node));
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
    } else if (isBlock(v)) {
      lines.push(`${key} ${block(v.value as string, indent + 2)}`);
    } else lines.push(`${key} ${yamlScalar(v)}`);
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
    } else if (isBlock(item)) {
      lines.push(`${dash}${block(item.value as string, indent + 2)}`);
    } else lines.push(`${dash}${yamlScalar(item)}`);
  }
}

/**
 * A multi-line string that a literal block can hold: special characters need double quotes, and
 * so does whitespace only (readers disagree on blocks of blank lines; PyYAML quotes them too).
 */
function isBlock(n: Node): boolean {
  if (n.kind !== 'value' || n.type !== 'str') return false;
  const s = n.value as string;
  return s.includes('\n') && /\S/.test(s) && !SPECIAL.test(s);
}

function block(s: string, indent: number): string {
  // Clip keeps one final line break only after content: a string of line breaks only needs keep.
  const chomp = s.endsWith('\n') ? (s.endsWith('\n\n') || s === '\n' ? '+' : '') : '-';
  const body = (s.endsWith('\n') ? s.slice(0, -1) : s).split('\n');
  const lead = /^\s/.test(s) ? String(2) : '';
  return `|${lead}${chomp}\n${body.map((l) => (l === '' ? '' : pad(indent) + l)).join('\n')}`;
}

/** A scalar as PyYAML writes it (plain or quoted strings, `.inf`, `null`, …). */
export function yamlScalar(n: Node): string {
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
      // PyYAML's represent_float: `1e-08` is not a YAML 1.1 float, `1.0e-08` is.
      const r = floatRepr(x);
      return r.includes('.') || !r.includes('e') ? r : r.replace('e', '.0e');
    }
    default:
      return plainOrQuoted(n.value as string);
  }
}

const INDICATOR_START = /^[-?:,[\]{}#&*!|>'"%@`]/;

/**
 * Characters PyYAML writes only escaped in double quotes: controls other than tab and newline,
 * DEL and C1 (with NEL), the YAML 1.1 line breaks LS and PS, BOM, non-characters, lone surrogates.
 */
const SPECIAL = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const ESCAPES: Record<string, string> = {
  '\0': '0', '\x07': 'a', '\b': 'b', '\t': 't', '\n': 'n', '\v': 'v', '\f': 'f', '\r': 'r', '\x1b': 'e',
  '"': '"', '\\': '\\', '\x85': 'N', '\u2028': 'L', '\u2029': 'P',
};

/** A double-quoted scalar with PyYAML's escapes (`\x01`, `\N`, `\uFEFF`). */
function doubleQuoted(s: string): string {
  let out = '"';
  for (const ch of s) {
    const esc = ESCAPES[ch];
    if (esc !== undefined) out += `\\${esc}`;
    else if (SPECIAL.test(ch)) {
      const c = ch.codePointAt(0) as number;
      out += c <= 0xff ? `\\x${c.toString(16).toUpperCase().padStart(2, '0')}` : `\\u${c.toString(16).toUpperCase().padStart(4, '0')}`;
    } else out += ch;
  }
  return `${out}"`;
}

/** A string as PyYAML writes it: plain when safe, else single-quoted (double-quoted with escapes when it must). */
export function plainOrQuoted(s: string): string {
  if (SPECIAL.test(s) || s.includes('\n')) return doubleQuoted(s);
  if (needsQuotes(s)) return `'${s.replace(/'/g, "''")}'`;
  return s;
}

// OmegaConf's to_yaml quotes, beyond what PyYAML needs, every string that a reader could take for
// a bool (YAML 1.1's y/n/on/off family) or that Python's int() or float() accepts (`inf`, `NaN`,
// `1_000`, non-ASCII digits), so that `'y'` and `'inf'` stay strings wherever the YAML goes.
const YAML_BOOL_WORDS = new Set(
  ['y', 'yes', 'n', 'no', 'true', 'false', 'on', 'off'].flatMap((w) => [w, w[0]?.toUpperCase() + w.slice(1), w.toUpperCase()]),
);
const DIGITS = String.raw`\p{Nd}(?:_?\p{Nd})*`;
const PYTHON_INT = new RegExp(String.raw`^[+-]?${DIGITS}$`, 'u');
const PYTHON_FLOAT = new RegExp(
  String.raw`^[+-]?(?:inf|infinity|nan|(?:${DIGITS}(?:\.(?:${DIGITS})?)?|\.${DIGITS})(?:e[+-]?${DIGITS})?)$`,
  'iu',
);

function omegaConfQuotes(s: string): boolean {
  return YAML_BOOL_WORDS.has(s) || PYTHON_INT.test(s) || PYTHON_FLOAT.test(s);
}

function needsQuotes(s: string): boolean {
  if (s === '') return true;
  if (s === '???') return false;
  // Whitespace after `-`, `?`, `:` and before `#` is a space or a tab (PyYAML's analyze_scalar).
  if (INDICATOR_START.test(s) && !(s.length > 1 && (s[0] === '-' || s[0] === '?' || s[0] === ':') && !/[ \t]/.test(s[1] as string))) return true;
  if (/^\s|\s$/.test(s)) return true;
  if (/:[ \t]|[ \t]#/.test(s) || s.endsWith(':')) return true;
  if (/^(?:---|\.\.\.)/.test(s)) return true;
  if (omegaConfQuotes(s)) return true;
  try {
    return resolvePlainScalar(s).type !== 'str';
  } catch {
    return true; // PyYAML cannot even read it plain (e.g. `=`)
  }
}
