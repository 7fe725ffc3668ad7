/**
 * Naming a run on the command line: its dir, its id, its short id (the 6 characters at the end
 * of the id that `tydra runs ls` shows), a unique prefix of either, or `last`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { TydraError } from '../errors.js';
import { type RunEntry, findMetaDir, readRunEntry } from './run-entry.js';
import { listRuns } from './run-index.js';

export interface FindRunOptions {
  /** Where relative dirs are resolved. */
  cwd: string;
  /** The roots searched for ids (default `outputs` and `multirun` under `cwd`). */
  roots: readonly string[];
}

/** The default roots: `outputs/` and `multirun/` under `cwd` (those that exist). */
export function defaultRoots(cwd: string): string[] {
  return ['outputs', 'multirun'].map((r) => path.resolve(cwd, r)).filter((r) => fs.existsSync(r));
}

/** Read one run dir directly (fresh, not from an index). Undefined when `dir` is not a run dir. */
export function readRunDir(dir: string): RunEntry | undefined {
  let names: fs.Dirent[];
  try {
    names = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return undefined;
  }
  const metaDir = findMetaDir(dir, names);
  if (!metaDir) return undefined;
  const parent = path.dirname(dir);
  const inSweep = fs.existsSync(path.join(parent, 'jobs.jsonl')) || fs.existsSync(path.join(parent, 'multirun.yaml'));
  let sweep: RunEntry['sweep'] = null;
  if (inSweep) {
    sweep = { dir: parent, num: /^\d+$/.test(path.basename(dir)) ? Number(path.basename(dir)) : null };
    try {
      for (const line of fs.readFileSync(path.join(parent, 'jobs.jsonl'), 'utf8').split('\n')) {
        if (!line.trim()) continue;
        const j = JSON.parse(line) as { num?: number; outputDir?: string };
        if (typeof j.num === 'number' && j.outputDir && path.resolve(parent, j.outputDir) === dir) sweep.num = j.num;
      }
    } catch {
      // no manifest: the dir name is the job number
    }
  }
  return readRunEntry(dir, metaDir, { names: names.map((n) => n.name), sweep });
}

function describe(r: RunEntry, cwd: string): string {
  return `${r.shortId}  ${path.relative(cwd, r.dir) || '.'}  (${r.id})`;
}

/**
 * Find the run `name` stands for.
 * @example findRun('k3f9', { cwd, roots: defaultRoots(cwd) }).dir
 */
export function findRun(name: string, opts: FindRunOptions): RunEntry {
  const asDir = path.resolve(opts.cwd, name);
  if (fs.existsSync(asDir) && fs.statSync(asDir).isDirectory()) {
    const run = readRunDir(asDir);
    if (run) return run;
    if (fs.existsSync(path.join(asDir, 'jobs.jsonl'))) {
      const jobs = fs
        .readdirSync(asDir, { withFileTypes: true })
        .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
        .map((e) => e.name);
      throw new TydraError(`${name} is a sweep dir with ${jobs.length} job dirs, not a run`, {
        hint: jobs.length > 0 ? `name one of its jobs, e.g. ${path.join(name, jobs.sort()[0] as string)}` : undefined,
      });
    }
    throw new TydraError(`${name} is not a run dir (it has no .hydra/run.json)`, { hint: `list the runs under it: tydra runs ls --dir ${name}` });
  }
  const runs = listRuns(opts.roots).runs;
  const where = opts.roots.map((r) => path.relative(opts.cwd, r) || '.').join(', ') || '(no outputs/ or multirun/ here)';
  if (runs.length === 0) {
    throw new TydraError(`No run named '${name}': there are no runs in ${where}`, { hint: 'name the run by its dir, or pass --dir ROOT' });
  }
  if (name === 'last') return runs[runs.length - 1] as RunEntry;
  const exact = runs.filter((r) => r.id === name || r.shortId === name);
  if (exact.length === 1) return exact[0] as RunEntry;
  const matches = exact.length > 1 ? exact : runs.filter((r) => r.id.startsWith(name) || r.shortId.startsWith(name));
  if (matches.length === 1) return matches[0] as RunEntry;
  if (matches.length === 0) {
    throw new TydraError(`No run named '${name}' in ${where}`, { hint: "see 'tydra runs ls'; a run is named by its dir, its id, or a unique prefix of its id or short id" });
  }
  const shown = matches.slice(-10).map((r) => `  ${describe(r, opts.cwd)}`);
  throw new TydraError(`'${name}' names ${matches.length} runs:\n${shown.join('\n')}${matches.length > 10 ? '\n  …' : ''}`, {
    hint: 'give more of the id, or the run dir',
  });
}
