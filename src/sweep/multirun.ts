/**
 * A multirun, end to end: compose the sweep config once, build the sweeper (`hydra/sweeper`) and
 * validate its distinct group-choice combinations, create the sweep dir (`multirun.yaml`,
 * `sweep.json`, `jobs.jsonl`), then ask the sweeper for jobs whenever the launcher
 * (`hydra/launcher`) has room and tell it each result as it comes. Failures are recorded and the
 * sweep goes on (`--max-failures N`, `--fail-fast` stop it early); Ctrl-C stops it cleanly; at the
 * end `results.csv` and `summary.md` answer how each job did. `--resume <dir>` reruns what did not
 * complete, with the same job numbers; `--detach` (SLURM) submits and returns.
 */
import { setMaxListeners } from 'node:events';
import path from 'node:path';
import { type Composition, checkSweepsAllowed, parseAll } from '../compose/compose.js';
import { plainAt } from './sweep-plan.js';
import { Resolution } from '../config/interpolation/resolve.js';
import { ValueNode } from '../config/nodes.js';
import { toYaml } from '../config/output/to-yaml.js';
import { TydraError } from '../errors.js';
import { AsyncQueue } from '../launch/async-queue.js';
import { createLauncher, type LauncherKind, launcherKind } from '../launch/index.js';
import { clearJobResult, readJobResult, writeJobResult } from '../launch/job-files.js';
import type { SlurmLauncher } from '../launch/slurm/launcher.js';
import type { JobEvent, LaunchContext, Launcher } from '../launch/types.js';
import { parseOverride } from '../overrides/parser.js';
import { isHydraOverrideText } from '../overrides/types.js';
import { writeFileAtomic } from '../runtime/atomic-write.js';
import { Callbacks, sweepEvent } from '../runtime/callbacks.js';
import type { JobResult, JobSpec } from '../runtime/job-types.js';
import { Logger } from '../runtime/logger.js';
import type { MultirunInput } from '../runtime/main.js';
import { createRunDir } from '../runtime/run-dir.js';
import { runJob } from '../runtime/run-job.js';
import { toRunError } from '../runtime/run-record.js';
import { type BuiltSweeper, createSweeper } from './create-sweeper.js';
import { MANIFEST_FILE, type ManifestEntry, ManifestWriter, readManifest, readSweepInfo, type SweepRecord, writeSweepInfo } from './manifest.js';
import type { Direction } from './metric.js';
import { SweepProgress } from './progress.js';
import { failureTable, formatDuration, jobCount, RESULTS_CSV, resultsCsv, SUMMARY_MD, statusCounts, summaryMarkdown } from './results.js';
import type { ResumeState } from './sweeper.js';
import { validateSweep } from './validate.js';

/** Everything a sweep needs once its dir exists. */
interface OpenSweep {
  sweepDir: string;
  composition: Composition;
  now: Date;
  built: BuiltSweeper;
  launcher: LauncherKind;
  manifest: ManifestWriter;
  record: SweepRecord;
  /** Results of jobs completed by an earlier run of this sweep (resume). */
  earlier: Map<number, JobResult>;
  /** Jobs whose config would change the launcher, sweeper or sweep dir (see validateSweep). */
  ignored: string[];
}

type Item = JobEvent | { readonly type: 'launch-failed'; readonly jobs: readonly JobSpec[]; readonly error: unknown };

/** The app's argv as a sweep stores it: without the flags that only concern this invocation. */
function sweepArgv(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '--') {
      out.push(...argv.slice(i));
      break;
    }
    if (a === '--resume' || a === '--max-failures') {
      i++;
      continue;
    }
    if (a.startsWith('--resume=') || a.startsWith('--max-failures=') || a === '--detach' || a === '--fail-fast') continue;
    out.push(a);
  }
  return out;
}

/** `[node, ...execArgv, script]`: the command without the app's own argv. */
function commandPrefix(input: MultirunInput): string[] {
  const own = input.app.argv.length - 2;
  return input.command.slice(0, Math.max(1, input.command.length - Math.max(0, own)));
}

function logLine(msg: string): string {
  const d = new Date();
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `[${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())},${p(d.getMilliseconds(), 3)}][HYDRA] ${msg}`;
}

/** Set `hydra.sweep.dir` to the dir actually created, so launcher options that use it agree. */
function withSweepDir(c: Composition, sweepDir: string): Composition {
  // The tree shares containers with the composer's cache: own the path before changing it.
  const node = c.ownership.ownPath(c.root, ['hydra', 'sweep']);
  if (!node || node.kind !== 'dict') return c;
  node.entries.set('dir', new ValueNode('str', sweepDir));
  return { ...c, resolution: new Resolution(c.root, c.resolution.options) };
}

function launcherOptions(c: Composition): Record<string, unknown> {
  const v = plainAt(c, ['hydra', 'launcher']);
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

async function openNew(input: MultirunInput): Promise<OpenSweep> {
  const { app, composer, now } = input;
  const parsed = parseAll(input.overrides);
  checkSweepsAllowed(parsed, 'multirun');
  const composition = composer.compose(parsed, { mode: 'multirun' });
  const built = createSweeper(composer, composition, parsed, { cwd: app.cwd });
  const launcher = launcherKind(plainAt(composition, ['hydra', 'launcher', '_target_']));
  if (input.args.detach && launcher !== 'slurm') throw new TydraError('--detach submits jobs to SLURM and returns', { hint: 'add hydra/launcher=slurm' });
  if (input.args.detach && built.kind !== 'basic') throw new TydraError(`--detach needs a sweeper that knows its jobs up front (hydra/sweeper=basic), not ${built.kind}`);
  const ignored = [...modeWarning(composition), ...validateSweep(composer, built.validation, undefined, composition).ignored];

  const dirText = plainAt(composition, ['hydra', 'sweep', 'dir']);
  const sweepDir = await createRunDir(path.resolve(app.cwd, typeof dirText === 'string' ? dirText : 'multirun'));
  await writeFileAtomic(path.join(sweepDir, 'multirun.yaml'), toYaml(composition.root));
  const record: SweepRecord = {
    version: 1,
    now: now.toISOString(),
    argv: sweepArgv(app.argv.slice(2)),
    overrides: [...input.overrides],
    count: built.sweeper.total,
    launcher,
    sweeper: built.kind,
    sweeperState: built.sweeper.state?.(),
    metric: built.metric,
    direction: built.direction,
    createdAt: new Date().toISOString(),
  };
  writeSweepInfo(sweepDir, record);
  const manifest = new ManifestWriter(path.join(sweepDir, MANIFEST_FILE));
  for (const job of built.sweeper.planned?.() ?? []) manifest.set({ num: job.num, overrides: job.overrides, status: 'pending' });
  await manifest.flush();
  return { sweepDir, composition: withSweepDir(composition, sweepDir), now, built, launcher, manifest, record, earlier: new Map(), ignored };
}

/** Hydra's warning when -m meets a config that says `hydra.mode: RUN` (the sweep runs anyway). */
function modeWarning(c: Composition): string[] {
  return c.requestedMode?.toUpperCase() === 'RUN' ? ['Running the app with --multirun, overriding hydra.mode=RUN from the config with hydra.mode=MULTIRUN'] : [];
}

/** Only where jobs run may change on resume: the jobs themselves stay as they were. */
function resumeOverrides(extra: readonly string[]): string[] {
  for (const text of extra) {
    const o = parseOverride(text);
    const launcherKey = o.key === 'hydra/launcher' || o.key.startsWith('hydra.launcher');
    if (!launcherKey) {
      throw new TydraError(`--resume reruns the sweep's own jobs; '${text}' would change them`, {
        hint: 'only hydra/launcher=... and hydra.launcher.* may be given with --resume; start a new sweep to change overrides',
      });
    }
  }
  return [...extra];
}

async function openResumed(input: MultirunInput): Promise<OpenSweep> {
  const { app, composer } = input;
  const sweepDir = path.resolve(app.cwd, input.args.resume as string);
  const record = readSweepInfo(sweepDir);
  const manifestFile = path.join(sweepDir, MANIFEST_FILE);
  let entries: ManifestEntry[] = [];
  try {
    entries = readManifest(manifestFile);
  } catch {
    // no manifest yet: every job is missing
  }
  const overrides = [...(record.overrides ?? []), ...resumeOverrides(input.overrides)];
  const parsed = parseAll(overrides);
  const composition = composer.compose(parsed, { mode: 'multirun' });
  // A job's result file is the truth: the manifest may lag behind it when the sweep was killed.
  const earlier = new Map<number, JobResult>();
  const listed = new Map<number, readonly string[]>();
  for (const e of entries) {
    listed.set(e.num, e.overrides);
    const written = readJobResult(sweepDir, e.num);
    if (written?.status === 'completed') earlier.set(e.num, written);
    else if (e.status === 'completed') earlier.set(e.num, { ...(e as JobResult) });
  }
  for (let n = 0; n < record.count; n++) {
    if (listed.has(n)) continue;
    const written = readJobResult(sweepDir, n);
    if (written?.status === 'completed') {
      earlier.set(n, written);
      listed.set(n, written.overrides);
    }
  }
  const resume: ResumeState = { completed: earlier, overrides: listed, sweeperState: record.sweeperState };
  const built = createSweeper(composer, composition, parsed, { cwd: app.cwd, resume });
  const launcher = launcherKind(plainAt(composition, ['hydra', 'launcher', '_target_']));
  if (input.args.detach && (launcher !== 'slurm' || built.kind !== 'basic')) throw new TydraError('--detach needs hydra/launcher=slurm and the basic sweeper');
  if (launcher === 'slurm' || record.launcher === 'slurm') await refuseIfStillOnSlurm(sweepDir);
  const ignored = [...modeWarning(composition), ...validateSweep(composer, built.validation, undefined, composition).ignored];

  const manifest = new ManifestWriter(manifestFile);
  for (const e of entries) {
    const done = earlier.get(e.num);
    if (done) manifest.set({ ...e, ...done, overrides: e.overrides, status: 'completed' });
    else manifest.set({ num: e.num, overrides: e.overrides, status: 'pending', attempts: e.attempts ?? (e.status === 'pending' ? 0 : 1) });
  }
  for (const [num, r] of earlier) if (!manifest.get(num)) manifest.set({ ...r, status: 'completed' });
  await manifest.flush();
  writeSweepInfo(sweepDir, { ...record, launcher, overrides, resumedAt: [...(record.resumedAt ?? []), new Date().toISOString()] });
  return { sweepDir, composition: withSweepDir(composition, sweepDir), now: new Date(record.now), built, launcher, manifest, record, earlier, ignored };
}

/** A resumed SLURM sweep must not run jobs that an earlier submission still has queued or running. */
async function refuseIfStillOnSlurm(sweepDir: string): Promise<void> {
  const { readSubmissions } = await import('../launch/slurm/launcher.js');
  const subs = readSubmissions(sweepDir);
  if (subs.length === 0) return;
  const { arrayStates } = await import('../launch/slurm/client.js');
  for (const sub of subs) {
    let states: Awaited<ReturnType<typeof arrayStates>>;
    try {
      states = await arrayStates(sub.jobId, { size: sub.nums.length });
    } catch {
      continue;
    }
    const live = [...states.values()].filter((s) => !s.terminal).length;
    if (live > 0) {
      throw new TydraError(`${live} tasks of SLURM array ${sub.jobId} of this sweep are still queued or running`, {
        hint: `wait for them (tydra collect ${sweepDir}), or cancel them with scancel ${sub.jobId}, then resume`,
      });
    }
  }
}

export async function runMultirun(input: MultirunInput): Promise<JobResult[]> {
  const sweep = input.args.resume ? await openResumed(input) : await openNew(input);
  if (input.args.detach) return detach(sweep, input);
  // hydra.callbacks: built once for the sweep; its in-process jobs share them (as Hydra's).
  const { app } = input;
  const logger = new Logger({ name: app.name, consoleLevel: app.quiet ? 'warning' : undefined, console: app.console });
  const callbacks = await Callbacks.tryCreate(plainAt(sweep.composition, ['hydra', 'callbacks']), app.instantiate, app.callbacks, logger);
  const event = sweepEvent(sweep.composition, sweep.sweepDir);
  await callbacks.emit('on_multirun_start', event, logger);
  const results = await drive(sweep, { ...input, app: { ...app, sweepCallbacks: callbacks } });
  await callbacks.emit('on_multirun_end', { ...event, results }, logger);
  return results;
}

function contextFor(sweep: OpenSweep, input: MultirunInput, say: (line: string) => void): LaunchContext {
  const { app, composer } = input;
  const argv = input.args.resume ? sweep.record.argv : sweepArgv(app.argv.slice(2));
  return {
    sweepDir: sweep.sweepDir,
    manifest: sweep.manifest.file,
    command: [...commandPrefix(input), ...argv],
    cwd: app.cwd,
    env: app.env,
    log: say,
    persist: (jobs) => sweep.manifest.persist(jobs.map((j) => j.num)),
    runInProcess: async (job) => {
      clearJobResult(sweep.sweepDir, job.num);
      const startedAt = new Date();
      try {
        const composition = composer.compose(job.overrides.map(parseOverride), { mode: 'multirun', skipMissing: false });
        const outcome = await runJob({ app, composition, mode: 'multirun', num: job.num, now: sweep.now, sweepDir: sweep.sweepDir });
        return outcome.result;
      } catch (e) {
        const endedAt = new Date();
        return {
          num: job.num,
          overrides: job.overrides,
          status: 'failed',
          id: String(job.num),
          startedAt: startedAt.toISOString(),
          endedAt: endedAt.toISOString(),
          durationMs: endedAt.getTime() - startedAt.getTime(),
          error: toRunError(e),
        };
      }
    },
  };
}

function sinks(input: MultirunInput): { info: (line: string) => void; warn: (line: string) => void } {
  const out = input.app.console;
  const quiet = input.app.quiet;
  return {
    info: (line) => {
      if (quiet) return;
      if (out) out(logLine(line));
      else process.stdout.write(`${logLine(line)}\n`);
    },
    warn: (line) => {
      if (out) out(logLine(line));
      else process.stderr.write(`${logLine(line)}\n`);
    },
  };
}

/** `--detach`: submit every batch (each waiting for the previous one) and return. */
async function detach(sweep: OpenSweep, input: MultirunInput): Promise<JobResult[]> {
  const { info } = sinks(input);
  const launcher = createLauncher('slurm', launcherOptions(sweep.composition), contextFor(sweep, input, info)) as SlurmLauncher;
  let after: string[] = [];
  let count = 0;
  for (;;) {
    const jobs = sweep.built.sweeper.ask(Number.POSITIVE_INFINITY);
    if (jobs.length === 0) break;
    for (const job of jobs) {
      const before = sweep.manifest.get(job.num);
      sweep.manifest.set({ ...(before ?? {}), num: job.num, overrides: job.overrides, status: 'queued', attempts: (before?.attempts ?? 0) + 1 });
    }
    const subs = await launcher.submitAll(jobs, after);
    for (const sub of subs) {
      sub.nums.forEach((num, task) => sweep.manifest.update(num, { id: `${sub.jobId}_${task}`, log: sub.output.replace('%a', String(task)) }));
      info(`Submitted ${jobCount(sub.nums.length)} as SLURM array ${sub.jobId}${after.length ? ` (after ${after.join(', ')})` : ''}`);
    }
    count += jobs.length;
    after = subs.map((s) => s.jobId);
    for (const job of jobs) sweep.built.sweeper.tell({ num: job.num, overrides: job.overrides, status: 'completed' });
  }
  await sweep.manifest.flush();
  info(`${jobCount(count)} submitted; the sweep dir is ${sweep.sweepDir}`);
  info(`Gather the results later with: tydra collect ${sweep.sweepDir}`);
  return [];
}

async function drive(sweep: OpenSweep, input: MultirunInput): Promise<JobResult[]> {
  const { app, args } = input;
  const { sweepDir, manifest, built } = sweep;
  const { sweeper } = built;
  const { info, warn } = sinks(input);
  const t0 = Date.now();
  const tty = !app.quiet && !app.console && process.stderr.isTTY ? process.stderr : undefined;
  const progress = new SweepProgress(sweeper.total, { say: info, tty, statusLines: sweep.launcher === 'basic' });
  // progress.say prints through `info`, which adds the timestamp.
  const say = (line: string) => progress.say(line);
  const ctx = contextFor(sweep, input, say);
  const launcher: Launcher = createLauncher(sweep.launcher, launcherOptions(sweep.composition), ctx);

  const abort = new AbortController();
  const drain = new AbortController();
  // Every running job listens to both; a large pool is not a leak.
  setMaxListeners(0, abort.signal, drain.signal);
  const control = { abort: abort.signal, drain: drain.signal };
  const failureLimit = args.failFast ? 1 : args.maxFailures !== undefined ? Math.max(1, args.maxFailures) : Number.POSITIVE_INFINITY;
  let stopReason: string | undefined;
  // An optimising sweeper that gives up (too many failed trials) fails the sweep, even when every
  // job it launched completed (a trial without the metric counts as failed).
  let stoppedBySweeper = false;
  let interrupts = 0;
  const onSignal = (sig: NodeJS.Signals) => {
    interrupts++;
    if (interrupts === 1) {
      stopReason = `interrupted (${sig})`;
      progress.say(`Interrupted: stopping the sweep${sweep.launcher === 'basic' ? ' after the running job' : ''} (${sig} again to exit at once)`);
      abort.abort();
    } else {
      progress.stop();
      manifest.flushSync();
      process.exit(130);
    }
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const results = new Map<number, JobResult>(sweep.earlier);
  const events = new AsyncQueue<Item>();
  const unfinished = new Map<number, JobSpec>();
  let failures = 0;
  let running = 0;
  let queued = 0;
  let completed = 0;
  let ended = 0;
  const states = new Map<number, 'queued' | 'running'>();
  const counts = () => ({ completed, failed: ended - completed, running, queued, skipped: sweep.earlier.size });
  const toRun = Math.max(0, sweeper.total - sweep.earlier.size);
  if (sweep.earlier.size > 0) say(`Resuming ${sweepDir}: ${jobCount(sweep.earlier.size)} completed before, ${toRun} to run`);
  else say(`Sweep dir: ${sweepDir}`);
  for (const line of sweep.ignored) warn(line);
  say(launcher.describe(toRun));

  const launch = (jobs: JobSpec[]) => {
    for (const job of jobs) {
      unfinished.set(job.num, job);
      const before = manifest.get(job.num);
      manifest.set({ ...(before ?? {}), num: job.num, overrides: job.overrides, status: 'pending', attempts: (before?.attempts ?? 0) + 1 });
      say(`\t#${job.num} : ${job.overrides.filter((o) => !isHydraOverrideText(o)).join(' ')}`);
    }
    void (async () => {
      try {
        const reported = new Set<number>();
        for await (const ev of launcher.launch(jobs, control)) {
          if (ev.type === 'finished') reported.add(ev.result.num);
          events.push(ev);
        }
        const lost = jobs.filter((j) => !reported.has(j.num));
        if (lost.length > 0) events.push({ type: 'launch-failed', jobs: lost, error: new TydraError(`the ${launcher.name} launcher ended without a result for these jobs`) });
      } catch (error) {
        events.push({ type: 'launch-failed', jobs, error });
      }
    })();
  };

  const finish = async (result: JobResult, log?: string) => {
    const job = unfinished.get(result.num);
    if (!job) return;
    unfinished.delete(result.num);
    const was = states.get(result.num);
    if (was === 'running') running--;
    if (was === 'queued') queued--;
    states.delete(result.num);
    results.set(result.num, result);
    ended++;
    if (result.status === 'completed') completed++;
    const before = manifest.get(result.num);
    // The job's own overrides (hydra ones included) stay: a resume reruns exactly this job.
    manifest.set({ ...result, overrides: job.overrides, log: log ?? before?.log, attempts: before?.attempts ?? 1 });
    // The result file is what a later resume or collect trusts: make it say what was recorded.
    const written = readJobResult(sweepDir, result.num);
    if (!written || written.status !== result.status || written.endedAt !== result.endedAt) await writeJobResult(sweepDir, result).catch(() => undefined);
    sweeper.tell(result);
    const stoppedByUs = result.status === 'cancelled' && (abort.signal.aborted || drain.signal.aborted);
    if (result.status !== 'completed' && !stoppedByUs) {
      failures++;
      const first = result.error ? `${result.error.name}: ${result.error.message.split('\n')[0]}` : '';
      progress.say(`#${result.num} ${result.status}: ${first}${log && !first.includes(log) ? ` (log: ${log})` : ''}`);
      if (failures >= failureLimit && !drain.signal.aborted) {
        stopReason = `${jobCount(failures)} failed (${args.failFast ? '--fail-fast' : `--max-failures ${args.maxFailures}`})`;
        progress.say(`Stopping the sweep: ${stopReason}; running jobs finish, no new ones start`);
        drain.abort();
      }
    }
    progress.update(counts(), true);
  };

  try {
    for (;;) {
      const stopping = abort.signal.aborted || drain.signal.aborted;
      if (!stopping && sweeper.stopReason && !stopReason) {
        stopReason = sweeper.stopReason;
        stoppedBySweeper = true;
        say(`The ${sweeper.name} sweeper stopped: ${stopReason}`);
      }
      while (!stopping && !sweeper.done() && unfinished.size < launcher.window) {
        const jobs = sweeper.ask(launcher.window - unfinished.size);
        if (jobs.length === 0) break;
        launch(jobs);
      }
      if (unfinished.size === 0) break;
      const it = await events[Symbol.asyncIterator]().next();
      if (it.done) break;
      const ev = it.value;
      if (ev.type === 'queued') {
        if (!states.has(ev.num)) {
          states.set(ev.num, 'queued');
          queued++;
        }
        manifest.update(ev.num, { status: 'queued', id: ev.id });
      } else if (ev.type === 'started') {
        if (states.get(ev.num) === 'queued') queued--;
        if (states.get(ev.num) !== 'running') running++;
        states.set(ev.num, 'running');
        manifest.update(ev.num, { status: 'running', id: ev.id, startedAt: ev.at });
      } else if (ev.type === 'finished') {
        await finish(ev.result, ev.log);
      } else {
        // The launcher itself failed (sbatch refused the array, …): its unfinished jobs failed.
        const error = toRunError(ev.error);
        for (const job of ev.jobs) {
          if (unfinished.has(job.num)) await finish({ num: job.num, overrides: job.overrides, status: 'failed', error });
        }
      }
      progress.update(counts());
    }
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    progress.stop();
    await launcher.close?.();
  }

  // Jobs listed up front that never started: cancelled when the sweep was stopped.
  if (stopReason) {
    for (const e of manifest.entries.values()) {
      if (e.status === 'pending' && !results.has(e.num)) {
        const r: JobResult = { num: e.num, overrides: e.overrides, status: 'cancelled', error: { name: 'NotStarted', message: `not started: ${stopReason}`, stack: null } };
        results.set(e.num, r);
        manifest.set({ ...e, ...r });
      }
    }
  }
  await manifest.flush();
  const optimisation = await sweeper.finish?.(sweepDir);
  const entries = [...manifest.entries.values()];
  await writeResults(sweepDir, entries, {
    launcher: sweep.launcher,
    sweeper: built.kind,
    metric: built.metric,
    direction: built.direction,
    wallMs: Date.now() - t0,
    stopReason,
  });

  const all = [...results.values()].sort((a, b) => a.num - b.num);
  const c = statusCounts(entries);
  const summary = [...c].map(([s, n]) => `${n} ${s}`).join(', ');
  info(`Sweep done in ${formatDuration(Date.now() - t0)}: ${summary}. Results: ${path.join(sweepDir, RESULTS_CSV)}${optimisation ? `, ${optimisation}` : ''}`);
  const table = failureTable(entries);
  if (table) {
    const bad = entries.filter((e) => e.status !== 'completed').length;
    warn(`${bad} of ${entries.length} jobs did not complete:\n${table}`);
    warn(`Rerun them (completed jobs are skipped) with: --resume ${sweepDir}`);
  }
  if (stoppedBySweeper && stopReason && all.every((r) => r.status === 'completed')) {
    throw new TydraError(`The ${sweeper.name} sweeper stopped early: ${stopReason}`, {
      hint: built.metric ? `check hydra.sweeper.metric (${built.metric}) against what the task returns` : 'set hydra.sweeper.metric to the key of the number to optimise',
    });
  }
  return all;
}

export interface ResultsOptions {
  launcher?: string;
  sweeper?: string;
  metric?: string | null;
  direction?: Direction;
  wallMs?: number;
  stopReason?: string;
}

/** Write `results.csv` and `summary.md` for the jobs of a sweep. */
export async function writeResults(sweepDir: string, entries: readonly ManifestEntry[], opts: ResultsOptions): Promise<void> {
  await writeFileAtomic(path.join(sweepDir, RESULTS_CSV), resultsCsv(entries), { fsyncDir: false });
  await writeFileAtomic(path.join(sweepDir, SUMMARY_MD), summaryMarkdown(entries, { sweepDir, ...opts }), { fsyncDir: false });
}
