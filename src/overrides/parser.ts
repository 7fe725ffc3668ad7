/**
 * The override parser: Hydra 1.3's OverrideParser.g4 as recursive descent over the lexer's
 * tokens, building values as it goes (Hydra's visitor).
 *
 *   override: ( key EQUAL value? | TILDE key (EQUAL value?)? | PLUS PLUS? key EQUAL value? ) EOF
 *   key: packageOrGroup (AT package)?        packageOrGroup: package | ID (SLASH ID)+
 *   package: ( <empty> | ID | KEY_SPECIAL | DOT_PATH )
 *   value: element | element (COMMA element)+
 *   element: primitive | listContainer | dictContainer | function
 *   function: ID POPEN (argName? element (COMMA argName? element)*)? PCLOSE     argName: ID EQUAL
 *   primitive: QUOTED_VALUE | (ID|NULL|INT|FLOAT|BOOL|INTERPOLATION|UNQUOTED_CHAR|COLON|ESC|WS)+
 *   dictKey: (ID|NULL|INT|FLOAT|BOOL|UNQUOTED_CHAR|ESC|WS)+
 *
 * As in Hydra, syntax comes first: an error from evaluating a function (`range(0,5,0)`) is only
 * reported when the whole override is syntactically valid.
 */
import { OverrideParseError } from './errors.js';
import { type CallArg, callFunction, FunctionCallError } from './functions.js';
import { Lexer, T, type TokenType } from './lexer.js';
import { dictKeyIdentity, intFromDigits } from './python-semantics.js';
import { floatScalar, intScalar } from './range.js';
import type { Element, Override, OverrideKind, Scalar, Span, Value } from './types.js';

const PRIMITIVE = new Uint8Array(32);
for (const t of [T.ID, T.NULL, T.INT, T.FLOAT, T.BOOL, T.INTERPOLATION, T.UNQUOTED_CHAR, T.COLON, T.ESC, T.WS]) PRIMITIVE[t] = 1;
const DICT_KEY = new Uint8Array(32);
for (const t of [T.ID, T.NULL, T.INT, T.FLOAT, T.BOOL, T.UNQUOTED_CHAR, T.ESC, T.WS]) DICT_KEY[t] = 1;
const KEY_NAME = new Uint8Array(32);
for (const t of [T.KEY_ID, T.KEY_SPECIAL, T.DOT_PATH]) KEY_NAME[t] = 1;

/** Containers and calls nested deeper than this are rejected (instead of overflowing the stack). */
const MAX_DEPTH = 1000;

const NULL: Scalar = { kind: 'null' };

/** `\,` → `,`, `\\` → `\`: an ESC token is a run of backslash pairs. */
function unescapeEsc(text: string, from: number, to: number): string {
  let out = '';
  for (let i = from + 1; i < to; i += 2) out += text[i];
  return out;
}

/**
 * The text of a quoted value: a run of n backslashes before a quote character stands for n/2
 * backslashes (rounded down), and the quote is part of the text when n is odd; other backslashes
 * are literal.
 */
function unquote(text: string, from: number, to: number): string {
  const q = text.charCodeAt(from);
  const inner = text.slice(from + 1, to - 1);
  if (inner.indexOf('\\') < 0) return inner; // without backslashes no quote char can be inside
  let out = '';
  let run = 0;
  for (let i = 0; i < inner.length; i++) {
    const c = inner.charCodeAt(i);
    if (c === 92) {
      run++;
      continue;
    }
    if (c === q) {
      out += '\\'.repeat(run >> 1);
      out += inner[i];
    } else {
      if (run > 0) out += '\\'.repeat(run);
      out += inner[i];
    }
    run = 0;
  }
  return out + '\\'.repeat(run >> 1);
}

function floatFromToken(text: string): number {
  let t = text;
  let sign = 1;
  const c = t.charCodeAt(0);
  if (c === 43 || c === 45) {
    if (c === 45) sign = -1;
    t = t.slice(1);
  }
  if (t.length === 3) {
    const lower = t.toLowerCase();
    if (lower === 'inf') return sign * Number.POSITIVE_INFINITY;
    if (lower === 'nan') return Number.NaN;
  }
  return sign * Number(t.indexOf('_') < 0 ? t : t.replace(/_/g, ''));
}

class Parser {
  private readonly lx: Lexer;
  private readonly text: string;
  private p = 0;
  /** Offset of the `=` that ends the key, once seen. */
  private eqAt = -1;
  /** The first error found while evaluating a function; reported if the syntax is valid. */
  private pending: OverrideParseError | undefined;

  constructor(text: string) {
    this.text = text;
    this.lx = new Lexer(text);
  }

  private type(k = 0): TokenType {
    return this.lx.typeAt(this.p + k);
  }

  private tokenStart(i: number): number {
    this.lx.typeAt(i);
    return this.lx.starts[Math.min(i, this.lx.starts.length - 1)] as number;
  }

  private tokenEnd(i: number): number {
    this.lx.typeAt(i);
    return this.lx.ends[Math.min(i, this.lx.ends.length - 1)] as number;
  }

  private start(): number {
    return this.tokenStart(this.p);
  }

  private tokenText(i: number): string {
    return this.text.slice(this.tokenStart(i), this.tokenEnd(i));
  }

  // ---- errors -------------------------------------------------------------------------------

  private fail(expected: string, hint?: string): never {
    const i = this.p;
    const h = hint ?? this.hintAt(i);
    throw new OverrideParseError({
      override: this.text,
      column: this.tokenStart(i),
      expected,
      found: this.describe(i),
      ...(h === undefined ? {} : { hint: h }),
    });
  }

  /** Record an error found while building values; parsing goes on to find syntax errors first. */
  private semantic(column: number, problem: string, expected: string, hint?: string): Scalar {
    if (this.pending === undefined) {
      this.pending = new OverrideParseError({
        override: this.text,
        column,
        expected,
        problem,
        ...(hint === undefined ? {} : { hint }),
      });
    }
    return NULL;
  }

  private describe(i: number): string {
    const t = this.lx.typeAt(i);
    if (t === T.EOF) return 'end of input';
    const start = this.tokenStart(i);
    if (t === T.ERROR) {
      const cp = this.text.codePointAt(start) as number;
      if (cp === 39 || cp === 34) return `an unclosed quote (${String.fromCharCode(cp)})`;
      if (cp < 32 || cp === 127) return `control character U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
      return `character '${String.fromCodePoint(cp)}'`;
    }
    if (t === T.WS) return 'whitespace';
    if (t === T.QUOTED_VALUE) return 'a quoted value';
    const text = this.tokenText(i).trim();
    return `'${text.length > 24 ? `${text.slice(0, 21)}...` : text}'`;
  }

  /** `key=` and the value text, for suggestions. */
  private keyAndValue(): { k: string; v: string } {
    return { k: this.text.slice(0, this.eqAt + 1), v: this.text.slice(this.eqAt + 1).trim() };
  }

  private quotedSuggestion(): string {
    const { k, v } = this.keyAndValue();
    if (!v.includes("'")) return `${k}'${v}'`;
    if (!v.includes('"')) return `${k}"${v}"`;
    return `${k}'...'`;
  }

  private hintAt(i: number): string | undefined {
    const t = this.lx.typeAt(i);
    const start = this.tokenStart(i);
    const prev = i > 0 ? this.lx.types[i - 1] : undefined;
    if (this.eqAt < 0) {
      // key
      if (t === T.ERROR) {
        const c = this.text.charCodeAt(start);
        if (c === 32 || c === 9) return "whitespace is not allowed in the key or before its '='";
        if (c > 127) return 'a key may only use ASCII letters, digits, _, -, $ and .';
        if (c === 39 || c === 34) return 'keys cannot be quoted: quote the value, or the whole override for your shell';
        return 'a key is a dot path (a.b.0), a config group (server/db) or a name, optionally with @package and a ~, + or ++ prefix';
      }
      if (t === T.KEY_COLON) return 'package renames (group@pkg1:pkg2) were removed in Hydra 1.1: select the package with group@pkg=option';
      if (t === T.EOF) return 'an override has the form key=value (and ~key deletes a key)';
      return undefined;
    }
    if (t === T.ERROR) {
      const c = this.text.codePointAt(start) as number;
      if (c === 39 || c === 34) {
        return (
          'the quote is never closed: close it, or write a quote inside a value quoted with the other ' +
          `quote character (key="it's") or escaped (key='it\\'s')`
        );
      }
      if (c > 127) return `characters outside ASCII must be quoted: ${this.quotedSuggestion()}`;
      return `'${String.fromCodePoint(c)}' needs quotes: ${this.quotedSuggestion()}`;
    }
    if (t === T.EQUAL) {
      const { k, v } = this.keyAndValue();
      return `quote the value or escape it: ${this.quotedSuggestion()} or ${k}${v.replace(/[=,()[\]{}]/g, '\\$&')}`;
    }
    if (t === T.BRACE_CLOSE && prev === T.INTERPOLATION && this.tokenText(i - 1).includes('${', 2)) {
      const { k, v } = this.keyAndValue();
      return `nested interpolations must be quoted on the command line: ${v.includes("'") ? `${k}"${v}"` : `${k}'${v}'`}`;
    }
    if (prev === T.QUOTED_VALUE || (t === T.QUOTED_VALUE && prev !== undefined && PRIMITIVE[prev] === 1)) {
      return 'a quoted value must make up the whole value: nothing may come before or after the quotes';
    }
    if (t === T.BRACKET_OPEN || t === T.BRACE_OPEN || t === T.POPEN || t === T.BRACKET_CLOSE || t === T.BRACE_CLOSE || t === T.PCLOSE) {
      const c = this.tokenText(i).trim();
      return `to use '${c}' in a value, quote the value or escape it as '\\${c}': ${this.quotedSuggestion()}`;
    }
    return undefined;
  }

  // ---- override and key ---------------------------------------------------------------------

  parse(): Override {
    let kind: OverrideKind = 'change';
    let t = this.type();
    if (t === T.TILDE) {
      kind = 'delete';
      this.p++;
    } else if (t === T.PLUS) {
      this.p++;
      if (this.type() === T.PLUS) {
        kind = 'force-add';
        this.p++;
      } else kind = 'add';
    }
    const keyTok = this.p;
    const keyStart = this.start();
    t = this.type();
    if (t === T.KEY_ID && this.type(1) === T.SLASH) {
      this.p++;
      while (this.type() === T.SLASH) {
        this.p++;
        if (this.type() !== T.KEY_ID) this.fail('a config group name (letters, digits, _ and -)');
        this.p++;
      }
    } else if (KEY_NAME[t] === 1) this.p++;
    const keyEnd = this.p > keyTok ? this.tokenEnd(this.p - 1) : keyStart;
    let spanEnd = keyEnd;
    let pkg: string | undefined;
    if (this.type() === T.AT) {
      const pkgStart = this.tokenEnd(this.p);
      this.p++;
      if (KEY_NAME[this.type()] === 1) this.p++;
      spanEnd = this.tokenEnd(this.p - 1);
      pkg = this.text.slice(pkgStart, spanEnd);
    }
    if (keyEnd === keyStart) {
      this.p = keyTok;
      this.fail('a key', this.type() === T.EQUAL ? "an override needs a key before its '=': key=value" : undefined);
    }
    const key = this.text.slice(keyStart, keyEnd);
    const keySpan: Span = { start: keyStart, end: spanEnd };
    t = this.type();
    let value: Value | undefined;
    let valueSpan: Span | undefined;
    if (t === T.EQUAL) {
      this.eqAt = this.start();
      this.p++;
      value = this.parseValue();
      valueSpan = { start: this.eqAt + 1, end: this.text.length };
    } else if (!(kind === 'delete' && t === T.EOF)) {
      this.fail(kind === 'delete' ? "'=' or end of input" : "'='");
    }
    if (this.pending !== undefined) throw this.pending;
    const out: { -readonly [K in keyof Override]: Override[K] } = { input: this.text, kind, key, keySpan };
    if (pkg !== undefined) out.package = pkg;
    if (value !== undefined) out.value = value;
    if (valueSpan !== undefined) out.valueSpan = valueSpan;
    return out;
  }

  // ---- values -------------------------------------------------------------------------------

  private parseValue(): Value {
    if (this.type() === T.EOF) return { kind: 'string', value: '' };
    const firstAt = this.start();
    let v = this.parseElement(0, 'a value');
    if (this.type() === T.COMMA) {
      const items: Element[] = [this.elementOnly(v, firstAt, 'a comma-separated sweep')];
      while (this.type() === T.COMMA) {
        this.p++;
        const at = this.start();
        items.push(this.elementOnly(this.parseElement(0, 'a value'), at, 'a comma-separated sweep'));
      }
      v = { kind: 'choice', items, simple: true, tags: [] };
    }
    if (this.type() !== T.EOF) this.fail("',' or end of input");
    return v;
  }

  /** Sweeps only exist at the top of a value or as function arguments. */
  private elementOnly(v: Value, at: number, where: string): Element {
    if (v.kind === 'choice' || v.kind === 'range' || v.kind === 'interval' || v.kind === 'glob') {
      return this.semantic(at, `a ${v.kind} sweep cannot be nested inside ${where}`, 'a plain value');
    }
    return v;
  }

  private parseElement(depth: number, expected: string): Value {
    switch (this.type()) {
      case T.QUOTED_VALUE: {
        const i = this.p++;
        const from = this.tokenStart(i);
        const to = this.tokenEnd(i);
        const quote = this.text[from] as "'" | '"';
        return { kind: 'string', value: unquote(this.text, from, to), quote };
      }
      case T.BRACKET_OPEN:
        return this.parseList(depth + 1);
      case T.BRACE_OPEN:
        return this.parseDict(depth + 1);
      case T.ID:
        if (this.type(1) === T.POPEN) return this.parseFunction(depth + 1);
    }
    if (PRIMITIVE[this.type()] !== 1) this.fail(expected);
    const from = this.p;
    do this.p++;
    while (PRIMITIVE[this.type()] === 1);
    return this.scalar(from, this.p);
  }

  /** Hydra's primitive rule: drop one leading and one trailing WS; one token is typed, more concatenate. */
  private scalar(from: number, to: number): Scalar {
    const types = this.lx.types;
    const starts = this.lx.starts;
    const ends = this.lx.ends;
    const text = this.text;
    let a = from;
    let b = to;
    if (types[a] === T.WS) a++;
    if (b > a && types[b - 1] === T.WS) b--;
    if (a === b) {
      this.p = from;
      this.fail('a value');
    }
    if (b - a === 1) {
      const s = starts[a] as number;
      const e = ends[a] as number;
      switch (types[a]) {
        case T.INT: {
          const digits = text.slice(s, e);
          return intScalar(intFromDigits(digits.indexOf('_') < 0 ? digits : digits.replace(/_/g, '')));
        }
        case T.FLOAT:
          return floatScalar(floatFromToken(text.slice(s, e)));
        case T.BOOL:
          return { kind: 'bool', value: (text.charCodeAt(s) | 32) === 116 };
        case T.NULL:
          return NULL;
        case T.ESC:
          return { kind: 'string', value: unescapeEsc(text, s, e) };
        default:
          return { kind: 'string', value: text.slice(s, e) };
      }
    }
    let out = '';
    for (let i = a; i < b; i++) {
      out += types[i] === T.ESC ? unescapeEsc(text, starts[i] as number, ends[i] as number) : text.slice(starts[i], ends[i]);
    }
    return { kind: 'string', value: out };
  }

  private tooDeep(depth: number): void {
    if (depth > MAX_DEPTH) {
      throw new OverrideParseError({
        override: this.text,
        column: this.start(),
        expected: `at most ${MAX_DEPTH} nested lists, dicts or calls`,
        problem: `nesting deeper than ${MAX_DEPTH} levels`,
      });
    }
  }

  private parseList(depth: number): Value {
    this.tooDeep(depth);
    this.p++;
    const items: Element[] = [];
    if (this.type() === T.BRACKET_CLOSE) {
      this.p++;
      return { kind: 'list', items };
    }
    for (;;) {
      const at = this.start();
      items.push(this.elementOnly(this.parseElement(depth, items.length > 0 ? 'a value' : "a value or ']'"), at, 'a list'));
      const t = this.type();
      if (t === T.COMMA) this.p++;
      else if (t === T.BRACKET_CLOSE) {
        this.p++;
        return { kind: 'list', items };
      } else this.fail("',' or ']'");
    }
  }

  private parseDict(depth: number): Value {
    this.tooDeep(depth);
    this.p++;
    const entries: [Scalar, Element][] = [];
    if (this.type() === T.BRACE_CLOSE) {
      this.p++;
      return { kind: 'dict', entries };
    }
    let seen: Map<string, number> | undefined;
    for (;;) {
      const from = this.p;
      while (DICT_KEY[this.type()] === 1) this.p++;
      if (this.p === from) {
        const t = this.type();
        this.fail(
          entries.length > 0 ? 'a dict key' : "a dict key or '}'",
          t === T.QUOTED_VALUE || t === T.INTERPOLATION ? 'dict keys cannot be quoted or interpolated' : undefined,
        );
      }
      const key = this.scalar(from, this.p);
      if (this.type() !== T.COLON) {
        const t = this.type();
        this.fail("':'", t === T.QUOTED_VALUE || t === T.INTERPOLATION ? 'dict keys cannot be quoted or interpolated' : undefined);
      }
      this.p++;
      const at = this.start();
      const value = this.elementOnly(this.parseElement(depth, 'a value'), at, 'a dict');
      // A repeated key keeps its first position and takes the last value (a Python dict).
      if (entries.length === 0) {
        entries.push([key, value]);
      } else {
        if (seen === undefined) {
          seen = new Map();
          seen.set(dictKeyIdentity((entries[0] as [Scalar, Element])[0]), 0);
        }
        const id = dictKeyIdentity(key);
        const prev = seen.get(id);
        if (prev === undefined) {
          seen.set(id, entries.length);
          entries.push([key, value]);
        } else entries[prev] = [(entries[prev] as [Scalar, Element])[0], value];
      }
      const t = this.type();
      if (t === T.COMMA) this.p++;
      else if (t === T.BRACE_CLOSE) {
        this.p++;
        return { kind: 'dict', entries };
      } else this.fail("',' or '}'");
    }
  }

  private parseFunction(depth: number): Value {
    this.tooDeep(depth);
    const nameAt = this.start();
    const name = this.tokenText(this.p);
    this.p += 2; // ID POPEN
    const args: CallArg[] = [];
    const kwargs = new Map<string, CallArg>();
    if (this.type() === T.PCLOSE) this.p++;
    else {
      for (;;) {
        if (this.type() === T.ID && this.type(1) === T.EQUAL) {
          const at = this.start();
          const kw = this.tokenText(this.p);
          this.p += 2;
          kwargs.set(kw, { value: this.parseElement(depth, 'a value'), at });
        } else {
          const at = this.start();
          const value = this.parseElement(depth, args.length + kwargs.size > 0 ? 'an argument' : "an argument or ')'");
          if (kwargs.size > 0) {
            this.semantic(
              at,
              'positional argument follows keyword argument',
              'a keyword argument (name=value)',
              'put positional arguments before keyword arguments: f(a, b, key=c)',
            );
          }
          args.push({ value, at });
        }
        const t = this.type();
        if (t === T.COMMA) this.p++;
        else if (t === T.PCLOSE) {
          this.p++;
          break;
        } else this.fail("',' or ')'");
      }
    }
    if (this.pending !== undefined) return NULL;
    try {
      return callFunction({ name, at: nameAt, args, kwargs });
    } catch (e) {
      if (e instanceof FunctionCallError) return this.semantic(e.at, e.message, e.expected, e.hint);
      throw e;
    }
  }
}

/**
 * Parse one override the way Hydra 1.3 does.
 * @example parseOverride('db.port=3306').value // { kind: 'int', value: 3306 }
 * @throws OverrideParseError for anything Hydra would reject
 */
export function parseOverride(text: string): Override {
  if (typeof text !== 'string') {
    throw new OverrideParseError({
      override: String(text),
      column: 0,
      expected: 'an override string',
      problem: `an override must be a string, got ${typeof text}`,
    });
  }
  return new Parser(text).parse();
}

/** Parse a list of overrides; the first invalid one throws. */
export function parseOverrides(texts: readonly string[]): Override[] {
  const out: Override[] = new Array(texts.length);
  for (let i = 0; i < texts.length; i++) out[i] = parseOverride(texts[i] as string);
  return out;
}
