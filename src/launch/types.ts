/**
 * The launcher seam: where the jobs of a sweep run. A launcher receives jobs as plain data (a
 * number and its overrides) and reports what happens to them as a stream of events; it knows
 * jobs, not YAML. Submitting, polling and collecting are separate steps where the launcher can
 * (SLURM), so jobs can be submitted now and collected by another process later.
 */
import type { JobResult, JobSpec } from '../runtime/job-types.js';

export type { JobResult, JobSpec };

/** Something that happened to one job. Every job launched ends with exactly one `finished`. */
export type JobEvent =
  /** Accepted by a queue that starts it later (a pending SLURM array task). */
  | { readonly type: 'queued'; readonly num: number; readonly id?: string }
  /** Started running (`at`: ISO time the launcher saw it start). */
  | { readonly type: 'started'; readonly num: number; readonly id?: string; readonly at: string }
  /** Ended, however it ended; `log` is the file with the job's console output, when there is one. */
  | { readonly type: 'finished'; readonly result: JobResult; readonly log?: string };

/** How the sweep tells a launcher to stop. */
export interface LaunchControl {
  /** Stop now (Ctrl-C): running jobs are terminated and queued ones dropped, all reported as `cancelled`. */
  readonly abort?: AbortSignal;
  /** Start nothing more (fail-fast): running jobs finish; queued ones are reported as `cancelled`. */
  readonly drain?: AbortSignal;
}

/** A place where jobs run. */
export interface Launcher {
  /** `basic`, `local`, `slurm`. */
  readonly name: string;
  /**
   * How many jobs the sweep should hand over before waiting for one to finish: the launcher's
   * parallelism for pools, `Infinity` for a queue that throttles by itself (SLURM arrays).
   */
  readonly window: number;
  /**
   * Launch `jobs` (each already listed in the sweep's `jobs.jsonl`) and report their events until
   * each has finished. Calls may overlap: the launcher shares its capacity between them.
   */
  launch(jobs: readonly JobSpec[], control?: LaunchControl): AsyncIterable<JobEvent>;
  /** A line about where the jobs go, for the sweep's log ("Launching 4 jobs locally"). */
  describe(count: number): string;
  /** Release what the launcher holds (idle worker processes). */
  close?(): Promise<void>;
}

/** What every launcher needs to know about the sweep it serves. */
export interface LaunchContext {
  /** The sweep dir (absolute). */
  readonly sweepDir: string;
  /** `<sweepDir>/jobs.jsonl`: a job process rebuilds its job from its line. */
  readonly manifest: string;
  /**
   * How to start the app for one job: `[...command, '--tydra-job', manifest, num]`. The job's
   * overrides come from its line of the manifest, or from `TYDRA_JOB_SPEC` (its JSON) when set.
   */
  readonly command: readonly string[];
  /** The app's working directory (jobs start there). */
  readonly cwd: string;
  /** The environment jobs inherit. */
  readonly env: NodeJS.ProcessEnv;
  /** Make sure `jobs.jsonl` on disk lists these jobs, for processes that read their job from it. */
  readonly persist?: (jobs: readonly JobSpec[]) => Promise<void>;
  /** Run one job in this process (what the basic launcher does). */
  readonly runInProcess?: (job: JobSpec) => Promise<JobResult>;
  /** Where the launcher reports what it does (a line at a time). */
  readonly log: (line: string) => void;
}
