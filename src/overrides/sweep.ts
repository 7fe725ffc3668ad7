/**
 * Iterating a sweep's values, as Hydra's basic sweeper does (`Override.sweep_iterator`): a choice
 * gives its items, a range its numbers, a glob the matching options of the config group; an
 * interval is continuous and cannot be iterated. A shuffled sweep is shuffled on each iteration
 * (reproducibly when it has a seed).
 */
import { TydraError } from '../errors.js';
import { filterGlob } from './glob.js';
import { rangeLength, rangeValues } from './range.js';
import { shuffled } from './shuffle.js';
import type { Element, Sweep } from './types.js';

export interface SweepOptions {
  /** The options of the config group a glob selects from, in the group's order (needed for glob). */
  readonly groupOptions?: () => readonly string[];
}

/** A sweep that cannot be iterated: an interval, or a glob without its group's options. */
export class SweepError extends TydraError {}

function globValues(sweep: Extract<Sweep, { kind: 'glob' }>, opts: SweepOptions | undefined): Element[] {
  if (opts?.groupOptions === undefined) {
    throw new SweepError('a glob sweep needs the options of its config group (pass groupOptions)');
  }
  return filterGlob(opts.groupOptions(), sweep.include, sweep.exclude).map((value) => ({ kind: 'string', value }));
}

/**
 * The values of a discrete sweep, lazily (a range is never materialised unless shuffled).
 * @example [...iterateSweep(parseOverride('x=range(3)').value)] // ints 0, 1, 2
 */
export function* iterateSweep(sweep: Sweep, opts?: SweepOptions): Generator<Element, void, undefined> {
  switch (sweep.kind) {
    case 'choice':
      yield* sweep.shuffle === undefined ? sweep.items : shuffled(sweep.items, sweep.shuffle.seed);
      return;
    case 'range':
      if (sweep.shuffle === undefined) yield* rangeValues(sweep);
      else yield* shuffled([...rangeValues(sweep)], sweep.shuffle.seed);
      return;
    case 'glob':
      yield* globValues(sweep, opts);
      return;
    case 'interval':
      throw new SweepError(
        'the basic sweeper does not support interval: an interval is continuous, use range() or choice() to list values',
      );
  }
}

/** All values of a discrete sweep. */
export function expandSweep(sweep: Sweep, opts?: SweepOptions): Element[] {
  return [...iterateSweep(sweep, opts)];
}

/** How many values a discrete sweep has, without building them (ranges can be huge). */
export function sweepLength(sweep: Sweep, opts?: SweepOptions): number {
  switch (sweep.kind) {
    case 'choice':
      return sweep.items.length;
    case 'range':
      return rangeLength(sweep);
    case 'glob':
      return globValues(sweep, opts).length;
    case 'interval':
      throw new SweepError('the basic sweeper does not support interval: an interval has no discrete values');
  }
}
