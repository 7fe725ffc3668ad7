import { describe, expect, it } from 'vitest';
import { isHydraOverride, isHydraOverrideText, isSweep, keyElement, parseOverride, parseOverrides, valueText } from '../../src/overrides/index.js';
import { int, str } from './helpers.js';

describe('keys', () => {
  it.each([
    ['foo=1', 'foo', undefined],
    ['foo.bar=1', 'foo.bar', undefined],
    ['a.b.c.d.e=1', 'a.b.c.d.e', undefined],
    ['list.0=1', 'list.0', undefined],
    ['a.0.b.12=1', 'a.0.b.12', undefined],
    ['0.a=1', '0.a', undefined],
    ['a-b=1', 'a-b', undefined],
    ['a.b-c.d-=1', 'a.b-c.d-', undefined],
    ['_private=1', '_private', undefined],
    ['$key=1', '$key', undefined],
    ['a$b=1', 'a$b', undefined],
    ['a.$b=1', 'a.$b', undefined],
    ['hydra/launcher=basic', 'hydra/launcher', undefined],
    ['server/db/cache=lru', 'server/db/cache', undefined],
    ['a-b/c_d=x', 'a-b/c_d', undefined],
    ['group@pkg=x', 'group', 'pkg'],
    ['group@pkg.sub=x', 'group', 'pkg.sub'],
    ['group@$pkg=x', 'group', '$pkg'],
    ['group@_global_=x', 'group', '_global_'],
    ['server/db@backup=x', 'server/db', 'backup'],
    ['shared@level1.level2.shared_from_l2=two', 'shared', 'level1.level2.shared_from_l2'],
    ['db@=x', 'db', ''],
    ['a.b@c.d=x', 'a.b', 'c.d'],
  ])('%s', (text, key, pkg) => {
    const o = parseOverride(text);
    expect(o.key).toBe(key);
    expect(o.package).toBe(pkg);
  });
});

describe('prefixes', () => {
  it.each([
    ['a=1', 'change', 'a'],
    ['+a=1', 'add', '+a'],
    ['++a=1', 'force-add', '++a'],
    ['~a', 'delete', '~a'],
    ['~a=1', 'delete', '~a'],
    ['+db@pkg=x', 'add', '+db@pkg'],
    ['++server/db@=x', 'force-add', '++server/db@'],
    ['~db@backup', 'delete', '~db@backup'],
  ] as const)('%s is a %s with key element %s', (text, kind, element) => {
    const o = parseOverride(text);
    expect(o.kind).toBe(kind);
    expect(keyElement(o)).toBe(element);
  });

  it('gives ~key no value, ~key= the empty string and ~key=v the value', () => {
    expect(parseOverride('~key').value).toBeUndefined();
    expect(parseOverride('~key=').value).toEqual(str(''));
    expect(parseOverride('~key=5').value).toEqual(int(5));
  });

  it('gives key= and +key= the empty string', () => {
    expect(parseOverride('key=').value).toEqual(str(''));
    expect(parseOverride('+key=').value).toEqual(str(''));
    expect(parseOverride('++key=').value).toEqual(str(''));
  });
});

describe('override helpers', () => {
  it('keeps the exact input', () => {
    const o = parseOverride('a.b= x ');
    expect(o.input).toBe('a.b= x ');
    expect(valueText(o)).toBe(' x ');
  });

  it.each([
    ['hydra.job.name=x', true],
    ['hydra/launcher=basic', true],
    ['hydra=x', true],
    ['++hydra.run.dir=out', true],
    ['hydras.x=1', false],
    ['hydra_x=1', false],
    ['db.hydra=1', false],
  ])('isHydraOverride(%s) is %s', (text, expected) => {
    expect(isHydraOverride(parseOverride(text))).toBe(expected);
  });

  // Launch lines and results.csv leave out Hydra's own overrides, which every job shares.
  it.each([
    ['hydra/launcher=local', true],
    ['+hydra/sweeper@hydra.sweeper=random', true],
    ['~hydra.job.name', true],
    ['hydra.sweeper.n_trials=6', true],
    ['optimizer.lr=0.1', false],
    ['+hydras=1', false],
    ['db@hydra=mysql', false],
  ])('isHydraOverrideText(%s) is %s', (text, expected) => {
    expect(isHydraOverrideText(text)).toBe(expected);
  });

  it.each([
    ['a=1', false],
    ['a=[1,2]', false],
    ['a=1,2', true],
    ['a=choice(1)', true],
    ['a=range(3)', true],
    ['a=interval(0,1)', true],
    ['a=glob(*)', true],
    ['a=shuffle([1,2])', false],
    ['a=sort(3,1)', true],
    ['~a', false],
  ])('isSweep(%s) is %s', (text, expected) => {
    expect(isSweep(parseOverride(text))).toBe(expected);
  });

  it('parses a list of overrides in order', () => {
    const os = parseOverrides(['a=1', '+b=2', '~c']);
    expect(os.map((o) => o.kind)).toEqual(['change', 'add', 'delete']);
    expect(parseOverrides([])).toEqual([]);
  });

  it('returns plain data that survives structuredClone', () => {
    const o = parseOverride("+x={a:[1,'b',2.5,null,true]}");
    expect(structuredClone(o)).toEqual(o);
  });
});
