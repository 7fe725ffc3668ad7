/**
 * Durations and times as `tydra runs` reads and prints them: `--since 2d`, `duration>10m`,
 * `1m05s` in a table.
 */
import { TydraError } from '../errors.js';

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, min: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/**
 * `90s`, `10m`, `2h`, `2d`, `1w`, `1.5h` → milliseconds; undefined when `text` is not a duration.
 * @example parseDuration('2d') // 172800000
 */
export function parseDuration(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)(ms|s|min|m|h|d|w)$/.exec(text.trim());
  if (!m) return undefined;
  return Number(m[1]) * (UNITS[m[2] as string] as number);
}

/**
 * `--since`: a duration back from now (`2d`, `12h`) or a date/time (`2024-05-01`, `2024-05-01T12:00`).
 * @example parseSince('2d', now) // now − 2 days
 */
export function parseSince(text: string, now: Date = new Date()): Date {
  const ms = parseDuration(text);
  if (ms !== undefined) return new Date(now.getTime() - ms);
  if (/^\d{4}-\d{2}-\d{2}/.test(text)) {
    // A bare date means local midnight, as a user reading the table expects.
    const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00` : text);
    if (!Number.isNaN(d.getTime())) return d;
  }
  throw new TydraError(`--since takes a duration (30m, 12h, 2d, 1w) or a date (2024-05-01), got '${text}'`);
}

/**
 * A duration for humans: `850ms`, `12.3s`, `4m05s`, `2h03m`.
 * @example formatDuration(245_000) // '4m05s'
 */
export function formatDuration(ms: number | null): string {
  if (ms === null) return '-';
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const s = Math.round(ms / 1000);
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  const m = Math.round(s / 60);
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

/** An ISO time as local `YYYY-MM-DD HH:MM:SS`. */
export function formatTime(iso: string | null): string {
  if (!iso) return '-';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}
