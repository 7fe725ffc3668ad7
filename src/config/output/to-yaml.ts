/**
 * YAML as OmegaConf's `to_yaml` prints a config: PyYAML's emitter in block style (`yaml.dump`
 * with `default_flow_style=False, allow_unicode=True, sort_keys=False`), modelled closely enough
 * to give the same text: lists under a key are not indented, strings are quoted only when YAML
 * 1.1 or Python would read them as something else, floats use Python's repr, lines are folded
 * after column 80, keys that cannot be simple (empty, multi-line, 123+ characters) use `? key`.
 *
 * Deliberate differences, all so the output reads back as written: multi-line strings become
 * literal blocks (OmegaConf folds them into single quotes), strings OmegaConf writes plain but
 * cannot read back as strings (`1_e5`, `._`) are quoted, and strings with NEL, LS or PS are
 * double-quoted with escapes (OmegaConf writes them raw, and NEL does not read back).
 */
import { floatRepr } from '../../python/float-repr.js';
import type { DictNode, KeyType, Node, ScalarType } from '../nodes.js';
import { resolvePlainScalar } from '../yaml/resolve-scalar.js';

/** PyYAML's default `width` and `indent`. */
const BEST_WIDTH = 80;
const BEST_INDENT = 2;

export function toYaml(node: Node): string {
  if (node.kind === 'value') return `${yamlScalar(node)}\n`;
  const e = new Emitter();
  e.node(node, { mapping: false, sequence: false });
  // Document end: finish the last line.
  e.indent = undefined;
  e.writeIndent();
  return e.out;
}

/** A scalar on one line as PyYAML writes a simple key (no folding; multi-line → double quotes). */
export function yamlScalar(n: Node): string {
  if (n.kind !== 'value') return '';
  return singleLine(scalarEvent(n.type, n.value));
}

/** A string on one line: plain when PyYAML would, else quoted. */
export function plainOrQuoted(s: string): string {
  return singleLine(scalarEvent('str', s));
}

function singleLine(ev: ScalarEvent): string {
  const e = new Emitter();
  e.scalar(ev, true);
  return e.out;
}

// ---------------------------------------------------------------------------------------------
// Scalar events: the text, how OmegaConf asks for it to be written, and what PyYAML makes of it
// ---------------------------------------------------------------------------------------------

interface ScalarEvent {
  /** The text as code points (PyYAML counts columns in code points). */
  chars: string[];
  /** OmegaConf's representer asks for single quotes (bool words, Python ints and floats). */
  quote: boolean;
  /** Written plain, the text reads back as this type (PyYAML's `implicit[0]`). */
  plainKeepsType: boolean;
  /** A string (the only type that may become a literal block). */
  isStr: boolean;
  /** Length of PyYAML's `!!str`-style tag, counted against the 128 limit of a simple key. */
  tagLength: number;
}

const TAG_LENGTH: Record<ScalarType, number> = { str: 5, int: 5, float: 7, bool: 6, null: 6 };

function scalarEvent(type: ScalarType, value: unknown): ScalarEvent {
  if (type !== 'str') return { chars: Array.from(typedText(type, value)), quote: false, plainKeepsType: true, isStr: false, tagLength: TAG_LENGTH[type] };
  const s = value as string;
  const plainKeepsType = !dumperTypes(s);
  // tydra quotes what OmegaConf's loader would not read back as this string (`1_e5`, `._`).
  const quote = omegaConfQuotes(s) || (plainKeepsType && !loaderKeepsString(s));
  return { chars: Array.from(s), quote, plainKeepsType, isStr: true, tagLength: TAG_LENGTH.str };
}

function typedText(type: ScalarType, value: unknown): string {
  switch (type) {
    case 'null':
      return 'null';
    case 'bool':
      return value ? 'true' : 'false';
    case 'int':
      return String(value);
    case 'float': {
      const x = value as number;
      if (Number.isNaN(x)) return '.nan';
      if (x === Number.POSITIVE_INFINITY) return '.inf';
      if (x === Number.NEGATIVE_INFINITY) return '-.inf';
      // PyYAML's represent_float: `1e-08` is not a YAML 1.1 float, `1.0e-08` is.
      const r = floatRepr(x);
      return r.includes('.') || !r.includes('e') ? r : r.replace('e', '.0e');
    }
    default:
      return value as string;
  }
}

/** A dict key as a scalar event: its YAML type if it had one, else a string. */
function keyEvent(d: DictNode, k: string): ScalarEvent {
  const kt: KeyType | undefined = d.keyTypes?.get(k);
  switch (kt) {
    case 'int':
      return scalarEvent('int', k);
    case 'bool':
      return scalarEvent('bool', k === 'true');
    case 'null':
      return scalarEvent('null', null);
    case 'float':
      return scalarEvent('float', Number(k === 'inf' ? 'Infinity' : k === '-inf' ? '-Infinity' : k));
    default:
      return scalarEvent('str', k);
  }
}

// PyYAML's default resolver (the dumper's: YAML 1.1 with timestamps): a plain string matching one
// of these would read back as another type, so PyYAML does not write it plain. Python's `$`
// also matches before a final line break.
const DUMPER_TYPES = [
  /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)\n?$/,
  /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))\n?$/,
  /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)\n?$/,
  /^(?:<<)\n?$/,
  /^(?:~|null|Null|NULL|)\n?$/,
  /^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)\n?$/,
  /^(?:=)\n?$/,
];

function dumperTypes(s: string): boolean {
  return DUMPER_TYPES.some((re) => re.test(s));
}

function loaderKeepsString(s: string): boolean {
  try {
    return resolvePlainScalar(s).type === 'str';
  } catch {
    return false; // PyYAML cannot even read it plain (e.g. `=`)
  }
}

// OmegaConf's representer quotes every string that is a YAML 1.1 bool word (`y` and `n` too) or
// that Python's int() or float() accepts (`inf`, `NaN`, `1_000`, ` 1 `, non-ASCII digits).
const YAML_BOOL_WORDS = new Set(
  ['y', 'yes', 'n', 'no', 'true', 'false', 'on', 'off'].flatMap((w) => [w, w[0]?.toUpperCase() + w.slice(1), w.toUpperCase()]),
);
const DIGITS = String.raw`\p{Nd}(?:_?\p{Nd})*`;
const PYTHON_INT = new RegExp(String.raw`^[+-]?${DIGITS}$`, 'u');
const PYTHON_FLOAT = new RegExp(
  String.raw`^[+-]?(?:inf|infinity|nan|(?:${DIGITS}(?:\.(?:${DIGITS})?)?|\.${DIGITS})(?:e[+-]?${DIGITS})?)$`,
  'iu',
);
/** The whitespace Python's int() and float() strip (`str.isspace()`). */
const PY_SPACE = /^[\s\x1c-\x1f\x85]+|[\s\x1c-\x1f\x85]+$/gu;

function omegaConfQuotes(s: string): boolean {
  if (YAML_BOOL_WORDS.has(s)) return true;
  const t = s.replace(PY_SPACE, '');
  return PYTHON_INT.test(t) || PYTHON_FLOAT.test(t);
}

// ---------------------------------------------------------------------------------------------
// PyYAML's analysis of a scalar: which styles can write it
// ---------------------------------------------------------------------------------------------

interface Analysis {
  empty: boolean;
  multiline: boolean;
  allowBlockPlain: boolean;
  allowSingleQuoted: boolean;
  allowBlock: boolean;
}

const LINE_BREAKS = '\n\x85\u2028\u2029';
const BLANK_OR_BREAK = '\0 \t\r\n\x85\u2028\u2029';

/** Printable for PyYAML with allow_unicode (anything else forces double quotes). */
function printable(ch: string): boolean {
  if (ch === '\n' || (ch >= '\x20' && ch <= '\x7e')) return true;
  const c = ch.codePointAt(0) as number;
  if (c === 0xfeff) return false;
  return c === 0x85 || (c >= 0xa0 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) || (c >= 0x10000 && c < 0x10ffff);
}

function analyze(chars: readonly string[]): Analysis {
  const n = chars.length;
  if (n === 0) return { empty: true, multiline: false, allowBlockPlain: true, allowSingleQuoted: true, allowBlock: false };
  let blockIndicators = false;
  let lineBreaks = false;
  let special = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  const text = chars.join('');
  if (text.startsWith('---') || text.startsWith('...')) blockIndicators = true;
  let precededByWs = true;
  let followedByWs = n === 1 || BLANK_OR_BREAK.includes(chars[1] as string);
  let previousSpace = false;
  let previousBreak = false;
  for (let i = 0; i < n; i++) {
    const ch = chars[i] as string;
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(ch)) blockIndicators = true;
      if ((ch === '?' || ch === ':') && followedByWs) blockIndicators = true;
      if (ch === '-' && followedByWs) blockIndicators = true;
    } else {
      if (ch === ':' && followedByWs) blockIndicators = true;
      if (ch === '#' && precededByWs) blockIndicators = true;
    }
    if (LINE_BREAKS.includes(ch)) lineBreaks = true;
    // tydra also double-quotes NEL, LS and PS: PyYAML folds them as line breaks (NEL does not
    // even read back), and YAML 1.2 readers do not take them for line breaks at all.
    if (!printable(ch) || ch === '\x85' || ch === '\u2028' || ch === '\u2029') special = true;
    if (ch === ' ') {
      if (i === 0) leadingSpace = true;
      if (i === n - 1) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (LINE_BREAKS.includes(ch)) {
      if (i === 0) leadingBreak = true;
      if (i === n - 1) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWs = BLANK_OR_BREAK.includes(ch);
    followedByWs = i + 2 >= n || BLANK_OR_BREAK.includes(chars[i + 2] as string);
  }
  let allowBlockPlain = true;
  let allowSingleQuoted = true;
  let allowBlock = true;
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) allowBlockPlain = false;
  if (trailingSpace) allowBlock = false;
  if (breakSpace) allowBlockPlain = allowSingleQuoted = false;
  if (spaceBreak || special) allowBlockPlain = allowSingleQuoted = allowBlock = false;
  if (lineBreaks) allowBlockPlain = false;
  if (blockIndicators) allowBlockPlain = false;
  return { empty: false, multiline: lineBreaks, allowBlockPlain, allowSingleQuoted, allowBlock };
}

type Style = 'plain' | 'single' | 'double' | 'literal';

function chooseStyle(ev: ScalarEvent, a: Analysis, simpleKey: boolean, allowLiteral: boolean): Style {
  if (!ev.quote && ev.plainKeepsType && !(simpleKey && (a.empty || a.multiline)) && a.allowBlockPlain) return 'plain';
  // tydra: a multi-line string that a literal block can hold is written as one (readers
  // disagree on blocks of blank lines, so whitespace-only text keeps PyYAML's quotes).
  if (allowLiteral && ev.isStr && !simpleKey && a.multiline && a.allowBlock && ev.chars.some((c) => !/\s/u.test(c))) return 'literal';
  if (a.allowSingleQuoted && !(simpleKey && a.multiline)) return 'single';
  return 'double';
}

// ---------------------------------------------------------------------------------------------
// The emitter
// ---------------------------------------------------------------------------------------------

const ESCAPES: Record<string, string> = {
  '\0': '0', '\x07': 'a', '\b': 'b', '\t': 't', '\n': 'n', '\v': 'v', '\f': 'f', '\r': 'r', '\x1b': 'e',
  '"': '"', '\\': '\\', '\x85': 'N', '\u2028': 'L', '\u2029': 'P',
};

/** Written as is inside double quotes (PyYAML: printable ASCII and the BMP, minus a few). */
function unescapedInDouble(ch: string): boolean {
  if ('"\\\x85\u2028\u2029\ufeff'.includes(ch)) return false;
  if (ch >= '\x20' && ch <= '\x7e') return true;
  const c = ch.codePointAt(0) as number;
  return (c >= 0xa0 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd);
}

function escapeChar(ch: string): string {
  const esc = ESCAPES[ch];
  if (esc !== undefined) return `\\${esc}`;
  const c = ch.codePointAt(0) as number;
  const hex = c.toString(16).toUpperCase();
  return c <= 0xff ? `\\x${hex.padStart(2, '0')}` : c <= 0xffff ? `\\u${hex.padStart(4, '0')}` : `\\U${hex.padStart(8, '0')}`;
}

interface NodeContext {
  mapping: boolean;
  sequence: boolean;
}

/** The state PyYAML's emitter keeps while writing: column, indentation and whitespace flags. */
class Emitter {
  out = '';
  column = 0;
  whitespace = true;
  indention = true;
  indent: number | undefined = undefined;
  private readonly indents: Array<number | undefined> = [];

  node(node: Node, ctx: NodeContext): void {
    if (node.kind === 'value') {
      this.increaseIndent(true);
      this.scalar(scalarEvent(node.type, node.value), false);
      this.indent = this.indents.pop();
    } else if (node.kind === 'dict') {
      if (node.entries.size === 0) this.emptyFlow('{', '}');
      else this.mapping(node);
    } else if (node.items.length === 0) this.emptyFlow('[', ']');
    else this.sequence(node.items, ctx);
  }

  private emptyFlow(open: string, close: string): void {
    this.writeIndicator(open, true, true);
    this.writeIndicator(close, false);
  }

  private mapping(d: DictNode): void {
    this.increaseIndent(false);
    for (const [k, v] of d.entries) {
      this.writeIndent();
      const key = keyEvent(d, k);
      const a = analyze(key.chars);
      if (key.tagLength + key.chars.length < 128 && !a.empty && !a.multiline) {
        this.keyScalar(key, true);
        this.writeIndicator(':', false);
      } else {
        this.writeIndicator('?', true, false, true);
        this.keyScalar(key, false);
        this.writeIndent();
        this.writeIndicator(':', true, false, true);
      }
      this.node(v, { mapping: true, sequence: false });
    }
    this.indent = this.indents.pop();
  }

  private keyScalar(ev: ScalarEvent, simpleKey: boolean): void {
    this.increaseIndent(true);
    this.scalar(ev, simpleKey, false);
    this.indent = this.indents.pop();
  }

  private sequence(items: readonly Node[], ctx: NodeContext): void {
    this.increaseIndent(false, ctx.mapping && !this.indention);
    for (const item of items) {
      this.writeIndent();
      this.writeIndicator('-', true, false, true);
      this.node(item, { mapping: false, sequence: true });
    }
    this.indent = this.indents.pop();
  }

  private increaseIndent(flow: boolean, indentless = false): void {
    this.indents.push(this.indent);
    if (this.indent === undefined) this.indent = flow ? BEST_INDENT : 0;
    else if (!indentless) this.indent += BEST_INDENT;
  }

  /** One scalar; in a simple key (or on one line) nothing is folded. Keys are never literal blocks. */
  scalar(ev: ScalarEvent, simpleKey: boolean, allowLiteral = true): void {
    const a = analyze(ev.chars);
    const split = !simpleKey;
    switch (chooseStyle(ev, a, simpleKey, allowLiteral)) {
      case 'plain':
        return this.writePlain(ev.chars, split);
      case 'single':
        return this.writeSingleQuoted(ev.chars, split);
      case 'double':
        return this.writeDoubleQuoted(ev.chars, split);
      case 'literal':
        return this.writeLiteral(ev.chars);
    }
  }

  private write(data: string, width = Array.from(data).length): void {
    this.out += data;
    this.column += width;
  }

  writeIndicator(indicator: string, needWhitespace: boolean, whitespace = false, indention = false): void {
    const data = this.whitespace || !needWhitespace ? indicator : ` ${indicator}`;
    this.whitespace = whitespace;
    this.indention = this.indention && indention;
    this.write(data);
  }

  writeIndent(): void {
    const indent = this.indent ?? 0;
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) this.writeLineBreak();
    if (this.column < indent) {
      this.whitespace = true;
      this.write(' '.repeat(indent - this.column));
    }
  }

  private writeLineBreak(data = '\n'): void {
    this.whitespace = true;
    this.indention = true;
    this.out += data;
    this.column = 0;
  }

  private writeBreaks(breaks: readonly string[]): void {
    for (const br of breaks) this.writeLineBreak(br === '\n' ? '\n' : br);
  }

  private writePlain(text: readonly string[], split: boolean): void {
    if (text.length === 0) return;
    if (!this.whitespace) this.write(' ');
    this.whitespace = false;
    this.indention = false;
    let spaces = false;
    let breaks = false;
    let start = 0;
    for (let end = 0; end <= text.length; end++) {
      const ch = end < text.length ? text[end] : undefined;
      if (spaces) {
        if (ch !== ' ') {
          if (start + 1 === end && this.column > BEST_WIDTH && split) {
            this.writeIndent();
            this.whitespace = false;
            this.indention = false;
          } else this.write(text.slice(start, end).join(''), end - start);
          start = end;
        }
      } else if (breaks) {
        if (ch === undefined || !LINE_BREAKS.includes(ch)) {
          if (text[start] === '\n') this.writeLineBreak();
          this.writeBreaks(text.slice(start, end));
          this.writeIndent();
          this.whitespace = false;
          this.indention = false;
          start = end;
        }
      } else if (ch === undefined || ch === ' ' || LINE_BREAKS.includes(ch)) {
        this.write(text.slice(start, end).join(''), end - start);
        start = end;
      }
      if (ch !== undefined) {
        spaces = ch === ' ';
        breaks = LINE_BREAKS.includes(ch);
      }
    }
  }

  private writeSingleQuoted(text: readonly string[], split: boolean): void {
    this.writeIndicator("'", true);
    let spaces = false;
    let breaks = false;
    let start = 0;
    for (let end = 0; end <= text.length; end++) {
      const ch = end < text.length ? text[end] : undefined;
      if (spaces) {
        if (ch !== ' ') {
          if (start + 1 === end && this.column > BEST_WIDTH && split && start !== 0 && end !== text.length) this.writeIndent();
          else this.write(text.slice(start, end).join(''), end - start);
          start = end;
        }
      } else if (breaks) {
        if (ch === undefined || !LINE_BREAKS.includes(ch)) {
          if (text[start] === '\n') this.writeLineBreak();
          this.writeBreaks(text.slice(start, end));
          this.writeIndent();
          start = end;
        }
      } else if (ch === undefined || ch === ' ' || LINE_BREAKS.includes(ch) || ch === "'") {
        if (start < end) {
          this.write(text.slice(start, end).join(''), end - start);
          start = end;
        }
      }
      if (ch === "'") {
        this.write("''");
        start = end + 1;
      }
      if (ch !== undefined) {
        spaces = ch === ' ';
        breaks = LINE_BREAKS.includes(ch);
      }
    }
    this.writeIndicator("'", false);
  }

  private writeDoubleQuoted(text: readonly string[], split: boolean): void {
    this.writeIndicator('"', true);
    let start = 0;
    for (let end = 0; end <= text.length; end++) {
      const ch = end < text.length ? text[end] : undefined;
      if (ch === undefined || !unescapedInDouble(ch)) {
        if (start < end) {
          this.write(text.slice(start, end).join(''), end - start);
          start = end;
        }
        if (ch !== undefined) {
          this.write(escapeChar(ch));
          start = end + 1;
        }
      }
      if (end > 0 && end < text.length - 1 && (ch === ' ' || start >= end) && this.column + (end - start) > BEST_WIDTH && split) {
        this.write(`${text.slice(start, end).join('')}\\`, end - start + 1);
        if (start < end) start = end;
        this.writeIndent();
        this.whitespace = false;
        this.indention = false;
        if (text[start] === ' ') this.write('\\');
      }
    }
    this.writeIndicator('"', false);
  }

  /** tydra's literal block (PyYAML's write_literal with its block hints). */
  private writeLiteral(text: readonly string[]): void {
    const first = text[0] as string;
    const last = text[text.length - 1] as string;
    let hints = ' \n\x85\u2028\u2029'.includes(first) ? String(BEST_INDENT) : '';
    if (!LINE_BREAKS.includes(last)) hints += '-';
    else if (text.length === 1 || LINE_BREAKS.includes(text[text.length - 2] as string)) hints += '+';
    this.writeIndicator(`|${hints}`, true);
    this.writeLineBreak();
    let breaks = true;
    let start = 0;
    for (let end = 0; end <= text.length; end++) {
      const ch = end < text.length ? text[end] : undefined;
      if (breaks) {
        if (ch === undefined || !LINE_BREAKS.includes(ch)) {
          this.writeBreaks(text.slice(start, end));
          if (ch !== undefined) this.writeIndent();
          start = end;
        }
      } else if (ch === undefined || LINE_BREAKS.includes(ch)) {
        this.write(text.slice(start, end).join(''), end - start);
        if (ch === undefined) this.writeLineBreak();
        start = end;
      }
      if (ch !== undefined) breaks = LINE_BREAKS.includes(ch);
    }
  }
}
