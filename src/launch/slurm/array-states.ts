import type { SlurmJobRecord } from './job-record.js';
import { isTerminal, type TaskState, type TaskStateSource } from './job-state.js';

/** The records one source gave for a job, in the order the source printed them. */
export interface StateLayer {
  readonly source: Exclude<TaskStateSource, 'vanished'>;
  readonly records: readonly SlurmJobRecord[];
}

/**
 * Task index → state for job `jobId`, from sources in order of trust (scontrol, squeue,
 * jobcomp): a task takes its state from the first source that names it. Within a source a later
 * record wins (jobcomp logs a requeued task twice). A record without task ids for `jobId` itself
 * stands for every task no other record names: a plain job (task 0), or jobcomp's single line
 * for an array's pending remainder cancelled as a whole.
 *
 * `size` is the number of tasks submitted (0…size-1); without it only named tasks are returned.
 */
export function mergeTaskStates(jobId: string, layers: readonly StateLayer[], size?: number): Map<number, TaskState> {
  const states = new Map<number, TaskState>();
  for (const { source, records } of layers) {
    const named = new Map<number, TaskState>();
    let whole: SlurmJobRecord | undefined;
    for (const record of records) {
      if (record.arrayJobId !== jobId && record.jobId !== jobId) continue;
      if (record.tasks === null) {
        if (record.jobId === jobId) whole = record;
        continue;
      }
      for (const task of record.tasks) named.set(task, taskState(record, source));
    }
    for (const [task, state] of named) if (!states.has(task)) states.set(task, state);
    if (whole !== undefined) {
      const rest =
        size !== undefined ? range(size).filter((t) => !states.has(t)) : states.size === 0 ? [0] : [];
      for (const task of rest) states.set(task, taskState(whole, source));
    }
  }
  return sortByTask(states);
}

/** Tasks among 0…size-1 that `states` does not name. */
export function missingTasks(states: ReadonlyMap<number, TaskState>, size: number): number[] {
  return range(size).filter((t) => !states.has(t));
}

/**
 * Fill the tasks no source names with CANCELLED (source `vanished`): Slurm forgets a pending
 * array task cancelled on its own — it leaves scontrol, squeue and jobcomp at once. Only when the
 * job is known at all (`states` not empty): a job no source knows stays unknown.
 */
export function withVanishedTasks(states: ReadonlyMap<number, TaskState>, size: number): Map<number, TaskState> {
  const out = new Map(states);
  if (states.size === 0) return out;
  for (const task of missingTasks(states, size)) {
    out.set(task, {
      state: 'CANCELLED',
      terminal: true,
      exitCode: null,
      signal: null,
      reason: 'vanished from Slurm while pending (cancelled)',
      jobId: null,
      source: 'vanished',
    });
  }
  return sortByTask(out);
}

function taskState(record: SlurmJobRecord, source: StateLayer['source']): TaskState {
  const terminal = isTerminal(record.state);
  return {
    state: record.state,
    terminal,
    // Slurm prints 0:0 for jobs that have not ended: not an exit status yet.
    exitCode: terminal ? record.exitCode : null,
    signal: terminal ? record.signal : null,
    reason: record.reason,
    jobId: record.tasks !== null && record.tasks.length > 1 ? null : record.jobId,
    source,
  };
}

function range(size: number): number[] {
  return Array.from({ length: size }, (_, i) => i);
}

function sortByTask(states: ReadonlyMap<number, TaskState>): Map<number, TaskState> {
  return new Map([...states].sort(([a], [b]) => a - b));
}
