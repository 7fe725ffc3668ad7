/**
 * Hydra 1.3's override-parser table (tests/test_overrides_parser.py), the functions half: choice,
 * range, interval, tag, sort, shuffle, glob, the casts int()/float()/str()/bool() over every kind of
 * value, sweep iteration (what each job's override looks like) and escaping. Errors are compared by
 * kind (the override is rejected), not by wording.
 */
import { describe, expect, it } from 'vitest';
import {
  escapeSpecialCharacters,
  expandSweep,
  fnmatch,
  parseOverride,
  renderOverride,
  renderValue,
} from '../../src/overrides/index.js';
import type { Element, Sweep, Value } from '../../src/overrides/index.js';
import { filterGlob } from '../../src/overrides/glob.js';
import { rangeValues } from '../../src/overrides/range.js';
import { float, int } from './helpers.js';
import {
  choiceOf,
  expectRejected,
  F,
  globOf,
  intervalOf,
  normTags,
  type PyLike,
  py,
  rangeOf,
  simpleOf,
  valueOf,
} from './hydra-parser-helpers.js';

/** What a sweep's jobs receive, as Hydra's `sweep_string_iterator` writes them. */
function sweepStrings(text: string): string[] {
  const o = parseOverride(`x=${text}`);
  return expandSweep(o.value as Sweep).map((v) => renderOverride(o, v).slice(2));
}

/** The numbers of a range as plain JS numbers. */
function numbers(v: Value | undefined): number[] {
  return [...rangeValues(v as Extract<Value, { kind: 'range' }>)].map((x) => Number(x.value));
}

describe('Hydra test_value: casts, sort and shuffle as whole values', () => {
  it.each<[string, Value]>([
    ['int(10.0)', int(10)],
    ['str(10.0)', py('10.0')],
    ['bool(10.0)', py(true)],
    ['float(10)', float(10)],
    ['float(float(10))', float(10)],
    ['sort([2,3,1])', py([1, 2, 3])],
    ['sort([2,3,1],reverse=true)', py([3, 2, 1])],
    ['sort(3,2,1)', simpleOf([1, 2, 3])],
    ['sort(a,c,b,reverse=true)', simpleOf(['c', 'b', 'a'])],
    ['float(sort(3,2,1))', simpleOf([F(1), F(2), F(3)])],
    ['sort(float(3,2,1))', simpleOf([F(1), F(2), F(3)])],
    ['shuffle(1,2,3)', simpleOf([1, 2, 3], { shuffle: true })],
    ['shuffle(choice(1,2,3))', choiceOf([1, 2, 3], { shuffle: true })],
  ])('%s', (text, expected) => {
    expect(valueOf(text)).toEqual(expected);
  });

  it('rejects sort(3,2,str(1)): a str and an int cannot be ordered', () => {
    expectRejected('x=sort(3,2,str(1))');
  });
});

describe('Hydra test_choice_sweep and test_simple_choice_sweep', () => {
  it.each<[string, Value]>([
    ['choice(a)', choiceOf(['a'])],
    ['choice(a,b)', choiceOf(['a', 'b'])],
    ['choice (a,b)', choiceOf(['a', 'b'])],
    ['choice( 10 , 20 )', choiceOf([10, 20])],
    ['choice(str(10))', choiceOf(['10'])],
    ['a,b', simpleOf(['a', 'b'])],
    ['a,10,3.14', simpleOf(['a', 10, F(3.14)])],
    ['a , b', simpleOf(['a', 'b'])],
    ['${a},${b}', simpleOf(['${a}', '${b}'])],
  ])('%s', (text, expected) => {
    expect(valueOf(text)).toEqual(expected);
  });
});

describe('Hydra test_range_sweep', () => {
  it.each<[string, Value, number[]]>([
    ['range(10,11)', rangeOf(10, 11, 1), [10]],
    ['range (10,11)', rangeOf(10, 11, 1), [10]],
    ['range(1,10,2)', rangeOf(1, 10, 2), [1, 3, 5, 7, 9]],
    ['range(start=1,stop=10,step=2)', rangeOf(1, 10, 2), [1, 3, 5, 7, 9]],
    ['range(1.0, 3.14)', rangeOf(F(1), F(3.14), 1), [1, 2, 3]],
    ['range(1.0, 3.14, 0.1)', rangeOf(F(1), F(3.14), F(0.1)), []],
    ['range(10)', rangeOf(0, 10, 1), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]],
    ['range(-10)', rangeOf(0, -10, 1), []],
    ['range(-10, step=-1)', rangeOf(0, -10, -1), [0, -1, -2, -3, -4, -5, -6, -7, -8, -9]],
    ['range(5.5)', rangeOf(0, F(5.5), 1), [0, 1, 2, 3, 4, 5]],
    ['range(5.5, step=0.5)', rangeOf(0, F(5.5), F(0.5)), [0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5]],
  ])('%s', (text, expected, values) => {
    const v = valueOf(text);
    expect(v).toEqual(expected);
    if (values.length > 0) expect(numbers(v)).toEqual(values);
  });

  it('yields floats for range(1.0, 3.14, 0.1) by decimal addition, as Hydra FloatRange does', () => {
    const v = numbers(valueOf('range(1.0, 3.14, 0.1)'));
    expect(v.length).toBe(22);
    expect(v.slice(0, 4)).toEqual([1, 1.1, 1.2, 1.3]);
    expect(v.at(-1)).toBe(3.1);
  });

  it('yields floats (not ints) once any bound is a float', () => {
    const o = parseOverride('x=range(1.0, 3.14)');
    expect(expandSweep(o.value as Sweep)).toEqual([F(1), F(2), F(3)]);
    expect(sweepStrings('range(1.0, 3.14)')).toEqual(['1.0', '2.0', '3.0']);
  });
});

describe('Hydra test_float_range', () => {
  it.each<[number, number, number, number[]]>([
    [0, 0, 1, []],
    [0, 0, -1, []],
    [10, 0, 1, []],
    [0, 10, -1, []],
    [0, 2, 1, [0, 1]],
    [0, 2, 0.5, [0, 0.5, 1, 1.5]],
    [2, 0, -1, [2, 1]],
    [10, 5, -2, [10, 8, 6]],
  ])('range(%s.0, %s.0, %s) gives %j', (start, stop, step, expected) => {
    const r = rangeOf(F(start), F(stop), F(step));
    expect([...rangeValues(r)]).toEqual(expected.map((x) => F(x)));
  });
});

describe('Hydra test_interval_sweep', () => {
  it.each<[string, Value]>([
    ['interval(10,11)', intervalOf(10, 11)],
    ['interval(2.72,3.14)', intervalOf(2.72, 3.14)],
    ['interval(start=2.72,end=3.14)', intervalOf(2.72, 3.14)],
  ])('%s has float ends', (text, expected) => {
    const v = valueOf(text);
    expect(v).toEqual(expected);
    expect(v && v.kind === 'interval' && [v.start.kind, v.end.kind]).toEqual(['float', 'float']);
  });
});

describe('Hydra test_tag_sweep', () => {
  it.each<[string, Value]>([
    ['tag(choice(a,b))', choiceOf(['a', 'b'])],
    ['tag(tag1,tag2,choice(a,b))', choiceOf(['a', 'b'], { tags: ['tag1', 'tag2'] })],
    ['tag(interval(0,2))', intervalOf(0, 2)],
    ['tag(tag1,tag2,interval(0,2))', intervalOf(0, 2, { tags: ['tag1', 'tag2'] })],
    ['tag(range(1,2))', rangeOf(1, 2)],
    ['tag(tag1,tag2,range(1,2))', rangeOf(1, 2, 1, { tags: ['tag1', 'tag2'] })],
    ['tag(tag1,tag2,sweep=range(1,2))', rangeOf(1, 2, 1, { tags: ['tag1', 'tag2'] })],
  ])('%s', (text, expected) => {
    expect(normTags(valueOf(text))).toEqual(expected);
  });
});

describe('Hydra test_sort', () => {
  it.each<[string, Value]>([
    ['sort(1)', int(1)],
    ['sort({a:10})', py({ a: 10 })],
    ['sort([1])', py([1])],
    ['sort([1,2,3])', py([1, 2, 3])],
    ['sort(list=[1,2,3])', py([1, 2, 3])],
    ['sort(list=[])', py([])],
    ['sort(list=[1,2,3], reverse=True)', py([3, 2, 1])],
    ['sort(1,2,3)', simpleOf([1, 2, 3])],
    ['sort(1,2,3,reverse=True)', simpleOf([3, 2, 1])],
    ['sort(choice(1,2,3))', choiceOf([1, 2, 3])],
    ['sort(sweep=choice(1,2,3))', choiceOf([1, 2, 3])],
    ['sort(choice(1,2,3), reverse=True)', choiceOf([3, 2, 1])],
    ['sort(tag(a,b,choice(1,2,3)), reverse=True)', choiceOf([3, 2, 1], { tags: ['a', 'b'] })],
    ['sort(range(1, 10))', rangeOf(1, 10, 1)],
    ['sort(range(9,0,-1))', rangeOf(1, 10, 1)],
    ['sort(range(1,10),reverse=True)', rangeOf(9, 0, -1)],
    ['sort(sort(range(1, 10),reverse=true))', rangeOf(1, 10, 1)],
    ['sort(range(0,2,0.5))', rangeOf(0, 2, F(0.5))],
    ['shuffle(range(1, 10))', rangeOf(1, 10, 1, { shuffle: true })],
  ])('%s', (text, expected) => {
    expect(normTags(valueOf(text))).toEqual(expected);
  });

  // Hydra 1.3 reflects a float range's bounds by one step (the exact bounds it picks changed after
  // 1.3), so these rows compare the values the sweep yields.
  it.each<[string, number[]]>([
    ['sort(range(1.5,-0.5,-0.5))', [0, 0.5, 1, 1.5]],
    ['sort(range(0,2,0.5),reverse=true)', [1.5, 1, 0.5, 0]],
  ])('%s yields %j', (text, expected) => {
    expect(numbers(valueOf(text))).toEqual(expected);
  });

  it.each<[number, number, number]>([
    [1, 10, 1],
    [0, 1, 1],
    [0, 0, 1],
    [1, 0, 1],
    [0, 2, 0.5],
  ])('sorting range(%s,%s,%s) up or down yields its values sorted', (start, stop, step) => {
    const original = numbers(valueOf(`range(${start},${stop},${step})`));
    expect(numbers(valueOf(`sort(range(${start},${stop},${step}))`))).toEqual([...original].sort((a, b) => a - b));
    expect(numbers(valueOf(`sort(range(${start},${stop},${step}),reverse=true)`))).toEqual([...original].sort((a, b) => b - a));
  });
});

describe('Hydra test_sweep_shuffle', () => {
  it.each<[string, Value]>([
    ['shuffle(1,2,3)', simpleOf([1, 2, 3], { shuffle: true })],
    ['shuffle(choice(1,2,3))', choiceOf([1, 2, 3], { shuffle: true })],
    ['shuffle(tag(a,b,choice(1,2,3)))', choiceOf([1, 2, 3], { tags: ['a', 'b'], shuffle: true })],
    ['shuffle(range(10,1))', rangeOf(10, 1, 1, { shuffle: true })],
    ['shuffle(float(range(10,1)))', rangeOf(F(10), F(1), F(1), { shuffle: true })],
    ['shuffle(tag(a,b,range(1,10,2)))', rangeOf(1, 10, 2, { tags: ['a', 'b'], shuffle: true })],
  ])('%s', (text, expected) => {
    expect(normTags(valueOf(text))).toEqual(expected);
  });
});

describe('Hydra test_shuffle_sequence: the same values, in an order that changes between runs', () => {
  it.each<[string, string[]]>([
    ['shuffle(1,2,3)', ['1', '2', '3']],
    ['shuffle(choice(1,2,3))', ['1', '2', '3']],
    ['shuffle(range(1,10))', ['1', '2', '3', '4', '5', '6', '7', '8', '9']],
  ])('%s', (text, expected) => {
    expect([...sweepStrings(text)].sort()).toEqual(expected);
    let changed = false;
    for (let i = 0; i < 50 && !changed; i++) changed = sweepStrings(text).join() !== expected.join();
    expect(changed).toBe(true);
  });

  it.each(['shuffle([1,2,3])', 'shuffle(list=[1,2,3])'])('%s shuffles the list itself (one value)', (text) => {
    const v = valueOf(text);
    expect(v?.kind).toBe('list');
    const items = (v as Extract<Element, { kind: 'list' }>).items.map((x) => Number((x as { value: number }).value));
    expect([...items].sort()).toEqual([1, 2, 3]);
    let changed = false;
    for (let i = 0; i < 50 && !changed; i++) changed = renderValue(valueOf(text) as Element) !== '[1,2,3]';
    expect(changed).toBe(true);
  });
});

/** One row of Hydra's test_cast_conversions: what int(), float(), bool() and str() give, or null for "rejected". */
interface CastRow {
  readonly int: Value | null;
  readonly float: Value | null;
  readonly bool: Value | null;
  readonly str: Value | null;
}

const castRows: [string, CastRow][] = [
  ['10', { int: int(10), float: F(10), str: py('10'), bool: py(true) }],
  ['0', { int: int(0), float: F(0), str: py('0'), bool: py(false) }],
  ['10.0', { int: int(10), float: F(10), str: py('10.0'), bool: py(true) }],
  ['0.0', { int: int(0), float: F(0), str: py('0.0'), bool: py(false) }],
  ['inf', { int: null, float: F(Number.POSITIVE_INFINITY), str: py('inf'), bool: py(true) }],
  ['nan', { int: null, float: F(Number.NaN), str: py('nan'), bool: py(true) }],
  ['1e6', { int: int(1000000), float: F(1e6), str: py('1000000.0'), bool: py(true) }],
  ["''", { int: null, float: null, str: py(''), bool: null }],
  ["'10'", { int: int(10), float: F(10), str: py('10'), bool: null }],
  ["'10.0'", { int: null, float: F(10), str: py('10.0'), bool: null }],
  ["'true'", { int: null, float: null, str: py('true'), bool: py(true) }],
  ["'false'", { int: null, float: null, str: py('false'), bool: py(false) }],
  ["'[1,2,3]'", { int: null, float: null, str: py('[1,2,3]'), bool: null }],
  ["'{a:10}'", { int: null, float: null, str: py('{a:10}'), bool: null }],
  ['true', { int: int(1), float: F(1), str: py('true'), bool: py(true) }],
  ['false', { int: int(0), float: F(0), str: py('false'), bool: py(false) }],
  ['[]', { int: py([]), float: py([]), str: py([]), bool: py([]) }],
  ['[0,1,2]', { int: py([0, 1, 2]), float: py([F(0), F(1), F(2)]), str: py(['0', '1', '2']), bool: py([false, true, true]) }],
  ['[1,[2]]', { int: py([1, [2]]), float: py([F(1), [F(2)]]), str: py(['1', ['2']]), bool: py([true, [true]]) }],
  ['[a,1]', { int: null, float: null, str: py(['a', '1']), bool: null }],
  ['{}', { int: py({}), float: py({}), str: py({}), bool: py({}) }],
  ['{a:10}', { int: py({ a: 10 }), float: py({ a: F(10) }), str: py({ a: '10' }), bool: py({ a: true }) }],
  [
    '{a:[0,1,2]}',
    {
      int: py({ a: [0, 1, 2] }),
      float: py({ a: [F(0), F(1), F(2)] }),
      str: py({ a: ['0', '1', '2'] }),
      bool: py({ a: [false, true, true] }),
    },
  ],
  ['{a:10,b:xyz}', { int: null, float: null, str: py({ a: '10', b: 'xyz' }), bool: null }],
  [
    '{a:10,b:xyz,c:{d:foo,f:[1,2,{g:0}]}}',
    { int: null, float: null, str: py({ a: '10', b: 'xyz', c: { d: 'foo', f: ['1', '2', { g: '0' }] } }), bool: null },
  ],
  [
    'choice(0,1)',
    { int: choiceOf([0, 1]), float: choiceOf([F(0), F(1)]), str: choiceOf(['0', '1']), bool: choiceOf([false, true]) },
  ],
  [
    '2,1,0',
    { int: simpleOf([2, 1, 0]), float: simpleOf([F(2), F(1), F(0)]), str: simpleOf(['2', '1', '0']), bool: simpleOf([true, true, false]) },
  ],
  [
    "a,'b',1,1.0,true,[a,b],{a:10}",
    { int: null, float: null, str: simpleOf(['a', 'b', '1', '1.0', 'true', ['a', 'b'], { a: '10' }]), bool: null },
  ],
  ['choice(a,b)', { int: null, float: null, str: choiceOf(['a', 'b']), bool: null }],
  ['choice(1,a)', { int: null, float: null, str: choiceOf(['1', 'a']), bool: null }],
  ['interval(1.0, 2.0)', { int: { kind: 'interval', start: { kind: 'int', value: 1 }, end: { kind: 'int', value: 2 }, tags: [] }, float: intervalOf(1, 2), str: null, bool: null }],
  ['range(1,10)', { int: rangeOf(1, 10, 1), float: rangeOf(F(1), F(10), F(1)), str: null, bool: null }],
  ['range(1.0,10.0)', { int: rangeOf(1, 10, 1), float: rangeOf(F(1), F(10), F(1)), str: null, bool: null }],
];

describe('Hydra test_cast_conversions', () => {
  for (const [input, row] of castRows) {
    for (const target of ['int', 'float', 'bool', 'str'] as const) {
      const expected = row[target];
      const text = `${target}(${input})`;
      it(`${text} ${expected === null ? 'is rejected' : 'converts'}`, () => {
        if (expected === null) expectRejected(`x=${text}`);
        else expect(valueOf(text)).toEqual(expected);
      });
    }
  }
});

describe('Hydra test_eval_errors, for the built-in functions', () => {
  it.each([
    ['range(start=10,20,1)', 'a positional argument after a keyword argument'],
    ['range(1,2,3,4)', 'too many positional arguments'],
    ['interval(1)', 'a missing required argument'],
    ['range(1,10,stride=2)', 'an unexpected keyword argument'],
    ['sort(1,2,reverse=1)', 'reverse must be a bool (an int is not a bool)'],
    ['range(a,b)', 'range bounds must be numbers'],
    ['choice()', 'an empty choice'],
    ['tag(a,b)', 'tag without a sweep'],
    ['nosuch(1)', 'an unknown function'],
    ['glob(1)', 'glob patterns must be strings'],
  ])('x=%s is rejected (%s)', (text) => {
    expectRejected(`x=${text}`);
  });

  it('accepts keyword arguments in any order after the positional ones', () => {
    for (const text of ['range(10,20,step=5)', 'range(start=10,stop=20,step=5)', 'range(step=5,start=10,stop=20)', 'range(10,step=5,stop=20)']) {
      expect(valueOf(text)).toEqual(rangeOf(10, 20, 5));
    }
  });
});

describe('Hydra test_glob and test_glob_filter', () => {
  it.each<[string, Value]>([
    ['glob(*)', globOf(['*'])],
    ['glob(include=*)', globOf(['*'])],
    ['glob(include=[*])', globOf(['*'])],
    ['glob(include=[a*, b*], exclude=c*)', globOf(['a*', 'b*'], ['c*'])],
  ])('%s', (text, expected) => {
    expect(valueOf(text)).toEqual(expected);
  });

  const words = ['the', 'quick', 'brown', 'fox', 'jumped', 'under', 'the', 'lazy', 'dog'];
  it.each<[string[], string[], string[]]>([
    [['*'], [], words],
    [['*'], ['quick', 'under'], ['the', 'brown', 'fox', 'jumped', 'the', 'lazy', 'dog']],
    [['*'], ['*d*'], ['the', 'quick', 'brown', 'fox', 'the', 'lazy']],
    [['t*'], [], ['the', 'the']],
  ])('include=%j exclude=%j', (include, exclude, expected) => {
    expect(filterGlob(words, include, exclude)).toEqual(expected);
  });

  it('matches whole names with fnmatch semantics', () => {
    expect(fnmatch('the', 't*')).toBe(true);
    expect(fnmatch('under', '*d*')).toBe(true);
    expect(fnmatch('fox', '*d*')).toBe(false);
  });
});

describe('Hydra test_sweep_iterators: the text each job receives', () => {
  it.each<[string, string[]]>([
    ['choice(1,2,3)', ['1', '2', '3']],
    ["choice('1', '2', '3')", ['1', '2', '3']],
    ["choice('a', 'b')", ['a', 'b']],
    [
      "choice(True, 'True', False, 'False', 'a', 1, 1.1, 2.0, 3, '1.5', '4')",
      ['True', 'True', 'False', 'False', 'a', '1', '1.1', '2.0', '3', '1.5', '4'],
    ],
    ['range(1, 10)', ['1', '2', '3', '4', '5', '6', '7', '8', '9']],
    ["choice([1,2,3], ['a', 'b'])", ['[1,2,3]', "['a','b']"]],
    ["choice([1, 1.1, '2', 'a'], [True, False])", ["[1,1.1,'2','a']", '[True,False]']],
  ])('x=%s', (text, expected) => {
    expect(sweepStrings(text)).toEqual(expected);
  });

  it('keeps the type of each choice value (quotes of a top-level argument are dropped)', () => {
    const items = expandSweep(valueOf("choice(True, 'True', 1, 1.1, 2.0, '1.5')") as Sweep);
    expect(items).toEqual([py(true), py('True'), py(1), F(1.1), F(2), py('1.5')]);
  });
});

describe('Hydra test_escape_special_characters', () => {
  it.each([
    ['abc', 'abc'],
    ['\\', '\\\\'],
    ['\\\\\\', '\\\\\\\\\\\\'],
    ['()', '\\(\\)'],
    ['[]', '\\[\\]'],
    ['{}', '\\{\\}'],
    [':=,', '\\:\\=\\,'],
    ['  \t', '\\ \\ \\\t'],
    ['ab\\(cd{ef}[gh]): ij,kl\t', 'ab\\\\\\(cd\\{ef\\}\\[gh\\]\\)\\:\\ ij\\,kl\\\t'],
  ])('%j', (s, expected) => {
    expect(escapeSpecialCharacters(s)).toBe(expected);
  });
});

describe('casts keep Hydra 1.3 sweep metadata rules', () => {
  it('a cast of a tagged, shuffled choice yields a plain choice (1.3 drops tags and shuffle; fixed after 1.3)', () => {
    expect(valueOf('int(tag(meta,shuffle(choice(1.5,2.5,3.5))))')).toEqual(choiceOf([1, 2, 3]));
  });

  it('casts nested lists inside a choice', () => {
    const v: PyLike = [[1, [2]], [3]];
    expect(valueOf('str(choice([1,[2]],[3]))')).toEqual(choiceOf([['1', ['2']], ['3']]));
    expect(py(v)).toBeDefined();
  });
});
