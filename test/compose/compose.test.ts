/**
 * compose(): value overrides with Hydra's rules and messages, override_dirname, the hydra node,
 * the search path (file://, pkg://, hydra.searchpath), purity and caching.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  Composer,
  composeTree,
  jobTree,
  parseAll,
  resolvedJobConfig,
  resolvedOverrideDirname,
} from '../../src/compose/compose.js';
import { plain } from '../../src/config/interpolation/resolve.js';
import { ConfigCompositionError } from '../../src/defaults/errors.js';
import { confTree, tempDir } from '../helpers/conf-tree.js';

const base = {
  'db/mysql.yaml': 'driver: mysql\nhost: localhost\nport: 3306\npool:\n  min: 1\n  max: 8\n',
  'db/postgres.yaml': 'driver: postgresql\nport: 5432\n',
  'config.yaml': [
    'defaults:',
    '  - db: mysql',
    '  - _self_',
    'seed: 42',
    'name: base',
    'lst: [1, 2]',
    'nothing: null',
    'trainer:',
    '  epochs: 10',
    '  devices: 1',
    'paths:',
    '  root: /data',
    '  ckpt: ${paths.root}/ckpt',
    '',
  ].join('\n'),
};

function compose(overrides: string[] = [], files: Record<string, string> = base) {
  const dir = confTree(files);
  const c = composeTree({ configDir: dir, configName: 'config', overrides });
  return { config: resolvedJobConfig(c), dirname: resolvedOverrideDirname(c), c };
}

function fails(overrides: string[], files: Record<string, string> = base): ConfigCompositionError {
  try {
    compose(overrides, files);
  } catch (e) {
    if (e instanceof ConfigCompositionError) return e;
    throw e;
  }
  throw new Error('expected a ConfigCompositionError');
}

describe('value overrides', () => {
  it('changes an existing value and keeps the type the override has', () => {
    const { config } = compose(['seed=7', 'trainer.devices=[0,1]', 'name=2.5']);
    expect(config.seed).toBe(7);
    expect(config.trainer).toEqual({ epochs: 10, devices: [0, 1] });
    expect(config.name).toBe(2.5);
  });
  it('applies value overrides after composition, whatever their position among group overrides', () => {
    expect(compose(['db.port=1', 'db=postgres']).config.db).toEqual({ driver: 'postgresql', port: 1 });
  });
  it("rejects a new key without + with Hydra's message", () => {
    const e = fails(['learning_rate=0.1']);
    expect(e.message).toContain("Could not override 'learning_rate'.\nTo append to your config use +learning_rate=0.1");
  });
  it('suggests the closest existing key', () => {
    expect(fails(['trainer.epoch=3']).hint).toBe("did you mean 'trainer.epochs'?");
  });
  it('adds keys with +, creating intermediate dicts', () => {
    expect(compose(['+a.b.c=1', '+trainer.accumulate=4']).config).toMatchObject({ a: { b: { c: 1 } }, trainer: { epochs: 10, devices: 1, accumulate: 4 } });
  });
  it('rejects + on an existing value, telling how to change or force it', () => {
    const e = fails(['+seed=1']);
    expect(e.message).toContain("Could not append to config. An item is already at 'seed'.\nEither remove + prefix: 'seed=1'\nOr add a second + to add or override 'seed': '++seed=1'");
  });
  it('allows + on a key whose value is null', () => {
    expect(compose(['+nothing=3']).config.nothing).toBe(3);
  });
  it('adds or changes with ++', () => {
    expect(compose(['++seed=1', '++fresh=x']).config).toMatchObject({ seed: 1, fresh: 'x' });
  });
  it('merges a dict override into an existing dict; new keys need + (struct mode, as Hydra)', () => {
    expect(compose(['db={port:1}']).config.db).toEqual({ driver: 'mysql', host: 'localhost', port: 1, pool: { min: 1, max: 8 } });
    expect(() => compose(['db={port:1,user:root}'])).toThrow("Could not override 'db'.\nTo append to your config use +db={port:1,user:root}");
    expect(compose(['+db={x:1}']).config.db).toMatchObject({ driver: 'mysql', x: 1 });
  });
  it('replaces lists', () => {
    expect(compose(['lst=[3]']).config.lst).toEqual([3]);
  });
  it('edits a list item by index', () => {
    expect(compose(['lst.1=9']).config.lst).toEqual([1, 9]);
  });
  it('deletes keys with ~key, and ~key=value only when the value matches', () => {
    expect(compose(['~trainer.devices', '~db.pool']).config).toMatchObject({ trainer: { epochs: 10 }, db: { driver: 'mysql', host: 'localhost', port: 3306 } });
    expect(compose(['~seed=42']).config.seed).toBeUndefined();
    expect(fails(['~seed=41']).message).toBe("Could not delete from config. The value of 'seed' is 42 and not 41.");
    expect(fails(['~nope']).message).toContain("Could not delete from config. 'nope' does not exist.");
  });
  it('sets values to null', () => {
    expect(compose(['db.host=null']).config.db).toMatchObject({ host: null });
  });
  it('keeps interpolations given on the command line', () => {
    const { config, c } = compose(['name=${db.driver}-${seed}']);
    expect(config.name).toBe('mysql-42');
    expect((plain(jobTree(c)) as Record<string, unknown>).name).toBe('${db.driver}-${seed}');
  });
  it('names the override that failed to parse, with a caret', () => {
    expect(() => compose(['seed==1'])).toThrow(/Error parsing override 'seed==1'\n {2}seed==1\n {7}\^/);
  });
  it('rejects sweeps outside multirun, explaining the three readings', () => {
    expect(fails(['seed=1,2']).message).toContain("Ambiguous value for argument 'seed=1,2'");
    expect(fails(['seed=range(3)']).message).toBe("Sweep parameters 'seed=range(3)' requires --multirun");
  });
});

describe('override_dirname', () => {
  it('sorts the task overrides and joins them with Hydra separators', () => {
    expect(compose(['seed=1', 'db=postgres', '+x=a']).dirname).toBe('+x=a,db=postgres,seed=1');
  });
  it('leaves out hydra overrides and excluded keys, with custom separators', () => {
    const { dirname } = compose([
      'seed=1',
      'db=postgres',
      'hydra.job.config.override_dirname.exclude_keys=[seed]',
      'hydra.job.config.override_dirname.kv_sep=_',
      'hydra.job.config.override_dirname.item_sep=/',
    ]);
    expect(dirname).toBe('db_postgres');
  });
  it('shows interpolated values resolved (it is itself interpolated when read)', () => {
    expect(compose(['name=${db.driver}']).dirname).toBe('name=mysql');
  });
});

describe('the hydra node', () => {
  it('never reaches the job config, but ${hydra:...} reads it', () => {
    const { config } = compose(['+choice=${hydra:runtime.choices.db}', '+job=${hydra:job.name}'], {
      ...base,
      'config.yaml': `${base['config.yaml']}hydra:\n  job:\n    name: custom\n`,
    });
    expect(config.hydra).toBeUndefined();
    expect(config.choice).toBe('mysql');
    expect(config.job).toBe('custom');
  });
  it('records the task and hydra overrides and the choices', () => {
    const { c } = compose(['seed=1', 'hydra.verbose=true']);
    const hydra = plain(c.root.entries.get('hydra') as never) as Record<string, Record<string, unknown>>;
    expect(hydra.overrides).toEqual({ task: ['seed=1'], hydra: ['hydra.verbose=true'] });
    expect((hydra.runtime as Record<string, unknown>).choices).toMatchObject({ db: 'mysql', 'hydra/launcher': 'basic' });
    expect(hydra.verbose).toBe(true);
  });
  it('selects tydra launchers and sweepers through the hydra groups', () => {
    const { c } = compose(['hydra/launcher=local']);
    expect(c.choices.get('hydra/launcher')).toBe('local');
    expect(plain(c.resolution.select(['hydra', 'launcher', '_target_'])?.node as never)).toBe('tydra.launchers.local');
  });
});

describe('hydra.job.env_copy', () => {
  it('copies the listed variables of the launching environment into hydra.job.env_set', () => {
    const dir = confTree(base);
    const c = composeTree({ configDir: dir, configName: 'config', overrides: ['hydra.job.env_copy=[TYDRA_A]'], env: { TYDRA_A: 'a-value' } });
    expect(plain(c.resolution.select(['hydra', 'job', 'env_set'])?.node as never)).toEqual({ TYDRA_A: 'a-value' });
  });
  it('fails clearly when a listed variable is not set', () => {
    const dir = confTree(base);
    expect(() => composeTree({ configDir: dir, configName: 'config', overrides: ['hydra.job.env_copy=[TYDRA_NOPE]'], env: {} })).toThrow(
      "hydra.job.env_copy: the environment variable 'TYDRA_NOPE' is not set",
    );
  });
});

describe('search path', () => {
  it('adds directories listed in hydra.searchpath of the primary config (first source wins)', () => {
    const extra = confTree({ 'db/oracle.yaml': 'driver: oracle\n', 'db/mysql.yaml': 'driver: shadowed\n' });
    const files = { ...base, 'config.yaml': `${base['config.yaml']}hydra:\n  searchpath:\n    - file://${extra}\n` };
    expect(compose(['db=oracle'], files).config.db).toEqual({ driver: 'oracle' });
    expect(compose([], files).config.db).toMatchObject({ driver: 'mysql' });
  });
  it('resolves interpolations in hydra.searchpath against the primary config (e.g. oc.env)', () => {
    const extra = confTree({ 'db/oracle.yaml': 'driver: oracle\n' });
    const dir = confTree({ ...base, 'config.yaml': `${base['config.yaml']}hydra:\n  searchpath:\n    - file://\${oc.env:TYDRA_TEST_EXTRA}\n` });
    const c = composeTree({ configDir: dir, configName: 'config', overrides: ['db=oracle'], env: { TYDRA_TEST_EXTRA: extra } });
    expect(resolvedJobConfig(c).db).toEqual({ driver: 'oracle' });
  });
  it('takes hydra.searchpath from the command line too', () => {
    const extra = confTree({ 'db/oracle.yaml': 'driver: oracle\n' });
    expect(compose([`hydra.searchpath=[file://${extra}]`, 'db=oracle']).config.db).toEqual({ driver: 'oracle' });
  });
  it('finds configs in a node package with pkg://', () => {
    const root = tempDir();
    const pkg = path.join(root, 'node_modules', 'shared-conf');
    fs.mkdirSync(path.join(pkg, 'conf', 'db'), { recursive: true });
    fs.writeFileSync(path.join(pkg, 'package.json'), '{"name":"shared-conf","version":"1.0.0"}');
    fs.writeFileSync(path.join(pkg, 'conf', 'db', 'cloud.yaml'), 'driver: cloud\n');
    const dir = confTree(base);
    const c = composeTree({ configDir: dir, configName: 'config', searchPath: ['pkg://shared-conf/conf'], cwd: root, overrides: ['db=cloud'] });
    expect(resolvedJobConfig(c).db).toEqual({ driver: 'cloud' });
  });
  it('reads .yml options and a config name given with its extension', () => {
    const dir = confTree({ 'db/lite.yml': 'driver: lite\n', 'train.yaml': 'defaults:\n  - db: lite\n' });
    expect(resolvedJobConfig(composeTree({ configDir: dir, configName: 'train.yaml' }))).toEqual({ db: { driver: 'lite' } });
  });
  it("refuses config paths that escape their source ('..')", () => {
    const dir = confTree(base);
    expect(() => composeTree({ configDir: dir, configName: '../etc/passwd' })).toThrow(/escapes its config source/);
  });
});

describe('purity and caching', () => {
  it('gives the same result when called twice and sees a changed file', () => {
    const dir = confTree(base);
    const a = resolvedJobConfig(composeTree({ configDir: dir, configName: 'config' }));
    const b = resolvedJobConfig(composeTree({ configDir: dir, configName: 'config' }));
    expect(b).toEqual(a);
    const file = path.join(dir, 'db', 'mysql.yaml');
    fs.writeFileSync(file, 'driver: mysql8\n');
    const t = new Date(Date.now() + 5000);
    fs.utimesSync(file, t, t);
    expect(resolvedJobConfig(composeTree({ configDir: dir, configName: 'config' })).db).toEqual({ driver: 'mysql8' });
  });
  it('does not let one job of a sweep change the config of another (shared merged tree)', () => {
    const dir = confTree(base);
    const composer = new Composer({ configDir: dir, configName: 'config', mode: 'multirun' }, []);
    const a = composer.compose(parseAll(['db.port=1', '~db.pool']));
    const b = composer.compose(parseAll(['db.pool.max=99']));
    const c = composer.compose(parseAll([]));
    expect(resolvedJobConfig(a).db).toEqual({ driver: 'mysql', host: 'localhost', port: 1 });
    expect(resolvedJobConfig(b).db).toMatchObject({ port: 3306, pool: { min: 1, max: 99 } });
    expect(resolvedJobConfig(c).db).toEqual({ driver: 'mysql', host: 'localhost', port: 3306, pool: { min: 1, max: 8 } });
  });
});
