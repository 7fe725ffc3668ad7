/**
 * Hydra's launcher conformance suite (hydra/test_utils/launcher_common_tests.py: LauncherTestSuite,
 * BatchedSweeperTestSuite, IntegrationTestSuite, with the parameters of tests/test_basic_launcher.py)
 * run against tydra's `basic` and `local` launchers: real sweeps through main(), in temp dirs, with
 * Hydra's test conf tree (hydra/test_utils/configs). Expectations are Hydra 1.3's (version_base 1.3,
 * so hydra.job.chdir is false unless set).
 *
 * Where Hydra's suite reads a JobReturn (cfg, hydra_cfg, working_dir), tydra's main() returns a flat
 * list of JobResults (overrides, outputDir, id, returnValue): the task returns what it saw (its cfg,
 * its run context, the `hydra` node, its cwd), so the checks are the same.
 *
 * The local launcher starts the app again for every job: main() is given `relaunch` (a script in the
 * temp dir that imports the built dist/ and runs the same task), so these tests need `npm run build`.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { registerResolver } from '../../src/config/resolvers/global.js';
import type { JobResult } from '../../src/runtime/job-types.js';
import { main } from '../../src/runtime/main.js';
import { confTree, tempDir } from '../helpers/conf-tree.js';

const DIST = pathToFileURL(path.resolve(__dirname, '../../dist/index.js')).href;
const LAUNCHERS = ['basic', 'local'] as const;
type LauncherName = (typeof LAUNCHERS)[number];

/** hydra/test_utils/configs, the files the suite uses. */
const HYDRA_TEST_CONFIGS: Record<string, string> = {
  'compose.yaml': '# @package _global_\ndefaults:\n  - group1: file1\n  - group2: file1\n',
  'group1/file1.yaml': '# @package _global_\nfoo: 10\n',
  'group1/file2.yaml': '# @package _global_\nfoo: 20\n',
  'group2/file1.yaml': '# @package _global_\nbar: 100\n',
  'group2/file2.yaml': '# @package _global_\nbar: 200\n',
  'db_conf.yaml': 'defaults:\n  - db: mysql\n\ndb:\n  user: ???\n',
  'db/mysql.yaml': 'driver: mysql\nuser: omry\npassword: secret\n',
  'db/postgresql.yaml': 'driver: postgresql\nuser: postgre_user\npassword: drowssap\ntimeout: 10\n',
  'unspecified_mandatory_default.yaml': 'defaults:\n  - group1: ???\n',
  'custom_resolver.yaml': 'x: ${my_custom_resolver:}\n',
};

/** The task: returns what it saw, so the checks can look at it (Hydra's suite reads JobReturn.cfg / hydra_cfg). */
const TASK_SOURCE = `
export function task(cfg, ctx) {
  const h = ctx.hydra;
  return {
    cfg,
    cwd: process.cwd(),
    pid: process.pid,
    outputDir: ctx.outputDir,
    originalCwd: ctx.originalCwd,
    absPath: ctx.resolvePath('/foo/bar'),
    relPath: ctx.resolvePath('foo/bar'),
    ctxJob: { name: ctx.job.name, num: ctx.job.num, id: ctx.job.id, overrideDirname: ctx.job.overrideDirname },
    hydraJob: { name: h.job.name, num: h.job.num, id: h.job.id, override_dirname: h.job.override_dirname, chdir: h.job.chdir },
    runtimeOutputDir: h.runtime.output_dir,
    mode: h.mode,
    sweepDir: h.sweep.dir,
    outputSubdir: h.output_subdir,
  };
}
`;

interface Seen {
  cfg: Record<string, unknown>;
  cwd: string;
  pid: number;
  outputDir: string;
  originalCwd: string;
  absPath: string;
  relPath: string;
  ctxJob: { name: string; num: number; id: string; overrideDirname: string };
  hydraJob: { name: string; num: number; id: string; override_dirname: string; chdir: boolean | null };
  runtimeOutputDir: string;
  mode: string;
  sweepDir: string;
  outputSubdir: string | null;
}

interface Suite {
  conf: string;
  cwd: string;
  /** The child script the local launcher starts (same conf, name and task). */
  script: string;
  task: (cfg: unknown, ctx: unknown) => unknown;
}

/** A conf tree, a cwd, the task module and the app script for the local launcher. */
async function setup(files: Record<string, string> = HYDRA_TEST_CONFIGS, configName = 'compose'): Promise<Suite> {
  const conf = confTree(files);
  const cwd = tempDir('tydra-hydra-suite-');
  const taskFile = path.join(conf, 'task.mjs');
  fs.writeFileSync(taskFile, TASK_SOURCE);
  const script = path.join(conf, 'a_module.mjs');
  fs.writeFileSync(
    script,
    [
      `import { main, registerResolver } from ${JSON.stringify(DIST)};`,
      `import { task } from ${JSON.stringify(pathToFileURL(taskFile).href)};`,
      `registerResolver('my_custom_resolver', () => 'foo', { replace: true });`,
      `main({ configPath: ${JSON.stringify(conf)}, configName: ${JSON.stringify(configName)}, name: 'a_module' }, task);`,
      '',
    ].join('\n'),
  );
  const { task } = (await import(pathToFileURL(taskFile).href)) as { task: Suite['task'] };
  return { conf, cwd, script, task };
}

/**
 * Hydra's sweep_runner: a multirun of `overrides` (plus hydra.sweep.dir=<temp dir>) from `cwd`,
 * in this process (basic) or with the app started again per job (local). Returns the job results.
 */
async function sweep(s: Suite, launcher: LauncherName, overrides: string[], configName = 'compose'): Promise<{ results: JobResult[]; sweepDir: string }> {
  const sweepDir = path.join(s.cwd, 'sweep');
  const argv = ['-m', `hydra/launcher=${launcher}`, ...(launcher === 'local' ? ['hydra.launcher.n_jobs=2'] : []), ...overrides, `hydra.sweep.dir=${sweepDir}`];
  const before = process.cwd();
  process.chdir(s.cwd);
  try {
    const results = (await main(
      { configPath: s.conf, configName, name: 'a_module', argv, cwd: s.cwd, console: () => undefined, relaunch: [process.execPath, s.script] },
      s.task as never,
    )) as JobResult[];
    return { results, sweepDir };
  } finally {
    process.chdir(before);
  }
}

const seen = (r: JobResult): Seen => r.returnValue as unknown as Seen;
const readYaml = (file: string): unknown => parseYaml(fs.readFileSync(file, 'utf8'));

/** Hydra's verify_dir_outputs: the job's output dir has the job log and `.hydra/{config,hydra,overrides}.yaml`. */
function verifyDirOutputs(r: JobResult, overrides: string[] = []): void {
  const v = seen(r);
  expect(r.outputDir).toBe(v.runtimeOutputDir);
  const out = v.runtimeOutputDir;
  expect(v.outputSubdir).toBe('.hydra');
  const hydraDir = path.join(out, v.outputSubdir as string);
  expect(fs.existsSync(path.join(out, `${v.hydraJob.name}.log`))).toBe(true);
  for (const f of ['config.yaml', 'hydra.yaml', 'overrides.yaml']) expect(fs.existsSync(path.join(hydraDir, f)), f).toBe(true);
  expect(readYaml(path.join(hydraDir, 'overrides.yaml'))).toEqual(overrides);
  // The job's hydra.yaml records its run: num, id, output dir, mode.
  const hy = (readYaml(path.join(hydraDir, 'hydra.yaml')) as { hydra: Record<string, Record<string, unknown>> }).hydra;
  expect(hy.job?.num).toBe(v.hydraJob.num);
  expect(String(hy.job?.id)).toBe(v.hydraJob.id);
  expect(hy.runtime?.output_dir).toBe(out);
  expect(hy.mode).toBe('MULTIRUN');
  expect(hy.job?.name).toBe(v.hydraJob.name);
  expect(hy.runtime?.cwd).toBe(v.originalCwd);
  expect((hy.overrides as { task: string[] }).task).toEqual(overrides);
  // config.yaml is the job's config (no hydra node).
  expect(readYaml(path.join(hydraDir, 'config.yaml'))).toEqual(v.cfg);
}

function multirunYaml(sweepDir: string): { hydra: { overrides: { task: string[] }; mode: string } } {
  return readYaml(path.join(sweepDir, 'multirun.yaml')) as { hydra: { overrides: { task: string[] }; mode: string } };
}

/** The run context the task saw agrees with Hydra's job node and with where the job ran. */
function checkRunContext(r: JobResult, s: Suite, launcher: LauncherName, sweepDir: string, subdir: string): void {
  const v = seen(r);
  expect(v.hydraJob.name).toBe('a_module');
  expect(v.ctxJob.name).toBe('a_module');
  expect(v.hydraJob.num).toBe(r.num);
  expect(v.ctxJob.num).toBe(r.num);
  expect(v.hydraJob.id).toBeTruthy();
  expect(v.ctxJob.id).toBe(v.hydraJob.id);
  expect(r.id).toBe(v.hydraJob.id);
  expect(v.mode).toBe('MULTIRUN');
  expect(v.sweepDir).toBe(sweepDir);
  expect(v.outputDir).toBe(path.join(sweepDir, subdir));
  expect(v.runtimeOutputDir).toBe(v.outputDir);
  // Hydra 1.3 leaves hydra.job.chdir null (unset); with version_base >= 1.2 that means no chdir:
  // the task runs in the app's cwd.
  expect(v.hydraJob.chdir).toBeNull();
  expect(fs.realpathSync(v.cwd)).toBe(fs.realpathSync(s.cwd));
  expect(v.originalCwd).toBe(s.cwd);
  if (launcher === 'basic') expect(v.pid).toBe(process.pid);
  else expect(v.pid).not.toBe(process.pid);
}

describe.each(LAUNCHERS)('LauncherTestSuite: hydra/launcher=%s', (launcher) => {
  it('test_sweep_1_job (and _strict): one job, no overrides, cfg {foo: 10, bar: 100}, job name/id/num set', async () => {
    const s = await setup();
    const { results, sweepDir } = await sweep(s, launcher, []);
    expect(results).toHaveLength(1);
    const [r] = results as [JobResult];
    expect(r.status).toBe('completed');
    expect(r.overrides).toEqual([]);
    expect(seen(r).cfg).toEqual({ foo: 10, bar: 100 });
    checkRunContext(r, s, launcher, sweepDir, '0');
    verifyDirOutputs(r);
    expect(multirunYaml(sweepDir).hydra.overrides.task).toEqual([]);
  });

  it('test_sweep_2_jobs: +a=0,1 gives two jobs in <sweep dir>/0 and /1; multirun.yaml has the task overrides', async () => {
    const s = await setup();
    const { results, sweepDir } = await sweep(s, launcher, ['+a=0,1']);
    const mr = multirunYaml(sweepDir);
    expect(mr.hydra.overrides.task).toEqual(['+a=0,1']);
    expect(mr.hydra.mode).toBe('MULTIRUN');
    expect(results.map((r) => r.num)).toEqual([0, 1]);
    for (const i of [0, 1]) {
      const r = results[i] as JobResult;
      expect(r.status).toBe('completed');
      expect(r.overrides).toEqual([`+a=${i}`]);
      expect(seen(r).cfg).toEqual({ foo: 10, bar: 100, a: i });
      checkRunContext(r, s, launcher, sweepDir, String(i));
      verifyDirOutputs(r, r.overrides);
      expect(fs.statSync(path.join(sweepDir, String(i))).isDirectory()).toBe(true);
    }
    // The sweep dir's own records.
    for (const f of ['multirun.yaml', 'jobs.jsonl', 'results.csv']) expect(fs.existsSync(path.join(sweepDir, f)), f).toBe(true);
    // Both jobs share the sweep dir and ids are distinct.
    expect(new Set(results.map((r) => seen(r).hydraJob.id)).size).toBe(2);
  });

  it("test_not_sweeping_hydra_overrides: refuses to sweep over Hydra's config", async () => {
    const s = await setup();
    await expect(sweep(s, launcher, ['+a=0,1', 'hydra.verbose=true,false'])).rejects.toThrow("Sweeping over Hydra's configuration is not supported : 'hydra.verbose=true,false'");
    expect(fs.existsSync(path.join(s.cwd, 'sweep'))).toBe(false);
  });

  it('test_sweep_1_job_strict_and_bad_key: a key not in the config (boo=bar) fails the sweep', async () => {
    const s = await setup();
    await expect(sweep(s, launcher, ['boo=bar'])).rejects.toThrow(/boo/);
  });

  it('test_sweep_2_optimizers: group1=file1,file2 sweeps a config group', async () => {
    const s = await setup();
    const { results, sweepDir } = await sweep(s, launcher, ['group1=file1,file2']);
    expect(results.map((r) => r.overrides)).toEqual([['group1=file1'], ['group1=file2']]);
    expect(results.map((r) => seen(r).cfg)).toEqual([
      { foo: 10, bar: 100 },
      { foo: 20, bar: 100 },
    ]);
    results.forEach((r, i) => {
      checkRunContext(r, s, launcher, sweepDir, String(i));
      verifyDirOutputs(r, r.overrides);
    });
  });

  it('test_sweep_over_unspecified_mandatory_default: group1: ??? chosen per job by the sweep', async () => {
    const s = await setup(HYDRA_TEST_CONFIGS, 'unspecified_mandatory_default');
    const { results } = await sweep(s, launcher, ['group1=file1,file2'], 'unspecified_mandatory_default');
    expect(results.map((r) => r.status)).toEqual(['completed', 'completed']);
    expect(results.map((r) => r.overrides)).toEqual([['group1=file1'], ['group1=file2']]);
    expect(results.map((r) => seen(r).cfg)).toEqual([{ foo: 10 }, { foo: 20 }]);
    for (const r of results) verifyDirOutputs(r, r.overrides);
  });

  it('test_sweep_and_override: db.user=someone overrides a key that only the swept db option brings', async () => {
    const s = await setup(HYDRA_TEST_CONFIGS, 'db_conf');
    const { results } = await sweep(s, launcher, ['db=mysql,postgresql', 'db.user=someone'], 'db_conf');
    expect(results.map((r) => r.overrides)).toEqual([
      ['db=mysql', 'db.user=someone'],
      ['db=postgresql', 'db.user=someone'],
    ]);
    expect(results.map((r) => seen(r).cfg)).toEqual([
      { db: { driver: 'mysql', password: 'secret', user: 'someone' } },
      { db: { user: 'someone', driver: 'postgresql', password: 'drowssap', timeout: 10 } },
    ]);
    for (const r of results) verifyDirOutputs(r, r.overrides);
  });

  it("validate_batch_is_legal (BasicSweeper): a job that cannot be composed fails the sweep before any job runs", async () => {
    const s = await setup(HYDRA_TEST_CONFIGS, 'db_conf');
    // +db.timeout appends to mysql (the sweep config) but collides with postgresql's timeout (job 1).
    await expect(sweep(s, launcher, ['db=mysql,postgresql', '+db.timeout=5', 'db.user=someone'], 'db_conf')).rejects.toThrow(/db\.timeout/);
    expect(fs.existsSync(path.join(s.cwd, 'sweep', '0'))).toBe(false);
  });

  it('hydra.output_subdir=null: the jobs run and write no .hydra dir', async () => {
    const s = await setup();
    const { results } = await sweep(s, launcher, ['+a=0,1', 'hydra.output_subdir=null']);
    expect(results.map((r) => r.status)).toEqual(['completed', 'completed']);
    for (const r of results) {
      expect(seen(r).outputSubdir).toBeNull();
      expect(fs.existsSync(path.join(r.outputDir as string, '.hydra'))).toBe(false);
      expect(fs.existsSync(path.join(r.outputDir as string, 'a_module.log'))).toBe(true);
    }
  });

  it('test_sweep_with_custom_resolver: a resolver registered by the app resolves in the job', async () => {
    registerResolver('my_custom_resolver', () => 'foo', { replace: true });
    const s = await setup(HYDRA_TEST_CONFIGS, 'custom_resolver');
    const { results } = await sweep(s, launcher, [], 'custom_resolver');
    expect(results).toHaveLength(1);
    expect(seen(results[0] as JobResult).cfg.x).toBe('foo');
  });
});

describe.each(LAUNCHERS)('BatchedSweeperTestSuite: hydra/launcher=%s', (launcher) => {
  it('test_sweep_2_jobs_2_batches: 6 jobs in batches of 2, in Hydra order, 6 distinct dirs', async () => {
    const s = await setup();
    const { results, sweepDir } = await sweep(s, launcher, ['hydra.sweeper.max_batch_size=2', 'group1=file1,file2', 'bar=100,200,300']);
    expect(multirunYaml(sweepDir).hydra.overrides.task).toEqual(['group1=file1,file2', 'bar=100,200,300']);
    const expectedOverrides = [
      ['group1=file1', 'bar=100'],
      ['group1=file1', 'bar=200'],
      ['group1=file1', 'bar=300'],
      ['group1=file2', 'bar=100'],
      ['group1=file2', 'bar=200'],
      ['group1=file2', 'bar=300'],
    ];
    expect(results.map((r) => r.overrides)).toEqual(expectedOverrides);
    expect(results.map((r) => seen(r).cfg)).toEqual([
      { foo: 10, bar: 100 },
      { foo: 10, bar: 200 },
      { foo: 10, bar: 300 },
      { foo: 20, bar: 100 },
      { foo: 20, bar: 200 },
      { foo: 20, bar: 300 },
    ]);
    results.forEach((r, i) => {
      // Job numbers go on across batches (Hydra's initial_job_idx).
      expect(r.num).toBe(i);
      expect(seen(r).hydraJob.num).toBe(i);
      expect(r.outputDir).toBe(path.join(sweepDir, String(i)));
      verifyDirOutputs(r, r.overrides);
    });
    expect(new Set(results.map((r) => r.outputDir)).size).toBe(6);
  });
});

/** A sweep without hydra.sweep.dir: the default `multirun/${now:%Y-%m-%d}/${now:%H-%M-%S}`, relative to the cwd. */
async function sweepDefaultDir(s: Suite, launcher: LauncherName, overrides: string[], configName = 'compose'): Promise<JobResult[]> {
  const argv = ['-m', `hydra/launcher=${launcher}`, ...(launcher === 'local' ? ['hydra.launcher.n_jobs=2'] : []), ...overrides];
  const before = process.cwd();
  process.chdir(s.cwd);
  try {
    return (await main({ configPath: s.conf, configName, name: 'a_module', argv, cwd: s.cwd, console: () => undefined, relaunch: [process.execPath, s.script] }, s.task as never)) as JobResult[];
  } finally {
    process.chdir(before);
  }
}

const hydraYaml = (r: JobResult) =>
  (readYaml(path.join(r.outputDir as string, '.hydra', 'hydra.yaml')) as { hydra: { overrides: { hydra: string[]; task: string[] }; mode: string } }).hydra;

describe.each(LAUNCHERS)('sweep dirs, hydra overrides and hydra.mode (from the suite and Hydra 1.3 main): hydra/launcher=%s', (launcher) => {
  it('hydra.sweep.dir defaults to multirun/<date>/<time> under the cwd, shared by every job of the sweep', async () => {
    const s = await setup();
    const results = await sweepDefaultDir(s, launcher, ['+a=0,1']);
    const sweepDir = path.dirname(results[0]?.outputDir as string);
    expect(path.relative(s.cwd, sweepDir)).toMatch(/^multirun\/\d{4}-\d{2}-\d{2}\/\d{2}-\d{2}-\d{2}$/);
    expect(results.map((r) => r.outputDir)).toEqual([path.join(sweepDir, '0'), path.join(sweepDir, '1')]);
    expect(fs.existsSync(path.join(sweepDir, 'multirun.yaml'))).toBe(true);
    for (const r of results) expect(seen(r).sweepDir).toBe(sweepDir);
  });

  it('hydra.sweep.subdir=${hydra.job.override_dirname}: one dir per job named by its task overrides (hydra ones excluded)', async () => {
    const s = await setup();
    const { results, sweepDir } = await sweep(s, launcher, ['+a=0,1', 'bar=5', 'hydra.sweep.subdir=${hydra.job.override_dirname}']);
    expect(results.map((r) => r.outputDir)).toEqual([path.join(sweepDir, '+a=0,bar=5'), path.join(sweepDir, '+a=1,bar=5')]);
    for (const r of results) {
      expect(seen(r).hydraJob.override_dirname).toBe(path.basename(r.outputDir as string));
      expect(seen(r).ctxJob.overrideDirname).toBe(seen(r).hydraJob.override_dirname);
      verifyDirOutputs(r, r.overrides);
    }
  });

  it('hydra.sweep.subdir=cli_dir_${hydra.job.num}: numbered job dirs', async () => {
    const s = await setup();
    const { results, sweepDir } = await sweep(s, launcher, ['+a=0,1', 'hydra.sweep.subdir=cli_dir_${hydra.job.num}']);
    expect(results.map((r) => r.outputDir)).toEqual([path.join(sweepDir, 'cli_dir_0'), path.join(sweepDir, 'cli_dir_1')]);
  });

  it("records the command line's hydra overrides in multirun.yaml and each job's hydra.yaml", async () => {
    const s = await setup();
    const { results, sweepDir } = await sweep(s, launcher, ['+a=0,1']);
    const mr = (readYaml(path.join(sweepDir, 'multirun.yaml')) as { hydra: { overrides: { hydra: string[] } } }).hydra.overrides.hydra;
    expect(mr).toEqual(expect.arrayContaining([`hydra/launcher=${launcher}`, `hydra.sweep.dir=${sweepDir}`]));
    for (const r of results) expect(hydraYaml(r).overrides.hydra).toEqual(expect.arrayContaining([`hydra/launcher=${launcher}`, `hydra.sweep.dir=${sweepDir}`]));
  });

  // Hydra's _run_app appends `hydra.mode=MULTIRUN` to the overrides when -m is given and hydra.mode
  // is unset, so it is listed in hydra.overrides.hydra, last.
  it('lists hydra.mode=MULTIRUN in hydra.overrides.hydra, as Hydra 1.3 does', async () => {
    const s = await setup();
    const { results, sweepDir } = await sweep(s, launcher, []);
    const mr = (readYaml(path.join(sweepDir, 'multirun.yaml')) as { hydra: { overrides: { hydra: string[] } } }).hydra.overrides.hydra;
    expect(mr.at(-1)).toBe('hydra.mode=MULTIRUN');
    expect(hydraYaml(results[0] as JobResult).overrides.hydra).toContain('hydra.mode=MULTIRUN');
    expect(multirunYaml(sweepDir).hydra.overrides.task).not.toContain('hydra.mode=MULTIRUN');
  });

  it('hydra.mode: MULTIRUN in the primary config makes a sweep without -m (Hydra 1.2+)', async () => {
    const s = await setup({ ...HYDRA_TEST_CONFIGS, 'mr.yaml': 'defaults:\n  - compose\n  - _self_\nhydra:\n  mode: MULTIRUN\n' }, 'mr');
    const sweepDir = path.join(s.cwd, 'sweep');
    const before = process.cwd();
    process.chdir(s.cwd);
    let results: JobResult[];
    try {
      const argv = [`hydra/launcher=${launcher}`, '+a=0,1', `hydra.sweep.dir=${sweepDir}`];
      results = (await main({ configPath: s.conf, configName: 'mr', name: 'a_module', argv, cwd: s.cwd, console: () => undefined, relaunch: [process.execPath, s.script] }, s.task as never)) as JobResult[];
    } finally {
      process.chdir(before);
    }
    expect(results.map((r) => r.outputDir)).toEqual([path.join(sweepDir, '0'), path.join(sweepDir, '1')]);
    expect(results.map((r) => seen(r).mode)).toEqual(['MULTIRUN', 'MULTIRUN']);
    expect(results.map((r) => seen(r).cfg)).toEqual([
      { foo: 10, bar: 100, a: 0 },
      { foo: 10, bar: 100, a: 1 },
    ]);
  });

  // With -m and `hydra.mode: RUN` in the config, Hydra 1.3 overrides it with hydra.mode=MULTIRUN
  // (and warns); the sweep and its jobs have hydra.mode=MULTIRUN.
  it('-m overrides hydra.mode: RUN from the config with MULTIRUN', async () => {
    const s = await setup({ ...HYDRA_TEST_CONFIGS, 'runmode.yaml': 'defaults:\n  - compose\n  - _self_\nhydra:\n  mode: RUN\n' }, 'runmode');
    const { results, sweepDir } = await sweep(s, launcher, ['+a=0,1'], 'runmode');
    expect(results).toHaveLength(2);
    expect(multirunYaml(sweepDir).hydra.mode).toBe('MULTIRUN');
    expect(results.map((r) => seen(r).mode)).toEqual(['MULTIRUN', 'MULTIRUN']);
  });

  // DELIBERATE DIFFERENCE (docs/multirun.md: sweep dirs are never shared): Hydra's sweep_runner points
  // hydra.sweep.dir at an existing temp dir and the jobs land in it; tydra claims `<dir>_1` instead.
  it('an existing hydra.sweep.dir is not reused: the sweep gets <dir>_1 (tydra; Hydra reuses it)', async () => {
    const s = await setup();
    fs.mkdirSync(path.join(s.cwd, 'sweep'));
    const { results, sweepDir } = await sweep(s, launcher, []);
    expect(results[0]?.outputDir).toBe(path.join(`${sweepDir}_1`, '0'));
  });
});

// IntegrationTestSuite: the app run as a script from a temp dir, as Hydra's integration_test does.

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

function runScript(script: string, args: string[], cwd: string): Promise<Ran> {
  return new Promise((resolve) => {
    execFile(process.execPath, [script, ...args], { cwd, maxBuffer: 16 * 1024 * 1024, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof (error as { code?: unknown }).code === 'number' ? ((error as { code: number }).code as number) : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/**
 * Write `<filename>` in a fresh temp dir (with `config.yaml` when `taskConfig` is given), run it with
 * `-m hydra/launcher=<launcher> ...overrides` from that dir, and return what its one job saw.
 */
async function integration(launcher: LauncherName, opts: { taskConfig?: string; overrides?: string[]; filename?: string }): Promise<{ dir: string; seen: Seen; ran: Ran }> {
  const dir = fs.realpathSync(tempDir('tydra-hydra-integration-'));
  const filename = opts.filename ?? 'task.mjs';
  const taskFile = path.join(dir, 'task-def.mjs');
  fs.writeFileSync(taskFile, TASK_SOURCE);
  const withConfig = opts.taskConfig !== undefined;
  if (withConfig) fs.writeFileSync(path.join(dir, 'config.yaml'), opts.taskConfig as string);
  const mainOptions = withConfig ? `{ configPath: '.', configName: 'config' }` : '{}';
  fs.writeFileSync(
    path.join(dir, filename),
    [`import { main } from ${JSON.stringify(DIST)};`, `import { task } from './task-def.mjs';`, `main(${mainOptions}, task);`, ''].join('\n'),
  );
  const ran = await runScript(path.join(dir, filename), ['-m', `hydra/launcher=${launcher}`, ...(opts.overrides ?? [])], dir);
  expect(ran.code, ran.stderr).toBe(0);
  const manifests: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name === 'jobs.jsonl') manifests.push(p);
    }
  };
  walk(dir);
  expect(manifests).toHaveLength(1);
  const lines = fs
    .readFileSync(manifests[0] as string, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '');
  expect(lines).toHaveLength(1);
  const entry = JSON.parse(lines[0] as string) as JobResult;
  expect(entry.status).toBe('completed');
  return { dir, seen: entry.returnValue as unknown as Seen, ran };
}

describe.each(LAUNCHERS)('IntegrationTestSuite: hydra/launcher=%s', (launcher) => {
  describe('test_custom_task_name', () => {
    it('no_config: the job name is the script file name', async () => {
      const { seen } = await integration(launcher, { filename: 'no_config.mjs' });
      expect(seen.hydraJob.name).toBe('no_config');
      expect(seen.ctxJob.name).toBe('no_config');
    });

    it('different_filename: hydra.job.name=overridden_name on the command line', async () => {
      const { seen } = await integration(launcher, { filename: 'no_config.mjs', overrides: ['hydra.job.name=overridden_name'] });
      expect(seen.hydraJob.name).toBe('overridden_name');
      expect(seen.ctxJob.name).toBe('overridden_name');
    });

    it('different_filename_and_config_file_name_override: hydra.job.name in the config file', async () => {
      const { seen } = await integration(launcher, { filename: 'with_config.mjs', taskConfig: 'hydra:\n  job:\n    name: name_from_config_file\n' });
      expect(seen.hydraJob.name).toBe('name_from_config_file');
      expect(seen.ctxJob.name).toBe('name_from_config_file');
    });

    it('..._and_command_line_override: the command line wins over the config file', async () => {
      const { seen } = await integration(launcher, {
        filename: 'with_config.mjs',
        taskConfig: 'hydra:\n  job:\n    name: name_from_config_file\n',
        overrides: ['hydra.job.name=overridden_name'],
      });
      expect(seen.hydraJob.name).toBe('overridden_name');
    });
  });

  describe('test_custom_sweeper_run_workdir (with hydra.job.chdir=True, the task runs in its job dir)', () => {
    const cases: { id: string; taskConfig: string; overrides: string[]; expectedDir: string }[] = [
      {
        id: 'sweep_dir_config_override',
        taskConfig: 'hydra:\n  sweep:\n    dir: task_cfg\n    subdir: task_cfg_${hydra.job.num}\n',
        overrides: [],
        expectedDir: 'task_cfg/task_cfg_0',
      },
      {
        id: 'sweep_dir_cli_override',
        taskConfig: '{}\n',
        overrides: ['hydra.sweep.dir=cli_dir', 'hydra.sweep.subdir=cli_dir_${hydra.job.num}'],
        expectedDir: 'cli_dir/cli_dir_0',
      },
      {
        id: 'sweep_dir_cli_overridding_config',
        taskConfig: 'hydra:\n  sweep:\n    dir: task_cfg\n    subdir: task_cfg_${hydra.job.num}\n',
        overrides: ['hydra.sweep.dir=cli_dir', 'hydra.sweep.subdir=cli_dir_${hydra.job.num}'],
        expectedDir: 'cli_dir/cli_dir_0',
      },
      {
        id: 'subdir:override_dirname',
        taskConfig: 'hydra:\n  sweep:\n    dir: hydra_cfg\n    subdir: ${hydra.job.override_dirname}\na: hello\nb: 20\n',
        overrides: ['a=1', 'b=2'],
        expectedDir: 'hydra_cfg/a=1,b=2',
      },
      {
        id: 'subdir:custom_override_dirname',
        taskConfig: [
          'hydra:',
          '  sweep:',
          '    dir: hydra_cfg',
          '    subdir: ${hydra.job.override_dirname}',
          '  job:',
          '    config:',
          '      override_dirname:',
          '        kv_sep: _',
          "        item_sep: '+'",
          '        exclude_keys: [seed]',
          'a: hello',
          'b: 20',
          "seed: '???'",
          '',
        ].join('\n'),
        overrides: ['a=1', 'b=2', 'seed=10'],
        expectedDir: 'hydra_cfg/a_1+b_2',
      },
    ];
    for (const c of cases) {
      it(c.id, async () => {
        const { dir, seen } = await integration(launcher, { taskConfig: c.taskConfig, overrides: [...c.overrides, 'hydra.job.chdir=True'] });
        const expected = path.join(dir, c.expectedDir);
        expect(fs.realpathSync(seen.cwd)).toBe(expected);
        expect(seen.outputDir).toBe(expected);
        expect(seen.runtimeOutputDir).toBe(expected);
        expect(seen.hydraJob.chdir).toBe(true);
        expect(fs.existsSync(path.join(expected, '.hydra', 'config.yaml'))).toBe(true);
      });
    }
  });

  it('test_get_orig_dir_multirun: the original cwd is the dir the app was started from', async () => {
    const { dir, seen } = await integration(launcher, {});
    expect(seen.originalCwd).toBe(dir);
    // chdir is false by default (version_base 1.3): the task also runs there.
    expect(fs.realpathSync(seen.cwd)).toBe(dir);
  });

  it('test_to_absolute_path_multirun: paths resolve against the original cwd, not the job dir', async () => {
    const { dir, seen } = await integration(launcher, {
      overrides: ['hydra.job.chdir=True', 'hydra.sweep.dir=cli_dir', 'hydra.sweep.subdir=cli_dir_${hydra.job.num}'],
    });
    expect(seen.absPath).toBe(path.resolve('/foo/bar'));
    expect(seen.relPath).toBe(path.join(dir, 'foo/bar'));
    expect(fs.realpathSync(seen.cwd)).toBe(path.join(dir, 'cli_dir/cli_dir_0'));
  });
});
