import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { floatRepr } from '../../src/python/float-repr.js';

describe('floatRepr is Python 3 repr(float)', () => {
  it.each([
    [0, '0.0'],
    [-0, '-0.0'],
    [1, '1.0'],
    [-1, '-1.0'],
    [0.1, '0.1'],
    [0.001, '0.001'],
    [1e-3, '0.001'],
    [0.0001, '0.0001'],
    [0.00001, '1e-05'],
    [0.000123, '0.000123'],
    [0.0000123, '1.23e-05'],
    [1e-8, '1e-08'],
    [1.5e-10, '1.5e-10'],
    [1e-100, '1e-100'],
    [5e-324, '5e-324'],
    [2.2250738585072014e-308, '2.2250738585072014e-308'],
    [1e15, '1000000000000000.0'],
    [123456789012345.6, '123456789012345.6'],
    [9999999999999998, '9999999999999998.0'],
    [1e16, '1e+16'],
    [1.5e16, '1.5e+16'],
    [12345678901234567890, '1.2345678901234567e+19'],
    [1e22, '1e+22'],
    [1e100, '1e+100'],
    [1.7976931348623157e308, '1.7976931348623157e+308'],
    [1e6, '1000000.0'],
    [100, '100.0'],
    [123.456, '123.456'],
    [-2.5, '-2.5'],
    [0.30000000000000004, '0.30000000000000004'],
    [0.1 + 0.2, '0.30000000000000004'],
    [1 / 3, '0.3333333333333333'],
    [2 / 3, '0.6666666666666666'],
    [Math.PI, '3.141592653589793'],
    [2 ** 53, '9007199254740992.0'],
    [2 ** 63, '9.223372036854776e+18'],
    [3.3 + 3.3, '6.6'],
    [6.6 + 3.3, '9.899999999999999'],
    [Number.POSITIVE_INFINITY, 'inf'],
    [Number.NEGATIVE_INFINITY, '-inf'],
    [Number.NaN, 'nan'],
  ])('floatRepr(%d) is %s', (x, expected) => {
    expect(floatRepr(x)).toBe(expected);
  });

  it('reads back as the same double', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true }), (x) => {
        const s = floatRepr(x).replace(/^(-?)inf$/, '$1Infinity');
        expect(Object.is(Number(s), x)).toBe(true);
      }),
      { numRuns: 20000 },
    );
  });

  it('always has a dot or an exponent (Python never prints a float like an int)', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        expect(floatRepr(x)).toMatch(/[.e]/);
      }),
      { numRuns: 5000 },
    );
  });

  it.skipIf(!existsSync('/usr/bin/python3'))('matches /usr/bin/python3 on 20,000 random doubles', () => {
    const view = new DataView(new ArrayBuffer(8));
    const xs = fc.sample(fc.oneof(fc.double(), fc.double({ min: -1e6, max: 1e6 }), fc.integer().map((n) => n / 1000)), { numRuns: 20000, seed: 1 });
    const hex = xs.map((x) => {
      view.setFloat64(0, x);
      return view.getBigUint64(0).toString(16).padStart(16, '0');
    });
    const script = 'import sys,struct\nfor h in sys.stdin.read().split():\n    print(repr(struct.unpack(">d", bytes.fromhex(h))[0]))';
    const out = execFileSync('/usr/bin/python3', ['-c', script], { input: hex.join('\n'), maxBuffer: 64 * 1024 * 1024 })
      .toString()
      .trim()
      .split('\n');
    const mismatches = xs.map((x, i) => [floatRepr(x), out[i]]).filter(([a, b]) => a !== b);
    expect(mismatches).toEqual([]);
  });
});
