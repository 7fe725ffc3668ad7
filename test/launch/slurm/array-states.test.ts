import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mergeTaskStates, missingTasks, withVanishedTasks } from '../../../src/launch/slurm/array-states.js';
import { parseJobcompLog } from '../../../src/launch/slurm/parse-jobcomp.js';
import { parseScontrolJobs } from '../../../src/launch/slurm/parse-scontrol.js';
import { parseSqueue } from '../../../src/launch/slurm/parse-squeue.js';

const fixture = (name: string) => readFileSync(new URL(`fixtures/${name}`, import.meta.url), 'utf8');
const scontrol = (name: string) => ({ source: 'scontrol' as const, records: parseScontrolJobs(fixture(name)) });
const summary = (states: Map<number, { state: string; exitCode: number | null; signal: number | null; source: string }>) =>
  [...states].map(([task, s]) => `${task}:${s.state}:${s.exitCode}:${s.signal}:${s.source}`);

describe('mergeTaskStates', () => {
  it('gives every task of a finished array its state, exit status and signal, in task order', () => {
    expect(summary(mergeTaskStates('1', [scontrol('scontrol-array-finished.txt')], 6))).toEqual([
      '0:COMPLETED:0:null:scontrol',
      '1:COMPLETED:0:null:scontrol',
      '2:FAILED:3:null:scontrol',
      '3:COMPLETED:0:null:scontrol',
      '4:FAILED:0:9:scontrol',
      '5:COMPLETED:0:null:scontrol',
    ]);
  });

  it('expands pending ranges and reports no exit status before the end', () => {
    const states = mergeTaskStates('7', [scontrol('scontrol-array-pending-range.txt')], 4);
    expect(summary(states)).toEqual([
      '0:RUNNING:null:null:scontrol',
      '1:PENDING:null:null:scontrol',
      '2:PENDING:null:null:scontrol',
      '3:PENDING:null:null:scontrol',
    ]);
    expect(states.get(0)).toMatchObject({ jobId: '8', terminal: false, reason: null });
    expect(states.get(2)).toMatchObject({ jobId: null, reason: 'JobArrayTaskLimit' });
  });

  it('takes a task from the first source that names it', () => {
    const squeue = { source: 'squeue' as const, records: parseSqueue('7_2|13|COMPLETED|None\n7_0|8|FAILED|NonZeroExitCode') };
    const states = mergeTaskStates('7', [scontrol('scontrol-array-cancelled-tasks.txt'), squeue], 4);
    expect(states.get(0)).toMatchObject({ state: 'CANCELLED', exitCode: 143, source: 'scontrol' });
    expect(states.get(2)).toMatchObject({ state: 'COMPLETED', exitCode: 0, source: 'squeue', jobId: '13' });
  });

  it("applies jobcomp's task-less line of a cancelled array to the tasks nobody else names", () => {
    const jobcomp = { source: 'jobcomp' as const, records: parseJobcompLog(fixture('jobcomp.log'), '10') };
    expect(summary(mergeTaskStates('10', [jobcomp], 6))).toEqual([
      '0:CANCELLED:0:null:jobcomp',
      '1:CANCELLED:0:null:jobcomp',
      '2:CANCELLED:0:null:jobcomp',
      '3:CANCELLED:0:null:jobcomp',
      '4:CANCELLED:0:null:jobcomp',
      '5:CANCELLED:0:null:jobcomp',
    ]);
  });

  it('reads a plain job as task 0', () => {
    expect(summary(mergeTaskStates('12', [scontrol('scontrol-timeout.txt')]))).toEqual(['0:TIMEOUT:0:9:scontrol']);
  });

  it('ignores records of other jobs', () => {
    expect(mergeTaskStates('99', [scontrol('scontrol-array-finished.txt')], 6).size).toBe(0);
  });

  it('lets a later jobcomp line for the same task win (a requeued task is logged twice)', () => {
    const line = (state: string, exit: string) =>
      `JobId=21 UserId=root(0) Name=x JobState=${state} Partition=debug ArrayJobId=20 ArrayTaskId=1 DerivedExitCode=0:0 ExitCode=${exit} `;
    const records = parseJobcompLog(`${line('NODE_FAIL', '0:0')}\n${line('COMPLETED', '0:0')}\n`, '20');
    expect(mergeTaskStates('20', [{ source: 'jobcomp', records }]).get(1)?.state).toBe('COMPLETED');
  });
});

describe('vanished tasks', () => {
  it('counts a pending task cancelled on its own, which Slurm forgets at once, as CANCELLED', () => {
    const states = mergeTaskStates('7', [scontrol('scontrol-array-cancelled-tasks.txt')], 4);
    expect(missingTasks(states, 4)).toEqual([2]);
    const filled = withVanishedTasks(states, 4);
    expect([...filled.keys()]).toEqual([0, 1, 2, 3]);
    expect(filled.get(2)).toMatchObject({ state: 'CANCELLED', terminal: true, exitCode: null, source: 'vanished' });
  });

  it('leaves a job that no source knows unknown', () => {
    expect(withVanishedTasks(new Map(), 3).size).toBe(0);
  });
});
