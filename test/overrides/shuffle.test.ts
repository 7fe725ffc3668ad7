import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mulberry32, shuffled } from '../../src/overrides/shuffle.js';

const numbers = (n: number) => Array.from({ length: n }, (_, i) => i);
const sortNumbers = (xs: readonly number[]) => [...xs].sort((a, b) => a - b);

describe('mulberry32', () => {
  it('gives the same sequence for the same seed', () => {
    const a = mulberry32(7);
    const b = mulberry32(7);
    const first = Array.from({ length: 50 }, () => a());
    expect(Array.from({ length: 50 }, () => b())).toEqual(first);
  });

  it('gives numbers in [0, 1) for any seed', () => {
    fc.assert(
      fc.property(fc.integer({ min: -(2 ** 40), max: 2 ** 40 }), (seed) => {
        const r = mulberry32(seed);
        for (let i = 0; i < 20; i++) {
          const x = r();
          expect(x).toBeGreaterThanOrEqual(0);
          expect(x).toBeLessThan(1);
        }
      }),
    );
  });

  it('is the mulberry32 generator (known first values for seed 1)', () => {
    const r = mulberry32(1);
    expect(r()).toBe(0.6270739405881613);
    expect(r()).toBe(0.002735721180215478);
  });
});

describe('shuffled with a seed', () => {
  it('gives the same order for the same seed', () => {
    const items = numbers(30);
    expect(shuffled(items, 123)).toEqual(shuffled(items, 123));
  });

  it('keeps the order it gave before, so a seeded sweep is reproducible across versions', () => {
    expect(shuffled([1, 2, 3, 4, 5, 6, 7, 8], 42)).toEqual([3, 8, 2, 1, 7, 6, 4, 5]);
    expect(shuffled(['a', 'b', 'c', 'd', 'e'], 0)).toEqual(['e', 'c', 'd', 'a', 'b']);
  });

  it('returns a permutation of the input', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -5, max: 5 }), { maxLength: 40 }), fc.integer(), (items, seed) => {
        const out = shuffled(items, seed);
        expect(out).toHaveLength(items.length);
        expect(sortNumbers(out)).toEqual(sortNumbers(items));
      }),
      { numRuns: 500 },
    );
  });

  it('returns a copy and leaves the input as it was', () => {
    const items = numbers(10);
    const out = shuffled(items, 5);
    expect(out).not.toBe(items);
    expect(items).toEqual(numbers(10));
  });

  it('gives different orders for different seeds', () => {
    const items = numbers(10);
    expect(shuffled(items, 1)).not.toEqual(shuffled(items, 2));
    const orders = new Set(Array.from({ length: 50 }, (_, seed) => shuffled(items, seed).join(',')));
    expect(orders.size).toBeGreaterThanOrEqual(48);
  });

  it('actually moves things: a long list is almost never left in order', () => {
    const items = numbers(20);
    for (let seed = 0; seed < 20; seed++) expect(shuffled(items, seed)).not.toEqual(items);
  });

  it('takes the seed modulo 2^32', () => {
    const items = numbers(12);
    expect(shuffled(items, 5 + 2 ** 32)).toEqual(shuffled(items, 5));
    expect(shuffled(items, -1)).toEqual(shuffled(items, 2 ** 32 - 1));
  });

  it('picks every order about equally often across seeds', () => {
    const counts = new Map<string, number>();
    for (let seed = 0; seed < 6000; seed++) {
      const key = shuffled(['a', 'b', 'c'], seed).join('');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect(counts.size).toBe(6);
    for (const n of counts.values()) {
      expect(n).toBeGreaterThan(850);
      expect(n).toBeLessThan(1150);
    }
  });

  it('leaves empty and one-item lists as they are', () => {
    expect(shuffled([], 3)).toEqual([]);
    expect(shuffled(['x'], 3)).toEqual(['x']);
  });
});

describe('shuffled without a seed', () => {
  it('returns a permutation of the input and leaves the input alone', () => {
    const items = numbers(25);
    const out = shuffled(items);
    expect(sortNumbers(out)).toEqual(items);
    expect(items).toEqual(numbers(25));
  });

  it('varies from call to call', () => {
    const items = numbers(20);
    const orders = new Set(Array.from({ length: 10 }, () => shuffled(items).join(',')));
    expect(orders.size).toBeGreaterThan(1);
  });
});
