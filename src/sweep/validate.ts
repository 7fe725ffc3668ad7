/**
 * Checking a sweep before anything runs: compose each distinct combination of config-group choices
 * once (with the first value of every other dimension), not every job. Hydra composes every job of
 * a batch up front (hydra#1324: minutes for a few hundred jobs); the group choices are what decide
 * the defaults list and so whether a job can be composed at all, while the values of a dimension
 * that sets no group only change values.
 */
import type { Composer, Composition } from '../compose/compose.js';
import { plain } from '../config/interpolation/resolve.js';
import { TydraError } from '../errors.js';
import { parseOverride } from '../overrides/parser.js';
import { isHydraOverrideText } from '../overrides/types.js';

/** A dimension as validation sees it (a SweepDimension of the basic plan fits). */
export interface ValidationDim {
  readonly keys: readonly string[];
  readonly length: number;
  at(i: number): readonly string[];
}

export interface ValidationReport {
  /** Distinct group-choice combinations composed. */
  combinations: number;
  /** Combinations that exist (more than `combinations` when capped). */
  possible: number;
  ms: number;
  /**
   * Jobs whose own config chooses or sets what the sweep decides once for all jobs (the launcher,
   * the sweeper, the sweep dir): a sentence each, at most one per setting. Hydra ignores these
   * silently (hydra#851); tydra says so before launching.
   */
  ignored: string[];
}

/** What a sweep decides from its own config, once: a job's config cannot change it. */
const SWEEP_LEVEL: readonly { what: string; choice?: string; keys: readonly string[] }[] = [
  { what: 'the launcher', choice: 'hydra/launcher', keys: ['hydra', 'launcher'] },
  { what: 'the sweeper', choice: 'hydra/sweeper', keys: ['hydra', 'sweeper'] },
  { what: 'the sweep dir', keys: ['hydra', 'sweep', 'dir'] },
];

/** The setting as written (unresolved, so `${now:…}` compares equal). */
function settingOf(c: Composition, s: (typeof SWEEP_LEVEL)[number]): string {
  const loc = c.resolution.select(s.keys);
  return JSON.stringify([s.choice ? (c.choices.get(s.choice) ?? null) : null, loc ? plain(loc.node) : null]);
}

/**
 * How the job's setting and the sweep's differ, as two override-like texts: the group choice when
 * it differs, else the first key whose value differs (`hydra.launcher.n_jobs=1` vs `=4`).
 */
function describeDifference(job: Composition, sweep: Composition, s: (typeof SWEEP_LEVEL)[number]): [string, string] {
  if (s.choice) {
    const a = job.choices.get(s.choice) ?? null;
    const b = sweep.choices.get(s.choice) ?? null;
    if (JSON.stringify(a) !== JSON.stringify(b)) return [`${s.choice}=${String(a)}`, `${s.choice}=${String(b)}`];
  }
  const at = (c: Composition) => {
    const loc = c.resolution.select(s.keys);
    return loc ? plain(loc.node) : null;
  };
  const [path, a, b] = firstDifference(at(job), at(sweep), [...s.keys]);
  const show = (v: unknown) => (v === undefined ? '(absent)' : JSON.stringify(v));
  return [`${path.join('.')}=${show(a)}`, `${path.join('.')}=${show(b)}`];
}

/** The first key (depth first) where two plain values differ, with both values there. */
function firstDifference(a: unknown, b: unknown, path: string[]): [string[], unknown, unknown] {
  const isDict = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (isDict(a) && isDict(b)) {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if (JSON.stringify(a[k]) !== JSON.stringify(b[k])) return firstDifference(a[k], b[k], [...path, k]);
    }
  }
  return [path, a, b];
}

export class SweepValidationError extends TydraError {}

/** Value indices of `dim` with distinct group choices (just [0] when it sets no group). */
function distinctGroupValues(dim: ValidationDim, isGroup: (key: string) => boolean): number[] {
  if (!dim.keys.some(isGroup) || dim.length <= 1) return [0];
  const seen = new Map<string, number>();
  for (let i = 0; i < dim.length; i++) {
    const sig = dim
      .at(i)
      .map(parseOverride)
      .filter((o) => isGroup(o.key))
      .map((o) => o.input)
      .join('\u0000');
    if (!seen.has(sig)) seen.set(sig, i);
  }
  return [...seen.values()];
}

/**
 * Compose every distinct group-choice combination of `dims` (at most `maxCombinations`); throws
 * a SweepValidationError naming a job that cannot be composed. With the sweep's own composition
 * (`sweep`), also reports jobs whose config would change the launcher, sweeper or sweep dir.
 */
export function validateSweep(composer: Composer, dims: readonly ValidationDim[], maxCombinations = 1000, sweep?: Composition): ValidationReport {
  const ignored = new Map<string, string>();
  const t0 = performance.now();
  const isGroup = (key: string) => composer.repo.hasGroup(key);
  const picks = dims.map((d) => distinctGroupValues(d, isGroup));
  const possible = picks.reduce((n, p) => n * p.length, 1);
  const strides: number[] = [];
  let stride = 1;
  for (let d = dims.length - 1; d >= 0; d--) {
    strides[d] = stride;
    stride *= (dims[d] as ValidationDim).length;
  }
  const idx = picks.map(() => 0);
  let combinations = 0;
  for (let c = 0; c < Math.min(possible, maxCombinations); c++) {
    const values = picks.map((p, d) => p[idx[d] as number] as number);
    const overrides = dims.flatMap((d, i) => d.at(values[i] as number));
    const num = values.reduce((n, v, d) => n + v * (strides[d] as number), 0);
    const shown = overrides.filter((o) => !isHydraOverrideText(o)).join(' ');
    let job: Composition;
    try {
      job = composer.compose(overrides.map(parseOverride), { mode: 'multirun', skipMissing: false });
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      throw new SweepValidationError(`Job ${num} of the sweep cannot be composed (${shown}):\n${message}`, { cause: e });
    }
    if (sweep) {
      for (const s of SWEEP_LEVEL) {
        if (ignored.has(s.what) || settingOf(job, s) === settingOf(sweep, s)) continue;
        const [mine, theirs] = describeDifference(job, sweep, s);
        ignored.set(s.what, `Job ${num} (${shown}) would set ${mine}, but the sweep launches all its jobs with ${theirs}: choose ${s.what} on the command line or in the primary config`);
      }
    }
    combinations++;
    for (let d = picks.length - 1; d >= 0; d--) {
      idx[d] = (idx[d] as number) + 1;
      if ((idx[d] as number) < (picks[d] as number[]).length) break;
      idx[d] = 0;
    }
  }
  return { combinations, possible, ms: performance.now() - t0, ignored: [...ignored.values()] };
}
