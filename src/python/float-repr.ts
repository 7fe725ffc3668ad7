/**
 * Python 3's `repr(float)` (which is also `str(float)`): the shortest digits that read back as the
 * same double, written in fixed notation when the decimal exponent is in [-4, 16) and in scientific
 * notation otherwise (`1e-05`, `1.5e+16`), with `.0` on integral values, and `inf`, `-inf`, `nan`.
 *
 * JavaScript's `Number.prototype.toString` already picks the shortest round-trip digits (and the
 * closest of them when several are equally short, as Python does); only the layout differs.
 *
 * @example floatRepr(1e-3) === '0.001'; floatRepr(1e16) === '1e+16'; floatRepr(2) === '2.0'
 */
export function floatRepr(x: number): string {
  if (x !== x) return 'nan';
  if (x === Number.POSITIVE_INFINITY) return 'inf';
  if (x === Number.NEGATIVE_INFINITY) return '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const negative = x < 0;
  const { digits, exponent } = shortestDigits(negative ? -x : x);
  let out: string;
  if (exponent < -4 || exponent >= 16) {
    const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const abs = exponent < 0 ? -exponent : exponent;
    out = `${mantissa}e${exponent < 0 ? '-' : '+'}${abs < 10 ? '0' : ''}${abs}`;
  } else if (exponent >= 0) {
    const intLen = exponent + 1;
    out =
      digits.length <= intLen
        ? `${digits}${'0'.repeat(intLen - digits.length)}.0`
        : `${digits.slice(0, intLen)}.${digits.slice(intLen)}`;
  } else {
    out = `0.${'0'.repeat(-exponent - 1)}${digits}`;
  }
  return negative ? `-${out}` : out;
}

/**
 * The significant digits (no leading or trailing zeros) of a positive finite double and the
 * decimal exponent of its first digit: 123.5 gives { digits: '1235', exponent: 2 }.
 */
function shortestDigits(x: number): { digits: string; exponent: number } {
  const s = String(x);
  const e = s.indexOf('e');
  const mantissa = e < 0 ? s : s.slice(0, e);
  const exp10 = e < 0 ? 0 : Number(s.slice(e + 1));
  const dot = mantissa.indexOf('.');
  const intPart = dot < 0 ? mantissa : mantissa.slice(0, dot);
  const all = dot < 0 ? mantissa : intPart + mantissa.slice(dot + 1);
  let first = 0;
  while (first < all.length - 1 && all.charCodeAt(first) === 48) first++;
  let last = all.length;
  while (last > first + 1 && all.charCodeAt(last - 1) === 48) last--;
  // The first significant digit sits at position `first` of `all`; the decimal point sits after
  // `intPart.length` digits, so that digit has exponent intPart.length - 1 - first.
  return { digits: all.slice(first, last), exponent: exp10 + intPart.length - 1 - first };
}
