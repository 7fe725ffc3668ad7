/**
 * A hand-written parser for OmegaConf 2.3's interpolation grammar (ocdocs:grammar, the ANTLR
 * lexer/parser `OmegaConfGrammar{Lexer,Parser}.g4` at v2.3.0): top-level text with `${...}`,
 * node keys (absolute, relative, bracketed, nested) and resolver calls with typed arguments.
 *
 * It follows the ANTLR lexer's token rules (longest match, ties to the earlier rule) so that the
 * same strings are accepted, typed and unescaped the same way; errors carry the column of the
 * offending character. Parsing is linear: a nested interpolation is parsed once even when the
 * parser first tries it as part of a resolver name.
 */
import type { Arg, Interpolation, KeySegment, ParsedText, ScalarArg, TextPart } from './ast.js';

/** Raised by the parser; callers wrap it with the key and file it belongs to. */
export class GrammarError extends Error {
  constructor(
    readonly column: number,
    readonly expected: string,
  ) {
    super(`${expected} at column ${column + 1}`);
    this.name = 'GrammarError';
  }
}

const BACKSLASH = 92;
const DOLLAR = 36;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const SPACE = 32;
const TAB = 9;
const COMMA = 44;
const COLON = 58;
const DOT = 46;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const SINGLE_QUOTE = 39;
const DOUBLE_QUOTE = 34;

const cache = new Map<string, ParsedText>();

/** Parse a config string that may contain interpolations (cached: configs repeat strings). */
export function parseText(text: string): ParsedText {
  const hit = cache.get(text);
  if (hit) return hit;
  const parsed = new Parser(text).topLevel();
  if (cache.size > 50_000) cache.clear();
  cache.set(text, parsed);
  return parsed;
}

/**
 * Parse one element as `oc.decode` does (the grammar's `singleElement` rule in value mode):
 * `'3308'` → 3308, `'[1, a]'` → a list, `'{a: 1}'` → a dict. Surrounding whitespace is part of
 * the value there (`' 7'` is the string " 7"), unlike in resolver arguments.
 */
export function parseElement(text: string): Arg {
  const p = new Parser(text);
  if (text.length === 0) p.fail('expected a value');
  // OmegaConf's grammar visitor fails on a value of whitespace only ("WS should never be reached").
  if (/^[ \t]+$/.test(text)) p.fail('expected a value, got whitespace only');
  const el = p.element(true);
  if (p.i < text.length) p.fail(`unexpected '${text[p.i]}' after the value`);
  return el;
}

// OmegaConf's SIMPLE_INTERPOLATION_PATTERN (2.3): ASCII `\w` and `\s`, the resolver name
// optional, at least one argument (its `{_args}?` makes a `*` lazy, not the arguments optional).
const QS = '[ \\t\\n\\r\\f\\v]*';
const Q_KEY = String.raw`[$\w]+`;
const Q_KEY_OR_BRACKETS = String.raw`${Q_KEY}|\[${Q_KEY}\]`;
const Q_PATH = String.raw`\.*(?:${Q_KEY_OR_BRACKETS})(?:\.${Q_KEY_OR_BRACKETS})*`;
const Q_ID = String.raw`[a-zA-Z_][\w-]*`;
const Q_ARG = String.raw`[a-zA-Z_0-9/\-+.$%*@?|]+`;
const Q_INTER = String.raw`\$\{${QS}(?:${Q_PATH}${QS}|(?:${Q_ID}(?:\.${Q_ID})*)?${QS}:${QS}${Q_ARG}(?:${QS},${QS}${Q_ARG})*${QS})\}`;
const Q_OUTER = String.raw`(?:[^$]|\$(?!\{))+`;
const QUICK = new RegExp(`^(?:${Q_OUTER})?(?:${Q_INTER}(?:${Q_OUTER})?)+$`);

/**
 * OmegaConf's quick check when a string value is created: a string its simple pattern accepts is
 * not parsed until the value is read. The pattern lets through a few strings the grammar rejects
 * (`${:x}` with no resolver name, a line break inside `${ a }`), so those fail only when read.
 */
export function passesQuickCheck(text: string): boolean {
  return QUICK.test(text);
}

/** Does this string need the interpolation machinery at all? (OmegaConf: contains `${`.) */
export function hasInterpolation(text: string): boolean {
  return text.includes('${');
}

// Token rules of the lexer's value mode (anchored with the sticky flag).
const D = String.raw`\d(?:_?\d)*`;
const INT_U = String.raw`(?:0|[1-9](?:_?\d)*)`;
const FLOAT_RE = new RegExp(
  String.raw`[+-]?(?:(?:${INT_U}?\.${D}|${INT_U}\.)(?:[eE][+-]?${D})?|${INT_U}[eE][+-]?${D}|[iI][nN][fF]|[nN][aA][nN])`,
  'y',
);
const INT_RE = new RegExp(String.raw`[+-]?${INT_U}`, 'y');
const ID_RE = /[a-zA-Z_][a-zA-Z0-9_-]*/y;
const BOOL_RE = /(?:[tT][rR][uU][eE]|[fF][aA][lL][sS][eE])/y;
const NULL_RE = /[nN][uU][lL][lL]/y;
/** `UNQUOTED_CHAR` (OmegaConf 2.3): characters allowed in unquoted strings besides letters and digits. */
const UNQUOTED = '/-\\+.$%*@?|';
/** Characters that `\` escapes in unquoted strings (the `ESC` token). */
const ESCAPABLE = '\\()[]{}:=, \t';
/** Characters that end an `INTER_KEY` token. */
const KEY_STOP = '\\{}()[]:. \t\'"';

/** What `sequence` reports besides the items. */
interface SequenceInfo {
  missing?: string;
}

type TokenKind = 'float' | 'int' | 'bool' | 'null' | 'id' | 'char' | 'colon' | 'esc' | 'ws' | 'interp';
interface Token {
  kind: TokenKind;
  text: string;
  interp?: Interpolation;
}

function isWs(c: number): boolean {
  return c === SPACE || c === TAB;
}

class Parser {
  i = 0;
  /** Nested interpolations already parsed, by start offset (keeps parsing linear). */
  private readonly parsed = new Map<number, { interp: Interpolation; end: number }>();
  constructor(readonly s: string) {}

  fail(expected: string, at = this.i): never {
    throw new GrammarError(at, expected);
  }

  skipWs(): void {
    const s = this.s;
    while (this.i < s.length && isWs(s.charCodeAt(this.i))) this.i++;
  }

  startsInterp(at = this.i): boolean {
    return this.s.charCodeAt(at) === DOLLAR && this.s.charCodeAt(at + 1) === OPEN_BRACE;
  }

  /** `text` at top level: only backslashes right before `${` are escapes. */
  topLevel(): ParsedText {
    const s = this.s;
    const parts: TextPart[] = [];
    let buf = '';
    let from = 0; // start of the literal run not yet copied into buf
    while (this.i < s.length) {
      const c = s.charCodeAt(this.i);
      if (c === BACKSLASH) {
        let j = this.i;
        while (s.charCodeAt(j) === BACKSLASH) j++;
        if (!this.startsInterp(j)) {
          this.i = j;
          continue;
        }
        // `\${x}` is literal, `\\${x}` is `\` + the value, `\\\${x}` is `\${x}`, …
        const run = j - this.i;
        buf += s.slice(from, this.i) + '\\'.repeat(run >> 1);
        if (run & 1) {
          buf += '${';
          this.i = j + 2;
        } else this.i = j;
        from = this.i;
        continue;
      }
      if (c === DOLLAR && s.charCodeAt(this.i + 1) === OPEN_BRACE) {
        buf += s.slice(from, this.i);
        if (buf) parts.push(buf);
        buf = '';
        parts.push(this.interpolation());
        from = this.i;
        continue;
      }
      this.i++;
    }
    buf += s.slice(from);
    if (buf) parts.push(buf);
    const only = parts.length === 1 ? parts[0] : undefined;
    return { parts, single: typeof only === 'object' ? only : undefined };
  }

  /** At `${`: a node interpolation or a resolver call. */
  interpolation(): Interpolation {
    const start = this.i;
    const done = this.parsed.get(start);
    if (done) {
      this.i = done.end;
      return done.interp;
    }
    const interp = this.interpolationUncached();
    this.parsed.set(start, { interp, end: this.i });
    return interp;
  }

  private interpolationUncached(): Interpolation {
    const s = this.s;
    const start = this.i;
    this.i += 2;
    this.skipWs();
    const afterOpen = this.i;
    const c = s.charCodeAt(this.i);
    if (c !== DOT && c !== OPEN_BRACKET) {
      const name = this.resolverName();
      if (name) {
        const beforeColon = this.i;
        this.skipWs();
        if (s.charCodeAt(this.i) === COLON) {
          this.i++;
          this.skipWs();
          const argTexts: string[] = [];
          const seq: SequenceInfo = {};
          const args = this.sequence(CLOSE_BRACE, argTexts, seq);
          const interp: Interpolation = { kind: 'resolver', name, args, argTexts, text: s.slice(start, this.i) };
          if (seq.missing !== undefined) interp.missing = seq.missing;
          return interp;
        }
        this.i = beforeColon;
      }
      this.i = afterOpen;
    }
    let dots = 0;
    while (s.charCodeAt(this.i) === DOT) {
      dots++;
      this.i++;
    }
    const segments: KeySegment[] = [];
    segments.push(this.segment(s.charCodeAt(this.i) === OPEN_BRACKET));
    for (;;) {
      const n = s.charCodeAt(this.i);
      if (n === DOT) {
        this.i++;
        segments.push(this.segment(false));
      } else if (n === OPEN_BRACKET) segments.push(this.segment(true));
      else break;
    }
    this.skipWs();
    if (this.i >= s.length) this.fail("expected '}' to close the interpolation");
    if (s.charCodeAt(this.i) !== CLOSE_BRACE) this.fail(`unexpected '${s[this.i]}' in an interpolation key`);
    this.i++;
    let path: string[] | undefined = [];
    let keyText = '';
    for (const seg of segments) {
      if (typeof seg.key !== 'string') {
        path = undefined;
        break;
      }
      path.push(seg.key);
      keyText += seg.bracket ? `[${seg.key}]` : keyText === '' ? seg.key : `.${seg.key}`;
    }
    return { kind: 'node', dots, segments, path, keyText: path ? keyText : undefined, text: s.slice(start, this.i) };
  }

  /** `configKey` or `[configKey]` (at the `[`). */
  private segment(bracket: boolean): KeySegment {
    if (!bracket) return { key: this.configKey(), bracket };
    this.i++;
    const key = this.configKey();
    if (this.s.charCodeAt(this.i) !== CLOSE_BRACKET) {
      if (this.i >= this.s.length) this.fail("expected ']'");
      this.fail(`expected ']', got '${this.s[this.i]}'`);
    }
    this.i++;
    return { key, bracket };
  }

  /** `ID | INTER_KEY | interpolation`: a key is a whole token, never partly interpolated. */
  private configKey(): string | Interpolation {
    if (this.startsInterp()) return this.interpolation();
    const s = this.s;
    const start = this.i;
    // `INTER_KEY` may contain `$` but not `{`, so `${a${b}}` stops at the `{` (a syntax error).
    while (this.i < s.length && !KEY_STOP.includes(s[this.i] as string)) this.i++;
    if (this.i === start) {
      if (this.i >= s.length) this.fail('expected a key');
      this.fail(`expected a key, got '${s[this.i]}'`);
    }
    return s.slice(start, this.i);
  }

  /** `(ID | interpolation) ('.' (ID | interpolation))*`, or undefined when this is not a resolver name. */
  private resolverName(): Array<string | Interpolation> | undefined {
    const s = this.s;
    const parts: Array<string | Interpolation> = [];
    for (;;) {
      if (this.startsInterp()) parts.push(this.interpolation());
      else {
        ID_RE.lastIndex = this.i;
        const m = ID_RE.exec(s);
        if (!m) return undefined;
        const end = this.i + m[0].length;
        // A longer INTER_KEY token (e.g. `foo/bar`) wins over ID: then this is not a resolver name.
        if (end < s.length && !KEY_STOP.includes(s[end] as string) && s.charCodeAt(end) !== OPEN_BRACE) return undefined;
        parts.push(m[0]);
        this.i = end;
      }
      if (s.charCodeAt(this.i) === DOT) {
        this.i++;
        continue;
      }
      return parts;
    }
  }

  /**
   * `sequence? close`: comma-separated elements, where a missing element is ''. The closing
   * character is consumed. `texts` receives each element's source text.
   */
  private sequence(close: number, texts?: string[], info?: SequenceInfo): Arg[] {
    const s = this.s;
    const items: Arg[] = [];
    let expectElement = true;
    let sawComma = false;
    let missing = false;
    this.skipWs();
    // The sequence's text as ANTLR's getText() gives it: the opener's whitespace excluded, a
    // comma's whitespace included (`COMMA: WS? ',' WS?`), the closer's after an element excluded.
    const seqStart = this.i;
    let seqEnd = seqStart;
    const closeChar = String.fromCharCode(close);
    for (;;) {
      this.skipWs();
      const c = s.charCodeAt(this.i);
      if (this.i >= s.length) this.fail(`expected '${closeChar}'`);
      if (c === close) {
        if (sawComma && expectElement) {
          items.push(emptyString());
          texts?.push('');
          missing = true;
          seqEnd = this.i;
        }
        this.i++;
        if (missing && info) info.missing = s.slice(seqStart, seqEnd);
        return items;
      }
      if (c === COMMA) {
        if (expectElement) {
          items.push(emptyString());
          texts?.push('');
          missing = true;
        }
        this.i++;
        seqEnd = this.i;
        sawComma = true;
        expectElement = true;
        continue;
      }
      if (!expectElement) this.fail(`expected ',' or '${closeChar}', got '${s[this.i]}'`);
      const start = this.i;
      items.push(this.element(false));
      texts?.push(s.slice(start, this.i));
      seqEnd = this.i;
      expectElement = false;
    }
  }

  /** `quotedValue | listContainer | dictContainer | primitive`. */
  element(decodeTop: boolean): Arg {
    const c = this.s.charCodeAt(this.i);
    if (c === SINGLE_QUOTE || c === DOUBLE_QUOTE) return this.quoted(c);
    if (c === OPEN_BRACKET) {
      this.i++;
      const seq: SequenceInfo = {};
      const items = this.sequence(CLOSE_BRACKET, undefined, seq);
      return seq.missing === undefined ? { kind: 'list', items } : { kind: 'list', items, missing: seq.missing };
    }
    if (c === OPEN_BRACE) return this.dict();
    return this.primitive(false, decodeTop);
  }

  private dict(): Arg {
    const s = this.s;
    this.i++; // {
    const entries: Array<[ScalarArg, Arg]> = [];
    this.skipWs();
    if (s.charCodeAt(this.i) === CLOSE_BRACE) {
      this.i++;
      return { kind: 'dict', entries };
    }
    for (;;) {
      this.skipWs();
      const key = this.primitive(true, false) as ScalarArg;
      this.skipWs();
      if (s.charCodeAt(this.i) !== COLON) {
        if (this.i >= s.length) this.fail("expected ':' after a dict key");
        this.fail(`expected ':' after a dict key, got '${s[this.i]}'`);
      }
      this.i++;
      this.skipWs();
      entries.push([key, this.element(false)]);
      this.skipWs();
      const c = s.charCodeAt(this.i);
      if (c === COMMA) {
        this.i++;
        continue;
      }
      if (c === CLOSE_BRACE) {
        this.i++;
        return { kind: 'dict', entries };
      }
      if (this.i >= s.length) this.fail("expected '}' to close the dict");
      this.fail(`expected ',' or '}' in a dict, got '${s[this.i]}'`);
    }
  }

  /**
   * A quoted string. Backslashes only escape the matching quote and `${`; a run of backslashes
   * is halved when it precedes the closing quote or an interpolation, and kept otherwise.
   */
  private quoted(q: number): Arg {
    const s = this.s;
    const open = this.i;
    this.i++;
    const parts: TextPart[] = [];
    let buf = '';
    for (;;) {
      if (this.i >= s.length) this.fail(`unterminated quoted string (opened at column ${open + 1})`, open);
      const ch = s.charCodeAt(this.i);
      if (ch === q) {
        this.i++;
        break;
      }
      if (ch === BACKSLASH) {
        let j = this.i;
        while (s.charCodeAt(j) === BACKSLASH) j++;
        const run = j - this.i;
        if (s.charCodeAt(j) === q) {
          buf += '\\'.repeat(run >> 1);
          if (run & 1) {
            buf += s[j];
            this.i = j + 1;
          } else this.i = j;
          continue;
        }
        if (this.startsInterp(j)) {
          buf += '\\'.repeat(run >> 1);
          if (run & 1) {
            buf += '${';
            this.i = j + 2;
          } else this.i = j;
          continue;
        }
        buf += s.slice(this.i, j);
        this.i = j;
        continue;
      }
      if (ch === DOLLAR && s.charCodeAt(this.i + 1) === OPEN_BRACE) {
        if (buf) parts.push(buf);
        buf = '';
        parts.push(this.interpolation());
        continue;
      }
      buf += s[this.i];
      this.i++;
    }
    if (buf) parts.push(buf);
    return { kind: 'quoted', parts };
  }

  /**
   * `primitive` (or `dictKey`: no colon, no interpolation): a run of tokens. One token keeps its
   * type (`1`, `1.5`, `true`, `null`); several make a string. Whitespace around the run belongs
   * to the neighbouring `,` `:` `}` `]` tokens, except at the top of `oc.decode`'s input.
   */
  private primitive(dictKey: boolean, decodeTop: boolean): Arg {
    const s = this.s;
    const tokens: Token[] = [];
    const start = this.i;
    for (;;) {
      const i = this.i;
      if (i >= s.length) break;
      const c = s.charCodeAt(i);
      if (isWs(c)) {
        let j = i;
        while (isWs(s.charCodeAt(j))) j++;
        const next = s.charCodeAt(j);
        if (j >= s.length) {
          if (!decodeTop) break;
          tokens.push({ kind: 'ws', text: s.slice(i, j) });
          this.i = j;
          break;
        }
        if (next === COMMA || next === CLOSE_BRACE || next === CLOSE_BRACKET) break;
        if (next === COLON) {
          if (dictKey) break;
          let k = j + 1;
          while (isWs(s.charCodeAt(k))) k++;
          tokens.push({ kind: 'colon', text: s.slice(i, k) });
          this.i = k;
          continue;
        }
        tokens.push({ kind: 'ws', text: s.slice(i, j) });
        this.i = j;
        continue;
      }
      if (c === COMMA || c === CLOSE_BRACE || c === CLOSE_BRACKET) break;
      if (c === COLON) {
        if (dictKey) break;
        let k = i + 1;
        while (isWs(s.charCodeAt(k))) k++;
        tokens.push({ kind: 'colon', text: s.slice(i, k) });
        this.i = k;
        continue;
      }
      if (c === DOLLAR && s.charCodeAt(i + 1) === OPEN_BRACE) {
        if (dictKey) this.fail('an interpolation cannot be a dict key');
        const interp = this.interpolation();
        tokens.push({ kind: 'interp', text: interp.text, interp });
        continue;
      }
      if (c === BACKSLASH && ESCAPABLE.includes(s[i + 1] ?? '\0')) {
        let j = i;
        while (s.charCodeAt(j) === BACKSLASH && ESCAPABLE.includes(s[j + 1] ?? '\0')) j += 2;
        tokens.push({ kind: 'esc', text: s.slice(i, j) });
        this.i = j;
        continue;
      }
      const tok = lexWord(s, i);
      if (!tok) {
        if (c === SINGLE_QUOTE || c === DOUBLE_QUOTE) {
          this.fail(dictKey ? 'a dict key cannot be quoted' : 'unexpected quote: a quoted string must be a whole argument');
        }
        if (c === OPEN_BRACKET || c === OPEN_BRACE) this.fail(`unexpected '${s[i]}' inside an unquoted string`);
        this.fail(`unexpected character '${s[i]}' (escape it with '\\' or quote the argument)`);
      }
      tokens.push(tok);
      this.i += tok.text.length;
    }
    if (tokens.length === 0) {
      if (this.i >= s.length) this.fail('expected a value');
      this.fail(`expected a value, got '${s[this.i]}'`, start);
    }
    if (tokens.length === 1) return typed(tokens[0] as Token);
    const parts: TextPart[] = [];
    let buf = '';
    for (const t of tokens) {
      if (t.kind === 'interp') {
        if (buf) parts.push(buf);
        buf = '';
        parts.push(t.interp as Interpolation);
      } else buf += t.kind === 'esc' ? unescape(t.text) : t.text;
    }
    if (buf) parts.push(buf);
    if (parts.every((p) => typeof p === 'string')) return { kind: 'scalar', type: 'str', value: parts.join('') };
    return { kind: 'concat', parts };
  }
}

function emptyString(): ScalarArg {
  return { kind: 'scalar', type: 'str', value: '' };
}

function unescape(esc: string): string {
  let out = '';
  for (let k = 1; k < esc.length; k += 2) out += esc[k];
  return out;
}

/** The longest of FLOAT, INT, BOOL, NULL, UNQUOTED_CHAR, ID at `i`; ties go to the earlier rule. */
function lexWord(s: string, i: number): Token | undefined {
  let best: Token | undefined;
  const tryRe = (re: RegExp, kind: TokenKind) => {
    re.lastIndex = i;
    const m = re.exec(s);
    if (m && m[0].length > 0 && (!best || m[0].length > best.text.length)) best = { kind, text: m[0] };
  };
  tryRe(FLOAT_RE, 'float');
  tryRe(INT_RE, 'int');
  tryRe(BOOL_RE, 'bool');
  tryRe(NULL_RE, 'null');
  if (!best && UNQUOTED.includes(s[i] as string)) best = { kind: 'char', text: s[i] as string };
  tryRe(ID_RE, 'id');
  return best;
}

function typed(t: Token): Arg {
  switch (t.kind) {
    case 'int':
      return { kind: 'scalar', type: 'int', value: parseIntText(t.text) };
    case 'float':
      return { kind: 'scalar', type: 'float', value: parseFloatText(t.text) };
    case 'bool':
      return { kind: 'scalar', type: 'bool', value: t.text.toLowerCase() === 'true' };
    case 'null':
      return { kind: 'scalar', type: 'null', value: null };
    case 'interp':
      return { kind: 'interp', interp: t.interp as Interpolation };
    case 'esc':
      return { kind: 'scalar', type: 'str', value: unescape(t.text) };
    default:
      return { kind: 'scalar', type: 'str', value: t.text };
  }
}

/** Python `int()` of an INT token (`-1_000`); beyond 2^53 the value is a bigint. */
export function parseIntText(text: string): number | bigint {
  const clean = text.replace(/_/g, '');
  const n = Number(clean);
  if (Number.isSafeInteger(n)) return n;
  return BigInt(clean.startsWith('+') ? clean.slice(1) : clean);
}

/** Python `float()` of a FLOAT token (`1_0.5`, `-inf`, `NaN`; `-nan` is nan). */
export function parseFloatText(text: string): number {
  const clean = text.replace(/_/g, '').toLowerCase();
  const sign = clean.startsWith('-') ? -1 : 1;
  const body = clean.replace(/^[+-]/, '');
  if (body === 'inf') return sign * Number.POSITIVE_INFINITY;
  if (body === 'nan') return Number.NaN;
  return sign * Number(body);
}
