// One sweep on every launcher, failures, timeouts, Ctrl-C, resume, and SLURM throttling and
// detached submission, with the test app run for real: in-process (basic) and as child processes
// (local, slurm). The SLURM tests need the cluster of scripts/slurm/start.sh: without it they are
// skipped, unless TYDRA_REQUIRE_SLURM=1 (CI), which makes them fail.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { probeCluster } from '../../src/launch/slurm/client.js';
import { main } from '../../src/runtime/main.js';
import type { JobResult } from '../../src/runtime/job-types.js';
import { options, task } from '../fixtures/multirun/app-def.mjs';
import { alive, APP, CLI, jobOutcomes, readJobs, removeTmpDirs, runApp, runNode, sweepDirIn, tmpDir, waitUntil } from '../fixtures/multirun/helpers.js';

afterAll(removeTmpDirs);

const required = process.env.TYDRA_REQUIRE_SLURM === '1';
const probe = await probeCluster();
const slurmMissing = probe.available ? '' : `no SLURM cluster (${probe.reason}); start one with \`sudo bash scripts/slurm/start.sh\``;
if (!probe.available && !required) console.warn(`[tydra] SLURM launcher tests skipped: ${slurmMissing}`);
const slurmTest = probe.available || required ? it : it.skip;
const requireCluster = () => {
  if (!probe.available) throw new Error(`TYDRA_REQUIRE_SLURM=1 but ${slurmMissing}`);
};

const SWEEP = ['a=1,2,3', 'b=1,2', 'model=small,large'];

/** What the 12 jobs of SWEEP must record, wherever they run. */
function expected12(): string[] {
  const out: string[] = [];
  let num = 0;
  for (const a of [1, 2, 3])
    for (const b of [1, 2])
      for (const [model, size] of [['small', 1], ['large', 10]] as const) {
        const config = { model: { name: model, size }, a, b, fail_a: null, fail_b: null, hang_a: null };
        const value = { score: a * 10 + b + size * 100, model, gpu: null, config };
        out.push(JSON.stringify({ num: num++, overrides: [`a=${a}`, `b=${b}`, `model=${model}`], status: 'completed', value, error: null }));
      }
  return out.sort();
}

async function inProcess(argv: string[], cwd: string): Promise<{ results?: JobResult[]; error?: unknown; lines: string[] }> {
  const lines: string[] = [];
  try {
    const results = (await main({ ...options, argv, cwd, console: (l) => lines.push(l) }, task)) as JobResult[];
    return { results, lines };
  } catch (error) {
    return { error, lines };
  }
}

describe('one 12-job sweep on every launcher', () => {
  it('basic (in this process): 12 jobs, numbered in Hydra order, with their results', async () => {
    const cwd = tmpDir();
    const { results } = await inProcess(['-m', ...SWEEP], cwd);
    expect(results?.map((r) => r.num)).toEqual([...Array(12).keys()]);
    const dir = sweepDirIn(cwd);
    expect(jobOutcomes(dir)).toEqual(expected12());
    for (const f of ['multirun.yaml', 'sweep.json', 'jobs.jsonl', 'results.csv', 'summary.md']) expect(fs.existsSync(path.join(dir, f))).toBe(true);
    for (let n = 0; n < 12; n++) expect(fs.existsSync(path.join(dir, String(n), '.hydra', 'config.yaml'))).toBe(true);
    expect(fs.readFileSync(path.join(dir, 'results.csv'), 'utf8').trim().split('\n')).toHaveLength(13);
  });

  it('local (a process pool): the same jobs and results', async () => {
    const cwd = tmpDir();
    const ran = await runApp(['-m', ...SWEEP, 'hydra/launcher=local', 'hydra.launcher.n_jobs=3'], cwd);
    expect(ran.code, ran.stderr).toBe(0);
    expect(ran.stdout).toContain('Launching 12 jobs locally, 3 at a time');
    expect(jobOutcomes(sweepDirIn(cwd))).toEqual(expected12());
  });

  it('local with reuse_processes (one worker process per slot): the same jobs and results', async () => {
    const cwd = tmpDir();
    const ran = await runApp(['-m', ...SWEEP, 'hydra/launcher=local', 'hydra.launcher.n_jobs=2', 'hydra.launcher.reuse_processes=true'], cwd);
    expect(ran.code, ran.stderr).toBe(0);
    const dir = sweepDirIn(cwd);
    expect(jobOutcomes(dir)).toEqual(expected12());
    expect(fs.readdirSync(path.join(dir, '.tydra', 'logs')).sort()).toEqual(['slot-0.out', 'slot-1.out']);
  });

  slurmTest('slurm (a job array): the same jobs and results', { timeout: 90_000 }, async () => {
    requireCluster();
    const cwd = tmpDir();
    const ran = await runApp(['-m', ...SWEEP, 'hydra/launcher=slurm', 'hydra.launcher.timeout_min=5', 'hydra.launcher.poll_interval_s=0.3'], cwd);
    expect(ran.code, ran.stderr).toBe(0);
    const dir = sweepDirIn(cwd);
    expect(jobOutcomes(dir)).toEqual(expected12());
    expect(readJobs(dir).every((e) => /^\d+_\d+$/.test(e.id ?? ''))).toBe(true);
  });
});

describe('failures', () => {
  it('records a job that throws and one that times out, completes the others, and exits non-zero', async () => {
    const cwd = tmpDir();
    const ran = await runApp(
      ['-m', 'a=1,2,3,4', 'fail_a=2', 'hang_a=3', 'hydra/launcher=local', 'hydra.launcher.n_jobs=2', 'hydra.launcher.timeout_min=0.1', 'hydra.launcher.kill_grace_s=1'],
      cwd,
    );
    expect(ran.code).toBe(1);
    const dir = sweepDirIn(cwd);
    const jobs = readJobs(dir);
    expect(jobs.map((j) => j.status)).toEqual(['completed', 'failed', 'timeout', 'completed']);
    expect(jobs[1]?.error?.message).toBe('boom at a=2 b=1');
    expect(jobs[2]?.error?.name).toBe('TimeoutError');
    expect(ran.stderr).toMatch(/2 of 4 jobs did not complete/);
    expect(ran.stderr).toMatch(/1\s+failed .*Error: boom at a=2 b=1/);
    expect(ran.stderr).toMatch(/2\s+timeout .*TimeoutError/);
    expect(fs.readFileSync(path.join(dir, 'summary.md'), 'utf8')).toContain('## Failures');
    expect(fs.readFileSync(path.join(dir, '.tydra', 'logs', '2.out'), 'utf8')).toContain('job 2 started');
  });

  it('stops launching after the first failure with --fail-fast (in-process)', async () => {
    const cwd = tmpDir();
    const { error } = await inProcess(['-m', 'a=1,2,3,4', 'fail_a=2', '--fail-fast'], cwd);
    expect(String(error)).toMatch(/boom|did not complete/);
    const jobs = readJobs(sweepDirIn(cwd));
    expect(jobs.map((j) => j.status)).toEqual(['completed', 'failed', 'cancelled', 'cancelled']);
    expect(jobs[2]?.error?.name).toBe('NotStarted');
  });

  it('stops after N failures with --max-failures N', async () => {
    const cwd = tmpDir();
    await inProcess(['-m', 'a=1,2,3', 'b=1,2', 'fail_a=1', '--max-failures', '2'], cwd);
    expect(readJobs(sweepDirIn(cwd)).map((j) => j.status)).toEqual(['failed', 'failed', 'cancelled', 'cancelled', 'cancelled', 'cancelled']);
  });
});

describe('stopping and resuming', () => {
  it('resumes a killed sweep: completed jobs are not run again, the rest run with the same numbers', async () => {
    const cwd = tmpDir();
    const runs = path.join(cwd, 'runs.log');
    const child = spawn(process.execPath, [APP, '-m', 'a=range(6)', 'sleep_ms=300', `log_file=${runs}`], { cwd, stdio: 'ignore' });
    const results = () => {
      try {
        // Only whole result files: a write in progress shows as a `.N.json.<pid>.<rand>.tmp` file.
        return fs.readdirSync(path.join(sweepDirIn(cwd), '.tydra', 'results')).filter((f) => /^\d+\.json$/.test(f));
      } catch {
        return [];
      }
    };
    await waitUntil(() => (results().length >= 2 ? true : undefined), 60_000, 'two finished jobs');
    child.kill('SIGKILL');
    await new Promise((r) => child.once('close', r));
    const dir = sweepDirIn(cwd);
    const doneBefore = results().map((f) => Number(f.replace('.json', '')));
    expect(doneBefore.length).toBeGreaterThanOrEqual(2);
    expect(doneBefore.length).toBeLessThan(6);

    // tydra collect rebuilds the results of the killed sweep from the jobs' result files.
    const collected = await runNode(CLI, ['collect', dir, '--no-wait'], cwd);
    expect(collected.code).toBe(2);
    const csv = fs.readFileSync(path.join(dir, 'results.csv'), 'utf8');
    expect(csv.split('\n').filter((l) => l.includes(',completed,'))).toHaveLength(doneBefore.length);

    const ran = await runApp(['-m', '--resume', dir, 'hydra/launcher=local'], cwd);
    expect(ran.code, ran.stderr).toBe(0);
    expect(ran.stdout).toContain(`${doneBefore.length} jobs completed before`);
    const jobs = readJobs(dir);
    expect(jobs.map((j) => [j.num, j.status])).toEqual([...Array(6).keys()].map((n) => [n, 'completed']));
    expect(jobs.map((j) => j.overrides[0])).toEqual([...Array(6).keys()].map((n) => `a=${n}`));
    const ranNums = fs.readFileSync(runs, 'utf8').trim().split('\n').map((l) => Number(l.split(' ')[0]));
    for (const n of doneBefore) expect(ranNums.filter((x) => x === n)).toHaveLength(1);
    for (let n = 0; n < 6; n++) expect(ranNums).toContain(n);
  });

  it('refuses to change the jobs of a resumed sweep', async () => {
    const cwd = tmpDir();
    await inProcess(['-m', 'a=1,2'], cwd);
    const { error } = await inProcess(['--resume', sweepDirIn(cwd), 'a=5'], cwd);
    expect(String(error)).toMatch(/--resume reruns the sweep's own jobs/);
  });

  it('Ctrl-C stops a local sweep: running jobs are terminated and recorded as cancelled', async () => {
    const cwd = tmpDir();
    const runs = path.join(cwd, 'runs.log');
    const child = spawn(process.execPath, [APP, '-m', 'a=1,2,3,4', 'sleep_ms=60000', `log_file=${runs}`, 'hydra/launcher=local', 'hydra.launcher.n_jobs=2', 'hydra.launcher.kill_grace_s=2'], {
      cwd,
      stdio: 'ignore',
    });
    const pids = await waitUntil(() => {
      const lines = fs.existsSync(runs) ? fs.readFileSync(runs, 'utf8').trim().split('\n') : [];
      return lines.length >= 2 ? lines.map((l) => Number(l.split(' ')[1])) : undefined;
    }, 60_000, 'two running jobs');
    child.kill('SIGINT');
    const code = await new Promise((r) => child.once('close', r));
    expect(code).toBe(1);
    for (const pid of pids) expect(alive(pid)).toBe(false);
    const jobs = readJobs(sweepDirIn(cwd));
    expect(jobs.map((j) => j.status)).toEqual(['cancelled', 'cancelled', 'cancelled', 'cancelled']);
    expect(jobs.map((j) => j.error?.name)).toEqual(['Cancelled', 'Cancelled', 'NotStarted', 'NotStarted']);
  });
});

describe('the local launcher', () => {
  it('is chosen by the defaults list (override hydra/launcher: local), with its options under hydra.launcher', async () => {
    const cwd = tmpDir();
    const ran = await runApp(['-cn', 'local_launcher', '-m', 'a=1,2'], cwd);
    expect(ran.code, ran.stderr).toBe(0);
    expect(ran.stdout).toContain('Launching 2 jobs locally, 2 at a time (hydra/launcher=local)');
    expect(readJobs(sweepDirIn(cwd)).map((j) => j.status)).toEqual(['completed', 'completed']);
  });

  it('hands each slot its GPU from the configured list', async () => {
    const cwd = tmpDir();
    const ran = await runApp(['-m', 'a=1,2,3,4', 'hydra/launcher=local', 'hydra.launcher.n_jobs=2', "hydra.launcher.gpus=['0','1']"], cwd);
    expect(ran.code, ran.stderr).toBe(0);
    const gpus = readJobs(sweepDirIn(cwd)).map((j) => (j.returnValue as { gpu: string }).gpu);
    expect(new Set(gpus)).toEqual(new Set(['0', '1']));
  });
});

describe('the random sweeper on the local launcher', () => {
  it('runs n_trials trials, n_jobs at a time, each proposed when a slot frees', async () => {
    const cwd = tmpDir();
    const ran = await runApp(
      ['-m', 'a=int(interval(1,100))', 'hydra/sweeper=random', 'hydra.sweeper.n_trials=5', 'hydra.sweeper.n_jobs=2', 'hydra.sweeper.metric=score', 'hydra/launcher=local', 'hydra.launcher.n_jobs=2'],
      cwd,
    );
    expect(ran.code, ran.stderr).toBe(0);
    const dir = sweepDirIn(cwd);
    const jobs = readJobs(dir);
    expect(jobs.map((j) => [j.num, j.status])).toEqual([...Array(5).keys()].map((n) => [n, 'completed']));
    const best = Math.min(...jobs.map((j) => (j.returnValue as { score: number }).score));
    expect(fs.readFileSync(path.join(dir, 'optimization_results.yaml'), 'utf8')).toContain(`best_value: ${best}`);
  });
});

describe('sweepers end to end (in-process)', () => {
  it('zips dimensions given by hydra.sweeper.zip', async () => {
    const cwd = tmpDir();
    const { results } = await inProcess(['-m', 'a=1,2,3', 'b=4,5,6', 'hydra.sweeper.zip=[[a,b]]'], cwd);
    expect(results?.map((r) => r.overrides.join(' '))).toEqual(['a=1 b=4', 'a=2 b=5', 'a=3 b=6']);
  });

  it('runs the jobs of a job list file', async () => {
    const cwd = tmpDir();
    fs.writeFileSync(path.join(cwd, 'jobs.yaml'), '- {a: 5, model: large}\n- [a=6]\n');
    const { results } = await inProcess(['-m', 'hydra.sweeper.jobs_file=jobs.yaml', 'b=1,2'], cwd);
    expect(results?.map((r) => (r.returnValue as { score: number }).score)).toEqual([1051, 1052, 161, 162]);
  });

  it('searches at random with n_trials and n_jobs and writes optimization_results.yaml', async () => {
    const cwd = tmpDir();
    const { results } = await inProcess(
      ['-m', 'a=int(interval(1,100))', 'b=range(1,10)', 'hydra/sweeper=random', 'hydra.sweeper.n_trials=8', 'hydra.sweeper.n_jobs=3', 'hydra.sweeper.seed=5', 'hydra.sweeper.metric=score', 'hydra.sweeper.direction=maximize'],
      cwd,
    );
    expect(results).toHaveLength(8);
    const scores = (results ?? []).map((r) => (r.returnValue as { score: number }).score);
    const dir = sweepDirIn(cwd);
    const opt = fs.readFileSync(path.join(dir, 'optimization_results.yaml'), 'utf8');
    expect(opt).toContain('name: random');
    expect(opt).toContain(`best_value: ${Math.max(...scores)}`);
    expect(fs.readFileSync(path.join(dir, 'summary.md'), 'utf8')).toContain(`- Best score (maximize): ${Math.max(...scores)}`);
    for (const r of results ?? []) {
      const a = Number(r.overrides[0]?.split('=')[1]);
      expect(Number.isInteger(a) && a >= 1 && a <= 100).toBe(true);
    }
  });

  it('fails the sweep, naming the trial and the metric, when the search stops because a trial returned no metric', async () => {
    const cwd = tmpDir();
    const { results, error } = await inProcess(['-m', 'a=int(interval(1,100))', 'hydra/sweeper=random', 'hydra.sweeper.n_trials=4', 'hydra.sweeper.metric=accuracy'], cwd);
    expect(results).toBeUndefined();
    expect(String((error as Error).message)).toMatch(/^The random sweeper stopped early: 1 of 1 trials failed, more than max_failure_rate=0 \(trial 0 returned an object with score, model, gpu, config, which has no number at 'accuracy'\)$/);
    expect(readJobs(sweepDirIn(cwd)).map((j) => j.status)).toEqual(['completed']);
  });
});

describe.concurrent('the SLURM launcher on a live cluster', () => {
  slurmTest('honours array_parallelism: at most that many jobs run at once', { timeout: 90_000 }, async () => {
    requireCluster();
    const cwd = tmpDir();
    const ran = await runApp(['-m', 'a=range(6)', 'sleep_ms=1500', 'hydra/launcher=slurm', 'hydra.launcher.array_parallelism=2', 'hydra.launcher.timeout_min=5', 'hydra.launcher.poll_interval_s=0.3'], cwd);
    expect(ran.code, ran.stderr).toBe(0);
    const dir = sweepDirIn(cwd);
    const script = fs.readdirSync(path.join(dir, '.slurm')).find((f) => f.endsWith('.sbatch')) as string;
    expect(fs.readFileSync(path.join(dir, '.slurm', script), 'utf8')).toContain('#SBATCH --array=0-5%2');
    const spans = readJobs(dir).map((j) => [Date.parse(j.startedAt as string), Date.parse(j.endedAt as string)] as const);
    expect(spans).toHaveLength(6);
    let most = 0;
    for (const [s] of spans) most = Math.max(most, spans.filter(([a, b]) => a <= s && s < b).length);
    expect(most).toBeLessThanOrEqual(2);
  });

  slurmTest('--detach submits and returns; tydra collect gathers the results later', { timeout: 90_000 }, async () => {
    requireCluster();
    const cwd = tmpDir();
    const ran = await runApp(['-m', 'a=1,2,3', 'fail_a=3', 'hydra/launcher=slurm', 'hydra.launcher.timeout_min=5', '--detach'], cwd);
    expect(ran.code, ran.stderr).toBe(0);
    expect(ran.stdout).toContain('tydra collect');
    const dir = sweepDirIn(cwd);
    expect(readJobs(dir).map((j) => j.status).every((s) => s === 'queued')).toBe(true);
    const collected = await runNode(CLI, ['collect', dir, '--poll-interval', '0.3'], cwd);
    expect(collected.code).toBe(1);
    expect(collected.stderr).toMatch(/1 job did not complete/);
    const jobs = readJobs(dir);
    expect(jobs.map((j) => j.status)).toEqual(['completed', 'completed', 'failed']);
    expect(jobs[2]?.error?.message).toBe('boom at a=3 b=1');
    expect(fs.readFileSync(path.join(dir, 'results.csv'), 'utf8').trim().split('\n')).toHaveLength(4);
  });
});
