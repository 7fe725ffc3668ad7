/**
 * OmegaConf's merge: deep dict merge, list replacement, `???` never overwrites, dicts and lists
 * do not mix, struct mode is inherited, interpolations to containers are merged by value, and
 * merging never aliases the source. Plus merge laws as properties.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConfigKeyError, ConfigTypeError } from '../../src/config/errors.js';
import { mergeInto } from '../../src/config/merge.js';
import { type ContainerNode, DictNode, type ListNode, type Node, ValueNode, cloneNode, nodeFromJs } from '../../src/config/nodes.js';
import { nodeRepr } from '../../src/config/repr.js';
import { describeSource } from '../../src/config/source.js';
import { resolution, thrown, yaml } from './helpers.js';

function merged(...configs: ContainerNode[]): ContainerNode {
  const [first, ...rest] = configs as [ContainerNode, ...ContainerNode[]];
  const dest = cloneNode(first);
  for (const src of rest) mergeInto(dest, src);
  return dest;
}

function js(x: unknown): ContainerNode {
  return nodeFromJs(x) as ContainerNode;
}

describe('dicts, lists and scalars', () => {
  it('merges dicts deeply and appends new keys after existing ones', () => {
    expect(nodeRepr(merged(js({ a: { x: 1, y: 2 }, b: 1 }), js({ c: 3, a: { y: 9, z: 4 } })))).toBe("{'a': {'x': 1, 'y': 9, 'z': 4}, 'b': 1, 'c': 3}");
  });
  it('replaces lists instead of merging them', () => {
    expect(nodeRepr(merged(js({ l: [1, 2, 3] }), js({ l: [9] })))).toBe("{'l': [9]}");
  });
  it('replaces a dict with a scalar, and a scalar with a dict', () => {
    expect(nodeRepr(merged(js({ a: { x: 1 } }), js({ a: 1 })))).toBe("{'a': 1}");
    expect(nodeRepr(merged(js({ a: 1 }), js({ a: { x: 1 } })))).toBe("{'a': {'x': 1}}");
  });
  it('replaces a dict with None, and None with a dict', () => {
    expect(nodeRepr(merged(js({ a: { x: 1 } }), js({ a: null })))).toBe("{'a': None}");
    expect(nodeRepr(merged(js({ a: null }), js({ a: { x: 1 } })))).toBe("{'a': {'x': 1}}");
  });
  it('never lets ??? overwrite a value, but adds it for a new key', () => {
    expect(nodeRepr(merged(js({ a: 1, b: { x: 1 } }), js({ a: '???', b: '???', c: '???' })))).toBe("{'a': 1, 'b': {'x': 1}, 'c': '???'}");
  });
  it('fills a ??? with a value', () => {
    expect(nodeRepr(merged(js({ a: '???' }), js({ a: 1 })))).toBe("{'a': 1}");
  });
  it('refuses to merge a dict and a list, naming the key and the source', () => {
    const dest = yaml('a: {x: 1}', 'base');
    const e = thrown(() => mergeInto(dest, yaml('a: [1]', 'override')), ConfigTypeError);
    expect(e.reason).toBe('Cannot merge DictConfig with ListConfig');
    expect(e.fullKey).toBe('a');
    expect(describeSource(e.source)).toBe('override.yaml:1:4');
    thrown(() => mergeInto(js({ a: 1 }), js([1])), ConfigTypeError);
  });
  it('keeps the YAML type of new int keys', () => {
    expect(nodeRepr(merged(js({}), yaml('1: a\n2.5: b\nx: c')))).toBe("{1: 'a', 2.5: 'b', 'x': 'c'}");
  });
  it('copies the source: editing it afterwards does not change the result', () => {
    const src = js({ a: { x: 1 }, l: [1] });
    const dest = merged(js({}), src);
    ((src as DictNode).entries.get('a') as DictNode).entries.set('x', new ValueNode('int', 2));
    ((src as DictNode).entries.get('l') as ListNode).items.push(new ValueNode('int', 2));
    expect(nodeRepr(dest)).toBe("{'a': {'x': 1}, 'l': [1]}");
  });
  it('remembers the value a merged value replaced (provenance history)', () => {
    const dest = merged(yaml('a: 1', 'one'), yaml('a: 2', 'two'), yaml('a: 3', 'three'));
    const a = (dest as DictNode).entries.get('a') as ValueNode;
    expect(describeSource(a.src)).toBe('three.yaml:1:4');
    expect(describeSource((a.replaced as ValueNode).src)).toBe('two.yaml:1:4');
    expect(describeSource(((a.replaced as ValueNode).replaced as ValueNode).src)).toBe('one.yaml:1:4');
  });
});

describe('struct mode', () => {
  it('rejects a new key when the destination is in struct mode', () => {
    const dest = js({ a: 1 });
    dest.flags = { struct: true };
    const e = thrown(() => mergeInto(dest, yaml('b: 2', 'extra')), ConfigKeyError);
    expect(e.message).toBe("Key 'b' is not in struct\n    full_key: b\n    from: extra.yaml:1:4");
  });
  it('inherits struct mode from the parents', () => {
    const dest = js({ a: { x: 1 } });
    dest.flags = { struct: true };
    expect(thrown(() => mergeInto(dest, js({ a: { y: 2 } })), ConfigKeyError).fullKey).toBe('a.y');
  });
  it('lets a node opt out of an inherited struct mode', () => {
    const dest = js({ a: { x: 1 } }) as DictNode;
    dest.flags = { struct: true };
    (dest.entries.get('a') as DictNode).flags = { struct: false };
    mergeInto(dest, js({ a: { y: 2 } }));
    expect(nodeRepr(dest)).toBe("{'a': {'x': 1, 'y': 2}}");
  });
  it('checks struct mode where the destination sits in the root', () => {
    const root = js({ a: { x: 1 } }) as DictNode;
    root.flags = { struct: true };
    thrown(() => mergeInto(root.entries.get('a') as DictNode, js({ y: 1 }), root, ['a']), ConfigKeyError);
    mergeInto(root.entries.get('a') as DictNode, js({ y: 1 }), root, ['a'], { struct: false });
    expect(nodeRepr(root)).toBe("{'a': {'x': 1, 'y': 1}}");
  });
});

describe('interpolations in the destination', () => {
  it('merges a dict into a copy of what `b: ${a}` points to, leaving `a` alone', () => {
    const dest = merged(yaml('a: {x: 1, y: 2}\nb: ${a}'), js({ b: { y: 3 } }));
    expect(nodeRepr(dest)).toBe("{'a': {'x': 1, 'y': 2}, 'b': {'x': 1, 'y': 3}}");
  });
  it('follows relative interpolations and chains', () => {
    expect(nodeRepr(merged(yaml("n: {a: {x: 1}, b: '${.a}'}"), js({ n: { b: { y: 2 } } })))).toBe("{'n': {'a': {'x': 1}, 'b': {'x': 1, 'y': 2}}}");
    expect(nodeRepr(merged(yaml('a: {x: 1}\nb: ${a}\nc: ${b}'), js({ c: { y: 2 } })))).toBe("{'a': {'x': 1}, 'b': '${a}', 'c': {'x': 1, 'y': 2}}");
  });
  it('evaluates resolvers to find the container (OmegaConf dereferences fully)', () => {
    expect(nodeRepr(merged(js({ b: '${oc.create:{x: 1}}' }), js({ b: { y: 3 } })))).toBe("{'b': {'x': 1, 'y': 3}}");
  });
  it('replaces an interpolation that does not lead to a container', () => {
    expect(nodeRepr(merged(yaml('a: 1\nb: ${a}'), js({ b: { y: 3 } })))).toBe("{'a': 1, 'b': {'y': 3}}");
    expect(nodeRepr(merged(yaml('b: ${nope}'), js({ b: { y: 3 } })))).toBe("{'b': {'y': 3}}");
  });
  it('turns `b: ${a}` into a copy of a when ??? is merged into it (as OmegaConf does)', () => {
    expect(nodeRepr(merged(yaml('a: {x: 1}\nb: ${a}'), js({ b: '???' })))).toBe("{'a': {'x': 1}, 'b': {'x': 1}}");
  });
  it('resolves relative interpolations of a merged-in copy from its new place', () => {
    const dest = merged(yaml("x: 1\na: {v: '${..x}'}\nb: ${a}"), js({ b: { w: 2 } })) as DictNode;
    expect(nodeRepr(resolution(dest).resolveTree(['b']))).toBe("{'v': 1, 'w': 2}");
  });
});

// ---- merge laws

const key = fc.constantFrom('a', 'b', 'c', 'd');
function dictsOf(scalar: fc.Arbitrary<unknown>): fc.Arbitrary<DictNode> {
  const { tree } = fc.letrec<{ tree: unknown; dict: Record<string, unknown>; list: unknown[] }>((tie) => ({
    tree: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, tie('dict'), tie('list')),
    dict: fc.dictionary(key, tie('tree'), { maxKeys: 4 }),
    list: fc.array(tie('tree'), { maxLength: 3 }),
  }));
  return fc.dictionary(key, tree, { maxKeys: 4 }).map((d) => nodeFromJs(d) as DictNode);
}
const plainScalar = fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.constantFrom('x', 'y'), fc.double({ noNaN: true }));
/** Configs whose strings may be interpolations (`${a}` may point at a dict, a list, a scalar or nothing). */
const dictArb = dictsOf(fc.oneof(plainScalar, fc.constantFrom('${a}', '${b.c}')));
/** Configs without interpolations. */
const plainDictArb = dictsOf(plainScalar);

/** x with some leaves (and whole subtrees) replaced by ???. */
function withMissing(x: Node, picks: boolean[], at = { i: 0 }): Node {
  const pick = () => picks[at.i++ % Math.max(picks.length, 1)] ?? false;
  if (x.kind === 'value') return pick() ? new ValueNode('str', '???') : x;
  if (x.kind === 'list') return pick() ? new ValueNode('str', '???') : x;
  const d = new DictNode();
  for (const [k, v] of x.entries) d.entries.set(k, withMissing(v, picks, at));
  return d;
}

describe('merge laws', () => {
  it('merging {} is the identity', () => {
    fc.assert(
      fc.property(dictArb, (x) => {
        const dest = cloneNode(x);
        mergeInto(dest, new DictNode());
        expect(nodeRepr(dest)).toBe(nodeRepr(x));
      }),
    );
  });
  it('merging into {} gives a copy', () => {
    fc.assert(
      fc.property(dictArb, (x) => {
        const dest = new DictNode();
        mergeInto(dest, x);
        expect(nodeRepr(dest)).toBe(nodeRepr(x));
      }),
    );
  });
  it('merging x into a clone of x is idempotent', () => {
    fc.assert(
      fc.property(dictArb, (x) => {
        const dest = cloneNode(x);
        mergeInto(dest, x);
        expect(nodeRepr(dest)).toBe(nodeRepr(x));
        mergeInto(dest, x);
        expect(nodeRepr(dest)).toBe(nodeRepr(x));
      }),
    );
  });
  // With interpolations the law has an OmegaConf exception: ??? merged into `b: ${a}` where a is a
  // container leaves a copy of a (see 'turns `b: ${a}` into a copy of a' above).
  it('??? never overwrites: merging x-with-holes into x gives x', () => {
    fc.assert(
      fc.property(plainDictArb, fc.array(fc.boolean(), { minLength: 1, maxLength: 20 }), (x, picks) => {
        const dest = cloneNode(x);
        mergeInto(dest, withMissing(x, picks) as DictNode);
        expect(nodeRepr(dest)).toBe(nodeRepr(x));
      }),
    );
  });
  it('every key of the source ends up in the result, and the result does not alias the source', () => {
    fc.assert(
      fc.property(dictArb, dictArb, (x, y) => {
        const before = nodeRepr(y);
        const dest = cloneNode(x);
        try {
          mergeInto(dest, y);
        } catch (e) {
          expect(e).toBeInstanceOf(ConfigTypeError); // a dict met a list
          return;
        }
        for (const k of y.entries.keys()) expect(dest.entries.has(k)).toBe(true);
        for (const k of x.entries.keys()) expect(dest.entries.has(k)).toBe(true);
        const ys = [...y.entries.values()];
        for (const v of dest.entries.values()) if (v.kind !== 'value') expect(ys).not.toContain(v);
        expect(nodeRepr(y)).toBe(before);
      }),
    );
  });
  it('a later merge wins for scalars: merge(merge(x, y), z) reads z where z has a value', () => {
    fc.assert(
      fc.property(dictArb, fc.dictionary(key, fc.integer(), { maxKeys: 4 }), (x, z) => {
        const dest = cloneNode(x);
        mergeInto(dest, nodeFromJs(z) as DictNode);
        for (const [k, v] of Object.entries(z)) expect(nodeRepr(dest.entries.get(k) as Node)).toBe(String(v));
      }),
    );
  });
});
