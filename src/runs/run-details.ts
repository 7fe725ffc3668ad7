/**
 * Everything saved about one run, for `tydra runs show`, `diff` and `rerun`: the summary plus
 * the hydra node (config name, search path, cwd, hydra overrides), the config as authored and
 * resolved, `git.json` with its patch, `env.json`, and tydra's own `command.json`/`rerun.json`.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Node } from '../config/nodes.js';
import { ENV_SNAPSHOT_FILE, type EnvSnapshot } from '../runtime/env-snapshot.js';
import { GIT_SNAPSHOT_FILES, type GitSnapshot } from '../runtime/git-snapshot.js';
import { RUN_RECORD_FILE, type RunRecord } from '../runtime/run-record.js';
import { SNAPSHOT_FILES } from '../runtime/snapshots.js';
import { type RunEntry, readJson, readYamlNode } from './run-entry.js';
import { RUNS_FILES } from '../runtime/run-files.js';

/** `command.json`: what `tydra run` ran. */
export interface CommandRecord {
  version: 1;
  /** The command line as written, before rendering (`python train.py --lr {{optimizer.lr}}`). */
  template: string[];
  /** The command line as run. */
  argv: string[];
  /** Run through `sh -c` (`--shell`). */
  shell: boolean;
  cwd: string;
  /** The exit code, `null` while running or when killed by a signal. */
  exitCode: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
}

/** `rerun.json`: the run this one reran, and what was checked before. */
export interface RerunRecord {
  version: 1;
  of: { dir: string; id: string };
  /** The overrides given to `tydra runs rerun` on top of the saved ones. */
  overrides: string[];
  /** Group choices pinned to the original's because the defaults had changed. */
  pinned: string[];
  /** What differed from the original before running (code, config), as printed. */
  warnings: string[];
  at: string;
}

export interface ConfigSourceInfo {
  path: string;
  schema: string;
  provider: string;
}

export interface RunDetails {
  entry: RunEntry;
  record: Partial<RunRecord> | undefined;
  jobName: string | null;
  configName: string | null;
  /** The dir the run was started from (`hydra.runtime.cwd`). */
  cwd: string | null;
  configSources: ConfigSourceInfo[];
  taskOverrides: string[];
  hydraOverrides: string[];
  /** Every group choice, `hydra/*` included. */
  allChoices: Record<string, string | string[] | null>;
  resolved: Node | undefined;
  authored: Node | undefined;
  git: GitSnapshot | undefined;
  gitDiff: string | undefined;
  env: EnvSnapshot | undefined;
  command: CommandRecord | undefined;
  rerun: RerunRecord | undefined;
  /** The names in the run dir (outputs, logs). */
  files: string[];
}

function child(node: Node | undefined, ...keys: string[]): Node | undefined {
  let n = node;
  for (const k of keys) n = n?.kind === 'dict' ? n.entries.get(k) : undefined;
  return n;
}

function str(node: Node | undefined): string | null {
  return node?.kind === 'value' && node.type !== 'null' ? String(node.value) : null;
}

function strings(node: Node | undefined): string[] {
  return node?.kind === 'list' ? node.items.map((i) => str(i) ?? '') : [];
}

/** Read every saved file of a run. */
export function readRunDetails(entry: RunEntry): RunDetails {
  const meta = path.join(entry.dir, entry.metaDir);
  const hydra = child(readYamlNode(path.join(meta, SNAPSHOT_FILES.hydra)), 'hydra');
  const allChoices: Record<string, string | string[] | null> = {};
  const choicesNode = readYamlNode(path.join(meta, SNAPSHOT_FILES.choices)) ?? child(hydra, 'runtime', 'choices');
  if (choicesNode?.kind === 'dict') {
    for (const [k, v] of choicesNode.entries) allChoices[k] = v.kind === 'list' ? strings(v) : str(v);
  }
  const sources = child(hydra, 'runtime', 'config_sources');
  const configSources: ConfigSourceInfo[] =
    sources?.kind === 'list'
      ? sources.items.map((s) => ({ path: str(child(s, 'path')) ?? '', schema: str(child(s, 'schema')) ?? '', provider: str(child(s, 'provider')) ?? '' }))
      : [];
  let gitDiff: string | undefined;
  try {
    gitDiff = fs.readFileSync(path.join(meta, GIT_SNAPSHOT_FILES.diff), 'utf8');
  } catch {
    gitDiff = undefined;
  }
  let files: string[] = [];
  try {
    files = fs.readdirSync(entry.dir).filter((n) => n !== entry.metaDir).sort();
  } catch {
    files = [];
  }
  return {
    entry,
    record: readJson<Partial<RunRecord>>(path.join(meta, RUN_RECORD_FILE)),
    jobName: str(child(hydra, 'job', 'name')) ?? entry.jobName,
    configName: str(child(hydra, 'job', 'config_name')),
    cwd: str(child(hydra, 'runtime', 'cwd')),
    configSources,
    taskOverrides: hydra ? strings(child(hydra, 'overrides', 'task')) : entry.overrides,
    hydraOverrides: strings(child(hydra, 'overrides', 'hydra')),
    allChoices,
    resolved: readYamlNode(path.join(meta, SNAPSHOT_FILES.resolved)),
    authored: readYamlNode(path.join(meta, SNAPSHOT_FILES.config)),
    git: readJson<GitSnapshot>(path.join(meta, GIT_SNAPSHOT_FILES.json)),
    gitDiff,
    env: readJson<EnvSnapshot>(path.join(meta, ENV_SNAPSHOT_FILE)),
    command: readJson<CommandRecord>(path.join(meta, RUNS_FILES.command)),
    rerun: readJson<RerunRecord>(path.join(meta, RUNS_FILES.rerun)),
    files,
  };
}
