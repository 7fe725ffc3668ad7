/**
 * The data that crosses the seams between sweepers, launchers and the job runner. A job is
 * describable as one JSON line, so a SLURM array task or a resumed sweep can rebuild it from disk.
 */
import type { JsonValue, RunError } from './run-record.js';

/** One job of a run or a sweep. */
export interface JobSpec {
  /** The index of the job in its sweep (0 for a single run). */
  num: number;
  /** The job's overrides, in Hydra's rendering (`seed=1`, `+tag='a,b'`). */
  overrides: string[];
}

export type JobStatus = 'completed' | 'failed' | 'timeout' | 'cancelled';

/** How a job ended (what `jobs.jsonl` records). */
export interface JobResult {
  num: number;
  overrides: string[];
  status: JobStatus;
  /** The job's run dir. */
  outputDir?: string;
  /** The launcher's id for the job (`1234_5` on SLURM). */
  id?: string;
  startedAt?: string;
  endedAt?: string;
  durationMs?: number;
  /** The task's return value, when JSON can hold it. */
  returnValue?: JsonValue;
  error?: RunError;
}

/** Where a job of a sweep lives and how it is numbered. */
export interface SweepInfo {
  /** The sweep dir (absolute). */
  dir: string;
  /** The frozen "now" of the sweep (ISO), shared by every job. */
  now: string;
}
