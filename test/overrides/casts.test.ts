import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CastTarget, castValue } from '../../src/overrides/casts.js';
import { PythonError } from '../../src/overrides/python-semantics.js';
import type { ChoiceSweep, Element, FloatScalar, IntScalar, IntervalSweep, RangeSweep, Scalar, Value } from '../../src/overrides/types.js';

const int = (value: number | bigint): IntScalar => ({ kind: 'int', value });
const float = (value: number): FloatScalar => ({ kind: 'float', value });
const str = (value: string): Scalar => ({ kind: 'string', value });
const bool = (value: boolean): Scalar => ({ kind: 'bool', value });
const nul: Scalar = { kind: 'null' };
const list = (...items: Element[]): Element => ({ kind: 'list', items });

/** The Python exception type a cast raises, or undefined when it succeeds. */
function raised(target: CastTarget, v: Value): string | undefined {
  try {
    castValue(target, v);
    return undefined;
  } catch (e) {
    expect(e).toBeInstanceOf(PythonError);
    return (e as PythonError).pythonType;
  }
}

// Rows of the conversion matrix in Hydra 1.3's docs (advanced/override_grammar/extended.md).
describe('the conversion matrix for scalars', () => {
  it.each<[string, Scalar, Scalar]>([
    ['10', int(10), int(10)],
    ['0', int(0), int(0)],
    ['10.0', float(10), int(10)],
    ['0.0', float(0), int(0)],
    ['1e6', float(1e6), int(1_000_000)],
    ['"10"', str('10'), int(10)],
    ['true', bool(true), int(1)],
    ['false', bool(false), int(0)],
    ['3.14 (truncated)', float(3.14), int(3)],
    ['-3.9 (truncated toward zero)', float(-3.9), int(-3)],
  ])('int(%s)', (_, input, expected) => {
    expect(castValue('int', input)).toEqual(expected);
  });

  it.each<[string, Scalar, Scalar]>([
    ['10', int(10), float(10)],
    ['0', int(0), float(0)],
    ['10.0', float(10), float(10)],
    ['inf', float(Number.POSITIVE_INFINITY), float(Number.POSITIVE_INFINITY)],
    ['1e6', float(1e6), float(1e6)],
    ['"10"', str('10'), float(10)],
    ['"10.0"', str('10.0'), float(10)],
    ['true', bool(true), float(1)],
    ['false', bool(false), float(0)],
  ])('float(%s)', (_, input, expected) => {
    expect(castValue('float', input)).toEqual(expected);
  });

  it.each<[string, Scalar, string]>([
    ['10', int(10), '10'],
    ['0', int(0), '0'],
    ['10.0', float(10), '10.0'],
    ['0.0', float(0), '0.0'],
    ['inf', float(Number.POSITIVE_INFINITY), 'inf'],
    ['nan', float(Number.NaN), 'nan'],
    ['1e6', float(1e6), '1000000.0'],
    ['foo', str('foo'), 'foo'],
    ['""', str(''), ''],
    ['"[1,2,3]"', str('[1,2,3]'), '[1,2,3]'],
    ['true', bool(true), 'true'],
    ['false', bool(false), 'false'],
  ])('str(%s)', (_, input, expected) => {
    expect(castValue('str', input)).toEqual(str(expected));
  });

  it.each<[string, Scalar, boolean]>([
    ['10', int(10), true],
    ['0', int(0), false],
    ['10.0', float(10), true],
    ['0.0', float(0), false],
    ['-0.0', float(-0), false],
    ['inf', float(Number.POSITIVE_INFINITY), true],
    ['nan', float(Number.NaN), true],
    ['1e6', float(1e6), true],
    ['"true"', str('true'), true],
    ['"false"', str('false'), false],
    ['true', bool(true), true],
    ['false', bool(false), false],
  ])('bool(%s)', (_, input, expected) => {
    expect(castValue('bool', input)).toEqual(bool(expected));
  });

  it.each<[CastTarget, string, Scalar, string]>([
    ['int', 'inf', float(Number.POSITIVE_INFINITY), 'OverflowError'],
    ['int', 'nan', float(Number.NaN), 'ValueError'],
    ['int', 'foo', str('foo'), 'ValueError'],
    ['int', '""', str(''), 'ValueError'],
    ['int', '"10.0"', str('10.0'), 'ValueError'],
    ['int', '"true"', str('true'), 'ValueError'],
    ['float', 'foo', str('foo'), 'ValueError'],
    ['float', '""', str(''), 'ValueError'],
    ['float', '"true"', str('true'), 'ValueError'],
    ['float', '"[1,2,3]"', str('[1,2,3]'), 'ValueError'],
    ['bool', 'foo', str('foo'), 'ValueError'],
    ['bool', '""', str(''), 'ValueError'],
    ['bool', '"10"', str('10'), 'ValueError'],
    ['bool', '"{a:10}"', str('{a:10}'), 'ValueError'],
  ])('%s(%s) is an error', (target, _, input, errorType) => {
    expect(raised(target, input)).toBe(errorType);
  });
});

describe('casting null', () => {
  it('is false for bool, like Python bool(None)', () => {
    expect(castValue('bool', nul)).toEqual(bool(false));
  });

  it.each<CastTarget>(['int', 'float', 'str'])('fails for %s', (target) => {
    expect(raised(target, nul)).toBe('TypeError');
  });
});

describe('strings follow Python int() and float()', () => {
  it('accept surrounding whitespace and digit underscores', () => {
    expect(castValue('int', str(' 42 '))).toEqual(int(42));
    expect(castValue('int', str('1_000'))).toEqual(int(1000));
    expect(castValue('float', str(' 2.5 '))).toEqual(float(2.5));
  });

  it('reads inf and nan as floats, in any case', () => {
    expect(castValue('float', str('-Infinity'))).toEqual(float(Number.NEGATIVE_INFINITY));
    const nan = castValue('float', str('NaN'));
    expect(nan.kind).toBe('float');
    expect(Number.isNaN((nan as { value: number }).value)).toBe(true);
  });

  it('bool() of a string ignores case', () => {
    expect(castValue('bool', str('TRUE'))).toEqual(bool(true));
    expect(castValue('bool', str('False'))).toEqual(bool(false));
  });

  it('the error for bool() names the string, as Hydra does', () => {
    expect(() => castValue('bool', str('foo'))).toThrow("Cannot cast 'foo' to bool");
  });
});

describe('integers beyond 2^53', () => {
  it('int() of a long digit string is exact', () => {
    expect(castValue('int', str('123456789012345678901234567890'))).toEqual(int(123456789012345678901234567890n));
  });

  it('int() of a large float is exact', () => {
    expect(castValue('int', float(1e20))).toEqual(int(100000000000000000000n));
  });

  it('str() of a big int keeps every digit', () => {
    expect(castValue('str', int(123456789012345678901234567890n))).toEqual(str('123456789012345678901234567890'));
  });

  it('float() of an int beyond the float range is an OverflowError', () => {
    expect(raised('float', int(10n ** 400n))).toBe('OverflowError');
  });
});

describe('quoted strings', () => {
  it('str() of a quoted string gives a plain string', () => {
    expect(castValue('str', { kind: 'string', value: 'a,b', quote: "'" })).toEqual(str('a,b'));
  });

  it('int() and float() read the text of a quoted string', () => {
    expect(castValue('int', { kind: 'string', value: '10', quote: '"' })).toEqual(int(10));
    expect(castValue('float', { kind: 'string', value: '10', quote: "'" })).toEqual(float(10));
  });
});

describe('lists and dicts are cast item by item', () => {
  it('casts each item of a list, nested lists included', () => {
    expect(castValue('float', list(int(0), int(1), int(2)))).toEqual(list(float(0), float(1), float(2)));
    expect(castValue('str', list(int(1), list(int(2))))).toEqual(list(str('1'), list(str('2'))));
    expect(castValue('bool', list(int(0), int(1), int(2)))).toEqual(list(bool(false), bool(true), bool(true)));
  });

  it('an empty list stays empty', () => {
    for (const t of ['int', 'float', 'str', 'bool'] as const) expect(castValue(t, list())).toEqual(list());
  });

  it('one item that cannot be cast fails the whole list', () => {
    expect(raised('int', list(str('a'), int(1)))).toBe('ValueError');
    expect(raised('float', list(int(1), list(str('x'))))).toBe('ValueError');
  });

  it('casts the values of a dict and leaves its keys alone', () => {
    const d: Element = {
      kind: 'dict',
      entries: [
        [str('a'), int(10)],
        [int(3), list(int(0), int(1))],
      ],
    };
    expect(castValue('str', d)).toEqual({
      kind: 'dict',
      entries: [
        [str('a'), str('10')],
        [int(3), list(str('0'), str('1'))],
      ],
    });
  });

  it('one value that cannot be cast fails the whole dict', () => {
    const d: Element = {
      kind: 'dict',
      entries: [
        [str('a'), int(10)],
        [str('b'), str('xyz')],
      ],
    };
    expect(raised('int', d)).toBe('ValueError');
    expect(raised('bool', d)).toBe('ValueError');
  });
});

describe('sweeps', () => {
  const choice = (items: Element[], extra: Partial<ChoiceSweep> = {}): ChoiceSweep => ({ kind: 'choice', items, simple: false, tags: [], ...extra });

  it('casts each option of a choice sweep', () => {
    expect(castValue('float', choice([int(0), int(1)]))).toEqual(choice([float(0), float(1)]));
    expect(castValue('str', choice([int(1), str('a')]))).toEqual(choice([str('1'), str('a')]));
  });

  it('keeps the simple form of a choice (a,b vs choice(a,b))', () => {
    const out = castValue('int', choice([str('1'), str('2')], { simple: true })) as ChoiceSweep;
    expect(out.simple).toBe(true);
    expect(out.items).toEqual([int(1), int(2)]);
  });

  it('drops the tags and the shuffle marker of a choice', () => {
    const out = castValue('int', choice([int(1), int(2)], { tags: ['log'], shuffle: { seed: 3 } })) as ChoiceSweep;
    expect(out.tags).toEqual([]);
    expect(out.shuffle).toBeUndefined();
  });

  it('a choice with an option that cannot be cast fails', () => {
    expect(raised('int', choice([str('a'), str('b')]))).toBe('ValueError');
  });

  const range = (start: Scalar, stop: Scalar, step: Scalar): RangeSweep => ({ kind: 'range', start, stop, step, tags: [] }) as RangeSweep;

  it('int() and float() cast the bounds and step of a range', () => {
    expect(castValue('float', range(int(1), int(10), int(1)))).toEqual(range(float(1), float(10), float(1)));
    expect(castValue('int', range(float(1), float(10), float(2.5)))).toEqual(range(int(1), int(10), int(2)));
  });

  it('drops the tags and shuffle marker of a range', () => {
    const r = { ...range(int(0), int(3), int(1)), tags: ['t'], shuffle: {} } as RangeSweep;
    const out = castValue('float', r) as RangeSweep;
    expect(out.tags).toEqual([]);
    expect(out.shuffle).toBeUndefined();
  });

  it.each<CastTarget>(['str', 'bool'])('a range cannot be cast to %s', (target) => {
    expect(() => castValue(target, range(int(1), int(10), int(1)))).toThrow('Range can only be cast to int or float');
  });

  const interval: IntervalSweep = { kind: 'interval', start: float(1.5), end: float(4.0), tags: ['log'] };

  it('int() and float() cast the ends of an interval and keep its tags', () => {
    expect(castValue('int', interval)).toEqual({ kind: 'interval', start: int(1), end: int(4), tags: ['log'] });
    expect(castValue('float', { ...interval, start: int(1) } as IntervalSweep)).toEqual({ kind: 'interval', start: float(1), end: float(4), tags: ['log'] });
  });

  it.each<CastTarget>(['str', 'bool'])('an interval cannot be cast to %s', (target) => {
    expect(() => castValue(target, interval)).toThrow(`Intervals cannot be cast to ${target}`);
  });

  it.each<CastTarget>(['int', 'float', 'str', 'bool'])('a glob cannot be cast to %s', (target) => {
    expect(raised(target, { kind: 'glob', include: ['*'], exclude: [], tags: [] })).toBe('TypeError');
  });
});

describe('properties', () => {
  it('float(str(x)) gives back every float, inf, nan and -0.0 included', () => {
    fc.assert(
      fc.property(fc.double(), (x) => {
        const back = castValue('float', castValue('str', float(x)));
        expect(back.kind).toBe('float');
        expect(Object.is((back as { value: number }).value, x)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('int(str(n)) gives back every integer, big ones included', () => {
    const anyInt = fc.oneof(
      fc.integer(),
      fc.bigInt({ min: -(2n ** 100n), max: 2n ** 100n }).map((b) => (b >= BigInt(Number.MIN_SAFE_INTEGER) && b <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(b) : b)),
    );
    fc.assert(
      fc.property(anyInt, (n) => {
        expect(castValue('int', castValue('str', int(n)))).toEqual(int(n === 0 ? 0 : n));
      }),
      { numRuns: 2000 },
    );
  });

  it('int() of a finite float truncates toward zero', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e15, max: 1e15, noNaN: true }), (x) => {
        expect(castValue('int', float(x))).toEqual(int(Math.trunc(x) + 0));
      }),
      { numRuns: 2000 },
    );
  });

  it('bool() of a number is false exactly for zero', () => {
    fc.assert(
      fc.property(fc.oneof(fc.double().map(float), fc.integer().map(int)), (v) => {
        expect(castValue('bool', v)).toEqual(bool((v as { value: number }).value !== 0));
      }),
      { numRuns: 2000 },
    );
  });

  it('casting a list is casting each of its items', () => {
    const scalar = fc.oneof(
      fc.integer().map(int),
      fc.double().map(float),
      fc.boolean().map(bool),
      fc.constantFrom('0', '12', 'true', 'False', 'x', '1.5').map(str),
    );
    const target = fc.constantFrom<CastTarget>('int', 'float', 'str', 'bool');
    fc.assert(
      fc.property(target, fc.array(scalar, { maxLength: 6 }), (t, items) => {
        const each: (Value | undefined)[] = items.map((x) => (raised(t, x) ? undefined : castValue(t, x)));
        if (each.includes(undefined)) expect(raised(t, list(...items))).toBeDefined();
        else expect(castValue(t, list(...items))).toEqual(list(...(each as Element[])));
      }),
      { numRuns: 1000 },
    );
  });
});
