import { expandTaskRange } from './array-range.js';
import { SlurmParseError } from './errors.js';
import type { SlurmJobRecord } from './job-record.js';
import { parseExitCode, toJobState } from './job-state.js';
import { parseKeyValueLine } from './key-value-line.js';

/**
 * Parse `scontrol show job -o <id>`: one record per line. An array shows one line per task that
 * has started (its own `JobId`) plus one for the pending remainder (`ArrayTaskId=3-9%4`).
 *
 * `parseScontrolJobs('JobId=43 ArrayJobId=42 ArrayTaskId=1 JobState=FAILED Reason=NonZeroExitCode ExitCode=3:0')`
 *   → `[{ jobId: '43', arrayJobId: '42', tasks: [1], state: 'FAILED', reason: 'NonZeroExitCode', exitCode: 3, signal: null }]`
 */
export function parseScontrolJobs(text: string): SlurmJobRecord[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => scontrolRecord(line));
}

function scontrolRecord(line: string): SlurmJobRecord {
  const f = parseKeyValueLine(line);
  const jobId = f.get('JobId');
  const state = toJobState(f.get('JobState') ?? '');
  if (jobId === undefined || !/^\d+$/.test(jobId) || state === undefined) {
    throw new SlurmParseError('a `scontrol show job -o` line', line);
  }
  const arrayJobId = f.get('ArrayJobId');
  const taskSpec = f.get('ArrayTaskId');
  const exit = parseExitCode(f.get('ExitCode') ?? '');
  return {
    jobId,
    arrayJobId: arrayJobId ?? null,
    tasks: arrayJobId !== undefined && taskSpec !== undefined ? expandTaskRange(taskSpec).tasks : null,
    state,
    reason: reasonOf(f.get('Reason')),
    exitCode: exit?.exitCode ?? null,
    signal: exit?.signal ?? null,
  };
}

/** Slurm prints "None" or "(null)" for no reason. */
export function reasonOf(text: string | undefined): string | null {
  return text === undefined || text === '' || text === 'None' || text === '(null)' ? null : text;
}

/**
 * Parse `scontrol show config` (`Key   = value` lines) into a map.
 *
 * `parseScontrolConfig('JobCompType             = jobcomp/filetxt').get('JobCompType')` → 'jobcomp/filetxt'
 */
export function parseScontrolConfig(text: string): Map<string, string> {
  const config = new Map<string, string>();
  for (const line of text.split('\n')) {
    const m = /^([A-Za-z][A-Za-z0-9_]*)\s*=\s?(.*)$/.exec(line);
    if (m?.[1] !== undefined && !config.has(m[1])) config.set(m[1], (m[2] ?? '').trim());
  }
  return config;
}
