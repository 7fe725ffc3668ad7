/**
 * Config trees as JSON the way Python's `json.dumps` writes them: ints without a decimal point,
 * floats in Python's repr, the bare tokens NaN / Infinity, Python's `indent=2` layout.
 */
import { describe, expect, it } from 'vitest';
import { loadYamlString } from '../../../src/config/load.js';
import { DictNode, ListNode, type Node, ValueNode, nodeFromJs } from '../../../src/config/nodes.js';
import { jsonFloat, toJson } from '../../../src/config/output/to-json.js';

const int = (v: number | bigint) => new ValueNode('int', v);
const float = (v: number) => new ValueNode('float', v);
const str = (v: string) => new ValueNode('str', v);

function yaml(text: string): Node {
  return loadYamlString(text, 'config') as Node;
}

describe('numbers', () => {
  it('writes ints without and floats with a decimal point', () => {
    expect(toJson(int(1))).toBe('1');
    expect(toJson(float(1))).toBe('1.0');
    expect(toJson(float(0.1))).toBe('0.1');
    expect(toJson(float(-0))).toBe('-0.0');
    expect(toJson(int(-3))).toBe('-3');
  });

  it('writes floats in Python repr, exponents included', () => {
    expect(toJson(float(1e-8))).toBe('1e-08');
    expect(toJson(float(1e16))).toBe('1e+16');
    expect(toJson(float(1.5e300))).toBe('1.5e+300');
    expect(toJson(float(123456.789))).toBe('123456.789');
  });

  it('writes NaN and the infinities as the bare tokens Python writes', () => {
    expect(toJson(float(Number.NaN))).toBe('NaN');
    expect(toJson(float(Number.POSITIVE_INFINITY))).toBe('Infinity');
    expect(toJson(float(Number.NEGATIVE_INFINITY))).toBe('-Infinity');
    expect(jsonFloat(Number.NaN)).toBe('NaN');
    expect(jsonFloat(2)).toBe('2.0');
  });

  it('writes ints beyond 2^53 with every digit', () => {
    expect(toJson(int(12345678901234567890n))).toBe('12345678901234567890');
    expect(toJson(yaml('n: 9007199254740993\n'), { indent: 0 })).toBe('{"n": 9007199254740993}');
  });

  it('writes the int/float distinction of a loaded config', () => {
    expect(toJson(yaml('a: 1\nb: 1.0\nc: 1e3\nd: 0x10\n'), { indent: 0 })).toBe('{"a": 1, "b": 1.0, "c": 1000.0, "d": 16}');
  });
});

describe('other scalars', () => {
  it('writes null and booleans', () => {
    expect(toJson(new ValueNode('null', null))).toBe('null');
    expect(toJson(new ValueNode('bool', true))).toBe('true');
    expect(toJson(new ValueNode('bool', false))).toBe('false');
  });

  it('writes plain strings in double quotes', () => {
    expect(toJson(str('mysql'))).toBe('"mysql"');
    expect(toJson(str(''))).toBe('""');
    expect(toJson(str("it's a ${x} [1] {a: b}"))).toBe('"it\'s a ${x} [1] {a: b}"');
  });

  it('escapes quotes, backslashes and control characters', () => {
    expect(toJson(str('a"b'))).toBe('"a\\"b"');
    expect(toJson(str('C:\\dir'))).toBe('"C:\\\\dir"');
    expect(toJson(str('line\nnext\ttab\u0001'))).toBe('"line\\nnext\\ttab\\u0001"');
  });

  it('keeps non-ASCII text readable as the same string', () => {
    for (const s of ['héllo wörld', '日本語', '😀', 'a\u2028b']) expect(JSON.parse(toJson(str(s)))).toBe(s);
  });

  it('escapes dict keys like strings', () => {
    expect(toJson(nodeFromJs({ 'a"b': 1, 'é': 2 }), { indent: 0 })).toBe('{"a\\"b": 1, "é": 2}');
  });
});

describe('containers', () => {
  it('indents two spaces per level by default, as json.dumps(indent=2)', () => {
    const tree = yaml('a: 1\nb: [1, 2.0]\nc: {}\nd: []\ne:\n  f:\n    - g: null\n');
    expect(toJson(tree)).toBe('{\n  "a": 1,\n  "b": [\n    1,\n    2.0\n  ],\n  "c": {},\n  "d": [],\n  "e": {\n    "f": [\n      {\n        "g": null\n      }\n    ]\n  }\n}');
  });

  it('writes one line with indent 0, as json.dumps() without indent', () => {
    expect(toJson(yaml('a: 1\nb: [1, 2.0]\n'), { indent: 0 })).toBe('{"a": 1, "b": [1, 2.0]}');
  });

  it('honours another indent width', () => {
    expect(toJson(yaml('a: [1]\n'), { indent: 4 })).toBe('{\n    "a": [\n        1\n    ]\n}');
  });

  it('writes empty containers compactly', () => {
    expect(toJson(new DictNode())).toBe('{}');
    expect(toJson(new ListNode())).toBe('[]');
    expect(toJson(new ListNode([new ListNode(), new DictNode()]), { indent: 0 })).toBe('[[], {}]');
  });

  it('keeps the key order', () => {
    expect(toJson(yaml('z: 1\na: 2\nm: 3\n'), { indent: 0 })).toBe('{"z": 1, "a": 2, "m": 3}');
  });

  it('writes JSON that JSON.parse reads back', () => {
    const tree = yaml('a: [1, {b: "x\\ty"}]\nc: {d: null, e: true}\n');
    expect(JSON.parse(toJson(tree))).toEqual({ a: [1, { b: 'x\ty' }], c: { d: null, e: true } });
  });
});
