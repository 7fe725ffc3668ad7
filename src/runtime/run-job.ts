/**
 * Running one job: its own output dir (created atomically, never shared), the `.hydra/`
 * snapshots, a logger bound to the run, `env_set`/`chdir` around the task, callbacks, and
 * `run.json` saying how it ended. Used for a single run and for every job of a sweep, whatever
 * the launcher.
 */
import fs from 'node:fs';
import path from 'node:path';
import { type Composition, jobTree, resolvedJobConfig, resolvedOverrideDirname } from '../compose/compose.js';
import type { ConfigObject } from '../compose/api.js';
import { Resolution } from '../config/interpolation/resolve.js';
import { type DictNode, ValueNode } from '../config/nodes.js';
import { TydraError } from '../errors.js';
import type { AppFlagValues } from '../cli/app-flags.js';
import { type Callback, type CallbackEvent, Callbacks } from './callbacks.js';
import type { JobResult } from './job-types.js';
import type { InstantiateOptions } from './instantiate.js';
import { Logger } from './logger.js';
import { createRunDir, createRunId, runContextToEnv } from './run-dir.js';
import { finishRun, startRun, toJsonSafe, toRunError } from './run-record.js';
import { writeSnapshots } from './snapshots.js';

/** What the task receives next to its config. */
export interface RunContext<Flags extends AppFlagValues = AppFlagValues> {
  /** The run dir of this job (absolute). Write your outputs here. */
  readonly outputDir: string;
  readonly runId: string;
  readonly mode: 'run' | 'multirun';
  readonly job: { name: string; num: number; id: string; overrideDirname: string; configName: string | null };
  /** The task overrides of this job. */
  readonly overrides: readonly string[];
  /** The final option of every config group. */
  readonly choices: Readonly<Record<string, string | string[] | null>>;
  /** The `hydra` node, resolved. */
  readonly hydra: ConfigObject;
  /** A logger writing to the console and `<job.name>.log` in the run dir. */
  readonly logger: Logger;
  /** The app's own flags (`--dry-run`). */
  readonly flags: Flags;
  /** Everything after `--` on the command line. */
  readonly passthrough: readonly string[];
  /** The directory the app was started from. */
  readonly originalCwd: string;
  /** A path relative to the directory the app was started from, made absolute. */
  resolvePath(p: string): string;
}

export type Task<C, R> = (config: C, ctx: RunContext) => R | Promise<R>;

/** What a job needs to know about the app that runs it. */
export interface AppRuntime {
  name: string;
  task: Task<unknown, unknown>;
  /** Validate (and transform) the resolved config; throws a TydraError on invalid config. */
  validate?: (composition: Composition, config: ConfigObject) => unknown | Promise<unknown>;
  instantiate: InstantiateOptions;
  callbacks: readonly Callback[];
  /** The callbacks a sweep built once; its in-process jobs use them instead of building their own. */
  sweepCallbacks?: Callbacks;
  flags: AppFlagValues;
  passthrough: readonly string[];
  quiet: boolean;
  argv: readonly string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Console sink for the job logger (tests capture it). */
  console?: (line: string) => void;
}

export interface RunJobInput {
  app: AppRuntime;
  composition: Composition;
  mode: 'run' | 'multirun';
  num: number;
  /** The launcher's id for the job (default: the run id in run mode, the job number in a sweep). */
  id?: string;
  /** The frozen "now" of the run or sweep. */
  now: Date;
  /** Attach to this existing run dir instead of creating one (child processes, DDP ranks). */
  attachTo?: string;
  /** The sweep dir a job of a sweep lives in (absolute; `hydra.sweep.dir` is set to it). */
  sweepDir?: string;
}

export interface JobOutcome {
  result: JobResult;
  /** The task's return value, as returned (not serialised). */
  value: unknown;
  /** What the task threw. */
  error?: unknown;
}

function setValue(c: Composition, keys: string[], value: ValueNode): void {
  const root = c.root;
  // The composed tree may share containers with other jobs of a sweep: copy before changing.
  c.ownership.ownPath(root, keys.slice(0, -1));
  let node: DictNode = root;
  for (const k of keys.slice(0, -1)) {
    const next = node.entries.get(k);
    if (!next || next.kind !== 'dict') throw new TydraError(`hydra.${keys.join('.')} cannot be set`);
    node = next;
  }
  node.entries.set(keys[keys.length - 1] as string, value);
}

function readString(res: Resolution, keys: string[]): string | undefined {
  const loc = res.select(keys);
  if (!loc || loc.node.kind !== 'value' || loc.node.type === 'null') return undefined;
  return String(loc.node.value);
}

function readPlain(res: Resolution, keys: string[]): unknown {
  const loc = res.select(keys);
  return loc ? res.toPlain(loc) : undefined;
}

/** Run one job to the end. Never throws for a task failure: the outcome says how it ended. */
export async function runJob(input: RunJobInput): Promise<JobOutcome> {
  const { app, composition: c, mode, num, now } = input;
  const root = c.root;
  const runId = createRunId({ now });
  const jobId = input.id ?? (mode === 'run' ? runId : String(num));
  setValue(c, ['hydra', 'job', 'num'], new ValueNode('int', num));
  setValue(c, ['hydra', 'job', 'id'], new ValueNode('str', jobId));
  if (input.sweepDir) setValue(c, ['hydra', 'sweep', 'dir'], new ValueNode('str', input.sweepDir));
  const mkRes = () => new Resolution(root, { ...c.resolution.options, now });
  let res = mkRes();

  // The output dir: hydra.run.dir, or hydra.sweep.dir/hydra.sweep.subdir for a job of a sweep.
  let outputDir: string;
  if (input.attachTo) outputDir = input.attachTo;
  else {
    const rel =
      mode === 'run'
        ? readString(res, ['hydra', 'run', 'dir'])
        : path.join(readString(res, ['hydra', 'sweep', 'dir']) ?? 'multirun', readString(res, ['hydra', 'sweep', 'subdir']) ?? String(num));
    if (!rel) throw new TydraError('hydra.run.dir is not set');
    outputDir = path.resolve(app.cwd, rel);
  }
  setValue(c, ['hydra', 'runtime', 'output_dir'], new ValueNode('str', outputDir));
  res = mkRes();
  (c as { resolution: Resolution }).resolution = res;

  // Resolve and validate before anything is written: an invalid config leaves no run dir.
  let config: unknown = resolvedJobConfig(c);
  if (app.validate) config = await app.validate(c, config as ConfigObject);

  if (!input.attachTo) {
    if (mode === 'run') outputDir = await createRunDir(outputDir);
    else fs.mkdirSync(outputDir, { recursive: true });
    if (outputDir !== readString(res, ['hydra', 'runtime', 'output_dir'])) {
      setValue(c, ['hydra', 'runtime', 'output_dir'], new ValueNode('str', outputDir));
      res = mkRes();
      (c as { resolution: Resolution }).resolution = res;
      config = resolvedJobConfig(c);
      if (app.validate) config = await app.validate(c, config as ConfigObject);
    }
  }

  const jobName = readString(res, ['hydra', 'job', 'name']) ?? app.name;
  const subdir = input.attachTo ? undefined : readString(res, ['hydra', 'output_subdir']);
  const metaDir = subdir === undefined ? undefined : path.resolve(outputDir, subdir);
  const taskOverrides = c.overrides.filter((o) => !(o.key === 'hydra' || o.key.startsWith('hydra.') || o.key.startsWith('hydra/'))).map((o) => o.input);
  const verbose = readPlain(res, ['hydra', 'verbose']);
  const logger = new Logger({
    name: jobName,
    file: path.join(outputDir, input.attachTo ? `${jobName}.${process.pid}.log` : `${jobName}.log`),
    level: verbose === true || (Array.isArray(verbose) && verbose.length > 0) || (typeof verbose === 'string' && verbose !== '') ? 'debug' : 'info',
    consoleLevel: app.quiet ? 'warning' : undefined,
    console: app.console ? (line) => app.console?.(line) : undefined,
  });
  const startedAt = new Date();
  if (metaDir) {
    const redaction = readPlain(res, ['hydra', 'job', 'env_snapshot']) as { allow?: string[]; deny?: string[] } | undefined;
    await writeSnapshots({ dir: metaDir, composition: c, taskOverrides, argv: app.argv, cwd: app.cwd, redaction });
    await startRun(metaDir, { id: runId, startedAt });
  }

  // env_set around the job; children of the task attach to this run instead of creating one.
  const envSet = (readPlain(res, ['hydra', 'job', 'env_set']) ?? {}) as Record<string, unknown>;
  const savedEnv = new Map<string, string | undefined>();
  const setEnv = (k: string, v: string) => {
    if (!savedEnv.has(k)) savedEnv.set(k, process.env[k]);
    process.env[k] = v;
  };
  for (const [k, v] of Object.entries(envSet)) if (v !== null && v !== undefined) setEnv(k, String(v));
  for (const [k, v] of Object.entries(runContextToEnv({ runId, runDir: outputDir, startedAt: startedAt.toISOString() }))) setEnv(k, v);
  const chdir = readPlain(res, ['hydra', 'job', 'chdir']) === true;
  const originalCwd = process.cwd();

  const hydraPlain = (readPlain(res, ['hydra']) ?? {}) as ConfigObject;
  const ctx: RunContext = {
    outputDir,
    runId,
    mode,
    job: {
      name: jobName,
      num,
      id: jobId,
      overrideDirname: resolvedOverrideDirname(c),
      configName: readString(res, ['hydra', 'job', 'config_name']) ?? null,
    },
    overrides: taskOverrides,
    choices: Object.fromEntries(c.choices),
    hydra: hydraPlain,
    logger,
    flags: app.flags,
    passthrough: app.passthrough,
    originalCwd: app.cwd,
    resolvePath: (p) => path.resolve(app.cwd, p),
  };
  const callbacks = app.sweepCallbacks ?? (await Callbacks.tryCreate(readPlain(res, ['hydra', 'callbacks']), app.instantiate, app.callbacks, logger));

  let value: unknown;
  let error: unknown;
  let failed = false;
  // As Hydra: on_run_start and on_run_end run in the original working dir, on_job_start, the task
  // and on_job_end in the job's dir when hydra.job.chdir is set.
  if (mode === 'run') await callbacks.emit('on_run_start', { config, hydra: hydraPlain, outputDir }, logger);
  let endedAt: Date;
  let endEvent: CallbackEvent;
  try {
    try {
      if (chdir) process.chdir(outputDir);
      await callbacks.emit('on_job_start', { config, hydra: hydraPlain, outputDir }, logger);
      logger.debug(`Job ${num} starting in ${outputDir}`);
      value = await app.task(config, ctx);
    } catch (e) {
      failed = true;
      error = e;
      logger.error(`Job ${num} failed: ${taskErrorText(e)}`);
    }
    endedAt = new Date();
    endEvent = { config, hydra: hydraPlain, outputDir, result: value, error, status: failed ? 'failed' : 'completed' };
    await callbacks.emit('on_job_end', endEvent, logger);
  } finally {
    if (chdir) process.chdir(originalCwd);
  }
  const safe = toJsonSafe(value);
  if (mode === 'run') await callbacks.emit('on_run_end', endEvent, logger);
  for (const [k, v] of savedEnv) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  if (metaDir) {
    await finishRun(metaDir, failed ? { status: 'failed', error, endedAt } : { status: 'completed', result: value, endedAt });
  }
  logger.close();
  const result: JobResult = {
    num,
    overrides: taskOverrides,
    status: failed ? 'failed' : 'completed',
    outputDir,
    id: jobId,
    startedAt: startedAt.toISOString(),
    endedAt: endedAt.toISOString(),
    durationMs: endedAt.getTime() - startedAt.getTime(),
  };
  if (failed) result.error = toRunError(error);
  else if (safe.serialisable) result.returnValue = safe.value;
  return { result, value, error: failed ? error : undefined };
}

/**
 * The directory of tydra's own code (`src/` or `dist/`, or the dir of a bundle), found from where
 * this module runs: a frame of this stack, whatever the module format.
 */
const OWN_ROOT = ((): string | undefined => {
  const frame = new Error().stack?.split('\n').find((l) => /^\s+at /.test(l));
  const file = frame ? /\(?((?:file:\/\/)?\/[^()]*?):\d+:\d+\)?$/.exec(frame.trim())?.[1] : undefined;
  if (!file) return undefined;
  const dir = path.dirname(file.replace(/^file:\/\//, ''));
  return path.basename(dir) === 'runtime' ? path.dirname(dir) : dir;
})();

/**
 * A task's error as Hydra prints it: the stack down to the task's own frames, without tydra's
 * machinery that called the task (runJob, main, node's task queues) below them.
 * TYDRA_FULL_ERROR=1 keeps the whole stack.
 */
export function taskErrorText(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  const stack = e.stack ?? `${e.name}: ${e.message}`;
  if (process.env.TYDRA_FULL_ERROR === '1' || OWN_ROOT === undefined) return stack;
  const lines = stack.split('\n');
  const machinery = (l: string) => /^\s+at /.test(l) && (l.includes(`${OWN_ROOT}${path.sep}`) || /\(node:|at node:|processTicksAndRejections|^\s+at async Promise\.all/.test(l));
  let end = lines.length;
  while (end > 0 && machinery(lines[end - 1] as string)) end--;
  // Only when the task's own frames remain: an error raised inside tydra keeps its whole stack.
  return end < lines.length && lines.slice(0, end).some((l) => /^\s+at /.test(l)) ? lines.slice(0, end).join('\n') : stack;
}

export { jobTree };
