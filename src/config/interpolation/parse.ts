/**
 * A hand-written parser for OmegaConf 2.3's interpolation grammar (ocdocs:grammar):
 * top-level text with `${...}`, node keys (absolute, relative, bracketed, nested) and resolver
 * calls with typed arguments. Errors carry the column of the offending character.
 */
import type { Arg, Interpolation, KeyPart, ParsedText, ScalarArg, TextPart } from './ast.js';

/** Raised by the parser; callers wrap it with the key and file it belongs to. */
export class GrammarError extends Error {
  constructor(
    readonly column: number,
    readonly expected: string,
  ) {
    super(`${expected} at column ${column + 1}`);
  }
}

const BACKSLASH = 92;
const DOLLAR = 36;
const OPEN_BRACE = 123;

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

/** Parse one element as `oc.decode` does (`'[1, a]'`, `'{a: 1}'`, `'3308'`). */
export function parseElement(text: string): Arg {
  const p = new Parser(text);
  p.skipWs();
  if (p.i >= text.length) throw new GrammarError(p.i, 'expected a value');
  const el = p.element();
  p.skipWs();
  if (p.i < text.length) throw new GrammarError(p.i, `unexpected '${text[p.i]}', expected the end of the value`);
  return el;
}

/** Does this string need the interpolation machinery at all? (OmegaConf: contains `${`.) */
export function hasInterpolation(text: string): boolean {
  return text.includes('${');
}

const FLOAT_RE = /[+-]?(?:(?:(?:0|[1-9](?:_?\d)*)?\.\d(?:_?\d)*|(?:0|[1-9](?:_?\d)*)\.?)(?:[eE][+-]?\d(?:_?\d)*)?|[iI][nN][fF]|[nN][aA][nN])/y;
const INT_RE = /[+-]?(?:0|[1-9](?:_?\d)*)/y;
const ID_RE = /[a-zA-Z_][a-zA-Z0-9_-]*/y;
const BOOL_RE = /(?:[tT][rR][uU][eE]|[fF][aA][lL][sS][eE])/y;
const NULL_RE = /[nN][uU][lL][lL]/y;
const UNQUOTED = '/-\\+.$%*@?|';
const ESCAPABLE = '\\()[]{}:=, \t';
/** Characters that end an interpolation key (`INTER_KEY` excludes them). */
const KEY_STOP = '\\{}()[]:. \t\'"';

type TokenKind = 'float' | 'int' | 'bool' | 'null' | 'id' | 'char' | 'colon' | 'esc' | 'ws' | 'interp';
interface Token {
  kind: TokenKind;
  text: string;
  interp?: Interpolation;
}

class Parser {
  i = 0;
  constructor(readonly s: string) {}

  fail(expected: string, at = this.i): never {
    throw new GrammarError(at, expected);
  }

  skipWs(): void {
    const s = this.s;
    while (this.i < s.length && (s[this.i] === ' ' || s[this.i] === '\t')) this.i++;
  }

  startsInterp(at = this.i): boolean {
    return this.s.charCodeAt(at) === DOLLAR && this.s.charCodeAt(at + 1) === OPEN_BRACE;
  }

  topLevel(): ParsedText {
    const s = this.s;
    const parts: TextPart[] = [];
    let buf = '';
    while (this.i < s.length) {
      const c = s.charCodeAt(this.i);
      if (c === BACKSLASH) {
        let j = this.i;
        while (s.charCodeAt(j) === BACKSLASH) j++;
        const run = j - this.i;
        if (this.startsInterp(j)) {
          // Only backslashes right before `${` are escapes: `\${x}` is literal, `\\${x}` is `\` + value.
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
      if (c === DOLLAR && s.charCodeAt(this.i + 1) === OPEN_BRACE) {
        if (buf) parts.push(buf);
        buf = '';
        parts.push(this.interpolation());
        continue;
      }
      buf += s[this.i];
      this.i++;
    }
    if (buf) parts.push(buf);
    const only = parts.length === 1 ? parts[0] : undefined;
    return { parts, single: typeof only === 'object' ? only : undefined };
  }

  /** At `${`. */
  interpolation(): Interpolation {
    const s = this.s;
    const start = this.i;
    this.i += 2;
    this.skipWs();
    const afterOpen = this.i;
    if (s[this.i] !== '.' && s[this.i] !== '[') {
      const name = this.resolverName();
      if (name) {
        const beforeColon = this.i;
        this.skipWs();
        if (s[this.i] === ':') {
          this.i++;
          this.skipWs();
          const args = this.sequence('}');
          return { kind: 'resolver', name, args, text: s.slice(start, this.i) };
        }
        this.i = beforeColon;
      }
      this.i = afterOpen;
    }
    let dots = 0;
    while (s[this.i] === '.') {
      dots++;
      this.i++;
    }
    const keys: KeyPart[] = [];
    if (s[this.i] === '[') {
      this.i++;
      keys.push(this.configKey());
      this.expect(']');
    } else keys.push(this.configKey());
    for (;;) {
      if (s[this.i] === '.') {
        this.i++;
        keys.push(this.configKey());
      } else if (s[this.i] === '[') {
        this.i++;
        keys.push(this.configKey());
        this.expect(']');
      } else break;
    }
    this.skipWs();
    if (this.i >= s.length) this.fail("expected '}' to close the interpolation");
    if (s[this.i] !== '}') this.fail(`unexpected '${s[this.i]}' in interpolation key`);
    this.i++;
    return { kind: 'node', dots, keys, text: s.slice(start, this.i) };
  }

  expect(ch: string): void {
    if (this.s[this.i] !== ch) {
      if (this.i >= this.s.length) this.fail(`expected '${ch}'`);
      this.fail(`expected '${ch}', got '${this.s[this.i]}'`);
    }
    this.i++;
  }

  /** `ID | INTER_KEY | interpolation`. */
  configKey(): KeyPart {
    if (this.startsInterp()) return this.interpolation();
    const s = this.s;
    const start = this.i;
    while (this.i < s.length && !KEY_STOP.includes(s[this.i] as string)) {
      if (this.startsInterp() && this.i > start) break;
      this.i++;
    }
    if (this.i === start) {
      if (this.i >= s.length) this.fail('expected a key');
      this.fail(`expected a key, got '${s[this.i]}'`);
    }
    return s.slice(start, this.i);
  }

  /** `(ID | interpolation) ('.' (ID | interpolation))*`, or undefined when this is not a resolver name. */
  resolverName(): KeyPart[] | undefined {
    const s = this.s;
    const parts: KeyPart[] = [];
    for (;;) {
      if (this.startsInterp()) parts.push(this.interpolation());
      else {
        ID_RE.lastIndex = this.i;
        const m = ID_RE.exec(s);
        if (!m) return undefined;
        const end = this.i + m[0].length;
        // A longer INTER_KEY token (e.g. `foo/bar`) wins over ID: then this is not a resolver name.
        if (end < s.length && !KEY_STOP.includes(s[end] as string) && !this.startsInterp(end)) return undefined;
        parts.push(m[0]);
        this.i = end;
      }
      if (s[this.i] === '.') {
        this.i++;
        continue;
      }
      return parts;
    }
  }

  /** A comma-separated sequence up to `close` (consumed). Missing elements become ''. */
  sequence(close: '}' | ']'): Arg[] {
    const items: Arg[] = [];
    let expectElement = true;
    let sawComma = false;
    for (;;) {
      this.skipWs();
      const c = this.s[this.i];
      if (c === undefined) this.fail(`expected '${close}'`);
      if (c === close) {
        if (sawComma && expectElement) items.push(emptyString());
        this.i++;
        return items;
      }
      if (c === ',') {
        if (expectElement) items.push(emptyString());
        this.i++;
        sawComma = true;
        expectElement = true;
        continue;
      }
      if (!expectElement) this.fail(`expected ',' or '${close}', got '${c}'`);
      items.push(this.element());
      expectElement = false;
    }
  }

  element(): Arg {
    const c = this.s[this.i];
    if (c === "'" || c === '"') return this.quoted(c);
    if (c === '[') {
      this.i++;
      return { kind: 'list', items: this.sequence(']') };
    }
    if (c === '{' ) return this.dict();
    return this.primitive(false) as Arg;
  }

  dict(): Arg {
    this.i++; // {
    const entries: Array<[ScalarArg, Arg]> = [];
    this.skipWs();
    if (this.s[this.i] === '}') {
      this.i++;
      return { kind: 'dict', entries };
    }
    for (;;) {
      this.skipWs();
      const key = this.primitive(true) as ScalarArg;
      this.skipWs();
      if (this.s[this.i] !== ':') this.fail(`expected ':' after a dict key`);
      this.i++;
      this.skipWs();
      entries.push([key, this.element()]);
      this.skipWs();
      const c = this.s[this.i];
      if (c === ',') {
        this.i++;
        continue;
      }
      if (c === '}') {
        this.i++;
        return { kind: 'dict', entries };
      }
      if (c === undefined) this.fail("expected '}' to close the dict");
      this.fail(`expected ',' or '}' in dict, got '${c}'`);
    }
  }

  quoted(q: string): Arg {
    const s = this.s;
    const open = this.i;
    this.i++;
    const parts: TextPart[] = [];
    let buf = '';
    for (;;) {
      if (this.i >= s.length) this.fail(`unterminated quoted string (opened at column ${open + 1})`, open);
      const ch = s[this.i] as string;
      if (ch === q) {
        this.i++;
        break;
      }
      if (ch === '\\') {
        let j = this.i;
        while (s[j] === '\\') j++;
        const run = j - this.i;
        if (s[j] === q) {
          // Backslashes before a quote are doubled; an odd count escapes the quote.
          buf += '\\'.repeat(run >> 1);
          if (run & 1) {
            buf += q;
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
      if (this.startsInterp()) {
        if (buf) parts.push(buf);
        buf = '';
        parts.push(this.interpolation());
        continue;
      }
      buf += ch;
      this.i++;
    }
    if (buf) parts.push(buf);
    return { kind: 'quoted', parts };
  }

  /** An unquoted primitive (or a dict key: no colon, no interpolation). */
  primitive(dictKey: boolean): Arg {
    const s = this.s;
    const tokens: Token[] = [];
    const start = this.i;
    for (;;) {
      const i = this.i;
      const c = s[i];
      if (c === undefined) break;
      if (c === ' ' || c === '\t') {
        let j = i;
        while (s[j] === ' ' || s[j] === '\t') j++;
        const next = s[j];
        if (next === ',' || next === '}' || next === ']' || next === undefined) break;
        if (next === ':') {
          if (dictKey) break;
          let k = j + 1;
          while (s[k] === ' ' || s[k] === '\t') k++;
          tokens.push({ kind: 'colon', text: s.slice(i, k) });
          this.i = k;
          continue;
        }
        tokens.push({ kind: 'ws', text: s.slice(i, j) });
        this.i = j;
        continue;
      }
      if (c === ',' || c === '}' || c === ']') break;
      if (c === ':') {
        if (dictKey) break;
        let k = i + 1;
        while (s[k] === ' ' || s[k] === '\t') k++;
        tokens.push({ kind: 'colon', text: s.slice(i, k) });
        this.i = k;
        continue;
      }
      if (c === '$' && s[i + 1] === '{') {
        if (dictKey) this.fail('interpolations are not allowed in dict keys');
        const interp = this.interpolation();
        tokens.push({ kind: 'interp', text: interp.text, interp });
        continue;
      }
      if (c === '\\' && ESCAPABLE.includes(s[i + 1] ?? '\0')) {
        let j = i;
        while (s[j] === '\\' && ESCAPABLE.includes(s[j + 1] ?? '\0')) j += 2;
        tokens.push({ kind: 'esc', text: s.slice(i, j) });
        this.i = j;
        continue;
      }
      const tok = lexWord(s, i);
      if (!tok) {
        if (c === "'" || c === '"') this.fail(`unexpected quote: a quoted string must be a whole argument`);
        if (c === '[' || c === '{') this.fail(`unexpected '${c}'`);
        this.fail(`unexpected character '${c}' (quote the argument to use it)`);
      }
      tokens.push(tok);
      this.i += tok.text.length;
    }
    if (tokens.length === 0) {
      if (this.i >= s.length) this.fail('expected a value');
      this.fail(`expected a value, got '${s[this.i]}'`, start);
    }
    let first = 0;
    let last = tokens.length;
    if ((tokens[0] as Token).kind === 'ws') first++;
    if (last - 1 > first && (tokens[last - 1] as Token).kind === 'ws') last--;
    if (last - first === 1) return typed(tokens[first] as Token);
    const parts: TextPart[] = [];
    let buf = '';
    for (let k = first; k < last; k++) {
      const t = tokens[k] as Token;
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

/** The longest of FLOAT, INT, BOOL, NULL, UNQUOTED_CHAR, ID at `i` (ties go to the earlier rule). */
function lexWord(s: string, i: number): Token | undefined {
  let best: Token | undefined;
  const tryRe = (re: RegExp, kind: TokenKind) => {
    re.lastIndex = i;
    const m = re.exec(s);
    if (m && m[0].length > 0 && (!best || m[0].length > best.text.length)) best = { kind, text: m[0] };
  };
  tryRe(FLOAT_RE, 'float');
  if (best && !/[.eEiInN]/.test(best.text)) best = undefined; // digits only: that is an INT
  tryRe(INT_RE, 'int');
  tryRe(BOOL_RE, 'bool');
  tryRe(NULL_RE, 'null');
  const c = s[i] as string;
  if (UNQUOTED.includes(c) && !best) best = { kind: 'char', text: c };
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

export function parseIntText(text: string): number | bigint {
  const clean = text.replace(/_/g, '');
  const n = Number(clean);
  if (Number.isSafeInteger(n)) return n;
  return BigInt(clean.startsWith('+') ? clean.slice(1) : clean);
}

export function parseFloatText(text: string): number {
  const clean = text.replace(/_/g, '').toLowerCase();
  const sign = clean.startsWith('-') ? -1 : 1;
  const body = clean.replace(/^[+-]/, '');
  if (body === 'inf') return sign * Number.POSITIVE_INFINITY;
  if (body === 'nan') return Number.NaN;
  return sign * Number(body);
}
