import { SlurmParseError } from './errors.js';

/** Array task indices as Slurm prints them, expanded. */
export interface TaskRange {
  readonly tasks: readonly number[];
  /** the `%N` limit of tasks running at once, when printed */
  readonly throttle: number | null;
}

/** Largest range we expand; Slurm's own hard limit on MaxArraySize is 4,000,001. */
const MAX_TASKS = 4_000_001;

/**
 * Expand a task list such as `ArrayTaskId=` prints it.
 *
 * `expandTaskRange('1-3,7,9-13:2%4')` → `{ tasks: [1, 2, 3, 7, 9, 11, 13], throttle: 4 }`
 */
export function expandTaskRange(spec: string): TaskRange {
  const m = /^([0-9,:-]+)(?:%(\d+))?$/.exec(spec.trim());
  if (!m?.[1]) throw new SlurmParseError('array task range', spec);
  const tasks: number[] = [];
  for (const part of m[1].split(',')) {
    const r = /^(\d+)(?:-(\d+)(?::(\d+))?)?$/.exec(part);
    if (!r) throw new SlurmParseError('array task range', spec);
    const first = Number(r[1]);
    const last = r[2] === undefined ? first : Number(r[2]);
    const step = r[3] === undefined ? 1 : Number(r[3]);
    if (last < first || step < 1 || tasks.length + (last - first) / step > MAX_TASKS) {
      throw new SlurmParseError('array task range', spec);
    }
    for (let t = first; t <= last; t += step) tasks.push(t);
  }
  return { tasks, throttle: m[2] === undefined ? null : Number(m[2]) };
}

/** A job id as squeue's `%i` prints it. */
export interface JobIdSpec {
  /** `42` for `42`, `42_3` and `42_[3-9%4]` */
  readonly jobId: string;
  /** the tasks it names; null for a plain job id */
  readonly range: TaskRange | null;
}

/**
 * `parseJobIdSpec('42_[3-5%2]')` → `{ jobId: '42', range: { tasks: [3, 4, 5], throttle: 2 } }`;
 * `parseJobIdSpec('42_3')` → tasks [3]; `parseJobIdSpec('42')` → `range: null`.
 */
export function parseJobIdSpec(id: string): JobIdSpec {
  const m = /^(\d+)(?:_(?:\[([^\]]+)\]|(\d+)))?$/.exec(id.trim());
  if (!m?.[1]) throw new SlurmParseError('job id', id);
  const spec = m[2] ?? m[3];
  return { jobId: m[1], range: spec === undefined ? null : expandTaskRange(spec) };
}
