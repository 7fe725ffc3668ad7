/**
 * nodeRepr prints a config node as Python's repr() of its content, which is what OmegaConf shows
 * when a container is used inside a string (`"v${d}"`): keys keep their YAML type, strings use
 * Python quoting, floats Python's shortest form, and nothing is resolved.
 */
import { describe, expect, it } from 'vitest';
import { DictNode, ListNode, type Node, ValueNode, nodeFromJs } from '../../src/config/nodes.js';
import { nodeRepr } from '../../src/config/repr.js';
import { yaml } from './helpers.js';

describe('nodeRepr is Python repr() of the content', () => {
  it.each([
    [new ValueNode('null', null), 'None'],
    [new ValueNode('bool', true), 'True'],
    [new ValueNode('int', 3), '3'],
    [new ValueNode('int', 2n ** 70n), '1180591620717411303424'],
    [new ValueNode('float', 1), '1.0'],
    [new ValueNode('float', 1e-5), '1e-05'],
    [new ValueNode('float', Number.NaN), 'nan'],
    [new ValueNode('str', 'x'), "'x'"],
    [new ValueNode('str', "it's"), `"it's"`],
    [new ValueNode('str', '???'), "'???'"],
    [new ListNode([]), '[]'],
    [new DictNode(), '{}'],
  ] as Array<[Node, string]>)('%#: %s', (node, expected) => {
    expect(nodeRepr(node)).toBe(expected);
  });
  it('prints nested containers in insertion order', () => {
    expect(nodeRepr(nodeFromJs({ b: [1, { c: null }], a: 'x' }))).toBe("{'b': [1, {'c': None}], 'a': 'x'}");
  });
  it('prints YAML int, float and bool keys unquoted, as Python does', () => {
    expect(nodeRepr(yaml('1: a\n2.5: b\nx: c\n"3": d'))).toBe("{1: 'a', 2.5: 'b', 'x': 'c', '3': 'd'}");
    const d = new DictNode(new Map<string, Node>([['true', new ValueNode('int', 1)], ['null', new ValueNode('int', 2)]]));
    d.keyTypes = new Map([
      ['true', 'bool'],
      ['null', 'null'],
    ]);
    expect(nodeRepr(d)).toBe('{True: 1, None: 2}');
  });
  it('shows interpolations as written, unresolved', () => {
    expect(nodeRepr(yaml('a: ${b}\nb: 1'))).toBe("{'a': '${b}', 'b': 1}");
  });
  it('escapes strings the way Python does', () => {
    expect(nodeRepr(nodeFromJs(['a\\b', 'tab\t', 'q\'"', 'zw\u200b']))).toBe("['a\\\\b', 'tab\\t', 'q\\'\"', 'zw\\u200b']");
  });
});
