/**
 * Override values as config nodes (`key=[1,2]`, `key={a:1}`), and Python equality between a config
 * value and an override value, as `~key=value` uses to decide whether to delete.
 */
import { describe, expect, it } from 'vitest';
import { elementToNode, sameValue } from '../../src/compose/override-values.js';
import { loadYamlString } from '../../src/config/load.js';
import type { DictNode, ListNode, Node, ValueNode } from '../../src/config/nodes.js';
import type { Source } from '../../src/config/source.js';
import { parseOverride } from '../../src/overrides/index.js';
import type { Element } from '../../src/overrides/types.js';

const src: Source = { kind: 'override', override: 'test' };

/** The value of `key=<text>` as the override grammar parses it. */
function el(text: string): Element {
  return parseOverride(`key=${text}`).value as Element;
}

/** The value of `v: <text>` as a config file holds it. */
function yamlValue(text: string): Node {
  return (loadYamlString(`v: ${text}\n`, 'config') as DictNode).entries.get('v') as Node;
}

describe('elementToNode', () => {
  it('keeps the type of each scalar', () => {
    const typed = (t: string) => {
      const n = elementToNode(el(t), src) as ValueNode;
      return [n.type, n.value];
    };
    expect(typed('null')).toEqual(['null', null]);
    expect(typed('true')).toEqual(['bool', true]);
    expect(typed('3')).toEqual(['int', 3]);
    expect(typed('3.0')).toEqual(['float', 3]);
    expect(typed('inf')).toEqual(['float', Number.POSITIVE_INFINITY]);
    expect(typed('abc')).toEqual(['str', 'abc']);
    expect(typed("'3'")).toEqual(['str', '3']);
    expect(typed('123456789012345678901234567890')).toEqual(['int', 123456789012345678901234567890n]);
  });

  it('builds lists and dicts, every node tagged with the override as its source', () => {
    const n = elementToNode(el('[1,{a:[x]}]'), src) as ListNode;
    expect(n.kind).toBe('list');
    expect(n.src).toBe(src);
    const d = n.items[1] as DictNode;
    expect(d.kind).toBe('dict');
    expect(d.src).toBe(src);
    const inner = d.entries.get('a') as ListNode;
    expect((inner.items[0] as ValueNode).value).toBe('x');
    expect(inner.items[0]?.src).toBe(src);
  });

  it('keeps dict keys in order, recording the type of non-string keys', () => {
    const d = elementToNode(el('{b:1,200:2,1.5:3,2.0:4,true:5}'), src) as DictNode;
    expect([...d.entries.keys()]).toEqual(['b', '200', '1.5', '2.0', 'true']);
    expect(d.keyTypes && Object.fromEntries(d.keyTypes)).toEqual({ '200': 'int', '1.5': 'float', '2.0': 'float', true: 'bool' });
  });

  it('records no key types for a dict of string keys', () => {
    expect((elementToNode(el('{a:1}'), src) as DictNode).keyTypes).toBeUndefined();
  });

  it('gives an empty list and an empty dict', () => {
    expect((elementToNode(el('[]'), src) as ListNode).items).toEqual([]);
    expect((elementToNode(el('{}'), src) as DictNode).entries.size).toBe(0);
  });
});

describe('sameValue (Python ==)', () => {
  it('compares numbers across int, float and bool: 1 == 1.0 == True', () => {
    expect(sameValue(yamlValue('1'), el('1.0'))).toBe(true);
    expect(sameValue(yamlValue('1.0'), el('1'))).toBe(true);
    expect(sameValue(yamlValue('true'), el('1'))).toBe(true);
    expect(sameValue(yamlValue('1'), el('true'))).toBe(true);
    expect(sameValue(yamlValue('0'), el('false'))).toBe(true);
    expect(sameValue(yamlValue('2'), el('true'))).toBe(false);
    expect(sameValue(yamlValue('0.5'), el('0.50'))).toBe(true);
  });

  it('compares big ints exactly', () => {
    expect(sameValue(yamlValue('123456789012345678901234567890'), el('123456789012345678901234567890'))).toBe(true);
    // 2**53 + 1 and 2**53 are different ints, although they are the same double.
    expect(sameValue(yamlValue('9007199254740993'), el('9007199254740992'))).toBe(false);
  });

  it('never finds NaN equal to itself', () => {
    expect(sameValue(yamlValue('.nan'), el('nan'))).toBe(false);
  });

  it('does not equate a number with its text', () => {
    expect(sameValue(yamlValue('1'), el("'1'"))).toBe(false);
    expect(sameValue(yamlValue("'1'"), el('1'))).toBe(false);
    expect(sameValue(yamlValue('abc'), el('abc'))).toBe(true);
  });

  it('equates null only with null', () => {
    expect(sameValue(yamlValue('null'), el('null'))).toBe(true);
    expect(sameValue(yamlValue("'null'"), el('null'))).toBe(false);
    expect(sameValue(yamlValue('0'), el('null'))).toBe(false);
    expect(sameValue(yamlValue('null'), el('0'))).toBe(false);
  });

  it('compares lists item by item, in order', () => {
    expect(sameValue(yamlValue('[1, 2.0, a]'), el('[1.0,2,a]'))).toBe(true);
    expect(sameValue(yamlValue('[1, 2]'), el('[2,1]'))).toBe(false);
    expect(sameValue(yamlValue('[1, 2]'), el('[1,2,3]'))).toBe(false);
    expect(sameValue(yamlValue('[[1], []]'), el('[[1],[]]'))).toBe(true);
  });

  it('compares dicts by keys and values, in any order', () => {
    expect(sameValue(yamlValue('{a: 1, b: [x]}'), el('{b:[x],a:1.0}'))).toBe(true);
    expect(sameValue(yamlValue('{a: 1}'), el('{a:2}'))).toBe(false);
    expect(sameValue(yamlValue('{a: 1}'), el('{a:1,b:2}'))).toBe(false);
    expect(sameValue(yamlValue('{a: 1, b: 2}'), el('{a:1}'))).toBe(false);
    expect(sameValue(yamlValue('{a: 1}'), el('{c:1}'))).toBe(false);
    expect(sameValue(yamlValue('{200: x}'), el('{200:x}'))).toBe(true);
    expect(sameValue(yamlValue('{}'), el('{}'))).toBe(true);
  });

  it('never equates a scalar with a container', () => {
    expect(sameValue(yamlValue('[1]'), el('1'))).toBe(false);
    expect(sameValue(yamlValue('1'), el('[1]'))).toBe(false);
    expect(sameValue(yamlValue('{a: 1}'), el('[a]'))).toBe(false);
    expect(sameValue(yamlValue('[a]'), el('{a:1}'))).toBe(false);
    expect(sameValue(yamlValue('a'), el('{a:1}'))).toBe(false);
  });
});
