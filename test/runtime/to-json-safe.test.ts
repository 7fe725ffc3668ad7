import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { toJsonSafe } from '../../src/runtime/run-record.js';

class Model {
  weights = [1, 2];
}

describe('toJsonSafe', () => {
  it('passes plain JSON data through unchanged', () => {
    const value = { a: 1, b: 'x', c: [true, null, { d: -2.5 }], e: {} };
    expect(toJsonSafe(value)).toEqual({ serialisable: true, value });
  });

  it('writes numbers JSON cannot hold as strings: NaN, ±Infinity and BigInt', () => {
    expect(toJsonSafe({ loss: Number.NaN, best: Number.POSITIVE_INFINITY, worst: Number.NEGATIVE_INFINITY, steps: 2n ** 64n })).toEqual({
      serialisable: true,
      value: { loss: 'NaN', best: 'Infinity', worst: '-Infinity', steps: '18446744073709551616' },
    });
  });

  it('treats undefined as JSON does: dropped from objects, null in arrays and at the top', () => {
    expect(toJsonSafe({ a: undefined, b: 1 })).toEqual({ serialisable: true, value: { b: 1 } });
    expect(toJsonSafe([1, undefined, 3])).toEqual({ serialisable: true, value: [1, null, 3] });
    // biome-ignore lint/suspicious/noSparseArray: a hole is what is being tested
    expect(toJsonSafe([1, , 3])).toEqual({ serialisable: true, value: [1, null, 3] });
    expect(toJsonSafe(undefined)).toEqual({ serialisable: true, value: null });
  });

  it('calls toJSON, so a Date becomes its ISO string', () => {
    const custom = { toJSON: () => ({ kind: 'custom' }) };
    expect(toJsonSafe({ when: new Date(0), custom })).toEqual({
      serialisable: true,
      value: { when: '1970-01-01T00:00:00.000Z', custom: { kind: 'custom' } },
    });
  });

  it('keeps a shared (not cyclic) object in both places', () => {
    const shared = { x: 1 };
    expect(toJsonSafe({ a: shared, b: [shared] })).toEqual({ serialisable: true, value: { a: { x: 1 }, b: [{ x: 1 }] } });
  });

  it('accepts plain objects from another realm and null-prototype objects', () => {
    const foreign = runInNewContext('({ a: 1, b: [2] })') as unknown;
    const bare = Object.assign(Object.create(null) as object, { a: 1 });
    expect(toJsonSafe(foreign)).toEqual({ serialisable: true, value: { a: 1, b: [2] } });
    expect(toJsonSafe(bare)).toEqual({ serialisable: true, value: { a: 1 } });
  });

  it('refuses a cycle, naming where it closes', () => {
    const node: Record<string, unknown> = { name: 'root' };
    node.children = [{ parent: node }];
    expect(toJsonSafe(node)).toEqual({
      serialisable: false,
      type: 'object',
      reason: 'cycle at $.children[0].parent',
      path: '$.children[0].parent',
    });
  });

  it('refuses functions and symbols, wherever they are', () => {
    expect(toJsonSafe(function train() {})).toMatchObject({ serialisable: false, type: 'function', reason: 'function train at $' });
    expect(toJsonSafe({ cb: () => 1 })).toMatchObject({ serialisable: false, type: 'object', path: '$.cb' });
    expect(toJsonSafe([Symbol('s')])).toMatchObject({ serialisable: false, type: 'Array', reason: 'symbol at $[0]' });
  });

  it('refuses class instances without toJSON, giving the class name', () => {
    expect(toJsonSafe(new Model())).toMatchObject({ serialisable: false, type: 'Model', reason: 'class instance (Model) at $' });
    expect(toJsonSafe({ cache: new Map([[1, 2]]) })).toMatchObject({
      serialisable: false,
      type: 'object',
      reason: 'class instance (Map) at $.cache',
    });
    expect(toJsonSafe(new Set())).toMatchObject({ type: 'Set' });
    expect(toJsonSafe(new Float32Array(2))).toMatchObject({ type: 'Float32Array' });
  });

  it('quotes keys that are not identifiers in the path', () => {
    expect(toJsonSafe({ 'learning rate': { fn: () => 0 } })).toMatchObject({ path: '$["learning rate"].fn' });
  });

  it('reports a throwing getter or toJSON instead of throwing', () => {
    const value = {
      get broken(): never {
        throw new Error('nope');
      },
    };
    expect(toJsonSafe(value)).toMatchObject({ serialisable: false, type: 'object', reason: expect.stringContaining('nope') });
  });

  it('refuses absurdly deep nesting instead of overflowing the stack', () => {
    let deep: unknown = 0;
    for (let i = 0; i < 5000; i++) deep = [deep];
    expect(toJsonSafe(deep)).toMatchObject({ serialisable: false, reason: expect.stringContaining('deeper than') });
  });

  it('does not mistake user data shaped like its own note for a note', () => {
    const lookalike = { serialisable: false, type: 'x', reason: 'y', path: '$' };
    expect(toJsonSafe(lookalike)).toEqual({ serialisable: true, value: lookalike });
  });

  it('returns a value that JSON round-trips exactly', () => {
    const safe = toJsonSafe({ a: [1, 'two', { three: Number.NaN }], when: new Date(86_400_000) });
    if (!safe.serialisable) throw new Error('expected serialisable');
    expect(JSON.parse(JSON.stringify(safe.value))).toEqual(safe.value);
  });
});
