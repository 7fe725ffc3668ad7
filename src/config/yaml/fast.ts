/**
 * A small YAML parser for the subset real config files use: block maps and sequences, flow
 * collections, plain scalars (multi-line too, in block context), single-line quoted scalars,
 * literal and folded block scalars, comments, LF or CRLF line breaks. It exists to keep
 * `tydra compose` fast (no `yaml` import, no warm-up) and must never disagree with the slow path
 * (`slow.ts`): on anything it is not sure about it returns `BAIL` and the caller parses again with
 * the `yaml` package, which also produces every error message.
 *
 * Bails on: anchors, aliases, tags, directives, `?` keys, merge keys (`<<`), tabs, lone CR, BOM and
 * other non-printable characters, `...` and second documents, content after `---` on its line,
 * multi-line quoted scalars and multi-line plain scalars in flow collections, `:` and `?` inside
 * flow plain scalars, explicit block indentation indicators, keys equal to an earlier key, and
 * every construct that would be a syntax error. Differential tests against the slow path hold it
 * to that (test/config/yaml/differential.test.ts).
 */
import type { YamlMap, YamlNode, YamlPair, YamlScalar, YamlSeq } from './ast.js';
import { keyIdentity } from './key-identity.js';

/** Returned by `parseYamlFast` when the input needs the full parser. */
export const BAIL: unique symbol = Symbol('tydra.yaml.bail');
export type Bail = typeof BAIL;

/**
 * Parses `text` if it is in the fast subset; `undefined` for an empty document, `BAIL` otherwise.
 * Never throws.
 * @example parseYamlFast('a: 1') // { kind: 'map', entries: [{ key: …'a', value: …'1' }], offset: 0, flow: false }
 */
export function parseYamlFast(text: string): YamlNode | undefined | Bail {
  return text.includes('\r') ? parseCrlf(text) : parseLf(text);
}

/**
 * CRLF input: parsed with `\n` line breaks (YAML normalises breaks inside scalars too), then
 * offsets moved back to the original text. A lone CR bails.
 */
function parseCrlf(text: string): YamlNode | undefined | Bail {
  const normalized = text.replace(/\r\n/g, '\n');
  if (normalized.includes('\r')) return BAIL;
  const node = parseLf(normalized);
  if (node === BAIL || node === undefined) return node;
  // Where each removed CR's line break sits in the normalised text (line endings may be mixed).
  const breaks: number[] = [];
  for (let i = text.indexOf('\r\n'); i !== -1; i = text.indexOf('\r\n', i + 2)) breaks.push(i - breaks.length);
  shiftOffsets(node, breaks);
  return node;
}

/** Adds to each offset the number of removed CRs before it. */
function shiftOffsets(node: YamlNode, breaks: number[]): void {
  let lo = 0;
  let hi = breaks.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (breaks[mid]! < node.offset) lo = mid + 1;
    else hi = mid;
  }
  node.offset += lo;
  if (node.kind === 'seq') {
    for (const item of node.items) shiftOffsets(item, breaks);
  } else if (node.kind === 'map') {
    for (const pair of node.entries) {
      shiftOffsets(pair.key, breaks);
      shiftOffsets(pair.value, breaks);
    }
  }
}

function parseLf(text: string): YamlNode | undefined | Bail {
  if (UNSUPPORTED_CHAR.test(text)) return BAIL;
  src = text;
  len = text.length;
  pos = 0;
  lineStart = 0;
  indent = -1;
  flowDepth = 0;
  try {
    return parseDocument();
  } catch {
    // `Stop` from bail(), or an input this parser did not foresee: the slow path decides.
    return BAIL;
  } finally {
    src = '';
  }
}

// Tabs, CR, C0/C1 controls, YAML 1.1 line breaks (NEL, LS, PS), BOM, non-characters, lone surrogates.
const UNSUPPORTED_CHAR =
  /[\t\r\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const DOCUMENT_MARKER = /^(?:---|\.\.\.)(?:[ \n]|$)/gm;

const NL = 10;
const SPACE = 32;
const BANG = 33;
const DQUOTE = 34;
const HASH = 35;
const PERCENT = 37;
const AMP = 38;
const SQUOTE = 39;
const STAR = 42;
const PLUS = 43;
const COMMA = 44;
const DASH = 45;
const COLON = 58;
const GT = 62;
const QUESTION = 63;
const AT = 64;
const LBRACKET = 91;
const BACKSLASH = 92;
const RBRACKET = 93;
const BACKTICK = 96;
const LBRACE = 123;
const PIPE = 124;
const RBRACE = 125;

/** Thrown to unwind the parser when it bails. */
class Stop {}
const STOP = new Stop();
function bail(): never {
  throw STOP;
}

// Parser state (the parser is synchronous and not re-entrant).
let src = '';
let len = 0;
/** Current position. */
let pos = 0;
/** Start of the line `pos` is on. */
let lineStart = 0;
/** Column of the current content line's first character, -1 at end of input (after `skipToContent`). */
let indent = -1;
/** How many flow collections enclose `pos`. */
let flowDepth = 0;

function parseDocument(): YamlNode | undefined {
  skipToContent();
  if (indent === 0 && src.startsWith('---', pos) && isBlankAt(pos + 3)) {
    pos += 3;
    endOfLine(false);
  }
  DOCUMENT_MARKER.lastIndex = pos;
  if (DOCUMENT_MARKER.test(src)) bail();
  if (pos >= len) return undefined;
  const node = parseBlockNode(-1);
  if (pos < len) bail();
  return node;
}

/** From the start of a line, skips blank and comment lines; leaves `pos` on the next content. */
function skipToContent(): void {
  for (;;) {
    let p = pos;
    while (p < len && src.charCodeAt(p) === SPACE) p++;
    if (p >= len) {
      pos = len;
      indent = -1;
      return;
    }
    const c = src.charCodeAt(p);
    if (c === NL) {
      pos = lineStart = p + 1;
    } else if (c === HASH) {
      const nl = src.indexOf('\n', p);
      if (nl < 0) {
        pos = len;
        indent = -1;
        return;
      }
      pos = lineStart = nl + 1;
    } else {
      pos = p;
      indent = p - lineStart;
      return;
    }
  }
}

/**
 * After a token: allows spaces and a comment up to the line break, then moves to the next
 * content line. With `commentNeedsSpace`, a `#` glued to the token bails (a syntax error in YAML 1.2).
 */
function endOfLine(commentNeedsSpace = true): void {
  const start = pos;
  let p = pos;
  while (p < len && src.charCodeAt(p) === SPACE) p++;
  if (p < len) {
    const c = src.charCodeAt(p);
    if (c === HASH) {
      if (commentNeedsSpace && p === start) bail();
      const nl = src.indexOf('\n', p);
      p = nl < 0 ? len : nl;
    } else if (c !== NL) bail();
  }
  if (p >= len) {
    pos = len;
    indent = -1;
    return;
  }
  pos = lineStart = p + 1;
  skipToContent();
}

function isBlankAt(p: number): boolean {
  if (p >= len) return true;
  const c = src.charCodeAt(p);
  return c === SPACE || c === NL;
}

function isSeqIndicator(p: number): boolean {
  return src.charCodeAt(p) === DASH && isBlankAt(p + 1);
}

function emptyScalar(offset: number): YamlScalar {
  return { kind: 'scalar', text: '', style: 'plain', offset };
}

/** A node starting at the first content of a line (`pos`, column `indent`) inside a block at `parent`. */
function parseBlockNode(parent: number): YamlNode {
  const col = indent;
  const c = src.charCodeAt(pos);
  if (c === DASH && isBlankAt(pos + 1)) return parseBlockSeq(col);
  if (c === LBRACKET || c === LBRACE) {
    const node = parseFlowCollection(parent);
    endOfLine();
    if (indent > parent) bail();
    return node;
  }
  const scalar = parseInlineScalar();
  if (atMapIndicator()) return parseBlockMap(col, scalar);
  if (scalar.style === 'plain') continuePlain(scalar, parent);
  endOfLine();
  if (indent > parent) bail();
  return scalar;
}

/** If the next non-space character is a `:` followed by a blank, consumes it. */
function atMapIndicator(): boolean {
  let p = pos;
  while (p < len && src.charCodeAt(p) === SPACE) p++;
  if (src.charCodeAt(p) === COLON && isBlankAt(p + 1)) {
    pos = p + 1;
    return true;
  }
  return false;
}

function parseBlockMap(col: number, firstKey: YamlScalar): YamlMap {
  const entries: YamlPair[] = [];
  const seen: string[] = [];
  let key = firstKey;
  for (;;) {
    // An implicit key is at most 1024 characters long; merge keys need the slow path.
    if (pos - key.offset > 1000 || (key.style === 'plain' && key.text === '<<')) bail();
    addKey(seen, key);
    entries.push({ key, value: parseBlockValue(col, true) });
    if (indent !== col) {
      if (indent > col) bail();
      break;
    }
    const c = src.charCodeAt(pos);
    if (c === LBRACKET || c === LBRACE) bail();
    key = parseInlineScalar();
    if (!atMapIndicator()) bail();
  }
  return { kind: 'map', entries, offset: firstKey.offset, flow: false };
}

/** Records a map key; bails on a key equal to an earlier one (the slow path reports or merges it). */
function addKey(seen: string[], key: YamlScalar): void {
  // A linear scan: config maps are small, and it is cheaper than a Set before the JIT warms up.
  const id = keyIdentity(key);
  if (seen.includes(id)) bail();
  seen.push(id);
}

function parseBlockSeq(col: number): YamlSeq {
  const offset = pos;
  const items: YamlNode[] = [];
  for (;;) {
    pos++;
    items.push(parseBlockValue(col, false));
    if (indent !== col || !isSeqIndicator(pos)) {
      if (indent > col) bail();
      break;
    }
  }
  return { kind: 'seq', items, offset, flow: false };
}

/** The value after a map's `:` or a sequence's `-` (at `pos`), in a block collection at column `col`. */
function parseBlockValue(col: number, inMap: boolean): YamlNode {
  let p = pos;
  while (p < len && src.charCodeAt(p) === SPACE) p++;
  const c = p < len ? src.charCodeAt(p) : NL;
  if (c === NL || c === HASH) {
    pos = p;
    endOfLine(false);
    if (indent > col) return parseBlockNode(col);
    if (inMap && indent === col && isSeqIndicator(pos)) return parseBlockSeq(col);
    return emptyScalar(p);
  }
  pos = p;
  const valueCol = p - lineStart;
  switch (c) {
    case PIPE:
    case GT:
      return parseBlockScalar(col);
    case LBRACKET:
    case LBRACE: {
      const node = parseFlowCollection(col);
      endOfLine();
      if (indent > col) bail();
      return node;
    }
    case DASH:
      if (isBlankAt(p + 1)) {
        if (inMap) bail();
        return parseBlockSeq(valueCol);
      }
      break;
  }
  const scalar = parseInlineScalar();
  if (atMapIndicator()) {
    if (inMap) bail();
    return parseBlockMap(valueCol, scalar);
  }
  if (scalar.style === 'plain') continuePlain(scalar, col);
  endOfLine();
  if (indent > col) bail();
  return scalar;
}

/** A quoted or plain scalar on one line, in block context. */
function parseInlineScalar(): YamlScalar {
  const c = src.charCodeAt(pos);
  if (c === DQUOTE) return parseDoubleQuoted();
  if (c === SQUOTE) return parseSingleQuoted();
  if (!canStartPlain(c, false)) bail();
  const start = pos;
  let p = pos;
  let end = pos;
  while (p < len) {
    const ch = src.charCodeAt(p);
    if (ch === NL) break;
    if (ch === COLON && isBlankAt(p + 1)) break;
    if (ch === HASH && src.charCodeAt(p - 1) === SPACE) break;
    p++;
    if (ch !== SPACE) end = p;
  }
  pos = end;
  return { kind: 'scalar', text: src.slice(start, end), style: 'plain', offset: start };
}

/**
 * Extends a plain scalar whose first line ends at `pos` over its continuation lines (indented
 * more than `parent`), folding as YAML does: one line break becomes a space, `n` empty lines
 * become `n` line breaks. A comment line or a less indented line ends it.
 */
function continuePlain(scalar: YamlScalar, parent: number): void {
  let p = pos;
  while (p < len && src.charCodeAt(p) === SPACE) p++;
  if (p >= len || src.charCodeAt(p) !== NL) return;
  let text = scalar.text;
  let end = pos;
  while (p < len && src.charCodeAt(p) === NL) {
    let breaks = 0;
    let q = p + 1;
    let s = q;
    for (;;) {
      while (s < len && src.charCodeAt(s) === SPACE) s++;
      if (s >= len || src.charCodeAt(s) !== NL) break;
      breaks++;
      q = s = s + 1;
    }
    if (s >= len || s - q <= parent || src.charCodeAt(s) === HASH) break;
    let r = s;
    let e = s;
    while (r < len) {
      const ch = src.charCodeAt(r);
      if (ch === NL) break;
      if (ch === COLON && isBlankAt(r + 1)) bail(); // an implicit key cannot span lines
      if (ch === HASH && src.charCodeAt(r - 1) === SPACE) break;
      r++;
      if (ch !== SPACE) e = r;
    }
    text += breaks === 0 ? ' ' : '\n'.repeat(breaks);
    text += src.slice(s, e);
    end = e;
    lineStart = q;
    p = r;
  }
  scalar.text = text;
  pos = end;
}

/** Whether `c` (at `pos`) may start a plain scalar; `-` only when followed by a safe character. */
function canStartPlain(c: number, inFlow: boolean): boolean {
  switch (c) {
    case DASH: {
      if (isBlankAt(pos + 1)) return false;
      const next = src.charCodeAt(pos + 1);
      return !(inFlow && (next === COMMA || next === LBRACKET || next === RBRACKET || next === LBRACE || next === RBRACE));
    }
    case QUESTION:
    case COLON:
      // `???` (OmegaConf's missing value) and `:x` are plain scalars in block context only.
      return !inFlow && !isBlankAt(pos + 1);
    case COMMA: case LBRACKET: case RBRACKET: case LBRACE: case RBRACE:
    case HASH: case AMP: case STAR: case BANG: case PIPE: case GT: case SQUOTE: case DQUOTE:
    case PERCENT: case AT: case BACKTICK: case SPACE: case NL:
      return false;
    default:
      return pos < len;
  }
}

function parseDoubleQuoted(): YamlScalar {
  const start = pos;
  let p = pos + 1;
  let chunk = p;
  let text = '';
  for (;;) {
    if (p >= len) bail();
    const c = src.charCodeAt(p);
    if (c === DQUOTE) break;
    if (c === NL) bail();
    if (c !== BACKSLASH) {
      p++;
      continue;
    }
    text += src.slice(chunk, p);
    const e = src[p + 1];
    p += 2;
    switch (e) {
      case '0': text += '\0'; break;
      case 'a': text += '\x07'; break;
      case 'b': text += '\b'; break;
      case 't': text += '\t'; break;
      case 'n': text += '\n'; break;
      case 'v': text += '\v'; break;
      case 'f': text += '\f'; break;
      case 'r': text += '\r'; break;
      case 'e': text += '\x1b'; break;
      case ' ': text += ' '; break;
      case '"': text += '"'; break;
      case '/': text += '/'; break;
      case '\\': text += '\\'; break;
      case 'N': text += '\x85'; break;
      case '_': text += '\xa0'; break;
      case 'L': text += '\u2028'; break;
      case 'P': text += '\u2029'; break;
      case 'x': text += hexEscape(p, 2); p += 2; break;
      case 'u': text += hexEscape(p, 4); p += 4; break;
      case 'U': text += hexEscape(p, 8); p += 8; break;
      default: bail();
    }
    chunk = p;
  }
  text += src.slice(chunk, p);
  pos = p + 1;
  return { kind: 'scalar', text, style: 'double', offset: start };
}

const HEX = /^[0-9a-fA-F]+$/;

function hexEscape(p: number, digits: number): string {
  const hex = src.slice(p, p + digits);
  if (hex.length !== digits || !HEX.test(hex)) bail();
  const code = Number.parseInt(hex, 16);
  if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) bail();
  return String.fromCodePoint(code);
}

function parseSingleQuoted(): YamlScalar {
  const start = pos;
  let p = pos + 1;
  let chunk = p;
  let text = '';
  for (;;) {
    const q = src.indexOf("'", p);
    const nl = src.indexOf('\n', p);
    if (q < 0 || (nl >= 0 && nl < q)) bail();
    if (src.charCodeAt(q + 1) === SQUOTE) {
      text += src.slice(chunk, q + 1);
      p = chunk = q + 2;
      continue;
    }
    text += src.slice(chunk, q);
    pos = q + 1;
    return { kind: 'scalar', text, style: 'single', offset: start };
  }
}

/**
 * A `|` or `>` block scalar (at `pos`) as the value of a block collection at column `col`,
 * assembled exactly as PyYAML's `scan_block_scalar` does (including its end-of-input rule: a last
 * content line without a line break gets none).
 */
function parseBlockScalar(col: number): YamlScalar {
  const offset = pos;
  const folded = src.charCodeAt(pos) === GT;
  let p = pos + 1;
  let chomp = 0; // -1 strip, 0 clip, 1 keep
  const h = src.charCodeAt(p);
  if (h === DASH) {
    chomp = -1;
    p++;
  } else if (h === PLUS) {
    chomp = 1;
    p++;
  }
  const headerEnd = p;
  while (p < len && src.charCodeAt(p) === SPACE) p++;
  if (p < len && src.charCodeAt(p) !== NL) {
    // A comment may follow the header; anything else (an indentation indicator) bails.
    if (src.charCodeAt(p) !== HASH || p === headerEnd) bail();
    const nl = src.indexOf('\n', p);
    p = nl < 0 ? len : nl;
  }
  if (p >= len) {
    pos = len;
    indent = -1;
    return { kind: 'scalar', text: '', style: 'block', offset };
  }
  // Leading blank lines, then the first content line fixes the content indentation `k`.
  let q = p + 1;
  let breaks = 0;
  let maxBlank = 0;
  let k = -1;
  for (;;) {
    let s = q;
    while (s < len && src.charCodeAt(s) === SPACE) s++;
    if (s >= len) break;
    if (src.charCodeAt(s) === NL) {
      breaks++;
      if (s - q > maxBlank) maxBlank = s - q;
      q = s + 1;
      continue;
    }
    k = s - q;
    break;
  }
  if (k <= col) {
    // No content lines: `''` unless keep-chomping, whose trailing breaks are left to the slow path.
    if (chomp === 1 || maxBlank > col) bail();
    pos = lineStart = q;
    skipToContent();
    if (indent > col) bail();
    return { kind: 'scalar', text: '', style: 'block', offset };
  }
  if (maxBlank > k) bail();
  let text = '';
  let lineBreak = '';
  for (;;) {
    // `q` starts a content line: `k` spaces, then text (or only spaces, more than `k`).
    text += '\n'.repeat(breaks);
    const leadingNonSpace = src.charCodeAt(q + k) !== SPACE;
    const eol = src.indexOf('\n', q);
    const lineEnd = eol < 0 ? len : eol;
    text += src.slice(q + k, lineEnd);
    if (eol < 0) {
      lineBreak = '';
      breaks = 0;
      q = len;
      break;
    }
    lineBreak = '\n';
    // Empty lines (at most `k` spaces) until the next content line or the end of input. A line
    // of more than `k` spaces is content (spaces), even as the last line without a line break.
    breaks = 0;
    q = eol + 1;
    let next = -1;
    for (;;) {
      let s = q;
      while (s < len && src.charCodeAt(s) === SPACE) s++;
      if (s - q <= k && s < len && src.charCodeAt(s) === NL) {
        breaks++;
        q = s + 1;
        continue;
      }
      if (s < len || s - q > k) next = s - q;
      break;
    }
    if (next < k) break;
    if (folded && leadingNonSpace && src.charCodeAt(q + k) !== SPACE) {
      if (breaks === 0) text += ' ';
    } else {
      text += lineBreak;
    }
  }
  if (chomp !== -1) text += lineBreak;
  if (chomp === 1) text += '\n'.repeat(breaks);
  if (q >= len) {
    pos = len;
    indent = -1;
  } else {
    pos = lineStart = q;
    skipToContent();
  }
  if (indent > col) bail();
  return { kind: 'scalar', text, style: 'block', offset };
}

function parseFlowCollection(parent: number): YamlNode {
  flowDepth = 1;
  const node = src.charCodeAt(pos) === LBRACKET ? parseFlowSeq(parent) : parseFlowMap(parent);
  flowDepth = 0;
  return node;
}

function parseFlowSeq(parent: number): YamlSeq {
  const offset = pos;
  const items: YamlNode[] = [];
  pos++;
  skipFlowSpace(parent);
  while (src.charCodeAt(pos) !== RBRACKET) {
    items.push(parseFlowNode(parent));
    skipFlowSpace(parent);
    const c = src.charCodeAt(pos);
    if (c === COMMA) {
      pos++;
      skipFlowSpace(parent);
    } else if (c !== RBRACKET) bail();
  }
  pos++;
  return { kind: 'seq', items, offset, flow: true };
}

function parseFlowMap(parent: number): YamlMap {
  const offset = pos;
  const entries: YamlPair[] = [];
  const seen: string[] = [];
  pos++;
  skipFlowSpace(parent);
  while (src.charCodeAt(pos) !== RBRACE) {
    const c = src.charCodeAt(pos);
    if (c === LBRACKET || c === LBRACE) bail();
    const key = parseFlowScalar();
    if (key.style === 'plain' && key.text === '<<') bail();
    addKey(seen, key);
    while (src.charCodeAt(pos) === SPACE) pos++;
    if (src.charCodeAt(pos) !== COLON || !isBlankAt(pos + 1) || pos + 1 >= len) bail();
    pos++;
    let p = pos;
    while (p < len && src.charCodeAt(p) === SPACE) p++;
    const emptyOffset = p;
    skipFlowSpace(parent);
    const v = src.charCodeAt(pos);
    const value = v === COMMA || v === RBRACE ? emptyScalar(emptyOffset) : parseFlowNode(parent);
    entries.push({ key, value });
    skipFlowSpace(parent);
    const e = src.charCodeAt(pos);
    if (e === COMMA) {
      pos++;
      skipFlowSpace(parent);
    } else if (e !== RBRACE) bail();
  }
  pos++;
  return { kind: 'map', entries, offset, flow: true };
}

function parseFlowNode(parent: number): YamlNode {
  const c = src.charCodeAt(pos);
  if (c !== LBRACKET && c !== LBRACE) return parseFlowScalar();
  flowDepth++;
  const node = c === LBRACKET ? parseFlowSeq(parent) : parseFlowMap(parent);
  flowDepth--;
  return node;
}

/** A quoted or plain scalar inside a flow collection (one line; no `:` or `?` inside plain ones). */
function parseFlowScalar(): YamlScalar {
  const c = src.charCodeAt(pos);
  if (c === DQUOTE) return parseDoubleQuoted();
  if (c === SQUOTE) return parseSingleQuoted();
  if (!canStartPlain(c, true)) bail();
  const start = pos;
  let p = pos;
  let end = pos;
  while (p < len) {
    const ch = src.charCodeAt(p);
    if (ch === NL || ch === COMMA || ch === LBRACKET || ch === RBRACKET || ch === LBRACE || ch === RBRACE) break;
    if (ch === COLON) {
      if (isBlankAt(p + 1)) break;
      bail();
    }
    if (ch === QUESTION) bail();
    if (ch === HASH && src.charCodeAt(p - 1) === SPACE) break;
    p++;
    if (ch !== SPACE) end = p;
  }
  pos = end;
  return { kind: 'scalar', text: src.slice(start, end), style: 'plain', offset: start };
}

/**
 * Skips spaces, line breaks and comments inside a flow collection. Every continuation line must
 * be indented more than the enclosing block (`parent`), or the slow path decides.
 */
function skipFlowSpace(parent: number): void {
  let p = pos;
  for (;;) {
    const c = src.charCodeAt(p);
    if (c === SPACE) {
      p++;
    } else if (c === NL) {
      p++;
      lineStart = p;
      let s = p;
      while (s < len && src.charCodeAt(s) === SPACE) s++;
      if (s < len && s - p <= parent) {
        // Only the outermost closing bracket may sit at the enclosing block's column (as `yaml` allows).
        const first = src.charCodeAt(s);
        if (first !== NL && (s - p < parent || flowDepth !== 1 || (first !== RBRACKET && first !== RBRACE))) bail();
      }
      p = s;
    } else if (c === HASH) {
      const before = src.charCodeAt(p - 1);
      if (before !== SPACE && before !== NL) bail();
      const nl = src.indexOf('\n', p);
      p = nl < 0 ? len : nl;
    } else {
      break;
    }
  }
  pos = p;
}
