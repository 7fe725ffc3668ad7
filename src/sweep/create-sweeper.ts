/**
 * Choosing the sweeper as Hydra does, by the `_target_` of `hydra.sweeper` (the `hydra/sweeper`
 * group: `basic`, `random`), and building it from the composed sweep config.
 */
import type { Composer, Composition } from '../compose/compose.js';
import { planFor, plainAt, sweepOverrides } from './sweep-plan.js';
import { TydraError } from '../errors.js';
import { renderOverride } from '../overrides/render.js';
import type { Element, Override } from '../overrides/types.js';
import { BasicSweeper } from './basic-sweeper.js';
import { type Direction, direction } from './metric.js';
import { RandomSweeper, type RandomSweeperOptions, searchSpace } from './random.js';
import { FRESH, type ResumeState, type Sweeper } from './sweeper.js';
import type { ValidationDim } from './validate.js';

export type SweeperKind = 'basic' | 'random';

const TARGETS: Record<string, SweeperKind> = {
  'tydra.sweepers.basic': 'basic',
  'tydra.sweepers.random': 'random',
  'hydra._internal.core_plugins.basic_sweeper.BasicSweeper': 'basic',
};

export function sweeperKind(target: unknown): SweeperKind {
  if (target === undefined || target === null) return 'basic';
  const kind = typeof target === 'string' ? TARGETS[target] : undefined;
  if (kind) return kind;
  const optimiser = typeof target === 'string' && /optuna|nevergrad|ax_sweeper/i.test(target);
  throw new TydraError(`Unknown sweeper '${String(target)}' in hydra.sweeper._target_`, {
    hint: optimiser ? 'tydra has no Optuna/Nevergrad/Ax bridge yet: hydra/sweeper=random searches the same space' : 'choose one with hydra/sweeper=basic|random',
  });
}

export interface BuiltSweeper {
  sweeper: Sweeper;
  kind: SweeperKind;
  /** The dimensions to validate before launching. */
  validation: ValidationDim[];
  /** The metric the summary sorts by (undefined: job order; null: the return value itself). */
  metric: string | null | undefined;
  direction: Direction;
}

function int(value: unknown, name: string): number | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number' || !Number.isInteger(value)) throw new TydraError(`hydra.sweeper.${name} must be an integer or null (got ${JSON.stringify(value)})`);
  return value;
}

/** Build the sweeper of a composed sweep config. */
export function createSweeper(composer: Composer, c: Composition, overrides: readonly Override[], opts: { cwd: string; resume?: ResumeState }): BuiltSweeper {
  const kind = sweeperKind(plainAt(c, ['hydra', 'sweeper', '_target_']));
  const settings = (key: string) => plainAt(c, ['hydra', 'sweeper', key]);
  const resume = opts.resume ?? FRESH;
  let dir: Direction;
  try {
    dir = direction(settings('direction'));
  } catch (e) {
    throw new TydraError(`hydra.sweeper.${(e as Error).message}`);
  }
  const metricSetting = settings('metric');
  if (metricSetting !== undefined && metricSetting !== null && typeof metricSetting !== 'string') throw new TydraError('hydra.sweeper.metric must be a key of the return value, or null');
  if (kind === 'basic') {
    const plan = planFor(composer, c, overrides, opts.cwd);
    const maxBatchSize = int(settings('max_batch_size'), 'max_batch_size');
    // Hydra asserts `max_batch_size is None or max_batch_size > 0`.
    if (maxBatchSize !== null && maxBatchSize <= 0) throw new TydraError(`hydra.sweeper.max_batch_size must be a positive integer or null (got ${maxBatchSize})`);
    const sweeper = new BasicSweeper(plan, maxBatchSize, resume);
    return { sweeper, kind, validation: [...plan.dimensions], metric: typeof metricSetting === 'string' ? metricSetting : undefined, direction: dir };
  }
  const space = searchSpace(sweepOverrides(c, overrides), (g) => composer.repo.groupOptions(g));
  const options: RandomSweeperOptions = {
    n_trials: int(settings('n_trials'), 'n_trials'),
    n_jobs: int(settings('n_jobs'), 'n_jobs'),
    seed: int(settings('seed'), 'seed'),
    direction: dir,
    metric: (metricSetting as string | null | undefined) ?? null,
    max_failure_rate: (settings('max_failure_rate') as number | null | undefined) ?? 0,
  };
  const sweeper = new RandomSweeper(space, options, resume);
  const validation: ValidationDim[] = space.map((p) => {
    const key = p.key.replace(/^[+~]+/, '').split('@')[0] as string;
    if (p.kind === 'fixed') return { keys: [key], length: 1, at: () => [p.text] };
    if (p.kind === 'categorical') return { keys: [key], length: p.values.length, at: (i: number) => [renderOverride(p.o, p.values[i] as Element)] };
    const low: Element = p.kind === 'int' ? { kind: 'int', value: p.low } : { kind: 'float', value: p.low };
    return { keys: [key], length: 1, at: () => [renderOverride(p.o, low)] };
  });
  return { sweeper, kind, validation, metric: options.metric, direction: dir };
}
