import { describe, expect, it } from 'vitest';
import type { YamlMap, YamlScalar } from '../../../src/config/yaml/ast.js';
import { YamlSyntaxError } from '../../../src/config/yaml/errors.js';
import { BAIL, parseYamlFast } from '../../../src/config/yaml/fast.js';
import { parseYaml } from '../../../src/config/yaml/parse.js';
import { parseYamlSlow } from '../../../src/config/yaml/slow.js';
import { shape } from './helpers.js';

const slow = (text: string) => parseYamlSlow(text).document;

/** The error `parseYaml` throws for `text`. */
function errorOf(text: string): YamlSyntaxError {
  try {
    parseYaml(text);
  } catch (error) {
    if (error instanceof YamlSyntaxError) return error;
    throw error;
  }
  throw new Error(`no error for ${JSON.stringify(text)}`);
}

describe('parseYamlSlow: OmegaConf loader rules', () => {
  it('copies aliased nodes', () => {
    expect(shape(slow('a: &x {k: [1, 2]}\nb: *x'))).toEqual({ a: { k: ['1', '2'] }, b: { k: ['1', '2'] } });
    const doc = slow('a: &x [1]\nb: *x') as YamlMap;
    expect(doc.entries[1]!.value).not.toBe(doc.entries[0]!.value);
  });

  it('applies merge keys as PyYAML does: explicit keys win, merged keys come first', () => {
    const text = 'base: &b {x: 1, y: 2}\nd:\n  y: 3\n  <<: *b\n  z: 4\n';
    expect(shape(slow(text))).toEqual({ base: { x: '1', y: '2' }, d: { x: '1', y: '3', z: '4' } });
    expect((slow(text) as YamlMap).entries[1]!.value).toMatchObject({
      entries: [{ key: { text: 'x' } }, { key: { text: 'y' } }, { key: { text: 'z' } }],
    });
  });

  it('lets earlier maps of a merge list win over later ones', () => {
    const text = 'a: &a {k: a, only_a: 1}\nb: &b {k: b, only_b: 2}\nc:\n  <<: [*a, *b]\n';
    expect(shape(slow(text))).toMatchObject({ c: { k: 'a', only_a: '1', only_b: '2' } });
  });

  it('keeps one entry for keys Python considers equal: the first key, the last value', () => {
    const doc = slow('1: a\n0x1: b\ntrue: c\nx: d') as YamlMap;
    expect(doc.entries.map((p) => [p.key.text, (p.value as YamlScalar).text])).toEqual([
      ['1', 'c'],
      ['x', 'd'],
    ]);
  });

  it('allows null keys and string keys that look like other types when quoted', () => {
    expect(shape(slow('~: 1\n"1": a\n1: b'))).toEqual({ '~': '1', '1': 'b' });
    expect((slow('~: 1\n"1": a\n1: b') as YamlMap).entries).toHaveLength(3);
  });

  it('keeps explicit tags in full form and treats `!` as plain, as PyYAML does', () => {
    const doc = slow('a: !!int "12"\nb: ! "yes"\nc: !local x') as YamlMap;
    expect(doc.entries.map((p) => p.value)).toEqual([
      { kind: 'scalar', text: '12', style: 'double', tag: 'tag:yaml.org,2002:int', offset: 9 },
      { kind: 'scalar', text: 'yes', style: 'plain', offset: 19 },
      { kind: 'scalar', text: 'x', style: 'plain', tag: '!local', offset: 35 },
    ]);
  });

  it('ends a block scalar at the end of input without an invented line break', () => {
    expect(shape(slow('a: |\n  x'))).toEqual({ a: 'block:x' });
    expect(shape(slow('a: |+\n  x\n  # c'))).toEqual({ a: 'block:x\n# c' });
    expect(shape(slow('a: |\n  x\n'))).toEqual({ a: 'block:x\n' });
  });

  it('reads an empty stream or a bare --- as no document, but `~` as a scalar', () => {
    expect(slow('')).toBeUndefined();
    expect(slow('# c\n---\n')).toBeUndefined();
    expect(slow('~')).toEqual({ kind: 'scalar', text: '~', style: 'plain', offset: 0 });
    expect(slow("''")).toEqual({ kind: 'scalar', text: '', style: 'single', offset: 0 });
  });
});

describe('errors', () => {
  it('reports a syntax error with the line and column from yaml', () => {
    const error = errorOf('a: 1\nb: "x" y\nc: 3\n');
    expect(error).toMatchObject({ line: 2, col: 8, offset: 12, code: 'UNEXPECTED_TOKEN' });
    expect(error.message).toMatch(/at line 2, column 8/);
    expect(errorOf('a: 1\nb: [1, 2\nc: 3\n')).toMatchObject({ line: 3, col: 1, code: 'BAD_INDENT' });
  });

  it('reports a nested-map syntax error at its column', () => {
    expect(errorOf('x: 1\ny: a: b')).toMatchObject({ line: 2, col: 4, code: 'BLOCK_AS_IMPLICIT_KEY' });
  });

  it('reports a duplicate key at the second occurrence, naming the first', () => {
    const error = errorOf('a:\n  x: 1\n  y: 2\n  x: 3\n');
    expect(error).toMatchObject({ line: 4, col: 3, offset: 19, code: 'DUPLICATE_KEY' });
    expect(error.reason).toBe('duplicate key "x" (first at line 2, column 3)');
  });

  it('treats quoted and plain spellings of one string key as duplicates', () => {
    expect(errorOf('a: 1\n"a": 2')).toMatchObject({ line: 2, col: 1, code: 'DUPLICATE_KEY' });
  });

  it('rejects a second document as PyYAML does', () => {
    expect(errorOf('a: 1\n---\nb: 2')).toMatchObject({
      line: 2,
      col: 1,
      code: 'MULTIPLE_DOCS',
      reason: 'expected a single document in the stream, but found another document',
    });
  });

  it.each([
    ['an undefined alias', 'a: *nope', 'BAD_ALIAS', 1, 4],
    ['a duplicate anchor', 'a: &x 1\nb: &x 2', 'DUPLICATE_ANCHOR', 2, 7],
    ['a recursive alias', 'a: &x [*x]', 'RECURSIVE_ALIAS', 1, 8],
    ['a merge of a scalar', '<<: 1', 'BAD_MERGE', 1, 1],
    ['a merge list with a scalar', 'a: &a {x: 1}\nb:\n  <<: [*a, 2]', 'BAD_MERGE', 3, 12],
    ['a sequence as a key', '[a]: 1', 'COMPLEX_KEY', 1, 1],
    ['an unsupported collection tag', 'x: !!set {a}', 'UNSUPPORTED_TAG', 1, 10],
    ['a key PyYAML cannot construct', '0b_: 1', 'BAD_KEY', 1, 1],
    ['a control character', 'a: 1\nb: "\u0001"', 'NON_PRINTABLE', 2, 5],
    ['a tab as indentation', 'a:\n\tb: 1', 'TAB_AS_INDENT', 2, 1],
  ])('rejects %s', (_, text, code, line, col) => {
    expect(errorOf(text)).toMatchObject({ code, line, col });
  });

  it('guards against alias expansion bombs', () => {
    const levels = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 8; i++) levels.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
    expect(errorOf(levels.join('\n'))).toMatchObject({ code: 'RESOURCE_EXHAUSTION' });
  });
});

describe('parseYaml', () => {
  it('uses the fast path when it can and the slow path otherwise, with equal results', () => {
    const plain = 'a: 1\nb: [x, y]\n';
    expect(parseYamlFast(plain)).not.toBe(BAIL);
    expect(parseYaml(plain)).toEqual(parseYamlSlow(plain));
    const anchored = 'a: &x 1\nb: *x\n';
    expect(parseYamlFast(anchored)).toBe(BAIL);
    expect(shape(parseYaml(anchored).document)).toEqual({ a: '1', b: '1' });
  });
});
