/**
 * How `tydra runs ls` and `tydra runs show` print runs: a table of runs with their headline
 * metrics, and everything about one run.
 */
import path from 'node:path';
import { toYaml } from '../config/output/to-yaml.js';
import type { JsonValue } from '../runtime/run-record.js';
import { formatDuration, formatTime } from './durations.js';
import { environmentSummary } from './diff-runs.js';
import type { RunDetails } from './run-details.js';
import { type RunEntry, liveState } from './run-entry.js';

/** Numbers, booleans and strings of a result, flattened (`{ val: { acc: 1 } }` → `val.acc`). */
export function flatMetrics(result: JsonValue): Map<string, JsonValue> {
  const out = new Map<string, JsonValue>();
  const walk = (v: JsonValue, prefix: string) => {
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) for (const [k, x] of Object.entries(v)) walk(x, prefix ? `${prefix}.${k}` : k);
    else if (typeof v === 'number' || typeof v === 'boolean' || (typeof v === 'string' && v.length <= 24)) out.set(prefix || 'result', v);
  };
  walk(result, '');
  return out;
}

/** The metric columns: the ones asked for, else the first numeric ones found (at most `max`). */
export function headlineMetrics(runs: readonly RunEntry[], wanted?: readonly string[], max = 4): string[] {
  if (wanted && wanted.length > 0) return [...wanted];
  const names: string[] = [];
  for (const r of runs) {
    for (const [k, v] of flatMetrics(r.result)) if (typeof v === 'number' && !names.includes(k)) names.push(k);
    if (names.length >= max) break;
  }
  return names.slice(0, max);
}

export function formatMetric(v: JsonValue | undefined): string {
  if (v === undefined || v === null) return '-';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(4)));
  return String(v);
}

function choiceText(v: string | string[] | null): string {
  return v === null ? 'null' : Array.isArray(v) ? `[${v.join(',')}]` : v;
}

export function commitText(git: RunEntry['git']): string {
  if (!git) return '-';
  return `${git.commit ? git.commit.slice(0, 7) : '(none)'}${git.dirty ? '*' : ''}`;
}

function truncate(s: string, n: number): string {
  return s.length <= n ? s : `${s.slice(0, n - 1)}…`;
}

/** Left-aligned columns separated by two spaces; trailing spaces trimmed. */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => c.padEnd(widths[i] as number)).join('  ').trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

export interface ListFormatOptions {
  cwd: string;
  metrics?: readonly string[];
}

/**
 * The `tydra runs ls` table.
 * @example formatRunTable(runs, { cwd: process.cwd() })
 */
export function formatRunTable(runs: readonly RunEntry[], opts: ListFormatOptions): string {
  const metrics = headlineMetrics(runs, opts.metrics);
  const header = ['RUN', 'STARTED', 'STATUS', 'TIME', 'COMMIT', 'CHOICES', 'OVERRIDES', ...metrics, 'DIR'];
  const rows = runs.map((r) => {
    const m = flatMetrics(r.result);
    return [
      r.shortId,
      formatTime(r.startedAt),
      liveState(r),
      formatDuration(r.durationMs),
      commitText(r.git),
      truncate(Object.entries(r.choices).map(([k, v]) => `${k}=${choiceText(v)}`).join(' '), 60) || '-',
      truncate(r.overrides.join(' '), 50) || '-',
      ...metrics.map((k) => formatMetric(m.get(k))),
      path.relative(opts.cwd, r.dir) || '.',
    ];
  });
  return `${formatTable(header, rows)}\n`;
}

/** A run as JSON for `--format json` (everything in the index, `status` live). */
export function runToJson(r: RunEntry): Record<string, unknown> {
  return { ...r, status: liveState(r) };
}

function kv(label: string, value: string): string {
  return `${`${label}:`.padEnd(11)}${value}`;
}

/**
 * Everything about one run, for `tydra runs show`.
 * @example formatRunDetails(readRunDetails(run), { cwd })
 */
export function formatRunDetails(d: RunDetails, opts: { cwd: string; reruns?: readonly RunEntry[]; config?: boolean }): string {
  const e = d.entry;
  const rel = (p: string) => path.relative(opts.cwd, p) || '.';
  const lines: string[] = [];
  lines.push(kv('run', `${e.shortId}  (${e.id})`));
  lines.push(kv('dir', rel(e.dir)));
  const state = liveState(e);
  lines.push(kv('status', `${state}${e.exitCode !== null ? ` (exit code ${e.exitCode})` : ''}${state === 'crashed' ? ` — run.json says running, but process ${e.pid} is gone` : ''}`));
  lines.push(kv('started', `${formatTime(e.startedAt)}   ended: ${formatTime(e.endedAt)}   took: ${formatDuration(e.durationMs)}`));
  lines.push(kv('job', `${d.jobName ?? '-'}${d.configName ? `   config: ${d.configName}` : ''}${e.sweep ? `   sweep: ${rel(e.sweep.dir)} job ${e.sweep.num ?? '?'}` : ''}`));
  if (e.rerunOf) lines.push(kv('rerun of', rel(e.rerunOf)));
  for (const r of opts.reruns ?? []) lines.push(kv('rerun', `${r.shortId}  ${rel(r.dir)}`));
  if (d.command) lines.push(kv('command', `${d.command.argv.join(' ')}${d.command.shell ? '   (shell)' : ''}`));
  else if (d.env?.argv) lines.push(kv('command', d.env.argv.join(' ')));
  if (d.cwd) lines.push(kv('cwd', d.cwd));
  const g = d.git;
  if (g?.isRepo) {
    const dirty = g.dirty ? `, uncommitted changes in ${g.changedFiles} file${g.changedFiles === 1 ? '' : 's'} (${path.join(rel(e.dir), e.metaDir, 'git.diff')})` : ', clean';
    lines.push(kv('git', `${g.commit?.slice(0, 12) ?? '(no commit)'}${g.branch ? ` on ${g.branch}` : ''}${dirty}${g.untracked ? `, ${g.untracked} untracked` : ''}`));
  } else if (g) lines.push(kv('git', `(${g.reason})`));
  if (d.env) {
    const s = environmentSummary(d.env);
    lines.push(kv('env', `node ${s.node}, ${s.platform}, ${s.cpu}, host ${s.host}${d.env.lockfile ? `, lockfile ${path.basename(d.env.lockfile.path)} ${String(s.lockfile)}` : ''}`));
  }
  lines.push(kv('choices', Object.entries(e.choices).map(([k, v]) => `${k}=${choiceText(v)}`).join(' ') || '-'));
  lines.push(kv('overrides', d.taskOverrides.join(' ') || '-'));
  if (d.hydraOverrides.length) lines.push(kv('hydra', d.hydraOverrides.join(' ')));
  const metrics = flatMetrics(e.result);
  if (metrics.size > 0) lines.push(kv('result', [...metrics].map(([k, v]) => `${k}=${formatMetric(v)}`).join('  ')));
  if (d.record?.error) {
    const err = d.record.error;
    lines.push(kv('error', `${err.name}: ${err.message}`));
    const stack = (err.stack ?? '').split('\n').slice(1, 6).map((l) => `           ${l.trim()}`);
    lines.push(...stack);
  }
  if (d.command) lines.push(kv('output', `${rel(path.join(e.dir, d.command.stdout))}, ${rel(path.join(e.dir, d.command.stderr))}`));
  lines.push(kv('files', d.files.join(' ') || '-'));
  if (opts.config !== false && d.resolved) {
    lines.push('', 'config (resolved):');
    lines.push(...toYaml(d.resolved).trimEnd().split('\n').map((l) => `  ${l}`));
  }
  return `${lines.join('\n')}\n`;
}
