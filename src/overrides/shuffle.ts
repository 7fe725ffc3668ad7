/**
 * Shuffling for `shuffle()`. Hydra uses Python's global `random`; tydra adds `seed=` for a
 * reproducible order, using the small mulberry32 generator (the seed is taken modulo 2^32).
 */

/** A deterministic generator of floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A shuffled copy (Fisher-Yates); seeded when `seed` is given, otherwise Math.random. */
export function shuffled<T>(items: readonly T[], seed?: number): T[] {
  const out = items.slice();
  const random = seed === undefined ? Math.random : mulberry32(seed);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const tmp = out[i] as T;
    out[i] = out[j] as T;
    out[j] = tmp;
  }
  return out;
}
