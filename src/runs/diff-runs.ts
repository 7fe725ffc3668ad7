/**
 * `tydra runs diff A B`: what differs between two runs. Group choices, overrides, the resolved
 * config (a structural diff), the code (commit and uncommitted changes), the environment (Node,
 * OS, installed packages, environment variables) and the results.
 */
import path from 'node:path';
import type { JsonValue } from '../runtime/run-record.js';
import { formatDuration } from './durations.js';
import { type PatchComparison, comparePatches } from './git-patch.js';
import type { RunDetails } from './run-details.js';
import { liveState } from './run-entry.js';
import { type ValueChange, diffJson, diffNodes, formatChanges } from '../config/diff.js';

export interface CodeDiff {
  commit: [string | null, string | null];
  dirty: [boolean | null, boolean | null];
  /** Files whose uncommitted changes differ. */
  patch: PatchComparison;
  /** Git information is missing for one run or both. */
  unknown: boolean;
}

export interface RunDiff {
  a: { dir: string; id: string };
  b: { dir: string; id: string };
  run: ValueChange[];
  choices: ValueChange[];
  overrides: { onlyA: string[]; onlyB: string[] };
  config: ValueChange[];
  code: CodeDiff;
  environment: ValueChange[];
  result: ValueChange[];
}

/** Environment variables that differ between any two shells and say nothing about a run. */
const NOISY_ENV = /^(?:PWD|OLDPWD|SHLVL|_|PS1|LS_COLORS|WINDOWID|COLUMNS|LINES|INIT_CWD|TERM_SESSION_ID|TMUX.*|STY|SSH_.*|XDG_SESSION_.*|TYDRA_.*|npm_.*|VSCODE_.*|KITTY_.*|ITERM_.*|SECURITYSESSIONID|MAIL)$/;

/** The parts of `env.json` that can explain a different outcome, flattened. */
export function environmentSummary(env: RunDetails['env']): Record<string, JsonValue> {
  if (!env) return {};
  const out: Record<string, JsonValue> = {
    node: env.node,
    platform: `${env.platform} ${env.arch}`,
    os: env.osRelease,
    cpu: `${env.cpu?.model ?? '?'} ×${env.cpu?.count ?? '?'}`,
    memory: env.totalMemoryBytes,
    host: env.hostname,
    user: env.user,
    packageManager: env.packageManager,
    lockfile: env.lockfile ? env.lockfile.sha256.slice(0, 12) : null,
  };
  for (const [name, dep] of Object.entries(env.dependencies ?? {})) out[`package ${name}`] = dep.installed;
  for (const [name, value] of Object.entries(env.env ?? {})) if (!NOISY_ENV.test(name)) out[`env ${name}`] = value;
  return out;
}

function setDiff(a: readonly string[], b: readonly string[]): { onlyA: string[]; onlyB: string[] } {
  return { onlyA: a.filter((x) => !b.includes(x)), onlyB: b.filter((x) => !a.includes(x)) };
}

function flatEnvDiff(a: Record<string, JsonValue>, b: Record<string, JsonValue>): ValueChange[] {
  // Keys hold spaces and dots (package names, variables): compare them flat, not as paths.
  const out: ValueChange[] = [];
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const [c] = diffJson(a[k], b[k]);
    if (c) out.push({ ...c, path: k });
  }
  return out;
}

/** Compare two runs (pure: both are read already). */
export function diffRuns(a: RunDetails, b: RunDetails): RunDiff {
  const ga = a.git?.isRepo ? a.git : undefined;
  const gb = b.git?.isRepo ? b.git : undefined;
  const runInfo = (d: RunDetails) => ({
    status: liveState(d.entry),
    exit_code: d.entry.exitCode,
    job: d.jobName,
    config_name: d.configName,
  });
  return {
    a: { dir: a.entry.dir, id: a.entry.id },
    b: { dir: b.entry.dir, id: b.entry.id },
    run: diffJson(runInfo(a), runInfo(b)),
    choices: flatEnvDiff(a.entry.choices, b.entry.choices),
    overrides: setDiff(a.taskOverrides, b.taskOverrides),
    config: diffNodes(a.resolved, b.resolved),
    code: {
      commit: [ga?.commit ?? null, gb?.commit ?? null],
      dirty: [ga ? ga.dirty : null, gb ? gb.dirty : null],
      patch: comparePatches(ga?.dirty ? a.gitDiff : undefined, gb?.dirty ? b.gitDiff : undefined),
      unknown: !ga || !gb,
    },
    environment: flatEnvDiff(environmentSummary(a.env), environmentSummary(b.env)),
    result: diffJson(a.entry.result ?? undefined, b.entry.result ?? undefined),
  };
}

/** Lines saying how the code of two runs differs (empty when it is the same). */
export function formatCodeDiff(code: CodeDiff, labels: [string, string] = ['A', 'B'], indent = '  '): string[] {
  const lines: string[] = [];
  const [ca, cb] = code.commit;
  if (code.unknown) {
    if (ca !== cb || code.dirty[0] !== code.dirty[1]) lines.push(`${indent}git: ${ca ? ca.slice(0, 12) : 'no git information'} → ${cb ? cb.slice(0, 12) : 'no git information'}`);
    return lines;
  }
  if (ca !== cb) lines.push(`${indent}commit: ${ca?.slice(0, 12) ?? '(none)'} → ${cb?.slice(0, 12) ?? '(none)'}`);
  if (code.dirty[0] !== code.dirty[1]) {
    lines.push(`${indent}uncommitted changes: ${code.dirty[0] ? 'yes' : 'none'} → ${code.dirty[1] ? 'yes' : 'none'}`);
  }
  const p = code.patch;
  if (p.onlyA.length) lines.push(`${indent}changed only in ${labels[0]}: ${p.onlyA.join(', ')}`);
  if (p.onlyB.length) lines.push(`${indent}changed only in ${labels[1]}: ${p.onlyB.join(', ')}`);
  if (p.differ.length) lines.push(`${indent}changed differently: ${p.differ.join(', ')}`);
  return lines;
}

/** The diff as text, one section per part that differs. */
export function formatRunDiff(d: RunDiff, a: RunDetails, b: RunDetails, cwd: string): string {
  const rel = (p: string) => path.relative(cwd, p) || '.';
  const out: string[] = [
    `A: ${rel(d.a.dir)}  (${a.entry.shortId}, ${a.entry.startedAt ?? '?'}, ${formatDuration(a.entry.durationMs)})`,
    `B: ${rel(d.b.dir)}  (${b.entry.shortId}, ${b.entry.startedAt ?? '?'}, ${formatDuration(b.entry.durationMs)})`,
  ];
  const section = (title: string, lines: string[]) => {
    if (lines.length > 0) out.push('', `${title}:`, ...lines);
  };
  section('run', formatChanges(d.run, { indent: '  ' }));
  section('group choices', formatChanges(d.choices, { indent: '  ' }));
  section('overrides', [...d.overrides.onlyA.map((o) => `  - ${o}`), ...d.overrides.onlyB.map((o) => `  + ${o}`)]);
  section('config', formatChanges(d.config, { indent: '  ' }));
  const codeLines = formatCodeDiff(d.code);
  // Without git information on either side nothing is known about the code: never "same".
  if (d.code.unknown && codeLines.length === 0) codeLines.push('  not compared: neither run has git information');
  section('code', codeLines);
  section('environment', formatChanges(d.environment, { indent: '  ', limit: 30 }));
  section('results', formatChanges(d.result, { indent: '  ' }));
  const same = [
    d.run.length + d.choices.length + d.config.length === 0 && d.overrides.onlyA.length + d.overrides.onlyB.length === 0 ? 'config' : '',
    codeLines.length === 0 ? 'code' : '',
    d.environment.length === 0 ? 'environment' : '',
    d.result.length === 0 ? 'results' : '',
  ].filter(Boolean);
  if (same.length > 0) out.push('', `same: ${same.join(', ')}`);
  return `${out.join('\n')}\n`;
}
