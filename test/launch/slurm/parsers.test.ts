// Fixtures are real output recorded from the cluster of scripts/slurm/start.sh (Slurm 22.05.8):
// a 6-task array `0-5%2` where task 2 exits 3 and task 4 is killed by SIGKILL (job 1), an array
// `0-3%1` whose pending task 2 and running task 0 were cancelled (job 7), an array `0-5%1`
// cancelled as a whole (job 10), a job that ran into its time limit (job 12), and an array whose
// job name, comment and output path contain spaces (job 14).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { expandTaskRange, parseJobIdSpec } from '../../../src/launch/slurm/array-range.js';
import { SlurmParseError } from '../../../src/launch/slurm/errors.js';
import { isTerminal, parseExitCode, toJobState } from '../../../src/launch/slurm/job-state.js';
import { parseKeyValueLine } from '../../../src/launch/slurm/key-value-line.js';
import { parseJobcompLog } from '../../../src/launch/slurm/parse-jobcomp.js';
import { parseSubmitOutput, submitFailureReason } from '../../../src/launch/slurm/parse-sbatch.js';
import { parseScontrolConfig, parseScontrolJobs } from '../../../src/launch/slurm/parse-scontrol.js';
import { parseSqueue } from '../../../src/launch/slurm/parse-squeue.js';

const fixture = (name: string) => readFileSync(new URL(`fixtures/${name}`, import.meta.url), 'utf8');
const brief = (records: ReturnType<typeof parseScontrolJobs>) =>
  records.map((r) => [r.jobId, r.tasks, r.state, r.exitCode, r.signal]);

describe('expandTaskRange', () => {
  it('expands ranges, lists, steps and a throttle', () => {
    expect(expandTaskRange('0-5%2')).toEqual({ tasks: [0, 1, 2, 3, 4, 5], throttle: 2 });
    expect(expandTaskRange('1,3%1')).toEqual({ tasks: [1, 3], throttle: 1 });
    expect(expandTaskRange('1-3,7,9-13:2')).toEqual({ tasks: [1, 2, 3, 7, 9, 11, 13], throttle: null });
    expect(expandTaskRange('5')).toEqual({ tasks: [5], throttle: null });
  });

  it('rejects what is not a task list', () => {
    for (const bad of ['', 'a-b', '5-3', '1-3:0', '[1-3]']) {
      expect(() => expandTaskRange(bad), bad).toThrow(SlurmParseError);
    }
  });
});

describe('parseJobIdSpec', () => {
  it("reads squeue's %i for plain jobs, single tasks and pending ranges", () => {
    expect(parseJobIdSpec('12')).toEqual({ jobId: '12', range: null });
    expect(parseJobIdSpec('42_3')).toEqual({ jobId: '42', range: { tasks: [3], throttle: null } });
    expect(parseJobIdSpec('42_[3-9%4]')).toEqual({ jobId: '42', range: { tasks: [3, 4, 5, 6, 7, 8, 9], throttle: 4 } });
    expect(parseJobIdSpec('7_[1,3%1]')).toEqual({ jobId: '7', range: { tasks: [1, 3], throttle: 1 } });
  });

  it('rejects other text', () => {
    expect(() => parseJobIdSpec('42.batch')).toThrow(/cannot parse job id/);
  });
});

describe('job states and exit codes', () => {
  it('splits ExitCode=A:B into exit status and signal', () => {
    expect(parseExitCode('3:0')).toEqual({ exitCode: 3, signal: null });
    expect(parseExitCode('0:9')).toEqual({ exitCode: 0, signal: 9 });
    expect(parseExitCode('n/a')).toBeUndefined();
  });

  it('knows which states are final', () => {
    expect(['COMPLETED', 'FAILED', 'CANCELLED', 'TIMEOUT', 'NODE_FAIL', 'OUT_OF_MEMORY', 'PREEMPTED'].every((s) => isTerminal(toJobState(s) ?? 'PENDING'))).toBe(true);
    expect(['PENDING', 'RUNNING', 'COMPLETING', 'REQUEUED', 'SUSPENDED'].some((s) => isTerminal(toJobState(s) ?? 'COMPLETED'))).toBe(false);
  });

  it('reads the leading state word and refuses unknown ones', () => {
    expect(toJobState('CANCELLED by 0')).toBe('CANCELLED');
    expect(toJobState('DONE')).toBeUndefined();
  });
});

describe('parseKeyValueLine', () => {
  it('keeps spaces and = inside values', () => {
    const f = parseKeyValueLine('JobId=4 JobName=my job x TRES=cpu=1,node=1 Comment=a b=c \'q\'  StdErr=/tmp/a b/4.out');
    expect(Object.fromEntries(f)).toEqual({
      JobId: '4',
      JobName: 'my job x',
      TRES: 'cpu=1,node=1',
      Comment: "a b=c 'q'",
      StdErr: '/tmp/a b/4.out',
    });
  });
});

describe('parseScontrolJobs', () => {
  it('reads a finished array: exit status 3 and death by SIGKILL', () => {
    expect(brief(parseScontrolJobs(fixture('scontrol-array-finished.txt')))).toEqual([
      ['1', [5], 'COMPLETED', 0, null],
      ['6', [4], 'FAILED', 0, 9],
      ['5', [3], 'COMPLETED', 0, null],
      ['4', [2], 'FAILED', 3, null],
      ['3', [1], 'COMPLETED', 0, null],
      ['2', [0], 'COMPLETED', 0, null],
    ]);
  });

  it('expands the pending remainder of an array', () => {
    const [pending, running] = parseScontrolJobs(fixture('scontrol-array-pending-range.txt'));
    expect(pending).toMatchObject({ jobId: '7', arrayJobId: '7', tasks: [1, 2, 3], state: 'PENDING', reason: 'JobArrayTaskLimit' });
    expect(running).toMatchObject({ jobId: '8', arrayJobId: '7', tasks: [0], state: 'RUNNING', reason: null });
  });

  it('shows a cancelled pending task as gone and a cancelled running one as CANCELLED', () => {
    // task 2 was cancelled while pending: no record names it any more
    expect(brief(parseScontrolJobs(fixture('scontrol-array-cancelled-tasks.txt')))).toEqual([
      ['7', [3], 'PENDING', 0, null],
      ['9', [1], 'RUNNING', 0, null],
      ['8', [0], 'CANCELLED', 143, null],
    ]);
    expect(brief(parseScontrolJobs(fixture('scontrol-array-cancelled-whole.txt')))).toEqual([
      ['10', [1, 2, 3, 4, 5], 'CANCELLED', 0, null],
      ['11', [0], 'CANCELLED', 0, 15],
    ]);
  });

  it('reads a plain job that hit its time limit', () => {
    expect(parseScontrolJobs(fixture('scontrol-timeout.txt'))).toEqual([
      { jobId: '12', arrayJobId: null, tasks: null, state: 'TIMEOUT', reason: 'TimeLimit', exitCode: 0, signal: 9 },
    ]);
  });

  it('is not confused by spaces in names, comments and paths', () => {
    expect(brief(parseScontrolJobs(fixture('scontrol-spaces.txt')))).toEqual([
      ['14', [1], 'COMPLETED', 0, null],
      ['15', [0], 'COMPLETED', 0, null],
    ]);
  });

  it('reports a line it cannot read', () => {
    expect(() => parseScontrolJobs('slurm_load_jobs error: Invalid job id specified')).toThrow(SlurmParseError);
  });
});

describe('parseSqueue', () => {
  it('reads pending ranges, own job ids and reasons', () => {
    expect(parseSqueue(fixture('squeue-array-pending-range.txt'))).toEqual([
      { jobId: '7', arrayJobId: '7', tasks: [1, 2, 3], state: 'PENDING', reason: 'JobArrayTaskLimit', exitCode: null, signal: null },
      { jobId: '8', arrayJobId: '7', tasks: [0], state: 'RUNNING', reason: null, exitCode: null, signal: null },
    ]);
  });

  it('has no exit status but for COMPLETED', () => {
    expect(parseSqueue(fixture('squeue-array-finished.txt')).map((r) => [r.tasks, r.state, r.exitCode, r.reason])).toEqual([
      [[5], 'COMPLETED', 0, null],
      [[3], 'COMPLETED', 0, null],
      [[1], 'COMPLETED', 0, null],
      [[0], 'COMPLETED', 0, null],
      [[4], 'FAILED', null, 'JobLaunchFailure'],
      [[2], 'FAILED', null, 'NonZeroExitCode'],
    ]);
    expect(parseSqueue(fixture('squeue-timeout.txt'))).toMatchObject([{ jobId: '12', arrayJobId: null, tasks: null, state: 'TIMEOUT' }]);
  });
});

describe('parseJobcompLog', () => {
  it("picks the array's tasks out of the log", () => {
    expect(brief(parseJobcompLog(fixture('jobcomp.log'), '1'))).toEqual([
      ['3', [1], 'COMPLETED', 0, null],
      ['2', [0], 'COMPLETED', 0, null],
      ['4', [2], 'FAILED', 3, null],
      ['5', [3], 'COMPLETED', 0, null],
      ['6', [4], 'FAILED', 0, 9],
      ['1', [5], 'COMPLETED', 0, null],
    ]);
  });

  it('logs the pending remainder of a cancelled array as one line without task ids', () => {
    expect(parseJobcompLog(fixture('jobcomp.log'), '10').map((r) => [r.jobId, r.arrayJobId, r.tasks, r.state])).toEqual([
      ['10', null, null, 'CANCELLED'],
      ['11', '10', [0], 'CANCELLED'],
    ]);
  });

  it('does not mistake job 1 for job 10 or 12', () => {
    expect(parseJobcompLog(fixture('jobcomp.log'), '12').map((r) => r.state)).toEqual(['TIMEOUT']);
    expect(parseJobcompLog(fixture('jobcomp.log'), '999')).toEqual([]);
  });
});

describe('sbatch answers', () => {
  it('reads the job id in every form sbatch prints it', () => {
    expect(parseSubmitOutput('42\n')).toBe('42');
    expect(parseSubmitOutput('42;tydra\n')).toBe('42');
    expect(parseSubmitOutput('Submitted batch job 42\n')).toBe('42');
    expect(() => parseSubmitOutput('')).toThrow(SlurmParseError);
  });

  it("keeps Slurm's reason for a rejection", () => {
    expect(
      submitFailureReason(
        'sbatch: error: invalid partition specified: nope\nsbatch: error: Batch job submission failed: Invalid partition name specified\n',
      ),
    ).toBe('Invalid partition name specified');
    expect(submitFailureReason('sbatch: error: Unable to open file nope.sh\n')).toBe('Unable to open file nope.sh');
  });
});

describe('parseScontrolConfig', () => {
  it('finds where the jobcomp log is', () => {
    const config = parseScontrolConfig(fixture('scontrol-config.txt'));
    expect(config.get('JobCompType')).toBe('jobcomp/filetxt');
    expect(config.get('JobCompLoc')).toBe('/var/lib/tydra-slurm/log/jobcomp.log');
    expect(config.get('MinJobAge')).toBe('600 sec');
  });
});
