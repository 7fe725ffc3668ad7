import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { composeDetailedSync } from '../../src/compose/api.js';
import { plain } from '../../src/config/interpolation/resolve.js';
import { ConfigStore } from '../../src/repository/config-store.js';
import { schemaDefaults } from '../../src/schema/defaults.js';
import { t } from '../../src/schema/coerce.js';

function content(store: ConfigStore, path: string): unknown {
  const loaded = store.source().load(path);
  return loaded?.node ? plain(loaded.node) : undefined;
}

describe('ConfigStore', () => {
  it('is an instance the app creates: two stores do not share configs', () => {
    const a = new ConfigStore().register({ group: 'db', name: 'sqlite', node: { file: 'a.db' } });
    const b = new ConfigStore();
    expect(a.list()).toEqual(['db/sqlite']);
    expect(b.list()).toEqual([]);
  });

  it('registers nodes as objects or YAML text, with .yaml names accepted', () => {
    const store = new ConfigStore()
      .register({ group: 'db', name: 'sqlite.yaml', node: { file: 'a.db', pool: { size: 2 } } })
      .register({ group: '/server/', name: 'nginx', node: 'port: 80\nhost: ${oc.env:HOST,localhost}\n' });
    expect(store.list()).toEqual(['db/sqlite', 'server/nginx']);
    expect(content(store, 'db/sqlite')).toEqual({ file: 'a.db', pool: { size: 2 } });
    expect(content(store, 'server/nginx')).toEqual({ port: 80, host: '${oc.env:HOST,localhost}' });
  });

  it('replaces a config registered twice at the same path', () => {
    const store = new ConfigStore().register({ name: 'x', node: { a: 1 } }).register({ name: 'x', node: { a: 2 } });
    expect(content(store, 'x')).toEqual({ a: 2 });
  });

  it('rejects paths that escape the store', () => {
    expect(() => new ConfigStore().register({ group: '../db', name: 'x', node: {} })).toThrow(/escapes/);
    expect(() => new ConfigStore().register({ name: '', node: {} })).toThrow(/needs a name/);
  });

  it('turns a schema into its defaults: required fields become ???, optional ones are left out', () => {
    const Mysql = z.object({
      driver: z.literal('mysql'),
      host: z.string().default('localhost'),
      port: t.int().default(3306),
      user: z.string(),
      password: z.string().optional(),
      pool: z.object({ size: z.number().default(4), timeout: z.number() }),
      tags: z.array(z.string()).default(() => ['a']),
      mode: z.enum(['ro', 'rw']).nullable(),
    });
    const store = new ConfigStore().register({ group: 'db', name: 'base_mysql', schema: Mysql });
    expect(content(store, 'db/base_mysql')).toEqual({
      driver: 'mysql',
      host: 'localhost',
      port: 3306,
      user: '???',
      pool: { size: 4, timeout: '???' },
      tags: ['a'],
      mode: '???',
    });
  });

  it('merges a node given with a schema over the schema defaults', () => {
    const S = z.object({ lr: z.number().default(0.1), name: z.literal('adam'), betas: z.array(z.number()) });
    const store = new ConfigStore().register({ group: 'optim', name: 'adam', schema: S, node: { betas: [0.9, 0.99] } });
    expect(content(store, 'optim/adam')).toEqual({ lr: 0.1, name: 'adam', betas: [0.9, 0.99] });
  });

  it('keeps nested defaults under an object prefault', () => {
    const S = z.object({ sched: z.object({ kind: z.string().default('cosine'), warmup: z.number().default(0) }).prefault({ warmup: 100 }) });
    expect(plain(schemaDefaults(S, 'x'))).toEqual({ sched: { kind: 'cosine', warmup: 100 } });
  });

  it('rejects what is not a zod object schema', () => {
    expect(() => new ConfigStore().register({ name: 'x', schema: { type: 'object' } as unknown as z.ZodType })).toThrow(/not a zod 4 schema/);
    expect(() => new ConfigStore().register({ name: 'x', schema: z.string() })).toThrow(/must describe a mapping/);
  });

  it('names the schema as the source of the values it contributes', () => {
    const store = new ConfigStore().register({ group: 'db', name: 'base', schema: z.object({ port: z.number().default(1) }) });
    const d = composeDetailedSync({ store, overrides: ['+db=base'] });
    expect(d.config).toEqual({ db: { port: 1 } });
    expect(d.sourceOf('db.port')?.from).toBe('schema store://db/base');
  });
});
