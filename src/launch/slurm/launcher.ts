/**
 * The SLURM launcher: one `sbatch --array=0-(n-1)%P` per group of jobs it is handed. Task i of
 * the array runs job `nums[i]` (a bash array in the script maps one to the other), with the app
 * in job mode: `app ... --tydra-job <sweep dir>/jobs.jsonl $TYDRA_JOB_NUM`. Logs go to
 * `<submitit_folder>/%A_%a.out|.err`.
 *
 * Submitting, watching and collecting are separate: {@link SlurmLauncher.submit} records each
 * array in `<sweep dir>/.tydra/slurm.jsonl`, and {@link watchSubmission} polls one until every
 * task has ended, from this process or from `tydra collect` much later. A task's outcome comes from
 * the result file its job wrote and from Slurm's state (read without slurmdbd: see
 * scripts/slurm/README.md): a task killed at its time limit is `timeout`, a cancelled one
 * `cancelled`, one that died without a result `failed` with its exit status and the end of its log.
 */
import fs from 'node:fs';
import path from 'node:path';
import { TydraError } from '../../errors.js';
import type { JobResult, JobSpec, JobStatus } from '../../runtime/job-types.js';
import type { RunError } from '../../runtime/run-record.js';
import { mergeAsync } from '../async-queue.js';
import { clearJobResult, readJobResult, SWEEP_STATE_DIR, tailOf } from '../job-files.js';
import type { JobEvent, LaunchContext, LaunchControl, Launcher } from '../types.js';
import { arrayStates, cancel, submit } from './client.js';
import type { TaskState } from './job-state.js';
import { renderSbatchScript } from './sbatch-script.js';
import { type SubmititSlurmParams, sbatchOptionsFromSubmitit } from './submitit-options.js';

/** `hydra.launcher` options of `hydra/launcher=slurm`: Hydra's submitit options plus tydra's own. */
export interface SlurmLauncherOptions extends SubmititSlurmParams {
  /** Where scripts and `%A_%a` logs go (default `<sweep dir>/.slurm`). */
  submitit_folder?: string | null;
  /** How often to ask Slurm about running arrays. */
  poll_interval_s?: number | null;
  /** How many times a job that hit its time limit is submitted again. */
  max_num_timeout?: number | null;
  /** Most tasks in one array (Slurm's MaxArraySize is 1001 by default): more jobs make more arrays. */
  max_array_size?: number | null;
}

/** The Slurm commands the launcher uses (replaced in unit tests). */
export interface SlurmClient {
  submit: typeof submit;
  arrayStates: typeof arrayStates;
  cancel: typeof cancel;
}

const realClient: SlurmClient = { submit, arrayStates, cancel };

/** One sbatch call: what `tydra collect` needs to find its jobs again (a line of `.tydra/slurm.jsonl`). */
export interface SlurmSubmission {
  /** The array's job id. */
  jobId: string;
  /** Job number of each array task, by task index. */
  nums: number[];
  script: string;
  /** The log pattern with `%A` filled in: `<folder>/<jobId>_%a.out`. */
  output: string;
  error: string | null;
  submittedAt: string;
}

export const SUBMISSIONS_FILE = 'slurm.jsonl';

export function submissionsPath(sweepDir: string): string {
  return path.join(sweepDir, SWEEP_STATE_DIR, SUBMISSIONS_FILE);
}

/** Every array submitted for a sweep, oldest first. */
export function readSubmissions(sweepDir: string): SlurmSubmission[] {
  let text: string;
  try {
    text = fs.readFileSync(submissionsPath(sweepDir), 'utf8');
  } catch {
    return [];
  }
  const out: SlurmSubmission[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      out.push(JSON.parse(line) as SlurmSubmission);
    } catch {
      // a torn last line from a crash: that submission's jobs are found again by resume
    }
  }
  return out;
}

export class SlurmLauncher implements Launcher {
  readonly name = 'slurm';
  readonly window = Number.POSITIVE_INFINITY;
  private readonly folder: string;
  private readonly pollMs: number;
  private readonly maxTimeouts: number;
  private readonly maxArray: number;
  private submitted = 0;

  constructor(
    private readonly ctx: LaunchContext,
    private readonly options: SlurmLauncherOptions = {},
    private readonly client: SlurmClient = realClient,
  ) {
    this.folder = path.resolve(ctx.cwd, options.submitit_folder ?? path.join(ctx.sweepDir, '.slurm'));
    this.pollMs = Math.max(0.05, options.poll_interval_s ?? 1) * 1000;
    this.maxTimeouts = Math.max(0, options.max_num_timeout ?? 0);
    this.maxArray = Math.max(1, options.max_array_size ?? 1000);
    if (ctx.command.length === 0) throw new TydraError('the slurm launcher needs the command that starts the app');
  }

  describe(count: number): string {
    const p = this.options.array_parallelism;
    const throttle = p && p < count ? `, at most ${p} at a time` : '';
    const where = this.options.partition ? ` on partition ${this.options.partition}` : '';
    return `Submitting ${count} ${count === 1 ? 'job' : 'jobs'} to SLURM as an array${where}${throttle} (hydra/launcher=slurm)`;
  }

  /**
   * Write the array's script and submit it. `after`: job ids the array waits for
   * (`--dependency=afterany:...`), to keep batches in order when nobody watches them.
   */
  async submit(jobs: readonly JobSpec[], after: readonly string[] = []): Promise<SlurmSubmission> {
    if (jobs.length === 0) throw new TydraError('nothing to submit');
    // Each task reads its job's line of jobs.jsonl: it must be on disk before anything starts.
    await this.ctx.persist?.(jobs);
    fs.mkdirSync(this.folder, { recursive: true });
    for (const job of jobs) clearJobResult(this.ctx.sweepDir, job.num);
    const index = this.submitted++;
    const stamp = `${Date.now().toString(36)}-${index}`;
    const script = path.join(this.folder, `array-${stamp}.sbatch`);
    const nums = jobs.map((j) => j.num);
    const output = path.join(this.folder, '%A_%a.out');
    const error = path.join(this.folder, '%A_%a.err');
    const params: SubmititSlurmParams = {
      ...this.options,
      additional_parameters: after.length > 0 ? { ...(this.options.additional_parameters ?? {}), dependency: `afterany:${after.join(':')}` } : this.options.additional_parameters,
    };
    const base = sbatchOptionsFromSubmitit(params, {
      command: [...this.ctx.command, '--tydra-job', this.ctx.manifest, { env: 'TYDRA_JOB_NUM' }],
      jobs: jobs.length,
      output,
      error,
    });
    const text = renderSbatchScript({
      ...base,
      setup: [
        ...(base.setup ?? []),
        '# task index -> job number of the sweep',
        `tydra_nums=(${nums.join(' ')})`,
        'export TYDRA_JOB_NUM="${tydra_nums[$SLURM_ARRAY_TASK_ID]}"',
      ],
    });
    fs.writeFileSync(script, text);
    const { jobId } = await this.client.submit(script, { cwd: this.ctx.cwd, env: stringEnv(this.ctx.env) });
    const submission: SlurmSubmission = {
      jobId,
      nums,
      script,
      output: output.replace('%A', jobId),
      error: this.options.stderr_to_stdout ? null : error.replace('%A', jobId),
      submittedAt: new Date().toISOString(),
    };
    const record = submissionsPath(this.ctx.sweepDir);
    fs.mkdirSync(path.dirname(record), { recursive: true });
    fs.appendFileSync(record, `${JSON.stringify(submission)}\n`);
    return submission;
  }

  /** Submit `jobs` as arrays of at most `max_array_size` tasks, each waiting for `after`. */
  async submitAll(jobs: readonly JobSpec[], after: readonly string[] = []): Promise<SlurmSubmission[]> {
    const out: SlurmSubmission[] = [];
    for (const chunk of chunks(jobs, this.maxArray)) out.push(await this.submit(chunk, after));
    return out;
  }

  launch(jobs: readonly JobSpec[], control: LaunchControl = {}): AsyncIterable<JobEvent> {
    const parts = chunks(jobs, this.maxArray);
    return parts.length === 1 ? this.runArray(jobs, control) : mergeAsync(parts.map((part) => this.runArray(part, control)));
  }

  /** Submit one array and watch it; jobs that hit their time limit go again (max_num_timeout). */
  private async *runArray(jobs: readonly JobSpec[], control: LaunchControl): AsyncIterable<JobEvent> {
    let todo = jobs;
    const timeouts = new Map<number, number>();
    while (todo.length > 0) {
      if (control.abort?.aborted || control.drain?.aborted) {
        for (const job of todo) yield { type: 'finished', result: notStarted(job, control) };
        return;
      }
      const submission = await this.submit(todo);
      this.ctx.log(`Submitted array ${submission.jobId} (${todo.length} ${todo.length === 1 ? 'task' : 'tasks'}); logs in ${path.dirname(submission.output)}`);
      const again: JobSpec[] = [];
      const byNum = new Map(todo.map((j) => [j.num, j]));
      for await (const ev of watchSubmission(submission, { sweepDir: this.ctx.sweepDir, pollMs: this.pollMs, client: this.client, control, jobs: byNum })) {
        if (ev.type === 'finished' && ev.result.status === 'timeout') {
          const n = timeouts.get(ev.result.num) ?? 0;
          if (n < this.maxTimeouts && !control.abort?.aborted && !control.drain?.aborted) {
            timeouts.set(ev.result.num, n + 1);
            this.ctx.log(`Job ${ev.result.num} hit its time limit: submitting it again (${n + 1} of max_num_timeout=${this.maxTimeouts})`);
            again.push(byNum.get(ev.result.num) as JobSpec);
            continue;
          }
        }
        yield ev;
      }
      todo = again;
    }
  }
}

export interface WatchOptions {
  sweepDir: string;
  pollMs: number;
  client?: SlurmClient;
  control?: LaunchControl;
  /** The jobs of the submission (for their overrides); default: overrides unknown (empty). */
  jobs?: ReadonlyMap<number, JobSpec>;
  /** Look once and report only tasks that have ended (`tydra collect --no-wait`). */
  once?: boolean;
}

/**
 * Poll one submitted array until each of its tasks has ended, reporting each job's events.
 * Honours `control`: on abort the whole array is cancelled; on drain its pending tasks.
 */
export async function* watchSubmission(sub: SlurmSubmission, opts: WatchOptions): AsyncIterable<JobEvent> {
  const client = opts.client ?? realClient;
  const control = opts.control ?? {};
  const size = sub.nums.length;
  const seen = new Map<number, 'queued' | 'started' | 'finished'>();
  let cancelled: 'abort' | 'drain' | undefined;
  let unknownPolls = 0;
  const spec = (task: number): JobSpec => {
    const num = sub.nums[task] as number;
    return opts.jobs?.get(num) ?? { num, overrides: [] };
  };
  for (;;) {
    if (control.abort?.aborted && cancelled !== 'abort') {
      cancelled = 'abort';
      await client.cancel(sub.jobId).catch(() => undefined);
    }
    const states = await client.arrayStates(sub.jobId, { size });
    if (control.drain?.aborted && !cancelled) {
      cancelled = 'drain';
      const pending = [...states].filter(([, s]) => s.state === 'PENDING').map(([t]) => t);
      if (pending.length > 0) await client.cancel(sub.jobId, pending).catch(() => undefined);
    }
    unknownPolls = states.size === 0 ? unknownPolls + 1 : 0;
    for (let task = 0; task < size; task++) {
      if (seen.get(task) === 'finished') continue;
      const job = spec(task);
      const state = states.get(task);
      const id = `${sub.jobId}_${task}`;
      if (!state) {
        // Slurm has forgotten the job entirely (MinJobAge passed and no jobcomp log): trust the result file.
        const written = readJobResult(opts.sweepDir, job.num);
        if (written || unknownPolls > 30) {
          seen.set(task, 'finished');
          yield { type: 'finished', result: slurmOutcome(job, undefined, written, sub, task), log: logOf(sub, task) };
        }
        continue;
      }
      if (state.terminal) {
        seen.set(task, 'finished');
        yield { type: 'finished', result: slurmOutcome(job, state, readJobResult(opts.sweepDir, job.num), sub, task), log: logOf(sub, task) };
      } else if (state.state === 'PENDING' || state.state === 'REQUEUED') {
        if (!seen.has(task)) {
          seen.set(task, 'queued');
          yield { type: 'queued', num: job.num, id };
        }
      } else if (seen.get(task) !== 'started') {
        seen.set(task, 'started');
        yield { type: 'started', num: job.num, id, at: new Date().toISOString() };
      }
    }
    if ([...seen.values()].filter((s) => s === 'finished').length === size || opts.once) return;
    await sleep(opts.pollMs, control);
  }
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function logOf(sub: SlurmSubmission, task: number): string {
  return sub.output.replace('%a', String(task));
}

const FAILED_STATES: Partial<Record<string, string>> = {
  NODE_FAIL: 'the node failed',
  OUT_OF_MEMORY: 'it ran out of memory',
  PREEMPTED: 'it was preempted',
  BOOT_FAIL: 'the node failed to boot',
  DEADLINE: 'it missed its deadline',
  REVOKED: 'it was revoked',
};

/**
 * How an array task's job ended: its own result file when it wrote one, Slurm's state otherwise
 * (TIMEOUT → timeout, CANCELLED → cancelled, anything else → failed with the reason and the end of the log).
 */
export function slurmOutcome(job: JobSpec, state: TaskState | undefined, written: JobResult | undefined, sub: SlurmSubmission, task: number): JobResult {
  const id = `${sub.jobId}_${task}`;
  if (written && (written.status === 'completed' || !state || (state.state !== 'TIMEOUT' && state.state !== 'CANCELLED'))) {
    return { ...written, id: written.id ?? id };
  }
  const log = logOf(sub, task);
  let status: JobStatus = 'failed';
  let error: RunError;
  const slurmState = state?.state ?? 'UNKNOWN';
  if (slurmState === 'TIMEOUT') {
    status = 'timeout';
    error = { name: 'TimeoutError', message: `SLURM stopped job ${job.num} (task ${id}) at its time limit (timeout_min)`, stack: null };
  } else if (slurmState === 'CANCELLED') {
    status = 'cancelled';
    const pending = state?.source === 'vanished';
    error = { name: 'Cancelled', message: pending ? `task ${id} was cancelled before it started` : `task ${id} was cancelled (scancel)`, stack: null };
  } else if (!state) {
    error = { name: 'JobProcessError', message: `SLURM no longer knows task ${id} and it left no result (log: ${log})`, stack: null };
  } else {
    const why =
      FAILED_STATES[slurmState] ??
      (state.signal ? `it was killed by signal ${state.signal}` : state.exitCode !== null && state.exitCode !== 0 ? `it exited with code ${state.exitCode}` : `it ended ${slurmState}`);
    const tail = tailOf(log, 15) || (sub.error ? tailOf(sub.error.replace('%a', String(task)), 15) : '');
    error = { name: 'JobProcessError', message: `task ${id} ended ${slurmState} without recording a result: ${why} (log: ${log})${tail ? `\n${tail}` : ''}`, stack: null };
  }
  return {
    num: job.num,
    overrides: written?.overrides ?? job.overrides,
    status,
    outputDir: written?.outputDir,
    id,
    startedAt: written?.startedAt,
    endedAt: written?.endedAt ?? new Date().toISOString(),
    durationMs: written?.durationMs,
    error,
  };
}

function notStarted(job: JobSpec, control: LaunchControl): JobResult {
  const why = control.abort?.aborted ? 'the sweep was interrupted' : 'the sweep stopped after too many failures';
  return { num: job.num, overrides: job.overrides, status: 'cancelled', error: { name: 'NotStarted', message: `not submitted: ${why}`, stack: null } };
}

function stringEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined) out[k] = v;
  return out;
}

/** Sleep `ms`, waking early when the sweep is stopped. */
function sleep(ms: number, control: LaunchControl): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(t);
      control.abort?.removeEventListener('abort', done);
      control.drain?.removeEventListener('abort', done);
      resolve();
    };
    const t = setTimeout(done, ms);
    control.abort?.addEventListener('abort', done, { once: true });
    control.drain?.addEventListener('abort', done, { once: true });
  });
}
