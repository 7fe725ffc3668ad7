/**
 * Checking a sweep before anything runs: compose each distinct combination of config-group choices
 * once (with the first value of every other dimension), not every job. Hydra composes every job of
 * a batch up front (hydra#1324: minutes for a few hundred jobs); the group choices are what decide
 * the defaults list and so whether a job can be composed at all, while the values of a dimension
 * that sets no group only change values.
 */
import type { Composer } from '../compose/compose.js';
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
 * a SweepValidationError naming a job that cannot be composed.
 */
export function validateSweep(composer: Composer, dims: readonly ValidationDim[], maxCombinations = 1000): ValidationReport {
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
    try {
      composer.compose(overrides.map(parseOverride), { mode: 'multirun', skipMissing: false });
    } catch (e) {
      const num = values.reduce((n, v, d) => n + v * (strides[d] as number), 0);
      const message = e instanceof Error ? e.message : String(e);
      throw new SweepValidationError(`Job ${num} of the sweep cannot be composed (${overrides.filter((o) => !isHydraOverrideText(o)).join(' ')}):\n${message}`, { cause: e });
    }
    combinations++;
    for (let d = picks.length - 1; d >= 0; d--) {
      idx[d] = (idx[d] as number) + 1;
      if ((idx[d] as number) < (picks[d] as number[]).length) break;
      idx[d] = 0;
    }
  }
  return { combinations, possible, ms: performance.now() - t0 };
}
