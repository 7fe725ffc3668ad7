/**
 * Properties of the interpolation parser: it is total on strings containing `${` (it returns or
 * throws a GrammarError, nothing else, and terminates), and well-formed interpolation strings
 * built from a model parse back to that model.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Arg, Interpolation, TextPart } from '../../../src/config/interpolation/ast.js';
import { GrammarError, parseText } from '../../../src/config/interpolation/parse.js';

describe('parseText is total', () => {
  const pieces = fc.constantFrom(
    '${', '}', '$', '{', '[', ']', '.', '..', ':', ',', "'", '"', '\\', '\\\\', ' ', '\t', 'a', 'b1', '1', '-1', '1.5', 'e3',
    'true', 'null', 'inf', 'oc.env', '=', '#', '(', ')', 'é', '\n', '???', '\\${', '${a}', '${.a}', '${a:', '${f:[', '${f:{',
  );
  const soup = fc.array(pieces, { maxLength: 40 }).map((p) => `\${${p.join('')}`);

  it('returns a parse or throws GrammarError for token soup containing ${', () => {
    fc.assert(
      fc.property(soup, (text) => {
        try {
          parseText(text);
        } catch (e) {
          expect(e).toBeInstanceOf(GrammarError);
          const g = e as GrammarError;
          expect(g.column).toBeGreaterThanOrEqual(0);
          expect(g.column).toBeLessThanOrEqual(text.length);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('returns a parse or throws GrammarError for arbitrary strings with ${ inserted', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), fc.nat(60), (s, at) => {
        const i = Math.min(at, s.length);
        const text = `${s.slice(0, i)}\${${s.slice(i)}`;
        try {
          parseText(text);
        } catch (e) {
          expect(e).toBeInstanceOf(GrammarError);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

// ---- a model of well-formed interpolation strings, its printer, and the parse → model mapping

type MArg =
  | { int: number }
  | { float: string }
  | { bool: boolean }
  | { null: true }
  | { str: string }
  | { quoted: string }
  | { list: MArg[] }
  | { dict: Array<[string, MArg]> }
  | { interp: MInterp };
type MSeg = { key: string | MInterp; bracket: boolean };
type MInterp = { node: { dots: number; segs: MSeg[] } } | { call: { name: string[]; args: MArg[] } };
type MPart = { text: string } | MInterp;

const KEYWORD = /^(true|false|null|inf|nan)$/i;
const word = fc.stringMatching(/^[a-z][a-z0-9_]{0,5}$/).filter((w) => !KEYWORD.test(w));
const keyName = fc.stringMatching(/^[a-z][a-z0-9_/@+-]{0,5}$/);
const ws = fc.constantFrom('', '', ' ', '  ', '\t');

const { interp: interpArb } = fc.letrec<{ interp: MInterp; arg: MArg }>((tie) => ({
  interp: fc.oneof(
    { depthSize: 'small' },
    fc.record({
      node: fc.record({
        dots: fc.nat(2),
        segs: fc.array(
          fc.record({ key: fc.oneof({ weight: 5, arbitrary: keyName }, { weight: 1, arbitrary: tie('interp') }), bracket: fc.boolean() }),
          { minLength: 1, maxLength: 3 },
        ),
      }),
    }),
    fc.record({ call: fc.record({ name: fc.array(word, { minLength: 1, maxLength: 2 }), args: fc.array(tie('arg'), { maxLength: 3 }) }) }),
  ) as fc.Arbitrary<MInterp>,
  arg: fc.oneof(
    { depthSize: 'small' },
    fc.record({ int: fc.integer({ min: -1000, max: 100000 }) }),
    fc.tuple(fc.nat(999), fc.nat(999)).map(([a, b]) => ({ float: `${a}.${b}` })),
    fc.record({ bool: fc.boolean() }),
    fc.constant({ null: true as const }),
    fc.array(word, { minLength: 1, maxLength: 3 }).map((ws2) => ({ str: ws2.join(' ') })),
    fc.string({ unit: fc.constantFrom('a', ' ', ',', ':', "'", '"', '\\', '{', ']', '=', '#', 'é'), maxLength: 8 }).map((q) => ({ quoted: q })),
    fc.record({ list: fc.array(tie('arg'), { maxLength: 3 }) }),
    fc.record({ dict: fc.uniqueArray(fc.tuple(word, tie('arg')), { maxLength: 3, selector: ([k]) => k }) }),
    fc.record({ interp: tie('interp') }),
  ) as fc.Arbitrary<MArg>,
}));

// Literal text; a literal `${` is printed escaped as `\${`.
const textArb = fc
  .string({ unit: fc.constantFrom('a', 'b', ' ', '/', ':', '.', ',', '-', '{', '}', "'", '"', '${'), minLength: 1, maxLength: 6 })
  .map((t) => ({ text: t }));
const partsArb = fc.array(fc.oneof(textArb, interpArb), { minLength: 1, maxLength: 4 }).filter((ps) => ps.some((p) => !('text' in p)));

function printInterp(m: MInterp, pad: string): string {
  if ('node' in m) {
    const segs = m.node.segs.map((s, i) => {
      const k = typeof s.key === 'string' ? s.key : printInterp(s.key, '');
      return s.bracket ? `[${k}]` : i === 0 ? k : `.${k}`;
    });
    return `\${${pad}${'.'.repeat(m.node.dots)}${segs.join('')}${pad}}`;
  }
  return `\${${pad}${m.call.name.join('.')}${pad}:${pad}${m.call.args.map((a) => printArg(a, pad)).join(`${pad},${pad}`)}${pad}}`;
}

function printArg(a: MArg, pad: string): string {
  if ('int' in a) return String(a.int);
  if ('float' in a) return a.float;
  if ('bool' in a) return a.bool ? 'True' : 'false';
  if ('null' in a) return 'null';
  if ('str' in a) return a.str;
  if ('quoted' in a) {
    // Escape the quote; a backslash run is doubled when it would precede a quote (or the end).
    let body = '';
    const q = a.quoted;
    for (let i = 0; i < q.length; ) {
      if (q[i] === '\\') {
        let j = i;
        while (q[j] === '\\') j++;
        const run = j - i;
        body += '\\'.repeat(q[j] === undefined || q[j] === "'" ? run * 2 : run);
        i = j;
      } else {
        body += q[i] === "'" ? "\\'" : q[i];
        i++;
      }
    }
    return `'${body}'`;
  }
  if ('list' in a) return `[${pad}${a.list.map((x) => printArg(x, pad)).join(`${pad},${pad}`)}${pad}]`;
  if ('dict' in a) return `{${pad}${a.dict.map(([k, v]) => `${k}${pad}:${pad}${printArg(v, pad)}`).join(`${pad},${pad}`)}${pad}}`;
  return printInterp(a.interp, pad);
}

function printParts(ps: MPart[], pad: string): string {
  return ps.map((p) => ('text' in p ? p.text.replace(/\$\{/g, '\\${') : printInterp(p, pad))).join('');
}

/** The model's literal text after unescaping (`\${` is `${`), merged across adjacent text parts. */
function normParts(ps: MPart[]): MPart[] {
  const out: MPart[] = [];
  for (const p of ps) {
    const last = out[out.length - 1];
    if ('text' in p && last && 'text' in last) last.text += p.text;
    else out.push('text' in p ? { text: p.text } : p);
  }
  return out;
}

function fromInterp(i: Interpolation): MInterp {
  if (i.kind === 'node') {
    return { node: { dots: i.dots, segs: i.segments.map((s) => ({ key: typeof s.key === 'string' ? s.key : fromInterp(s.key), bracket: s.bracket })) } };
  }
  return { call: { name: i.name.map((n) => (typeof n === 'string' ? n : '?')), args: i.args.map(fromArg) } };
}

function fromArg(a: Arg): MArg {
  switch (a.kind) {
    case 'scalar':
      if (a.type === 'int') return { int: Number(a.value) };
      if (a.type === 'float') return { float: String(a.value) };
      if (a.type === 'bool') return { bool: a.value };
      if (a.type === 'null') return { null: true };
      return { str: a.value };
    case 'quoted':
      return { quoted: a.parts.map((p) => (typeof p === 'string' ? p : '<interp>')).join('') };
    case 'list':
      return { list: a.items.map(fromArg) };
    case 'dict':
      return { dict: a.entries.map(([k, v]) => [String(k.value), fromArg(v)]) };
    case 'interp':
      return { interp: fromInterp(a.interp) };
    case 'concat':
      return { str: '<concat>' };
  }
}

function fromParts(ps: TextPart[]): MPart[] {
  return ps.map((p) => (typeof p === 'string' ? { text: p } : fromInterp(p)));
}

/** The model as the parser should return it (floats compared by value). */
function expected(m: MPart[]): MPart[] {
  const fixArg = (a: MArg): MArg => {
    if ('float' in a) return { float: String(Number(a.float)) };
    if ('list' in a) return { list: a.list.map(fixArg) };
    if ('dict' in a) return { dict: a.dict.map(([k, v]) => [k, fixArg(v)]) };
    if ('interp' in a) return { interp: fixInterp(a.interp) };
    return a;
  };
  const fixInterp = (i: MInterp): MInterp => {
    if ('node' in i) return { node: { dots: i.node.dots, segs: i.node.segs.map((s) => ({ key: typeof s.key === 'string' ? s.key : fixInterp(s.key), bracket: s.bracket })) } };
    return { call: { name: i.call.name, args: i.call.args.map(fixArg) } };
  };
  return normParts(m).map((p) => ('text' in p ? p : fixInterp(p)));
}

describe('well-formed interpolation strings round-trip through parse', () => {
  it('parses the printed model back to the model, with any whitespace in the allowed places', () => {
    fc.assert(
      fc.property(partsArb, ws, (model, pad) => {
        const text = printParts(model, pad);
        const parsed = parseText(text);
        expect(fromParts(parsed.parts)).toEqual(expected(model));
      }),
      { numRuns: 1500 },
    );
  });
});
