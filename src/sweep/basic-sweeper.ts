/**
 * The basic sweeper behind ask/tell: hands out the planned jobs in job-number order, a batch of
 * `max_batch_size` at a time (the next batch starts when the previous one has ended, as in
 * Hydra), skipping jobs a resumed sweep already completed.
 */
import type { JobResult, JobSpec } from '../runtime/job-types.js';
import { type SweepPlan, jobOverridesAt } from './basic.js';
import { FRESH, type ResumeState, type Sweeper } from './sweeper.js';

/** Up to this many jobs are listed in `jobs.jsonl` before they run; larger sweeps list them as launched. */
export const EAGER_MANIFEST_LIMIT = 100_000;

export class BasicSweeper implements Sweeper {
  readonly name = 'basic';
  readonly total: number;
  private next = 0;
  private outstanding = 0;
  private readonly batchSize: number;

  constructor(
    readonly plan: SweepPlan,
    maxBatchSize: number | null | undefined,
    private readonly resume: ResumeState = FRESH,
  ) {
    this.total = plan.count;
    this.batchSize = maxBatchSize && maxBatchSize > 0 ? maxBatchSize : Math.max(1, plan.count);
    this.skipCompleted();
  }

  /** The overrides of job `num`: as listed before (resume), else from the plan. */
  overridesOf(num: number): string[] {
    const known = this.resume.overrides.get(num);
    return known ? [...known] : jobOverridesAt(this.plan, num);
  }

  private skipCompleted(): void {
    while (this.next < this.total && this.resume.completed.has(this.next)) this.next++;
  }

  ask(max: number): JobSpec[] {
    const out: JobSpec[] = [];
    while (out.length < max && this.next < this.total) {
      const batch = Math.floor(this.next / this.batchSize);
      const started = out.length > 0 || this.outstanding > 0;
      // Stay inside the current batch while any of its jobs is unfinished.
      if (started && this.currentBatch !== undefined && batch !== this.currentBatch) break;
      this.currentBatch = batch;
      out.push({ num: this.next, overrides: this.overridesOf(this.next) });
      this.next++;
      this.skipCompleted();
    }
    this.outstanding += out.length;
    return out;
  }

  private currentBatch: number | undefined;

  tell(_result: JobResult): void {
    this.outstanding = Math.max(0, this.outstanding - 1);
  }

  done(): boolean {
    return this.next >= this.total;
  }

  planned(): Iterable<JobSpec> | undefined {
    if (this.total > EAGER_MANIFEST_LIMIT) return undefined;
    const self = this;
    return (function* () {
      for (let n = 0; n < self.total; n++) yield { num: n, overrides: self.overridesOf(n) };
    })();
  }
}
