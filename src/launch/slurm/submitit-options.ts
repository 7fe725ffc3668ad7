import type { CommandArg, SbatchFlagValue, SbatchScriptOptions } from './sbatch-script.js';

/** How one option of Hydra's submitit SLURM launcher (`hydra/launcher: submitit_slurm`) reaches sbatch. */
export interface SubmititOptionMapping {
  /** the option's name in Hydra's launcher config */
  readonly submitit: string;
  /** the {@link SbatchScriptOptions} field it fills; null when sbatch never sees it */
  readonly option: keyof SbatchScriptOptions | null;
  /** the sbatch flag written, or null */
  readonly sbatch: string | null;
  readonly note: string;
}

/** Hydra's submitit launcher options and the sbatch flags they become (printed in the docs). */
export const SUBMITIT_OPTION_MAP: readonly SubmititOptionMapping[] = [
  { submitit: 'timeout_min', option: 'time', sbatch: '--time', note: 'minutes' },
  { submitit: 'cpus_per_task', option: 'cpus_per_task', sbatch: '--cpus-per-task', note: '' },
  { submitit: 'gpus_per_node', option: 'gpus_per_node', sbatch: '--gpus-per-node', note: 'a count or type:count' },
  { submitit: 'tasks_per_node', option: 'tasks_per_node', sbatch: '--ntasks-per-node', note: '' },
  { submitit: 'mem_gb', option: 'mem_gb', sbatch: '--mem', note: '16 → 16G; fractions in M (0.5 → 512M)' },
  { submitit: 'nodes', option: 'nodes', sbatch: '--nodes', note: '' },
  { submitit: 'name', option: 'job_name', sbatch: '--job-name', note: "Hydra's default is ${hydra.job.name}" },
  { submitit: 'partition', option: 'partition', sbatch: '--partition', note: '' },
  { submitit: 'qos', option: 'qos', sbatch: '--qos', note: '' },
  { submitit: 'comment', option: 'comment', sbatch: '--comment', note: '' },
  { submitit: 'constraint', option: 'constraint', sbatch: '--constraint', note: '' },
  { submitit: 'exclude', option: 'exclude', sbatch: '--exclude', note: '' },
  { submitit: 'gres', option: 'gres', sbatch: '--gres', note: '' },
  { submitit: 'cpus_per_gpu', option: 'cpus_per_gpu', sbatch: '--cpus-per-gpu', note: '' },
  { submitit: 'gpus_per_task', option: 'gpus_per_task', sbatch: '--gpus-per-task', note: '' },
  { submitit: 'mem_per_gpu', option: 'mem_per_gpu', sbatch: '--mem-per-gpu', note: '' },
  { submitit: 'mem_per_cpu', option: 'mem_per_cpu', sbatch: '--mem-per-cpu', note: '' },
  { submitit: 'account', option: 'account', sbatch: '--account', note: '' },
  {
    submitit: 'signal_delay_s',
    option: 'signal',
    sbatch: '--signal',
    note: 'USR2@<s> with srun, B:USR2@<s> without (the signal must reach the batch shell)',
  },
  {
    submitit: 'array_parallelism',
    option: 'array',
    sbatch: '--array',
    note: '0-(jobs-1)%<array_parallelism>: at most that many tasks run at once',
  },
  {
    submitit: 'additional_parameters',
    option: 'additional_parameters',
    sbatch: '--<key>=<value>',
    note: 'underscores become dashes; true is a bare flag; overrides the flags above',
  },
  { submitit: 'setup', option: 'setup', sbatch: null, note: 'shell lines run before the command' },
  { submitit: 'srun_args', option: 'srun_args', sbatch: null, note: 'the command runs as `srun --unbuffered <srun_args> …`' },
  {
    submitit: 'stderr_to_stdout',
    option: 'error',
    sbatch: '--error',
    note: 'true: no --error, stderr goes to the --output file',
  },
  {
    submitit: 'max_num_timeout',
    option: null,
    sbatch: null,
    note: 'how often a timed-out task is requeued: the launcher does it, not sbatch',
  },
  { submitit: 'submitit_folder', option: null, sbatch: null, note: 'where the launcher puts scripts and logs' },
];

/** The launcher options of Hydra's `submitit_slurm` config that {@link sbatchOptionsFromSubmitit} reads. */
export interface SubmititSlurmParams {
  readonly timeout_min?: number;
  readonly cpus_per_task?: number | null;
  readonly gpus_per_node?: number | string | null;
  readonly tasks_per_node?: number;
  readonly mem_gb?: number | null;
  readonly nodes?: number;
  readonly name?: string;
  readonly partition?: string | null;
  readonly qos?: string | null;
  readonly comment?: string | null;
  readonly constraint?: string | null;
  readonly exclude?: string | null;
  readonly gres?: string | null;
  readonly cpus_per_gpu?: number | null;
  readonly gpus_per_task?: number | string | null;
  readonly mem_per_gpu?: string | null;
  readonly mem_per_cpu?: string | null;
  readonly account?: string | null;
  readonly signal_delay_s?: number | null;
  readonly array_parallelism?: number;
  readonly additional_parameters?: Readonly<Record<string, SbatchFlagValue>>;
  readonly setup?: readonly string[] | null;
  readonly srun_args?: readonly string[] | null;
  readonly stderr_to_stdout?: boolean;
}

/** What the launcher decides itself: the command, how many jobs, where logs go. */
export interface SubmititJobShape {
  readonly command: readonly CommandArg[];
  /** number of jobs in the sweep: the array's size */
  readonly jobs: number;
  /** `--output`, e.g. `<submitit_folder>/%A_%a_log.out` */
  readonly output: string;
  /** `--error`, ignored when `stderr_to_stdout` is true */
  readonly error?: string;
}

/**
 * sbatch script options for Hydra submitit launcher settings, as SUBMITIT_OPTION_MAP describes.
 * Null and undefined settings are left out (Hydra's defaults are the launcher's business).
 *
 * `sbatchOptionsFromSubmitit({ timeout_min: 60, array_parallelism: 2 }, { command: ['node', 'app.js'], jobs: 6, output: 'logs/%A_%a.out' })`
 *   → `{ time: 60, array: { size: 6, parallelism: 2 }, output: 'logs/%A_%a.out', command: [...] }`
 */
export function sbatchOptionsFromSubmitit(params: SubmititSlurmParams, shape: SubmititJobShape): SbatchScriptOptions {
  const srun = params.srun_args != null;
  const p = <K extends keyof SubmititSlurmParams>(key: K): NonNullable<SubmititSlurmParams[K]> | undefined =>
    params[key] ?? undefined;
  const delay = p('signal_delay_s');
  const options: SbatchScriptOptions = {
    command: shape.command,
    job_name: p('name'),
    partition: p('partition'),
    qos: p('qos'),
    account: p('account'),
    comment: p('comment'),
    time: p('timeout_min'),
    nodes: p('nodes'),
    tasks_per_node: p('tasks_per_node'),
    cpus_per_task: p('cpus_per_task'),
    gpus_per_node: p('gpus_per_node'),
    gpus_per_task: p('gpus_per_task'),
    cpus_per_gpu: p('cpus_per_gpu'),
    mem_gb: p('mem_gb'),
    mem_per_cpu: p('mem_per_cpu'),
    mem_per_gpu: p('mem_per_gpu'),
    gres: p('gres'),
    constraint: p('constraint'),
    exclude: p('exclude'),
    array: { size: shape.jobs, parallelism: p('array_parallelism') },
    output: shape.output,
    error: params.stderr_to_stdout ? undefined : shape.error,
    signal: delay === undefined ? undefined : `${srun ? '' : 'B:'}USR2@${delay}`,
    additional_parameters: p('additional_parameters'),
    setup: p('setup'),
    srun_args: p('srun_args'),
  };
  // Drop the undefined entries so the result reads well when printed or compared.
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as unknown as SbatchScriptOptions;
}
