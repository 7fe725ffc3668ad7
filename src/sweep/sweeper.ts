/**
 * The sweeper seam: what decides which jobs a sweep runs. Every sweeper speaks ask/tell, so the
 * sweep can ask for more jobs whenever a launcher slot frees up and tell each result as it comes
 * (no batch-synchronous waits, hydra#3091): the basic sweeper hands out its planned jobs in order
 * and ignores what it is told; an optimising sweeper proposes the next trials from the results.
 */
import type { JobResult, JobSpec } from '../runtime/job-types.js';

export interface Sweeper {
  /** `basic`, `random`. */
  readonly name: string;
  /** How many jobs the sweep runs in all, counting those a resume skips (for progress and `sweep.json`). */
  readonly total: number;
  /** Up to `max` jobs to launch now. Fewer, or none, when it waits for results first. */
  ask(max: number): JobSpec[];
  /** The result of a job it asked for (results of a resumed sweep come through ResumeState). */
  tell(result: JobResult): void;
  /** True once it will ask for nothing more. */
  done(): boolean;
  /** Why it stopped early, if it did (an optimiser's failure rate). */
  readonly stopReason?: string;
  /** Jobs known before any result, to list in `jobs.jsonl` up front (undefined: listed as launched). */
  planned?(): Iterable<JobSpec> | undefined;
  /** Write what it leaves in the sweep dir (`optimization_results.yaml`). */
  finish?(sweepDir: string): Promise<string | undefined>;
  /** State a resumed sweep needs again (a random seed), stored in `sweep.json`. */
  state?(): Record<string, unknown>;
}

/** What a resumed sweep knows from its previous run. */
export interface ResumeState {
  /** Jobs that completed: not run again. */
  readonly completed: ReadonlyMap<number, JobResult>;
  /** The overrides every listed job had (rerun jobs keep them, even if the plan would differ). */
  readonly overrides: ReadonlyMap<number, readonly string[]>;
  /** The sweeper's state saved in `sweep.json`. */
  readonly sweeperState?: Record<string, unknown>;
}

export const FRESH: ResumeState = { completed: new Map(), overrides: new Map() };
