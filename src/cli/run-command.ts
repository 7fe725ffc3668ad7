/**
 * `tydra run [-cd DIR] [-cn NAME] [--shell] [-m] [OVERRIDE ...] -- COMMAND [ARG ...]`
 *
 * Run any program as a tydra job: compose the config, create the run dir with its snapshots,
 * render the command with Handlebars (the resolved config plus `run.dir`, `run.id`, `job.*`),
 * run it with the config in `TYDRA_CONFIG` (a YAML file) and `TYDRA_CONFIG_JSON`, tee its output
 * to the console and to `stdout.log`/`stderr.log` in the run dir, and record its exit code in
 * `run.json`. Built on `main()`, so `-m`, every launcher, `--cfg`, `--info` and `--watch` work
 * as they do for a TypeScript app.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { constants as osConstants } from 'node:os';
import path from 'node:path';
import { loadYamlString } from '../config/load.js';
import { type Node, nodeFromJs } from '../config/nodes.js';
import { toJson } from '../config/output/to-json.js';
import { toYaml } from '../config/output/to-yaml.js';
import { TydraError } from '../errors.js';
import { main } from '../runtime/main.js';
import type { RunContext } from '../runtime/run-job.js';
import { finishRun } from '../runtime/run-record.js';
import { writeJsonAtomic } from '../runtime/atomic-write.js';
import { SNAPSHOT_FILES } from '../runtime/snapshots.js';
import { renderCommand, templateData } from '../runs/command-template.js';
import type { CommandRecord } from '../runs/run-details.js';
import { RUNS_FILES } from '../runtime/run-files.js';

/** Environment variables the command gets (next to `TYDRA_RUN_DIR`, `TYDRA_RUN_ID`, `TYDRA_RUN_STARTED_AT`). */
export const COMMAND_ENV = {
  /** The resolved config as a YAML file (`<run dir>/.hydra/config.resolved.yaml`). */
  config: 'TYDRA_CONFIG',
  /** The resolved config as JSON (left out, with a warning, beyond 100 kB). */
  configJson: 'TYDRA_CONFIG_JSON',
} as const;

const MAX_ENV_JSON = 100_000;

/** The file a command writes to have its result (metrics) recorded in `run.json`. */
export const RESULT_FILE = 'result.json';

export interface RunCommandOptions {
  /** The dir the command is run from (default: process.cwd()). */
  cwd?: string;
  /** Where the command's stdout is copied (default: process.stdout). */
  stdout?: (chunk: string) => void;
  /** Where the command's stderr is copied (default: process.stderr). */
  stderr?: (chunk: string) => void;
  /** Where tydra's log lines go (default: the console). */
  log?: (line: string) => void;
  /** Called with each job's run dir once it exists (`tydra runs rerun` links the new run). */
  onRun?: (outputDir: string) => void;
}

/** The command exited with a non-zero code (or was killed). */
export class CommandFailed extends TydraError {
  constructor(
    readonly exitCode: number,
    readonly signal: string | null,
    message?: string,
  ) {
    super(message ?? (signal ? `the command was killed by ${signal} (exit code ${exitCode})` : `the command exited with code ${exitCode}`));
    this.name = 'CommandFailed';
    // The job's log shows the message, not a stack trace into tydra.
    this.stack = this.message;
  }
}

const HELP = `Usage: tydra run [-cd DIR] [-cn NAME] [--shell] [-m] [OVERRIDE ...] -- COMMAND [ARG ...]

Compose a config, create a run dir with its snapshots, and run COMMAND in it as a tydra job.
Each argument of COMMAND is a Handlebars template over the resolved config and the run:
  tydra run -cd conf -cn train optimizer.lr=0.1 -- python train.py --lr {{optimizer.lr}} --out {{run.dir}}

  {{key.path}}            a config value (floats as Python writes them, lists/dicts as JSON)
  {{run.dir}} {{run.id}}  the run dir and run id;  {{job.name}} {{job.num}} {{job.override_dirname}}
  {{json key}} {{join list " "}} {{default key "fallback"}}
  {{config.key}}          the config, when a key is named run or job

The command also gets TYDRA_CONFIG (the resolved config as a YAML file), TYDRA_CONFIG_JSON,
TYDRA_RUN_DIR and TYDRA_RUN_ID. It may write its metrics to $TYDRA_RUN_DIR/result.json.
Its output is shown and saved to stdout.log/stderr.log in the run dir; its exit code is the
run's (non-zero: the run failed).

  -cd, --config-dir DIR    the config dir          -cn, --config-name NAME   the primary config
      --shell              run COMMAND through sh -c (pipes, globs, &&)
  -m, --multirun           one job per combination of the sweep overrides (any launcher)
      --cfg job|hydra|all  print the config instead of running; --info [TOPIC] likewise
      --watch              run again whenever a config file changes`;

/** `python train.py` → `train`, `./scripts/eval.sh` → `eval`, `make` → `make`. */
export function jobNameFor(command: readonly string[]): string {
  // `--shell -- 'python x.py | tee log'` is one argument: look at its words.
  const words = command.flatMap((a) => a.split(/\s+/)).filter((w) => w !== '');
  const script = words.find((a, i) => i > 0 && /\.(py|sh|js|mjs|ts|rb|pl|R|jl)$/.test(a)) ?? words[0] ?? 'run';
  const base = path.basename(script).replace(/\.[^.]+$/, '');
  return base.replace(/[^\w.-]/g, '_') || 'run';
}

/** Where a `--tydra-job` a launcher appended after `--` belongs: before it (it is ours, not the command's). */
function splitArgv(argv: readonly string[], cwd: string): { own: string[]; template: string[] } {
  const dd = argv.indexOf('--');
  const own = dd === -1 ? [...argv] : argv.slice(0, dd);
  let template = dd === -1 ? [] : argv.slice(dd + 1);
  const job = template.lastIndexOf('--tydra-job');
  if (job !== -1 && job === template.length - 3) {
    own.push(...template.slice(job));
    template = template.slice(0, job);
  }
  // `-cp` is relative to the entry script for an app; for `tydra run` the cwd is what users mean.
  for (let i = 0; i < own.length; i++) {
    const a = own[i] as string;
    if ((a === '-cp' || a === '--config-path') && own[i + 1] !== undefined) own[i + 1] = path.resolve(cwd, own[i + 1] as string);
    else if (a.startsWith('--config-path=')) own[i] = `--config-path=${path.resolve(cwd, a.slice('--config-path='.length))}`;
  }
  return { own, template };
}

function wantsHelpOnly(own: readonly string[]): boolean {
  return own.includes('--help') || own.includes('-h');
}

/**
 * Run `tydra run`; resolves to the exit code (the command's, in run mode).
 * @example await runCommand(['-cd', 'conf', '-cn', 'train', '--', 'python', 'train.py', '--lr', '{{optimizer.lr}}'], print)
 */
export async function runCommand(argv: readonly string[], out: (s: string) => void, opts: RunCommandOptions = {}): Promise<number> {
  const cwd = opts.cwd ?? process.cwd();
  const { own, template } = splitArgv(argv, cwd);
  if (wantsHelpOnly(own) && template.length === 0) {
    out(`${HELP}\n`);
    return 0;
  }
  const printsOnly = own.some((a) => a === '--cfg' || a === '-c' || a.startsWith('--cfg=') || a === '--info' || a === '-i' || a.startsWith('--info=') || a === '--version' || a === '-sc' || a === '--shell-completion' || a === '--hydra-help');
  if (template.length === 0 && !printsOnly) {
    throw new TydraError("tydra run needs a command after '--'", { hint: 'tydra run -cd conf -cn train -- python train.py --lr {{optimizer.lr}}' });
  }
  const name = jobNameFor(template);
  try {
    await main(
      {
        argv: [...own, '--', ...template],
        cwd,
        name,
        flags: { shell: { type: 'boolean', description: 'Run the command through sh -c' } },
        print: out,
        console: opts.log,
        relaunch: [process.execPath, ...process.execArgv, process.argv[1] ?? 'tydra', 'run'],
      },
      (config, ctx) => runTask(config as Record<string, unknown>, ctx, template, opts),
    );
    return 0;
  } catch (e) {
    // main() has reported everything but the command's own failure (its logger did).
    if (e instanceof CommandFailed) return e.exitCode;
    return 1;
  }
}

function metaDirOf(ctx: RunContext): string | undefined {
  const sub = (ctx.hydra as { output_subdir?: unknown }).output_subdir;
  return typeof sub === 'string' && sub !== '' ? path.resolve(ctx.outputDir, sub) : undefined;
}

/** The resolved config as a tree: the saved snapshot (exact types), else rebuilt from the task's config. */
function resolvedTree(meta: string | undefined, config: Record<string, unknown>): { node: Node; file: string } {
  if (meta) {
    const file = path.join(meta, SNAPSHOT_FILES.resolved);
    try {
      const node = loadYamlString(fs.readFileSync(file, 'utf8'), file);
      if (node) return { node, file };
    } catch {
      // fall through: rebuild it
    }
  }
  const node = nodeFromJs(config);
  return { node, file: '' };
}

function readResult(outputDir: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(path.join(outputDir, RESULT_FILE), 'utf8'));
  } catch {
    return null;
  }
}

async function runTask(config: Record<string, unknown>, ctx: RunContext, template: readonly string[], opts: RunCommandOptions): Promise<unknown> {
  opts.onRun?.(ctx.outputDir);
  const meta = metaDirOf(ctx);
  const tree = resolvedTree(meta, config);
  let configFile = tree.file;
  if (!configFile) {
    configFile = path.join(ctx.outputDir, SNAPSHOT_FILES.resolved);
    fs.writeFileSync(configFile, toYaml(tree.node));
  }
  const configData = templateData(tree.node) as Record<string, unknown>;
  const job = { name: ctx.job.name, num: ctx.job.num, id: ctx.job.id, override_dirname: ctx.job.overrideDirname, config_name: ctx.job.configName };
  const data = { ...configData, config: configData, run: { dir: ctx.outputDir, id: ctx.runId }, job, hydra: ctx.hydra };
  const argv = renderCommand(template, data);
  const shell = ctx.flags.shell === true;
  const chdir = (ctx.hydra as { job?: { chdir?: unknown } }).job?.chdir === true;
  const cwd = chdir ? ctx.outputDir : ctx.originalCwd;

  const env: NodeJS.ProcessEnv = { ...process.env, [COMMAND_ENV.config]: configFile };
  const json = toJson(tree.node, { indent: 0 });
  if (json.length <= MAX_ENV_JSON) env[COMMAND_ENV.configJson] = json;
  else ctx.logger.warn(`${COMMAND_ENV.configJson} is not set: the config is ${json.length} bytes as JSON; read ${COMMAND_ENV.config} instead`);

  const record: CommandRecord = {
    version: 1,
    template: [...template],
    argv,
    shell,
    cwd,
    exitCode: null,
    signal: null,
    stdout: 'stdout.log',
    stderr: 'stderr.log',
  };
  const recordFile = meta ? path.join(meta, RUNS_FILES.command) : undefined;
  if (recordFile) await writeJsonAtomic(recordFile, record);
  ctx.logger.info(`Running: ${shell ? `sh -c ${JSON.stringify(argv.join(' '))}` : argv.map(quoteForDisplay).join(' ')}`);

  const started = Date.now();
  let spawned: { code: number | null; signal: string | null };
  try {
    spawned = await spawnTeed(shell ? '/bin/sh' : (argv[0] as string), shell ? ['-c', argv.join(' ')] : argv.slice(1), {
    cwd,
    env,
    stdoutFile: path.join(ctx.outputDir, record.stdout),
    stderrFile: path.join(ctx.outputDir, record.stderr),
    stdout: opts.stdout ?? ((s) => process.stdout.write(s)),
    stderr: opts.stderr ?? ((s) => process.stderr.write(s)),
    });
  } catch (e) {
    // The command could not start: the shell's code for "not found" / "cannot execute".
    const failure = new CommandFailed((e as { code?: string }).code === 'EACCES' ? 126 : 127, null, (e as Error).message);
    if (meta) await finishRun(meta, { status: 'failed', error: failure, exitCode: failure.exitCode });
    throw failure;
  }
  const { code, signal } = spawned;
  const exitCode = code ?? 128 + ((signal && osConstants.signals[signal as NodeJS.Signals]) || 0);
  record.exitCode = exitCode;
  record.signal = signal;
  if (recordFile) await writeJsonAtomic(recordFile, record);
  const took = ((Date.now() - started) / 1000).toFixed(1);
  const result = readResult(ctx.outputDir);
  if (exitCode === 0) {
    ctx.logger.info(`The command exited with code 0 after ${took}s`);
    // Record the real exit code; runJob's own finish is then a no-op (the first finish wins).
    if (meta) await finishRun(meta, { status: 'completed', result, exitCode });
    return result;
  }
  const failure = new CommandFailed(exitCode, signal);
  if (meta) await finishRun(meta, { status: 'failed', error: failure, exitCode });
  throw failure;
}

function quoteForDisplay(a: string): string {
  return /^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, "'\\''")}'`;
}

interface TeeOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdoutFile: string;
  stderrFile: string;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

/** Spawn without a shell, copy stdout/stderr to the console and to files, forward SIGINT/SIGTERM. */
function spawnTeed(cmd: string, args: readonly string[], o: TeeOptions): Promise<{ code: number | null; signal: string | null }> {
  return new Promise((resolve, reject) => {
    const outFile = fs.createWriteStream(o.stdoutFile);
    const errFile = fs.createWriteStream(o.stderrFile);
    const child = spawn(cmd, args, { cwd: o.cwd, env: o.env, stdio: ['inherit', 'pipe', 'pipe'] });
    const forward = (sig: NodeJS.Signals) => () => child.kill(sig);
    const onInt = forward('SIGINT');
    const onTerm = forward('SIGTERM');
    process.on('SIGINT', onInt);
    process.on('SIGTERM', onTerm);
    let settled = false;
    const cleanup = () => {
      settled = true;
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
    };
    child.stdout.setEncoding('utf8').on('data', (s: string) => {
      outFile.write(s);
      o.stdout(s);
    });
    child.stderr.setEncoding('utf8').on('data', (s: string) => {
      errFile.write(s);
      o.stderr(s);
    });
    child.on('error', (e: NodeJS.ErrnoException) => {
      if (settled) return;
      cleanup();
      outFile.end();
      errFile.end();
      if (e.code === 'ENOENT') reject(Object.assign(new Error(`cannot run '${cmd}': command not found`), { code: e.code }));
      else if (e.code === 'EACCES') reject(Object.assign(new Error(`cannot run '${cmd}': permission denied`), { code: e.code }));
      else reject(e);
    });
    child.on('close', (code, signal) => {
      if (settled) return;
      cleanup();
      let pending = 2;
      const done = () => {
        if (--pending === 0) resolve({ code, signal });
      };
      outFile.end(done);
      errFile.end(done);
    });
  });
}
