/**
 * `main()`: wrap an app's entry point the way `@hydra.main` does, and more.
 *
 * @example
 * main({ configPath: 'conf', configName: 'train', schema: Config }, async (cfg, ctx) => {
 *   ctx.logger.info(`lr=${cfg.optimizer.lr}`);
 *   return { accuracy: 0.9 };
 * });
 *
 * The task's config is typed by the schema (`z.output`), or plain JSON-like data without one;
 * annotate the task's parameter (`(cfg: MyConfig) => …`) to declare a type yourself.
 *
 * Run mode resolves to the task's return value; multirun (`-m`) to the list of job results.
 * A failure rejects with the error and sets `process.exitCode` (when main reads the real command
 * line); the returned promise is already handled, so an un-awaited `main()` never produces an
 * "unhandled rejection" on top of the report.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Composer, type ComposeOptions, type Composition, jobTree, parseAll } from '../compose/compose.js';
import { ConfigCompositionError } from '../defaults/errors.js';
import type { ResolverRegistry } from '../config/resolvers/registry.js';
import { type Override, isSweep } from '../overrides/types.js';
import { type AppArgs, type AppFlagSpec, type AppFlagValues, parseAppArgs } from '../cli/app-flags.js';
import { reportError } from '../cli/report-error.js';
import { isUserError, TydraError } from '../errors.js';
import type { ConfigStore } from '../repository/config-store.js';
import type { ConfigOf, ConfigSchema } from '../schema/types.js';
import { needsValidation, validateConfigAsync } from '../schema/validate.js';
import type { Callback } from './callbacks.js';
import type { TargetRegistry } from './instantiate.js';
import type { JobResult } from './job-types.js';
import { type AppRuntime, type RunContext, runJob } from './run-job.js';
import { runContextFromEnv } from './run-dir.js';

export interface MainOptions<S extends ConfigSchema | undefined = ConfigSchema | undefined> {
  /** The primary config dir: absolute, a `file:` URL, or relative to the app's entry script. */
  configPath?: string | URL;
  /** The primary config (e.g. `config`, `train`). */
  configName?: string;
  /** A zod schema: the config is validated with it and the task's config is typed by it. */
  schema?: S;
  /** Configs and schemas registered from code. */
  store?: ConfigStore;
  /** `hydra.job.name` (default: the entry script's file name without extension). */
  name?: string;
  /** The app's own flags, next to Hydra's (`{ 'dry-run': { type: 'boolean' } }`). */
  flags?: Readonly<Record<string, AppFlagSpec>>;
  /** The command line (default: process.argv.slice(2)). Pass it in tests. */
  argv?: readonly string[];
  /** `_target_` factories for `hydra.callbacks` (and for your own `instantiate` calls). */
  registry?: TargetRegistry;
  /** Let `_target_` import modules (`./models.js#MLP`). */
  allowImports?: boolean | readonly string[];
  /** Callbacks from code, after those of `hydra.callbacks`. */
  callbacks?: readonly Callback[];
  /** Resolvers for `${name:...}` (default: the process-wide registry). */
  resolvers?: ResolverRegistry;
  /** The app's working directory (default: process.cwd()). */
  cwd?: string;
  /** Where `--cfg`, `--info`, `--help` print (default: process.stdout). */
  print?: (text: string) => void;
  /** Where job log lines go on the console (default: stdout/stderr). */
  console?: (line: string) => void;
  /**
   * [runs] How launchers start this app again in another process, before its arguments
   * (default: `[node, ...execArgv, entry script]`). `tydra run` passes `[node, tydra, 'run']`.
   */
  relaunch?: readonly string[];
}

/** What the sweep module needs to run a multirun (loaded only for `-m`). */
export interface MultirunInput {
  app: AppRuntime;
  composer: Composer;
  overrides: readonly string[];
  args: AppArgs;
  now: Date;
  /** The app's re-invocation for launcher child processes: `[node, ...execArgv, script, ...]`. */
  command: readonly string[];
}

function entryScript(): string | undefined {
  return process.argv[1];
}

function configDirOf(p: string | URL | undefined, cwd: string): string | undefined {
  if (p === undefined) return undefined;
  if (p instanceof URL) return fileURLToPath(p);
  if (p.startsWith('file:')) return fileURLToPath(p);
  if (path.isAbsolute(p)) return p;
  const script = entryScript();
  return path.resolve(script ? path.dirname(path.resolve(cwd, script)) : cwd, p);
}

/** The job name Hydra uses: the entry script's file name without extension. */
function defaultName(): string {
  const script = entryScript();
  if (!script) return 'app';
  return path.basename(script).replace(/\.[cm]?[jt]s$/, '');
}

export interface MainContext {
  args: AppArgs;
  composer: Composer;
  composeOptions: ComposeOptions;
}

/** Build what every mode needs: parsed flags, the composer, the app runtime. */
export function prepare(opts: MainOptions): { args: AppArgs; composeOptions: ComposeOptions; app: AppRuntime; argv: readonly string[] } {
  const argv = opts.argv ?? process.argv.slice(2);
  const args = parseAppArgs(argv, opts.flags);
  const cwd = opts.cwd ?? process.cwd();
  const mainDir = configDirOf(args.configPath ?? opts.configPath, cwd);
  const searchPath = args.configDir ? [path.resolve(cwd, args.configDir)] : [];
  const name = opts.name ?? defaultName();
  const composeOptions: ComposeOptions = {
    configDir: mainDir,
    searchPath,
    configName: args.configName ?? opts.configName,
    sources: opts.store ? [opts.store.source()] : undefined,
    resolvers: opts.resolvers,
    jobName: name,
    cwd,
    mode: args.multirun ? 'multirun' : 'run',
    recordMode: true,
  };
  const app: AppRuntime = {
    name,
    task: () => undefined,
    // The app's schema, and the schemas stored in a ConfigStore the defaults list used.
    validate: async (c, config) => (needsValidation(c, opts.schema) ? validateConfigAsync(c, opts.schema) : config),
    instantiate: { registry: opts.registry, allowImports: opts.allowImports, importBase: cwd },
    callbacks: opts.callbacks ?? [],
    flags: args.flags,
    passthrough: args.passthrough,
    quiet: args.quiet,
    argv: opts.argv ? [process.argv[0] ?? 'node', process.argv[1] ?? name, ...opts.argv] : process.argv,
    cwd,
    env: process.env,
    console: opts.console,
  };
  return { args, composeOptions, app, argv };
}

/**
 * Run an app: compose its config from the command line, then run the task once (or, with `-m`,
 * once per job of the sweep) in its own output dir.
 */
export function main<S extends ConfigSchema | undefined = undefined, C = ConfigOf<S>, R = unknown, F extends AppFlagValues = AppFlagValues>(
  options: MainOptions<S>,
  task: (config: C, ctx: RunContext<F>) => R | Promise<R>,
): Promise<Awaited<R> | JobResult[] | undefined> {
  const setExitCode = options.argv === undefined;
  const promise = runMain(options, task as AppRuntime['task']).catch((err: unknown) => {
    if (!(err instanceof TaskFailed)) reportError(err);
    if (setExitCode) process.exitCode = 1;
    throw err instanceof TaskFailed ? err.error : err;
  });
  promise.catch(() => undefined);
  return promise as Promise<Awaited<R> | JobResult[] | undefined>;
}

/** A task error: already logged by the job's logger, so main does not print it again. */
class TaskFailed extends Error {
  constructor(readonly error: unknown) {
    super('task failed');
  }
}

async function runMain(options: MainOptions, task: AppRuntime['task']): Promise<unknown> {
  const print = options.print ?? ((s: string) => process.stdout.write(s));
  const { args, composeOptions, app } = prepare(options);
  app.task = task;
  if (args.version) {
    print('tydra 0.1.0\n');
    return undefined;
  }
  checkCommands(args);
  if (args.shellCompletion !== undefined) {
    const { shellCompletion } = await import('../cli/app-completion.js');
    print(shellCompletion(args.shellCompletion, composeOptions, args, options.flags ?? {}));
    return undefined;
  }
  const now = new Date();
  const overrides = parseAll(args.overrides);
  const composer = new Composer({ ...composeOptions, now }, overrides);
  if (args.help || args.hydraHelp) {
    const { renderHelp } = await import('../cli/app-help.js');
    print(renderHelp(args.help ? 'app' : 'hydra', composer, overrides, options.flags ?? {}, args.resolve));
    return undefined;
  }
  if (args.job) {
    const { runManifestJob } = await import('../sweep/job-worker.js');
    const outcome = await runManifestJob(app, composer, args.job, now);
    if (outcome.result.status !== 'completed') throw new TaskFailed(outcome.error ?? new TydraError(`job ${outcome.result.num} ${outcome.result.status}`));
    return outcome.value;
  }
  if (args.cfg !== undefined || args.info !== undefined) {
    const { printInfo } = await import('../cli/app-info.js');
    print(printInfo(composer, overrides, args));
    return undefined;
  }
  // [runs] --watch: run, then compose again and rerun whenever a config file changes (runtime/watch.ts).
  if (args.watch) {
    const { watchConfigs } = await import('./watch.js');
    await watchConfigs({
      dirs: [composeOptions.configDir, ...(composeOptions.searchPath ?? [])].filter((d): d is string => d !== undefined),
      compose: () => new Composer({ ...composeOptions, now: new Date() }, overrides).compose(overrides),
      view: jobTree,
      onConfig: () => {
        const fresh = new Date();
        return runOnce(options, app, args, new Composer({ ...composeOptions, now: fresh }, overrides), overrides, fresh).catch((e: unknown) => {
          if (!(e instanceof TaskFailed)) reportError(e);
        });
      },
      print,
      printError: (e) => reportError(e),
    });
    return undefined;
  }
  return runOnce(options, app, args, composer, overrides, now);
}

/** [runs] Run the job (or, with `-m`, the sweep) once (split out of runMain for --watch). */
async function runOnce(options: MainOptions, app: AppRuntime, args: AppArgs, composer: Composer, overrides: Override[], now: Date): Promise<unknown> {
  // Multirun with -m, or when the config asks for it (`hydra.mode: MULTIRUN`, as Hydra 1.2+).
  let multirun = args.multirun;
  let composition: Composition | undefined;
  if (!multirun) {
    try {
      composition = composer.compose(overrides);
      multirun = modeOf(composition) === 'MULTIRUN';
    } catch (e) {
      if (!(e instanceof ConfigCompositionError) || !overrides.some(isSweep)) throw e;
      // A sweep without -m runs only when the config (or a `hydra.mode=MULTIRUN` override) asks
      // for MULTIRUN, not on the mode this multirun composition fills in itself.
      if (composer.compose(overrides, { mode: 'multirun' }).requestedMode?.toUpperCase() !== 'MULTIRUN') throw e;
      multirun = true;
    }
  }
  if (multirun) {
    const { runMultirun: run } = await import('../sweep/multirun.js');
    // [runs] `relaunch`: `tydra run` is started again as `tydra run ...`, not as the bare bin.
    const command = [...(options.relaunch ?? [process.execPath, ...process.execArgv, entryScript() ?? '']), ...app.argv.slice(2)];
    const results = await run({ app, composer, overrides: args.overrides, args, now, command });
    if (results.some((r) => r.status !== 'completed')) {
      const failed = results.filter((r) => r.status !== 'completed').length;
      throw new TaskFailed(new TydraError(`${failed} of ${results.length} jobs did not complete`));
    }
    return results;
  }
  const attached = runContextFromEnv(process.env);
  const outcome = await runJob({ app, composition: composition ?? composer.compose(overrides), mode: 'run', num: 0, now, attachTo: attached?.runDir });
  if (outcome.result.status !== 'completed') throw new TaskFailed(outcome.error);
  return outcome.value;
}

/**
 * As Hydra's `_run_hydra`: `--resolve` only goes with `--cfg` or `--help`, and only one of
 * `--run`, `--multirun`, `--cfg`, `--info`, `--shell-completion` (help wins over all of them).
 */
function checkCommands(args: AppArgs): void {
  if (args.help) return;
  if (args.resolve && args.cfg === undefined) throw new TydraError('The --resolve flag can only be used in conjunction with --cfg or --help');
  if (args.hydraHelp) return;
  const commands = [args.run, args.cfg !== undefined, args.multirun, args.shellCompletion !== undefined, args.info !== undefined].filter(Boolean).length;
  if (commands > 1) throw new TydraError('Only one of --run, --multirun, --cfg, --info and --shell_completion can be specified');
}

/** `hydra.mode` of a composed config (`RUN`, `MULTIRUN`, or undefined when unset). */
function modeOf(c: Composition): string | undefined {
  try {
    const loc = c.resolution.select(['hydra', 'mode']);
    return loc && loc.node.kind === 'value' && loc.node.type === 'str' ? String(loc.node.value).toUpperCase() : undefined;
  } catch {
    return undefined;
  }
}

export { isUserError };
