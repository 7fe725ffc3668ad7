import { SlurmParseError } from './errors.js';
import type { SlurmJobRecord } from './job-record.js';
import { parseExitCode, toJobState } from './job-state.js';
import { parseKeyValueLine } from './key-value-line.js';
import { reasonOf } from './parse-scontrol.js';

/** Array task ids at or above this are Slurm's NO_VAL markers, not tasks. */
const NO_VAL = 0xfffffffe;

/**
 * Parse the lines of the `jobcomp/filetxt` log (one line per finished job, kept forever) that
 * belong to `jobId`: the job itself, or the tasks of the array `jobId`. Array tasks appear under
 * their own JobId with `ArrayJobId=`/`ArrayTaskId=`; a pending remainder cancelled as a whole is a
 * single `JobId=<array id>` line without task ids (`tasks: null`). Lines come in log order, so a
 * later line for the same task (after a requeue) follows the earlier one.
 *
 * Its ExitCode is not trustworthy for jobs ended by Slurm: a cancelled or timed-out job killed by a
 * signal is logged as `0:0`.
 */
export function parseJobcompLog(text: string, jobId: string): SlurmJobRecord[] {
  const records: SlurmJobRecord[] = [];
  for (const line of text.split('\n')) {
    // Cheap filter first: the log of a busy cluster is large.
    if (!line.startsWith(`JobId=${jobId} `) && !line.includes(` ArrayJobId=${jobId} `)) continue;
    const f = parseKeyValueLine(line);
    const state = toJobState(f.get('JobState') ?? '');
    const ownId = f.get('JobId');
    if (state === undefined || ownId === undefined) throw new SlurmParseError('a jobcomp log line', line);
    const arrayJobId = f.get('ArrayJobId') ?? null;
    if (ownId !== jobId && arrayJobId !== jobId) continue;
    const task = Number(f.get('ArrayTaskId'));
    const exit = parseExitCode(f.get('ExitCode') ?? '');
    records.push({
      jobId: ownId,
      arrayJobId,
      tasks: arrayJobId !== null && Number.isInteger(task) && task < NO_VAL ? [task] : null,
      state,
      reason: reasonOf(f.get('Reason')),
      exitCode: exit?.exitCode ?? null,
      signal: exit?.signal ?? null,
    });
  }
  return records;
}
