/**
 * Hydra's basic sweeper: the cartesian product of the overrides in command-line order (the first
 * swept key is the outermost loop), `hydra.sweeper.params` from the config first, the command
 * line winning for the same key while keeping the earlier position.
 *
 * Expansion is lazy: a dimension is a length and a way to render its i-th value, and a job's
 * overrides are computed from its number, so a 1,000,000-job sweep costs no memory until its
 * jobs are asked for.
 */
import { TydraError } from '../errors.js';
import { renderOverride, renderValue } from '../overrides/render.js';
import { iterateSweep, sweepLength } from '../overrides/sweep.js';
import { type Element, type Override, type Sweep, isSweep, keyElement } from '../overrides/types.js';

/** One axis of the product: the key element and its rendered `key=value` strings. */
export interface SweepDimension {
  readonly key: string;
  readonly length: number;
  /** The `key=value` override of the i-th value. */
  at(i: number): string;
}

export interface SweepPlan {
  readonly dimensions: readonly SweepDimension[];
  /** The number of jobs (the product of the dimensions' lengths). */
  readonly count: number;
}

export interface PlanOptions {
  /** The options of a config group, for `glob()`. */
  groupOptions(group: string): readonly string[];
}

export class SweepPlanError extends TydraError {}

const MATERIALIZE_LIMIT = 10_000_000;

function dimension(o: Override & { value: Sweep }, opts: PlanOptions): SweepDimension {
  const key = keyElement(o);
  const sweep = o.value;
  if (sweep.kind === 'interval') {
    throw new SweepPlanError(`BasicSweeper does not support sweep type : interval (in '${o.input}')`, {
      hint: 'interval() is for optimising sweepers: use hydra/sweeper=random, or a discrete range()/choice()',
    });
  }
  const groupOptions = () => opts.groupOptions(o.key);
  const simpleIntRange =
    sweep.kind === 'range' && sweep.shuffle === undefined && sweep.start.kind === 'int' && sweep.stop.kind === 'int' && sweep.step.kind === 'int';
  if (simpleIntRange) {
    const start = Number(sweep.start.value);
    const step = Number(sweep.step.value);
    const length = sweepLength(sweep);
    return { key, length, at: (i) => renderOverride(o, { kind: 'int', value: start + i * step }) };
  }
  const length = sweepLength(sweep, { groupOptions });
  if (length > MATERIALIZE_LIMIT) throw new SweepPlanError(`the sweep '${o.input}' has ${length} values: too many to enumerate`);
  const values: string[] = [];
  for (const v of iterateSweep(sweep, { groupOptions })) values.push(renderOverride(o, v as Element));
  return { key, length: values.length, at: (i) => values[i] as string };
}

/** Plan the jobs of a basic sweep from the sweeper params (as override strings) and the CLI overrides. */
export function planBasicSweep(overrides: readonly Override[], opts: PlanOptions): SweepPlan {
  const byKey = new Map<string, SweepDimension>();
  for (const o of overrides) {
    const key = keyElement(o);
    if (isSweep(o)) byKey.set(key, dimension(o, opts));
    else {
      const text = renderOverride(o);
      byKey.set(key, { key, length: 1, at: () => text });
    }
  }
  const dimensions = [...byKey.values()];
  let count = 1;
  for (const d of dimensions) count *= d.length;
  return { dimensions, count };
}

/** The overrides of job `n` (0-based): the first dimension varies slowest. */
export function jobOverridesAt(plan: SweepPlan, n: number): string[] {
  const out = new Array<string>(plan.dimensions.length);
  let rest = n;
  for (let d = plan.dimensions.length - 1; d >= 0; d--) {
    const dim = plan.dimensions[d] as SweepDimension;
    out[d] = dim.at(rest % dim.length);
    rest = Math.floor(rest / dim.length);
  }
  return out;
}

/** All jobs, lazily, in launch order. */
export function* iterateJobs(plan: SweepPlan, from = 0): Generator<string[]> {
  for (let n = from; n < plan.count; n++) yield jobOverridesAt(plan, n);
}

/** Split jobs into batches of `maxBatchSize` (null: one batch), as Hydra's `max_batch_size`. */
export function* batches(plan: SweepPlan, maxBatchSize: number | null): Generator<{ start: number; end: number }> {
  const size = maxBatchSize && maxBatchSize > 0 ? maxBatchSize : plan.count;
  for (let start = 0; start < plan.count; start += size) yield { start, end: Math.min(plan.count, start + size) };
}

/** `hydra.sweeper.params` values become override strings (`key=value`). */
export function paramsToOverrideStrings(params: ReadonlyMap<string, unknown>): string[] {
  const out: string[] = [];
  for (const [k, v] of params) out.push(`${k}=${typeof v === 'string' ? v : pyStrValue(v)}`);
  return out;
}

function pyStrValue(v: unknown): string {
  if (v === null) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  return String(v);
}

export { renderValue };
