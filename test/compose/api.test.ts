import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { compose, composeDetailed, composeDetailedSync } from '../../src/compose/api.js';
import { ConfigStore } from '../../src/repository/config-store.js';
import { t } from '../../src/schema/coerce.js';
import { ConfigValidationError } from '../../src/schema/errors.js';

const appDir = fileURLToPath(new URL('../fixtures/schema/app', import.meta.url));
const extensionDir = fileURLToPath(new URL('../fixtures/schema/extension', import.meta.url));
const env = {};

async function failure(p: Promise<unknown>): Promise<ConfigValidationError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  if (!(e instanceof ConfigValidationError)) throw new Error(`expected a ConfigValidationError, got ${String(e)}`);
  return e;
}

describe('compose without a schema', () => {
  it('resolves to the job config as plain data', async () => {
    const cfg = await compose({ configDir: appDir, configName: 'config', overrides: ['db=postgres', 'seed=7'], env });
    expect(cfg).toEqual({
      db: { driver: 'postgres', host: 'localhost', port: 5432, timeout: 10 },
      optim: { name: 'adam', lr: 0.001, betas: [0.9, 0.999] },
      seed: 7,
      name: 'run',
      tags: ['a', 'b'],
      trainer: { epochs: 10, lr: 0.001, port: '8080' },
      api_key: '???',
    });
  });

  it('gives choices, the unresolved tree and where each value came from in the detailed variant', async () => {
    const d = await composeDetailed({ configDir: appDir, configName: 'config', overrides: ['optim.lr=0.5'], env });
    expect(d.choices).toMatchObject({ db: 'mysql', optim: 'adam' });
    expect(d.unresolved.trainer).toEqual({ epochs: 10, lr: '${optim.lr}', port: '${oc.env:APP_PORT,8080}' });
    expect(d.config.trainer).toEqual({ epochs: 10, lr: 0.5, port: '8080' });
    expect(d.sourceOf('db.port')?.from).toBe('db/mysql.yaml:3:7');
    expect(d.sourceOf('optim.lr')).toMatchObject({ from: 'override optim.lr=0.5', replaced: ['optim/adam.yaml:2:5'] });
    expect(d.sourceOf('trainer.lr')).toMatchObject({ from: 'override optim.lr=0.5', through: '${optim.lr}', throughAt: 'config.yaml:11:7' });
    expect(d.sourceOf('nope')).toBeUndefined();
  });
});

describe('compose with a schema', () => {
  const Config = z.object({
    db: z.object({ host: z.string(), port: z.number() }),
    seed: z.number(),
    trainer: z.object({ epochs: z.number(), batch: z.number().default(32) }),
  });

  it('resolves to the schema output', async () => {
    const cfg = await compose({ configDir: appDir, configName: 'config', schema: Config, env });
    expect(cfg).toEqual({ db: { host: 'localhost', port: 3306 }, seed: 42, trainer: { epochs: 10, batch: 32 } });
  });

  it('throws one error with every issue', async () => {
    const err = await failure(compose({ configDir: appDir, configName: 'config', overrides: ['db.port=abc', 'seed=x'], schema: Config, env }));
    expect(err.message).toBe(
      [
        'The config does not match its schema (2 issues):',
        '  db.port: expected number, got "abc" (from override db.port=abc)',
        '  seed: expected number, got "x" (from override seed=x)',
      ].join('\n'),
    );
  });

  it('types the detailed variant too', async () => {
    const d = await composeDetailed({ configDir: appDir, configName: 'config', schema: Config, env });
    expect(d.config.trainer.batch).toBe(32);
    expect(d.overrideDirname).toBe('');
  });
});

describe('store nodes compose exactly like YAML options', () => {
  const yaml = { driver: 'postgres', host: 'localhost', port: 5432, timeout: 10 };

  it('a stored option is selected from the command line next to YAML options', async () => {
    const store = new ConfigStore().register({ group: 'db', name: 'sqlite', node: { driver: 'sqlite', file: 'app.db' } });
    const cfg = await compose({ configDir: appDir, configName: 'config', overrides: ['db=sqlite'], store, env });
    expect(cfg.db).toEqual({ driver: 'sqlite', file: 'app.db' });
    const d = await composeDetailed({ configDir: appDir, configName: 'config', overrides: ['db=sqlite'], store, env });
    expect(d.choices.db).toBe('sqlite');
  });

  it('a stored copy of a YAML option composes to the same config', async () => {
    const store = new ConfigStore().register({ group: 'db', name: 'pg2', node: yaml });
    const fromStore = await compose({ configDir: appDir, configName: 'config', overrides: ['db=pg2'], store, env });
    const fromYaml = await compose({ configDir: appDir, configName: 'config', overrides: ['db=postgres'], env });
    expect(fromStore).toEqual(fromYaml);
  });

  it('a stored config can be the primary config, with a defaults list and a package', async () => {
    const store = new ConfigStore()
      .register({ name: 'app', node: 'defaults:\n  - db: mysql\n  - _self_\nseed: 1\n' })
      .register({ group: 'db', name: 'mysql', node: { port: 3306 } })
      .register({ group: 'extra', name: 'x', package: '_global_.plugins', node: { on: true } });
    const cfg = await compose({ configName: 'app', overrides: ['+extra=x'], store, env });
    expect(cfg).toEqual({ db: { port: 3306 }, seed: 1, plugins: { on: true } });
  });

  it('a YAML option shadows a stored one with the same path (the store is last in the search path)', async () => {
    const store = new ConfigStore().register({ group: 'db', name: 'mysql', node: { from: 'store' } });
    const cfg = await compose({ configDir: appDir, configName: 'config', store, env });
    expect(cfg.db).toEqual({ driver: 'mysql', host: 'localhost', port: 3306 });
  });
});

describe('schema extension: a stored schema in a defaults list validates its package', () => {
  const BaseMysql = z.object({
    driver: z.literal('mysql'),
    host: z.string(),
    port: t.int().refine((p) => p < 65536, 'must be a TCP port'),
    user: z.string(),
    password: z.string().default(''),
    pool: z.strictObject({ size: z.number().int().default(4) }),
  });
  const Adam = z.object({ name: z.literal('adam'), lr: z.number().default(1e-3), betas: z.array(z.number()).default([0.9, 0.999]) });
  const Sgd = z.object({ name: z.literal('sgd'), lr: z.number(), momentum: z.number().default(0) });
  const store = new ConfigStore()
    .register({ group: 'db', name: 'base_mysql', schema: BaseMysql })
    .register({ group: 'optim', name: 'adam', schema: Adam })
    .register({ group: 'optim', name: 'base_sgd', schema: Sgd });
  const Config = z.object({ db: z.union([BaseMysql, z.object({ driver: z.literal('sqlite'), file: z.string() })]), optim: z.discriminatedUnion('name', [Adam, Sgd]), app: z.object({ name: z.string() }) });

  it('fills the schema defaults and lets overrides set keys only the schema declares', async () => {
    const cfg = await compose({ configDir: extensionDir, configName: 'config', overrides: ['db.user=root', 'db.port="3307"'], store, env });
    expect(cfg.db).toEqual({ driver: 'mysql', host: 'localhost', port: 3307, user: 'root', password: '', pool: { size: 4 } });
  });

  it('validates the package even without a schema passed to compose', async () => {
    const err = await failure(compose({ configDir: extensionDir, configName: 'config', overrides: ['db.port=70000', '+db.pool.sise=8'], store, env }));
    expect(err.issues.map((i) => i.message)).toEqual([
      'db.port: must be a TCP port, got 70000 (from override db.port=70000)',
      'db.user: expected string, got ??? (missing mandatory value, from schema store://db/base_mysql)',
      "db.pool.sise: unknown key (did you mean 'size'?) (from override +db.pool.sise=8)",
    ]);
    expect(err.issues.every((i) => i.schema === 'db/base_mysql')).toBe(true);
  });

  it('reports a bad value in the YAML option with its file position', async () => {
    const mysql = new ConfigStore()
      .register({ group: 'db', name: 'base_mysql', schema: BaseMysql.extend({ host: z.string().regex(/^db-/) }) })
      .register({ group: 'optim', name: 'adam', schema: Adam });
    const err = await failure(compose({ configDir: extensionDir, configName: 'config', overrides: ['db.user=u'], store: mysql, env }));
    expect(err.issues.map((i) => i.message)).toEqual(['db.host: expected a string matching /^db-/, got "localhost" (from db/mysql.yaml:5:7)']);
  });

  it('does not validate options that do not name the schema', async () => {
    const cfg = await compose({ configDir: extensionDir, configName: 'config', overrides: ['db=sqlite'], store, env });
    expect(cfg.db).toEqual({ driver: 'sqlite', file: 'app.db' });
  });

  it('one stored schema per group option: the option composes from its schema, the app schema discriminates', async () => {
    const adam = await compose({ configDir: extensionDir, configName: 'config', overrides: ['db=sqlite'], store, schema: Config, env });
    expect(adam.optim).toEqual({ name: 'adam', lr: 1e-3, betas: [0.9, 0.999] });
    const sgd = await compose({ configDir: extensionDir, configName: 'config', overrides: ['db=sqlite', 'optim=sgd'], store, schema: Config, env });
    expect(sgd.optim).toEqual({ name: 'sgd', lr: 0.05, momentum: 0 });
    if (sgd.optim.name === 'sgd') expect(sgd.optim.momentum).toBe(0);
  });

  it('does not repeat an issue the stored schema reported when the app schema sees it too', async () => {
    const err = await failure(
      compose({ configDir: extensionDir, configName: 'config', overrides: ['db.user=u', 'db.port=x'], store, schema: Config, env }),
    );
    expect(err.issues.map((i) => i.key)).toEqual(['db.port']);
    expect(err.issues[0]?.message).toBe('db.port: expected int, got "x" (from override db.port=x)');
  });

  it('validates a stored schema wherever its config lands (a relocated package)', () => {
    const pkgStore = new ConfigStore()
      .register({ group: 'db', name: 'base_mysql', schema: BaseMysql })
      .register({ group: 'optim', name: 'adam', schema: Adam });
    expect(() => composeDetailedSync({ configDir: extensionDir, configName: 'config', overrides: ['+db@backup=mysql', 'db=sqlite'], store: pkgStore, env })).toThrow(
      /backup\.user: expected string, got \?\?\?/,
    );
  });
});

describe('??? outside a stored schema', () => {
  it('stays ??? in a config validated only by stored schemas, as without any schema', async () => {
    const store = new ConfigStore().register({ group: 'db', name: 'base', schema: z.object({ port: z.number().default(1) }) });
    const cfg = await compose({ configDir: appDir, configName: 'config', overrides: ['db=base'], store, env });
    expect(cfg.db).toEqual({ port: 1 });
    expect(cfg.api_key).toBe('???');
  });
});
