/**
 * Reading a zod 4 schema's structure (src/schema/schema-tree.ts): what validation, stored-schema
 * defaults and "did you mean" hints walk, for classic zod and zod/mini alike.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import * as zm from 'zod/mini';
import { defOf, isSchema, knownKeys, literalValues, schemaAt, shapeOf, unionOptions, unwrap } from '../../src/schema/schema-tree.js';
import type { ConfigSchema } from '../../src/schema/types.js';

const typeAt = (s: ConfigSchema, path: (string | number)[], data?: unknown) => {
  const at = schemaAt(s, path, data);
  return at ? defOf(unwrap(at)).type : undefined;
};

describe('isSchema', () => {
  it('accepts classic zod and zod/mini schemas', () => {
    expect(isSchema(z.string())).toBe(true);
    expect(isSchema(z.object({ a: z.number() }))).toBe(true);
    expect(isSchema(zm.object({ a: zm.number() }))).toBe(true);
  });

  it('rejects values that are not zod 4 schemas', () => {
    for (const v of [null, undefined, 1, 'z', {}, { _zod: {} }, { _zod: { def: { type: 1 } } }, () => 1]) expect(isSchema(v)).toBe(false);
  });
});

describe('unwrap', () => {
  it('sees through optional, nullable, default, readonly and catch', () => {
    const inner = z.object({ a: z.number() });
    for (const s of [inner.optional(), inner.nullable(), inner.default({ a: 1 }), inner.readonly(), inner.catch({ a: 0 }), inner.optional().nullable().default(null)]) {
      expect(unwrap(s)).toBe(inner);
    }
  });

  it('follows a lazy schema', () => {
    const inner = z.object({ a: z.number() });
    expect(unwrap(z.lazy(() => inner))).toBe(inner);
  });

  it('takes the input side of a transform and the output side of a preprocess', () => {
    const str = z.string();
    expect(unwrap(str.transform((s) => s.length))).toBe(str);
    const obj = z.object({ a: z.number() });
    expect(unwrap(z.preprocess((v) => v, obj))).toBe(obj);
  });

  it('leaves a plain schema as it is', () => {
    const s = z.number();
    expect(unwrap(s)).toBe(s);
  });
});

describe('shapeOf, unionOptions, literalValues', () => {
  it('gives an object’s shape, also under wrappers, and nothing for other schemas', () => {
    const shape = shapeOf(z.object({ a: z.number(), b: z.string() }).optional());
    expect(Object.keys(shape ?? {})).toEqual(['a', 'b']);
    expect(shapeOf(z.string())).toBeUndefined();
    expect(shapeOf(z.array(z.object({ a: z.number() })))).toBeUndefined();
  });

  it('gives the options of a union or discriminated union', () => {
    const a = z.object({ k: z.literal('a') });
    const b = z.object({ k: z.literal('b') });
    expect(unionOptions(z.discriminatedUnion('k', [a, b]))).toEqual([a, b]);
    expect(unionOptions(z.union([z.string(), z.number()]).optional())).toHaveLength(2);
    expect(unionOptions(z.string())).toEqual([]);
  });

  it('gives the values of a literal or an enum', () => {
    expect(literalValues(z.literal('adam'))).toEqual(['adam']);
    expect(literalValues(z.literal(['train', 'eval']))).toEqual(['train', 'eval']);
    expect(literalValues(z.enum(['mysql', 'postgres']))).toEqual(['mysql', 'postgres']);
    expect(literalValues(zm.enum(['x', 'y']))).toEqual(['x', 'y']);
    expect(literalValues(z.string())).toBeUndefined();
  });
});

describe('schemaAt', () => {
  const Adam = z.object({ name: z.literal('adam'), betas: z.array(z.number()) });
  const Sgd = z.object({ name: z.literal('sgd'), momentum: z.number() });
  const Config = z.object({
    db: z.object({ port: z.number(), host: z.string().optional() }).default({ port: 1 }),
    tags: z.array(z.string()),
    weights: z.record(z.string(), z.boolean()),
    pair: z.tuple([z.string(), z.number()], z.boolean()),
    optim: z.discriminatedUnion('name', [Adam, Sgd]),
    either: z.union([z.object({ a: z.number() }), z.object({ b: z.string() })]),
    loose: z.object({ known: z.string() }).catchall(z.number()),
  });

  it('follows object keys, list items, record values and tuple positions', () => {
    expect(typeAt(Config, ['db', 'port'])).toBe('number');
    expect(typeAt(Config, ['db', 'host'])).toBe('string');
    expect(typeAt(Config, ['tags', 3])).toBe('string');
    expect(typeAt(Config, ['weights', 'anything'])).toBe('boolean');
    expect(typeAt(Config, ['pair', 0])).toBe('string');
    expect(typeAt(Config, ['pair', 1])).toBe('number');
    expect(typeAt(Config, ['pair', 5])).toBe('boolean');
  });

  it('uses an object’s catchall for keys it does not declare', () => {
    expect(typeAt(Config, ['loose', 'known'])).toBe('string');
    expect(typeAt(Config, ['loose', 'extra'])).toBe('number');
  });

  it('is the schema itself for an empty path and undefined past a leaf or at an undeclared key', () => {
    expect(schemaAt(Config, [])).toBe(Config);
    expect(schemaAt(Config, ['db', 'port', 'x'])).toBeUndefined();
    expect(schemaAt(Config, ['nope'])).toBeUndefined();
  });

  it('picks a discriminated union’s option by the discriminator in the data', () => {
    expect(typeAt(Config, ['optim', 'momentum'], { optim: { name: 'sgd' } })).toBe('number');
    expect(typeAt(Config, ['optim', 'betas'], { optim: { name: 'adam' } })).toBe('array');
    // The data says adam, which has no momentum.
    expect(schemaAt(Config, ['optim', 'momentum'], { optim: { name: 'adam' } })).toBeUndefined();
  });

  it('picks a plain union’s option by the first one that has the key', () => {
    expect(typeAt(Config, ['either', 'b'])).toBe('string');
    expect(typeAt(Config, ['either', 'a'])).toBe('number');
    expect(schemaAt(Config, ['either', 'c'])).toBeUndefined();
  });

  it('walks zod/mini schemas the same way', () => {
    const Mini = zm.object({ db: zm.optional(zm.object({ port: zm.number() })), tags: zm.array(zm.string()) });
    expect(typeAt(Mini, ['db', 'port'])).toBe('number');
    expect(typeAt(Mini, ['tags', 0])).toBe('string');
  });
});

describe('knownKeys', () => {
  const Config = z.object({
    db: z.strictObject({ driver: z.string(), host: z.string(), port: z.number() }),
    optim: z.discriminatedUnion('name', [z.object({ name: z.literal('adam'), lr: z.number() }), z.object({ name: z.literal('sgd'), lr: z.number(), momentum: z.number() })]),
    seed: z.number(),
  });

  it('lists the keys an object declares', () => {
    expect(knownKeys(Config, [])).toEqual(['db', 'optim', 'seed']);
    expect(knownKeys(Config, ['db'])).toEqual(['driver', 'host', 'port']);
  });

  it('lists the keys of the union option the data selects', () => {
    expect(knownKeys(Config, ['optim'], { optim: { name: 'sgd' } })).toEqual(['name', 'lr', 'momentum']);
    expect(knownKeys(Config, ['optim'], { optim: { name: 'adam' } })).toEqual(['name', 'lr']);
  });

  it('knows no keys where the schema is not an object or the union option is unknown', () => {
    expect(knownKeys(Config, ['seed'])).toEqual([]);
    expect(knownKeys(Config, ['nope'])).toEqual([]);
    expect(knownKeys(Config, ['optim'], { optim: { name: 'rmsprop' } })).toEqual([]);
  });
});
