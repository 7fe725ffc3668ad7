/**
 * Hydra 1.3's basic sweeper (tests/test_basic_sweeper.py, the basic_sweeper_params test apps and
 * the job-override behaviour of tests/test_hydra.py): how overrides split into jobs and batches,
 * the text each job receives, `hydra.sweeper.params`, and each job's override_dirname.
 */
import { describe, expect, it } from 'vitest';
import { sweepCommand } from '../../src/cli/sweep-command.js';
import { Composer } from '../../src/compose/compose.js';
import { parseOverride } from '../../src/overrides/parser.js';
import { BasicSweeper } from '../../src/sweep/basic-sweeper.js';
import { batches, iterateJobs, jobOverridesAt, planBasicSweep } from '../../src/sweep/basic.js';
import { createSweeper } from '../../src/sweep/create-sweeper.js';
import type { JobResult } from '../../src/runtime/job-types.js';
import { confTree } from '../helpers/conf-tree.js';

const plan = (overrides: string[], groupOptions: (g: string) => readonly string[] = () => []) =>
  planBasicSweep(overrides.map(parseOverride), { groupOptions });

/** Hydra's `BasicSweeper.split_arguments`: the batches of jobs, each job a list of overrides. */
function split(overrides: string[], maxBatchSize: number | null): string[][][] {
  const p = plan(overrides);
  return [...batches(p, maxBatchSize)].map(({ start, end }) => {
    const out: string[][] = [];
    for (let n = start; n < end; n++) out.push(jobOverridesAt(p, n));
    return out;
  });
}

interface Job {
  overrides: string[];
  config: Record<string, unknown>;
}

async function sweep(files: Record<string, string>, overrides: string[], configName: string | null = 'config'): Promise<Job[]> {
  const dir = confTree(files);
  let out = '';
  const name = configName === null ? [] : ['--config-name', configName];
  const code = await sweepCommand(['--config-dir', dir, ...name, '--format', 'json', ...overrides], (s) => {
    out += s;
  });
  expect(code).toBe(0);
  return JSON.parse(out) as Job[];
}

async function sweepFails(files: Record<string, string>, overrides: string[]): Promise<void> {
  const dir = confTree(files);
  let failed = false;
  try {
    const code = await sweepCommand(['--config-dir', dir, '--config-name', 'config', '--format', 'json', ...overrides], () => {});
    failed = code !== 0;
  } catch {
    failed = true;
  }
  expect(failed, `expected the sweep ${overrides.join(' ')} to fail`).toBe(true);
}

describe('Hydra test_split: jobs and batches', () => {
  it.each<[string, string[], number | null, string[][][]]>([
    ['simple', ['x=10'], null, [[['x=10']]]],
    ['split_1d', ['x=10,20'], null, [[['x=10'], ['x=20']]]],
    ['not_split_yaml_list', ['x=[10,20]'], null, [[['x=[10,20]']]]],
    ['list_of_lists', ['x=[a,b,c],[d,e,f]'], null, [[['x=[a,b,c]'], ['x=[d,e,f]']]]],
    ['no_batching', ['a=1,2', 'b=10,11'], null, [[['a=1', 'b=10'], ['a=1', 'b=11'], ['a=2', 'b=10'], ['a=2', 'b=11']]]],
    ['batches_of_1', ['a=1,2', 'b=10,11'], 1, [[['a=1', 'b=10']], [['a=1', 'b=11']], [['a=2', 'b=10']], [['a=2', 'b=11']]]],
    ['batches_of_2', ['a=1,2', 'b=10,11'], 2, [[['a=1', 'b=10'], ['a=1', 'b=11']], [['a=2', 'b=10'], ['a=2', 'b=11']]]],
    ['batches_of_3 (the last one short)', ['a=1,2', 'b=10,11'], 3, [[['a=1', 'b=10'], ['a=1', 'b=11'], ['a=2', 'b=10']], [['a=2', 'b=11']]]],
    ['range', ['a=range(0,3)'], null, [[['a=0'], ['a=1'], ['a=2']]]],
    ['range_no_start', ['a=range(3)'], null, [[['a=0'], ['a=1'], ['a=2']]]],
  ])('%s', (_name, overrides, maxBatchSize, expected) => {
    expect(split(overrides, maxBatchSize)).toEqual(expected);
  });

  it('hands batches out one at a time: the next starts when the previous one has ended', () => {
    const s = new BasicSweeper(plan(['a=1,2', 'b=10,11']), 2);
    const done = (num: number) => ({ num, overrides: [], status: 'completed' }) as unknown as JobResult;
    expect(s.ask(10).map((j) => j.overrides)).toEqual([
      ['a=1', 'b=10'],
      ['a=1', 'b=11'],
    ]);
    s.tell(done(0));
    expect(s.ask(10)).toEqual([]);
    s.tell(done(1));
    expect(s.ask(10).map((j) => j.overrides)).toEqual([
      ['a=2', 'b=10'],
      ['a=2', 'b=11'],
    ]);
    expect(s.done()).toBe(true);
  });
});

describe('hydra.sweeper.max_batch_size', () => {
  const build = (batch: string) => {
    const dir = confTree({ 'config.yaml': 'x: 0\n' });
    const overrides = ['x=1,2,3', `hydra.sweeper.max_batch_size=${batch}`].map(parseOverride);
    const composer = new Composer({ configDir: dir, configName: 'config', mode: 'multirun' }, overrides);
    return () => createSweeper(composer, composer.compose(overrides), overrides, { cwd: dir }).sweeper;
  };

  it('is read from the config: batches of that size', () => {
    const s = build('2')();
    expect(s.ask(10).map((j) => j.num)).toEqual([0, 1]);
  });

  it('rejects 0 and negative sizes, as Hydra asserts max_batch_size > 0', () => {
    expect(build('0')).toThrow(/max_batch_size/);
    expect(build('-1')).toThrow(/max_batch_size/);
  });
});

describe('the cartesian product: the first key varies slowest, each key once', () => {
  const jobs = (overrides: string[]) => [...iterateJobs(plan(overrides))];

  it('keeps fixed overrides in their place in every job', () => {
    expect(jobs(['a=1,2', 'c=0', 'b=x,y'])).toEqual([
      ['a=1', 'c=0', 'b=x'],
      ['a=1', 'c=0', 'b=y'],
      ['a=2', 'c=0', 'b=x'],
      ['a=2', 'c=0', 'b=y'],
    ]);
  });

  it('lets a later override of the same key replace the earlier one, in the earlier place', () => {
    expect(jobs(['seed=1,2', 'model=vit', 'seed=3'])).toEqual([['seed=3', 'model=vit']]);
    expect(jobs(['a=1', 'b=2', 'a=5,6'])).toEqual([
      ['a=5', 'b=2'],
      ['a=6', 'b=2'],
    ]);
  });

  it('tells keys apart by their prefix and package (Hydra keys the sweep by the key element)', () => {
    expect(jobs(['+a=1,2', 'a=3'])).toEqual([
      ['+a=1', 'a=3'],
      ['+a=2', 'a=3'],
    ]);
    expect(jobs(['db=x', 'db@backup=y,z'])).toEqual([
      ['db=x', 'db@backup=y'],
      ['db=x', 'db@backup=z'],
    ]);
  });

  it('sweeps a list value only when it is one of several comma-separated values', () => {
    expect(jobs(['x=[1,2]'])).toEqual([['x=[1,2]']]);
    expect(jobs(['x=[1,2],[3,4]'])).toEqual([['x=[1,2]'], ['x=[3,4]']]);
    expect(jobs(['x=choice([1,2])'])).toEqual([['x=[1,2]']]);
    expect(jobs(['x={a:1},{a:2}'])).toEqual([['x={a:1}'], ['x={a:2}']]);
  });

  it('walks ranges with negative and float steps as Hydra does', () => {
    expect(jobs(['x=range(5,0,-2)'])).toEqual([['x=5'], ['x=3'], ['x=1']]);
    expect(jobs(['x=range(0,1,0.25)'])).toEqual([['x=0.0'], ['x=0.25'], ['x=0.5'], ['x=0.75']]);
    expect(jobs(['x=range(0.1,0.5,0.1)'])).toEqual([['x=0.1'], ['x=0.2'], ['x=0.30000000000000004'], ['x=0.4']]);
    expect(jobs(['x=range(3,0)'])).toEqual([]);
    expect(jobs(['x=range(9007199254740993,9007199254740996)'])).toEqual([['x=9007199254740993'], ['x=9007199254740994'], ['x=9007199254740995']]);
    expect(jobs(['x=range(9007199254740990,9007199254741000,4)'])).toEqual([['x=9007199254740990'], ['x=9007199254740994'], ['x=9007199254740998']]);
    expect(jobs(['x=sort(range(0,3),reverse=true)'])).toEqual([['x=2'], ['x=1'], ['x=0']]);
  });

  it('sorts a choice before sweeping it', () => {
    expect(jobs(['x=sort(c,a,b)'])).toEqual([['x=a'], ['x=b'], ['x=c']]);
    expect(jobs(['x=sort(choice(3,1,2),reverse=true)'])).toEqual([['x=3'], ['x=2'], ['x=1']]);
  });

  it('rejects an interval: the basic sweeper needs discrete values', () => {
    expect(() => plan(['x=interval(0,1)'])).toThrow(/does not support sweep type/);
    expect(() => plan(['x=tag(log,interval(0,1))'])).toThrow(/does not support sweep type/);
  });
});

describe('the text each job receives: Hydra re-writes every value', () => {
  it.each<[string, string[]]>([
    ['flag=true', ['flag=True']],
    ['flag=true,false', ['flag=True', 'flag=False']],
    ['lr=1e-3', ['lr=0.001']],
    ['lr=1e-3,1e-8', ['lr=0.001', 'lr=1e-08']],
    ['x=1_000', ['x=1000']],
    ['x= 1 ', ['x=1']],
    ['x=1.0,2', ['x=1.0', 'x=2']],
    ['x=null', ['x=null']],
    ['x=NULL,a', ['x=null', 'x=a']],
    ['~x', ['~x=null']],
    ['~x=', ['~x=']],
    ["+x='a,b'", ["+x='a,b'"]],
    ['+x="a b",c', ['+x="a b"', '+x=c']],
    ['x=a\\,b,c', ['x=a\\,b', 'x=c']],
    ['x=a b', ['x=a\\ b']],
    ['x=${a}', ['x=$\\{a\\}']],
    ["x='${a}'", ["x='${a}'"]],
    ['x=[1, 2]', ['x=[1,2]']],
    ["x=['a b', 2]", ["x=['a b',2]"]],
    ['x={a: 1, b: [x, y]}', ['x={a:1,b:[x,y]}']],
    ['x=str(1),str(2.5)', ['x=1', 'x=2.5']],
    ['x=int(1.5),float(2)', ['x=1', 'x=2.0']],
    ["x=choice('a b','c')", ['x=a\\ b', 'x=c']],
    ['x=inf,-inf,nan', ['x=inf', 'x=-inf', 'x=nan']],
    ['x=1e16', ['x=1e+16']],
  ])('%s', (override, expected) => {
    expect([...iterateJobs(plan([override]))].map((j) => j[0])).toEqual(expected);
  });
});

describe('glob() over a config group', () => {
  const options = (g: string) => (g === 'db' ? ['mysql', 'postgresql', 'sqlite', 'sqlserver'] : []);
  const jobs = (overrides: string[]) => [...iterateJobs(plan(overrides, options))].map((j) => j.join(' '));

  it.each<[string, string[]]>([
    ['db=glob(*)', ['db=mysql', 'db=postgresql', 'db=sqlite', 'db=sqlserver']],
    ['db=glob(s*)', ['db=sqlite', 'db=sqlserver']],
    ['db=glob(*,exclude=sql*)', ['db=mysql', 'db=postgresql']],
    ['db=glob([m*,p*])', ['db=mysql', 'db=postgresql']],
    ['db=glob(include=[*],exclude=[m*,p*])', ['db=sqlite', 'db=sqlserver']],
    ['+db@backup=glob(my*)', ['+db@backup=mysql']],
    ['db=glob(nothing*)', []],
    ['other=glob(*)', []],
  ])('%s', (override, expected) => {
    expect(jobs([override])).toEqual(expected);
  });

  it('selects the options of the group on disk, sorted, and not its subgroups', async () => {
    const out = await sweep(
      {
        'config.yaml': 'defaults:\n  - db: b\n  - _self_\n',
        'db/b.yaml': 'name: b\n',
        'db/a.yaml': 'name: a\n',
        'db/B.yaml': 'name: B\n',
        'db/nested/x.yaml': 'name: x\n',
      },
      ['db=glob(*)'],
    );
    expect(out.map((j) => j.overrides)).toEqual([['db=B'], ['db=a'], ['db=b']]);
    expect(out.map((j) => j.config)).toEqual([{ db: { name: 'B' } }, { db: { name: 'a' } }, { db: { name: 'b' } }]);
  });

  it('launches no job when the glob matches no option (Hydra launches 0 jobs, without error)', async () => {
    const files = { 'config.yaml': 'defaults:\n  - db: a\n  - _self_\n', 'db/a.yaml': 'name: a\n' };
    expect(await sweep(files, ['db=glob(nothing*)'])).toEqual([]);
    expect(await sweep(files, ['+x=range(3,0)'])).toEqual([]);
  });

  it('sweeps a glob given with an empty package (+group@=glob(...)), as Hydra test_glob_uses_primary_config_searchpath', async () => {
    const out = await sweep(
      { 'config.yaml': 'x: 1\n', 'group1/file1.yaml': 'foo: 10\n', 'group1/file2.yaml': 'foo: 20\n', 'group1/other.yaml': 'foo: 30\n' },
      ['+group1@=glob(file*)'],
    );
    expect(out.map((j) => j.overrides)).toEqual([['+group1@=file1'], ['+group1@=file2']]);
    expect(out.map((j) => j.config)).toEqual([
      { x: 1, foo: 10 },
      { x: 1, foo: 20 },
    ]);
  });
});

describe('hydra.sweeper.params (Hydra basic_sweeper_params test apps)', () => {
  it('reads params from the primary config', async () => {
    const out = await sweep({ 'config.yaml': 'hydra:\n  sweeper:\n    params:\n      +foo: bar,baz\n' }, []);
    expect(out).toEqual([
      { overrides: ['+foo=bar'], config: { foo: 'bar' } },
      { overrides: ['+foo=baz'], config: { foo: 'baz' } },
    ]);
  });

  it('reads params from a config in the hydra/sweeper/params group', async () => {
    const out = await sweep({ 'hydra/sweeper/params/grid_search.yaml': '+foo: bar,baz\n' }, ['+hydra/sweeper/params=grid_search'], null);
    expect(out).toEqual([
      { overrides: ['+foo=bar'], config: { foo: 'bar' } },
      { overrides: ['+foo=baz'], config: { foo: 'baz' } },
    ]);
  });

  it('reads params from an experiment in the global package', async () => {
    const out = await sweep(
      { 'exp/grid_search.yaml': '# @package _global_\nhydra:\n  sweeper:\n    params:\n      +foo: bar,baz\n' },
      ['+exp=grid_search'],
      null,
    );
    expect(out.map((j) => j.overrides)).toEqual([
      ['+foo=bar', '+exp=grid_search'],
      ['+foo=baz', '+exp=grid_search'],
    ]);
  });

  it('puts params first; the command line replaces a param of the same key in its place', async () => {
    const files = { 'config.yaml': 'a: 0\nb: 0\nc: 0\nhydra:\n  sweeper:\n    params:\n      a: 1,2\n      b: x,y\n' };
    expect((await sweep(files, ['c=5', 'a=7'])).map((j) => j.overrides)).toEqual([
      ['a=7', 'b=x', 'c=5'],
      ['a=7', 'b=y', 'c=5'],
    ]);
    expect((await sweep(files, ['b=z,w'])).map((j) => j.overrides)).toEqual([
      ['a=1', 'b=z'],
      ['a=1', 'b=w'],
      ['a=2', 'b=z'],
      ['a=2', 'b=w'],
    ]);
  });

  it('reads each param as a string (Dict[str, str]): a YAML float stays a float, a bool is True', async () => {
    const files = {
      'config.yaml': 'a: 0\nb: 0\nc: 0\nd: 0\ne: 0\nf: 0\nhydra:\n  sweeper:\n    params:\n      a: 1.0\n      b: 1e-5\n      c: 10\n      d: true\n      e: [1, x]\n      f: "0.5"\n',
    };
    const [job] = await sweep(files, []);
    expect(job?.overrides).toEqual(['a=1.0', 'b=1e-05', 'c=10', 'd=True', "e=[1,'x']", 'f=0.5']);
    expect(job?.config).toEqual({ a: 1, b: 1e-5, c: 10, d: true, e: [1, 'x'], f: 0.5 });
  });

  it('resolves interpolations in params before splitting them', async () => {
    const out = await sweep({ 'config.yaml': 'seeds: 1,2\nseed: 0\nhydra:\n  sweeper:\n    params:\n      seed: ${seeds}\n' }, []);
    expect(out.map((j) => j.overrides)).toEqual([['seed=1'], ['seed=2']]);
  });

  it('rejects a null param (the params are typed Dict[str, str])', async () => {
    await sweepFails({ 'config.yaml': 'a: 0\nhydra:\n  sweeper:\n    params:\n      a: null\n' }, []);
  });
});

describe("the command line's hydra overrides apply to every job without being listed in it", () => {
  it('lists only the task overrides, as Hydra sweeps over hydra.overrides.task', async () => {
    const out = await sweep({ 'config.yaml': 'x: 0\nname: ${hydra:job.name}\n' }, ['hydra.job.name=foo', 'x=1,2', 'hydra/launcher=basic']);
    expect(out).toEqual([
      { overrides: ['x=1'], config: { x: 1, name: 'foo' } },
      { overrides: ['x=2'], config: { x: 2, name: 'foo' } },
    ]);
  });

  it('rejects a sweep over a hydra key', async () => {
    await sweepFails({ 'config.yaml': 'x: 0\n' }, ['hydra.job.name=a,b']);
  });
});

describe("each job's override_dirname is built from the job's own (re-written) overrides", () => {
  const conf = (extra = '') => ({ 'config.yaml': `lr: 0\nflag: false\nseed: 0\nd: \${hydra:job.override_dirname}\n${extra}` });
  const dirnames = async (files: Record<string, string>, overrides: string[]) => (await sweep(files, overrides)).map((j) => j.config.d);

  it('sorts the job overrides as re-written by the sweeper', async () => {
    expect(await dirnames(conf(), ['seed=2,1', 'flag=true', 'lr=1e-3'])).toEqual(['flag=True,lr=0.001,seed=2', 'flag=True,lr=0.001,seed=1']);
  });

  it('leaves out excluded keys whatever their prefix, and replaces every = with kv_sep', async () => {
    const extra = 'hydra:\n  job:\n    config:\n      override_dirname:\n        kv_sep: ":"\n        item_sep: "_"\n        exclude_keys: [seed]\n';
    expect(await dirnames(conf(extra), ['seed=1,2', '+tag=a\\=b', 'lr=0.1'])).toEqual(['+tag:a\\:b_lr:0.1', '+tag:a\\:b_lr:0.1']);
  });

  it('includes the params (they are job overrides) but not hydra overrides', async () => {
    const extra = 'hydra:\n  sweeper:\n    params:\n      seed: 1,2\n';
    expect(await dirnames(conf(extra), ['hydra.job.name=n', 'lr=0.5'])).toEqual(['lr=0.5,seed=1', 'lr=0.5,seed=2']);
  });

  it('takes exclude_keys given on the command line', async () => {
    expect(await dirnames(conf(), ['seed=1,2', 'lr=0.5', 'hydra.job.config.override_dirname.exclude_keys=[seed]'])).toEqual(['lr=0.5', 'lr=0.5']);
  });
});

describe('Hydra quirks kept on purpose', () => {
  it('a quoted number inside choice() reaches the job unquoted, so the job gets an int', async () => {
    const out = await sweep({ 'config.yaml': 'x: 0\n' }, ["x=choice('1','2')"]);
    expect(out.map((j) => [j.overrides, j.config.x])).toEqual([
      [['x=1'], 1],
      [['x=2'], 2],
    ]);
  });

  it('a quoted value keeps its quotes, so it stays a string', async () => {
    const out = await sweep({ 'config.yaml': 'x: 0\n' }, ["x='1','2'"]);
    expect(out.map((j) => [j.overrides, j.config.x])).toEqual([
      [["x='1'"], '1'],
      [["x='2'"], '2'],
    ]);
  });
});

describe('tydra differs on purpose', () => {
  // Hydra writes these unquoted, so every job fails to parse its own override (docs/coming-from-hydra.md).
  it('quotes a value no escape can write unquoted (from choice() or an interpolation), so the jobs run', async () => {
    const uni = await sweep({ 'config.yaml': 'x: 0\ny: 0\n' }, ["x=choice('café','thé')"]);
    expect(uni.map((j) => [j.overrides, j.config.x])).toEqual([
      [["x='café'"], 'café'],
      [["x='thé'"], 'thé'],
    ]);
    const env = await sweep({ 'config.yaml': 'x: 0\ny: 0\n' }, ["x=${oc.env:TYDRA_UNSET_VAR,'d'}", 'y=1,2']);
    expect(env.map((j) => [j.overrides, j.config.x])).toEqual([
      [[`x="\${oc.env:TYDRA_UNSET_VAR,'d'}"`, 'y=1'], 'd'],
      [[`x="\${oc.env:TYDRA_UNSET_VAR,'d'}"`, 'y=2'], 'd'],
    ]);
  });
});
