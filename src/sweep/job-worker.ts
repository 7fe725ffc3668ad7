/**
 * Running one job of a sweep from its manifest, in a process started by a launcher
 * (`app ... --tydra-job <sweep dir>/jobs.jsonl <num>`): a local pool worker or a SLURM array task.
 * The job is rebuilt from its `jobs.jsonl` line (or from `TYDRA_JOB_SPEC`, the same JSON, which
 * the local launcher passes along) and the sweep's frozen "now" in `sweep.json`; how
 * it ended goes to `<sweep dir>/.tydra/results/<num>.json` for the launcher to read, also when the
 * job cannot even be composed.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Composer } from '../compose/compose.js';
import { TydraError } from '../errors.js';
import { writeJobResultSync } from '../launch/job-files.js';
import { parseOverride } from '../overrides/parser.js';
import type { JobResult } from '../runtime/job-types.js';
import { toRunError } from '../runtime/run-record.js';
import { type AppRuntime, type JobOutcome, runJob } from '../runtime/run-job.js';
import { readManifestEntry, readSweepInfo, SWEEP_FILE } from './manifest.js';

/** The launcher's id for this job: `ARRAYID_TASKID` on SLURM, else the job number. */
function launcherJobId(num: number): string {
  const array = process.env.SLURM_ARRAY_JOB_ID;
  const task = process.env.SLURM_ARRAY_TASK_ID;
  if (array && task) return `${array}_${task}`;
  if (process.env.SLURM_JOB_ID) return process.env.SLURM_JOB_ID;
  if (process.env.TYDRA_WORKER === '1') return String(num);
  return process.env.TYDRA_JOB_ID ?? String(num);
}

/**
 * End with the sweep: a local launcher's job process exits when the sweep's process dies. A
 * worker keeps its channel referenced (it waits for jobs on it); a one-job process does not.
 */
function watchParent(worker: boolean): (() => void) | undefined {
  if (!process.channel) return undefined;
  if (!worker) process.channel.unref();
  const onDisconnect = () => {
    process.stderr.write('tydra: the sweep process is gone; stopping this job\n');
    process.exit(143);
  };
  process.on('disconnect', onDisconnect);
  return onDisconnect;
}

/** SLURM sends SIGUSR2 before the time limit (`signal_delay_s`); its default action would kill the job at once. */
function onSlurmWarning(): void {
  if (!process.env.SLURM_JOB_ID) return;
  process.on('SIGUSR2', () => {
    process.stderr.write(`tydra: SLURM warns that job ${launcherJobId(0)} reaches its time limit soon (SIGUSR2)\n`);
  });
}

interface WorkerMessage {
  type: 'job' | 'exit';
  num?: number;
  overrides?: string[];
}

/** The job the launcher passed along (`TYDRA_JOB_SPEC`), when it is job `num` of this manifest. */
function specFromEnv(manifest: string, num: number): string[] | undefined {
  const text = process.env.TYDRA_JOB_SPEC;
  if (!text) return undefined;
  try {
    const spec = JSON.parse(text) as { manifest?: unknown; num?: unknown; overrides?: unknown };
    return spec.manifest === manifest && spec.num === num && Array.isArray(spec.overrides) && spec.overrides.every((o) => typeof o === 'string') ? (spec.overrides as string[]) : undefined;
  } catch {
    return undefined;
  }
}

/** Messages from the launcher, queued so that none is missed between two jobs. */
function inbox(): () => Promise<WorkerMessage | undefined> {
  const queue: (WorkerMessage | undefined)[] = [];
  let waiting: ((m: WorkerMessage | undefined) => void) | undefined;
  const deliver = (m: WorkerMessage | undefined) => {
    if (waiting) {
      const w = waiting;
      waiting = undefined;
      w(m);
    } else queue.push(m);
  };
  process.on('message', (m: WorkerMessage) => deliver(m));
  process.on('disconnect', () => deliver(undefined));
  return () => (queue.length > 0 ? Promise.resolve(queue.shift()) : new Promise((resolve) => (waiting = resolve)));
}

/**
 * Run job `job.index` of the manifest. Started as a worker (`TYDRA_WORKER=1`, the local
 * launcher's `reuse_processes`), it then runs the jobs the launcher sends over IPC, one at a time,
 * until told to exit; each job's outcome is in its result file either way.
 */
export async function runManifestJob(app: AppRuntime, composer: Composer, job: { manifest: string; index: number }, _now: Date): Promise<JobOutcome> {
  const worker = process.env.TYDRA_WORKER === '1' && typeof process.send === 'function';
  const next = worker ? inbox() : undefined;
  const onDisconnect = watchParent(worker);
  onSlurmWarning();
  const manifest = path.resolve(app.cwd, job.manifest);
  const sweepDir = path.dirname(manifest);
  if (!fs.existsSync(path.join(sweepDir, SWEEP_FILE))) throw new TydraError(`--tydra-job: ${sweepDir} is not a sweep dir (no ${SWEEP_FILE})`);
  const sweep = readSweepInfo(sweepDir);

  const runOne = async (num: number, given?: string[]): Promise<JobOutcome> => {
    const startedAt = new Date();
    const id = launcherJobId(num);
    let overrides: string[] = given ?? [];
    try {
      if (!given) {
        const entry = readManifestEntry(manifest, num);
        if (!entry) throw new TydraError(`--tydra-job: job ${num} is not in ${manifest}`);
        overrides = entry.overrides;
      }
      const composition = composer.compose(overrides.map(parseOverride), { mode: 'multirun', skipMissing: false });
      const outcome = await runJob({ app, composition, mode: 'multirun', num, id, now: new Date(sweep.now), sweepDir });
      writeJobResultSync(sweepDir, outcome.result);
      return outcome;
    } catch (e) {
      // The job never ran its task (composition or validation failed): still tell the launcher why.
      const endedAt = new Date();
      const result: JobResult = {
        num,
        overrides,
        status: 'failed',
        id,
        startedAt: startedAt.toISOString(),
        endedAt: endedAt.toISOString(),
        durationMs: endedAt.getTime() - startedAt.getTime(),
        error: toRunError(e),
      };
      writeJobResultSync(sweepDir, result);
      if (!worker) throw e;
      process.stderr.write(`tydra: job ${num} failed: ${e instanceof Error ? e.message : String(e)}\n`);
      return { result, value: undefined, error: e };
    }
  };

  let outcome = await runOne(job.index, specFromEnv(manifest, job.index));
  if (!worker || !next) return outcome;
  process.send?.({ type: 'done', num: job.index });
  for (;;) {
    const msg = await next();
    if (!msg || msg.type !== 'job' || msg.num === undefined) break;
    outcome = await runOne(msg.num, msg.overrides);
    process.send?.({ type: 'done', num: msg.num });
  }
  if (onDisconnect) process.off('disconnect', onDisconnect);
  if (process.connected) process.disconnect();
  return outcome;
}
