/**
 * The basic launcher (Hydra's default): every job runs in this process, one after another. No
 * process start-up per job, no isolation: module state, `process.env` changes the task makes and
 * open handles carry over from job to job. Jobs cannot be timed out (JavaScript cannot stop a
 * running function); Ctrl-C lets the running job finish and starts no more.
 */
import { TydraError } from '../errors.js';
import type { JobSpec } from '../runtime/job-types.js';
import type { JobEvent, LaunchContext, LaunchControl, Launcher } from './types.js';

export class BasicLauncher implements Launcher {
  readonly name = 'basic';
  readonly window = 1;
  /** Jobs of overlapping launch calls still run one at a time: each waits for the previous one. */
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly ctx: LaunchContext) {
    if (!ctx.runInProcess) throw new TydraError('the basic launcher needs to run jobs in this process');
  }

  describe(count: number): string {
    return `Launching ${count} ${count === 1 ? 'job' : 'jobs'} in this process, one at a time (hydra/launcher=basic)`;
  }

  async *launch(jobs: readonly JobSpec[], control: LaunchControl = {}): AsyncIterable<JobEvent> {
    const run = this.ctx.runInProcess as NonNullable<LaunchContext['runInProcess']>;
    for (const job of jobs) {
      if (control.abort?.aborted || control.drain?.aborted) {
        yield { type: 'finished', result: { num: job.num, overrides: job.overrides, status: 'cancelled', error: notStarted(control) } };
        continue;
      }
      const turn = this.tail.then(() => undefined);
      let release!: () => void;
      this.tail = new Promise<void>((r) => (release = r));
      await turn;
      try {
        if (control.abort?.aborted || control.drain?.aborted) {
          yield { type: 'finished', result: { num: job.num, overrides: job.overrides, status: 'cancelled', error: notStarted(control) } };
          continue;
        }
        yield { type: 'started', num: job.num, id: String(job.num), at: new Date().toISOString() };
        const result = await run(job);
        yield { type: 'finished', result };
      } finally {
        release();
      }
    }
  }
}

function notStarted(control: LaunchControl) {
  const why = control.abort?.aborted ? 'the sweep was interrupted' : 'the sweep stopped after too many failures';
  return { name: 'NotStarted', message: `not started: ${why}`, stack: null };
}
