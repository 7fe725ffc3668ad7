/**
 * Hydra 1.3's override-parser table (tests/test_overrides_parser.py), the values half: elements,
 * primitives, quoted strings, lists, dicts, whitespace, keys and packages, override kinds, and the
 * way values are written back into a job's overrides. Each row is Hydra's input and the value it
 * parses to; a rule Hydra tests on its own (`element`, `primitive`, `listContainer`, ...) is tested
 * here as the value of an override, `k=<input>`.
 */
import { describe, expect, it } from 'vitest';
import { composeTree, resolvedJobConfig } from '../../src/compose/compose.js';
import { keyElement, parseOverride, parseOverrides, renderValue } from '../../src/overrides/index.js';
import type { Element } from '../../src/overrides/index.js';
import { confTree } from '../helpers/conf-tree.js';
import { dict, float, int, nul, str } from './helpers.js';
import {
  choiceOf,
  expectRejected,
  F,
  intervalOf,
  normTags,
  type PyLike,
  py,
  q,
  qq,
  rangeOf,
  simpleOf,
  valueOf,
  valueType,
} from './hydra-parser-helpers.js';

/** Hydra's UNQUOTED_SPECIAL: the special characters allowed in unquoted strings. */
const UNQUOTED_SPECIAL = '/-\\+.$%*@?|';

describe('Hydra test_element: one element', () => {
  it.each<[string, PyLike]>([
    ['abc', 'abc'],
    ['abc123', 'abc123'],
    ['abc-123', 'abc-123'],
    ['a b c\t-\t1 2 3', 'a b c\t-\t1 2 3'],
    [' abc-123 ', 'abc-123'],
    ['123abc', '123abc'],
    ['a\\,b', 'a,b'],
    ['a\\:b', 'a:b'],
    ['a\\=b', 'a=b'],
    ['\\ ab', ' ab'],
    ['ab\\\t', 'ab\t'],
    ['ab\\\\', 'ab\\'],
    ['\\,', ','],
    ['f\\(a\\, b\\)', 'f(a, b)'],
    ['\\[a\\, b\\]', '[a, b]'],
    ['\\{a\\: b\\}', '{a: b}'],
    ['$\\{foo.bar\\}', '${foo.bar}'],
    ['xyz_${a.b.c}', 'xyz_${a.b.c}'],
    ['${env:USER,root}', '${env:USER,root}'],
    ['${f:USER,root}', '${f:USER,root}'],
    ['${f.g:USER,root}', '${f.g:USER,root}'],
    ['c:\\foo\\a-b.txt', 'c:\\foo\\a-b.txt'],
    ['null', null],
    ['1', 1],
    ['+1', 1],
    ['1___0___', '1___0___'],
    ['0.51', F(0.51)],
    ['10e0', F(10)],
    ['+inf', F(Number.POSITIVE_INFINITY)],
    ['true', true],
    ['.', '.'],
  ])('%j', (text, expected) => {
    expect(valueOf(text)).toEqual(py(expected));
  });
});

describe('Hydra test_value: a whole value', () => {
  it.each<[string, PyLike | ReturnType<typeof simpleOf>]>([
    ['abc', 'abc'],
    ['abc ', 'abc'],
    [' abc', 'abc'],
    ['[1,2,3]', [1, 2, 3]],
    ['[1 ]', [1]],
    ['[1, 2, 3]', [1, 2, 3]],
    ['1,2,3', simpleOf([1, 2, 3])],
    ['1, 2, 3', simpleOf([1, 2, 3])],
    ['${a}, ${b}, ${c}', simpleOf(['${a}', '${b}', '${c}'])],
    ['[a,b],[c,d]', simpleOf([['a', 'b'], ['c', 'd']])],
    ['true', true],
    ['True', true],
    ['TRUE', true],
    ['trUe', true],
    ['false', false],
    ['False', false],
    ['FALSE', false],
    ['faLse', false],
  ])('%j', (text, expected) => {
    const v = valueOf(text);
    if (expected !== null && typeof expected === 'object' && 'kind' in expected && expected.kind === 'choice') expect(v).toEqual(expected);
    else expect(v).toEqual(py(expected as PyLike));
  });
});

describe('Hydra test_list_container', () => {
  it.each<[string, PyLike]>([
    ['[]', []],
    ['[1]', [1]],
    ["['a b']", [q('a b')]],
    ["['[a,b]']", [q('[a,b]')]],
    ['[[a]]', [['a']]],
    ['[[[a]]]', [[['a']]]],
    ['[1,[a]]', [1, ['a']]],
    ["['a\\\\', 'b\\\\']", [q('a\\'), q('b\\')]],
    ['["a\\\\", "b\\\\"]', [qq('a\\'), qq('b\\')]],
  ])('%s', (text, expected) => {
    expect(valueOf(text)).toEqual(py(expected));
  });
});

describe('Hydra test_dict_container', () => {
  it.each<[string, Element]>([
    ['{}', dict()],
    ['{a:b}', py({ a: 'b' })],
    ['{a:10}', py({ a: 10 })],
    ['{a:[a,10]}', py({ a: ['a', 10] })],
    ['{a:[true,10]}', py({ a: [true, 10] })],
    ['{a:10,b:20}', py({ a: 10, b: 20 })],
    ['{a:10,b:{}}', py({ a: 10, b: {} })],
    ['{a:10,b:{c:[1,2]}}', py({ a: 10, b: { c: [1, 2] } })],
    ['{null: 1}', dict([nul, int(1)])],
    ['{123: 1, 0: 2, -1: 3}', dict([int(123), int(1)], [int(0), int(2)], [int(-1), int(3)])],
    ['{3.14: 0, 1e3: 1}', dict([float(3.14), int(0)], [float(1000), int(1)])],
    ['{true: 1, fAlSe: 0}', dict([{ kind: 'bool', value: true }, int(1)], [{ kind: 'bool', value: false }, int(0)])],
    [`{${UNQUOTED_SPECIAL}: 1}`, py({ [UNQUOTED_SPECIAL]: 1 })],
    ['{\\\\\\(\\)\\[\\]\\{\\}\\:\\=\\ \\\t\\,: 1}', py({ '\\()[]{}:= \t,': 1 })],
    ['{white spaces: 1}', py({ 'white spaces': 1 })],
    [
      '{a_b: 1, ab 123.5 True: 2, null false: 3, 1: 4, null: 5}',
      dict([str('a_b'), int(1)], [str('ab 123.5 True'), int(2)], [str('null false'), int(3)], [int(1), int(4)], [nul, int(5)]),
    ],
    ["{a: 'a\\\\', b: 'b\\\\'}", py({ a: q('a\\'), b: q('b\\') })],
    ['{a: "a\\\\", b: "b\\\\"}', py({ a: qq('a\\'), b: qq('b\\') })],
  ])('%s', (text, expected) => {
    expect(valueOf(text)).toEqual(expected);
  });
});

describe('Hydra test_primitive', () => {
  it.each<[string, PyLike]>([
    ['a', 'a'],
    [UNQUOTED_SPECIAL, UNQUOTED_SPECIAL],
    ['abc10', 'abc10'],
    ['a.b.c', 'a.b.c'],
    ['list.0.bar', 'list.0.bar'],
    ['0.foo', '0.foo'],
    ['10', 10],
    ['10abc', '10abc'],
    ['abc-cde', 'abc-cde'],
    ['true', true],
    ['True', true],
    ['TRUE', true],
    ['trUe', true],
    ['false', false],
    ['False', false],
    ['FALSE', false],
    ['faLse', false],
    ['abc', 'abc'],
    ['abc123', 'abc123'],
    ['abc-123', 'abc-123'],
    ['xyz_${a.b.c}', 'xyz_${a.b.c}'],
    ['${f:USER,root}', '${f:USER,root}'],
    ['${f.g:USER,root}', '${f.g:USER,root}'],
    ['c:\\foo\\a-b.txt', 'c:\\foo\\a-b.txt'],
    ['null', null],
    ['0', 0],
    ['-1', -1],
    ['1', 1],
    ['10_0', 100],
    ['0.0', F(0)],
    ['0.51', F(0.51)],
    ['1e-05', F(1e-5)],
    ['-3.14', F(-3.14)],
    ['3.1_4', F(3.14)],
    ['10e0', F(10)],
    ['-10e1', F(-100)],
    ['inf', F(Number.POSITIVE_INFINITY)],
    ['INF', F(Number.POSITIVE_INFINITY)],
    ['-inf', F(Number.NEGATIVE_INFINITY)],
    ['nan', F(Number.NaN)],
    ['NaN', F(Number.NaN)],
    ['${a}', '${a}'],
    ['${a.b.c}', '${a.b.c}'],
    ['${foo:a}', '${foo:a}'],
    ['${foo:1,2,3}', '${foo:1,2,3}'],
    ['${foo:[1,2,3]}', '${foo:[1,2,3]}'],
  ])('%j', (text, expected) => {
    expect(valueOf(text)).toEqual(py(expected));
  });
});

describe('Hydra test_primitive_quoted_string: the text, and writing it back gives the input', () => {
  it.each<[string, Element]>([
    ["'foo \\'bar'", q("foo 'bar")],
    ['"foo \\"bar"', qq('foo "bar')],
    ["'foo \\\\\\'bar'", q("foo \\'bar")],
    ['"foo \\\\\\"bar"', qq('foo \\"bar')],
    ["'foo\\bar'", q('foo\\bar')],
    ['"foo\\bar"', qq('foo\\bar')],
    ["'foo\\\\bar'", q('foo\\\\bar')],
    ["'foo\\\\\\\\bar'", q('foo\\\\\\\\bar')],
    ["'foo bar\\\\'", q('foo bar\\')],
    ["'foo \\\\\\\\\\'bar\\' \\\\\\\\\\\\'", q("foo \\\\'bar' \\\\\\")],
    ["'\t []{},=+~'", q('\t []{},=+~')],
    ['"\t []{},=+~"', qq('\t []{},=+~')],
    ["'a b c'", q('a b c')],
    ["'a,b'", q('a,b')],
    ["'[1,2,3]'", q('[1,2,3]')],
    ['"[1,2,3]"', qq('[1,2,3]')],
    ['"[1,\'2\',3]"', qq("[1,'2',3]")],
    ["'null'", q('null')],
    ["'100'", q('100')],
    ["'3.14'", q('3.14')],
    ["'nan'", q('nan')],
    ["'inf'", q('inf')],
    ["'true'", q('true')],
    ["'false'", q('false')],
    ["'a ${b}'", q('a ${b}')],
    ["'a \\${b}'", q('a \\${b}')],
    ["'a \\'\\${b}\\''", q("a '\\${b}'")],
    ["'a \\\\${b}'", q('a \\\\${b}')],
    ["'a \\'${b}\\''", q("a '${b}'")],
    ["'a \\'\\\\${b}\\''", q("a '\\\\${b}'")],
    ["'a \\\\\\'${b}\\\\\\''", q("a \\'${b}\\'")],
    ["'${foo:\\'b,a,r\\'}'", q("${foo:'b,a,r'}")],
    ["'${foo:${a}, \\'\\${bar}\\\\\\'\\', {x: \"${y}\"}}'", q("${foo:${a}, '\\${bar}\\'', {x: \"${y}\"}}")],
    ["'${foo:\"\\' }\"}'", q("${foo:\"' }\"}")],
  ])('%s', (text, expected) => {
    expect(valueOf(text)).toEqual(expected);
    expect(renderValue(expected)).toBe(text);
  });
});

describe('Hydra test_override: every prefix with every value', () => {
  const prefixes = [
    ['', 'change'],
    ['+', 'add'],
    ['++', 'force-add'],
    ['~', 'delete'],
  ] as const;
  const rows: [string, string, unknown, string][] = [
    ['key=value', 'key', py('value'), 'ELEMENT'],
    ["key='1,2,3'", 'key', q('1,2,3'), 'ELEMENT'],
    ["key='שלום'", 'key', q('שלום'), 'ELEMENT'],
    ['key=value-123', 'key', py('value-123'), 'ELEMENT'],
    ['key=value-1.0', 'key', py('value-1.0'), 'ELEMENT'],
    ['key=value-true', 'key', py('value-true'), 'ELEMENT'],
    ['key=', 'key', py(''), 'ELEMENT'],
    ["key='foo,bar'", 'key', q('foo,bar'), 'ELEMENT'],
    ["key='foo , bar'", 'key', q('foo , bar'), 'ELEMENT'],
    ['key=1,2,3', 'key', simpleOf([1, 2, 3]), 'SIMPLE_CHOICE_SWEEP'],
    ['key=choice(1)', 'key', choiceOf([1]), 'CHOICE_SWEEP'],
    ['key=choice(1,2,3)', 'key', choiceOf([1, 2, 3]), 'CHOICE_SWEEP'],
    ['key=[1,2],[3,4]', 'key', simpleOf([[1, 2], [3, 4]]), 'SIMPLE_CHOICE_SWEEP'],
    ['key=choice([1,2],[3,4])', 'key', choiceOf([[1, 2], [3, 4]]), 'CHOICE_SWEEP'],
    ['key=range(0,2)', 'key', rangeOf(0, 2), 'RANGE_SWEEP'],
    ['key=range(1,5,2)', 'key', rangeOf(1, 5, 2), 'RANGE_SWEEP'],
    ['key=range(10.0, 11.0)', 'key', rangeOf(F(10), F(11), 1), 'RANGE_SWEEP'],
    ['key=interval(0,1)', 'key', intervalOf(0, 1), 'INTERVAL_SWEEP'],
    ['key=tag(a,b,choice([1,2],[3,4]))', 'key', choiceOf([[1, 2], [3, 4]], { tags: ['a', 'b'] }), 'CHOICE_SWEEP'],
    ['key=tag(a,b,interval(0,1))', 'key', intervalOf(0, 1, { tags: ['a', 'b'] }), 'INTERVAL_SWEEP'],
    ['key=str([1,2])', 'key', py(['1', '2']), 'ELEMENT'],
    ['choice=reverse', 'choice', py('reverse'), 'ELEMENT'],
  ];
  for (const [prefix, kind] of prefixes) {
    it.each(rows)(`${prefix || '(no prefix)'}%s`, (text, key, value, type) => {
      const o = parseOverride(prefix + text);
      expect(o.kind).toBe(kind);
      expect(o.key).toBe(key);
      expect(o.package).toBeUndefined();
      expect(normTags(o.value)).toEqual(value);
      expect(valueType(o)).toBe(type);
    });
  }
});

describe('Hydra test_override_del and test_name_package_is_literal', () => {
  it('~x has no value, ~x=10 the int 10, ~x= the empty string', () => {
    const bare = parseOverride('~x');
    expect([bare.kind, bare.key, bare.value, valueType(bare)]).toEqual(['delete', 'x', undefined, null]);
    const specific = parseOverride('~x=10');
    expect([specific.kind, specific.value, valueType(specific)]).toEqual(['delete', int(10), 'ELEMENT']);
    expect(parseOverride('~x=').value).toEqual(str(''));
  });

  it('keeps the package _name_ as written', () => {
    const o = parseOverride('key@_name_=value');
    expect([o.kind, o.key, o.package, o.value]).toEqual(['change', 'key', '_name_', str('value')]);
  });
});

describe('Hydra test_parse_overrides', () => {
  it('parses a list in order', () => {
    const [x, y, z1, z2] = parseOverrides(['x=10', 'y=[1,2]', 'z=a,b,c', 'z=choice(a,b,c)']);
    expect(x?.value).toEqual(int(10));
    expect(y?.value).toEqual(py([1, 2]));
    expect(z1?.value).toEqual(simpleOf(['a', 'b', 'c']));
    expect(z2?.value).toEqual(choiceOf(['a', 'b', 'c']));
    expect([x, y, z1, z2].map((o) => o?.input)).toEqual(['x=10', 'y=[1,2]', 'z=a,b,c', 'z=choice(a,b,c)']);
  });
});

describe('Hydra test_key, test_package, test_package_or_group', () => {
  it.each<[string, string, string | undefined]>([
    ['abc', 'abc', undefined],
    ['abc/cde', 'abc/cde', undefined],
    ['abc.cde', 'abc.cde', undefined],
    ['ab-c/d-ef', 'ab-c/d-ef', undefined],
    ['ab-c.d-ef', 'ab-c.d-ef', undefined],
    ['$foo', '$foo', undefined],
    ['$foo.bar$.x$z', '$foo.bar$.x$z', undefined],
    ['list.0', 'list.0', undefined],
    ['a/b/c', 'a/b/c', undefined],
    ['a-b/c', 'a-b/c', undefined],
    ['a-b', 'a-b', undefined],
    ['package_or_group@pkg1', 'package_or_group', 'pkg1'],
    ['package_or_group@', 'package_or_group', ''],
    ['package_or_group@$pkg1', 'package_or_group', '$pkg1'],
    ['group@abc', 'group', 'abc'],
    ['group@abc.cde', 'group', 'abc.cde'],
    ['group@$foo', 'group', '$foo'],
    ['group@$foo.bar$.x$z', 'group', '$foo.bar$.x$z'],
    ['group@ab-c', 'group', 'ab-c'],
  ])('%s=x', (key, group, pkg) => {
    const o = parseOverride(`${key}=x`);
    expect(o.key).toBe(group);
    expect(o.package).toBe(pkg);
  });
});

describe('Hydra test_get_key_element', () => {
  it.each([
    ['key=value', 'key'],
    ['key@pkg1=value', 'key@pkg1'],
    ['+key=value', '+key'],
    ['+key@pkg1=value', '+key@pkg1'],
    ['++key=value', '++key'],
    ['++key@pkg1=value', '++key@pkg1'],
    ['~key=value', '~key'],
    ['~key@pkg1=value', '~key@pkg1'],
  ])('%s', (text, expected) => {
    expect(keyElement(parseOverride(text))).toBe(expected);
  });
});

describe('Hydra test_override_get_value_element_method: how a value is written back (no space after separators)', () => {
  it.each([
    ['key=value', 'value'],
    ["key='value'", "'value'"],
    ['key="value"', '"value"'],
    ["key='שלום'", "'שלום'"],
    ['key=\\\\\\(\\)\\[\\]\\{\\}\\:\\=\\ \\\t\\,', '\\\\\\(\\)\\[\\]\\{\\}\\:\\=\\ \\\t\\,'],
    ['key=10', '10'],
    ['key=3.1415', '3.1415'],
    ['key=[]', '[]'],
    ['key=[1,2,3]', '[1,2,3]'],
    ["key=['a b', 2, 3]", "['a b',2,3]"],
    ['key={}', '{}'],
    ['key={a:10}', '{a:10}'],
    ['key={a:10,b:20}', '{a:10,b:20}'],
    ['key={a:10,b:[1,2,3]}', '{a:10,b:[1,2,3]}'],
    [`key={${UNQUOTED_SPECIAL}: 1}`, `{${UNQUOTED_SPECIAL.replace('\\', '\\\\')}:1}`],
    ['key={ white  space\t: 2}', '{white\\ \\ space:2}'],
    ['key={\\\\\\(\\)\\[\\]\\{\\}\\:\\=\\ \\\t\\,: 2}', '{\\\\\\(\\)\\[\\]\\{\\}\\:\\=\\ \\\t\\,:2}'],
  ])('%s', (text, expected) => {
    expect(renderValue(parseOverride(text).value as Element)).toBe(expected);
  });
});

describe('Hydra test_override_value_method: the value a job receives (quotes dropped)', () => {
  const dir = confTree({ 'config.yaml': 'x: 0\n' });
  it.each<[string, unknown]>([
    ['key=value', 'value'],
    ["key='value'", 'value'],
    ['key="value"', 'value'],
    ['key=10', 10],
    ['key=3.1415', 3.1415],
    ['key=[]', []],
    ['key=[1,2,3]', [1, 2, 3]],
    ["key=['a b', 2, 3]", ['a b', 2, 3]],
    ['key={}', {}],
    ['key={a:10}', { a: 10 }],
    ['key={a:10,b:20}', { a: 10, b: 20 }],
    ['key={a:10,b:[1,2,3]}', { a: 10, b: [1, 2, 3] }],
    ['key={123id: 0}', { '123id': 0 }],
    [`key={${UNQUOTED_SPECIAL}: 0}`, { [UNQUOTED_SPECIAL]: 0 }],
    ['key={w s: 0}', { 'w s': 0 }],
    ['key={\\\\\\(\\)\\[\\]\\{\\}\\:\\=\\ \\\t\\,: 0}', { '\\()[]{}:= \t,': 0 }],
  ])('+%s', (text, expected) => {
    const c = composeTree({ configDir: dir, configName: 'config', overrides: [`+${text}`] });
    expect(resolvedJobConfig(c).key).toEqual(expected);
  });
});

describe('Hydra test_whitespaces', () => {
  it.each<[string, unknown, string]>([
    ['key= \tvalue \t', py('value'), 'ELEMENT'],
    ['key=value \t 123', py('value \t 123'), 'ELEMENT'],
    ["key='  foo,bar\t'", q('  foo,bar\t'), 'ELEMENT'],
    ["key='foo , \t\t bar'", q('foo , \t\t bar'), 'ELEMENT'],
    ['key=1 ,  2,\t\t3', simpleOf([1, 2, 3]), 'SIMPLE_CHOICE_SWEEP'],
    ['key=choice\t(  1\t\t )', choiceOf([1]), 'CHOICE_SWEEP'],
    ['key=choice(\t\t1,   2, \t 3 )', choiceOf([1, 2, 3]), 'CHOICE_SWEEP'],
    ['key=[1  ,\t2\t],[\t3\t   ,4  ]', simpleOf([[1, 2], [3, 4]]), 'SIMPLE_CHOICE_SWEEP'],
    ['key=str(\t  [  1,\t2  ]\t   )', py(['1', '2']), 'ELEMENT'],
  ])('%j', (text, value, type) => {
    const o = parseOverride(text);
    expect([o.kind, o.key]).toEqual(['change', 'key']);
    expect(o.value).toEqual(value);
    expect(valueType(o)).toBe(type);
  });
});

describe('Hydra test_parse_errors: what Hydra rejects', () => {
  it.each([
    ['key=[', 'a list that is never closed'],
    ['key=[]aa', 'text after a complete value'],
    ["key=['a\\', 'b']", "a list item whose closing quote is escaped (the last ' opens an unclosed quote)"],
    ["key=[1,2,3]'", 'an unclosed quote after the value'],
    ["key={'0a': 0, \"1b\": 1}", 'a quoted dict key'],
    ["key={a: 'a\\', b: 'b'}", 'a dict value whose closing quote is escaped'],
    ["key={' abc ': 0}", 'a single-quoted dict key'],
    ['key={" abc ": 0}', 'a double-quoted dict key'],
    ['$foo/bar=foobar', 'a $ in a config group path'],
    ['foo@', 'a package at the end, without ='],
    ['foo@abc:=x', 'a package rename (removed in Hydra 1.1)'],
    ['foo@abc:def=x', 'a package rename (removed in Hydra 1.1)'],
    ['foo@:def=x', 'a package rename from the current package'],
  ])('%s (%s)', (text) => {
    expectRejected(text);
  });

  it('gives a value of only whitespace the empty string (Hydra strips it with the =)', () => {
    expect(valueOf(' ')).toEqual(str(''));
    expect(valueOf(' \t ')).toEqual(str(''));
  });
});
