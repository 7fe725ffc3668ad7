/**
 * A random-search sweeper (`hydra/sweeper=random`), the simplest optimiser behind ask/tell: it
 * samples `n_trials` jobs from the search space, at most `n_jobs` in flight, asking for the next
 * trial as soon as one finishes, and tracks the best value of `metric` (`direction`: minimize or
 * maximize). It writes `optimization_results.yaml` as Hydra's optimising sweepers do.
 *
 * The search space is Hydra's (as its Optuna sweeper reads it), from `hydra.sweeper.params` and
 * the command line:
 *   - `choice(a,b,c)`, `a,b,c`, `glob(...)` → one of the values, uniformly
 *   - `range(start, stop, step)` → one of its values, uniformly (`tag(log, ...)`: log-uniformly)
 *   - `interval(a, b)` → a float in [a, b), or an int in [a, b] when both ends are ints;
 *     `tag(log, interval(...))` samples log-uniformly
 *   - any other override is fixed
 *
 * Trial `num` draws from its own generator seeded by (`seed`, num), so a resumed sweep proposes
 * the same trials again. Floats are rounded to 6 significant digits to keep overrides readable.
 */
import fs from 'node:fs';
import path from 'node:path';
import { nodeFromJs } from '../config/nodes.js';
import { toYaml } from '../config/output/to-yaml.js';
import { TydraError } from '../errors.js';
import { renderOverride } from '../overrides/render.js';
import { mulberry32 } from '../overrides/shuffle.js';
import { iterateSweep } from '../overrides/sweep.js';
import { type Element, type Override, type Sweep, isSweep, keyElement } from '../overrides/types.js';
import type { JobResult, JobSpec } from '../runtime/job-types.js';
import { writeFileAtomic } from '../runtime/atomic-write.js';
import { better, type Direction, metricOf } from './metric.js';
import { FRESH, type ResumeState, type Sweeper } from './sweeper.js';

/** One parameter of the search space. */
export type SearchParam =
  | { readonly kind: 'fixed'; readonly key: string; readonly text: string }
  | { readonly kind: 'categorical'; readonly key: string; readonly o: Override; readonly values: readonly Element[] }
  | { readonly kind: 'float'; readonly key: string; readonly o: Override; readonly low: number; readonly high: number; readonly log: boolean }
  | { readonly kind: 'int'; readonly key: string; readonly o: Override; readonly low: number; readonly high: number; readonly step: number; readonly log: boolean };

export interface RandomSweeperOptions {
  n_trials?: number | null;
  n_jobs?: number | null;
  seed?: number | null;
  direction?: Direction;
  metric?: string | null;
  max_failure_rate?: number | null;
}

/** The search space of `overrides` (params first, then the command line; the later one wins per key). */
export function searchSpace(overrides: readonly Override[], groupOptions: (group: string) => readonly string[]): SearchParam[] {
  const byKey = new Map<string, SearchParam>();
  for (const o of overrides) {
    const key = keyElement(o);
    byKey.set(key, isSweep(o) ? distribution(o, key, groupOptions) : { kind: 'fixed', key, text: renderOverride(o) });
  }
  return [...byKey.values()];
}

function num(v: { value: number | bigint }): number {
  return Number(v.value);
}

function distribution(o: Override & { value: Sweep }, key: string, groupOptions: (group: string) => readonly string[]): SearchParam {
  const s = o.value;
  const log = s.tags.includes('log');
  if (s.kind === 'interval') {
    const low = num(s.start);
    const high = num(s.end);
    if (!(low < high)) throw new TydraError(`interval in '${o.input}' is empty (start must be below end)`);
    if (log && low <= 0) throw new TydraError(`tag(log, ...) needs a positive interval (in '${o.input}')`);
    if (s.start.kind === 'int' && s.end.kind === 'int') return { kind: 'int', key, o, low, high, step: 1, log };
    return { kind: 'float', key, o, low, high, log };
  }
  if (s.kind === 'range' && s.shuffle === undefined && s.start.kind === 'int' && s.stop.kind === 'int' && s.step.kind === 'int' && num(s.step) > 0) {
    const low = num(s.start);
    const step = num(s.step);
    const count = Math.ceil((num(s.stop) - low) / step);
    if (count <= 0) throw new TydraError(`range in '${o.input}' is empty`);
    if (log && low <= 0) throw new TydraError(`tag(log, ...) needs a positive range (in '${o.input}')`);
    return { kind: 'int', key, o, low, high: low + (count - 1) * step, step, log };
  }
  const values = [...iterateSweep(s, { groupOptions: () => groupOptions(o.key) })];
  if (values.length === 0) throw new TydraError(`'${o.input}' has no values to choose from`);
  return { kind: 'categorical', key, o, values };
}

/** A generator for trial `n` of a sweep with `seed`. */
export function trialRandom(seed: number, n: number): () => number {
  // Mix (seed, n) with murmur3's finaliser, twice, so that neighbouring trials start far apart.
  let h = (Math.imul(seed >>> 0, 0x85ebca6b) ^ Math.imul(n + 1, 0x9e3779b1)) >>> 0;
  for (let round = 0; round < 2; round++) {
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
    h = (h ^ (h >>> 16)) >>> 0;
  }
  const random = mulberry32(h);
  random();
  return random;
}

function round6(x: number): number {
  return Number(x.toPrecision(6));
}

/** Draw one value of `p`. */
export function sample(p: Exclude<SearchParam, { kind: 'fixed' }>, random: () => number): Element {
  const u = random();
  switch (p.kind) {
    case 'categorical':
      return p.values[Math.min(p.values.length - 1, Math.floor(u * p.values.length))] as Element;
    case 'float': {
      const x = p.log ? Math.exp(Math.log(p.low) + u * (Math.log(p.high) - Math.log(p.low))) : p.low + u * (p.high - p.low);
      return { kind: 'float', value: Math.min(Math.max(round6(x), p.low), p.high) };
    }
    case 'int': {
      const steps = Math.round((p.high - p.low) / p.step);
      let k: number;
      if (p.log) {
        const x = Math.exp(Math.log(p.low) + u * (Math.log(p.high + p.step) - Math.log(p.low)));
        k = Math.floor((x - p.low) / p.step);
      } else k = Math.floor(u * (steps + 1));
      return { kind: 'int', value: p.low + Math.min(steps, Math.max(0, k)) * p.step };
    }
  }
}

function plainOf(e: Element): unknown {
  switch (e.kind) {
    case 'null':
      return null;
    case 'int':
      return typeof e.value === 'bigint' ? Number(e.value) : e.value;
    case 'float':
    case 'bool':
    case 'string':
      return e.value;
    case 'list':
      return e.items.map(plainOf);
    case 'dict':
      return Object.fromEntries(e.entries.map(([k, v]) => [String(plainOf(k)), plainOf(v)]));
  }
}

interface Trial {
  num: number;
  params: Record<string, unknown>;
  value: number;
}

export class RandomSweeper implements Sweeper {
  readonly name = 'random';
  readonly total: number;
  private readonly parallel: number;
  private readonly seed: number;
  private readonly dir: Direction;
  private readonly metric: string | null;
  private readonly maxFailureRate: number;
  private next = 0;
  private outstanding = 0;
  private told = 0;
  private failures = 0;
  private best: Trial | undefined;
  private readonly params = new Map<number, Record<string, unknown>>();
  /** Why the last failed trial counts as failed, for the stop message. */
  private lastFailure: string | undefined;
  stopReason: string | undefined;

  constructor(
    readonly space: readonly SearchParam[],
    options: RandomSweeperOptions,
    private readonly resume: ResumeState = FRESH,
  ) {
    const n = options.n_trials ?? 20;
    if (!Number.isInteger(n) || n < 1) throw new TydraError(`hydra.sweeper.n_trials must be a positive integer (got ${String(n)})`);
    this.total = n;
    const p = options.n_jobs ?? 2;
    if (!Number.isInteger(p) || p < 1) throw new TydraError(`hydra.sweeper.n_jobs must be a positive integer (got ${String(p)})`);
    this.parallel = p;
    const stored = resume.sweeperState?.seed;
    this.seed = typeof stored === 'number' ? stored : (options.seed ?? Math.floor(Math.random() * 2 ** 31));
    this.dir = options.direction ?? 'minimize';
    this.metric = options.metric ?? null;
    this.maxFailureRate = options.max_failure_rate ?? 0;
    if (!space.some((s) => s.kind !== 'fixed')) {
      throw new TydraError('the random sweeper has nothing to search', { hint: 'give it a space: hydra.sweeper.params={lr:"interval(0.001,0.1)"} or lr=interval(0.001,0.1) on the command line' });
    }
    for (const [, r] of resume.completed) this.record(r);
    this.skipCompleted();
  }

  /** The overrides of trial `n` (the same on every run of the sweep). */
  trial(n: number): JobSpec {
    const known = this.resume.overrides.get(n);
    const random = trialRandom(this.seed, n);
    const params: Record<string, unknown> = {};
    const overrides = this.space.map((p) => {
      if (p.kind === 'fixed') return p.text;
      const v = sample(p, random);
      params[p.key] = plainOf(v);
      return renderOverride(p.o, v);
    });
    this.params.set(n, params);
    return { num: n, overrides: known ? [...known] : overrides };
  }

  private skipCompleted(): void {
    while (this.next < this.total && this.resume.completed.has(this.next)) this.next++;
  }

  ask(max: number): JobSpec[] {
    const out: JobSpec[] = [];
    if (this.stopReason) return out;
    const room = Math.min(max, this.parallel - this.outstanding);
    while (out.length < room && this.next < this.total) {
      out.push(this.trial(this.next));
      this.next++;
      this.skipCompleted();
    }
    this.outstanding += out.length;
    return out;
  }

  tell(result: JobResult): void {
    this.outstanding = Math.max(0, this.outstanding - 1);
    this.record(result);
    const rate = this.failures / Math.max(1, this.told);
    if (this.failures > 0 && rate > this.maxFailureRate && !this.stopReason) {
      const why = this.lastFailure ? ` (${this.lastFailure})` : '';
      this.stopReason = `${this.failures} of ${this.told} trials failed, more than max_failure_rate=${this.maxFailureRate}${why}`;
    }
  }

  private record(result: JobResult): void {
    this.told++;
    const value = result.status === 'completed' ? metricOf(result.returnValue, this.metric) : undefined;
    if (value === undefined) {
      this.failures++;
      this.lastFailure = result.status === 'completed' ? `trial ${result.num} returned ${describeReturn(result.returnValue)}, which has no ${this.metric ? `number at '${this.metric}'` : 'number (hydra.sweeper.metric is null)'}` : `trial ${result.num} ${result.status}`;
      return;
    }
    if (!this.best || better(value, this.best.value, this.dir)) {
      if (!this.params.has(result.num)) this.trial(result.num);
      this.best = { num: result.num, params: this.params.get(result.num) ?? {}, value };
    }
  }

  done(): boolean {
    return this.stopReason !== undefined || this.next >= this.total;
  }

  state(): Record<string, unknown> {
    return { seed: this.seed };
  }

  /** The best trial so far. */
  bestTrial(): Trial | undefined {
    return this.best;
  }

  async finish(sweepDir: string): Promise<string | undefined> {
    const file = path.join(sweepDir, 'optimization_results.yaml');
    const out: Record<string, unknown> = { name: 'random' };
    if (this.best) {
      out.best_params = this.best.params;
      out.best_value = this.best.value;
      out.best_job = this.best.num;
    } else out.best_params = null;
    out.metric = this.metric;
    out.direction = this.dir;
    out.trials = this.told;
    out.failed_trials = this.failures;
    fs.mkdirSync(sweepDir, { recursive: true });
    await writeFileAtomic(file, toYaml(nodeFromJs(out)));
    return file;
  }
}

/** A return value, short, for a message: an object by its keys, anything else as JSON. */
function describeReturn(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
    const keys = Object.keys(v);
    return keys.length === 0 ? 'an empty object' : `an object with ${keys.length > 8 ? `${keys.slice(0, 8).join(', ')}, …` : keys.join(', ')}`;
  }
  let text: string;
  try {
    text = JSON.stringify(v) ?? String(v);
  } catch {
    text = String(v);
  }
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
