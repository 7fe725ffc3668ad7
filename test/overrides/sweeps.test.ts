import { describe, expect, it } from 'vitest';
import { expandSweep, fnmatch, iterateSweep, SweepError, sweepLength } from '../../src/overrides/index.js';
import type { ChoiceSweep, Element, Sweep } from '../../src/overrides/index.js';
import { TydraError } from '../../src/errors.js';
import { int, list, str, thrown, value } from './helpers.js';

const sw = (text: string): Sweep => value(text) as Sweep;
const render = (els: readonly Element[]) => els.map((e) => ('value' in e ? String(e.value) : e.kind));

describe('expandSweep', () => {
  it('lists the items of a choice in order, quotes included', () => {
    expect(expandSweep(sw("a,'b,c',[1]"))).toEqual([str('a'), str('b,c', "'"), list(int(1))]);
  });

  it('refuses an interval, which is continuous', () => {
    const e = thrown(() => expandSweep(sw('interval(0,1)')));
    expect(e).toBeInstanceOf(SweepError);
    expect(e).toBeInstanceOf(TydraError);
    expect((e as Error).message).toMatch(/^the basic sweeper does not support interval/);
    expect(() => sweepLength(sw('interval(0,1)'))).toThrow(SweepError);
  });

  it('refuses a glob without the options of its group', () => {
    expect(() => expandSweep(sw('glob(*)'))).toThrow(/needs the options of its config group/);
  });
});

describe('glob sweeps select group options in the group order', () => {
  const options = () => ['school', 'support', 'warehouse'];
  it.each([
    ['glob(*)', ['school', 'support', 'warehouse']],
    ['glob(*,exclude=support)', ['school', 'warehouse']],
    ['glob([s*,w*],exclude=school)', ['support', 'warehouse']],
    ['glob([w*,s*])', ['school', 'support', 'warehouse']],
    ['glob(s?hool)', ['school']],
    ['glob(nothing*)', []],
    ['glob(*,exclude=*)', []],
  ])('%s', (text, expected) => {
    expect(expandSweep(sw(text), { groupOptions: options })).toEqual(expected.map((s) => str(s)));
    expect(sweepLength(sw(text), { groupOptions: options })).toBe(expected.length);
  });
});

describe('fnmatch', () => {
  it.each([
    ['school', '*', true],
    ['school', 's*', true],
    ['school', '*l', true],
    ['school', '*o*', true],
    ['school', 'sch?ol', true],
    ['school', 'sch??ol', false],
    ['school', 'School', false],
    ['school', '[st]chool', true],
    ['school', '[!st]chool', false],
    ['school', '[a-z]chool', true],
    ['school', '[A-Z]chool', false],
    ['a]b', 'a[]]b', true],
    ['a-b', 'a[x-]b', true],
    ['a[b', 'a[b', true],
    ['', '*', true],
    ['', '', true],
    ['x', '', false],
    ['aaaaaaaaaaaaaaaaaaaaaaaaaaaaab', '*a*a*a*a*a*a*a*a*a*c', false],
    ['résumé', 'r?sum?', true],
    ['a\\b', 'a\\b', true],
    ['a.b', 'a.b', true],
    ['axb', 'a.b', false],
  ])('fnmatch(%j, %j) is %s', (name, pattern, expected) => {
    expect(fnmatch(name, pattern)).toBe(expected);
  });
});

describe('iterateSweep is lazy', () => {
  it('walks a huge range without building it', () => {
    const it0 = iterateSweep(sw('range(0,1000000000000)'));
    expect(it0.next().value).toEqual(int(0));
    expect(it0.next().value).toEqual(int(1));
  });

  it('counts a huge range without building it', () => {
    expect(sweepLength(sw('range(0,1000000000000)'))).toBe(1e12);
    expect(sweepLength(sw('range(0,1000000000000,7)'))).toBe(Math.ceil(1e12 / 7));
    expect(sweepLength(sw('range(100,0,-7)'))).toBe(15);
    expect(sweepLength(sw('range(0,10,-1)'))).toBe(0);
    expect(sweepLength(sw('range(0.0,1e9,0.5)'))).toBe(2e9);
  });

  it.each(['range(5)', 'range(-5,step=-1)', 'range(0,10,3)', 'range(0,10,3.3)', 'range(0.1,0.5,0.1)', 'range(0,1,0.01)', 'range(2,1)', 'a,b,c', 'glob(*)'])(
    'sweepLength(%s) matches the expansion',
    (text) => {
      const opts = { groupOptions: () => ['a', 'b'] };
      expect(sweepLength(sw(text), opts)).toBe(expandSweep(sw(text), opts).length);
    },
  );
});

describe('shuffled sweeps', () => {
  it('yields a permutation of the values', () => {
    const values = expandSweep(sw('shuffle(range(20))'));
    expect(render(values).map(Number).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('is reproducible with a seed, and the same on every iteration', () => {
    const s = sw('shuffle(choice(a,b,c,d,e,f,g),seed=7)');
    const first = render(expandSweep(s));
    expect(render(expandSweep(s))).toEqual(first);
    expect(render(expandSweep(sw('shuffle(a,b,c,d,e,f,g,seed=7)')))).toEqual(first);
    expect(first.slice().sort()).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
    expect(render(expandSweep(sw('shuffle(range(10),seed=1)')))).toEqual(render(expandSweep(sw('shuffle(range(10),seed=1)'))));
  });

  it('does not shuffle in place', () => {
    const s = sw('shuffle(a,b,c,seed=3)');
    expandSweep(s);
    expect(render((s as ChoiceSweep).items)).toEqual(['a', 'b', 'c']);
  });
});
