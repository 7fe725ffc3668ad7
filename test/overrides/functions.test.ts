import { describe, expect, it } from 'vitest';
import { expandSweep, OverrideParseError, parseOverride } from '../../src/overrides/index.js';
import type { IntervalSweep, NumberScalar, RangeSweep, Sweep, Value } from '../../src/overrides/index.js';
import { bool, choice, dict, float, int, list, str, sweep, thrown, value } from './helpers.js';

const range = (start: Value, stop: Value, step: Value = int(1)): RangeSweep => ({
  kind: 'range',
  start: start as NumberScalar,
  stop: stop as NumberScalar,
  step: step as NumberScalar,
  tags: [],
});
const interval = (start: Value, end: Value): IntervalSweep => ({ kind: 'interval', start: start as NumberScalar, end: end as NumberScalar, tags: [] });

describe('choice', () => {
  it.each([
    ['choice(a)', choice(str('a'))],
    ['choice(a,b)', choice(str('a'), str('b'))],
    ['choice (a,b)', choice(str('a'), str('b'))],
    ['choice( 10 , 20 )', choice(int(10), int(20))],
    ['choice(str(10))', choice(str('10'))],
    ['choice([1,2],{a:1},true,1.5)', choice(list(int(1), int(2)), dict([str('a'), int(1)]), bool(true), float(1.5))],
    ["choice('a,b',\"c\")", choice(str('a,b'), str('c'))],
    ["choice(['a,b'])", choice(list(str('a,b', "'")))],
    ['choice(sort(b,a))', choice(str('a'), str('b'))],
  ])('%s', (text, expected) => {
    expect(value(text)).toEqual(expected);
  });

  it('is the same sweep as the comma form, except for the simple flag', () => {
    const a = value('choice(a,b)') as Sweep;
    const b = value('a,b') as Sweep;
    expect({ ...a, simple: true }).toEqual(b);
  });
});

describe('range', () => {
  it.each([
    ['range(5)', range(int(0), int(5))],
    ['range(10,11)', range(int(10), int(11))],
    ['range (10,11)', range(int(10), int(11))],
    ['range(1,10,2)', range(int(1), int(10), int(2))],
    ['range(start=1,stop=10,step=2)', range(int(1), int(10), int(2))],
    ['range(1.0, 3.14)', range(float(1), float(3.14))],
    ['range(1.0, 3.14, 0.1)', range(float(1), float(3.14), float(0.1))],
    ['range(-5,step=-1)', range(int(0), int(-5), int(-1))],
    ['range(1,null)', range(int(0), int(1))],
    ['range(true)', range(int(0), int(1))],
    ['range(step=2,start=4)', range(int(0), int(4), int(2))],
  ])('%s', (text, expected) => {
    expect(value(text)).toEqual(expected);
  });

  it.each([
    ['range(5)', [0, 1, 2, 3, 4]],
    ['range(0,5)', [0, 1, 2, 3, 4]],
    ['range(0,5,2)', [0, 2, 4]],
    ['range(-5,step=-1)', [0, -1, -2, -3, -4]],
    ['range(5,0,-2)', [5, 3, 1]],
    ['range(5,0)', []],
    ['range(0)', []],
    ['range(10,40,10)', [10, 20, 30]],
  ])('%s yields ints %j', (text, expected) => {
    expect(expandSweep(value(text) as Sweep)).toEqual(expected.map((n) => int(n)));
  });

  it.each([
    ['range(0,10,3.3)', [0, 3.3, 6.6, 9.9]],
    ['range(0.1,0.5,0.1)', [0.1, 0.2, 0.30000000000000004, 0.4]],
    ['range(1.5)', [0, 1]],
    ['range(1,3,0.5)', [1, 1.5, 2, 2.5]],
    ['range(1.0,0.0,-0.25)', [1, 0.75, 0.5, 0.25]],
    ['range(0,1,0.7)', [0, 0.7]],
  ])('%s yields floats %j (decimal arithmetic, as Hydra)', (text, expected) => {
    expect(expandSweep(value(text) as Sweep)).toEqual(expected.map((n) => float(n)));
  });

  it('handles ints beyond 2^53 exactly', () => {
    expect(expandSweep(value('range(9007199254740992,9007199254740995)') as Sweep)).toEqual([
      int(9007199254740992n),
      int(9007199254740993n),
      int(9007199254740994n),
    ]);
  });
});

describe('interval', () => {
  it.each([
    ['interval(10,11)', interval(float(10), float(11))],
    ['interval(2.72,3.14)', interval(float(2.72), float(3.14))],
    ['interval(start=2.72,end=3.14)', interval(float(2.72), float(3.14))],
    ['interval(1,5)', interval(float(1), float(5))],
    ['interval(true,2)', interval(float(1), float(2))],
  ])('%s', (text, expected) => {
    expect(value(text)).toEqual(expected);
  });
});

describe('glob', () => {
  it.each([
    ['glob(*)', ['*'], []],
    ['glob(a*)', ['a*'], []],
    ['glob(*,exclude=support)', ['*'], ['support']],
    ['glob([s*,w*],exclude=school)', ['s*', 'w*'], ['school']],
    ['glob(include=[v*,r*])', ['v*', 'r*'], []],
    ['glob(*,exclude=[imagenet,m*])', ['*'], ['imagenet', 'm*']],
    ['glob(*,null)', ['*'], []],
    ["glob('x y')", ['x y'], []],
    ['glob(?a[bc]*)', [], []],
  ])('%s', (text, include, exclude) => {
    if (text === 'glob(?a[bc]*)') {
      // `[` opens a list in a value: the pattern must be quoted or escaped.
      expect(thrown(() => value(text))).toBeInstanceOf(OverrideParseError);
      expect(value('glob(?a\\[bc\\]*)')).toEqual({ kind: 'glob', include: ['?a[bc]*'], exclude: [], tags: [] });
      return;
    }
    expect(value(text)).toEqual({ kind: 'glob', include, exclude, tags: [] });
  });
});

describe('tag', () => {
  it.each([
    ['tag(log,interval(0,1))', { ...interval(float(0), float(1)), tags: ['log'] }],
    ['tag(foo,bar,interval(0,1))', { ...interval(float(0), float(1)), tags: ['foo', 'bar'] }],
    ['tag(foo,foo,choice(a))', { ...choice(str('a')), tags: ['foo'] }],
    ['tag(log,sweep=range(3))', { ...range(int(0), int(3)), tags: ['log'] }],
    ["tag('a b',a,b)", { ...sweep(str('a'), str('b')), tags: ['a b'] }],
    ['tag(x,tag(y,choice(a)))', { ...choice(str('a')), tags: ['x'] }],
  ])('%s', (text, expected) => {
    const v = text === "tag('a b',a,b)" ? value("tag('a b',sort(a,b))") : value(text);
    expect(v).toEqual(expected);
  });
});

describe('sort', () => {
  it.each([
    ['sort(1,3,2)', sweep(int(1), int(2), int(3))],
    ['sort(1,3,2,reverse=true)', sweep(int(3), int(2), int(1))],
    ['sort(a,c,b,reverse=true)', sweep(str('c'), str('b'), str('a'))],
    ['sort(choice(1,2,3))', choice(int(1), int(2), int(3))],
    ['sort(sweep=choice(3,1,2))', choice(int(1), int(2), int(3))],
    ['sort(choice(1,2,3),reverse=true)', choice(int(3), int(2), int(1))],
    ['sort([1,3,2])', list(int(1), int(2), int(3))],
    ['sort([2,3,1],reverse=true)', list(int(3), int(2), int(1))],
    ['sort(list=[1,3,2])', list(int(1), int(2), int(3))],
    ['sort(list=[1,3,2], reverse=true)', list(int(3), int(2), int(1))],
    ['sort(1)', int(1)],
    ["sort('b')", str('b')],
    ['sort({b:1})', dict([str('b'), int(1)])],
    ['sort([])', list()],
    ["sort(['b'])", list(str('b', "'"))],
    ['sort([true,0,1.5,-1])', list(int(-1), int(0), bool(true), float(1.5))],
    ['sort([b,B,a,_,1a])', list(str('1a'), str('B'), str('_'), str('a'), str('b'))],
    ['sort([[2],[1,5],[1]])', list(list(int(1)), list(int(1), int(5)), list(int(2)))],
    ['sort([1,1.0,true],reverse=true)', list(int(1), float(1), bool(true))],
    ['float(sort(3,2,1))', sweep(float(1), float(2), float(3))],
    ['sort(float(3,2,1))', sweep(float(1), float(2), float(3))],
  ])('%s', (text, expected) => {
    expect(value(text)).toEqual(expected);
  });

  it.each([
    ['sort(range(1,10),reverse=true)', [9, 8, 7, 6, 5, 4, 3, 2, 1]],
    ['sort(range(9,0,-1))', [1, 2, 3, 4, 5, 6, 7, 8, 9]],
    ['sort(range(5))', [0, 1, 2, 3, 4]],
    ['sort(range(10,1))', []],
    // Hydra 1.3 reflects the bounds even when stop is off the grid:
    ['sort(range(0,5,2),reverse=true)', [3, 1, -1]],
  ])('%s yields %j', (text, expected) => {
    expect(expandSweep(value(text) as Sweep)).toEqual(expected.map((n) => int(n)));
  });

  it('sorts a float range with float arithmetic', () => {
    expect(value('sort(range(0,1,0.5),reverse=true)')).toEqual(range(float(0.5), float(-0.5), float(-0.5)));
  });
});

describe('shuffle', () => {
  it('marks choice and range sweeps as shuffled', () => {
    expect(value('shuffle(1,2,3)')).toEqual({ ...sweep(int(1), int(2), int(3)), shuffle: {} });
    expect(value('shuffle(choice(1,2,3))')).toEqual({ ...choice(int(1), int(2), int(3)), shuffle: {} });
    expect(value('shuffle(sweep=choice(1,2))')).toEqual({ ...choice(int(1), int(2)), shuffle: {} });
    expect(value('shuffle(range(1,10))')).toEqual({ ...range(int(1), int(10)), shuffle: {} });
    expect(value('shuffle(range(1,10),seed=3)')).toEqual({ ...range(int(1), int(10)), shuffle: { seed: 3 } });
  });

  it('shuffles a list right away', () => {
    const v = value('shuffle([1,2,3,4,5,6,7,8,9,10])') as { kind: string; items: { value: number }[] };
    expect(v.kind).toBe('list');
    expect(v.items.map((x) => x.value).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(value('shuffle(list=[1])')).toEqual(list(int(1)));
  });

  it('wraps a single plain value in a list, as Hydra does', () => {
    expect(value('shuffle(a)')).toEqual(list(str('a')));
  });

  it('gives an empty shuffled comma sweep without arguments, as Hydra does', () => {
    expect(value('shuffle()')).toEqual({ ...sweep(), shuffle: {} });
  });

  it('is reproducible with seed= (a tydra addition)', () => {
    const a = value('shuffle([1,2,3,4,5,6,7,8,9,10],seed=42)');
    const b = value('shuffle(list=[1,2,3,4,5,6,7,8,9,10],seed=42)');
    expect(a).toEqual(b);
    expect(a).not.toEqual(value('shuffle([1,2,3,4,5,6,7,8,9,10],seed=43)'));
    expect(a).toEqual(list(...[1, 8, 4, 6, 3, 2, 9, 10, 5, 7].map((n) => int(n))));
  });

  it('takes the seed modulo 2^32', () => {
    expect(value('shuffle([1,2,3],seed=4294967297)')).toEqual(value('shuffle([1,2,3],seed=1)'));
    expect(value('shuffle(choice(1,2),seed=-1)')).toEqual({ ...choice(int(1), int(2)), shuffle: { seed: 4294967295 } });
  });
});

describe('casts: the conversion matrix of extended.md', () => {
  const E = 'error';
  const rows: [string, Value | typeof E, Value | typeof E, Value | typeof E, Value | typeof E][] = [
    ['10', int(10), float(10), str('10'), bool(true)],
    ['0', int(0), float(0), str('0'), bool(false)],
    ['10.0', int(10), float(10), str('10.0'), bool(true)],
    ['0.0', int(0), float(0), str('0.0'), bool(false)],
    ['inf', E, float(Number.POSITIVE_INFINITY), str('inf'), bool(true)],
    ['nan', E, float(Number.NaN), str('nan'), bool(true)],
    ['1e6', int(1000000), float(1e6), str('1000000.0'), bool(true)],
    ['foo', E, E, str('foo'), E],
    ["''", E, E, str(''), E],
    ["'10'", int(10), float(10), str('10'), E],
    ["'10.0'", E, float(10), str('10.0'), E],
    ["'true'", E, E, str('true'), bool(true)],
    ["'false'", E, E, str('false'), bool(false)],
    ["'[1,2,3]'", E, E, str('[1,2,3]'), E],
    ["'{a:10}'", E, E, str('{a:10}'), E],
    ['true', int(1), float(1), str('true'), bool(true)],
    ['false', int(0), float(0), str('false'), bool(false)],
    ['[]', list(), list(), list(), list()],
    ['[0,1,2]', list(int(0), int(1), int(2)), list(float(0), float(1), float(2)), list(str('0'), str('1'), str('2')), list(bool(false), bool(true), bool(true))],
    ['[1,[2]]', list(int(1), list(int(2))), list(float(1), list(float(2))), list(str('1'), list(str('2'))), list(bool(true), list(bool(true)))],
    ['[a,1]', E, E, list(str('a'), str('1')), E],
    ['{}', dict(), dict(), dict(), dict()],
    ['{a:10}', dict([str('a'), int(10)]), dict([str('a'), float(10)]), dict([str('a'), str('10')]), dict([str('a'), bool(true)])],
    [
      '{a:[0,1,2]}',
      dict([str('a'), list(int(0), int(1), int(2))]),
      dict([str('a'), list(float(0), float(1), float(2))]),
      dict([str('a'), list(str('0'), str('1'), str('2'))]),
      dict([str('a'), list(bool(false), bool(true), bool(true))]),
    ],
    ['{a:10,b:xyz}', E, E, dict([str('a'), str('10')], [str('b'), str('xyz')]), E],
    ['choice(0,1)', choice(int(0), int(1)), choice(float(0), float(1)), choice(str('0'), str('1')), choice(bool(false), bool(true))],
    ['choice(a,b)', E, E, choice(str('a'), str('b')), E],
    ['choice(1,a)', E, E, choice(str('1'), str('a')), E],
    ['interval(1.0, 2.0)', interval(int(1), int(2)), interval(float(1), float(2)), E, E],
    ['interval(1, 2)', interval(int(1), int(2)), interval(float(1), float(2)), E, E],
    ['range(1,10)', range(int(1), int(10)), range(float(1), float(10), float(1)), E, E],
    ['range(1.0, 10.0)', range(int(1), int(10)), range(float(1), float(10), float(1)), E, E],
  ];
  const targets = ['int', 'float', 'str', 'bool'] as const;
  for (const [input, ...outs] of rows) {
    targets.forEach((target, i) => {
      const expected = outs[i];
      it(`${target}(${input}) → ${expected === E ? 'error' : JSON.stringify(expected)}`, () => {
        const text = `${target}(${input})`;
        if (expected === E) expect(thrown(() => value(text))).toBeInstanceOf(OverrideParseError);
        else expect(value(text)).toEqual(expected);
      });
    });
  }
});

describe('casts: more cases', () => {
  it.each([
    ['int(3.14)', int(3)],
    ['int(-3.9)', int(-3)],
    ['int(value=3.14)', int(3)],
    ['int(-0.5)', int(0)],
    ['int(1e300)', int(BigInt(1e300))],
    ["int(' 42 ')", int(42)],
    ["int('1_000')", int(1000)],
    ["int('-007')", int(-7)],
    ["int('99999999999999999999')", int(99999999999999999999n)],
    ['float(10)', float(10)],
    ['float(float(10))', float(10)],
    ["float('1e-3')", float(0.001)],
    ["float(' -Infinity ')", float(Number.NEGATIVE_INFINITY)],
    ["float('1_0.5')", float(10.5)],
    ["float('.5')", float(0.5)],
    ['float(99999999999999999999)', float(1e20)],
    ['str(10)', str('10')],
    ['str(10.0)', str('10.0')],
    ['str(1e-5)', str('1e-05')],
    ['str(0.1)', str('0.1')],
    ['str(-0.0)', str('-0.0')],
    ["str('a b')", str('a b')],
    ["str(['a b'])", list(str('a b'))],
    ['str(a b)', str('a b')],
    ['str(99999999999999999999)', str('99999999999999999999')],
    ['bool(1)', bool(true)],
    ['bool(10.0)', bool(true)],
    ['bool(-0.0)', bool(false)],
    ["bool('TRUE')", bool(true)],
    ['bool(FaLsE)', bool(false)],
    ['bool(null)', bool(false)],
    ['int(1.5,2.5)', sweep(int(1), int(2))],
    ['str(1,2)', sweep(str('1'), str('2'))],
    ['int(value=null)', 'error'],
    ['int(null)', 'error'],
    ['float(null)', 'error'],
    ['str(null)', 'error'],
    ["int('0x10')", 'error'],
    ["int('1__0')", 'error'],
    ["int('')", 'error'],
    ["float('1e')", 'error'],
    ["float('_1')", 'error'],
    ['int(-inf)', 'error'],
    ["bool('yes')", 'error'],
    ['str(range(1,3))', 'error'],
    ['bool(range(1,3))', 'error'],
    ['str(interval(1,3))', 'error'],
    ['bool(interval(1,3))', 'error'],
    ['int(range(1.0,3.0,0.5))', 'error'],
  ])('%s', (text, expected) => {
    if (expected === 'error') expect(thrown(() => value(text))).toBeInstanceOf(OverrideParseError);
    else expect(value(text)).toEqual(expected);
  });

  it('drops the tags and shuffle marker of a cast choice or range, and keeps an interval\'s tags', () => {
    expect(value('int(tag(t,shuffle(choice(1,2))))')).toEqual(choice(int(1), int(2)));
    expect(value('float(tag(t,range(3)))')).toEqual(range(float(0), float(3), float(1)));
    expect(value('int(tag(t,interval(0,1)))')).toEqual({ ...interval(int(0), int(1)), tags: ['t'] });
  });

  it('keeps the simple form of a cast comma sweep', () => {
    expect(value('float(sort(2,1))')).toEqual(sweep(float(1), float(2)));
  });

  it('keeps dict keys as they are', () => {
    expect(value('str({1:2})')).toEqual(dict([int(1), str('2')]));
  });
});

describe('function arguments', () => {
  it('unquotes quoted arguments at the top level only', () => {
    expect(value("sort('b')")).toEqual(str('b'));
    expect(value("sort(['b'])")).toEqual(list(str('b', "'")));
    expect(value("choice(x='a')".replace('x=', ''))).toEqual(choice(str('a')));
  });

  it('keeps the last value of a repeated keyword, as Hydra does', () => {
    expect(value('range(1,step=2,step=3)')).toEqual(range(int(0), int(1), int(3)));
  });

  it('evaluates nested calls inside out', () => {
    expect(value('sort(list=shuffle([3,1,2]))')).toEqual(list(int(1), int(2), int(3)));
    expect(value('tag(a,sort(shuffle(range(3))))')).toEqual({ ...range(int(0), int(3)), shuffle: {}, tags: ['a'] });
  });

  it('accepts an override whose key looks like a function', () => {
    expect(parseOverride('choice=range(2)').key).toBe('choice');
  });
});
