/**
 * The override lexer: Hydra 1.3's OverrideLexer.g4 written by hand. As in ANTLR, the longest
 * match wins and a tie goes to the rule listed first. Two modes: KEY (up to the first `=`) and
 * VALUE (everything after it). Tokens are produced on demand, so an error reports the first
 * problem from the left, whichever stage finds it.
 */

// Token types. The order inside each mode mirrors the grammar's rule order (used for ties).
export const T = {
  EOF: 0,
  ERROR: 1, // a character no rule matches (the token spans that one character)
  // KEY mode
  TILDE: 2,
  PLUS: 3,
  AT: 4,
  KEY_COLON: 5,
  SLASH: 6,
  KEY_ID: 7,
  KEY_SPECIAL: 8,
  DOT_PATH: 9,
  // both modes (KEY mode's `=` switches to VALUE mode)
  EQUAL: 10,
  // VALUE mode
  POPEN: 11,
  COMMA: 12,
  PCLOSE: 13,
  BRACKET_OPEN: 14,
  BRACKET_CLOSE: 15,
  BRACE_OPEN: 16,
  BRACE_CLOSE: 17,
  COLON: 18,
  FLOAT: 19,
  INT: 20,
  BOOL: 21,
  NULL: 22,
  UNQUOTED_CHAR: 23,
  ID: 24,
  ESC: 25,
  WS: 26,
  QUOTED_VALUE: 27,
  INTERPOLATION: 28,
} as const;
export type TokenType = (typeof T)[keyof typeof T];

// Character classes (ASCII only: every non-ASCII character is a lexing error outside quotes).
const ALPHA = 1; // [a-zA-Z]
const DIGIT = 2; // [0-9]
const ID_CONT = 4; // [a-zA-Z0-9_-]
const KEY_START = 8; // [a-zA-Z_$]
const KEY_CONT = 16; // [a-zA-Z0-9_$-]
const UNQUOTED = 32; // / - \ + . $ % * @ ? |
const ESCAPABLE = 64; // \ ( ) [ ] { } : = , space tab
const CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  let k = 0;
  if (/[a-zA-Z]/.test(ch)) k |= ALPHA | ID_CONT | KEY_START | KEY_CONT;
  if (/[0-9]/.test(ch)) k |= DIGIT | ID_CONT | KEY_CONT;
  if (ch === '_') k |= ID_CONT | KEY_START | KEY_CONT;
  if (ch === '-') k |= ID_CONT | KEY_CONT;
  if (ch === '$') k |= KEY_START | KEY_CONT;
  if ('/-\\+.$%*@?|'.includes(ch)) k |= UNQUOTED;
  if ('\\()[]{}:=, \t'.includes(ch)) k |= ESCAPABLE;
  CLASS[c] = k;
}

function cls(s: string, i: number): number {
  const c = s.charCodeAt(i); // NaN past the end
  return c < 128 ? (CLASS[c] as number) : 0;
}

function isWs(c: number): boolean {
  return c === 32 || c === 9;
}

function skipWs(s: string, i: number): number {
  while (isWs(s.charCodeAt(i))) i++;
  return i;
}

/** End of DIGIT ('_'? DIGIT)* starting at i (which must be a digit). */
function digitPartEnd(s: string, i: number): number {
  i++;
  for (;;) {
    if (cls(s, i) & DIGIT) i++;
    else if (s.charCodeAt(i) === 95 && cls(s, i + 1) & DIGIT) i += 2;
    else return i;
  }
}

/** End of INT_UNSIGNED ('0' | [1-9] ('_'? DIGIT)*) at i, or -1. */
function intUnsignedEnd(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c === 48) return i + 1;
  if (c >= 49 && c <= 57) return digitPartEnd(s, i);
  return -1;
}

/** True when s[i..i+3) is `inf` or `nan` in any case. */
function isInfNan(s: string, i: number): boolean {
  const a = s.charCodeAt(i) | 32;
  const b = s.charCodeAt(i + 1) | 32;
  const c = s.charCodeAt(i + 2) | 32;
  return (a === 105 && b === 110 && c === 102) || (a === 110 && b === 97 && c === 110);
}

/**
 * Longest FLOAT or INT at i. Returns the end offset, or -1; sets `numberIsFloat`.
 * FLOAT: [+-]? (POINT_FLOAT | EXPONENT_FLOAT | inf | nan); INT: [+-]? INT_UNSIGNED.
 */
let numberIsFloat = false;
function numberEnd(s: string, i: number): number {
  let j = i;
  const c0 = s.charCodeAt(j);
  if (c0 === 43 || c0 === 45) j++;
  if (cls(s, j) & ALPHA) {
    if (isInfNan(s, j)) {
      numberIsFloat = true;
      return j + 3;
    }
    return -1;
  }
  const intEnd = intUnsignedEnd(s, j);
  let best = intEnd;
  numberIsFloat = false;
  // POINT_FLOAT: INT_UNSIGNED '.' | INT_UNSIGNED? '.' DIGIT ('_'? DIGIT)*
  let mantissaEnd = intEnd;
  const dotAt = intEnd > 0 ? intEnd : j;
  if (s.charCodeAt(dotAt) === 46) {
    if (cls(s, dotAt + 1) & DIGIT) mantissaEnd = digitPartEnd(s, dotAt + 1);
    else if (intEnd > 0) mantissaEnd = dotAt + 1;
    if (mantissaEnd > best) {
      best = mantissaEnd;
      numberIsFloat = true;
    }
  }
  // EXPONENT_FLOAT: (INT_UNSIGNED | POINT_FLOAT) [eE] [+-]? DIGIT ('_'? DIGIT)*
  if (mantissaEnd > 0) {
    const e = s.charCodeAt(mantissaEnd);
    if (e === 101 || e === 69) {
      let k = mantissaEnd + 1;
      const sign = s.charCodeAt(k);
      if (sign === 43 || sign === 45) k++;
      if (cls(s, k) & DIGIT) {
        best = digitPartEnd(s, k);
        numberIsFloat = true;
      }
    }
  }
  return best;
}

/** End of the closing quote of a quoted value opening at i, or -1 when it is never closed. */
function quotedEnd(s: string, i: number): number {
  const q = s.charCodeAt(i);
  let run = 0; // backslashes immediately before the current character
  for (let k = i + 1; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (c === 92) run++;
    else {
      if (c === q && (run & 1) === 0) return k + 1;
      run = 0;
    }
  }
  return -1;
}

/** End of a KEY_SPECIAL or INT_UNSIGNED path segment at i, or -1. */
function keySegmentEnd(s: string, i: number): number {
  const k = cls(s, i);
  if (k & KEY_START) {
    i++;
    while (cls(s, i) & KEY_CONT) i++;
    return i;
  }
  if (k & DIGIT) return intUnsignedEnd(s, i);
  return -1;
}

export class Lexer {
  readonly text: string;
  readonly types: TokenType[] = [];
  readonly starts: number[] = [];
  readonly ends: number[] = [];
  private pos = 0;
  private valueMode = false;
  private done = false;
  /** Cache of the next `}` at or after some offset (keeps `${${${…` without `}` linear). */
  private braceFrom = -1;
  private braceAt = -1;

  constructor(text: string) {
    this.text = text;
  }

  /** Lex until token `index` exists (or the input ended); returns its type. */
  typeAt(index: number): TokenType {
    while (this.types.length <= index) {
      if (this.done) return this.types[this.types.length - 1] as TokenType;
      this.lexOne();
    }
    return this.types[index] as TokenType;
  }

  private push(type: TokenType, start: number, end: number): void {
    this.types.push(type);
    this.starts.push(start);
    this.ends.push(end);
    this.pos = end;
    if (type === T.EOF || type === T.ERROR) this.done = true;
  }

  private lexOne(): void {
    const s = this.text;
    const i = this.pos;
    if (i >= s.length) return this.push(T.EOF, i, i);
    if (this.valueMode) return this.lexValue(s, i);
    const c = s.charCodeAt(i);
    switch (c) {
      case 61: // =
        this.valueMode = true;
        return this.push(T.EQUAL, i, skipWs(s, i + 1));
      case 126: // ~
        return this.push(T.TILDE, i, i + 1);
      case 43: // +
        return this.push(T.PLUS, i, i + 1);
      case 64: // @
        return this.push(T.AT, i, i + 1);
      case 58: // :
        return this.push(T.KEY_COLON, i, i + 1);
      case 47: // /
        return this.push(T.SLASH, i, i + 1);
    }
    const first = keySegmentEnd(s, i);
    if (first < 0) return this.push(T.ERROR, i, i + 1);
    let end = first;
    let dotted = false;
    while (s.charCodeAt(end) === 46) {
      const next = keySegmentEnd(s, end + 1);
      if (next < 0) break;
      end = next;
      dotted = true;
    }
    if (dotted) return this.push(T.DOT_PATH, i, end);
    if (cls(s, i) & DIGIT) return this.push(T.ERROR, i, i + 1); // a lone number is no key token
    // ID and KEY_SPECIAL tie unless the segment has a `$`; then KEY_SPECIAL is the longer one.
    for (let k = i; k < end; k++) if (s.charCodeAt(k) === 36) return this.push(T.KEY_SPECIAL, i, end);
    return this.push(T.KEY_ID, i, end);
  }

  private lexValue(s: string, i: number): void {
    const c = s.charCodeAt(i);
    switch (c) {
      case 32:
      case 9: {
        const j = skipWs(s, i);
        switch (s.charCodeAt(j)) {
          case 40:
            return this.push(T.POPEN, i, skipWs(s, j + 1));
          case 44:
            return this.push(T.COMMA, i, skipWs(s, j + 1));
          case 41:
            return this.push(T.PCLOSE, i, j + 1);
          case 93:
            return this.push(T.BRACKET_CLOSE, i, j + 1);
          case 125:
            return this.push(T.BRACE_CLOSE, i, j + 1);
          case 58:
            return this.push(T.COLON, i, skipWs(s, j + 1));
          case 61:
            return this.push(T.EQUAL, i, skipWs(s, j + 1));
        }
        return this.push(T.WS, i, j);
      }
      case 40: // (
        return this.push(T.POPEN, i, skipWs(s, i + 1));
      case 44: // ,
        return this.push(T.COMMA, i, skipWs(s, i + 1));
      case 41: // )
        return this.push(T.PCLOSE, i, i + 1);
      case 91: // [
        return this.push(T.BRACKET_OPEN, i, skipWs(s, i + 1));
      case 93: // ]
        return this.push(T.BRACKET_CLOSE, i, i + 1);
      case 123: // {
        return this.push(T.BRACE_OPEN, i, skipWs(s, i + 1));
      case 125: // }
        return this.push(T.BRACE_CLOSE, i, i + 1);
      case 58: // :
        return this.push(T.COLON, i, skipWs(s, i + 1));
      case 61: // =
        return this.push(T.EQUAL, i, skipWs(s, i + 1));
      case 39: // '
      case 34: {
        // "
        const end = quotedEnd(s, i);
        return end < 0 ? this.push(T.ERROR, i, i + 1) : this.push(T.QUOTED_VALUE, i, end);
      }
      case 92: {
        // \ : ESC is one or more escape pairs; a lone backslash is an UNQUOTED_CHAR
        let k = i;
        while (s.charCodeAt(k) === 92 && cls(s, k + 1) & ESCAPABLE) k += 2;
        return k > i ? this.push(T.ESC, i, k) : this.push(T.UNQUOTED_CHAR, i, i + 1);
      }
      case 36: {
        // $ : INTERPOLATION '${' ~'}'+ '}' ends at the first '}'
        if (s.charCodeAt(i + 1) === 123) {
          if (this.braceFrom < 0 || this.braceFrom > i + 2 || (this.braceAt >= 0 && this.braceAt < i + 2)) {
            this.braceFrom = i + 2;
            this.braceAt = s.indexOf('}', i + 2);
          }
          if (this.braceAt > i + 2) return this.push(T.INTERPOLATION, i, this.braceAt + 1);
        }
        return this.push(T.UNQUOTED_CHAR, i, i + 1);
      }
    }
    const k = cls(s, i);
    if (k & (DIGIT | ALPHA) || c === 43 || c === 45 || c === 46) {
      const numEnd = numberEnd(s, i);
      const numType = numberIsFloat ? T.FLOAT : T.INT;
      if (k & ALPHA) {
        let idEnd = i + 1;
        while (cls(s, idEnd) & ID_CONT) idEnd++;
        if (numEnd >= idEnd) return this.push(numType, i, numEnd); // inf / nan win the tie
        const len = idEnd - i;
        if (len === 4 || len === 5) {
          const word = s.slice(i, idEnd).toLowerCase();
          if (word === 'true' || word === 'false') return this.push(T.BOOL, i, idEnd);
          if (word === 'null') return this.push(T.NULL, i, idEnd);
        }
        return this.push(T.ID, i, idEnd);
      }
      if (numEnd > i) return this.push(numType, i, numEnd);
      return this.push(T.UNQUOTED_CHAR, i, i + 1); // a sign or a dot on its own
    }
    if (c === 95) {
      let idEnd = i + 1;
      while (cls(s, idEnd) & ID_CONT) idEnd++;
      return this.push(T.ID, i, idEnd);
    }
    if (k & UNQUOTED) return this.push(T.UNQUOTED_CHAR, i, i + 1);
    return this.push(T.ERROR, i, i + 1);
  }
}
