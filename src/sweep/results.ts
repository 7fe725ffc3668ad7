/**
 * The answer to "how did each job do": `results.csv` (one row per job: status, the overrides, the
 * metrics from its return value, timings, output dir, error) and `summary.md` (counts, the best
 * job, a table sorted by a chosen metric, the failures), both written at the end of a sweep and by
 * `tydra collect`. Pure functions build the text; the caller writes it.
 */
import { isHydraOverrideText } from '../overrides/types.js';
import type { JobStatus } from '../runtime/job-types.js';
import type { ManifestEntry } from './manifest.js';
import { better, type Direction, metricOf } from './metric.js';

export const RESULTS_CSV = 'results.csv';
export const SUMMARY_MD = 'summary.md';
/** Most jobs listed in each table of `summary.md` (all of them are in `results.csv`). */
export const SUMMARY_ROWS = 500;

/** `key=value` → [key, value]; hydra's own overrides are left out (they are the same for every job). */
export function overrideColumns(overrides: readonly string[]): [string, string][] {
  const out: [string, string][] = [];
  for (const o of overrides) {
    const eq = o.indexOf('=');
    const key = eq < 0 ? o : o.slice(0, eq);
    if (isHydraOverrideText(o)) continue;
    out.push([key, eq < 0 ? '' : o.slice(eq + 1)]);
  }
  return out;
}

/** A return value as named scalars: a number is `result`; an object's leaves are `a`, `b.c`; lists are JSON. */
export function metricColumns(value: unknown): [string, string | number | boolean | null][] {
  if (value === undefined) return [];
  if (value === null || typeof value !== 'object') return [['result', value as string | number | boolean | null]];
  if (Array.isArray(value)) return [['result', JSON.stringify(value)]];
  const out: [string, string | number | boolean | null][] = [];
  const walk = (v: unknown, prefix: string) => {
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) walk(x, prefix ? `${prefix}.${k}` : k);
    } else out.push([prefix, Array.isArray(v) ? JSON.stringify(v) : (v as string | number | boolean | null)]);
  };
  walk(value, '');
  return out;
}

function csvCell(v: unknown): string {
  if (v === undefined || v === null) return '';
  const s = typeof v === 'string' ? v : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function seconds(ms: number | undefined): string {
  return ms === undefined ? '' : (ms / 1000).toFixed(3);
}

interface Columns {
  overrides: string[];
  metrics: string[];
  /** metric column → header (prefixed with `result.` when an override has the same name) */
  metricHeader: Map<string, string>;
}

function columnsOf(entries: readonly ManifestEntry[]): Columns {
  const overrides: string[] = [];
  const metrics: string[] = [];
  const seenO = new Set<string>();
  const seenM = new Set<string>();
  for (const e of entries) {
    for (const [k] of overrideColumns(e.overrides)) if (!seenO.has(k)) seenO.add(k), overrides.push(k);
    for (const [k] of metricColumns(e.returnValue)) if (!seenM.has(k)) seenM.add(k), metrics.push(k);
  }
  const metricHeader = new Map(metrics.map((m) => [m, seenO.has(m) || m === 'num' || m === 'status' ? `result.${m}` : m]));
  return { overrides, metrics, metricHeader };
}

/** The text of `results.csv`, one row per job in job-number order. */
export function resultsCsv(entries: readonly ManifestEntry[]): string {
  const sorted = [...entries].sort((a, b) => a.num - b.num);
  const cols = columnsOf(sorted);
  const header = ['num', 'status', ...cols.overrides, ...cols.metrics.map((m) => cols.metricHeader.get(m) as string), 'duration_s', 'started_at', 'ended_at', 'id', 'output_dir', 'error'];
  const lines = [header.map(csvCell).join(',')];
  for (const e of sorted) {
    const o = new Map(overrideColumns(e.overrides));
    const m = new Map(metricColumns(e.returnValue));
    const row = [
      e.num,
      e.status,
      ...cols.overrides.map((k) => o.get(k)),
      ...cols.metrics.map((k) => m.get(k)),
      seconds(e.durationMs),
      e.startedAt,
      e.endedAt,
      e.id,
      e.outputDir,
      e.error ? `${e.error.name}: ${e.error.message.split('\n')[0]}` : '',
    ];
    lines.push(row.map(csvCell).join(','));
  }
  return `${lines.join('\n')}\n`;
}

export interface SummaryOptions {
  sweepDir: string;
  launcher?: string;
  sweeper?: string;
  /** Sort the table by this metric (a key of the return value; `null`: the value itself). Undefined: job order. */
  metric?: string | null;
  direction?: Direction;
  /** Wall time of the sweep. */
  wallMs?: number;
  /** Why the sweep stopped early, if it did. */
  stopReason?: string;
}

const STATUS_ORDER: readonly (JobStatus | 'pending' | 'queued' | 'running')[] = ['completed', 'failed', 'timeout', 'cancelled', 'running', 'queued', 'pending'];

export function statusCounts(entries: readonly ManifestEntry[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const e of entries) counts.set(e.status, (counts.get(e.status) ?? 0) + 1);
  return new Map(STATUS_ORDER.filter((s) => counts.has(s)).map((s) => [s, counts.get(s) as number]));
}

function mdCell(v: unknown): string {
  if (v === undefined || v === null) return '';
  const s = typeof v === 'number' ? formatNumber(v) : String(v);
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function formatNumber(x: number): string {
  if (Number.isInteger(x)) return String(x);
  return Math.abs(x) >= 1e-3 && Math.abs(x) < 1e6 ? String(Number(x.toPrecision(6))) : x.toExponential(4);
}

export function formatDuration(ms: number | undefined): string {
  if (ms === undefined) return '';
  if (ms < 1000) return `${ms} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  // Round to the shown unit first, so that 119.6 s is 2m00s, not 1m60s.
  const secs = Math.round(s);
  if (secs < 3600) return `${Math.floor(secs / 60)}m${String(secs % 60).padStart(2, '0')}s`;
  const mins = Math.round(s / 60);
  return `${Math.floor(mins / 60)}h${String(mins % 60).padStart(2, '0')}m`;
}

/** The jobs sorted by `metric` (best first, jobs without it last), or by number when no metric is chosen. */
export function rankEntries(entries: readonly ManifestEntry[], metric: string | null | undefined, dir: Direction): ManifestEntry[] {
  const byNum = [...entries].sort((a, b) => a.num - b.num);
  if (metric === undefined) return byNum;
  const value = (e: ManifestEntry) => (e.status === 'completed' ? metricOf(e.returnValue, metric) : undefined);
  return byNum.sort((a, b) => {
    const va = value(a);
    const vb = value(b);
    if (va === undefined || vb === undefined) return va === undefined ? (vb === undefined ? a.num - b.num : 1) : -1;
    return va === vb ? a.num - b.num : better(va, vb, dir) ? -1 : 1;
  });
}

/**
 * The columns worth a table: overrides whose value differs between jobs (all of them for a single
 * job) and metrics that are numbers somewhere; `results.csv` keeps every column.
 */
function tableColumns(entries: readonly ManifestEntry[], cols: Columns): Columns {
  const values = new Map<string, Set<string>>();
  for (const e of entries) for (const [k, v] of overrideColumns(e.overrides)) values.set(k, (values.get(k) ?? new Set()).add(v));
  const varying = entries.length > 1 ? cols.overrides.filter((k) => (values.get(k)?.size ?? 0) > 1 || entries.some((e) => !overrideColumns(e.overrides).some(([x]) => x === k))) : cols.overrides;
  const numeric = cols.metrics.filter((m) => entries.some((e) => metricColumns(e.returnValue).some(([k, v]) => k === m && typeof v === 'number')));
  return { ...cols, overrides: varying, metrics: numeric };
}

/** The text of `summary.md`. */
export function summaryMarkdown(entries: readonly ManifestEntry[], opts: SummaryOptions): string {
  const dir = opts.direction ?? 'minimize';
  const counts = statusCounts(entries);
  const countText = [...counts].map(([s, n]) => `${n} ${s}`).join(', ');
  const lines = ['# Sweep summary', '', `- Sweep dir: \`${opts.sweepDir}\``, `- Jobs: ${entries.length}${countText ? ` (${countText})` : ''}`];
  if (opts.launcher || opts.sweeper) lines.push(`- Launcher: ${opts.launcher ?? '?'}, sweeper: ${opts.sweeper ?? '?'}`);
  const jobTime = entries.reduce((t, e) => t + (e.durationMs ?? 0), 0);
  if (opts.wallMs !== undefined) lines.push(`- Wall time: ${formatDuration(opts.wallMs)} (job time: ${formatDuration(jobTime)})`);
  if (opts.stopReason) lines.push(`- Stopped early: ${opts.stopReason}`);
  const ranked = rankEntries(entries, opts.metric, dir);
  const metricName = opts.metric === null ? 'the return value' : opts.metric;
  if (opts.metric !== undefined) {
    const top = ranked[0];
    const v = top && top.status === 'completed' ? metricOf(top.returnValue, opts.metric) : undefined;
    if (top && v !== undefined) lines.push(`- Best ${metricName} (${dir}): ${formatNumber(v)}, job ${top.num} (\`${taskOverrides(top.overrides).join(' ')}\`)`);
  }
  const cols = tableColumns(entries, columnsOf(entries));
  const header = [...(opts.metric !== undefined ? ['rank'] : []), 'job', 'status', ...cols.overrides, ...cols.metrics.map((m) => cols.metricHeader.get(m) as string), 'duration'];
  lines.push('', opts.metric !== undefined ? `## Jobs, by ${metricName} (${dir === 'minimize' ? 'lowest' : 'highest'} first)` : '## Jobs', '');
  lines.push(`| ${header.map(mdCell).join(' | ')} |`, `|${header.map(() => ' --- ').join('|')}|`);
  ranked.slice(0, SUMMARY_ROWS).forEach((e, i) => {
    const o = new Map(overrideColumns(e.overrides));
    const m = new Map(metricColumns(e.returnValue));
    const row = [
      ...(opts.metric !== undefined ? [metricOf(e.returnValue, opts.metric) !== undefined && e.status === 'completed' ? i + 1 : ''] : []),
      e.num,
      e.status,
      ...cols.overrides.map((k) => o.get(k)),
      ...cols.metrics.map((k) => m.get(k)),
      formatDuration(e.durationMs),
    ];
    lines.push(`| ${row.map(mdCell).join(' | ')} |`);
  });
  if (ranked.length > SUMMARY_ROWS) lines.push('', `… and ${ranked.length - SUMMARY_ROWS} more jobs: see ${RESULTS_CSV}.`);
  const failed = entries.filter((e) => e.status === 'failed' || e.status === 'timeout' || e.status === 'cancelled').sort((a, b) => a.num - b.num);
  if (failed.length > 0) {
    lines.push('', '## Failures', '', '| job | status | overrides | error | log |', '| --- | --- | --- | --- | --- |');
    for (const e of failed.slice(0, SUMMARY_ROWS)) {
      lines.push(`| ${[e.num, e.status, taskOverrides(e.overrides).join(' '), e.error ? `${e.error.name}: ${e.error.message.split('\n')[0]}` : '', e.log ?? ''].map(mdCell).join(' | ')} |`);
    }
    if (failed.length > SUMMARY_ROWS) lines.push('', `… and ${failed.length - SUMMARY_ROWS} more: see ${RESULTS_CSV}.`);
  }
  return `${lines.join('\n')}\n`;
}

/** A job's overrides without hydra's own (`hydra/launcher=local`, `hydra.launcher.n_jobs=2`). */
export function taskOverrides(overrides: readonly string[]): string[] {
  return overrides.filter((o) => !isHydraOverrideText(o));
}

/** Plain-text columns for the console. */
export function textTable(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, c.length)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i] as number))).join('  ')).join('\n');
}

/** The end-of-sweep table of jobs that did not complete (empty when all did). */
export function failureTable(entries: readonly ManifestEntry[], maxRows = 50): string {
  const bad = entries.filter((e) => e.status !== 'completed').sort((a, b) => a.num - b.num);
  if (bad.length === 0) return '';
  const maxErr = 100;
  const rows = [['job', 'status', 'duration', 'overrides', 'error']];
  for (const e of bad.slice(0, maxRows)) {
    const msg = e.error ? `${e.error.name}: ${e.error.message.split('\n')[0]}` : e.status === 'pending' ? 'not launched' : '';
    rows.push([String(e.num), e.status, formatDuration(e.durationMs), taskOverrides(e.overrides).join(' '), msg.length > maxErr ? `${msg.slice(0, maxErr - 1)}…` : msg]);
  }
  const more = bad.length > maxRows ? `\n… and ${bad.length - maxRows} more (see ${SUMMARY_MD})` : '';
  return textTable(rows) + more;
}

/** `1 job`, `2 jobs`. */
export function jobCount(n: number): string {
  return `${n} ${n === 1 ? 'job' : 'jobs'}`;
}
