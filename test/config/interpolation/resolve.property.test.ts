/**
 * Resolution of generated acyclic configs equals a naive reference evaluator: a lone `${x}` is
 * the value of x with its type, text with interpolations is the concatenation of Python str()
 * of each value, and `${n}` of a dict is the dict (resolved), while inside text it prints as the
 * repr of its *unresolved* contents. Relative (`.m`, `..k`) and absolute keys are both used.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Resolution } from '../../../src/config/interpolation/resolve.js';
import { DictNode, type Node, ValueNode } from '../../../src/config/nodes.js';
import { nodeRepr } from '../../../src/config/repr.js';
import { builtinResolvers } from '../../../src/config/resolvers/builtins.js';
import { floatRepr } from '../../../src/python/float-repr.js';
import { strRepr } from '../../../src/python/str.js';

type Scalar = { t: 'int'; v: number } | { t: 'float'; v: number } | { t: 'bool'; v: boolean } | { t: 'null' } | { t: 'str'; v: string };
/** A reference to an earlier leaf (by index) or to the whole nested dict `n`. */
type Ref = { leaf: number; relative: boolean } | { dict: true };
type Part = { text: string } | { ref: Ref };
type Leaf = { scalar: Scalar } | { template: Part[] };

// Leaves 0..N-1 live in the nested dict `n` (keys m0, m1, …), the rest at the top level (k0, k1, …).
interface Model {
  nested: number;
  leaves: Leaf[];
}

const scalarArb: fc.Arbitrary<Scalar> = fc.oneof(
  fc.integer({ min: -1e6, max: 1e6 }).map((v) => ({ t: 'int' as const, v })),
  fc.oneof(fc.double({ noNaN: false }), fc.constantFrom(1e-5, 1e16, 0.1, 2.5, -0)).map((v) => ({ t: 'float' as const, v })),
  fc.boolean().map((v) => ({ t: 'bool' as const, v })),
  fc.constant({ t: 'null' as const }),
  fc.string({ maxLength: 6 }).filter((s) => !s.includes('${') && s !== '???').map((v) => ({ t: 'str' as const, v })),
);
const textArb = fc.stringMatching(/^[a-z _/:-]{1,4}$/);

function modelArb(): fc.Arbitrary<Model> {
  return fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 6 })).chain(([nested, top]) => {
    const leafAt = (i: number): fc.Arbitrary<Leaf> => {
      const inNested = i < nested;
      const refs: fc.Arbitrary<Ref>[] = [];
      if (i > 0) refs.push(fc.record({ leaf: fc.nat(i - 1), relative: fc.boolean() }));
      if (!inNested) refs.push(fc.constant({ dict: true as const }));
      if (refs.length === 0) return scalarArb.map((scalar) => ({ scalar }));
      const ref = fc.oneof(...refs);
      const template = fc.oneof(
        ref.map((r) => [{ ref: r }] as Part[]),
        fc.array(fc.oneof(textArb.map((text) => ({ text })), ref.map((r) => ({ ref: r }))), { minLength: 2, maxLength: 4 }),
      );
      return fc.oneof(
        scalarArb.map((scalar) => ({ scalar })),
        template.map((t) => ({ template: t })),
      );
    };
    return fc.tuple(...Array.from({ length: nested + top }, (_, i) => leafAt(i))).map((leaves) => ({ nested, leaves }));
  });
}

function keyOf(m: Model, i: number): { path: string[]; key: string } {
  return i < m.nested ? { path: ['n', `m${i}`], key: `m${i}` } : { path: [`k${i - m.nested}`], key: `k${i - m.nested}` };
}

/** The interpolation text for a reference from leaf `from`. */
function refText(m: Model, from: number, ref: Ref): string {
  if ('dict' in ref) return ref.dict && from >= m.nested ? '${n}' : '${.n}';
  const target = keyOf(m, ref.leaf);
  if (!ref.relative) return `\${${target.path.join('.')}}`;
  const fromNested = from < m.nested;
  const targetNested = ref.leaf < m.nested;
  if (fromNested === targetNested) return `\${.${target.key}}`;
  // from inside n up to the top level, or from the top level down into n
  return fromNested ? `\${..${target.key}}` : `\${.n.${target.key}}`;
}

function authored(m: Model, i: number): Scalar {
  const leaf = m.leaves[i] as Leaf;
  if ('scalar' in leaf) return leaf.scalar;
  return { t: 'str', v: leaf.template.map((p) => ('text' in p ? p.text : refText(m, i, p.ref))).join('') };
}

function scalarNode(s: Scalar): ValueNode {
  return s.t === 'null' ? new ValueNode('null', null) : new ValueNode(s.t, s.v);
}

function build(m: Model): DictNode {
  const n = new DictNode();
  const root = new DictNode();
  root.entries.set('n', n);
  m.leaves.forEach((_, i) => {
    const { path, key } = keyOf(m, i);
    (path.length === 2 ? n : root).entries.set(key, scalarNode(authored(m, i)));
  });
  return root;
}

// ---- the reference evaluator

function pyRepr(s: Scalar): string {
  switch (s.t) {
    case 'int':
      return String(s.v);
    case 'float':
      return floatRepr(s.v);
    case 'bool':
      return s.v ? 'True' : 'False';
    case 'null':
      return 'None';
    case 'str':
      return strRepr(s.v);
  }
}

function pyStr(s: Scalar): string {
  return s.t === 'str' ? s.v : pyRepr(s);
}

/** A dict value is the node itself: resolved when read, printed unresolved inside text. */
type Value = { scalar: Scalar } | { dict: Array<[string, Value]>; authored: string };

function reprValue(v: Value): string {
  if ('scalar' in v) return pyRepr(v.scalar);
  return `{${v.dict.map(([k, x]) => `${strRepr(k)}: ${reprValue(x)}`).join(', ')}}`;
}

function evaluate(m: Model, i: number): Value {
  const leaf = m.leaves[i] as Leaf;
  if ('scalar' in leaf) return { scalar: leaf.scalar };
  const refValue = (ref: Ref): Value =>
    'dict' in ref
      ? {
          dict: Array.from({ length: m.nested }, (_, j) => [`m${j}`, evaluate(m, j)]),
          authored: `{${Array.from({ length: m.nested }, (_, j) => `'m${j}': ${pyRepr(authored(m, j))}`).join(', ')}}`,
        }
      : evaluate(m, ref.leaf);
  const only = leaf.template.length === 1 ? leaf.template[0] : undefined;
  if (only && 'ref' in only) return refValue(only.ref);
  let s = '';
  for (const p of leaf.template) {
    if ('text' in p) s += p.text;
    else {
      const v = refValue(p.ref);
      s += 'scalar' in v ? pyStr(v.scalar) : v.authored;
    }
  }
  return { scalar: { t: 'str', v: s } };
}

describe('resolution equals a naive reference evaluator on acyclic configs', () => {
  it('resolves every leaf to the reference value, type included', () => {
    fc.assert(
      fc.property(modelArb(), (m) => {
        const root = build(m);
        const res = new Resolution(root, { resolvers: builtinResolvers });
        m.leaves.forEach((_, i) => {
          const got: Node = res.get(keyOf(m, i).path);
          expect(nodeRepr(got), `leaf ${keyOf(m, i).path.join('.')} = ${pyRepr(authored(m, i))}`).toBe(reprValue(evaluate(m, i)));
        });
      }),
      { numRuns: 1500 },
    );
  });
});
