// Integration tests against a live SLURM cluster (scripts/slurm/start.sh makes one on this host).
// Without a cluster they are skipped with the reason printed, unless TYDRA_REQUIRE_SLURM=1 (CI):
// then the presence check fails. TYDRA_SLURM_SLOW=1 adds a time-limit test (≤ 35 s).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { arrayStates, cancel, probeCluster, submit } from '../../../src/launch/slurm/client.js';
import { SlurmSubmitError } from '../../../src/launch/slurm/errors.js';
import type { TaskState } from '../../../src/launch/slurm/job-state.js';
import { ARRAY_TASK_ID, renderSbatchScript, type SbatchScriptOptions } from '../../../src/launch/slurm/sbatch-script.js';

const required = process.env.TYDRA_REQUIRE_SLURM === '1';
const slow = process.env.TYDRA_SLURM_SLOW === '1';
const probe = await probeCluster();
const missing = probe.available
  ? ''
  : `no SLURM cluster answers (${probe.reason}); start one with \`sudo bash scripts/slurm/start.sh\``;
if (!probe.available && !required) console.warn(`[tydra] SLURM integration tests skipped: ${missing}`);

describe('SLURM cluster', () => {
  it.runIf(required)('answers, as TYDRA_REQUIRE_SLURM=1 demands', () => {
    if (!probe.available) throw new Error(`TYDRA_REQUIRE_SLURM=1 but ${missing}`);
  });
});

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** Write `options` as a script in a fresh directory and submit it from there. */
async function submitScript(options: Omit<SbatchScriptOptions, 'output'>, env?: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'tydra-slurm-test-'));
  dirs.push(dir);
  const script = join(dir, 'job.sbatch');
  writeFileSync(script, renderSbatchScript({ output: join(dir, '%A_%a.out'), ...options }));
  const { jobId } = await submit(script, { cwd: dir, env });
  return { dir, script, jobId };
}

/** Poll until `done` holds for the array's states; fails with the last states after `timeoutMs`. */
async function waitFor(
  jobId: string,
  size: number,
  done: (states: Map<number, TaskState>) => boolean,
  timeoutMs = 30_000,
): Promise<Map<number, TaskState>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const states = await arrayStates(jobId, { size });
    if (done(states)) return states;
    if (Date.now() > deadline) {
      throw new Error(`job ${jobId} not there after ${timeoutMs} ms: ${JSON.stringify([...states])}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}
const allTerminal = (size: number) => (s: Map<number, TaskState>) =>
  s.size === size && [...s.values()].every((t) => t.terminal);
const brief = (states: Map<number, TaskState>) =>
  [...states].map(([task, s]) => `${task}:${s.state}:${s.exitCode}:${s.signal}`);

/** The most intervals [start, end) that overlap at one instant. */
function maxOverlap(intervals: readonly (readonly [number, number])[]): number {
  const events = intervals.flatMap(([start, end]) => [
    [start, 1],
    [end, -1],
  ]);
  events.sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0) || (a[1] ?? 0) - (b[1] ?? 0));
  let running = 0;
  let most = 0;
  for (const [, delta] of events) {
    running += delta ?? 0;
    most = Math.max(most, running);
  }
  return most;
}

const liveTitle = `live SLURM cluster${probe.available ? '' : ` (skipped: ${missing})`}`;
// Generous per-test timeout: CI runs other test files on the same 2 cores meanwhile.
describe.skipIf(!probe.available).concurrent(liveTitle, { timeout: 60_000 }, () => {
  it('runs a 6-task array at most 2 at a time and recovers each exit status and signal', async () => {
    // Each task logs when it starts and ends; task 2 exits 3, task 4 kills itself with SIGKILL.
    const task = [
      'i=$1 log=$2',
      'echo "start $i $(date +%s%N) $TYDRA_TEST_TAG" >> "$log"',
      'sleep 1', // long enough for the two tasks of a wave to overlap surely
      'echo "end $i $(date +%s%N)" >> "$log"',
      'case $i in 2) exit 3 ;; 4) kill -KILL $$ ;; esac',
    ].join('\n');
    const dir = mkdtempSync(join(tmpdir(), 'tydra-slurm-test-'));
    dirs.push(dir);
    const log = join(dir, 'tasks.log');
    const t0 = Date.now();
    const { jobId } = await submitScript(
      {
        job_name: 'tydra-test-throttle',
        array: { size: 6, parallelism: 2 },
        time: 5,
        command: ['bash', '-c', task, 'task', ARRAY_TASK_ID, log],
      },
      { TYDRA_TEST_TAG: 'from-submit-env' },
    );
    const states = await waitFor(jobId, 6, allTerminal(6));
    console.info(`[tydra] 6-task array (%2) finished ${Date.now() - t0} ms after submission`);

    expect(brief(states)).toEqual([
      '0:COMPLETED:0:null',
      '1:COMPLETED:0:null',
      '2:FAILED:3:null',
      '3:COMPLETED:0:null',
      '4:FAILED:0:9',
      '5:COMPLETED:0:null',
    ]);
    expect(states.get(2)?.reason).toBe('NonZeroExitCode');

    const lines = readFileSync(log, 'utf8').trim().split('\n');
    const at = (kind: string, i: number) => {
      const line = lines.find((l) => l.startsWith(`${kind} ${i} `));
      if (!line) throw new Error(`no "${kind} ${i}" line in ${log}:\n${lines.join('\n')}`);
      return Number(BigInt(line.split(' ')[2] ?? '0') / 1000n) / 1000; // ms
    };
    const intervals = [0, 1, 2, 3, 4, 5].map((i) => [at('start', i), at('end', i)] as const);
    expect(maxOverlap(intervals), 'tasks running at once').toBe(2); // throttled, yet parallel
    expect(lines.filter((l) => l.startsWith('start')).every((l) => l.endsWith(' from-submit-env'))).toBe(true);
  });

  it('cancels a pending task (Slurm forgets it), a running task, then the rest', async () => {
    const { jobId } = await submitScript({ job_name: 'tydra-test-cancel', array: { size: 3, parallelism: 1 }, command: ['sleep', '60'] });
    await waitFor(jobId, 3, (s) => s.get(0)?.state === 'RUNNING');

    await cancel(jobId, [2]); // pending: it vanishes at once
    await cancel(jobId, [0]); // running: SIGTERM
    let states = await waitFor(jobId, 3, (s) => s.get(0)?.terminal === true && s.get(1)?.state === 'RUNNING');
    expect(states.get(0)).toMatchObject({ state: 'CANCELLED', signal: 15 });
    expect(states.get(2)).toMatchObject({ state: 'CANCELLED', source: 'vanished' });

    await cancel(jobId);
    states = await waitFor(jobId, 3, allTerminal(3));
    expect([...states].map(([t, s]) => `${t}:${s.state}:${s.source}`)).toEqual([
      '0:CANCELLED:scontrol',
      '1:CANCELLED:scontrol',
      '2:CANCELLED:vanished',
    ]);
    await cancel(jobId); // cancelling a finished job is a no-op
  });

  it('rejects a submission to a partition that does not exist, in Slurm’s words', async () => {
    const error = await submitScript({ partition: 'no-such-partition', command: ['true'] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SlurmSubmitError);
    expect(error).toMatchObject({ reason: 'Invalid partition name specified' });
    expect((error as Error).message).toMatch(/^sbatch rejected \/.*job\.sbatch: Invalid partition name specified$/);
  });

  it('rejects a request the node can never satisfy instead of leaving it pending', async () => {
    const error = await submitScript({ cpus_per_task: 999, command: ['true'] }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'SlurmSubmitError', reason: 'More processors requested than permitted' });
  });

  it('writes one log per task under %A_%a and reads a plain job as task 0', async () => {
    const { jobId, dir } = await submitScript({ command: ['bash', '-c', 'echo out; echo err >&2; exit 7'] });
    const states = await waitFor(jobId, 1, allTerminal(1));
    expect(brief(states)).toEqual(['0:FAILED:7:null']);
    // Not an array: %A is the job id and %a Slurm's "no task" marker.
    const logs = readdirSync(dir).filter((f) => f.endsWith('.out'));
    expect(logs).toHaveLength(1);
    expect(readFileSync(join(dir, logs[0] ?? ''), 'utf8')).toBe('out\nerr\n');
  });

  it.skipIf(!slow)(
    'sees TIMEOUT when a job outlives its time limit (TYDRA_SLURM_SLOW=1: up to 35 s)',
    async () => {
      const { jobId } = await submitScript({ time: 5, command: ['sleep', '300'] });
      await waitFor(jobId, 1, (s) => s.get(0)?.state === 'RUNNING');
      // --time cannot go below a minute, and slurmctld checks limits every 30 s; a limit of 0 set on a
      // running job is already exceeded, so the next check (≤ 30 s) ends it.
      execFileSync('scontrol', ['update', `JobId=${jobId}`, 'TimeLimit=0']);
      const states = await waitFor(jobId, 1, allTerminal(1), 45_000);
      expect(states.get(0)).toMatchObject({ state: 'TIMEOUT', reason: 'TimeLimit' });
    },
    60_000,
  );
});
