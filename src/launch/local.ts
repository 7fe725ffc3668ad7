/**
 * The local launcher: a pool of `n_jobs` slots on this machine, one child process per job
 * (`app ... --tydra-job <jobs.jsonl> <num>`), each in its own process group with its console in
 * `<sweep dir>/.tydra/logs/<num>.out`.
 *
 * - Timeouts: after `timeout_min` a job's process group gets SIGTERM, and SIGKILL `kill_grace_s`
 *   later; the job is recorded as `timeout`.
 * - GPU slots: slot k runs its jobs with `CUDA_VISIBLE_DEVICES=gpus[k % gpus.length]`, so two
 *   jobs share a device only when there are more slots than devices.
 * - Abort (Ctrl-C): running jobs are terminated the same way and recorded as `cancelled`.
 * - A job process watches its IPC channel and ends itself when the sweep's process dies, so a
 *   killed sweep leaves no orphans that a resume would race with.
 * - `reuse_processes`: each slot keeps one worker process that runs the slot's jobs one after
 *   another (job numbers over IPC), its console in `.tydra/logs/slot-<k>.out`; a job stopped by a
 *   timeout or Ctrl-C takes its worker along, and the slot's next job starts a new one.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TydraError } from '../errors.js';
import type { JobResult, JobSpec, JobStatus } from '../runtime/job-types.js';
import type { RunError } from '../runtime/run-record.js';
import { AsyncQueue } from './async-queue.js';
import { clearJobResult, jobLogPath, readJobResult, tailOf } from './job-files.js';
import type { JobEvent, LaunchContext, LaunchControl, Launcher } from './types.js';

/** `hydra.launcher` options of `hydra/launcher=local`. */
export interface LocalLauncherOptions {
  /** Jobs at once. null: the number of cores; negative: cores + 1 + n_jobs (joblib's `-1` = all cores). */
  n_jobs?: number | null;
  /** Per-job time limit in minutes (fractions allowed); null: none. */
  timeout_min?: number | null;
  /** Device ids handed out per slot as `CUDA_VISIBLE_DEVICES` (`[0, 1]`, or `['0,1', '2,3']` for two per job). */
  gpus?: readonly (string | number)[] | null;
  /** Seconds between SIGTERM and SIGKILL when a job is stopped. */
  kill_grace_s?: number | null;
  /**
   * Keep each slot's process and run the slot's next jobs in it (no start-up per job, less
   * isolation: module state carries over; the slot's jobs share one console log).
   */
  reuse_processes?: boolean | null;
}

/** The number of slots for `n_jobs`. */
export function slotCount(nJobs: number | null | undefined, cores = os.availableParallelism?.() ?? os.cpus().length): number {
  if (nJobs === null || nJobs === undefined) return Math.max(1, cores);
  if (!Number.isInteger(nJobs) || nJobs === 0) throw new TydraError(`hydra.launcher.n_jobs must be a non-zero integer or null (got ${String(nJobs)})`);
  return nJobs > 0 ? nJobs : Math.max(1, cores + 1 + nJobs);
}

interface Running {
  stop: (why: 'timeout' | 'cancelled') => void;
}

export class LocalLauncher implements Launcher {
  readonly name = 'local';
  readonly window: number;
  private readonly free: number[];
  private readonly waiters: (() => void)[] = [];
  private readonly timeoutMs: number | undefined;
  private readonly graceMs: number;
  private readonly gpus: string[];
  private readonly running = new Set<Running>();
  private readonly reuse: boolean;
  private readonly workers = new Map<number, Worker>();

  constructor(
    private readonly ctx: LaunchContext,
    options: LocalLauncherOptions = {},
  ) {
    this.window = slotCount(options.n_jobs);
    this.free = Array.from({ length: this.window }, (_, i) => i);
    const t = options.timeout_min;
    if (t !== null && t !== undefined && !(typeof t === 'number' && t > 0)) throw new TydraError(`hydra.launcher.timeout_min must be a positive number or null (got ${String(t)})`);
    this.timeoutMs = t ? t * 60_000 : undefined;
    this.graceMs = Math.max(0, options.kill_grace_s ?? 10) * 1000;
    this.gpus = (options.gpus ?? []).map(String);
    this.reuse = options.reuse_processes === true;
    if (ctx.command.length === 0) throw new TydraError('the local launcher needs the command that starts the app');
  }

  describe(count: number): string {
    const gpu = this.gpus.length > 0 ? `, GPUs ${this.gpus.join(' ')}` : '';
    const limit = this.timeoutMs ? `, timeout ${formatMinutes(this.timeoutMs)}` : '';
    const reuse = this.reuse ? ', reusing processes' : '';
    return `Launching ${count} ${count === 1 ? 'job' : 'jobs'} locally, ${this.window} at a time${gpu}${limit}${reuse} (hydra/launcher=local)`;
  }

  launch(jobs: readonly JobSpec[], control: LaunchControl = {}): AsyncIterable<JobEvent> {
    const queue = new AsyncQueue<JobEvent>();
    let left = jobs.length;
    const done = (ev: JobEvent) => {
      queue.push(ev);
      if (--left === 0) queue.close();
    };
    if (left === 0) queue.close();
    for (const job of jobs) {
      void this.acquire(control).then((slot) => {
        if (slot === undefined) {
          done({ type: 'finished', result: cancelledBeforeStart(job, control) });
          return;
        }
        this.start(job, slot, control, (ev) => queue.push(ev))
          .then((finished) => done(finished))
          .catch((error: unknown) => done({ type: 'finished', result: failedToStart(job, error) }))
          .finally(() => this.release(slot));
      });
    }
    return queue;
  }

  async close(): Promise<void> {
    for (const r of this.running) r.stop('cancelled');
    const idle = [...this.workers.values()];
    this.workers.clear();
    await Promise.all(
      idle.map((w) => {
        if (w.exited) return undefined;
        w.child.send({ type: 'exit' }, (err) => {
          if (err) signalGroupQuietly(w.child, 'SIGTERM');
        });
        return w.exit;
      }),
    );
  }

  /** A free slot, or undefined once the sweep stops. */
  private acquire(control: LaunchControl): Promise<number | undefined> {
    const stopped = () => control.abort?.aborted || control.drain?.aborted;
    return new Promise((resolve) => {
      const settle = (slot: number | undefined) => {
        control.abort?.removeEventListener('abort', onStop);
        control.drain?.removeEventListener('abort', onStop);
        resolve(slot);
      };
      const attempt = () => {
        if (stopped()) return settle(undefined);
        const slot = this.free.shift();
        if (slot === undefined) {
          this.waiters.push(attempt);
          return;
        }
        settle(slot);
      };
      const onStop = () => {
        const i = this.waiters.indexOf(attempt);
        if (i >= 0) {
          this.waiters.splice(i, 1);
          settle(undefined);
        }
      };
      control.abort?.addEventListener('abort', onStop, { once: true });
      control.drain?.addEventListener('abort', onStop, { once: true });
      attempt();
    });
  }

  private release(slot: number): void {
    this.free.push(slot);
    this.free.sort((a, b) => a - b);
    const next = this.waiters.shift();
    if (next) next();
  }

  /** Spawn the app in job mode for `num` (a worker when `worker` is set), console to `log`. */
  private spawnApp(job: JobSpec, slot: number, log: string, worker: boolean): ChildProcess {
    const { manifest, command, cwd } = this.ctx;
    const num = job.num;
    // The job travels with the process: jobs.jsonl may not list it yet (it is written lazily).
    const spec = JSON.stringify({ manifest, num, overrides: job.overrides });
    const env: NodeJS.ProcessEnv = { ...this.ctx.env, TYDRA_JOB_ID: String(num), TYDRA_LAUNCHER_SLOT: String(slot), TYDRA_JOB_SPEC: spec };
    if (worker) env.TYDRA_WORKER = '1';
    if (this.gpus.length > 0) env.CUDA_VISIBLE_DEVICES = this.gpus[slot % this.gpus.length];
    fs.mkdirSync(path.dirname(log), { recursive: true });
    const fd = fs.openSync(log, 'a');
    try {
      const child = spawn(command[0] as string, [...command.slice(1), '--tydra-job', manifest, String(num)], {
        cwd,
        env,
        stdio: ['ignore', fd, fd, 'ipc'],
        detached: true,
      });
      // The IPC channel tells the job when this process dies (and a worker its next job); it must
      // not keep this process alive: the child process itself does, until it exits.
      child.channel?.unref();
      return child;
    } finally {
      fs.closeSync(fd);
    }
  }

  /** The job's process: a fresh one, or the slot's worker told to run it (`reuse_processes`). */
  private processFor(job: JobSpec, slot: number): { child: ChildProcess; log: string; ended: Promise<ProcessExit> } {
    if (!this.reuse) {
      const log = jobLogPath(this.ctx.sweepDir, job.num);
      fs.mkdirSync(path.dirname(log), { recursive: true });
      fs.appendFileSync(log, `--- tydra: job ${job.num} started ${new Date().toISOString()} in slot ${slot} ---\n`);
      const child = this.spawnApp(job, slot, log, false);
      return { child, log, ended: exitOf(child) };
    }
    let w = this.workers.get(slot);
    if (w && !w.exited) {
      fs.appendFileSync(w.log, `--- tydra: job ${job.num} started ${new Date().toISOString()} in slot ${slot} ---\n`);
      w.child.send({ type: 'job', num: job.num, overrides: job.overrides });
    } else {
      const log = path.join(path.dirname(jobLogPath(this.ctx.sweepDir, 0)), `slot-${slot}.out`);
      fs.mkdirSync(path.dirname(log), { recursive: true });
      fs.appendFileSync(log, `--- tydra: job ${job.num} started ${new Date().toISOString()} in slot ${slot} (new worker) ---\n`);
      const child = this.spawnApp(job, slot, log, true);
      const worker: Worker = { child, log, exited: false, exit: exitOf(child) };
      child.on('message', (m: { type?: string; num?: number }) => {
        const current = worker.current;
        if (m?.type === 'done' && current && current.num === m.num) {
          worker.current = undefined;
          current.resolve({ done: true, code: null, signal: null });
        }
      });
      void worker.exit.then((exit) => {
        worker.exited = true;
        if (this.workers.get(slot) === worker) this.workers.delete(slot);
        const current = worker.current;
        worker.current = undefined;
        current?.resolve(exit);
      });
      this.workers.set(slot, worker);
      w = worker;
    }
    const worker = w;
    return { child: worker.child, log: worker.log, ended: new Promise<ProcessExit>((resolve) => (worker.current = { num: job.num, resolve })) };
  }

  /** Run one job; resolves with its `finished` event. */
  private async start(job: JobSpec, slot: number, control: LaunchControl, emit: (ev: JobEvent) => void): Promise<JobEvent> {
    const { sweepDir } = this.ctx;
    clearJobResult(sweepDir, job.num);
    const startedAt = new Date();
    const { child, log, ended } = this.processFor(job, slot);
    emit({ type: 'started', num: job.num, id: String(job.num), at: startedAt.toISOString() });

    let stoppedAs: 'timeout' | 'cancelled' | undefined;
    let killTimer: NodeJS.Timeout | undefined;
    const signalGroup = (sig: NodeJS.Signals) => {
      if (child.pid === undefined) return;
      try {
        process.kill(-child.pid, sig);
      } catch {
        try {
          child.kill(sig);
        } catch {
          // already gone
        }
      }
    };
    const entry: Running = {
      stop: (why) => {
        if (stoppedAs) return;
        stoppedAs = why;
        // A worker being stopped takes no more jobs, even if this one ends before the signal lands.
        if (this.workers.get(slot)?.child === child) this.workers.delete(slot);
        signalGroup('SIGTERM');
        killTimer = setTimeout(() => signalGroup('SIGKILL'), this.graceMs);
        killTimer.unref();
      },
    };
    this.running.add(entry);
    const timer = this.timeoutMs === undefined ? undefined : setTimeout(() => entry.stop('timeout'), this.timeoutMs);
    const onAbort = () => entry.stop('cancelled');
    control.abort?.addEventListener('abort', onAbort, { once: true });
    const exit = await ended;
    if (timer) clearTimeout(timer);
    if (killTimer) clearTimeout(killTimer);
    control.abort?.removeEventListener('abort', onAbort);
    this.running.delete(entry);
    // A process that ended takes its whole group along: the task's own children go with it; so
    // does a worker that was being stopped when its job ended after all.
    if (!exit.done || stoppedAs) signalGroupQuietly(child, 'SIGKILL');
    const endedAt = new Date();
    const written = readJobResult(sweepDir, job.num);
    const result = outcome(job, { written, stoppedAs: exit.done ? undefined : stoppedAs, code: exit.code, signal: exit.signal, spawnError: exit.error, startedAt, endedAt, log, timeoutMs: this.timeoutMs });
    return { type: 'finished', result, log };
  }
}

/** How a job's process ended: a worker reporting the job done, or the process exiting. */
interface ProcessExit {
  done?: boolean;
  code: number | null;
  signal: NodeJS.Signals | null;
  error?: Error;
}

interface Worker {
  child: ChildProcess;
  log: string;
  exited: boolean;
  exit: Promise<ProcessExit>;
  current?: { num: number; resolve: (exit: ProcessExit) => void };
}

function exitOf(child: ChildProcess): Promise<ProcessExit> {
  return new Promise((resolve) => {
    let error: Error | undefined;
    child.on('error', (e) => {
      error = e;
      if (child.pid === undefined) resolve({ code: null, signal: null, error: e });
    });
    child.on('close', (code, signal) => resolve({ code, signal, error }));
  });
}

function signalGroupQuietly(child: ChildProcess, sig: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, sig);
  } catch {
    // no group left
  }
}

interface ProcessEnd {
  written: JobResult | undefined;
  stoppedAs: 'timeout' | 'cancelled' | undefined;
  code: number | null;
  signal: NodeJS.Signals | null;
  spawnError: Error | undefined;
  startedAt: Date;
  endedAt: Date;
  log: string;
  timeoutMs: number | undefined;
}

/** How a job process ended, from what it wrote and how it exited. */
export function outcome(job: JobSpec, end: ProcessEnd): JobResult {
  const { written } = end;
  // A job that finished its work before the stop arrived keeps its result.
  if (written && (written.status === 'completed' || !end.stoppedAs)) return written;
  const base: JobResult = {
    num: job.num,
    overrides: job.overrides,
    status: 'failed',
    outputDir: written?.outputDir,
    id: written?.id ?? String(job.num),
    startedAt: written?.startedAt ?? end.startedAt.toISOString(),
    endedAt: end.endedAt.toISOString(),
    durationMs: end.endedAt.getTime() - (written?.startedAt ? Date.parse(written.startedAt) : end.startedAt.getTime()),
  };
  let status: JobStatus = 'failed';
  let error: RunError;
  if (end.stoppedAs === 'timeout') {
    status = 'timeout';
    error = { name: 'TimeoutError', message: `job ${job.num} ran longer than timeout_min (${formatMinutes(end.timeoutMs ?? 0)}) and was stopped`, stack: null };
  } else if (end.stoppedAs === 'cancelled') {
    status = 'cancelled';
    error = { name: 'Cancelled', message: `job ${job.num} was stopped: the sweep was interrupted`, stack: null };
  } else if (end.spawnError) {
    error = { name: 'JobProcessError', message: `could not start the job process: ${end.spawnError.message}`, stack: null };
  } else {
    const how = end.signal ? `was killed by ${end.signal}` : `exited with code ${end.code}`;
    const tail = tailOf(end.log, 15);
    error = { name: 'JobProcessError', message: `the job process ${how} before recording a result (log: ${end.log})${tail ? `\n${tail}` : ''}`, stack: null };
  }
  return { ...base, status, error };
}

function cancelledBeforeStart(job: JobSpec, control: LaunchControl): JobResult {
  const why = control.abort?.aborted ? 'the sweep was interrupted' : 'the sweep stopped after too many failures';
  return { num: job.num, overrides: job.overrides, status: 'cancelled', error: { name: 'NotStarted', message: `not started: ${why}`, stack: null } };
}

function failedToStart(job: JobSpec, error: unknown): JobResult {
  const message = error instanceof Error ? error.message : String(error);
  return { num: job.num, overrides: job.overrides, status: 'failed', error: { name: 'JobProcessError', message: `could not start the job process: ${message}`, stack: null } };
}

export function formatMinutes(ms: number): string {
  const s = ms / 1000;
  return s < 120 ? `${Number(s.toFixed(1))} s` : `${Number((s / 60).toFixed(1))} min`;
}
