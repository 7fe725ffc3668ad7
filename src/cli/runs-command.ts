/**
 * `tydra runs ls|show|diff|rerun`: find, inspect, compare and rerun past runs.
 *
 *   tydra runs ls [DIR ...] [--dir DIR] [--where EXPR] [--status S] [--since 2d] [--limit N] [--metrics a,b] [--format json]
 *   tydra runs show RUN [--format json] [--no-config]
 *   tydra runs diff RUN_A RUN_B [--format json]
 *   tydra runs rerun RUN [OVERRIDE ...] [--strict] [--dry-run]
 *
 * A run is named by its dir, its id, its short id, a unique prefix of either, or `last`.
 */
import path from 'node:path';
import minimist from 'minimist';
import { TydraError } from '../errors.js';
import { diffRuns, formatRunDiff } from '../runs/diff-runs.js';
import { parseSince } from '../runs/durations.js';
import { filterRuns } from '../runs/filter-runs.js';
import { defaultRoots, findRun, readRunDir } from '../runs/find-run.js';
import { formatRunDetails, formatRunTable, runToJson } from '../runs/format-runs.js';
import { readRunDetails } from '../runs/run-details.js';
import { listRuns } from '../runs/run-index.js';
import { findRunByPid, formatPlan, linkRerun, planRerun, runApp } from '../runs/rerun.js';
import { diffNodes, formatChanges } from '../config/diff.js';
import { parseWhere } from '../runs/where.js';

export interface RunsCommandOptions {
  /** Where run names and default roots are resolved (default: process.cwd()). */
  cwd?: string;
  /** Warnings and the output of a rerun's process (default: process.stderr). */
  err?: (s: string) => void;
}

const STRINGS = ['dir', 'where', 'status', 'since', 'limit', 'metrics', 'format'];
const BOOLEANS = ['help', 'strict', 'dry-run', 'rebuild', 'config', 'stats'];

const USAGE = `Usage: tydra runs <command> [options]

Commands:
  ls [DIR ...]          a table of runs (default: outputs/ and multirun/ here)
  show RUN              everything about one run
  diff RUN_A RUN_B      what differs: choices, config, code, environment, results
  rerun RUN [OVERRIDE]  run it again into a new run dir linked to the original

A RUN is a run dir, a run id, the short id 'tydra runs ls' shows, a unique prefix, or 'last'.

Options:
  --dir DIR             where to look for runs (repeatable; default outputs/ and multirun/)
  --where EXPR          keep runs where EXPR holds (repeatable): 'optimizer.lr>0.01',
                        'model.name==mlp && accuracy>=0.9', 'status==failed', 'optimizer==sgd'
  --status S[,S]        running, completed, failed, crashed
  --since T             2d, 12h, 30m, or a date (2024-05-01)
  --limit N             the N most recent runs
  --metrics a,b         the result columns to show (default: the first numeric ones)
  --format json         JSON instead of a table (ls, show, diff)
  --rebuild             ignore the run index (.tydra-index.jsonl) and read every run again
  --strict              rerun: refuse when the code or the config differs from the original
  --dry-run             rerun: print the plan and the checks, run nothing
  --no-config           show: leave out the resolved config`;

interface Parsed {
  flags: Record<string, string | boolean | string[] | undefined>;
  positional: string[];
  list(name: string): string[];
  one(name: string): string | undefined;
}

function parse(argv: readonly string[], command: string): Parsed {
  let unknown: string | undefined;
  const parsed = minimist([...argv], {
    string: ['_', ...STRINGS],
    boolean: BOOLEANS,
    alias: { h: 'help', f: 'format' },
    default: { config: true },
    unknown: (a) => {
      if (a.startsWith('-') && !/^-\d/.test(a) && unknown === undefined) unknown = a;
      return true;
    },
  });
  if (unknown !== undefined) {
    throw new TydraError(`Unknown option '${unknown}' for 'tydra runs ${command}'`, { hint: 'see tydra runs --help' });
  }
  // minimist reads a value flag at the end, or before another flag, as an empty string.
  for (const name of STRINGS) {
    const v = parsed[name] as unknown;
    if (v !== undefined && (Array.isArray(v) ? v : [v]).some((x) => String(x) === '')) {
      throw new TydraError(`Option '--${name}' of 'tydra runs ${command}' needs a value`, { hint: `--${name} <value>` });
    }
  }
  const list = (name: string): string[] => {
    const v = parsed[name] as unknown;
    return v === undefined ? [] : (Array.isArray(v) ? v : [v]).map(String);
  };
  return {
    flags: parsed as Parsed['flags'],
    positional: (parsed._ as string[]).map(String),
    list,
    one: (name) => list(name).at(-1),
  };
}

function formatOf(p: Parsed, allowed: readonly string[]): string {
  const f = p.one('format') ?? allowed[0] as string;
  if (!allowed.includes(f)) throw new TydraError(`Unknown format '${f}': use ${allowed.map((a) => `--format ${a}`).join(' or ')}`);
  return f;
}

function rootsOf(p: Parsed, cwd: string, extra: readonly string[] = []): string[] {
  const dirs = [...p.list('dir'), ...extra];
  return dirs.length > 0 ? dirs.map((d) => path.resolve(cwd, d)) : defaultRoots(cwd);
}

/** Run `tydra runs ...`; resolves to the exit code. */
export async function runsCommand(argv: readonly string[], out: (s: string) => void, opts: RunsCommandOptions = {}): Promise<number> {
  const cwd = opts.cwd ?? process.cwd();
  const err = opts.err ?? ((s: string) => process.stderr.write(s));
  const [sub, ...rest] = argv;
  if (sub === undefined || sub === '--help' || sub === '-h' || sub === 'help') {
    out(`${USAGE}\n`);
    return sub === undefined ? 1 : 0;
  }
  if (sub === 'rerun') {
    if (rest.includes('--help') || rest.includes('-h')) {
      out(`${USAGE}\n`);
      return 0;
    }
    // Everything but rerun's own flags is an override, kept verbatim.
    return rerun(rest, cwd, out, err);
  }
  const p = parse(rest, sub);
  if (p.flags.help) {
    out(`${USAGE}\n`);
    return 0;
  }
  switch (sub) {
    case 'ls':
    case 'list':
      return ls(p, cwd, out, err);
    case 'show':
      return show(p, cwd, out);
    case 'diff':
      return diff(p, cwd, out);
    default:
      throw new TydraError(`Unknown command 'tydra runs ${sub}'`, { hint: 'use ls, show, diff or rerun' });
  }
}

function ls(p: Parsed, cwd: string, out: (s: string) => void, err: (s: string) => void): number {
  const format = formatOf(p, ['table', 'json']);
  const roots = rootsOf(p, cwd, p.positional);
  const since = p.one('since');
  const where = p.list('where').map(parseWhere);
  const { runs, stats } = listRuns(roots, { rebuild: p.flags.rebuild === true });
  const filtered = filterRuns(runs, { status: p.list('status'), since: since ? parseSince(since) : undefined, where });
  for (const u of filtered.unknownKeys) err(`warning: no run has '${u.key}'${u.suggestion ? ` (did you mean '${u.suggestion}'?)` : ''}\n`);
  let shown = filtered.runs;
  const limit = p.one('limit');
  if (limit !== undefined) {
    const n = Number(limit);
    if (!Number.isInteger(n) || n < 0) throw new TydraError(`--limit takes a number, got '${limit}'`);
    shown = shown.slice(Math.max(0, shown.length - n));
  }
  if (p.flags.stats) err(`scanned ${roots.length} root(s): ${stats.runs} runs, ${stats.read} read, ${stats.listed} dirs listed, ${stats.ms.toFixed(1)} ms${stats.written ? ', index written' : ''}\n`);
  if (format === 'json') {
    out(`${JSON.stringify(shown.map(runToJson), null, 2)}\n`);
    return 0;
  }
  if (shown.length === 0) {
    const where = roots.map((r) => path.relative(cwd, r) || '.').join(', ');
    err(runs.length === 0 ? `No runs in ${where || '(no outputs/ or multirun/ here; pass --dir)'}\n` : `No run matches (${runs.length} runs in ${where})\n`);
    return 0;
  }
  const metrics = p.list('metrics').flatMap((m) => m.split(',')).filter(Boolean);
  out(formatRunTable(shown, { cwd, metrics }));
  return 0;
}

function show(p: Parsed, cwd: string, out: (s: string) => void): number {
  const format = formatOf(p, ['text', 'json']);
  const [name, ...extra] = p.positional;
  if (name === undefined || extra.length > 0) throw new TydraError('Usage: tydra runs show RUN');
  const roots = rootsOf(p, cwd);
  const run = findRun(name, { cwd, roots });
  const details = readRunDetails(run);
  const reruns = listRuns(roots).runs.filter((r) => r.rerunOf === run.dir);
  if (format === 'json') {
    const { entry, resolved: _resolved, authored: _authored, ...saved } = details;
    out(`${JSON.stringify({ ...runToJson(entry), details: saved, reruns: reruns.map((r) => r.dir) }, null, 2)}\n`);
    return 0;
  }
  out(formatRunDetails(details, { cwd, reruns, config: p.flags.config !== false }));
  return 0;
}

function diff(p: Parsed, cwd: string, out: (s: string) => void): number {
  const format = formatOf(p, ['text', 'json']);
  const [a, b, ...extra] = p.positional;
  if (a === undefined || b === undefined || extra.length > 0) throw new TydraError('Usage: tydra runs diff RUN_A RUN_B');
  const roots = rootsOf(p, cwd);
  const da = readRunDetails(findRun(a, { cwd, roots }));
  const db = readRunDetails(findRun(b, { cwd, roots }));
  const d = diffRuns(da, db);
  out(format === 'json' ? `${JSON.stringify(d, null, 2)}\n` : formatRunDiff(d, da, db, cwd));
  return 0;
}

async function rerun(argv: readonly string[], cwd: string, out: (s: string) => void, err: (s: string) => void): Promise<number> {
  // Own flags are --strict, --dry-run and --dir; everything else after the run is an override.
  const own = new Set(['--strict', '--dry-run']);
  const dirs: string[] = [];
  const positional: string[] = [];
  let strict = false;
  let dryRun = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '--dir') dirs.push(argv[++i] ?? '');
    else if (a.startsWith('--dir=')) dirs.push(a.slice(6));
    else if (own.has(a)) {
      if (a === '--strict') strict = true;
      else dryRun = true;
    } else if (a.startsWith('--') && !a.includes('=')) throw new TydraError(`Unknown option '${a}' for 'tydra runs rerun'`, { hint: 'tydra runs rerun RUN [OVERRIDE ...] [--strict] [--dry-run] [--dir DIR]' });
    else positional.push(a);
  }
  const [name, ...overrides] = positional;
  if (name === undefined) throw new TydraError('Usage: tydra runs rerun RUN [OVERRIDE ...] [--strict] [--dry-run]');
  const roots = dirs.length > 0 ? dirs.map((d) => path.resolve(cwd, d)) : defaultRoots(cwd);
  const original = readRunDetails(findRun(name, { cwd, roots }));
  const plan = await planRerun(original, overrides, { cwd });
  out(formatPlan(plan, cwd));
  if (strict && (plan.warnings.length > 0 || !plan.configChecked)) {
    err(`Refusing to rerun (--strict): ${plan.warnings.length > 0 ? 'the code or the config differs from the original' : 'the config could not be checked here'}\n`);
    return 1;
  }
  if (dryRun) return 0;

  let newDir: string | undefined;
  let exitCode: number;
  const started = new Date();
  if (plan.kind === 'command') {
    const { runCommand } = await import('./run-command.js');
    exitCode = await runCommand(plan.args, out, { cwd: plan.cwd, stderr: err, onRun: (dir) => (newDir ??= dir) });
  } else {
    const res = await runApp(plan, { out, err });
    exitCode = res.exitCode;
    const originalRoot = path.dirname(path.dirname(original.entry.sweep ? original.entry.sweep.dir : original.entry.dir));
    newDir = findRunByPid([...new Set([...defaultRoots(plan.cwd), originalRoot])], res.pid, started)?.dir;
  }
  const newRun = newDir ? readRunDir(newDir) : undefined;
  if (!newRun) {
    err(`warning: could not find the new run dir to link it to ${path.relative(cwd, original.entry.dir) || '.'}\n`);
    return exitCode;
  }
  await linkRerun(newRun, plan);
  const after = readRunDetails(newRun);
  const changes = diffNodes(original.resolved, after.resolved);
  const rel = (d: string) => path.relative(cwd, d) || '.';
  out(`\nNew run: ${rel(newRun.dir)} (${newRun.shortId}), a rerun of ${rel(original.entry.dir)} (${original.entry.shortId}): ${newRun.status}${newRun.exitCode !== null ? `, exit code ${newRun.exitCode}` : ''}\n`);
  out(changes.length === 0 ? 'The config is the same as the original\'s.\n' : `The config differs from the original's:\n${formatChanges(changes, { indent: '  ' }).join('\n')}\n`);
  out(`Compare: tydra runs diff ${original.entry.shortId} ${newRun.shortId}\n`);
  return exitCode;
}
