/**
 * One run as `tydra runs` sees it: a summary read from the files of its run dir (`run.json`,
 * `choices.yaml`, `overrides.yaml`, `config.resolved.yaml`, `git.json`, and tydra's
 * `rerun.json`/`command.json`). This is what the run index stores, one JSON line per run.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadYamlString } from '../config/load.js';
import type { Node } from '../config/nodes.js';
import { GIT_SNAPSHOT_FILES } from '../runtime/git-snapshot.js';
import { RUN_RECORD_FILE, type JsonValue, type RunRecord } from '../runtime/run-record.js';
import { SNAPSHOT_FILES } from '../runtime/snapshots.js';
import { nodeToJson } from '../config/output/node-json.js';
import { RUNS_FILES } from '../runtime/run-files.js';

/** `running` is what `run.json` says; `crashed` is a `running` run whose process is gone (same host). */
export type RunState = 'running' | 'completed' | 'failed' | 'crashed' | 'unknown';

export interface RunEntry {
  /** The run id from `run.json` (`2024-05-01T12-00-00-123Z-k3f9a0`). */
  id: string;
  /** The random end of the id (`k3f9a0`): short enough to type. */
  shortId: string;
  /** The run dir (absolute). */
  dir: string;
  /** The metadata dir's name inside the run dir (`.hydra`, Hydra's `hydra.output_subdir`). */
  metaDir: string;
  status: RunState;
  startedAt: string | null;
  endedAt: string | null;
  durationMs: number | null;
  exitCode: number | null;
  pid: number | null;
  hostname: string | null;
  /** `hydra.job.name`, from the `<job.name>.log` file. */
  jobName: string | null;
  git: { commit: string | null; branch: string | null; dirty: boolean } | null;
  /** The final option of each config group of the task (`hydra/*` groups left out). */
  choices: Record<string, string | string[] | null>;
  /** The task overrides (`hydra.overrides.task`). */
  overrides: string[];
  /** The task's return value (`run.json` `result`). */
  result: JsonValue;
  /** The error message when the run failed. */
  error: string | null;
  /** The resolved job config. */
  config: JsonValue;
  /** For a job of a sweep: the sweep dir (absolute) and the job number. */
  sweep: { dir: string; num: number | null } | null;
  /** The run dir this run reran (absolute), from `rerun.json`. */
  rerunOf: string | null;
  /** For `tydra run`: the command as it ran. */
  command: string[] | null;
}

function readText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** A YAML file of a run as a config tree (undefined when missing or unreadable). */
export function readYamlNode(file: string): Node | undefined {
  const text = readText(file);
  if (text === undefined) return undefined;
  try {
    return loadYamlString(text, file);
  } catch {
    return undefined;
  }
}

export function readJson<T = unknown>(file: string): T | undefined {
  const text = readText(file);
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}

/**
 * The metadata dir of a run dir, given the names in it: `.hydra`, or another hidden dir holding
 * `run.json` (a renamed `hydra.output_subdir`). Undefined when `dir` is not a run dir.
 */
export function findMetaDir(dir: string, names: readonly fs.Dirent[]): string | undefined {
  if (names.some((e) => e.name === '.hydra' && e.isDirectory())) return '.hydra';
  for (const e of names) {
    if (!e.isDirectory() || !e.name.startsWith('.') || e.name === '.git') continue;
    if (fs.existsSync(path.join(dir, e.name, RUN_RECORD_FILE))) return e.name;
  }
  return undefined;
}

function stringList(node: Node | undefined): string[] {
  if (!node || node.kind !== 'list') return [];
  return node.items.map((i) => (i.kind === 'value' ? String(i.value) : ''));
}

function choicesOf(node: Node | undefined): Record<string, string | string[] | null> {
  const out: Record<string, string | string[] | null> = {};
  if (!node || node.kind !== 'dict') return out;
  for (const [k, v] of node.entries) {
    if (k === 'hydra' || k.startsWith('hydra/')) continue;
    out[k] = v.kind === 'list' ? stringList(v) : v.kind === 'value' && v.type !== 'null' ? String(v.value) : null;
  }
  return out;
}

/** The job name Hydra gives the log file (`train.log`), ignoring `tydra run`'s output files. */
function jobNameOf(names: readonly string[]): string | null {
  const logs = names.filter((n) => n.endsWith('.log') && n !== 'stdout.log' && n !== 'stderr.log' && !/\.\d+\.log$/.test(n));
  return logs.length === 1 ? (logs[0] as string).slice(0, -4) : null;
}

export interface ReadRunOptions {
  /** The names in the run dir (saves a readdir when the caller has them). */
  names?: readonly string[];
  sweep?: { dir: string; num: number | null } | null;
}

/**
 * Read the summary of one run dir.
 * @example readRunEntry('/abs/outputs/2024-05-01/12-00-00', '.hydra')
 */
export function readRunEntry(dir: string, metaDir: string, opts: ReadRunOptions = {}): RunEntry {
  const meta = path.join(dir, metaDir);
  const record = readJson<Partial<RunRecord>>(path.join(meta, RUN_RECORD_FILE));
  const names = opts.names ?? safeReaddir(dir);
  const metaNames = new Set(safeReaddir(meta));
  const git = readJson<{ isRepo?: boolean; commit?: string | null; branch?: string | null; dirty?: boolean }>(path.join(meta, GIT_SNAPSHOT_FILES.json));
  const resolved = metaNames.has(SNAPSHOT_FILES.resolved) ? readYamlNode(path.join(meta, SNAPSHOT_FILES.resolved)) : undefined;
  const rerun = metaNames.has(RUNS_FILES.rerun) ? readJson<{ of?: { dir?: string } }>(path.join(meta, RUNS_FILES.rerun)) : undefined;
  const command = metaNames.has(RUNS_FILES.command) ? readJson<{ argv?: string[] }>(path.join(meta, RUNS_FILES.command)) : undefined;
  const id = typeof record?.id === 'string' ? record.id : path.basename(dir);
  const status: RunState = record && ['running', 'completed', 'failed'].includes(String(record.status)) ? (record.status as RunState) : 'unknown';
  return {
    id,
    shortId: shortIdOf(id),
    dir,
    metaDir,
    status,
    startedAt: record?.startedAt ?? null,
    endedAt: record?.endedAt ?? null,
    durationMs: typeof record?.durationMs === 'number' ? record.durationMs : null,
    exitCode: typeof record?.exitCode === 'number' ? record.exitCode : null,
    pid: typeof record?.pid === 'number' ? record.pid : null,
    hostname: typeof record?.hostname === 'string' ? record.hostname : null,
    jobName: jobNameOf(names),
    git: git?.isRepo ? { commit: git.commit ?? null, branch: git.branch ?? null, dirty: git.dirty === true } : null,
    choices: choicesOf(readYamlNode(path.join(meta, SNAPSHOT_FILES.choices))),
    overrides: stringList(readYamlNode(path.join(meta, SNAPSHOT_FILES.overrides))),
    result: record?.result ?? null,
    error: record?.error?.message ?? null,
    config: resolved ? nodeToJson(resolved) : {},
    sweep: opts.sweep ?? null,
    rerunOf: typeof rerun?.of?.dir === 'string' ? rerun.of.dir : null,
    command: Array.isArray(command?.argv) ? command.argv.map(String) : null,
  };
}

function safeReaddir(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}

/** `2024-05-01T12-00-00-123Z-k3f9a0` → `k3f9a0`; other ids are kept whole. */
export function shortIdOf(id: string): string {
  const m = /-([0-9a-z]{6})$/.exec(id);
  return m && /^\d{4}-\d{2}-\d{2}T/.test(id) ? (m[1] as string) : id;
}

let thisHost: string | undefined;

/**
 * The state to show: a `running` run whose process no longer exists on this host has crashed
 * (runs on other hosts, e.g. SLURM nodes, cannot be checked and stay `running`).
 */
export function liveState(e: Pick<RunEntry, 'status' | 'pid' | 'hostname'>): RunState {
  if (e.status !== 'running' || e.pid === null || e.hostname !== (thisHost ??= os.hostname())) return e.status;
  try {
    process.kill(e.pid, 0);
    return 'running';
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM' ? 'running' : 'crashed';
  }
}
