/**
 * tydra's own `hydra/...` configs (src/compose/hydra-config.ts): Hydra 1.3's `hydra/config`
 * defaults list, the stored hydra/* options, and the hydra node an app without configs gets.
 */
import { describe, expect, it } from 'vitest';
import { composeTree } from '../../src/compose/compose.js';
import { hydraConfigSource } from '../../src/compose/hydra-config.js';
import { plain } from '../../src/config/interpolation/resolve.js';
import type { Node } from '../../src/config/nodes.js';
import { confTree } from '../helpers/conf-tree.js';

/** A stored config as plain data (interpolations as written). */
function stored(path: string): unknown {
  const loaded = hydraConfigSource().load(path);
  if (!loaded) throw new Error(`no stored config ${path}`);
  return plain(loaded.node as Node);
}

function keysOf(node: Node | undefined): string[] {
  return node?.kind === 'dict' ? [...node.entries.keys()] : [];
}

describe('hydraConfigSource', () => {
  it('is one shared source named like Hydra’s pkg://hydra.conf', () => {
    const a = hydraConfigSource();
    expect(hydraConfigSource()).toBe(a);
    expect(a.provider).toBe('tydra');
    expect(a.url).toBe('builtin://tydra.conf/');
  });

  it('lists Hydra 1.3’s defaults for hydra/config, in Hydra’s order, with callbacks: null and env: default', () => {
    const config = stored('hydra/config') as { defaults: unknown[] };
    expect(config.defaults).toEqual([
      { output: 'default' },
      { launcher: 'basic' },
      { sweeper: 'basic' },
      { help: 'default' },
      { hydra_help: 'default' },
      { hydra_logging: 'default' },
      { job_logging: 'default' },
      { callbacks: null },
      { env: 'default' },
      '_self_',
    ]);
  });

  it('holds the hydra/* groups and their options', () => {
    const s = hydraConfigSource();
    const groups = s.list('hydra');
    expect(groups.configs).toEqual(['config']);
    expect([...groups.groups].sort()).toEqual(['env', 'help', 'hydra_help', 'hydra_logging', 'job_logging', 'launcher', 'output', 'sweeper']);
    const options = (g: string) => [...s.list(`hydra/${g}`).configs].sort();
    expect(options('launcher')).toEqual(['basic', 'local', 'slurm']);
    expect(options('sweeper')).toEqual(['basic', 'random']);
    expect(options('hydra_logging')).toEqual(['default', 'disabled', 'none']);
    expect(options('job_logging')).toEqual(['default', 'disabled', 'none', 'stdout']);
    expect(options('output')).toEqual(['default']);
    expect(options('help')).toEqual(['default']);
    expect(options('hydra_help')).toEqual(['default']);
    expect(options('env')).toEqual(['default']);
    expect(s.hasConfig('hydra/callbacks/default')).toBe(false);
  });

  it('stores hydra/output/default with a hydra package header and Hydra’s run and sweep dirs', () => {
    const loaded = hydraConfigSource().load('hydra/output/default');
    expect(loaded?.packageHeader).toBe('hydra');
    expect(stored('hydra/output/default')).toEqual({
      run: { dir: 'outputs/${now:%Y-%m-%d}/${now:%H-%M-%S}' },
      sweep: { dir: 'multirun/${now:%Y-%m-%d}/${now:%H-%M-%S}', subdir: '${hydra.job.num}' },
    });
  });

  it('names each launcher and sweeper by its _target_', () => {
    for (const [path, target] of [
      ['hydra/launcher/basic', 'tydra.launchers.basic'],
      ['hydra/launcher/local', 'tydra.launchers.local'],
      ['hydra/launcher/slurm', 'tydra.launchers.slurm'],
      ['hydra/sweeper/basic', 'tydra.sweepers.basic'],
      ['hydra/sweeper/random', 'tydra.sweepers.random'],
    ]) {
      expect((stored(path as string) as { _target_: string })._target_).toBe(target);
    }
  });

  it('marks every stored value as coming from code, named by its config path', () => {
    const loaded = hydraConfigSource().load('hydra/launcher/local');
    expect(loaded?.node?.src).toEqual({ kind: 'code', name: 'tydra:hydra/launcher/local' });
  });

  it('keeps the empty logging options empty and hydra/env/default empty', () => {
    expect(stored('hydra/hydra_logging/none')).toEqual({});
    expect(stored('hydra/job_logging/none')).toEqual({});
    expect(stored('hydra/env/default')).toEqual({});
  });
});

describe('the hydra node of a composition', () => {
  const empty = () => composeTree({ configDir: confTree({}), env: {} });

  it('has Hydra 1.3’s keys, in Hydra’s order, for an app with no config', () => {
    const c = empty();
    expect(keysOf(c.root)).toEqual(['hydra']);
    const hydra = c.root.entries.get('hydra');
    expect(keysOf(hydra)).toEqual([
      'run',
      'sweep',
      'launcher',
      'sweeper',
      'help',
      'hydra_help',
      'hydra_logging',
      'job_logging',
      'env',
      'mode',
      'searchpath',
      'callbacks',
      'output_subdir',
      'overrides',
      'job',
      'runtime',
      'verbose',
    ]);
    const get = (k: string) => (hydra?.kind === 'dict' ? hydra.entries.get(k) : undefined);
    expect(keysOf(get('job')).slice(0, 9)).toEqual(['name', 'chdir', 'override_dirname', 'id', 'num', 'config_name', 'env_set', 'env_copy', 'config']);
    expect(keysOf(get('runtime'))).toEqual(['version', 'version_base', 'cwd', 'config_sources', 'output_dir', 'choices']);
  });

  it('lists the hydra/* defaults before the primary config, as Hydra 1.3 does (callbacks: null composes nothing)', () => {
    const c = empty();
    expect(c.defaultsList.map((d) => [d.configPath, d.package])).toEqual([
      ['hydra/output/default', 'hydra'],
      ['hydra/launcher/basic', 'hydra.launcher'],
      ['hydra/sweeper/basic', 'hydra.sweeper'],
      ['hydra/help/default', 'hydra.help'],
      ['hydra/hydra_help/default', 'hydra.hydra_help'],
      ['hydra/hydra_logging/default', 'hydra.hydra_logging'],
      ['hydra/job_logging/default', 'hydra.job_logging'],
      ['hydra/env/default', 'hydra.env'],
      ['hydra/config', 'hydra'],
    ]);
  });

  it('records the hydra/* choices, callbacks as null', () => {
    const choices = Object.fromEntries(empty().choices);
    expect(choices).toEqual({
      'hydra/output': 'default',
      'hydra/launcher': 'basic',
      'hydra/sweeper': 'basic',
      'hydra/help': 'default',
      'hydra/hydra_help': 'default',
      'hydra/hydra_logging': 'default',
      'hydra/job_logging': 'default',
      'hydra/callbacks': null,
      'hydra/env': 'default',
    });
  });

  it('fills Hydra’s defaults: output_subdir .hydra, verbose false, the override_dirname separators', () => {
    const c = empty();
    const at = (key: string) => {
      const loc = c.resolution.select(key.split('.'));
      return loc ? c.resolution.toPlain(loc) : undefined;
    };
    expect(at('hydra.output_subdir')).toBe('.hydra');
    expect(at('hydra.verbose')).toBe(false);
    expect(at('hydra.searchpath')).toEqual([]);
    expect(at('hydra.callbacks')).toEqual({});
    expect(at('hydra.job.config.override_dirname')).toEqual({ kv_sep: '=', item_sep: ',', exclude_keys: [] });
    expect(at('hydra.job.chdir')).toBe(null);
  });

  it('selects another launcher, sweeper or logging option with hydra/<group>=<option>', () => {
    const c = composeTree({
      configDir: confTree({}),
      env: {},
      overrides: ['hydra/launcher=local', 'hydra/sweeper=random', 'hydra/job_logging=disabled'],
    });
    const hydra = plain(c.root.entries.get('hydra') as Node) as Record<string, Record<string, unknown>>;
    expect(hydra.launcher?._target_).toBe('tydra.launchers.local');
    expect(hydra.launcher?.kill_grace_s).toBe(10);
    expect(hydra.sweeper).toMatchObject({ _target_: 'tydra.sweepers.random', n_trials: 20, seed: null });
    expect(hydra.job_logging).toEqual({ version: 1, root: { level: 'ERROR', handlers: [] }, disable_existing_loggers: false });
    expect(c.choices.get('hydra/launcher')).toBe('local');
  });

  it('lets a primary config override Hydra’s settings under hydra:', () => {
    const c = composeTree({ configDir: confTree({ 'config.yaml': 'hydra:\n  run:\n    dir: out\n  output_subdir: null\n' }), configName: 'config', env: {} });
    const loc = c.resolution.select(['hydra', 'run', 'dir']);
    expect(loc && c.resolution.toPlain(loc)).toBe('out');
    const sub = c.resolution.select(['hydra', 'output_subdir']);
    expect(sub && c.resolution.toPlain(sub)).toBe(null);
  });
});
