import { describe, expect, it } from 'vitest';
import type { YamlMap, YamlScalar, YamlSeq } from '../../../src/config/yaml/ast.js';
import { BAIL, parseYamlFast } from '../../../src/config/yaml/fast.js';
import { fast, shape } from './helpers.js';

const map = (text: string) => fast(text) as YamlMap;

describe('parseYamlFast: documents', () => {
  it.each(['', '\n\n', '# only a comment\n', '---', '---\n# c\n', '  \n# c\n  # d'])(
    'reads %j as an empty document',
    (text) => {
      expect(fast(text)).toBeUndefined();
    },
  );

  it('accepts a leading --- and comments before it', () => {
    expect(shape(fast('# header\n--- # start\na: 1\n'))).toEqual({ a: '1' });
  });

  it('reads a top-level scalar, sequence or indented map', () => {
    expect(shape(fast('hello # c'))).toBe('hello');
    expect(shape(fast('- a\n- b'))).toEqual(['a', 'b']);
    expect(shape(fast('  a: 1\n  b: 2'))).toEqual({ a: '1', b: '2' });
  });

  it.each([
    ['a second document', 'a: 1\n---\nb: 2'],
    ['a document end marker', 'a: 1\n...\n'],
    ['content on the --- line', '--- a: 1'],
    ['a directive', '%YAML 1.1\n---\na: 1'],
    ['an anchor', 'a: &x 1'],
    ['an alias', 'a: *x'],
    ['a tag', 'a: !!str 1'],
    ['a merge key', '<<: {a: 1}'],
    ['a complex key', '? x\n: 1'],
    ['a tab', 'a:\tb'],
    ['a BOM', '\ufeffa: 1'],
    ['a lone CR', 'a: 1\rb: 2'],
    ['a NEL', 'a: x\u0085y'],
    ['a control character', 'a: "\u0007"'],
    ['a multi-line quoted scalar', 'a: "x\n  y"'],
    ['an indentation indicator', 'a: |2\n   x'],
    ['a duplicate key', 'a: 1\na: 2'],
    ['keys equal as Python values', '1: a\n0x1: b'],
    ['a key over 1024 characters', `${'k'.repeat(1100)}: 1`],
    ['a nested map on one line', 'a: b: c'],
    ['a sequence on a key line', 'a: - b'],
    ['a flow key', '[a]: 1'],
    ['an unterminated flow sequence', 'a: [1, 2'],
    ['a single-pair map in a flow sequence', 'a: [x: 1]'],
    ['a comment glued to a quoted scalar', 'a: "x"#c'],
    ['a less indented line after a root map', '  a: 1\nb: 2'],
    ['a more indented line after a value', 'a: 1\n  b: 2'],
  ])('bails on %s', (_, text) => {
    expect(parseYamlFast(text)).toBe(BAIL);
  });
});

describe('parseYamlFast: block collections', () => {
  it('reads nested maps at any indentation', () => {
    expect(shape(fast('a:\n    b:\n       c: 1\n    d: 2\ne: 3'))).toEqual({ a: { b: { c: '1' }, d: '2' }, e: '3' });
  });

  it('reads a sequence at the same column as its key', () => {
    expect(shape(fast('defaults:\n- db: mysql\n- _self_\nname: x'))).toEqual({
      defaults: [{ db: 'mysql' }, '_self_'],
      name: 'x',
    });
  });

  it('reads compact maps and nested sequences in sequence items', () => {
    expect(shape(fast('- a: 1\n  b: 2\n- - x\n  - y\n-\n  c: 3\n- - - z'))).toEqual([
      { a: '1', b: '2' },
      ['x', 'y'],
      { c: '3' },
      [['z']],
    ]);
  });

  it('reads empty values as empty plain scalars placed after the indicator', () => {
    const doc = map('a:\nb:   # c\nc:');
    expect(doc.entries.map((p) => [p.key.text, (p.value as YamlScalar).text, p.value.offset])).toEqual([
      ['a', '', 2],
      ['b', '', 8],
      ['c', '', 14],
    ]);
    expect(shape(fast('- \n-\n- x'))).toEqual(['', '', 'x']);
  });

  it('records offsets: first key, first dash, scalar start', () => {
    const doc = map('a:\n  b: 1\nc:\n- x\n');
    const a = doc.entries[0]!.value as YamlMap;
    const c = doc.entries[1]!.value as YamlSeq;
    expect([doc.offset, a.offset, a.entries[0]!.value.offset, c.offset, c.items[0]!.offset]).toEqual([0, 5, 8, 13, 15]);
  });

  it('allows spaces before the colon and trims trailing spaces', () => {
    expect(shape(fast('a   :   1   \n"b" : 2'))).toEqual({ a: '1', b: '2' });
  });
});

describe('parseYamlFast: plain scalars', () => {
  it('ends a plain scalar at ": " and " #" only', () => {
    expect(shape(fast('a: x:y\nb: x#y\nc: x #y\nd: http://h:80/p?q#f\ne: ${oc.env:A,b}'))).toEqual({
      a: 'x:y',
      b: 'x#y',
      c: 'x',
      d: 'http://h:80/p?q#f',
      e: '${oc.env:A,b}',
    });
  });

  it('reads OmegaConf missing values and other indicator-led scalars that YAML allows', () => {
    expect(shape(fast('a: ???\nb: -1\nc: :x\nd: x, [y]'))).toEqual({ a: '???', b: '-1', c: ':x', d: 'x, [y]' });
  });

  it('folds multi-line plain scalars', () => {
    expect(shape(fast('a: one\n  two\n\n  three\n\n\n  four\nb: x\n  - y'))).toEqual({
      a: 'one two\nthree\n\nfour',
      b: 'x - y',
    });
  });
});

describe('parseYamlFast: quoted scalars', () => {
  it('unquotes single-quoted scalars', () => {
    expect(shape(fast("a: 'it''s'\nb: ''\nc: 'x: #y'"))).toEqual({ a: "single:it's", b: 'single:', c: 'single:x: #y' });
  });

  it('processes double-quoted escapes', () => {
    const text = String.raw`a: "\0\a\b\t\n\v\f\r\e\ \"\/\\\N\_\L\P|\x41\u00e9\U0001F600"`;
    expect((map(text).entries[0]!.value as YamlScalar).text).toBe(
      '\0\x07\b\t\n\v\f\r\x1b "/\\\x85\xa0\u2028\u2029|Aé😀',
    );
  });

  it('keeps the offset of the opening quote', () => {
    expect(map('a:   "x"').entries[0]!.value.offset).toBe(5);
  });

  it.each([String.raw`a: "\q"`, String.raw`a: "\x4"`, String.raw`a: "\uD800"`, "a: 'x", 'a: "x'])('bails on %s', (text) => {
    expect(parseYamlFast(text)).toBe(BAIL);
  });
});

describe('parseYamlFast: flow collections', () => {
  it('reads nested flow collections', () => {
    expect(shape(fast('a: [1, [2, 3], {x: y, z: [4]}, "q", \'s\']'))).toEqual({
      a: ['1', ['2', '3'], { x: 'y', z: ['4'] }, 'double:q', 'single:s'],
    });
  });

  it('reads multi-line flow collections with comments and a trailing comma', () => {
    expect(shape(fast('a: [\n  1, # one\n  2,\n]\nb: {\n  x: 1,\n  y: 2\n  }'))).toEqual({
      a: ['1', '2'],
      b: { x: '1', y: '2' },
    });
  });

  it('reads empty flow collections and empty flow values', () => {
    expect(shape(fast('a: []\nb: {}\nc: {x: , y: }'))).toEqual({ a: [], b: {}, c: { x: '', y: '' } });
  });

  it('records the bracket as the offset', () => {
    const a = map('a: [x]').entries[0]!.value as YamlSeq;
    expect([a.offset, a.flow, a.items[0]!.offset]).toEqual([3, true, 4]);
  });
});

describe('parseYamlFast: block scalars', () => {
  it.each([
    ['a: |\n  x\n  y\n', 'x\ny\n'],
    ['a: |-\n  x\n  y\n\n', 'x\ny'],
    ['a: |+\n  x\n\n', 'x\n\n'],
    ['a: |\n  x\n\n  y\n\n\n', 'x\n\ny\n'],
    ['a: |\n\n  x\n', '\nx\n'],
    ['a: |\n  x\n    y\n', 'x\n  y\n'],
    ['a: |\n  # not a comment\n', '# not a comment\n'],
    ['a: | # header comment\n  x\n', 'x\n'],
    ['a: >\n  x\n  y\n\n  z\n   w\n  v\n', 'x y\nz\n w\nv\n'],
    ['a: >-\n  folded\n  text\n', 'folded text'],
    ['a: |\nb: 1', ''],
  ])('reads %j', (text, value) => {
    expect((map(text).entries[0]!.value as YamlScalar).text).toBe(value);
  });

  it('adds no final line break when the last line has none, as PyYAML does', () => {
    expect((map('a: |\n  x').entries[0]!.value as YamlScalar).text).toBe('x');
    expect((map('a: >+\n  x').entries[0]!.value as YamlScalar).text).toBe('x');
  });

  it('ends at a less indented line, keeping the comment after it a comment', () => {
    expect(shape(fast('a: |\n  x\n# c\nb: 1'))).toEqual({ a: 'block:x\n', b: '1' });
  });

  it('records the indicator as the offset', () => {
    expect(map('key: >-\n  x').entries[0]!.value.offset).toBe(5);
  });
});

describe('parseYamlFast: CRLF', () => {
  it('reads CRLF line breaks and reports offsets in the original text', () => {
    const doc = map('a: 1\r\nb:\r\n  - x\r\nc: |\r\n  y\r\n');
    expect(shape(doc)).toEqual({ a: '1', b: ['x'], c: 'block:y\n' });
    expect(doc.entries.map((p) => p.key.offset)).toEqual([0, 6, 17]);
    expect((doc.entries[1]!.value as YamlSeq).items[0]!.offset).toBe(14);
  });
});
