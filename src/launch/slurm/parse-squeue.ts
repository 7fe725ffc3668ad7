import { parseJobIdSpec } from './array-range.js';
import { SlurmParseError } from './errors.js';
import type { SlurmJobRecord } from './job-record.js';
import { toJobState } from './job-state.js';
import { reasonOf } from './parse-scontrol.js';

/** The `-o` format {@link parseSqueue} reads: job id as `42_[3-9%4]`, raw job id, state, reason. */
export const SQUEUE_FORMAT = '%i|%A|%T|%r';

/**
 * Parse `squeue -h -t all -j <id> -o '%i|%A|%T|%r'`. squeue has no exit code: COMPLETED means 0,
 * other states give null (FAILED's reason still says e.g. "NonZeroExitCode").
 *
 * `parseSqueue('42_[3-5%2]|42|PENDING|JobArrayTaskLimit')`
 *   → `[{ jobId: '42', arrayJobId: '42', tasks: [3, 4, 5], state: 'PENDING', reason: 'JobArrayTaskLimit', … }]`
 */
export function parseSqueue(text: string): SlurmJobRecord[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const [id = '', rawId = '', stateText = '', ...reason] = line.trim().split('|');
      const state = toJobState(stateText);
      if (state === undefined || !/^\d+$/.test(rawId)) throw new SlurmParseError('a squeue line', line);
      const spec = parseJobIdSpec(id);
      return {
        jobId: rawId,
        arrayJobId: spec.range === null ? null : spec.jobId,
        tasks: spec.range?.tasks ?? null,
        state,
        reason: reasonOf(reason.join('|')),
        exitCode: state === 'COMPLETED' ? 0 : null,
        signal: null,
      };
    });
}
