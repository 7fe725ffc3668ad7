/**
 * The values of `range(start, stop, step)` as Hydra 1.3 produces them.
 *
 * All-int ranges behave like Python's `range`. As soon as one bound is a float, Hydra iterates a
 * `FloatRange` built on `decimal.Decimal`: each bound is converted exactly from its double, the
 * running value is advanced by repeated addition in a 28-significant-digit decimal context
 * (ROUND_HALF_EVEN), and each value is converted back to the nearest double. That is why
 * `range(0.1,0.5,0.1)` yields 0.30000000000000004 and `range(0,10,3.3)` yields 6.6 (not
 * 6.6000000000000005, as binary addition would). We reproduce that arithmetic exactly with bigint.
 */
import type { FloatScalar, IntScalar, NumberScalar, RangeSweep } from './types.js';

export function intScalar(value: number | bigint): IntScalar {
  if (typeof value === 'bigint') {
    if (value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER)) {
      return { kind: 'int', value: Number(value) };
    }
    return { kind: 'int', value };
  }
  return { kind: 'int', value: value === 0 ? 0 : value };
}

export function floatScalar(value: number): FloatScalar {
  return { kind: 'float', value };
}

/** Python `a + b` on int/float scalars (int + int stays int, exactly). */
export function numAdd(a: NumberScalar, b: NumberScalar): NumberScalar {
  if (a.kind === 'int' && b.kind === 'int') {
    if (typeof a.value === 'number' && typeof b.value === 'number') {
      const r = a.value + b.value;
      if (Number.isSafeInteger(r)) return intScalar(r);
    }
    return intScalar(BigInt(a.value) + BigInt(b.value));
  }
  return floatScalar(Number(a.value) + Number(b.value));
}

export function numNeg(a: NumberScalar): NumberScalar {
  if (a.kind === 'int') return intScalar(typeof a.value === 'bigint' ? -a.value : -a.value);
  return floatScalar(-a.value);
}

export function numAbs(a: NumberScalar): NumberScalar {
  return numLess(a, intScalar(0)) ? numNeg(a) : a;
}

export function numSub(a: NumberScalar, b: NumberScalar): NumberScalar {
  return numAdd(a, numNeg(b));
}

export function numLess(a: NumberScalar, b: NumberScalar): boolean {
  return a.value < b.value;
}

export function isZero(a: NumberScalar): boolean {
  // biome-ignore lint/suspicious/noDoubleEquals: 0n == 0 and -0.0 == 0
  return a.value == 0;
}

// ---------------------------------------------------------------------------------------------
// A minimal decimal: value = m * 10^e, exact, with Python's default context for additions.

interface Decimal {
  m: bigint;
  e: number;
}

const PRECISION = 28;
const TEN = 10n;
const POW10: bigint[] = [1n];
function pow10(n: number): bigint {
  while (POW10.length <= n) POW10.push((POW10[POW10.length - 1] as bigint) * TEN);
  return POW10[n] as bigint;
}

const F64 = new DataView(new ArrayBuffer(8));

/** Python `Decimal(x)`: the exact value of the double (or the int). */
function toDecimal(x: NumberScalar): Decimal {
  if (x.kind === 'int') return { m: BigInt(x.value), e: 0 };
  const v = x.value;
  if (Number.isInteger(v)) return { m: BigInt(v), e: 0 };
  F64.setFloat64(0, v);
  const hi = F64.getUint32(0);
  const lo = F64.getUint32(4);
  const negative = hi >>> 31 === 1;
  const exp = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let e2: number;
  if (exp === 0) e2 = -1074;
  else {
    mant |= 1n << 52n;
    e2 = exp - 1075;
  }
  // Not an integer, so e2 < 0: mant / 2^k = mant * 5^k / 10^k.
  const k = -e2;
  const m = mant * 5n ** BigInt(k);
  return { m: negative ? -m : m, e: -k };
}

function roundToPrecision(d: Decimal): Decimal {
  const negative = d.m < 0n;
  const abs = negative ? -d.m : d.m;
  const digits = abs.toString().length;
  if (digits <= PRECISION) return d;
  const drop = digits - PRECISION;
  const unit = pow10(drop);
  let q = abs / unit;
  const r = abs % unit;
  const twice = r * 2n;
  if (twice > unit || (twice === unit && (q & 1n) === 1n)) q += 1n;
  return { m: negative ? -q : q, e: d.e + drop };
}

function decAdd(a: Decimal, b: Decimal): Decimal {
  if (a.e === b.e) return roundToPrecision({ m: a.m + b.m, e: a.e });
  if (a.e < b.e) return roundToPrecision({ m: a.m + b.m * pow10(b.e - a.e), e: a.e });
  return roundToPrecision({ m: a.m * pow10(a.e - b.e) + b.m, e: b.e });
}

function decCompare(a: Decimal, b: Decimal): number {
  let x = a.m;
  let y = b.m;
  if (a.e < b.e) y *= pow10(b.e - a.e);
  else if (a.e > b.e) x *= pow10(a.e - b.e);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** float(Decimal): the nearest double (V8 parses decimal strings with correct rounding). */
function decToNumber(d: Decimal): number {
  return Number(`${d.m}e${d.e}`);
}

// ---------------------------------------------------------------------------------------------

/** True when the range yields floats (any bound is a float). */
export function isFloatRange(r: Pick<RangeSweep, 'start' | 'stop' | 'step'>): boolean {
  return r.start.kind === 'float' || r.stop.kind === 'float' || r.step.kind === 'float';
}

/** The values of a range, lazily. The step must not be zero (checked when the range is built). */
export function* rangeValues(r: Pick<RangeSweep, 'start' | 'stop' | 'step'>): Generator<IntScalar | FloatScalar> {
  if (isFloatRange(r)) {
    let cur = toDecimal(r.start);
    const stop = toDecimal(r.stop);
    const step = toDecimal(r.step);
    const up = step.m > 0n;
    if (step.m === 0n) return;
    while (up ? decCompare(cur, stop) < 0 : decCompare(cur, stop) > 0) {
      yield floatScalar(decToNumber(cur));
      cur = decAdd(cur, step);
    }
    return;
  }
  const { start, stop, step } = r as { start: IntScalar; stop: IntScalar; step: IntScalar };
  if (typeof start.value === 'number' && typeof stop.value === 'number' && typeof step.value === 'number') {
    const s = step.value;
    if (s > 0) for (let v = start.value; v < stop.value; v += s) yield intScalar(v);
    else if (s < 0) for (let v = start.value; v > stop.value; v += s) yield intScalar(v);
    return;
  }
  const s = BigInt(step.value);
  const end = BigInt(stop.value);
  if (s > 0n) for (let v = BigInt(start.value); v < end; v += s) yield intScalar(v);
  else if (s < 0n) for (let v = BigInt(start.value); v > end; v += s) yield intScalar(v);
}

/** Float ranges longer than this are counted by formula rather than by walking them. */
const WALK_LIMIT = 100_000;

/**
 * How many values the range has, without building them. Exact for int ranges; for float ranges
 * exact up to 100,000 values, and beyond that computed as ceil((stop - start) / step), which can
 * differ by one from Hydra's decimal walk when a value lands within rounding error of `stop`.
 */
export function rangeLength(r: Pick<RangeSweep, 'start' | 'stop' | 'step'>): number {
  if (isFloatRange(r)) {
    const start = Number(r.start.value);
    const stop = Number(r.stop.value);
    const step = Number(r.step.value);
    if (step === 0 || !(step > 0 ? start < stop : start > stop)) return 0;
    const estimate = Math.ceil((stop - start) / step);
    if (!(estimate <= WALK_LIMIT)) return estimate;
    let n = 0;
    for (const _ of rangeValues(r)) n++;
    return n;
  }
  const start = BigInt(r.start.value);
  const stop = BigInt(r.stop.value);
  const step = BigInt(r.step.value);
  if (step > 0n) return start < stop ? Number((stop - start + step - 1n) / step) : 0;
  if (step < 0n) return start > stop ? Number((start - stop - step - 1n) / -step) : 0;
  return 0;
}
