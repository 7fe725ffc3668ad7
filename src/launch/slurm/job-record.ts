import type { SlurmJobState } from './job-state.js';

/** One job record as a Slurm source reports it; an array's pending remainder is one record. */
export interface SlurmJobRecord {
  /** the record's own job id (`JobId=`); for a pending array remainder, the array's id */
  readonly jobId: string;
  /** the array's id (`ArrayJobId=`); null for a plain job or when the source does not say */
  readonly arrayJobId: string | null;
  /** the array task indices this record stands for; null when the source does not say */
  readonly tasks: readonly number[] | null;
  readonly state: SlurmJobState;
  /** null when Slurm says "None" or the source has no reason */
  readonly reason: string | null;
  /** `A` of `ExitCode=A:B`; null when the source has no exit code */
  readonly exitCode: number | null;
  /** `B` of `ExitCode=A:B` when non-zero */
  readonly signal: number | null;
}
