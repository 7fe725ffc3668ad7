/**
 * Choosing runs: `--status failed`, `--since 2d`, `--where 'optimizer.lr>0.01'` (every filter
 * must hold). Keys no run has are reported so a typo does not silently match nothing.
 */
import { closestMatch, TydraError } from '../errors.js';
import { type RunEntry, type RunState, liveState } from './run-entry.js';
import { type WhereExpr, evaluateWhere, fieldOf, keysOf, knownKeys } from './where.js';

export interface RunFilter {
  /** Keep runs in one of these states. */
  status?: readonly string[];
  /** Keep runs started at or after this time. */
  since?: Date;
  /** Keep runs for which every expression holds. */
  where?: readonly WhereExpr[];
}

const STATES: readonly RunState[] = ['running', 'completed', 'failed', 'crashed', 'unknown'];

export interface FilterResult {
  runs: RunEntry[];
  /** `--where` keys that no run has, each with a suggestion when one is close. */
  unknownKeys: { key: string; suggestion?: string }[];
}

/**
 * Apply a filter.
 * @example filterRuns(runs, { status: ['failed'], since: parseSince('2d') })
 */
export function filterRuns(runs: readonly RunEntry[], filter: RunFilter): FilterResult {
  const status = filter.status?.flatMap((s) => s.split(',')).map((s) => s.trim()).filter((s) => s !== '');
  for (const s of status ?? []) {
    if (!STATES.includes(s as RunState)) {
      throw new TydraError(`Unknown status '${s}'`, { hint: `use one of ${STATES.join(', ')}` });
    }
  }
  const out = runs.filter((r) => {
    if (status && status.length > 0 && !status.includes(liveState(r))) return false;
    if (filter.since && (!r.startedAt || new Date(r.startedAt) < filter.since)) return false;
    for (const w of filter.where ?? []) if (!evaluateWhere(w, r)) return false;
    return true;
  });
  const unknownKeys: FilterResult['unknownKeys'] = [];
  for (const key of new Set((filter.where ?? []).flatMap(keysOf))) {
    if (runs.length === 0 || runs.some((r) => fieldOf(r, key) !== undefined)) continue;
    const candidates = new Set(runs.slice(-50).flatMap(knownKeys));
    unknownKeys.push({ key, suggestion: closestMatch(key, candidates) });
  }
  return { runs: out, unknownKeys };
}
