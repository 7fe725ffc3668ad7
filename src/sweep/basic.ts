/**
 * Hydra's basic sweeper: the cartesian product of the overrides in command-line order (the first
 * swept key is the outermost loop), `hydra.sweeper.params` from the config first, the command
 * line winning for the same key while keeping the earlier position.
 *
 * Beyond Hydra (hydra#1258): dimensions can be zipped (`hydra.sweeper.zip=[[lr,wd]]`: the i-th
 * job of the group takes the i-th value of each key), and a list of explicit jobs
 * (`hydra.sweeper.jobs_file`) is one more dimension whose i-th value is the i-th row's overrides.
 *
 * Expansion is lazy: a dimension is a length and a way to render its i-th value, and a job's
 * overrides are computed from its number, so a 1,000,000-job sweep costs no memory until its
 * jobs are asked for.
 */
import { TydraError } from '../errors.js';
import { parseOverride } from '../overrides/parser.js';
import { renderOverride, renderValue } from '../overrides/render.js';
import { intScalar } from '../overrides/range.js';
import { iterateSweep, sweepLength } from '../overrides/sweep.js';
import { type Element, type Override, type Sweep, isSweep, keyElement } from '../overrides/types.js';

/** One axis of the product. */
export interface SweepDimension {
  /** How the axis reads in messages: `seed`, `zip(lr,wd)`, `jobs_file`. */
  readonly key: string;
  /** The config keys (without `+`/`~` prefixes) the axis sets. */
  readonly keys: readonly string[];
  readonly length: number;
  /** True when the values differ (a sweep, a zip, a job list); false for a fixed override. */
  readonly swept: boolean;
  /** The `key=value` overrides of the i-th value. */
  at(i: number): readonly string[];
}

export interface SweepPlan {
  readonly dimensions: readonly SweepDimension[];
  /** The number of jobs (the product of the dimensions' lengths). */
  readonly count: number;
}

export interface PlanOptions {
  /** The options of a config group, for `glob()`. */
  groupOptions(group: string): readonly string[];
  /** Groups of keys that advance together (`hydra.sweeper.zip`). */
  zip?: readonly (readonly string[])[];
  /** Explicit jobs (the rows of `hydra.sweeper.jobs_file`), each a list of override strings. */
  jobRows?: readonly (readonly string[])[];
  /** Where the rows came from, for messages. */
  jobRowsSource?: string;
}

export class SweepPlanError extends TydraError {}

const MATERIALIZE_LIMIT = 10_000_000;

function dimension(o: Override & { value: Sweep }, opts: PlanOptions): SweepDimension {
  const key = keyElement(o);
  const keys = [o.key];
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
    const start = sweep.start.value;
    const step = sweep.step.value;
    const length = sweepLength(sweep);
    // Beyond 2^53 a job's value is computed exactly in bigint, as Python's range does.
    const safe = typeof start === 'number' && typeof step === 'number' && Number.isSafeInteger(start + Math.max(0, length - 1) * step);
    const valueAt = (i: number) => (safe ? intScalar(start + i * step) : intScalar(BigInt(start) + BigInt(i) * BigInt(step)));
    return { key, keys, length, swept: true, at: (i) => [renderOverride(o, valueAt(i))] };
  }
  const length = sweepLength(sweep, { groupOptions });
  if (length > MATERIALIZE_LIMIT) throw new SweepPlanError(`the sweep '${o.input}' has ${length} values: too many to enumerate`);
  const values: string[] = [];
  for (const v of iterateSweep(sweep, { groupOptions })) values.push(renderOverride(o, v as Element));
  return { key, keys, length: values.length, swept: true, at: (i) => [values[i] as string] };
}

function fixed(o: Override): SweepDimension {
  const text = [renderOverride(o)];
  return { key: keyElement(o), keys: [o.key], length: 1, swept: false, at: () => text };
}

/** Plan the jobs of a basic sweep from the sweeper params (as overrides, first) and the CLI overrides. */
export function planBasicSweep(overrides: readonly Override[], opts: PlanOptions): SweepPlan {
  const byKey = new Map<string, SweepDimension>();
  for (const o of overrides) byKey.set(keyElement(o), isSweep(o) ? dimension(o, opts) : fixed(o));
  let dimensions = [...byKey.values()];
  for (const group of opts.zip ?? []) dimensions = zipDimensions(dimensions, group);
  if (opts.jobRows !== undefined) dimensions = withJobRows(dimensions, opts.jobRows, opts.jobRowsSource ?? 'hydra.sweeper.jobs_file');
  let count = 1;
  for (const d of dimensions) count *= d.length;
  return { dimensions, count };
}

/** Replace the dimensions of `keys` by one that takes their i-th values together, at the first one's place. */
function zipDimensions(dimensions: SweepDimension[], keys: readonly string[]): SweepDimension[] {
  const members: SweepDimension[] = [];
  for (const k of keys) {
    const d = dimensions.find((dim) => dim.keys.includes(k) || dim.key === k);
    if (!d) {
      throw new SweepPlanError(`hydra.sweeper.zip names '${k}', but no override sets it`, {
        hint: `sweep it on the command line (${k}=a,b) or in hydra.sweeper.params`,
      });
    }
    if (members.includes(d)) throw new SweepPlanError(`hydra.sweeper.zip names '${k}' twice`);
    members.push(d);
  }
  if (members.length < 2) return dimensions;
  const length = (members[0] as SweepDimension).length;
  const odd = members.find((m) => m.length !== length);
  if (odd) {
    const sizes = members.map((m) => `${m.key} has ${m.length}`).join(', ');
    throw new SweepPlanError(`zipped sweeps must have the same number of values: ${sizes}`);
  }
  const zipped: SweepDimension = {
    key: `zip(${members.map((m) => m.key).join(',')})`,
    keys: members.flatMap((m) => m.keys),
    length,
    swept: true,
    at: (i) => members.flatMap((m) => m.at(i)),
  };
  const first = dimensions.indexOf(members[0] as SweepDimension);
  return dimensions.flatMap((d, i) => (i === first ? [zipped] : members.includes(d) ? [] : [d]));
}

/**
 * The job list as the outermost dimension. A fixed override of a key that rows also set is the
 * default for rows that do not; a swept one is an error (which value would a row take?).
 */
function withJobRows(dimensions: SweepDimension[], rows: readonly (readonly string[])[], source: string): SweepDimension[] {
  if (rows.length === 0) throw new SweepPlanError(`${source} lists no jobs`);
  const parsed = rows.map((row, r) =>
    row.map((text) => {
      let o: Override;
      try {
        o = parseOverride(text);
      } catch (e) {
        throw new SweepPlanError(`${source}, job ${r}: ${(e as Error).message}`, { cause: e });
      }
      if (isSweep(o)) throw new SweepPlanError(`${source}, job ${r}: '${text}' is a sweep; a listed job sets one value per key`);
      return o;
    }),
  );
  const rowKeys = new Set(parsed.flatMap((row) => row.map((o) => o.key)));
  const defaults: SweepDimension[] = [];
  const rest: SweepDimension[] = [];
  for (const d of dimensions) {
    const shared = d.keys.filter((k) => rowKeys.has(k));
    if (shared.length === 0) rest.push(d);
    else if (d.swept) throw new SweepPlanError(`'${d.key}' is swept and also set by the jobs of ${source}`, { hint: 'set it in the job list only, or sweep it only' });
    else defaults.push(d);
  }
  const texts = parsed.map((row) => {
    const own = new Set(row.map((o) => o.key));
    return [...row.map((o) => renderOverride(o)), ...defaults.filter((d) => !d.keys.some((k) => own.has(k))).flatMap((d) => d.at(0))];
  });
  const list: SweepDimension = { key: 'jobs_file', keys: [...rowKeys], length: rows.length, swept: true, at: (i) => texts[i] as string[] };
  return [list, ...rest];
}

/** The overrides of job `n` (0-based): the first dimension varies slowest. */
export function jobOverridesAt(plan: SweepPlan, n: number): string[] {
  const parts = new Array<readonly string[]>(plan.dimensions.length);
  let rest = n;
  for (let d = plan.dimensions.length - 1; d >= 0; d--) {
    const dim = plan.dimensions[d] as SweepDimension;
    parts[d] = dim.at(rest % dim.length);
    rest = Math.floor(rest / dim.length);
  }
  return parts.length === 1 ? [...(parts[0] as readonly string[])] : parts.flat();
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

/** Python's `str()` of a param value, as Hydra's `f"{k}={v}"` writes it. */
function pyStrValue(v: unknown): string {
  if (v === null || v === undefined) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (Array.isArray(v)) return `[${v.map(pyRepr).join(', ')}]`;
  if (typeof v === 'object') return `{${Object.entries(v as Record<string, unknown>).map(([k, x]) => `${pyRepr(k)}: ${pyRepr(x)}`).join(', ')}}`;
  return String(v);
}

function pyRepr(v: unknown): string {
  return typeof v === 'string' ? `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'` : pyStrValue(v);
}

export { renderValue };
