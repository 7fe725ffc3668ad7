/** Every job state Slurm 22.05 reports (squeue(1) "JOB STATE CODES"). */
export const SLURM_JOB_STATES = [
  'PENDING',
  'CONFIGURING',
  'RUNNING',
  'COMPLETING',
  'SUSPENDED',
  'STOPPED',
  'SIGNALING',
  'STAGE_OUT',
  'RESIZING',
  'REQUEUED',
  'REQUEUE_FED',
  'REQUEUE_HOLD',
  'RESV_DEL_HOLD',
  'SPECIAL_EXIT',
  'COMPLETED',
  'FAILED',
  'CANCELLED',
  'TIMEOUT',
  'NODE_FAIL',
  'OUT_OF_MEMORY',
  'PREEMPTED',
  'BOOT_FAIL',
  'DEADLINE',
  'REVOKED',
] as const;

export type SlurmJobState = (typeof SLURM_JOB_STATES)[number];

/** States after which the task will not run again by itself (a requeue makes a new PENDING). */
const TERMINAL: ReadonlySet<SlurmJobState> = new Set<SlurmJobState>([
  'COMPLETED',
  'FAILED',
  'CANCELLED',
  'TIMEOUT',
  'NODE_FAIL',
  'OUT_OF_MEMORY',
  'PREEMPTED',
  'BOOT_FAIL',
  'DEADLINE',
  'REVOKED',
]);

/** `isTerminal('TIMEOUT')` → true; `isTerminal('COMPLETING')` → false (processes may still run). */
export function isTerminal(state: SlurmJobState): boolean {
  return TERMINAL.has(state);
}

const KNOWN: ReadonlySet<string> = new Set(SLURM_JOB_STATES);

/** `toJobState('CANCELLED+')` → 'CANCELLED'; undefined for a word Slurm does not use. */
export function toJobState(text: string): SlurmJobState | undefined {
  const word = /^[A-Z_]+/.exec(text.trim())?.[0];
  return word !== undefined && KNOWN.has(word) ? (word as SlurmJobState) : undefined;
}

/** Where a task's state was read. `vanished`: gone from every source after being known (see arrayStates). */
export type TaskStateSource = 'scontrol' | 'squeue' | 'jobcomp' | 'vanished';

/** The state of one array task (or of a plain job, as task 0). */
export interface TaskState {
  readonly state: SlurmJobState;
  /** true once the task will not run again: see {@link isTerminal} */
  readonly terminal: boolean;
  /** exit status of the batch script; null until terminal, or when the source has none */
  readonly exitCode: number | null;
  /** signal that killed the batch script (9, 15…); null when none or unknown */
  readonly signal: number | null;
  /** Slurm's reason, e.g. "NonZeroExitCode", "TimeLimit", "JobArrayTaskLimit"; null for "None" */
  readonly reason: string | null;
  /** the task's own job id (array tasks have one each once they leave the pending range) */
  readonly jobId: string | null;
  readonly source: TaskStateSource;
}

/** `parseExitCode('3:0')` → `{ exitCode: 3, signal: null }`; `'0:9'` → `{ exitCode: 0, signal: 9 }`. */
export function parseExitCode(text: string): { exitCode: number; signal: number | null } | undefined {
  const m = /^(\d+):(\d+)$/.exec(text.trim());
  if (!m) return undefined;
  const signal = Number(m[2]);
  return { exitCode: Number(m[1]), signal: signal === 0 ? null : signal };
}
