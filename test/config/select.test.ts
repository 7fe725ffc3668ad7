/**
 * Key paths and edits: OmegaConf's split_key, child lookup, struct inheritance, `update` (what
 * `key=value` overrides do) and delete.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConfigKeyError, ConfigTypeError } from '../../src/config/errors.js';
import { DictNode, ListNode, type Node, ValueNode, nodeFromJs } from '../../src/config/nodes.js';
import { nodeRepr } from '../../src/config/repr.js';
import { childOf, deleteKey, isStructAt, nodeAt, splitKey, toIndex, update } from '../../src/config/select.js';
import { thrown, yaml } from './helpers.js';

function d(x: Record<string, unknown>): DictNode {
  return nodeFromJs(x) as DictNode;
}

describe('splitKey is OmegaConf split_key', () => {
  it.each([
    ['a', ['a']],
    ['a.b', ['a', 'b']],
    ['a.b.c', ['a', 'b', 'c']],
    ['a[b]', ['a', 'b']],
    ['a[0].b', ['a', '0', 'b']],
    ['a.0.b', ['a', '0', 'b']],
    ['[a].b', ['a', 'b']],
    ['[a][b]', ['a', 'b']],
    ['.a', ['', 'a']],
    ['..a', ['', '', 'a']],
    ['.a.b[c].d', ['', 'a', 'b', 'c', 'd']],
    ['..[a]', ['', '', 'a']],
    ['a.', ['a', '']],
    ['a[b.c]', ['a', 'b.c']],
    ['a:b', ['a:b']],
    ['a-b/c', ['a-b/c']],
    ['', []],
  ])('splits %j into %j', (key, parts) => {
    expect(splitKey(key)).toEqual(parts);
  });
  it('joins back for keys made of plain segments', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[a-z0-9_]{1,4}$/), { minLength: 1, maxLength: 5 }), (parts) => {
        expect(splitKey(parts.join('.'))).toEqual(parts);
        expect(splitKey(parts.map((p) => `[${p}]`).join(''))).toEqual(parts);
      }),
    );
  });
});

describe('child lookup', () => {
  const root = d({ a: { b: 1 }, l: [10, 20] });
  it('finds dict children by key and list children by index (negative counts from the end)', () => {
    expect(nodeRepr(childOf(root, 'a') as Node)).toBe("{'b': 1}");
    expect(nodeRepr(childOf(root.entries.get('l') as Node, '1') as Node)).toBe('20');
    expect(nodeRepr(childOf(root.entries.get('l') as Node, -1) as Node)).toBe('20');
    expect(childOf(root.entries.get('l') as Node, 'x')).toBeUndefined();
    expect(childOf(new ValueNode('int', 1), 'a')).toBeUndefined();
  });
  it('reads list indices as integers only', () => {
    expect(toIndex('3')).toBe(3);
    expect(toIndex('-1')).toBe(-1);
    expect(toIndex(2)).toBe(2);
    expect(toIndex('1.5')).toBeUndefined();
    expect(toIndex('a')).toBeUndefined();
  });
  it('walks a path without resolving interpolations', () => {
    const cfg = yaml("a: {b: [x, '${c}']}\nc: 1");
    expect(nodeRepr(nodeAt(cfg, ['a', 'b', 1]) as Node)).toBe("'${c}'");
    expect(nodeAt(cfg, ['a', 'nope', 'x'])).toBeUndefined();
  });
});

describe('struct mode', () => {
  it('is off unless set, and inherits down the tree', () => {
    const root = d({ a: { b: { c: 1 } } });
    expect(isStructAt(root, ['a', 'b'])).toBe(false);
    root.flags = { struct: true };
    expect(isStructAt(root, ['a', 'b'])).toBe(true);
    ((root.entries.get('a') as DictNode).flags = { struct: false });
    expect(isStructAt(root, ['a', 'b'])).toBe(false);
    expect(isStructAt(root, [])).toBe(true);
  });
});

describe('update (OmegaConf.update)', () => {
  const set = (root: DictNode, key: string, v: unknown, opts: Partial<{ merge: boolean; forceAdd: boolean }> = {}) =>
    update(root, key, nodeFromJs(v), { merge: opts.merge ?? true, forceAdd: opts.forceAdd ?? false });

  it('sets a value and creates missing parents', () => {
    const root = d({ a: 1 });
    set(root, 'x.y.z', 2);
    expect(nodeRepr(root)).toBe("{'a': 1, 'x': {'y': {'z': 2}}}");
  });
  it('replaces an intermediate scalar with a dict', () => {
    const root = d({ a: 1 });
    set(root, 'a.b', 2);
    expect(nodeRepr(root)).toBe("{'a': {'b': 2}}");
  });
  it('merges a dict into an existing dict, or replaces it when merge is off', () => {
    const root = d({ a: { x: 1 } });
    set(root, 'a', { y: 2 });
    expect(nodeRepr(root)).toBe("{'a': {'x': 1, 'y': 2}}");
    set(root, 'a', { z: 3 }, { merge: false });
    expect(nodeRepr(root)).toBe("{'a': {'z': 3}}");
  });
  it('edits list items by index, also negative ones', () => {
    const root = d({ l: [1, 2, 3] });
    set(root, 'l.0', 9);
    set(root, 'l[-1]', 7);
    expect(nodeRepr(root)).toBe("{'l': [9, 2, 7]}");
  });
  it('rejects list indices that are out of range or not integers', () => {
    const root = d({ l: [1] });
    expect(thrown(() => set(root, 'l.3', 0), ConfigKeyError).fullKey).toBe('l[3]');
    thrown(() => set(root, 'l.x', 0), ConfigTypeError);
  });
  it('rejects new keys in struct mode, unless forced', () => {
    const root = d({ a: { x: 1 } });
    root.flags = { struct: true };
    expect(thrown(() => set(root, 'a.y', 1), ConfigKeyError).message).toContain("Key 'y' is not in struct");
    thrown(() => set(root, 'b.c', 1), ConfigKeyError);
    thrown(() => set(root, 'a', { y: 2 }), ConfigKeyError);
    set(root, 'a.y', 1, { forceAdd: true });
    set(root, 'b.c', 1, { forceAdd: true });
    set(root, 'a', { z: 2 }, { forceAdd: true });
    expect(nodeRepr(root)).toBe("{'a': {'x': 1, 'y': 1, 'z': 2}, 'b': {'c': 1}}");
  });
  it('remembers the value it replaced', () => {
    const root = yaml('a: 1');
    update(root, 'a', new ValueNode('int', 2, { kind: 'override', override: 'a=2' }), { merge: true, forceAdd: false });
    const a = root.entries.get('a') as ValueNode;
    expect(a.src).toEqual({ kind: 'override', override: 'a=2' });
    expect((a.replaced as ValueNode).value).toBe(1);
  });
  it('rejects an empty key or an empty segment', () => {
    thrown(() => set(d({}), '', 1), ConfigKeyError);
    thrown(() => set(d({}), 'a..b', 1), ConfigKeyError);
  });
});

describe('deleteKey', () => {
  it('removes dict keys and list items', () => {
    const root = d({ a: { b: 1, c: 2 }, l: [1, 2, 3] });
    expect(deleteKey(root, 'a.b')).toBe(true);
    expect(deleteKey(root, 'l[1]')).toBe(true);
    expect(nodeRepr(root)).toBe("{'a': {'c': 2}, 'l': [1, 3]}");
  });
  it('returns false for keys that do not exist', () => {
    const root = d({ a: 1, l: [1] });
    expect(deleteKey(root, 'b')).toBe(false);
    expect(deleteKey(root, 'a.b')).toBe(false);
    expect(deleteKey(root, 'l.5')).toBe(false);
    expect(deleteKey(root, 'l.x')).toBe(false);
    expect(root.entries.size).toBe(2);
  });
  it('removes a whole subtree', () => {
    const root = new DictNode(new Map<string, Node>([['a', new ListNode([new ValueNode('int', 1)])]]));
    expect(deleteKey(root, 'a')).toBe(true);
    expect(nodeRepr(root)).toBe('{}');
  });
});
