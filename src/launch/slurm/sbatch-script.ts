import { SbatchOptionError } from './errors.js';

/** A reference to an environment variable in the command, expanded by the batch shell at run time. */
export interface EnvRef {
  readonly env: string;
}

/** The array task's index, for the command line: `['node', 'app.js', ARRAY_TASK_ID]`. */
export const ARRAY_TASK_ID: EnvRef = Object.freeze({ env: 'SLURM_ARRAY_TASK_ID' });

/**
 * One argument of the command: a literal string (always quoted for the shell), a variable, or
 * parts joined into one argument: `['--task=', ARRAY_TASK_ID]` → `--task="$SLURM_ARRAY_TASK_ID"`.
 */
export type CommandArg = string | EnvRef | readonly (string | EnvRef)[];

/** A value of `additional_parameters`: `true` is a bare flag, `false` leaves the flag out. */
export type SbatchFlagValue = string | number | boolean;

/**
 * What goes into an sbatch script. Names follow sbatch's long options (dashes as underscores)
 * and Hydra's submitit launcher where they differ in shape (`time` in minutes, `mem_gb`).
 * Every option is left out of the script when undefined, so the cluster's default applies.
 */
export interface SbatchScriptOptions {
  /** argv of the command each task runs; it replaces the batch shell (`exec`), so its exit status and signals are the task's */
  readonly command: readonly CommandArg[];
  /** `--job-name` */
  readonly job_name?: string;
  /** `--partition` */
  readonly partition?: string;
  /** `--time`, in minutes (rounded up; Slurm's resolution is one minute) */
  readonly time?: number;
  /** `--nodes` */
  readonly nodes?: number;
  /** `--ntasks-per-node` */
  readonly tasks_per_node?: number;
  /** `--cpus-per-task` */
  readonly cpus_per_task?: number;
  /** `--gpus-per-node`: a count or `type:count` */
  readonly gpus_per_node?: number | string;
  /** `--gpus-per-task` */
  readonly gpus_per_task?: number | string;
  /** `--cpus-per-gpu` */
  readonly cpus_per_gpu?: number;
  /** `--mem` in GB: `16` → `--mem=16G`, `0.5` → `--mem=512M`. Exclusive with `mem`. */
  readonly mem_gb?: number;
  /** `--mem` as Slurm spells it: `'4000M'`, `'16G'`. Exclusive with `mem_gb`. */
  readonly mem?: string;
  /** `--mem-per-cpu`, e.g. `'2G'` */
  readonly mem_per_cpu?: string;
  /** `--mem-per-gpu`, e.g. `'16G'` */
  readonly mem_per_gpu?: string;
  /** `--gres`, e.g. `'gpu:2'` */
  readonly gres?: string;
  /** `--qos` */
  readonly qos?: string;
  /** `--account` */
  readonly account?: string;
  /** `--comment` */
  readonly comment?: string;
  /** `--constraint` */
  readonly constraint?: string;
  /** `--exclude`: nodes not to run on */
  readonly exclude?: string;
  /** `--array=0-(size-1)%parallelism`; each task reads its index from `$SLURM_ARRAY_TASK_ID` */
  readonly array?: { readonly size: number; readonly parallelism?: number };
  /** `--output`; `%A` is the array's job id, `%a` the task index, `%j` the task's own job id */
  readonly output?: string;
  /** `--error`; leave undefined to send stderr to `output` */
  readonly error?: string;
  /** `--open-mode`. Default `'append'`: a requeued task adds to its log instead of truncating it. */
  readonly open_mode?: 'append' | 'truncate';
  /**
   * `--signal`, e.g. `'USR2@120'`: without `B:` Slurm signals job steps only (commands run
   * through srun); `'B:USR2@120'` signals the batch shell, which is the command here.
   */
  readonly signal?: string;
  /** more `#SBATCH` flags: `{ mail_type: 'END', requeue: true }` → `--mail-type=END`, `--requeue`; overrides a flag of the same name */
  readonly additional_parameters?: Readonly<Record<string, SbatchFlagValue>>;
  /** shell lines run before the command, e.g. `['module load node/20', 'export FOO=1']` */
  readonly setup?: readonly string[];
  /** run the command through `srun --unbuffered` (a job step: needed for multi-task jobs and step signals) */
  readonly srun?: boolean;
  /** extra srun arguments; implies `srun` */
  readonly srun_args?: readonly string[];
  /** the interpreter line; default `/bin/bash` */
  readonly shell?: string;
}

/** Flags in the order they are written, with the option that feeds each. */
const FLAG_ORDER = [
  ['job_name', 'job-name'],
  ['partition', 'partition'],
  ['qos', 'qos'],
  ['account', 'account'],
  ['comment', 'comment'],
  ['time', 'time'],
  ['nodes', 'nodes'],
  ['tasks_per_node', 'ntasks-per-node'],
  ['cpus_per_task', 'cpus-per-task'],
  ['gpus_per_node', 'gpus-per-node'],
  ['gpus_per_task', 'gpus-per-task'],
  ['cpus_per_gpu', 'cpus-per-gpu'],
  ['mem', 'mem'],
  ['mem_per_cpu', 'mem-per-cpu'],
  ['mem_per_gpu', 'mem-per-gpu'],
  ['gres', 'gres'],
  ['constraint', 'constraint'],
  ['exclude', 'exclude'],
  ['array', 'array'],
  ['output', 'output'],
  ['error', 'error'],
  ['open_mode', 'open-mode'],
  ['signal', 'signal'],
] as const;

/**
 * The text of an sbatch script for `options`.
 *
 * `renderSbatchScript({ job_name: 'sweep', array: { size: 6, parallelism: 2 }, command: ['node', 'app.js', ARRAY_TASK_ID] })`
 * → `#!/bin/bash` … `#SBATCH --array=0-5%2` … `exec node app.js "$SLURM_ARRAY_TASK_ID"`
 */
export function renderSbatchScript(options: SbatchScriptOptions): string {
  const flags = sbatchFlags(options);
  const lines = [`#!${options.shell ?? '/bin/bash'}`, '# Generated by tydra. Submit with: sbatch <this file>'];
  for (const [name, value] of flags) {
    lines.push(value === true ? `#SBATCH --${name}` : `#SBATCH --${name}=${sbatchValue(name, value)}`);
  }
  if (options.setup && options.setup.length > 0) {
    options.setup.forEach((line, i) => {
      if (/[\n\r\0]/.test(line)) throw new SbatchOptionError(`setup[${i}]`, 'one line per entry (no newline)');
    });
    lines.push('', '# setup', ...options.setup);
  }
  lines.push('', `exec ${commandLine(options)}`, '');
  return lines.join('\n');
}

/** The `#SBATCH` flags for `options`, name (without `--`) → value, in the order written. */
export function sbatchFlags(options: SbatchScriptOptions): Map<string, string | true> {
  if (options.mem !== undefined && options.mem_gb !== undefined) {
    throw new SbatchOptionError('mem_gb', 'give either mem_gb or mem, not both');
  }
  const values: Record<(typeof FLAG_ORDER)[number][0], string | undefined> = {
    job_name: text('job_name', options.job_name),
    partition: text('partition', options.partition),
    qos: text('qos', options.qos),
    account: text('account', options.account),
    comment: text('comment', options.comment),
    time: options.time === undefined ? undefined : String(Math.ceil(positive('time', options.time, false))),
    nodes: count('nodes', options.nodes),
    tasks_per_node: count('tasks_per_node', options.tasks_per_node),
    cpus_per_task: count('cpus_per_task', options.cpus_per_task),
    gpus_per_node: countOrText('gpus_per_node', options.gpus_per_node),
    gpus_per_task: countOrText('gpus_per_task', options.gpus_per_task),
    cpus_per_gpu: count('cpus_per_gpu', options.cpus_per_gpu),
    mem: options.mem_gb !== undefined ? memGb(options.mem_gb) : text('mem', options.mem),
    mem_per_cpu: text('mem_per_cpu', options.mem_per_cpu),
    mem_per_gpu: text('mem_per_gpu', options.mem_per_gpu),
    gres: text('gres', options.gres),
    constraint: text('constraint', options.constraint),
    exclude: text('exclude', options.exclude),
    array: options.array === undefined ? undefined : arraySpec(options.array),
    output: text('output', options.output),
    error: text('error', options.error),
    open_mode: options.open_mode ?? 'append',
    signal: text('signal', options.signal),
  };
  const flags = new Map<string, string | true>();
  for (const [option, flag] of FLAG_ORDER) {
    const value = values[option];
    if (value !== undefined) flags.set(flag, value);
  }
  for (const [key, value] of Object.entries(options.additional_parameters ?? {})) {
    const where = `additional_parameters.${key}`;
    if (!/^[A-Za-z][A-Za-z0-9_-]*$/.test(key)) throw new SbatchOptionError(where, 'not an sbatch option name');
    const flag = key.replaceAll('_', '-');
    if (value === false) flags.delete(flag);
    else if (value === true) flags.set(flag, true);
    else if (typeof value === 'number' || typeof value === 'string') flags.set(flag, text(where, String(value)) ?? '');
    else throw new SbatchOptionError(where, `expected a string, number or boolean, got ${typeof value}`);
  }
  return flags;
}

/** `--array=0-5%2` for `{ size: 6, parallelism: 2 }` (a parallelism ≥ size adds no throttle). */
function arraySpec(array: NonNullable<SbatchScriptOptions['array']>): string {
  const size = positive('array.size', array.size, true);
  const spec = `0-${size - 1}`;
  if (array.parallelism === undefined) return spec;
  const parallelism = positive('array.parallelism', array.parallelism, true);
  return parallelism >= size ? spec : `${spec}%${parallelism}`;
}

function memGb(gb: number): string {
  positive('mem_gb', gb, false);
  return Number.isInteger(gb) ? `${gb}G` : `${Math.ceil(gb * 1024)}M`;
}

function positive(option: string, value: number, integer: boolean): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value))) {
    throw new SbatchOptionError(option, `expected a positive ${integer ? 'integer' : 'number'}, got ${String(value)}`);
  }
  return value;
}

function count(option: string, value: number | undefined): string | undefined {
  return value === undefined ? undefined : String(positive(option, value, true));
}

function countOrText(option: string, value: number | string | undefined): string | undefined {
  return typeof value === 'number' ? count(option, value) : text(option, value);
}

function text(option: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new SbatchOptionError(option, `expected a string, got ${typeof value}`);
  if (/[\n\r\0]/.test(value)) throw new SbatchOptionError(option, 'must not contain a newline');
  return value;
}

/**
 * A value as sbatch reads it from an `#SBATCH` line: plain when safe, otherwise in double quotes
 * with `\`, `"` and `#` (which starts a comment) escaped. Checked against sbatch 22.05.
 */
function sbatchValue(flag: string, value: string): string {
  if (value === '') throw new SbatchOptionError(flag, 'must not be empty');
  return /^[A-Za-z0-9_.,:@%/=+\-[\]]+$/.test(value) ? value : `"${value.replace(/[\\"#]/g, '\\$&')}"`;
}

function commandLine(options: SbatchScriptOptions): string {
  if (options.command.length === 0) throw new SbatchOptionError('command', 'must name a program');
  const words = options.command.map((arg, i) => commandWord(arg, `command[${i}]`));
  if (options.srun || options.srun_args) {
    const extra = (options.srun_args ?? []).map((arg, i) => commandWord(arg, `srun_args[${i}]`));
    return ['srun', '--unbuffered', ...extra, ...words].join(' ');
  }
  return words.join(' ');
}

function commandWord(arg: CommandArg, where: string): string {
  const parts = typeof arg === 'string' || !Array.isArray(arg) ? [arg as string | EnvRef] : arg;
  if (parts.length === 0) return "''";
  return parts
    .map((part) => {
      if (typeof part === 'string') return shellQuote(part);
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(part.env)) {
        throw new SbatchOptionError(where, `not an environment variable name: ${JSON.stringify(part.env)}`);
      }
      return `"$${part.env}"`;
    })
    .join('');
}

/**
 * One word for a POSIX shell, taken literally: `shellQuote("it's")` → `'it'\''s'`;
 * safe words stay bare (`shellQuote('app.js')` → `app.js`).
 */
export function shellQuote(word: string): string {
  if (/^[A-Za-z0-9_./,:@%+=-]+$/.test(word)) return word;
  return `'${word.replaceAll("'", `'\\''`)}'`;
}
