import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keyElement, OverrideParseError, parseOverride, renderValue } from '../../src/overrides/index.js';
import type { Element, Override, OverrideKind, Scalar } from '../../src/overrides/index.js';
import { Lexer, T } from '../../src/overrides/lexer.js';
import { dictKeyIdentity } from '../../src/overrides/python-semantics.js';

/** Characters the grammar cares about, to reach the interesting corners quickly. */
const GRAMMAR_CHARS = [
  ...'abcxyzTRUEnulinfa_-0123456789',
  ...'=~+@:/.$%*?|\\,()[]{}\'" \t',
  '${',
  '}',
  '\\\\',
  "\\'",
  'true',
  'null',
  'nan',
  '1e-3',
  'choice(',
  'range(',
  'sort(',
  'tag(',
  'glob(',
  'int(',
  'shuffle(',
  'interval(',
  'é',
  '#',
  '\n',
];
const grammarString = fc.string({ unit: fc.constantFrom(...GRAMMAR_CHARS), maxLength: 40 });

function parsesOrThrowsParseError(text: string): Override | undefined {
  try {
    return parseOverride(text);
  } catch (e) {
    if (!(e instanceof OverrideParseError)) throw e;
    expect(e.column).toBeGreaterThanOrEqual(0);
    expect(e.column).toBeLessThanOrEqual(text.length);
    expect(e.message).toContain('^');
    return undefined;
  }
}

describe('property: any input either parses or throws OverrideParseError', () => {
  it('for arbitrary unicode strings', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (s) => void parsesOrThrowsParseError(s)), { numRuns: 3000 });
  });

  it('for arbitrary values after a key', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (s) => void parsesOrThrowsParseError(`k=${s}`)), { numRuns: 3000 });
  });

  it('for strings made of grammar characters', () => {
    fc.assert(
      fc.property(fc.constantFrom('', 'k=', '+k=', '~k', 'a.b=', 'g/h@p='), grammarString, (prefix, s) => void parsesOrThrowsParseError(prefix + s)),
      { numRuns: 20000 },
    );
  });

  it('for long and deeply nested inputs, quickly', () => {
    const inputs = [
      `k=${'['.repeat(100_000)}`,
      `k=${'{a:'.repeat(30_000)}`,
      `k=${'f('.repeat(30_000)}`,
      `k=${"'".repeat(100_001)}`,
      `k=${'\\'.repeat(100_001)}`,
      `k=${'a,'.repeat(100_000)}a`,
      `k=${'${'.repeat(100_000)}`,
      `${'a.'.repeat(100_000)}a=1`,
      `k=${'a '.repeat(100_000)}`,
    ];
    const t0 = performance.now();
    for (const s of inputs) parsesOrThrowsParseError(s);
    expect(performance.now() - t0).toBeLessThan(5000);
  });
});

// ---- well-formed overrides: render then parse gives the same override back -------------------

/** True when an unquoted string, once rendered, is not read back as a number, bool or null. */
function staysAString(s: string): boolean {
  if (s === '') return false;
  const text = `k=${renderValue({ kind: 'string', value: s })}`;
  const lx = new Lexer(text);
  const t = lx.typeAt(2);
  const single = lx.typeAt(3) === T.EOF;
  return !(single && (t === T.INT || t === T.FLOAT || t === T.BOOL || t === T.NULL));
}

const unquotedString = fc
  .string({ unit: fc.constantFrom(...'abcXYZ_-019./$%*@?|\\()[]{}:=, \t+'), minLength: 1, maxLength: 12 })
  .filter(staysAString);
const quotedString = fc.tuple(
  fc.oneof(fc.string({ unit: 'binary', maxLength: 12 }), fc.string({ unit: fc.constantFrom("'", '"', '\\', 'a', ' ', ','), maxLength: 12 })),
  fc.constantFrom("'" as const, '"' as const),
);

const intArb: fc.Arbitrary<Scalar> = fc.oneof(fc.integer(), fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n })).map((v) => {
  const n = typeof v === 'bigint' && v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
  return { kind: 'int', value: n === 0 ? 0 : n };
});
const floatArb: fc.Arbitrary<Scalar> = fc.double().map((value) => ({ kind: 'float', value }));
const keyScalar: fc.Arbitrary<Scalar> = fc.oneof(
  intArb,
  floatArb,
  fc.boolean().map((value): Scalar => ({ kind: 'bool', value })),
  fc.constant({ kind: 'null' } as Scalar),
  unquotedString.map((value): Scalar => ({ kind: 'string', value })),
);
const scalar: fc.Arbitrary<Scalar> = fc.oneof(keyScalar, quotedString.map(([value, quote]): Scalar => ({ kind: 'string', value, quote })));

const { element } = fc.letrec<{ element: Element; list: Element; dict: Element }>((tie) => ({
  element: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, tie('list'), tie('dict')),
  list: fc.array(tie('element'), { maxLength: 4 }).map((items) => ({ kind: 'list', items })),
  dict: fc
    .uniqueArray(fc.tuple(keyScalar, tie('element')), { maxLength: 4, selector: ([k]) => dictKeyIdentity(k) })
    .map((entries) => ({ kind: 'dict', entries })),
}));

const ident = fc.stringMatching(/^[a-zA-Z_][a-zA-Z0-9_-]{0,5}$/);
const segment = fc.oneof(ident, fc.stringMatching(/^(0|[1-9][0-9]{0,3})$/), fc.stringMatching(/^\$[a-z$]{0,3}$/));
const key = fc.oneof(
  ident,
  fc.stringMatching(/^\$[a-zA-Z0-9_$-]{0,5}$/),
  fc.tuple(segment, fc.array(segment, { minLength: 1, maxLength: 3 })).map(([a, rest]) => [a, ...rest].join('.')),
  fc.array(ident, { minLength: 2, maxLength: 3 }).map((p) => p.join('/')),
);
const pkg = fc.option(fc.oneof(fc.constant(''), ident, fc.array(ident, { minLength: 2, maxLength: 3 }).map((p) => p.join('.'))), { nil: undefined });
const kind = fc.constantFrom<OverrideKind>('change', 'add', 'force-add', 'delete');

/**
 * renderValue quotes an unquoted string it cannot escape (one that came from an interpolation,
 * like `${a:'b'}`): drop those quotes before comparing.
 */
function withoutFallbackQuotes(got: Element, original: Element): Element {
  if (got.kind === 'string' && original.kind === 'string' && original.quote === undefined && got.value === original.value) return original;
  if (got.kind === 'list' && original.kind === 'list' && got.items.length === original.items.length) {
    return { kind: 'list', items: got.items.map((x, i) => withoutFallbackQuotes(x, original.items[i] as Element)) };
  }
  if (got.kind === 'dict' && original.kind === 'dict' && got.entries.length === original.entries.length) {
    return { kind: 'dict', entries: got.entries.map(([k, x], i) => [k, withoutFallbackQuotes(x, (original.entries[i] as [Scalar, Element])[1])] as const) };
  }
  return got;
}

describe('property: parse(render(override)) is the override', () => {
  it('for single values', () => {
    fc.assert(
      fc.property(kind, key, pkg, element, (k, key_, p, v) => {
        fc.pre(!(v.kind === 'string' && v.value === '' && v.quote === undefined));
        const head = keyElement({ kind: k, key: key_, ...(p === undefined ? {} : { package: p }) });
        const o = parseOverride(`${head}=${renderValue(v)}`);
        expect(o.kind).toBe(k);
        expect(o.key).toBe(key_);
        expect(o.package).toBe(p);
        expect(o.value).toEqual(v);
      }),
      { numRuns: 3000 },
    );
  });

  it('for comma-separated sweeps', () => {
    fc.assert(
      fc.property(key, fc.array(element, { minLength: 2, maxLength: 4 }), (key_, items) => {
        const o = parseOverride(`${key_}=${items.map(renderValue).join(',')}`);
        expect(o.value).toEqual({ kind: 'choice', items, simple: true, tags: [] });
      }),
      { numRuns: 1500 },
    );
  });

  it('for whatever a function-free input parses to', () => {
    fc.assert(
      fc.property(grammarString, (s) => {
        const o = parsesOrThrowsParseError(`k=${s}`);
        fc.pre(o !== undefined && !s.includes('(') && o.value !== undefined && o.value.kind !== 'choice');
        const v = (o as Override).value as Element;
        fc.pre(!(v.kind === 'string' && v.value === ''));
        expect(withoutFallbackQuotes(parseOverride(`k=${renderValue(v)}`).value as Element, v)).toEqual(v);
      }),
      { numRuns: 20000 },
    );
  });
});
