/**
 * Reading the objective from a job's return value: `metric: null` takes the value itself (it must
 * be a number, as Hydra's optimising sweepers require), `metric: accuracy` or `metric: val.loss`
 * a number inside it.
 */
export type Direction = 'minimize' | 'maximize';

/** The metric's value in a return value, or undefined when it is not there or not a number. */
export function metricOf(returnValue: unknown, metric: string | null | undefined): number | undefined {
  let v: unknown = returnValue;
  if (metric) {
    for (const part of metric.split('.')) {
      if (v === null || typeof v !== 'object') return undefined;
      v = (v as Record<string, unknown>)[part];
    }
  }
  if (typeof v === 'number' && !Number.isNaN(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))) return Number(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  return undefined;
}

export function direction(value: unknown): Direction {
  if (value === undefined || value === null || value === 'minimize' || value === 'min') return 'minimize';
  if (value === 'maximize' || value === 'max') return 'maximize';
  throw new Error(`direction must be minimize or maximize (got ${JSON.stringify(value)})`);
}

/** True when `a` is better than `b`. */
export function better(a: number, b: number, dir: Direction): boolean {
  return dir === 'minimize' ? a < b : a > b;
}
