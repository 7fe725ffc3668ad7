import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { compose, composeDetailedSync } from '../../src/compose/api.js';
import { composeTree } from '../../src/compose/compose.js';
import { t } from '../../src/schema/coerce.js';
import { ConfigValidationError } from '../../src/schema/errors.js';
import { validateConfig } from '../../src/schema/validate.js';

const configDir = fileURLToPath(new URL('../fixtures/schema/app', import.meta.url));
const env = { APP_PORT: undefined };

const Adam = z.object({ name: z.literal('adam'), lr: z.number(), betas: z.array(z.number()).length(2) });
const Sgd = z.object({ name: z.literal('sgd'), lr: z.number(), momentum: z.number().min(0).max(1) });

const Config = z.object({
  db: z.strictObject({
    driver: z.enum(['mysql', 'postgres']),
    host: z.string(),
    port: z.number().int().max(65535),
    timeout: z.number().optional(),
  }),
  optim: z.discriminatedUnion('name', [Adam, Sgd]),
  seed: z.number().int(),
  name: z.literal(['run', 'debug']),
  tags: z.array(z.string()),
  trainer: z.object({
    epochs: z.number().int().positive(),
    lr: z.number(),
    port: t.int(),
    patience: z.number().default(5),
    checkpoint: z.object({ every: z.number().default(1), keep: z.number().default(3) }).default({ every: 2, keep: 3 }),
  }),
  weights: z.record(z.string(), z.number()).optional(),
});

/** The validation error of a compose call (fails the test when there is none). */
function issuesOf(overrides: string[], schema: z.ZodType = Config, extraEnv: Record<string, string> = {}): ConfigValidationError {
  try {
    composeDetailedSync({ configDir, configName: 'config', overrides, schema, env: { ...env, ...extraEnv } });
  } catch (e) {
    if (e instanceof ConfigValidationError) return e;
    throw e;
  }
  throw new Error('expected a ConfigValidationError');
}

function messages(overrides: string[], schema?: z.ZodType): string[] {
  return issuesOf(overrides, schema).issues.map((i) => i.message);
}

describe('compose with a schema', () => {
  it('returns the schema output: defaults filled, coercions applied, types checked', async () => {
    const cfg = await compose({ configDir, configName: 'config', schema: Config, env });
    expect(cfg.db).toEqual({ driver: 'mysql', host: 'localhost', port: 3306 });
    expect(cfg.optim).toEqual({ name: 'adam', lr: 0.001, betas: [0.9, 0.999] });
    expect(cfg.trainer).toEqual({ epochs: 10, lr: 0.001, port: 8080, patience: 5, checkpoint: { every: 2, keep: 3 } });
    expect(cfg.tags).toEqual(['a', 'b']);
  });

  it('accepts each option of a group validated by its branch of a discriminated union', async () => {
    const cfg = await compose({ configDir, configName: 'config', overrides: ['optim=sgd', 'db=postgres'], schema: Config, env });
    expect(cfg.optim).toEqual({ name: 'sgd', lr: 0.1, momentum: 0.9 });
    expect(cfg.db.timeout).toBe(10);
  });

  it('reports a bad value from an override with the override', () => {
    expect(messages(['db.port=abc'])).toEqual(['db.port: expected number, got "abc" (from override db.port=abc)']);
  });

  it('reports a bad value from a file with file:line:col', () => {
    const Strict = Config.extend({ db: Config.shape.db.extend({ host: z.string().min(20) }) });
    expect(messages([], Strict)).toEqual([
      'db.host: expected a string of at least 20 characters, got "localhost" (from db/mysql.yaml:2:7)',
    ]);
  });

  it('reports a value that came through an interpolation with the key it points to and the ${...}', () => {
    expect(messages(['optim.lr=fast'])).toEqual([
      'optim.lr: expected number, got "fast" (from override optim.lr=fast)',
      'trainer.lr: expected number, got "fast" (from override optim.lr=fast through ${optim.lr} at config.yaml:11:7)',
    ]);
  });

  it('reports a resolver result with the interpolation that produced it', () => {
    const NoCoercion = Config.extend({ trainer: Config.shape.trainer.extend({ port: z.number() }) });
    expect(messages([], NoCoercion)).toEqual([
      'trainer.port: expected number, got "8080" (from config.yaml:12:9 through ${oc.env:APP_PORT,8080})',
    ]);
  });

  it('reports a value inside a container reached through an interpolation', () => {
    const dir = fileURLToPath(new URL('../fixtures/schema/interp', import.meta.url));
    const Model = z.object({ model: z.object({ depth: z.number(), width: z.number() }), name: z.literal('resnet-32') });
    const err = (() => {
      try {
        composeDetailedSync({ configDir: dir, configName: 'config', schema: Model });
      } catch (e) {
        return e as ConfigValidationError;
      }
      throw new Error('expected an error');
    })();
    expect(err.issues.map((i) => i.message)).toEqual([
      'model.depth: expected number, got "fifty" (from config.yaml:3:12 through ${models.resnet} at config.yaml:5:8)',
      'name: expected "resnet-32", got "resnet-64" (from config.yaml:6:7 through resnet-${model.width})',
    ]);
  });

  it('collects every issue at once, in the order of the config', () => {
    const err = issuesOf(['db.port=70000', 'seed=1.5', 'tags=[a,1]', 'name=prod', 'trainer.epochs=0']);
    expect(err.issues.map((i) => i.key)).toEqual(['db.port', 'seed', 'name', 'tags[1]', 'trainer.epochs']);
    expect(err.message).toContain('(5 issues)');
    for (const i of err.issues) expect(err.message).toContain(i.message);
  });

  it('gives each issue as data: path, expected, received and source', () => {
    const [issue] = issuesOf(['db.port=70000']).issues;
    expect(issue).toMatchObject({
      path: ['db', 'port'],
      key: 'db.port',
      code: 'too_big',
      expected: 'number <= 65535',
      received: '70000',
      source: 'override db.port=70000',
      origin: { kind: 'override', override: 'db.port=70000' },
    });
  });

  it('checks literal unions', () => {
    expect(messages(['name=prod'])).toEqual(['name: expected "run" | "debug", got "prod" (from override name=prod)']);
  });

  it('checks enums', () => {
    expect(messages(['db.driver=oracle'])).toEqual(['db.driver: expected "mysql" | "postgres", got "oracle" (from override db.driver=oracle)']);
  });

  it('checks the discriminator of a discriminated union', () => {
    expect(messages(['optim.name=adamw'])).toEqual(['optim.name: expected "adam" | "sgd", got "adamw" (from override optim.name=adamw)']);
  });

  it('checks the branch a discriminated union selects', () => {
    expect(messages(['optim=sgd', 'optim.momentum=2'])).toEqual(['optim.momentum: expected number <= 1, got 2 (from override optim.momentum=2)']);
    expect(messages(['optim.betas=[0.9]'])).toEqual(['optim.betas: expected a list of exactly 2 items, got a list (from override optim.betas=[0.9])']);
  });

  it('checks arrays item by item', () => {
    expect(messages(['tags=[a,1,true]'])).toEqual([
      'tags[1]: expected string, got 1 (from override tags=[a,1,true])',
      'tags[2]: expected string, got true (from override tags=[a,1,true])',
    ]);
  });

  it('checks records value by value', async () => {
    expect(messages(['+weights={a:1,b:x}'])).toEqual(['weights.b: expected number, got "x" (from override +weights={a:1,b:x})']);
    const cfg = await compose({ configDir, configName: 'config', overrides: ['+weights={a:1,b:0.5}'], schema: Config, env });
    expect(cfg.weights).toEqual({ a: 1, b: 0.5 });
  });

  it('checks nested objects', () => {
    expect(messages(['trainer.epochs=ten'])).toEqual(['trainer.epochs: expected number, got "ten" (from override trainer.epochs=ten)']);
  });

  it('accepts an optional key that is absent and checks it when present', () => {
    expect(messages(['db=postgres', 'db.timeout=soon', 'db.driver=postgres'])).toEqual([
      'db.timeout: expected number, got "soon" (from override db.timeout=soon)',
    ]);
  });

  it('rejects unknown keys where the schema is strict, with a did-you-mean', () => {
    expect(messages(['+db.hots=x'])).toEqual(["db.hots: unknown key (did you mean 'host'?) (from override +db.hots=x)"]);
  });

  it('strips unknown keys where the schema is not strict (zod object semantics)', async () => {
    const cfg = await compose({ configDir, configName: 'config', overrides: ['+trainer.extra=1'], schema: Config, env });
    expect(cfg.trainer).not.toHaveProperty('extra');
  });

  it('names a required key that no config sets', () => {
    const WithUser = Config.extend({ db: Config.shape.db.extend({ user: z.string() }) });
    expect(messages([], WithUser)).toEqual(['db.user: expected string, got nothing (not set in db from db/mysql.yaml:1:1)']);
  });

  it('says when a value is ??? (a missing mandatory value)', () => {
    const WithKey = Config.extend({ api_key: z.string() });
    expect(messages([], WithKey)).toEqual(['api_key: expected string, got ??? (missing mandatory value, from config.yaml:13:10)']);
  });

  it('reports a refinement with its own message', () => {
    const Even = Config.extend({ seed: z.number().refine((n) => n % 2 === 0, 'must be even') });
    expect(messages(['seed=3'], Even)).toEqual(['seed: must be even, got 3 (from override seed=3)']);
  });

  it('reports the closest option of a plain union', () => {
    const U = Config.extend({ trainer: z.union([z.object({ epochs: z.number(), lr: z.number() }), z.object({ steps: z.number() })]) });
    expect(messages(['trainer.lr=x'], U)).toEqual(['trainer.lr: expected number, got "x" (from override trainer.lr=x)']);
  });

  it('validates with zod/mini schemas too, worded the same', async () => {
    const zm = await import('zod/mini');
    const Mini = zm.object({ seed: zm.number(), db: zm.object({ port: zm.number() }) });
    const err = issuesOf(['db.port=abc'], Mini as unknown as z.ZodType);
    expect(err.issues.map((i) => i.message)).toEqual(['db.port: expected number, got "abc" (from override db.port=abc)']);
  });

  it('runs async refinements through compose()', async () => {
    const Async = z.object({ seed: z.number().refine(async (n) => n > 100, 'too small') });
    await expect(compose({ configDir, configName: 'config', schema: Async, env })).rejects.toThrow('seed: too small, got 42');
    expect(() => composeDetailedSync({ configDir, configName: 'config', schema: Async, env })).toThrow(/async checks/);
  });
});

describe('validateConfig', () => {
  it('validates a composition and returns the typed config (for main())', () => {
    const c = composeTree({ configDir, configName: 'config', env });
    const cfg = validateConfig(c, Config);
    expect(cfg.trainer.patience).toBe(5);
  });

  it('returns plain data without a schema', () => {
    const c = composeTree({ configDir, configName: 'config', env });
    expect(validateConfig(c)).toMatchObject({ seed: 42, trainer: { port: '8080' } });
  });

  it('throws a TydraError the CLI prints without a stack', async () => {
    const { isUserError } = await import('../../src/errors.js');
    expect(isUserError(issuesOf(['db.port=abc']))).toBe(true);
  });
});
