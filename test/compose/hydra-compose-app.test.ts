/**
 * What a Hydra 1.3 app composes (the composition scenarios of Hydra's tests/test_hydra.py, recreated
 * with our own conf trees): apps without a config, split configs, wrong group options, mandatory
 * defaults in run and multirun, command-line interpolations, hydra.mode, per-job choices.
 */
import { describe, expect, it } from 'vitest';
import { composeCommand } from '../../src/cli/compose-command.js';
import { sweepCommand } from '../../src/cli/sweep-command.js';
import { ConfigCompositionError, MissingConfigError } from '../../src/defaults/errors.js';
import { confTree, tempDir } from '../helpers/conf-tree.js';
import { composeFiles, composeIn, failure } from './hydra-compose-helpers.js';

async function sweep(dir: string, name: string, overrides: string[]): Promise<{ overrides: string[]; config: unknown }[]> {
  let text = '';
  await sweepCommand(['--config-dir', dir, '--config-name', name, '--format', 'json', ...overrides], (s) => {
    text += s;
  });
  return JSON.parse(text);
}

async function composeCli(dir: string, name: string, overrides: string[]): Promise<{ config: unknown; choices: Record<string, unknown>; override_dirname: string }> {
  let text = '';
  await composeCommand(['--config-dir', dir, '--config-name', name, '--resolve', '--format', 'json', ...overrides], (s) => {
    text += s;
  });
  return JSON.parse(text);
}

const groups = confTree({
  'config.yaml': '# @package _global_\ndefaults:\n  - optimizer: nesterov\n\noptimizer: ???\n',
  'optimizer/adam.yaml': 'type: adam\nlr: 0.1\nbeta: 0.01\n',
  'optimizer/nesterov.yaml': 'type: nesterov\nlr: 0.001\n',
});

describe('apps without a config', () => {
  it('composes an empty config, and keys appended from the command line', () => {
    expect(composeIn(tempDir(), undefined).json).toBe('{}');
    expect(composeIn(tempDir(), undefined, ['+abc=123', '+a.b=1', '+a.a=2']).json).toBe('{"abc": 123, "a": {"b": 1, "a": 2}}');
  });
  it('passes a list from the command line', () => {
    expect(composeIn(tempDir(), undefined, ['+foo=[1,2,3]']).json).toBe('{"foo": [1, 2, 3]}');
  });
  it('fails with a missing-config error for a config name that does not exist', () => {
    expect(failure(() => composeIn(tempDir(), 'not_found.yaml'))).toBeInstanceOf(MissingConfigError);
  });
});

describe('apps with config files', () => {
  const app = confTree({
    'config.yaml': 'dataset:\n  name: imagenet\n  path: /datasets/imagenet\n',
    'split.yaml': '# @package _global_\ndefaults:\n  - imagenet\n  - nesterov\n',
    'imagenet.yaml': '# @package _global_\ndataset:\n  name: imagenet\n  path: /datasets/imagenet\n',
    'nesterov.yaml': '# @package _global_\noptimizer:\n  type: nesterov\n  lr: 0.001\n',
    'unicode.yaml': 'config: 数据库\n',
  });
  it('loads config.yaml by its file name, and overrides a nested value', () => {
    expect(composeIn(app, 'config.yaml').json).toBe('{"dataset": {"name": "imagenet", "path": "/datasets/imagenet"}}');
    expect(composeIn(app, 'config.yaml', ['dataset.path=/datasets/imagenet2']).json).toBe('{"dataset": {"name": "imagenet", "path": "/datasets/imagenet2"}}');
  });
  it('merges configs listed without a group', () => {
    expect(composeIn(app, 'split.yaml').json).toBe('{"dataset": {"name": "imagenet", "path": "/datasets/imagenet"}, "optimizer": {"type": "nesterov", "lr": 0.001}}');
  });
  it('reads unicode values', () => {
    expect(composeIn(app, 'unicode').json).toBe('{"config": "数据库"}');
  });
});

describe('config groups chosen on the command line', () => {
  it('lists the available options when the appended option does not exist', () => {
    const e = failure(() => composeIn(groups, undefined, ['+optimizer=wrong_name']));
    expect(e).toBeInstanceOf(MissingConfigError);
    expect([...((e as MissingConfigError).options ?? [])].sort()).toEqual(['adam', 'nesterov']);
  });
  it('appends a group and changes one of its values', () => {
    expect(composeIn(groups, undefined, ['+optimizer=adam', 'optimizer.lr=10']).json).toBe('{"optimizer": {"type": "adam", "lr": 10, "beta": 0.01}}');
  });
  it('switches back to the basic launcher', () => {
    const c = composeIn(groups, 'config', ['hydra/launcher=basic']);
    expect(c.at('hydra.launcher._target_')).toBe('tydra.launchers.basic');
    expect(Object.keys(c.at('hydra.launcher') as object)).toEqual(['_target_']);
  });
  for (const option of ['xyz', '']) {
    it(`names the config and the options when db=${option} does not exist`, () => {
      const dir = confTree({ 'db_conf.yaml': 'defaults:\n  - db: mysql\n', 'db/mysql.yaml': 'driver: mysql\n', 'db/postgresql.yaml': 'driver: postgresql\n' });
      const e = failure(() => composeIn(dir, 'db_conf', [`db=${option}`]));
      expect(e).toBeInstanceOf(MissingConfigError);
      expect(e.message).toContain(`In 'db_conf': Could not find 'db/${option}'`);
      expect(e.message).toMatch(/Available options in 'db':\n\tmysql\n\tpostgresql/);
    });
  }
  it('puts an option at a dotted package', () => {
    const files = { 'config.yaml': 'defaults:\n  - dataset@dataset.test: imagenet\n', 'dataset/imagenet.yaml': 'name: imagenet\npath: /datasets/imagenet\n' };
    expect(composeFiles(files, 'config').json).toBe('{"dataset": {"test": {"name": "imagenet", "path": "/datasets/imagenet"}}}');
  });
});

describe('a mandatory default that is not given', () => {
  const dir = confTree({
    'unspecified_mandatory_default.yaml': 'defaults:\n  - group1: ???\n',
    'group1/file1.yaml': 'foo: 10\n',
    'group1/file2.yaml': 'foo: 20\n',
    'group1/abc.cde.yaml': 'x: 1\n',
  });
  const message = "You must specify 'group1', e.g, group1=<OPTION>\nAvailable options:\n\tabc.cde\n\tfile1\n\tfile2";
  it('fails a run', () => {
    expect(failure(() => composeIn(dir, 'unspecified_mandatory_default')).message).toContain(message);
  });
  it('fails a multirun whose jobs do not choose it', async () => {
    const e = await sweep(dir, 'unspecified_mandatory_default', ['+x=1,2']).then(
      () => undefined,
      (err: unknown) => err as Error,
    );
    expect(e?.message).toContain(message);
  });
  it('composes a multirun whose jobs choose it', async () => {
    const jobs = await sweep(dir, 'unspecified_mandatory_default', ['group1=file1,file2']);
    expect(jobs.map((j) => j.config)).toEqual([{ group1: { foo: 10 } }, { group1: { foo: 20 } }]);
  });
});

describe('multirun', () => {
  it('evaluates command-line interpolations in each job', async () => {
    const jobs = await sweep(confTree({ 'config.yaml': '{}\n' }), 'config', ['+foo=10,20', '+bar=${foo}']);
    expect(jobs.map((j) => j.config)).toEqual([
      { foo: 10, bar: 10 },
      { foo: 20, bar: 20 },
    ]);
  });
  it('sweeps over options of a group in the defaults list', async () => {
    const dir = confTree({
      'compose.yaml': '# @package _global_\ndefaults:\n  - group1: file1\n  - group2: file1\n',
      'group1/file1.yaml': '# @package _global_\nfoo: 10\n',
      'group1/file2.yaml': '# @package _global_\nfoo: 20\n',
      'group2/file1.yaml': '# @package _global_\nbar: 100\n',
    });
    const jobs = await sweep(dir, 'compose', ['group1=file1,file2']);
    expect(jobs.map((j) => j.config)).toEqual([
      { foo: 10, bar: 100 },
      { foo: 20, bar: 100 },
    ]);
  });
  it('appends a group that is in no defaults list, per job', async () => {
    const dir = confTree({
      'config.yaml': 'defaults:\n  - group: opt1\n',
      'group/opt1.yaml': '# @package _global_\ngroup_opt1: true\n',
      'free_group/opt1.yaml': '# @package _global_\nfree_group_opt1: true\n',
      'free_group/opt2.yaml': '# @package _global_\nfree_group_opt2: true\n',
    });
    const jobs = await sweep(dir, 'config', ['+free_group=opt1,opt2']);
    expect(jobs).toEqual([
      { overrides: ['+free_group=opt1'], config: { group_opt1: true, free_group_opt1: true } },
      { overrides: ['+free_group=opt2'], config: { group_opt1: true, free_group_opt2: true } },
    ]);
  });
  it('reports the choices of each job in hydra.runtime.choices', async () => {
    const dir = confTree({
      'config.yaml': '# @package _global_\ndefaults:\n  - optimizer: nesterov\n\nchoice: ${hydra:runtime.choices.optimizer}\n',
      'optimizer/adam.yaml': 'type: adam\n',
      'optimizer/nesterov.yaml': 'type: nesterov\n',
    });
    const jobs = await sweep(dir, 'config', ['optimizer=adam,nesterov']);
    expect(jobs.map((j) => (j.config as { choice: string }).choice)).toEqual(['adam', 'nesterov']);
  });
});

describe('the hydra node seen from the job config', () => {
  it('resolves override_dirname from the overrides after interpolation', async () => {
    const dir = confTree({ 'config.yaml': 'a: 10\nb: 20\nc: override_${hydra:job.override_dirname}\n' });
    const out = await composeCli(dir, 'config', ['b=${a}', 'a=foo']);
    expect(out.config).toEqual({ a: 'foo', b: 'foo', c: 'override_a=foo,b=foo' });
  });
  it('sets hydra.mode from the command line, RUN by default', () => {
    expect(composeIn(tempDir(), undefined).at('hydra.mode')).toBe('RUN');
    expect(composeIn(tempDir(), undefined, ['hydra.mode=RUN']).at('hydra.mode')).toBe('RUN');
    expect(composeIn(tempDir(), undefined, ['+x=1', 'hydra.mode=MULTIRUN']).at('hydra.mode')).toBe('MULTIRUN');
  });
  it('records the mode as Hydra’s app runner does: an override after the command line’s, only for an app', () => {
    const app = { recordMode: true } as const;
    expect(composeIn(tempDir(), undefined, ['hydra.job.name=x'], app).at('hydra.overrides.hydra')).toEqual(['hydra.job.name=x', 'hydra.mode=RUN']);
    expect(composeIn(tempDir(), undefined, ['+x=1,2'], { ...app, mode: 'multirun' }).at('hydra.overrides.hydra')).toEqual(['hydra.mode=MULTIRUN']);
    // Set by the command line: not added again.
    expect(composeIn(tempDir(), undefined, ['hydra.mode=RUN'], app).at('hydra.overrides.hydra')).toEqual(['hydra.mode=RUN']);
    // The compose API records nothing.
    expect(composeIn(tempDir(), undefined, ['hydra.job.name=x']).at('hydra.overrides.hydra')).toEqual(['hydra.job.name=x']);
  });
  it('lets a multirun override hydra.mode: RUN from the config (-m wins, as Hydra)', () => {
    const files = { 'config.yaml': 'hydra:\n  mode: RUN\n' };
    const c = composeFiles(files, 'config', ['+x=1,2'], { mode: 'multirun', recordMode: true });
    expect(c.at('hydra.mode')).toBe('MULTIRUN');
    expect(c.at('hydra.overrides.hydra')).toEqual(['hydra.mode=MULTIRUN']);
    expect(composeFiles(files, 'config', [], { recordMode: true }).at('hydra.overrides.hydra')).toEqual([]);
  });
  it('rejects a sweep in a run even with hydra.mode=RUN', () => {
    const e = failure(() => composeIn(tempDir(), undefined, ['+x=1,2', 'hydra.mode=RUN']));
    expect(e).toBeInstanceOf(ConfigCompositionError);
    expect(e.message).toContain("Ambiguous value for argument '+x=1,2'");
  });
  it('takes the run dir from the config, the command line over it, with interpolations', () => {
    const dir = confTree({ 'config.yaml': 'hydra:\n  run:\n    dir: foo-${hydra.job.override_dirname}\napp:\n  a: 1\n  b: 2\n' });
    expect(composeIn(dir, 'config', ['app.b=10', 'app.a=20']).at('hydra.run.dir')).toBe('foo-app.a=20,app.b=10');
    expect(composeIn(dir, 'config', ['hydra.run.dir=boom']).at('hydra.run.dir')).toBe('boom');
  });
  it('sets hydra.job.env_set from the config and from an appended override', () => {
    const dir = confTree({ 'config.yaml': 'hydra:\n  job:\n    env_set:\n      foo: bar\n' });
    expect(composeIn(dir, 'config').at('hydra.job.env_set')).toEqual({ foo: 'bar' });
    expect(composeIn(tempDir(), undefined, ['+hydra.job.env_set.foo=bar']).at('hydra.job.env_set')).toEqual({ foo: 'bar' });
  });
});
