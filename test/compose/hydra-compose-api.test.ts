/**
 * The compose API as Hydra 1.3's `hydra.compose()` behaves (scenarios of Hydra's tests/test_compose.py,
 * recreated with our own conf trees and ConfigStore entries): no primary config, appending groups,
 * a list as a group option, struct mode on `hydra.*`, `+`/`++` on keys and groups, `hydra.searchpath`
 * from the primary config and the command line.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { compose as publicCompose } from '../../src/compose/api.js';
import { composeTree, resolvedJobConfig } from '../../src/compose/compose.js';
import { ConfigCompositionError, MissingConfigError } from '../../src/defaults/errors.js';
import { ConfigStore } from '../../src/repository/config-store.js';
import { ConfigValidationError } from '../../src/schema/errors.js';
import { confTree, tempDir } from '../helpers/conf-tree.js';
import { composeFiles, composeIn, failure } from './hydra-compose-helpers.js';

const configs = confTree({
  'compose.yaml': '# @package _global_\ndefaults:\n  - group1: file1\n  - group2: file1\n',
  'group1/file1.yaml': '# @package _global_\nfoo: 10\n',
  'group1/file2.yaml': '# @package _global_\nfoo: 20\n',
  'group2/file1.yaml': '# @package _global_\nbar: 100\n',
  'group2/overriding_sp.yaml': '# @package _global_\nhydra:\n  searchpath: [abc]\n',
  'top_level_list/file1.yaml': '- a\n',
});

describe('composing with and without a primary config', () => {
  const cases: [string | undefined, string[], string][] = [
    [undefined, [], '{}'],
    [undefined, ['+foo=bar'], '{"foo": "bar"}'],
    ['compose', [], '{"foo": 10, "bar": 100}'],
    ['compose', ['group1=file2'], '{"foo": 20, "bar": 100}'],
    [undefined, ['+top_level_list=file1'], '{"top_level_list": ["a"]}'],
    [undefined, ['+top_level_list=file1', 'top_level_list.0=b'], '{"top_level_list": ["b"]}'],
  ];
  for (const [name, overrides, expected] of cases) {
    it(`composes ${name ?? 'no config'} with [${overrides.join(' ')}]`, () => {
      expect(composeIn(configs, name, overrides).json).toBe(expected);
    });
    it(`rejects an unknown key in struct mode for ${name ?? 'no config'} with [${overrides.join(' ')}]`, () => {
      expect(failure(() => composeIn(configs, name, [...overrides, 'fooooooooo=bar']))).toBeInstanceOf(ConfigCompositionError);
    });
  }
  it('rejects a primary config whose content is a list', () => {
    expect(failure(() => composeIn(configs, 'top_level_list/file1')).message).toContain(
      "primary config 'top_level_list/file1' must be a DictConfig, got ListConfig",
    );
  });
});

describe('the cloud app example (groups appended from the command line, _global_ packages)', () => {
  const cloud = confTree({
    'config.yaml': 'defaults:\n  - db: sqlite\n  - cloud_provider: local\n  - environment: testing\n',
    'db/sqlite.yaml': 'driver: sqlite\nuser: ???\npass: ???\nfile: test.db\n',
    'db/mysql.yaml': 'driver: mysql\nuser: ???\npass: ???\n',
    'environment/testing.yaml': '# @package _global_\ndb:\n  user: test\n  pass: test\n',
    'environment/production.yaml': '# @package _global_\ndb:\n  user: mysql\n  pass: r4Zn*jQ9JB1Rz2kfz\n',
    'application/donkey.yaml': '# @package _global_\ndonkey:\n  name: kong\n  rank: king\n',
    'cloud_provider/local.yaml': '# @package _global_\ncloud:\n  name: local\n  host: localhost\n  port: 9876\n',
  });
  const mysql = '"db": {"driver": "mysql", "user": "mysql", "pass": "r4Zn*jQ9JB1Rz2kfz"}';
  const cases: [string | undefined, string[], string][] = [
    [undefined, [], '{}'],
    [undefined, ['+db=sqlite'], '{"db": {"driver": "sqlite", "user": "???", "pass": "???", "file": "test.db"}}'],
    [undefined, ['+db=mysql', '+environment=production'], `{${mysql}}`],
    [undefined, ['+db=mysql', '+environment=production', '+application=donkey'], `{${mysql}, "donkey": {"name": "kong", "rank": "king"}}`],
    [
      undefined,
      ['+db=mysql', '+environment=production', '+application=donkey', 'donkey.name=Dapple', 'donkey.rank=squire_donkey'],
      `{${mysql}, "donkey": {"name": "Dapple", "rank": "squire_donkey"}}`,
    ],
    ['config', [], '{"db": {"driver": "sqlite", "user": "test", "pass": "test", "file": "test.db"}, "cloud": {"name": "local", "host": "localhost", "port": 9876}}'],
    ['config', ['environment=production', 'db=mysql'], `{${mysql}, "cloud": {"name": "local", "host": "localhost", "port": 9876}}`],
  ];
  for (const [name, overrides, expected] of cases) {
    it(`composes ${name ?? 'no config'} with [${overrides.join(' ')}]`, () => {
      expect(composeIn(cloud, name, overrides).json).toBe(expected);
    });
  }
});

describe('config directory and job name', () => {
  it('appends a group from an absolute config dir', () => {
    expect(composeFiles({ 'test_group/test.yaml': 'foo: bar\n' }, undefined, ['+test_group=test']).json).toBe('{"test_group": {"foo": "bar"}}');
  });
  it('names the job after the jobName option, or app by default', () => {
    const dir = tempDir();
    expect(composeIn(dir, undefined).at('hydra.job.name')).toBe('app');
    expect(composeIn(dir, undefined, [], { jobName: 'test_job' }).at('hydra.job.name')).toBe('test_job');
  });
  it('fails when the primary config directory does not exist', () => {
    const e = failure(() => composeTree({ configDir: '/no_way_in_hell_1234567890', configName: 'test.yaml' }));
    expect(e).toBeInstanceOf(MissingConfigError);
    expect(e.message).toContain('/no_way_in_hell_1234567890');
  });
  it('fails when the primary config directory does not exist, even without a config name', () => {
    expect(failure(() => composeTree({ configDir: '/no_way_in_hell_1234567890' }))).toBeInstanceOf(MissingConfigError);
  });
  it('fails with a missing-config error when the primary config does not exist', () => {
    const e = failure(() => composeFiles({ 'other.yaml': 'a: 1\n' }, 'not_found.yaml'));
    expect(e).toBeInstanceOf(MissingConfigError);
  });
});

describe('struct mode on maps and on the hydra node', () => {
  it('adds to an empty map only with +', () => {
    expect(composeFiles({ 'config.yaml': 'map: {}\n' }, 'config', ['+map.foo=bar']).json).toBe('{"map": {"foo": "bar"}}');
    expect(failure(() => composeFiles({ 'config.yaml': 'map: {}\n' }, 'config', ['map.foo=bar']))).toBeInstanceOf(ConfigCompositionError);
  });
  it('rejects unknown keys under hydra, including inside its logging configs', () => {
    for (const o of ['hydra.foo=bar', 'hydra.job_logging.foo=bar']) {
      expect(failure(() => composeIn(tempDir(), undefined, [o]))).toBeInstanceOf(ConfigCompositionError);
    }
  });
});

describe('+ and ++ on keys and groups', () => {
  const store = () => new ConfigStore().register({ name: 'config', node: { key: 0 } });
  const run = (s: ConfigStore, overrides: string[], name: string | null = 'config') =>
    resolvedJobConfig(composeTree({ configName: name ?? undefined, overrides, sources: [s.source()] }));
  it('refuses + on an existing key and changes it without +', () => {
    expect(failure(() => run(store(), ['+key=value'])).message).toContain("Could not append to config. An item is already at 'key'");
    expect(run(store(), ['key=1'])).toEqual({ key: 1 });
  });
  it('adds or changes with ++', () => {
    expect(run(store(), ['++key=1'])).toEqual({ key: 1 });
    expect(run(store(), ['++key2=1'])).toEqual({ key: 0, key2: 1 });
  });
  it('appends a group with +, refuses to change a group that is not in the defaults list, and refuses ++ on groups', () => {
    const s = new ConfigStore().register({ group: 'group', name: 'a0', node: { key: 0 } }).register({ group: 'group', name: 'a1', node: { key: 1 } });
    expect(failure(() => run(s, ['group=a0'], null))).toBeInstanceOf(ConfigCompositionError);
    expect(run(s, ['+group=a0'], null)).toEqual({ group: { key: 0 } });
    expect(failure(() => run(s, ['++group=a1'], null)).message).toContain("force-add of config groups is not supported: '++group=a1'");
  });
  it('adds to a primary config stored under a package', () => {
    const s = new ConfigStore().register({ name: 'config', node: { a: 10 }, package: 'nested' });
    expect(run(s, ['+nested.b=20'])).toEqual({ nested: { a: 10, b: 20 } });
    expect(run(s, ['++nested.a=30', '++nested.b=20'])).toEqual({ nested: { a: 30, b: 20 } });
    expect(run(s, ['+nested.b.c=20'])).toEqual({ nested: { a: 10, b: { c: 20 } } });
  });
});

describe('hydra.searchpath', () => {
  const store = () =>
    new ConfigStore()
      .register({ name: 'with_sp', node: { hydra: { searchpath: [`file://${configs}`] } } })
      .register({ name: 'without_sp', node: {} })
      .register({ name: 'bad1', node: { hydra: { searchpath: 42 } } })
      .register({ name: 'bad2', node: { hydra: { searchpath: [42] } } });
  const run = (name: string, overrides: string[]) => resolvedJobConfig(composeTree({ configName: name, overrides, sources: [store().source()], warn: () => {} }));
  it('reads a group as a plain value when no search path has it, and as a group once the primary config adds the path', () => {
    expect(run('without_sp', ['+group1=file1'])).toEqual({ group1: 'file1' });
    expect(run('with_sp', ['+group1=file1'])).toEqual({ foo: 10 });
  });
  it('lets the command line add or remove search path entries', () => {
    expect(run('without_sp', [`hydra.searchpath=[file://${configs}]`, '+group1=file1'])).toEqual({ foo: 10 });
    expect(run('with_sp', ['hydra.searchpath=[]', '+group1=file1'])).toEqual({ group1: 'file1' });
  });
  it('rejects a search path that is not a list of strings, from the config or the command line', () => {
    expect(failure(() => run('bad1', [])).message).toContain('hydra.searchpath must be a list of strings. Got: 42');
    expect(failure(() => run('bad2', [])).message).toContain('hydra.searchpath must be a list of strings. Got: [42]');
    expect(failure(() => run('without_sp', ['hydra.searchpath=42'])).message).toContain('hydra.searchpath must be a list of strings. Got: 42');
    expect(failure(() => run('without_sp', ['hydra.searchpath=[42]'])).message).toContain('hydra.searchpath must be a list of strings. Got: [42]');
  });
  it('refuses hydra.searchpath from a config that is not the primary config', () => {
    const e = failure(() => run('without_sp', [`hydra.searchpath=[file://${configs}]`, '+group2=overriding_sp']));
    expect(e.message).toContain("In 'group2/overriding_sp': Overriding hydra.searchpath is only supported from the primary config");
  });
  it('warns about a search path entry that is not available, and composes anyway', () => {
    const warnings: string[] = [];
    const c = composeTree({ configName: 'without_sp', overrides: ['hydra.searchpath=[pkg://fakeconf]'], sources: [store().source()], warn: (m) => warnings.push(m) });
    expect(resolvedJobConfig(c)).toEqual({});
    expect(warnings.join('\n')).toContain('provider=hydra.searchpath in command-line, path=fakeconf is not available.');
  });
});

describe('logging configs cannot be set to null', () => {
  for (const o of ['hydra.hydra_logging=null', 'hydra.job_logging=null']) {
    it(`rejects ${o}`, () => {
      expect(failure(() => composeIn(tempDir(), undefined, [o])).message).toContain(`Error merging override ${o}`);
    });
  }
});

describe("Hydra's own config is typed (HydraConf)", () => {
  const rejects = (overrides: string[], files: Record<string, string> = { 'config.yaml': '{}\n' }) =>
    failure(() => composeFiles(files, 'config', overrides));
  it('refuses null in fields that are not Optional, and accepts it in Optional ones', () => {
    expect(rejects(['hydra.run.dir=null']).message).toContain('Error merging override hydra.run.dir=null');
    expect(rejects(['hydra.job.name=null'])).toBeInstanceOf(ConfigCompositionError);
    const c = composeFiles({ 'config.yaml': '{}\n' }, 'config', ['hydra.output_subdir=null', 'hydra.job.chdir=null', 'hydra.mode=null']);
    expect(c.at('hydra.output_subdir')).toBeNull();
    expect(c.at('hydra.job.chdir')).toBeNull();
  });
  it('refuses values of the wrong type', () => {
    expect(rejects(['hydra.mode=FOO'])).toBeInstanceOf(ConfigCompositionError);
    expect(rejects(['hydra.job.num=abc'])).toBeInstanceOf(ConfigCompositionError);
    expect(rejects(['hydra.job.chdir=maybe'])).toBeInstanceOf(ConfigCompositionError);
    expect(rejects(['hydra.run={dir:x}', 'hydra.job_logging=[1]'])).toBeInstanceOf(ConfigCompositionError);
    expect(() => composeFiles({ 'config.yaml': '{}\n' }, 'config', ['hydra.job.chdir=true', 'hydra.run.dir=123'])).not.toThrow();
  });
  it('refuses null for a typed field set in the primary config', () => {
    const e = rejects([], { 'config.yaml': 'hydra:\n  job_logging: null\n' });
    expect(e.message).toContain("In 'config': Validation error while composing config");
  });
  it('refuses to delete a field of a Hydra dataclass, but not a key of one of its dicts', () => {
    expect(rejects(['~hydra.run.dir'])).toBeInstanceOf(ConfigCompositionError);
    const c = composeFiles({ 'config.yaml': 'hydra:\n  job:\n    env_set:\n      A: x\n' }, 'config', ['~hydra.job.env_set.A']);
    expect(c.at('hydra.job.env_set')).toEqual({});
  });
});

describe('a group node left ??? by its config', () => {
  it('keeps the option an absolute default put there', () => {
    const files = {
      'trainer/base_trainer.yaml': 'defaults:\n  - /reducer: base_reducer\nreducer: ???\n',
      'reducer/base_reducer.yaml': '{}\n',
    };
    expect(composeFiles(files, 'trainer/base_trainer').json).toBe('{"trainer": {"reducer": {}}}');
  });
});

describe('schemas in the ConfigStore (Hydra: structured configs as schemas)', () => {
  const MySQL = z.object({ driver: z.string(), host: z.string(), port: z.number().int(), user: z.string(), password: z.string() });
  const store = () =>
    new ConfigStore()
      .register({ group: 'db', name: 'base_mysql', schema: MySQL })
      .register({ name: 'config_schema', schema: z.object({ normal_yaml_config: z.boolean(), db: MySQL }) });
  const dir = confTree({
    'config.yaml': 'normal_yaml_config: true\n',
    'db/validated_mysql.yaml': 'defaults:\n  - base_mysql\n  - _self_\ndriver: mysql\nuser: omry\npassword: secret\n',
    'db/invalid_mysql.yaml': 'defaults:\n  - base_mysql\n  - _self_\nport: not_an_int\n',
  });
  const tree = (name: string, overrides: string[]) => composeIn(dir, name, overrides, { sources: [store().source()] }).json;
  it('composes a config that extends a stored schema, fields without a value left ???', () => {
    expect(tree('config', ['+db=validated_mysql'])).toBe(
      '{"normal_yaml_config": true, "db": {"driver": "mysql", "host": "???", "port": "???", "user": "omry", "password": "secret"}}',
    );
  });
  it('composes a schema as the primary config', () => {
    expect(tree('config_schema', [])).toBe('{"normal_yaml_config": "???", "db": {"driver": "???", "host": "???", "port": "???", "user": "???", "password": "???"}}');
  });
  it('rejects a value of the wrong type, from an override or from a config', async () => {
    const bad = async (overrides: string[]) =>
      publicCompose({ configDir: dir, configName: 'config', overrides, store: store() }).then(
        () => undefined,
        (e: unknown) => e,
      );
    const fromOverride = await bad(['+db=validated_mysql', 'db.host=h', 'db.port=fail']);
    expect(fromOverride).toBeInstanceOf(ConfigValidationError);
    expect((fromOverride as Error).message).toContain('db.port');
    expect(await bad(['+db=invalid_mysql'])).toBeInstanceOf(ConfigValidationError);
  });
});

describe('a frozen primary config', () => {
  const store = () => new ConfigStore().register({ name: 'config', node: { baud_rate: 19200 }, frozen: true });
  const run = (overrides: string[]) => composeTree({ configName: 'config', overrides, sources: [store().source()] });
  it('cannot be changed from the command line, while the hydra node can', () => {
    expect(failure(() => run(['baud_rate=1']))).toBeInstanceOf(ConfigCompositionError);
    expect(resolvedJobConfig(run(['hydra.job.name=frozen']))).toEqual({ baud_rate: 19200 });
  });
});

describe('the public compose()', () => {
  it('composes a ConfigStore config with overrides', async () => {
    const store = new ConfigStore().register({ name: 'config', node: { key: 0 } });
    expect(await publicCompose({ configName: 'config', store, overrides: ['++key2=1'] })).toEqual({ key: 0, key2: 1 });
  });
});
