/**
 * The few pieces of Python's data model the override functions rely on: `==` and `<` between
 * parsed values (for `sort()` and duplicate dict keys), Python's type names for error messages,
 * and `int(str)` / `float(str)` parsing (for the casts).
 */
import type { DictElement, Element, Scalar } from './types.js';

/** Thrown where Python would raise TypeError or ValueError; the message is Python-like. */
export class PythonError extends Error {
  readonly pythonType: 'TypeError' | 'ValueError' | 'OverflowError';
  constructor(pythonType: 'TypeError' | 'ValueError' | 'OverflowError', message: string) {
    super(message);
    this.pythonType = pythonType;
  }
}

/** Python's type name of a parsed value (a quoted string is Hydra's QuotedString). */
export function pythonTypeName(v: Element): string {
  switch (v.kind) {
    case 'null':
      return 'NoneType';
    case 'string':
      return v.quote === undefined ? 'str' : 'QuotedString';
    case 'list':
      return 'list';
    case 'dict':
      return 'dict';
    default:
      return v.kind;
  }
}

function isNumeric(v: Element): v is Extract<Scalar, { kind: 'int' | 'float' | 'bool' }> {
  return v.kind === 'int' || v.kind === 'float' || v.kind === 'bool';
}

function numericValue(v: Extract<Scalar, { kind: 'int' | 'float' | 'bool' }>): number | bigint {
  return v.kind === 'bool' ? (v.value ? 1 : 0) : v.value;
}

/** Exact equality of two numbers that may be bigint (1n == 1.0 is true, NaN != NaN). */
function numEq(a: number | bigint, b: number | bigint): boolean {
  // biome-ignore lint/suspicious/noDoubleEquals: loose equality compares bigint and number exactly
  return a == b;
}

/** Python `a == b` for parsed values (never raises). */
export function pyEquals(a: Element, b: Element): boolean {
  if (isNumeric(a)) return isNumeric(b) && numEq(numericValue(a), numericValue(b));
  switch (a.kind) {
    case 'null':
      return b.kind === 'null';
    case 'string':
      return b.kind === 'string' && a.value === b.value && a.quote === b.quote;
    case 'list': {
      if (b.kind !== 'list' || a.items.length !== b.items.length) return false;
      for (let i = 0; i < a.items.length; i++) if (!pyEquals(a.items[i] as Element, b.items[i] as Element)) return false;
      return true;
    }
    case 'dict': {
      if (b.kind !== 'dict' || a.entries.length !== b.entries.length) return false;
      for (const [k, v] of a.entries) {
        const other = dictGet(b, k);
        if (other === undefined || !pyEquals(v, other)) return false;
      }
      return true;
    }
  }
}

function dictGet(d: DictElement, key: Scalar): Element | undefined {
  for (const [k, v] of d.entries) if (pyEquals(k, key)) return v;
  return undefined;
}

/** Compare strings by code point, as Python does (JS `<` compares UTF-16 code units). */
export function codePointLess(a: string, b: string): boolean {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) {
      const xs = x >= 0xd800 && x <= 0xdfff;
      const ys = y >= 0xd800 && y <= 0xdfff;
      if (xs !== ys) return !xs; // a surrogate (astral) sorts after any BMP char
      return x < y;
    }
  }
  return a.length < b.length;
}

/** Python `a < b` for parsed values; raises TypeError for unorderable operands. */
export function pyLess(a: Element, b: Element): boolean {
  if (isNumeric(a) && isNumeric(b)) return numericValue(a) < numericValue(b);
  if (a.kind === 'string' && b.kind === 'string' && a.quote === undefined && b.quote === undefined) {
    return codePointLess(a.value, b.value);
  }
  if (a.kind === 'list' && b.kind === 'list') {
    const n = Math.min(a.items.length, b.items.length);
    for (let i = 0; i < n; i++) {
      const x = a.items[i] as Element;
      const y = b.items[i] as Element;
      if (!pyEquals(x, y)) return pyLess(x, y);
    }
    return a.items.length < b.items.length;
  }
  throw new PythonError(
    'TypeError',
    `'<' not supported between instances of '${pythonTypeName(a)}' and '${pythonTypeName(b)}'`,
  );
}

/** Python's stable `sorted(items, reverse=reverse)`. */
export function pySorted(items: readonly Element[], reverse: boolean): Element[] {
  const out = items.slice();
  if (out.length < 2) return out;
  out.sort((a, b) => {
    const [x, y] = reverse ? [b, a] : [a, b];
    if (pyLess(x, y)) return -1;
    if (pyLess(y, x)) return 1;
    return 0;
  });
  return out;
}

/**
 * A string that is equal for two dict keys exactly when Python considers them the same key
 * (1, 1.0 and True are one key). NaN keys never collide.
 */
let nanKeys = 0;
export function dictKeyIdentity(k: Scalar): string {
  switch (k.kind) {
    case 'null':
      return 'null';
    case 'string':
      return `s:${k.value}`;
    case 'bool':
      return k.value ? 'n:1' : 'n:0';
    case 'int':
      return `n:${k.value}`;
    case 'float': {
      const x = k.value;
      if (x !== x) return `nan:${nanKeys++}`;
      if (Number.isInteger(x)) return `n:${BigInt(x)}`;
      return `f:${x}`;
    }
  }
}

// Python's str.strip() whitespace.
const SPACE = '[\\t\\n\\v\\f\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]+';
const PY_SPACE = new RegExp(`^${SPACE}|${SPACE}$`, 'g');
const PY_INT = /^[+-]?[0-9](?:_?[0-9])*$/;
const PY_FLOAT =
  /^[+-]?(?:(?:[0-9](?:_?[0-9])*)?\.[0-9](?:_?[0-9])*|[0-9](?:_?[0-9])*\.?)(?:[eE][+-]?[0-9](?:_?[0-9])*)?$/;
const PY_FLOAT_SPECIAL = /^([+-]?)(inf|infinity|nan)$/i;

/** Python `int(s)` for a string (base 10, ASCII digits); a number or a bigint beyond 2^53. */
export function pyIntFromString(s: string): number | bigint {
  const t = s.replace(PY_SPACE, '');
  if (!PY_INT.test(t)) throw new PythonError('ValueError', `invalid literal for int() with base 10: ${pyStrRepr(s)}`);
  return intFromDigits(t.replace(/_/g, ''));
}

/** A decimal integer literal (sign, digits) as a number when safe, else a bigint. */
export function intFromDigits(digits: string): number | bigint {
  const n = Number(digits);
  if (Number.isSafeInteger(n)) return n === 0 ? 0 : n;
  return BigInt(digits);
}

/** Python `float(s)` for a string. */
export function pyFloatFromString(s: string): number {
  const t = s.replace(PY_SPACE, '');
  const special = PY_FLOAT_SPECIAL.exec(t);
  if (special) {
    if ((special[2] as string).toLowerCase() === 'nan') return Number.NaN;
    return special[1] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  }
  if (!PY_FLOAT.test(t)) throw new PythonError('ValueError', `could not convert string to float: ${pyStrRepr(s)}`);
  return Number(t.replace(/_/g, ''));
}

/** Python `float(n)` of an int: correctly rounded; OverflowError beyond the double range. */
export function pyFloatFromInt(n: number | bigint): number {
  const x = Number(n);
  if (!Number.isFinite(x)) throw new PythonError('OverflowError', 'int too large to convert to float');
  return x;
}

/** Python `int(x)` of a float: truncation toward zero. */
export function pyIntFromFloat(x: number): number | bigint {
  if (x !== x) throw new PythonError('ValueError', 'cannot convert float NaN to integer');
  if (!Number.isFinite(x)) throw new PythonError('OverflowError', 'cannot convert float infinity to integer');
  const t = Math.trunc(x);
  if (Number.isSafeInteger(t)) return t === 0 ? 0 : t;
  return BigInt(t);
}

/** Python `repr()` of a str, for messages. */
export function pyStrRepr(s: string): string {
  const q = s.includes("'") && !s.includes('"') ? '"' : "'";
  return q + s.replace(/\\/g, '\\\\').replace(q === "'" ? /'/g : /"/g, `\\${q}`).replace(/\n/g, '\\n').replace(/\t/g, '\\t') + q;
}
