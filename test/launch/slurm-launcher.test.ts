// The SLURM launcher against a scripted client: what it submits, and how task states and result
// files become job results. The live cluster tests are in launchers.test.ts.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeJobResultSync } from '../../src/launch/job-files.js';
import type { TaskState } from '../../src/launch/slurm/job-state.js';
import { readSubmissions, type SlurmClient, SlurmLauncher, type SlurmSubmission, slurmOutcome } from '../../src/launch/slurm/launcher.js';
import type { JobEvent, LaunchContext } from '../../src/launch/types.js';
import { removeTmpDirs, tmpDir } from '../fixtures/multirun/helpers.js';

afterAll(removeTmpDirs);

const task = (state: TaskState['state'], extra: Partial<TaskState> = {}): TaskState => ({
  state,
  terminal: ['COMPLETED', 'FAILED', 'CANCELLED', 'TIMEOUT', 'NODE_FAIL', 'OUT_OF_MEMORY'].includes(state),
  exitCode: null,
  signal: null,
  reason: null,
  jobId: null,
  source: 'scontrol',
  ...extra,
});

function setup(polls: Map<number, TaskState>[]) {
  const sweepDir = tmpDir('tydra-slurm-unit-');
  const calls: unknown[][] = [];
  let poll = 0;
  let id = 41;
  const client: SlurmClient = {
    submit: async (script) => {
      calls.push(['submit', script]);
      return { jobId: String(++id) };
    },
    arrayStates: async (jobId) => {
      calls.push(['states', jobId]);
      return polls[Math.min(poll++, polls.length - 1)] as Map<number, TaskState>;
    },
    cancel: async (jobId, tasks) => {
      calls.push(['cancel', jobId, tasks]);
    },
  };
  const ctx: LaunchContext = {
    sweepDir,
    manifest: path.join(sweepDir, 'jobs.jsonl'),
    command: ['/usr/bin/node', '/app/train.js', '-m', 'lr=0.1,0.01'],
    cwd: sweepDir,
    env: { PATH: '/bin' },
    log: () => undefined,
  };
  return { sweepDir, calls, client, ctx };
}

async function collect(events: AsyncIterable<JobEvent>): Promise<JobEvent[]> {
  const out: JobEvent[] = [];
  for await (const ev of events) out.push(ev);
  return out;
}

const jobs = [
  { num: 4, overrides: ['a=4'] },
  { num: 7, overrides: ['a=7'] },
  { num: 9, overrides: ['a=9'] },
];

describe('the SLURM launcher', () => {
  it('submits one throttled array whose task i runs job nums[i] in job mode, and records it', async () => {
    const { sweepDir, client, ctx } = setup([new Map([[0, task('COMPLETED')], [1, task('COMPLETED')], [2, task('COMPLETED')]])]);
    const launcher = new SlurmLauncher(ctx, { array_parallelism: 2, timeout_min: 10, partition: 'debug', mem_gb: 4, poll_interval_s: 0.05 }, client);
    const sub = await launcher.submit(jobs);
    const script = fs.readFileSync(sub.script, 'utf8');
    expect(script).toContain('#SBATCH --array=0-2%2');
    expect(script).toContain('#SBATCH --time=10');
    expect(script).toContain('#SBATCH --partition=debug');
    expect(script).toContain('#SBATCH --mem=4G');
    expect(script).toContain(`#SBATCH --output=${sweepDir}/.slurm/%A_%a.out`);
    expect(script).toContain('tydra_nums=(4 7 9)');
    expect(script).toContain(`exec /usr/bin/node /app/train.js -m lr=0.1,0.01 --tydra-job ${sweepDir}/jobs.jsonl "$TYDRA_JOB_NUM"`);
    expect(readSubmissions(sweepDir)).toEqual([sub]);
    expect(sub.output).toBe(`${sweepDir}/.slurm/42_%a.out`);
  });

  it('chains arrays with --dependency when asked (detached batches)', async () => {
    const { client, ctx } = setup([]);
    const sub = await new SlurmLauncher(ctx, {}, client).submit(jobs, ['40', '41']);
    expect(fs.readFileSync(sub.script, 'utf8')).toContain('#SBATCH --dependency=afterany:40:41');
  });

  it('reports queued, started and finished per job, taking results from the files jobs write', async () => {
    const { sweepDir, client, ctx } = setup([
      new Map([[0, task('PENDING')], [1, task('PENDING')], [2, task('PENDING')]]),
      new Map([[0, task('RUNNING')], [1, task('PENDING')], [2, task('PENDING')]]),
      new Map([[0, task('COMPLETED', { exitCode: 0 })], [1, task('FAILED', { exitCode: 1 })], [2, task('TIMEOUT')]]),
    ]);
    const launcher = new SlurmLauncher(ctx, { poll_interval_s: 0.05 }, client);
    const results = new Map<number, JobEvent[]>();
    // Job 4 "runs" and writes its result file; the others die without one.
    const events: JobEvent[] = [];
    for await (const ev of launcher.launch(jobs)) {
      events.push(ev);
      if (ev.type === 'started' && ev.num === 4) writeJobResultSync(sweepDir, { num: 4, overrides: ['a=4'], status: 'completed', returnValue: 1 });
    }
    for (const ev of events) {
      const num = ev.type === 'finished' ? ev.result.num : ev.num;
      results.set(num, [...(results.get(num) ?? []), ev]);
    }
    expect(results.get(4)?.map((e) => e.type)).toEqual(['queued', 'started', 'finished']);
    const finished = events.filter((e) => e.type === 'finished').map((e) => (e as Extract<JobEvent, { type: 'finished' }>).result);
    expect(finished.map((r) => [r.num, r.status])).toEqual([
      [4, 'completed'],
      [7, 'failed'],
      [9, 'timeout'],
    ]);
    expect(finished[0]?.returnValue).toBe(1);
    expect(finished[1]?.error?.message).toMatch(/task 42_1 ended FAILED without recording a result: it exited with code 1/);
    expect(finished[0]?.id).toBe('42_0');
  });

  it('cancels the pending tasks when the sweep drains, and the whole array when it aborts', async () => {
    const { client, ctx, calls } = setup([
      new Map([[0, task('RUNNING')], [1, task('PENDING')], [2, task('PENDING')]]),
      new Map([[0, task('COMPLETED')], [1, task('CANCELLED', { source: 'vanished' })], [2, task('CANCELLED', { source: 'vanished' })]]),
    ]);
    const { watchSubmission } = await import('../../src/launch/slurm/launcher.js');
    const first = await new SlurmLauncher(ctx, { poll_interval_s: 0.05 }, client).submit(jobs);
    const drain = new AbortController();
    drain.abort();
    const events = await collect(watchSubmission(first, { sweepDir: ctx.sweepDir, pollMs: 50, client, control: { drain: drain.signal } }));
    expect(events.map((e) => (e.type === 'finished' ? e.result.status : e.type))).toEqual(['started', 'queued', 'queued', 'failed', 'cancelled', 'cancelled']);
    expect(calls).toContainEqual(['cancel', '42', [1, 2]]);
    const { calls: abortCalls, client: c2, ctx: ctx2 } = setup([new Map([[0, task('CANCELLED')], [1, task('CANCELLED')], [2, task('CANCELLED')]])]);
    const abort = new AbortController();
    const launcher = new SlurmLauncher(ctx2, { poll_interval_s: 0.05 }, c2);
    const sub = await launcher.submit(jobs);
    abort.abort();
    const got = await collect(watchSubmission(sub, { sweepDir: ctx2.sweepDir, pollMs: 50, client: c2, control: { abort: abort.signal } }));
    expect(abortCalls).toContainEqual(['cancel', sub.jobId, undefined]);
    expect(got.map((e) => (e as Extract<JobEvent, { type: 'finished' }>).result.status)).toEqual(['cancelled', 'cancelled', 'cancelled']);
  });

  it('resubmits a job that hit its time limit, up to max_num_timeout times', async () => {
    const { client, ctx, calls } = setup([new Map([[0, task('TIMEOUT')]]), new Map([[0, task('TIMEOUT')]]), new Map([[0, task('COMPLETED')]])]);
    const events = await collect(new SlurmLauncher(ctx, { poll_interval_s: 0.05, max_num_timeout: 1 }, client).launch([{ num: 0, overrides: [] }]));
    expect(calls.filter((c) => c[0] === 'submit')).toHaveLength(2);
    expect(events.map((e) => (e.type === 'finished' ? e.result.status : e.type))).toEqual(['timeout']);
  });

  it('splits more jobs than max_array_size into several arrays', async () => {
    const all = new Map([[0, task('COMPLETED')], [1, task('COMPLETED')]]);
    const { client, ctx, calls } = setup([all]);
    const events = await collect(new SlurmLauncher(ctx, { poll_interval_s: 0.05, max_array_size: 2 }, client).launch(jobs));
    expect(calls.filter((c) => c[0] === 'submit')).toHaveLength(2);
    expect(events.filter((e) => e.type === 'finished')).toHaveLength(3);
  });
});

describe('how a task ended', () => {
  const sub: SlurmSubmission = { jobId: '42', nums: [5], script: '/s', output: '/nonexistent/42_%a.out', error: null, submittedAt: '' };
  const job = { num: 5, overrides: ['a=1'] };
  it('is the job’s own result when it wrote one', () => {
    const r = slurmOutcome(job, task('FAILED', { exitCode: 1 }), { num: 5, overrides: ['a=1'], status: 'failed', error: { name: 'Error', message: 'boom', stack: null } }, sub, 0);
    expect(r.error?.message).toBe('boom');
    expect(r.id).toBe('42_0');
  });
  it('is a timeout for TIMEOUT and a cancellation for CANCELLED, whatever the job wrote before', () => {
    expect(slurmOutcome(job, task('TIMEOUT'), undefined, sub, 0).status).toBe('timeout');
    expect(slurmOutcome(job, task('CANCELLED', { source: 'vanished' }), undefined, sub, 0).error?.message).toMatch(/cancelled before it started/);
  });
  it('says how a task died without a result: signal, exit code, or the node', () => {
    expect(slurmOutcome(job, task('FAILED', { exitCode: 0, signal: 9 }), undefined, sub, 0).error?.message).toMatch(/killed by signal 9/);
    expect(slurmOutcome(job, task('OUT_OF_MEMORY'), undefined, sub, 0).error?.message).toMatch(/ran out of memory/);
    expect(slurmOutcome(job, undefined, undefined, sub, 0).error?.message).toMatch(/no longer knows task 42_0/);
  });
});
