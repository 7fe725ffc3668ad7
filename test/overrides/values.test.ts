import { describe, expect, it } from 'vitest';
import { parseOverride } from '../../src/overrides/index.js';
import { bool, choice, dict, float, int, list, nul, str, sweep, value } from './helpers.js';

describe('primitives: one token is typed', () => {
  it.each([
    // ints
    ['0', int(0)],
    ['10', int(10)],
    ['-20', int(-20)],
    ['+7', int(7)],
    ['-0', int(0)],
    ['1_000_000', int(1_000_000)],
    ['9007199254740991', int(9007199254740991)],
    ['9007199254740993', int(9007199254740993n)],
    ['-99999999999999999999', int(-99999999999999999999n)],
    // floats
    ['3.14', float(3.14)],
    ['-20.0', float(-20)],
    ['1e-1', float(0.1)],
    ['-10e3', float(-10000)],
    ['1e-3', float(0.001)],
    ['1E6', float(1e6)],
    ['5.', float(5)],
    ['.5', float(0.5)],
    ['1.e5', float(1e5)],
    ['1_0.5_5', float(10.55)],
    ['1e1_0', float(1e10)],
    ['1e400', float(Number.POSITIVE_INFINITY)],
    ['-0.0', float(-0)],
    ['inf', float(Number.POSITIVE_INFINITY)],
    ['-inf', float(Number.NEGATIVE_INFINITY)],
    ['+Inf', float(Number.POSITIVE_INFINITY)],
    ['nan', float(Number.NaN)],
    ['-NaN', float(Number.NaN)],
    // bools and null (any case)
    ['true', bool(true)],
    ['TrUe', bool(true)],
    ['FALSE', bool(false)],
    ['null', nul],
    ['NuLl', nul],
    // strings
    ['abc', str('abc')],
    ['foo-bar_10', str('foo-bar_10')],
    ['${foo.bar}', str('${foo.bar}')],
    ['${oc.env:USER,me}', str('${oc.env:USER,me}')],
    ['/', str('/')],
    ['.', str('.')],
    ['-', str('-')],
    ['%', str('%')],
    ['|', str('|')],
    [':', str(':')],
    ['\\,', str(',')],
    ['\\\\', str('\\')],
    ['\\(\\)\\[\\]\\{\\}\\:\\=\\,\\ \\\t', str('()[]{}:=, \t')],
  ])('%s', (text, expected) => {
    expect(value(text)).toEqual(expected);
  });
});

describe('primitives: several tokens concatenate into a string', () => {
  it.each([
    ['a b', 'a b'],
    ['1 2', '1 2'],
    ['3abc', '3abc'],
    ['007', '007'],
    ['00', '00'],
    ['0_1', '0_1'],
    ['1e3x', '1e3x'],
    ['10.0.1', '10.0.1'],
    ['1.2.3.4', '1.2.3.4'],
    ['infinity', 'infinity'],
    ['-infinity', '-infinity'],
    ['true1', 'true1'],
    ['null-ish', 'null-ish'],
    ['abc-123', 'abc-123'],
    ['a b c\t-\t1 2 3', 'a b c\t-\t1 2 3'],
    ['C:\\dir', 'C:\\dir'],
    ['C:\\\\dir', 'C:\\dir'],
    ['c:\\foo\\a-b.txt', 'c:\\foo\\a-b.txt'],
    ['/root/${name}', '/root/${name}'],
    ['xyz_${a.b.c}', 'xyz_${a.b.c}'],
    ['${a}_${b}', '${a}_${b}'],
    ['${a} ${b}', '${a} ${b}'],
    ['a:b', 'a:b'],
    ['a : b', 'a : b'],
    ['http://host:80/p', 'http://host:80/p'],
    ['job\\{a\\=1\\,b\\=2\\,c\\=3\\}', 'job{a=1,b=2,c=3}'],
    ['two\\ words', 'two words'],
    ['f\\(x\\)', 'f(x)'],
    ['host\\:80', 'host:80'],
    ['a\\,b', 'a,b'],
    ['A\\[B', 'A[B'],
    ['@host', '@host'],
    ['*.txt', '*.txt'],
    ['a?b|c', 'a?b|c'],
    ['$x', '$x'],
    ['50%', '50%'],
    ['-5x', '-5x'],
    ['+-', '+-'],
  ])('%j → string %j', (text, expected) => {
    expect(value(text)).toEqual(str(expected));
  });
});

describe('whitespace', () => {
  it.each([
    ['  hello world  ', str('hello world')],
    ['5 ', int(5)],
    ['  5', int(5)],
    ['\t5\t', int(5)],
    ['hello world', str('hello world')],
    ['a  b', str('a  b')],
    ['[1 ]', list(int(1))],
    ['[ 1 , 2 ]', list(int(1), int(2))],
    ['{ a : 1 , b : 2 }', dict([str('a'), int(1)], [str('b'), int(2)])],
    ['1 , 2', sweep(int(1), int(2))],
    ['choice ( a , b )', choice(str('a'), str('b'))],
    ['', str('')],
    ['   ', str('')],
  ])('%j', (text, expected) => {
    expect(value(text)).toEqual(expected);
  });

  it('keeps the whitespace a colon token absorbed, as Hydra does', () => {
    expect(value('x: ')).toEqual(str('x: '));
    expect(value(': ')).toEqual(str(': '));
  });
});

describe('quoted values', () => {
  it.each([
    ["'hello there'", str('hello there', "'")],
    ['"hello there"', str('hello there', '"')],
    ["''", str('', "'")],
    ['""', str('', '"')],
    ["'escaped \\'single quote\\''", str("escaped 'single quote'", "'")],
    ['"escaped \\"double quote\\""', str('escaped "double quote"', '"')],
    ["'the path is C:\\\\\\'some folder\\'\\\\'", str("the path is C:\\'some folder'\\", "'")],
    ['"the path is C:\\\\\\"some folder\\"\\\\"', str('the path is C:\\"some folder"\\', '"')],
    ["'1,2,3'", str('1,2,3', "'")],
    ["'{a:10} ${xyz}'", str('{a:10} ${xyz}', "'")],
    ['"\'single quoted string\'"', str("'single quoted string'", '"')],
    ["'\"double quoted string\"'", str('"double quoted string"', "'")],
    ["'a\\b'", str('a\\b', "'")],
    ["'a\\\\b'", str('a\\\\b', "'")],
    ["'\\\\'", str('\\', "'")],
    ["'\\\\\\\\'", str('\\\\', "'")],
    ["'abc\\\\'", str('abc\\', "'")],
    ['"abc\\\\\\"def\\\\\\\'ghi\\\\\\\\"', str('abc\\"def\\\\\\\'ghi\\\\', '"')],
    ["'\\''", str("'", "'")],
    ["'10'", str('10', "'")],
    ["'true'", str('true', "'")],
    ["'null'", str('null', "'")],
    ["'${a.${b}}'", str('${a.${b}}', "'")],
    ["'é # ! ~ \n'", str('é # ! ~ \n', "'")],
    ["  'x'", str('x', "'")],
  ])('%s', (text, expected) => {
    expect(value(text)).toEqual(expected);
  });

  it('keeps quotes on items of lists, dicts and comma sweeps', () => {
    expect(value("['a b']")).toEqual(list(str('a b', "'")));
    expect(value("{k:'v,2'}")).toEqual(dict([str('k'), str('v,2', "'")]));
    expect(value("'a,b','c'")).toEqual(sweep(str('a,b', "'"), str('c', "'")));
    expect(value('"a,b",c')).toEqual(sweep(str('a,b', '"'), str('c')));
  });
});

describe('lists', () => {
  it.each([
    ['[]', list()],
    ['[1]', list(int(1))],
    ['[1,2,3]', list(int(1), int(2), int(3))],
    ['[a,b,[1,2]]', list(str('a'), str('b'), list(int(1), int(2)))],
    ['[[[a]]]', list(list(list(str('a'))))],
    ['[a,[b,[c]]]', list(str('a'), list(str('b'), list(str('c'))))],
    ['[1,{k:v}]', list(int(1), dict([str('k'), str('v')]))],
    ['[null,true,1.5,x y]', list(nul, bool(true), float(1.5), str('x y'))],
    ['[${a},${b}]', list(str('${a}'), str('${b}'))],
    ['[int(1.5),str(2)]', list(int(1), str('2'))],
    ['[ ]', list()],
  ])('%s', (text, expected) => {
    expect(value(text)).toEqual(expected);
  });
});

describe('dicts', () => {
  it.each([
    ['{}', dict()],
    ['{a:10}', dict([str('a'), int(10)])],
    ['{a:10,b:20}', dict([str('a'), int(10)], [str('b'), int(20)])],
    ['{a:10,b:{c:30,d:40}}', dict([str('a'), int(10)], [str('b'), dict([str('c'), int(30)], [str('d'), int(40)])])],
    ['{a:[true,10]}', dict([str('a'), list(bool(true), int(10))])],
    ['{3:x}', dict([int(3), str('x')])],
    ['{true:x}', dict([bool(true), str('x')])],
    ['{null:x}', dict([nul, str('x')])],
    ['{1.5:x}', dict([float(1.5), str('x')])],
    ['{a b:x}', dict([str('a b'), str('x')])],
    ['{a-b_c:x}', dict([str('a-b_c'), str('x')])],
    ['{a\\:b:x}', dict([str('a:b'), str('x')])],
    ['{/path:x}', dict([str('/path'), str('x')])],
    ['{007:x}', dict([str('007'), str('x')])],
    ['{a:b:c}', dict([str('a'), str('b:c')])],
    ['{a:${x}}', dict([str('a'), str('${x}')])],
    ['{a: 10, b: 20}', dict([str('a'), int(10)], [str('b'), int(20)])],
    ["{k1:'v 1',k2:'v,2',3:int_key,true:bool_key}", dict([str('k1'), str('v 1', "'")], [str('k2'), str('v,2', "'")], [int(3), str('int_key')], [bool(true), str('bool_key')])],
  ])('%s', (text, expected) => {
    expect(value(text)).toEqual(expected);
  });

  it('keeps the first position and the last value of a repeated key (a Python dict)', () => {
    expect(value('{a:1,b:2,a:3}')).toEqual(dict([str('a'), int(3)], [str('b'), int(2)]));
    expect(value('{1:a,true:b,1.0:c}')).toEqual(dict([int(1), str('c')]));
    expect(value('{0:a,false:b}')).toEqual(dict([int(0), str('b')]));
  });
});

describe('comma-separated sweeps', () => {
  it.each([
    ['a,b', sweep(str('a'), str('b'))],
    ['a,10,3.14', sweep(str('a'), int(10), float(3.14))],
    ['${a}, ${b}, ${c}', sweep(str('${a}'), str('${b}'), str('${c}'))],
    ['[a,b],[c,d]', sweep(list(str('a'), str('b')), list(str('c'), str('d')))],
    ['{a:10, b:20},{c:30,d:40}', sweep(dict([str('a'), int(10)], [str('b'), int(20)]), dict([str('c'), int(30)], [str('d'), int(40)]))],
    ['null,true', sweep(nul, bool(true))],
    ['int(1.5),2', sweep(int(1), int(2))],
    ['a b,c d', sweep(str('a b'), str('c d'))],
  ])('%s', (text, expected) => {
    expect(value(text)).toEqual(expected);
  });
});

describe('spans', () => {
  it('records the key span (with the package) and the value text after the first =', () => {
    const o = parseOverride('+db@backup= mysql');
    expect(o.keySpan).toEqual({ start: 1, end: 10 });
    expect(o.input.slice(o.keySpan.start, o.keySpan.end)).toBe('db@backup');
    expect(o.valueSpan).toEqual({ start: 11, end: 17 });
    expect(o.input.slice(o.valueSpan?.start, o.valueSpan?.end)).toBe(' mysql');
  });

  it('has no value span for a delete without =', () => {
    expect(parseOverride('~db').valueSpan).toBeUndefined();
    expect(parseOverride('~db=').valueSpan).toEqual({ start: 4, end: 4 });
  });
});
