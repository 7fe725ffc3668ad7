import { describe, expect, it } from 'vitest';
import { loadYamlString } from '../../src/config/load.js';
import { diffJson, diffNodes, formatChanges } from '../../src/config/diff.js';

const yaml = (text: string) => loadYamlString(text, 'test.yaml');

describe('diffNodes', () => {
  it('names changed, added and removed keys by dotted path, in key order', () => {
    const a = yaml('optimizer: {name: adam, lr: 0.01}\nseed: 1\nold: x\n');
    const b = yaml('optimizer: {name: adam, lr: 0.05, momentum: 0.9}\nseed: 1\n');
    expect(diffNodes(a, b)).toEqual([
      { path: 'optimizer.lr', kind: 'changed', before: '0.01', after: '0.05' },
      { path: 'optimizer.momentum', kind: 'added', after: '0.9' },
      { path: 'old', kind: 'removed', before: 'x' },
    ]);
  });

  it('keeps config types: 1 and 1.0 differ, the string 1 is quoted', () => {
    expect(diffNodes(yaml('a: 1'), yaml('a: 1.0'))).toEqual([{ path: 'a', kind: 'changed', before: '1', after: '1.0' }]);
    expect(diffNodes(yaml('a: 1'), yaml("a: '1'"))).toEqual([{ path: 'a', kind: 'changed', before: '1', after: "'1'" }]);
  });

  it('compares lists of the same length item by item, others whole', () => {
    expect(diffNodes(yaml('l: [1, 2]'), yaml('l: [1, 3]'))).toEqual([{ path: 'l[1]', kind: 'changed', before: '2', after: '3' }]);
    expect(diffNodes(yaml('l: [1, 2]'), yaml('l: [1]'))).toEqual([{ path: 'l', kind: 'changed', before: '[1, 2]', after: '[1]' }]);
  });

  it('reports a dict replaced by a scalar as one change', () => {
    expect(diffNodes(yaml('a: {b: 1}'), yaml('a: null'))).toEqual([{ path: 'a', kind: 'changed', before: '{b: 1}', after: 'null' }]);
  });

  it('finds nothing in equal trees', () => {
    expect(diffNodes(yaml('a: {b: [1, {c: nan}]}'), yaml('a: {b: [1, {c: nan}]}'))).toEqual([]);
  });

  it('diffs JSON data and quotes keys that are not identifiers', () => {
    expect(diffJson({ 'val loss': 1 }, { 'val loss': 2 })).toEqual([{ path: '"val loss"', kind: 'changed', before: '1', after: '2' }]);
  });
});

describe('formatChanges', () => {
  it('prints ~, + and - lines, and cuts long lists', () => {
    const changes = diffJson({ a: 1, b: 2, c: 3 }, { a: 2, d: 4 });
    expect(formatChanges(changes, { indent: '  ' })).toEqual(['  ~ a: 1 → 2', '  - b: 2', '  - c: 3', '  + d: 4']);
    expect(formatChanges(changes, { limit: 2 })).toEqual(['~ a: 1 → 2', '- b: 2', '… and 2 more']);
  });
});
