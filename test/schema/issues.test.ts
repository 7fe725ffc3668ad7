/**
 * zod issues → config issues (src/schema/issues.ts): each names the key, what was expected, the
 * value, and where the value came from; worded from the issue's data, not zod's message.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import * as zm from 'zod/mini';
import { composeTree, resolvedJobConfig } from '../../src/compose/compose.js';
import type { ConfigIssue } from '../../src/schema/errors.js';
import { type RawIssue, expectedOf, renderValue, toConfigIssues } from '../../src/schema/issues.js';
import type { ConfigSchema } from '../../src/schema/types.js';
import { confTree } from '../helpers/conf-tree.js';

const files = {
  'config.yaml': [
    'defaults:',
    '  - db: mysql',
    '  - _self_',
    'name: run',
    'seed: 42',
    'tags: [a, 1]',
    'lr: ${optim.lr}',
    'optim:',
    '  lr: 0.1',
    'token: ???',
    '',
  ].join('\n'),
  'db/mysql.yaml': 'driver: mysql\nhost: localhost\nport: 3306\n',
};

/** `???` is an absent key to a schema (as validate.ts passes it). */
function withoutMissing(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutMissing);
  if (v === null || typeof v !== 'object') return v;
  return Object.fromEntries(Object.entries(v).filter(([, x]) => x !== '???').map(([k, x]) => [k, withoutMissing(x)]));
}

/** The config issues of validating the composed job config at `base` against `schema`. */
function issuesOf(schema: z.ZodType, overrides: string[] = [], opts: { base?: string[]; label?: string; tree?: Record<string, string> } = {}): ConfigIssue[] {
  const base = opts.base ?? [];
  const c = composeTree({ configDir: confTree(opts.tree ?? files), configName: 'config', overrides, env: {} });
  const data = resolvedJobConfig(c);
  let value: unknown = data;
  for (const k of base) value = (value as Record<string, unknown>)[k];
  const r = schema.safeParse(withoutMissing(value));
  if (r.success) return [];
  return toConfigIssues(r.error.issues as unknown as RawIssue[], { composition: c, data, base, schema: schema as ConfigSchema, label: opts.label });
}

const messages = (schema: z.ZodType, overrides: string[] = []) => issuesOf(schema, overrides).map((i) => i.message);

describe('where a value came from', () => {
  it('names the override that set a bad value', () => {
    const [issue] = issuesOf(z.object({ db: z.object({ port: z.number() }) }), ['db.port=abc']);
    expect(issue).toEqual({
      path: ['db', 'port'],
      key: 'db.port',
      code: 'invalid_type',
      message: 'db.port: expected number, got "abc" (from override db.port=abc)',
      expected: 'number',
      received: '"abc"',
      source: 'override db.port=abc',
      origin: { kind: 'override', override: 'db.port=abc' },
    });
  });

  it('names the file and line:column of a bad value from a file', () => {
    expect(messages(z.object({ db: z.object({ host: z.string().regex(/^db-/) }) }))).toEqual([
      'db.host: expected a string matching /^db-/, got "localhost" (from db/mysql.yaml:2:7)',
    ]);
    expect(messages(z.object({ seed: z.string() }))).toEqual(['seed: expected string, got 42 (from config.yaml:5:7)']);
  });

  it('names the ${...} a value came through and where it was written', () => {
    expect(messages(z.object({ lr: z.string() }))).toEqual(['lr: expected string, got 0.1 (from config.yaml:9:7 through ${optim.lr} at config.yaml:7:5)']);
    expect(messages(z.object({ lr: z.number() }), ['optim.lr=fast'])).toEqual([
      'lr: expected number, got "fast" (from override optim.lr=fast through ${optim.lr} at config.yaml:7:5)',
    ]);
  });

  it('reports a ??? value as a missing mandatory value', () => {
    const [issue] = issuesOf(z.object({ token: z.string() }));
    expect(issue?.message).toBe('token: expected string, got ??? (missing mandatory value, from config.yaml:10:8)');
    expect(issue?.received).toBe('???');
  });

  it('reports an absent key with the mapping it is missing from', () => {
    const [issue] = issuesOf(z.object({ db: z.object({ user: z.string() }) }));
    expect(issue?.message).toBe('db.user: expected string, got nothing (not set in db from db/mysql.yaml:1:1)');
    expect(issue?.received).toBe('nothing');
  });

  it('writes list items with their index', () => {
    const [issue] = issuesOf(z.object({ tags: z.array(z.string()) }));
    expect(issue?.key).toBe('tags[1]');
    expect(issue?.path).toEqual(['tags', 1]);
    expect(issue?.message).toBe('tags[1]: expected string, got 1 (from config.yaml:6:11)');
  });

  it('calls the whole config <root>', () => {
    const [issue] = issuesOf(z.array(z.string()));
    expect(issue?.key).toBe('<root>');
    expect(issue?.message).toMatch(/^<root>: expected array, got a mapping/);
  });
});

describe('every issue at once', () => {
  it('converts each zod issue, in order', () => {
    const schema = z.object({
      db: z.object({ driver: z.enum(['mysql', 'postgres']), port: z.number().int().max(65535) }),
      seed: z.number().int(),
      name: z.literal(['train', 'eval']),
    });
    expect(messages(schema, ['db.driver=oracle', 'db.port=70000', 'seed=1.5'])).toEqual([
      'db.driver: expected "mysql" | "postgres", got "oracle" (from override db.driver=oracle)',
      'db.port: expected number <= 65535, got 70000 (from override db.port=70000)',
      'seed: expected int, got 1.5 (from override seed=1.5)',
      'name: expected "train" | "eval", got "run" (from config.yaml:4:7)',
    ]);
  });
});

describe('unknown keys', () => {
  const Strict = z.object({ db: z.strictObject({ driver: z.string(), host: z.string(), port: z.number() }) });

  it('suggests the closest declared key', () => {
    const [issue] = issuesOf(Strict, ['+db.hots=x']);
    expect(issue?.message).toBe("db.hots: unknown key (did you mean 'host'?) (from override +db.hots=x)");
    expect(issue?.hint).toBe("did you mean 'host'?");
    expect(issue?.code).toBe('unrecognized_keys');
    expect(issue?.path).toEqual(['db', 'hots']);
  });

  it('lists the known keys when none is close, and reports each unknown key', () => {
    const issues = issuesOf(Strict, ['+db.zzzzzz=1', '+db.qqqqqq=2']);
    expect(issues.map((i) => i.key)).toEqual(['db.zzzzzz', 'db.qqqqqq']);
    expect(issues[0]?.hint).toBe('known keys: driver, host, port');
  });

  it('gives no hint when a strict object declares many keys and none is close', () => {
    const extra = Object.fromEntries('abcdefg'.split('').map((k) => [`option_${k}`, z.number().optional()]));
    const many = z.object({ db: z.strictObject({ driver: z.string(), host: z.string(), port: z.number(), ...extra }) });
    const [issue] = issuesOf(many, ['+db.zzzzzzzz=1']);
    expect(issue?.key).toBe('db.zzzzzzzz');
    expect(issue?.hint).toBeUndefined();
    expect(issue?.message).toBe('db.zzzzzzzz: unknown key (from override +db.zzzzzzzz=1)');
  });
});

describe('unions', () => {
  it('reports a bad discriminator at the discriminator key with the options', () => {
    const schema = z.object({
      optim: z.discriminatedUnion('name', [z.object({ name: z.literal('adam'), lr: z.number() }), z.object({ name: z.literal('sgd'), lr: z.number() })]),
    });
    expect(messages(schema, ['+optim.name=rmsprop'])).toEqual(['optim.name: expected "adam" | "sgd", got "rmsprop" (from override +optim.name=rmsprop)']);
  });

  it('reports a union of scalars as the types it accepts', () => {
    expect(messages(z.object({ seed: z.union([z.string(), z.boolean()]) }))).toEqual(['seed: expected string | boolean, got 42 (from config.yaml:5:7)']);
  });

  it('reports the option that came closest when no option of a union of objects matches', () => {
    const schema = z.object({
      db: z.union([
        z.object({ driver: z.literal('pg'), a: z.number(), b: z.number() }),
        z.object({ driver: z.literal('sqlite'), host: z.string() }),
      ]),
    });
    expect(messages(schema)).toEqual(['db.driver: expected "sqlite", got "mysql" (from db/mysql.yaml:1:9)']);
  });
});

describe('stored schemas', () => {
  it('reports paths below the package the stored schema checked, with its config path', () => {
    const issues = issuesOf(z.object({ driver: z.string(), port: z.string() }), [], { base: ['db'], label: 'db/base_mysql' });
    expect(issues).toHaveLength(1);
    expect(issues[0]?.key).toBe('db.port');
    expect(issues[0]?.schema).toBe('db/base_mysql');
    expect(issues[0]?.message).toBe('db.port: expected string, got 3306 (from db/mysql.yaml:3:7)');
  });

  it('suggests keys of the stored schema for an unknown key at its package', () => {
    const [issue] = issuesOf(z.strictObject({ driver: z.string(), host: z.string(), port: z.number() }), ['+db.prot=1'], { base: ['db'] });
    expect(issue?.key).toBe('db.prot');
    expect(issue?.hint).toBe("did you mean 'port'?");
    expect(issue?.schema).toBeUndefined();
  });
});

describe('wording that does not depend on zod’s messages', () => {
  it('words zod/mini issues (which have no messages of their own) the same way', () => {
    const mini = zm.object({ db: zm.object({ port: zm.number().check(zm.maximum(1000)) }) });
    expect(messages(mini as unknown as z.ZodType)).toEqual(['db.port: expected number <= 1000, got 3306 (from db/mysql.yaml:3:7)']);
  });

  it('keeps a custom check’s own message', () => {
    const schema = z.object({ db: z.object({ port: z.number().refine((p) => p > 5000, 'must not be a privileged port') }) });
    const [issue] = issuesOf(schema);
    expect(issue?.message).toBe('db.port: must not be a privileged port, got 3306 (from db/mysql.yaml:3:7)');
    expect(issue?.expected).toBeUndefined();
  });
});

describe('expectedOf', () => {
  const issue = (fields: Record<string, unknown>): RawIssue => ({ path: [], message: 'zod says', code: 'custom', ...fields }) as RawIssue;

  it('words size limits of numbers, strings and lists', () => {
    expect(expectedOf(issue({ code: 'too_big', origin: 'number', maximum: 10, inclusive: true }))).toBe('number <= 10');
    expect(expectedOf(issue({ code: 'too_big', origin: 'number', maximum: 10, inclusive: false }))).toBe('number < 10');
    expect(expectedOf(issue({ code: 'too_small', origin: 'number', minimum: 0, inclusive: false }))).toBe('number > 0');
    expect(expectedOf(issue({ code: 'too_small', origin: 'bigint', minimum: 5n, inclusive: true }))).toBe('bigint >= 5');
    expect(expectedOf(issue({ code: 'too_small', origin: 'string', minimum: 3 }))).toBe('a string of at least 3 characters');
    expect(expectedOf(issue({ code: 'too_big', origin: 'string', maximum: 3 }))).toBe('a string of at most 3 characters');
    expect(expectedOf(issue({ code: 'too_big', origin: 'string', maximum: 3, exact: true }))).toBe('a string of exactly 3 characters');
    expect(expectedOf(issue({ code: 'too_small', origin: 'array', minimum: 2, exact: true }))).toBe('a list of exactly 2 items');
    expect(expectedOf(issue({ code: 'too_big', origin: 'set', maximum: 4 }))).toBe('a list of at most 4 items');
  });

  it('words literal values, multiples and string formats', () => {
    expect(expectedOf(issue({ code: 'invalid_value', values: ['a', 1, true] }))).toBe('"a" | 1 | true');
    expect(expectedOf(issue({ code: 'not_multiple_of', divisor: 0.5 }))).toBe('a multiple of 0.5');
    expect(expectedOf(issue({ code: 'invalid_format', format: 'starts_with', prefix: 'db-' }))).toBe('a string starting with "db-"');
    expect(expectedOf(issue({ code: 'invalid_format', format: 'ends_with', suffix: '.yaml' }))).toBe('a string ending with ".yaml"');
    expect(expectedOf(issue({ code: 'invalid_format', format: 'includes', includes: '@' }))).toBe('a string including "@"');
    expect(expectedOf(issue({ code: 'invalid_format', format: 'email' }))).toBe('a valid email');
  });

  it('takes the type a union’s custom message names', () => {
    expect(expectedOf(issue({ code: 'invalid_union', message: 'expected int', errors: [] }))).toBe('int');
  });

  it('says nothing for custom checks and unions of objects', () => {
    expect(expectedOf(issue({ code: 'custom' }))).toBeUndefined();
    expect(expectedOf(issue({ code: 'invalid_union', errors: [[{ code: 'invalid_type', expected: 'number', path: ['a'], message: '' }]] }))).toBeUndefined();
  });
});

describe('renderValue', () => {
  it('quotes strings and names containers by kind', () => {
    expect(renderValue('abc')).toBe('"abc"');
    expect(renderValue('')).toBe('""');
    expect(renderValue(3)).toBe('3');
    expect(renderValue(false)).toBe('false');
    expect(renderValue(null)).toBe('null');
    expect(renderValue(undefined)).toBe('nothing');
    expect(renderValue([])).toBe('an empty list');
    expect(renderValue([1])).toBe('a list');
    expect(renderValue({})).toBe('an empty mapping');
    expect(renderValue({ a: 1 })).toBe('a mapping');
  });
});
