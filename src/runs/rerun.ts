/**
 * `tydra runs rerun RUN [OVERRIDE ...]`: run a past run again, into a new run dir linked to the
 * original (`rerun.json`), from its saved overrides and group choices plus the new overrides.
 *
 * Before running, the rerun is checked against the original:
 * - the code: the commit and the uncommitted changes of the work tree now vs `git.json`/`git.diff`;
 * - the config: it is composed again here; group choices whose default changed since are pinned
 *   to the original's (`optimizer=adam`), and the resolved config (without the new overrides) is
 *   diffed against the saved `config.resolved.yaml`. Values this process cannot resolve (custom
 *   resolvers registered by the app) are left out of the check and named.
 * Differences are warnings; `--strict` refuses to run.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { type ComposeOptions, type Composition, composeTree, jobTree } from '../compose/compose.js';
import { DictNode, type Node } from '../config/nodes.js';
import { ConfigError } from '../config/errors.js';
import { TydraError } from '../errors.js';
import { HYDRA_FLAGS } from '../cli/app-flags.js';
import { parseOverride } from '../overrides/parser.js';
import { isSweep } from '../overrides/types.js';
import { writeJsonAtomic } from '../runtime/atomic-write.js';
import { captureGit, GIT_SNAPSHOT_FILES } from '../runtime/git-snapshot.js';
import { RUN_CONTEXT_ENV } from '../runtime/run-dir.js';
import { formatCodeDiff } from './diff-runs.js';
import { comparePatches } from './git-patch.js';
import type { RerunRecord, RunDetails } from './run-details.js';
import type { RunEntry } from './run-entry.js';
import { RUNS_FILES } from '../runtime/run-files.js';
import { listRuns } from './run-index.js';
import { type ValueChange, diffNodes, formatChanges } from '../config/diff.js';

export interface RerunPlan {
  original: RunDetails;
  /** Where the rerun starts (the original's cwd when it still exists). */
  cwd: string;
  /** An app wrapped by `main()`, or a `tydra run` command. */
  kind: 'app' | 'command';
  /** For an app: the program and its script (`[node, /abs/train.js]`). */
  program: string[];
  /** The arguments: the original's flags, then the overrides, then `--` and what followed it. */
  args: string[];
  /** Every override the rerun composes with. */
  overrides: string[];
  /** The new overrides. */
  added: string[];
  /** Group choices pinned to the original's because their default changed. */
  pinned: string[];
  /** How the code and the config differ from the original (empty: they do not). */
  warnings: string[];
  /** What the new overrides change, and what could not be checked. */
  notes: string[];
  /** The config could be composed here and compared. */
  configChecked: boolean;
}

/** Hydra overrides that belong to the sweep, not to one job. */
const SWEEP_ONLY = /^(?:hydra\.sweep\b|hydra\.sweeper\b|hydra\.launcher\b|hydra\/(?:launcher|sweeper)\b|hydra\.mode\b|hydra\.job\.(?:num|id)\b)/;
/** Flags of the original command line that are not part of running one job. */
const DROPPED_FLAGS = new Set(['-m', '--multirun', '--resume', '--detach', '--max-failures', '--fail-fast', '--watch', '--cfg', '-c', '--info', '-i', '--resolve', '--package', '-p', '--tydra-job']);

function overrideKey(o: string): string | undefined {
  try {
    const p = parseOverride(o);
    return p.package !== undefined ? `${p.key}@${p.package}` : p.key;
  } catch {
    return undefined;
  }
}

function looksLikeOverride(token: string): boolean {
  return token.includes('=') || token.startsWith('~');
}

/**
 * The original command line without its overrides and sweep flags (pure; exported for tests):
 * `[-cd conf, --quiet, --epochs, 3]` and what followed `--`.
 */
export function keptArguments(tokens: readonly string[]): { flags: string[]; passthrough: string[] } {
  const byName = new Map(HYDRA_FLAGS.flatMap((f) => f.names.map((n) => [n, f] as const)));
  const flags: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as string;
    if (t === '--') return { flags, passthrough: tokens.slice(i + 1) };
    if (t === '--tydra-job') {
      i += 2;
      continue;
    }
    if (!t.startsWith('-') || /^-\d/.test(t)) continue; // an override: the rerun supplies its own
    const name = t.startsWith('--') && t.includes('=') ? t.slice(0, t.indexOf('=')) : t;
    const hydra = byName.get(name);
    const next = tokens[i + 1];
    const takesValue = hydra
      ? hydra.value === 'required' || (hydra.value === 'optional' && next !== undefined && !next.startsWith('-') && !looksLikeOverride(next))
      : next !== undefined && !next.startsWith('-') && !looksLikeOverride(next);
    const hasValue = !t.includes('=') && takesValue;
    if (!DROPPED_FLAGS.has(name)) flags.push(t, ...(hasValue ? [next as string] : []));
    if (hasValue) i++;
  }
  return { flags, passthrough: [] };
}

/** The compose options the original run used, from its `hydra.runtime.config_sources`. */
function composeOptionsOf(d: RunDetails, cwd: string): ComposeOptions | string {
  const main = d.configSources.find((s) => s.provider === 'main');
  const extra = d.configSources.filter((s) => s.provider === 'tydra search path');
  const store = d.configSources.find((s) => s.schema === 'structured');
  if (store) return 'the app registers configs from code (a ConfigStore), which only the app itself can compose';
  const entry = (s: { schema: string; path: string }) => (s.schema === 'file' ? s.path : `${s.schema}://${s.path}`);
  return {
    configDir: main ? (main.schema === 'file' ? main.path : undefined) : undefined,
    searchPath: extra.map(entry),
    configName: d.configName ?? undefined,
    jobName: d.jobName ?? undefined,
    cwd,
    mode: 'run',
    now: d.entry.startedAt ? new Date(d.entry.startedAt) : undefined,
    warn: () => undefined,
  };
}

function quoteOverrideValue(v: string): string {
  return /^[\w./@-]+$/.test(v) ? v : `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** The job config resolved value by value; keys that cannot be resolved here are named instead. */
function resolveLeniently(c: Composition): { tree: DictNode; failed: string[] } {
  const failed: string[] = [];
  const walk = (node: Node, p: (string | number)[], display: string): Node | undefined => {
    if (node.kind === 'dict') {
      const out = new DictNode(undefined, node.src);
      for (const [k, v] of node.entries) {
        const r = walk(v, [...p, k], display ? `${display}.${k}` : k);
        if (r) out.entries.set(k, r);
      }
      return out;
    }
    try {
      return c.resolution.materialize({ node, path: p, final: false }, new Set());
    } catch (e) {
      if (e instanceof ConfigError) {
        failed.push(display);
        return undefined;
      }
      throw e;
    }
  };
  const tree = new DictNode();
  for (const [k, v] of jobTree(c).entries) {
    const r = walk(v, [k], k);
    if (r) tree.entries.set(k, r);
  }
  return { tree, failed };
}

function withoutFailed(changes: ValueChange[], failed: readonly string[]): ValueChange[] {
  return changes.filter((ch) => !failed.some((f) => ch.path === f || ch.path.startsWith(`${f}.`) || ch.path.startsWith(`${f}[`)));
}

function taskGroup(group: string): boolean {
  return group !== 'hydra' && !group.startsWith('hydra/');
}

export interface PlanOptions {
  /** Where to start when the original's cwd is gone (default: process.cwd()). */
  cwd?: string;
}

/**
 * Work out how to rerun a run and how it differs from the original (reads the work tree's git
 * state and composes the config; runs nothing).
 */
export async function planRerun(original: RunDetails, newOverrides: readonly string[], opts: PlanOptions = {}): Promise<RerunPlan> {
  const added = [...newOverrides];
  for (const o of added) {
    let parsed: ReturnType<typeof parseOverride>;
    try {
      parsed = parseOverride(o);
    } catch (e) {
      throw new TydraError(`Invalid override '${o}': ${(e as Error).message}`);
    }
    if (isSweep(parsed)) throw new TydraError(`A rerun is one run: '${o}' is a sweep`, { hint: 'run the app with -m to sweep' });
  }
  const cwd = original.cwd && fs.existsSync(original.cwd) ? original.cwd : (opts.cwd ?? process.cwd());
  const notes: string[] = [];
  if (original.cwd && cwd !== original.cwd) notes.push(`the original ran in ${original.cwd}, which is gone; running in ${cwd}`);
  const newKeys = new Set(added.map(overrideKey));
  const saved = [...original.hydraOverrides.filter((o) => !SWEEP_ONLY.test(o)), ...original.taskOverrides].filter((o) => !newKeys.has(overrideKey(o)));
  const overriddenGroups = new Set([...saved, ...added].map(overrideKey).filter((k): k is string => k !== undefined));

  // Compose here to find changed defaults (pin them) and to compare the config.
  const warnings: string[] = [];
  let pinned: string[] = [];
  let configChecked = false;
  const options = composeOptionsOf(original, cwd);
  const outputDir = `++hydra.runtime.output_dir=${quoteOverrideValue(original.entry.dir)}`;
  if (typeof options === 'string') notes.push(`the config was not checked before running: ${options}`);
  else {
    try {
      const base = composeTree({ ...options, overrides: [...saved] });
      const underChanged = (g: string) => added.some((o) => {
        const k = overrideKey(o);
        return k !== undefined && (g === k || g.startsWith(`${k}/`));
      });
      for (const [group, choice] of Object.entries(original.allChoices)) {
        if (!taskGroup(group) || choice === null || overriddenGroups.has(group) || underChanged(group)) continue;
        const now = base.choices.get(group);
        const same = Array.isArray(choice) ? Array.isArray(now) && now.join(',') === choice.join(',') : now === choice;
        if (same) continue;
        pinned.push(`${group}=${Array.isArray(choice) ? `[${choice.join(',')}]` : choice}`);
        warnings.push(`the default of ${group} is now ${now === undefined ? 'not set' : Array.isArray(now) ? `[${now.join(',')}]` : String(now)}; pinned to the original's ${group}=${Array.isArray(choice) ? `[${choice.join(',')}]` : choice}`);
      }
      const asOriginal = resolveLeniently(composeTree({ ...options, overrides: [...pinned, ...saved, outputDir] }));
      const drift = original.resolved ? withoutFailed(diffNodes(original.resolved, asOriginal.tree), asOriginal.failed) : [];
      if (drift.length > 0) warnings.push(`the config differs from the original's (config files changed since):\n${formatChanges(drift, { indent: '    ' }).join('\n')}`);
      if (asOriginal.failed.length > 0) notes.push(`not checked here (resolved by the app): ${asOriginal.failed.join(', ')}`);
      if (added.length > 0) {
        const asRerun = resolveLeniently(composeTree({ ...options, overrides: [...pinned, ...saved, ...added, outputDir] }));
        const intended = withoutFailed(diffNodes(asOriginal.tree, asRerun.tree), asRerun.failed);
        notes.push(intended.length > 0 ? `your overrides change:\n${formatChanges(intended, { indent: '    ' }).join('\n')}` : 'your overrides change nothing in the config');
      }
      configChecked = true;
    } catch (e) {
      if (!(e instanceof TydraError)) throw e;
      notes.push(`the config was not checked before running: it does not compose here (${e.message.split('\n')[0]})`);
      // Keep the original's choices, as far as the command line can say them.
      pinned = Object.entries(original.allChoices)
        .filter(([g, c]) => taskGroup(g) && c !== null && !overriddenGroups.has(g))
        .map(([g, c]) => `${g}=${Array.isArray(c) ? `[${(c as string[]).join(',')}]` : String(c)}`);
    }
  }

  // The code: the commit and uncommitted changes now vs the original's.
  const og = original.git;
  if (og?.isRepo) {
    const now = await captureGit(cwd);
    if (!now.isRepo) warnings.push(`the code cannot be compared: ${cwd} is no longer a git work tree (${now.reason})`);
    else {
      const savedPatch = og.dirty ? readPatch(path.join(original.entry.dir, original.entry.metaDir, GIT_SNAPSHOT_FILES.diff)) : undefined;
      const nowPatch = now.dirty ? Buffer.from(now.diff, now.diffEncoding === 'base64' ? 'base64' : 'utf8').toString('latin1') : undefined;
      const lines = formatCodeDiff(
        { commit: [og.commit, now.commit], dirty: [og.dirty, now.dirty], patch: comparePatches(savedPatch, nowPatch), unknown: false },
        ['the original', 'the work tree'],
        '    ',
      );
      if (lines.length > 0) warnings.push(`the code differs from the original's:\n${lines.join('\n')}`);
    }
  } else if (og && !og.isRepo) notes.push('the original recorded no git state; the code was not compared');

  const overrides = [...pinned, ...saved, ...added];
  const tokens = (original.env?.argv ?? []).slice(2);
  const kept = keptArguments(tokens);
  const kind = original.command ? 'command' : 'app';
  const passthrough = kind === 'command' ? (original.command?.template ?? kept.passthrough) : kept.passthrough;
  if ([...kept.flags, ...passthrough].includes('<redacted>')) {
    warnings.push('the saved command line has redacted values (secrets); they are passed as <redacted>');
  }
  const args = [...kept.flags, ...overrides, ...(passthrough.length > 0 || kind === 'command' ? ['--', ...passthrough] : [])];
  const script = original.env?.argv?.[1];
  const program = kind === 'app' ? [original.env?.execPath && fs.existsSync(original.env.execPath) ? original.env.execPath : process.execPath, script ?? ''] : [];
  if (kind === 'app' && (!script || !fs.existsSync(script))) {
    throw new TydraError(`Cannot rerun ${original.entry.dir}: its program ${script ?? '(unknown)'} is gone`, { hint: 'env.json argv[1] names the script the run was started with' });
  }
  return { original, cwd, kind, program, args, overrides, added, pinned, warnings, notes, configChecked };
}

function readPatch(file: string): string | undefined {
  try {
    return fs.readFileSync(file).toString('latin1');
  } catch {
    return undefined;
  }
}

/** The plan as text (what `tydra runs rerun` prints before running). */
export function formatPlan(plan: RerunPlan, cwd: string): string {
  const rel = (p: string) => path.relative(cwd, p) || '.';
  const lines = [`Rerunning ${rel(plan.original.entry.dir)} (${plan.original.entry.shortId})`];
  if (plan.added.length) lines.push(`  new overrides: ${plan.added.join(' ')}`);
  if (plan.pinned.length) lines.push(`  pinned choices: ${plan.pinned.join(' ')}`);
  for (const w of plan.warnings) lines.push(`warning: ${w}`);
  for (const n of plan.notes) lines.push(`note: ${n}`);
  const command = plan.kind === 'app' ? [...plan.program, ...plan.args] : ['tydra', 'run', ...plan.args];
  lines.push(`command: ${command.join(' ')}${plan.cwd !== cwd ? `   (in ${plan.cwd})` : ''}`);
  return `${lines.join('\n')}\n`;
}

export interface RunAppIO {
  out: (s: string) => void;
  err: (s: string) => void;
}

/** Start an app's rerun as a child process; resolves with its exit code and pid. */
export function runApp(plan: RerunPlan, io: RunAppIO): Promise<{ exitCode: number; pid: number }> {
  const env: NodeJS.ProcessEnv = { ...process.env, TYDRA_RERUN_OF: plan.original.entry.dir };
  // A rerun is a run of its own, not a process attached to the caller's run.
  for (const name of Object.values(RUN_CONTEXT_ENV)) delete env[name];
  return new Promise((resolve, reject) => {
    const child = spawn(plan.program[0] as string, [...plan.program.slice(1), ...plan.args], { cwd: plan.cwd, env, stdio: ['inherit', 'pipe', 'pipe'] });
    child.stdout.setEncoding('utf8').on('data', io.out);
    child.stderr.setEncoding('utf8').on('data', io.err);
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ exitCode: code ?? (signal ? 128 + 15 : 1), pid: child.pid ?? -1 }));
  });
}

/** The run a process with `pid` started after `since` under `roots` (how an app's rerun is found). */
export function findRunByPid(roots: readonly string[], pid: number, since: Date): RunEntry | undefined {
  const runs = listRuns(roots).runs.filter((r) => r.pid === pid && r.startedAt !== null && new Date(r.startedAt) >= new Date(since.getTime() - 1000));
  return runs[runs.length - 1];
}

/** Write `rerun.json` into the new run's metadata dir. */
export async function linkRerun(newRun: Pick<RunEntry, 'dir' | 'metaDir'>, plan: RerunPlan): Promise<void> {
  const record: RerunRecord = {
    version: 1,
    of: { dir: plan.original.entry.dir, id: plan.original.entry.id },
    overrides: plan.added,
    pinned: plan.pinned,
    warnings: plan.warnings,
    at: new Date().toISOString(),
  };
  await writeJsonAtomic(path.join(newRun.dir, newRun.metaDir, RUNS_FILES.rerun), record);
}
