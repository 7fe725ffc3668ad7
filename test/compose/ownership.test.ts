/**
 * Copy-on-write for composed trees: a job owns a shallow copy of the shared root and copies a
 * container only when it changes something inside it; the shared tree never changes.
 */
import { describe, expect, it } from 'vitest';
import { Ownership } from '../../src/compose/ownership.js';
import { loadYamlString } from '../../src/config/load.js';
import { type ContainerNode, type DictNode, type ListNode, type Node, ValueNode } from '../../src/config/nodes.js';
import { toJson } from '../../src/config/output/to-json.js';

function shared(): DictNode {
  return loadYamlString(
    'model:\n  layers:\n    - {size: 64}\n    - {size: 32}\n  optim:\n    lr: 0.1\ndata:\n  path: /data\n  splits: [train, val]\n200: int key\n',
    'config',
  ) as DictNode;
}

function at(root: Node, ...keys: (string | number)[]): Node {
  let n: Node = root;
  for (const k of keys) {
    if (n.kind === 'dict') n = n.entries.get(String(k)) as Node;
    else if (n.kind === 'list') n = n.items[k as number] as Node;
  }
  return n;
}

describe('Ownership', () => {
  it('owns a shallow copy of the root: new keys do not reach the shared tree', () => {
    const base = shared();
    const before = toJson(base);
    const root = new Ownership().ownRoot(base);
    expect(root).not.toBe(base);
    root.entries.set('seed', new ValueNode('int', 1));
    root.entries.delete('data');
    expect(toJson(base)).toBe(before);
    expect(at(root, 'model')).toBe(at(base, 'model'));
  });

  it('keeps the key types and flags of the copied containers', () => {
    const base = shared();
    base.flags = { struct: true };
    const root = new Ownership().ownRoot(base);
    expect(root.keyTypes?.get('200')).toBe('int');
    expect(root.flags).toEqual({ struct: true });
    root.flags!.struct = false;
    expect(base.flags).toEqual({ struct: true });
  });

  it('copies only the containers on the owned path; siblings stay shared', () => {
    const base = shared();
    const o = new Ownership();
    const root = o.ownRoot(base);
    const optim = o.ownPath(root, ['model', 'optim']) as DictNode;
    expect(optim).not.toBe(at(base, 'model', 'optim'));
    expect(at(root, 'model')).not.toBe(at(base, 'model'));
    expect(at(root, 'model', 'optim')).toBe(optim);
    expect(at(root, 'model', 'layers')).toBe(at(base, 'model', 'layers'));
    expect(at(root, 'data')).toBe(at(base, 'data'));
  });

  it('changes made through an owned path stay in the job', () => {
    const base = shared();
    const before = toJson(base);
    const o = new Ownership();
    const root = o.ownRoot(base);
    (o.ownPath(root, ['model', 'optim']) as DictNode).entries.set('lr', new ValueNode('float', 0.5));
    expect((at(root, 'model', 'optim', 'lr') as ValueNode).value).toBe(0.5);
    expect(toJson(base)).toBe(before);
  });

  it('does not copy an owned container twice', () => {
    const o = new Ownership();
    const root = o.ownRoot(shared());
    const first = o.ownPath(root, ['model', 'optim']);
    expect(o.ownPath(root, ['model', 'optim'])).toBe(first);
    expect(o.ownPath(root, [])).toBe(root);
  });

  it('owns list items by index, negative indices counting from the end', () => {
    const base = shared();
    const before = toJson(base);
    const o = new Ownership();
    const root = o.ownRoot(base);
    const last = o.ownPath(root, ['model', 'layers', -1]) as DictNode;
    last.entries.set('size', new ValueNode('int', 8));
    expect(at(root, 'model', 'layers', 1)).toBe(last);
    expect(at(root, 'model', 'layers', 0)).toBe(at(base, 'model', 'layers', 0));
    expect(toJson(base)).toBe(before);
  });

  it('owns the containers of an override key (`a.b[0]`)', () => {
    const base = shared();
    const o = new Ownership();
    const root = o.ownRoot(base);
    o.ownKey(root, 'model.layers[0]');
    expect(at(root, 'model', 'layers')).not.toBe(at(base, 'model', 'layers'));
    expect(at(root, 'model', 'layers', 0)).not.toBe(at(base, 'model', 'layers', 0));
    expect(at(root, 'model', 'layers', 1)).toBe(at(base, 'model', 'layers', 1));
  });

  it('stops at a value or a missing key, and returns nothing', () => {
    const base = shared();
    const before = toJson(base);
    const o = new Ownership();
    const root = o.ownRoot(base);
    expect(o.ownPath(root, ['model', 'optim', 'lr', 'x'])).toBeUndefined();
    expect(o.ownPath(root, ['nope', 'x'])).toBeUndefined();
    expect(() => o.ownKey(root, 'data.path.deeper')).not.toThrow();
    expect(toJson(base)).toBe(before);
  });

  it('deep-copies a subtree for a merge: every container inside is owned', () => {
    const base = shared();
    const before = toJson(base);
    const o = new Ownership();
    const root = o.ownRoot(base);
    o.ownSubtree(root, ['model']);
    const layer = at(root, 'model', 'layers', 0) as DictNode;
    expect(layer).not.toBe(at(base, 'model', 'layers', 0));
    layer.entries.set('size', new ValueNode('int', 1));
    (at(root, 'model', 'layers') as ListNode).items.push(new ValueNode('int', 0));
    expect(o.ownPath(root, ['model', 'layers', 0])).toBe(layer);
    expect(at(root, 'data')).toBe(at(base, 'data'));
    expect(toJson(base)).toBe(before);
  });

  it('does nothing for a subtree that is a value or absent', () => {
    const base = shared();
    const o = new Ownership();
    const root = o.ownRoot(base);
    o.ownSubtree(root, ['data', 'path']);
    o.ownSubtree(root, ['nope']);
    o.ownSubtree(root, []);
    expect(at(root, 'data')).not.toBe(at(base, 'data'));
    expect([...root.entries.keys()]).toEqual([...base.entries.keys()]);
  });

  it('keeps two jobs over the same shared tree apart', () => {
    const base = shared();
    const a = new Ownership();
    const b = new Ownership();
    const ra = a.ownRoot(base);
    const rb = b.ownRoot(base);
    (a.ownPath(ra, ['data']) as DictNode).entries.set('path', new ValueNode('str', '/a'));
    (b.ownPath(rb, ['data']) as DictNode).entries.set('path', new ValueNode('str', '/b'));
    expect((at(ra, 'data', 'path') as ValueNode).value).toBe('/a');
    expect((at(rb, 'data', 'path') as ValueNode).value).toBe('/b');
    expect((at(base, 'data', 'path') as ValueNode).value).toBe('/data');
  });

  it('does not treat a container owned by another job as its own', () => {
    const base = shared();
    const a = new Ownership();
    const ra = a.ownRoot(base);
    const data = a.ownPath(ra, ['data']) as ContainerNode;
    const b = new Ownership();
    const rb = b.ownRoot(ra);
    expect(b.ownPath(rb, ['data'])).not.toBe(data);
  });
});
