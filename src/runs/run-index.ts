/**
 * The run index: every run dir under a root (`outputs/`, `multirun/`), found without grepping.
 *
 * A scan walks the root for run dirs (a dir holding `.hydra/run.json`, or another hidden dir
 * with one) and sweep dirs (holding `jobs.jsonl`). What it found is kept in
 * `<root>/.tydra-index.jsonl`: a header line with the mtime and the children of every dir that
 * is not a run, then one line per run with the mtime of its metadata dir. The next scan reuses
 * all of it and only lists dirs whose mtime changed (a run was added or removed there) and only
 * re-reads runs whose metadata dir changed (every snapshot write is an atomic rename, so a run
 * that finishes, or gets a `rerun.json`, changes it). A missing, unreadable or older-version
 * index is rebuilt; an index that cannot be written (read-only dir) is only used in memory.
 */
import fs from 'node:fs';
import path from 'node:path';
import { writeFileAtomicSync } from '../runtime/atomic-write.js';
import { type RunEntry, findMetaDir, readRunEntry } from './run-entry.js';

export const INDEX_FILE = '.tydra-index.jsonl';
const INDEX_VERSION = 1;
/** How deep below a root run dirs are looked for (`multirun/<date>/<time>/<num>` is 3). */
const MAX_DEPTH = 8;
const SKIP = new Set(['node_modules', '__pycache__']);

interface ContainerRecord {
  mtimeMs: number;
  /** Child dirs that are neither runs nor skipped. */
  dirs: string[];
  /** Child dirs that are runs. */
  runs: string[];
  /** The dir is a sweep dir (`jobs.jsonl` or `multirun.yaml`). */
  sweep: boolean;
}

interface IndexedRun {
  rel: string;
  metaMtimeMs: number;
  entry: RunEntry;
}

interface IndexHeader {
  tydraIndex: number;
  root: string;
  containers: Record<string, ContainerRecord>;
}

export interface ScanStats {
  /** Runs found. */
  runs: number;
  /** Runs read from their files (new or changed since the index was written). */
  read: number;
  /** Dirs listed (the rest were known from the index). */
  listed: number;
  /** Whether the index file was (re)written. */
  written: boolean;
  ms: number;
}

export interface ScanResult {
  runs: RunEntry[];
  stats: ScanStats;
}

export interface ScanOptions {
  /** Ignore the index file and read every run (it is rewritten). */
  rebuild?: boolean;
  /** Do not write the index file. */
  readOnly?: boolean;
}

function relJoin(rel: string, name: string): string {
  return rel === '' ? name : `${rel}/${name}`;
}

/** Runs are stored with paths relative to the root, so a moved `outputs/` keeps its index. */
function toStored(e: RunEntry, root: string): RunEntry {
  return { ...e, dir: path.relative(root, e.dir) || '.', sweep: e.sweep ? { ...e.sweep, dir: path.relative(root, e.sweep.dir) || '.' } : null };
}

function fromStored(e: RunEntry, root: string): RunEntry {
  return { ...e, dir: path.resolve(root, e.dir), sweep: e.sweep ? { ...e.sweep, dir: path.resolve(root, e.sweep.dir) } : null };
}

function readIndex(root: string): { containers: Map<string, ContainerRecord>; runs: Map<string, IndexedRun> } | undefined {
  let text: string;
  try {
    text = fs.readFileSync(path.join(root, INDEX_FILE), 'utf8');
  } catch {
    return undefined;
  }
  const lines = text.split('\n');
  try {
    const header = JSON.parse(lines[0] as string) as IndexHeader;
    if (header.tydraIndex !== INDEX_VERSION) return undefined;
    const containers = new Map(Object.entries(header.containers));
    const runs = new Map<string, IndexedRun>();
    for (let i = 1; i < lines.length; i++) {
      const line = lines[i] as string;
      if (line === '') continue;
      const r = JSON.parse(line) as IndexedRun;
      runs.set(r.rel, r);
    }
    return { containers, runs };
  } catch {
    return undefined;
  }
}

function writeIndex(root: string, containers: Map<string, ContainerRecord>, runs: Map<string, IndexedRun>): boolean {
  const header: IndexHeader = { tydraIndex: INDEX_VERSION, root, containers: Object.fromEntries(containers) };
  const lines = [JSON.stringify(header)];
  for (const r of runs.values()) lines.push(JSON.stringify({ rel: r.rel, metaMtimeMs: r.metaMtimeMs, entry: toStored(r.entry, root) }));
  try {
    writeFileAtomicSync(path.join(root, INDEX_FILE), `${lines.join('\n')}\n`);
    return true;
  } catch {
    return false;
  }
}

function statMtime(p: string): number | undefined {
  try {
    return fs.statSync(p).mtimeMs;
  } catch {
    return undefined;
  }
}

function listDirs(dir: string): fs.Dirent[] | undefined {
  try {
    return fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return undefined;
  }
}

/** Job numbers of a sweep's job dirs, from its `jobs.jsonl` (`outputDir` → `num`). */
function sweepNumbers(sweepDir: string): Map<string, number> {
  const out = new Map<string, number>();
  let text: string;
  try {
    text = fs.readFileSync(path.join(sweepDir, 'jobs.jsonl'), 'utf8');
  } catch {
    return out;
  }
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      const j = JSON.parse(line) as { num?: number; outputDir?: string };
      if (typeof j.num === 'number' && typeof j.outputDir === 'string') out.set(path.resolve(sweepDir, j.outputDir), j.num);
    } catch {
      // a line being written; the next scan reads it
    }
  }
  return out;
}

/**
 * Find every run under `root`, using and refreshing `<root>/.tydra-index.jsonl`.
 * @example scanRoot('/abs/outputs').runs.length
 */
export function scanRoot(rootIn: string, opts: ScanOptions = {}): ScanResult {
  const t0 = performance.now();
  const root = path.resolve(rootIn);
  const old = opts.rebuild ? undefined : readIndex(root);
  const oldContainers = old?.containers ?? new Map<string, ContainerRecord>();
  const oldRuns = old?.runs ?? new Map<string, IndexedRun>();
  const containers = new Map<string, ContainerRecord>();
  const runs = new Map<string, IndexedRun>();
  const stats: ScanStats = { runs: 0, read: 0, listed: 0, written: false, ms: 0 };
  let changed = old === undefined;

  const readRun = (abs: string, rel: string, metaDir: string, sweep: { dir: string; num: number | null } | null, names?: string[]) => {
    const metaMtimeMs = statMtime(path.join(abs, metaDir));
    if (metaMtimeMs === undefined) return false;
    const entry = readRunEntry(abs, metaDir, { sweep, names });
    stats.read++;
    changed = true;
    runs.set(rel, { rel, metaMtimeMs, entry });
    return true;
  };

  /** A known run: reuse its entry when its metadata dir did not change. Returns false when it is no longer a run. */
  const checkRun = (abs: string, rel: string, sweepDir: string | null, numbers: () => Map<string, number>): boolean => {
    const known = oldRuns.get(rel);
    if (known) {
      const m = statMtime(path.join(abs, known.entry.metaDir));
      if (m !== undefined && m === known.metaMtimeMs) {
        runs.set(rel, { ...known, entry: fromStored(known.entry, root) });
        return true;
      }
    }
    const names = listDirs(abs);
    if (!names) return false;
    stats.listed++;
    const metaDir = findMetaDir(abs, names);
    if (!metaDir) return false;
    const sweep = sweepDir ? { dir: sweepDir, num: numbers().get(abs) ?? numberFromName(path.basename(abs)) } : null;
    return readRun(abs, rel, metaDir, sweep, names.map((n) => n.name));
  };

  /** Visit a dir that is not a run. Returns 'run' when it turned out to be one (it was just created). */
  const visit = (abs: string, rel: string, depth: number): 'container' | 'run' | 'gone' => {
    const mtimeMs = statMtime(abs);
    if (mtimeMs === undefined) return 'gone';
    const known = oldContainers.get(rel);
    let record: ContainerRecord;
    // The root is always listed: writing the index changes its mtime.
    if (known && known.mtimeMs === mtimeMs && rel !== '') record = { ...known, dirs: [...known.dirs], runs: [...known.runs] };
    else {
      const entries = listDirs(abs);
      if (!entries) return 'gone';
      stats.listed++;
      // (The root's mtime changes with every index write: its children tell whether it changed.)
      if (!known || (known.mtimeMs !== mtimeMs && rel !== '')) changed = true;
      const metaDir = findMetaDir(abs, entries);
      if (metaDir) {
        readRun(abs, rel, metaDir, null, entries.map((e) => e.name));
        return 'run';
      }
      record = { mtimeMs, dirs: [], runs: [], sweep: entries.some((e) => e.name === 'jobs.jsonl' || e.name === 'multirun.yaml') };
      for (const e of entries) {
        if (!e.isDirectory() || e.name.startsWith('.') || SKIP.has(e.name)) continue;
        const childRel = relJoin(rel, e.name);
        if (oldRuns.has(childRel)) record.runs.push(e.name);
        else if (oldContainers.has(childRel)) record.dirs.push(e.name);
        else {
          const childEntries = listDirs(path.join(abs, e.name));
          if (!childEntries) continue;
          stats.listed++;
          const childMeta = findMetaDir(path.join(abs, e.name), childEntries);
          if (childMeta) {
            record.runs.push(e.name);
            const sweep = record.sweep ? { dir: abs, num: null as number | null } : null;
            if (sweep) sweep.num = sweepNumbers(abs).get(path.join(abs, e.name)) ?? numberFromName(e.name);
            readRun(path.join(abs, e.name), childRel, childMeta, sweep, childEntries.map((c) => c.name));
          } else record.dirs.push(e.name);
        }
      }
      const names = (r: ContainerRecord) => [...r.dirs, ...r.runs].sort().join('\u0000');
      if (known && names(known) !== names(record)) changed = true;
    }
    containers.set(rel, record);
    let numbers: Map<string, number> | undefined;
    const lazyNumbers = () => (numbers ??= sweepNumbers(abs));
    record.runs = record.runs.filter((name) => {
      const childRel = relJoin(rel, name);
      if (runs.has(childRel)) return true;
      const ok = checkRun(path.join(abs, name), childRel, record.sweep ? abs : null, lazyNumbers);
      if (!ok) {
        changed = true;
        // No longer a run (its metadata dir went away): look at it again as a plain dir.
        if (fs.existsSync(path.join(abs, name))) record.dirs.push(name);
      }
      return ok;
    });
    if (depth < MAX_DEPTH) {
      record.dirs = record.dirs.filter((name) => {
        const kind = visit(path.join(abs, name), relJoin(rel, name), depth + 1);
        if (kind === 'run') {
          record.runs.push(name);
          changed = true;
        }
        if (kind === 'gone') changed = true;
        return kind === 'container';
      });
    }
    return 'container';
  };

  if (fs.existsSync(root)) {
    const kind = visit(root, '', 0);
    if (kind === 'run') containers.clear();
  }
  if (oldRuns.size !== runs.size || oldContainers.size !== containers.size) changed = true;
  if (changed && !opts.readOnly && fs.existsSync(root) && !(runs.size === 1 && runs.has(''))) stats.written = writeIndex(root, containers, runs);
  const list = [...runs.values()].map((r) => r.entry);
  list.sort(compareRuns);
  stats.runs = list.length;
  stats.ms = performance.now() - t0;
  return { runs: list, stats };
}

function numberFromName(name: string): number | null {
  return /^\d+$/.test(name) ? Number(name) : null;
}

/** Oldest first; runs without a start time last; ties by dir. */
export function compareRuns(a: RunEntry, b: RunEntry): number {
  const sa = a.startedAt ?? '\uffff';
  const sb = b.startedAt ?? '\uffff';
  if (sa !== sb) return sa < sb ? -1 : 1;
  return a.dir < b.dir ? -1 : a.dir > b.dir ? 1 : 0;
}

/**
 * The runs under several roots (each with its own index), oldest first, each run once.
 * @example listRuns(['outputs', 'multirun'])
 */
export function listRuns(roots: readonly string[], opts: ScanOptions = {}): ScanResult {
  const seen = new Set<string>();
  const all: RunEntry[] = [];
  const stats: ScanStats = { runs: 0, read: 0, listed: 0, written: false, ms: 0 };
  for (const r of roots) {
    const res = scanRoot(r, opts);
    for (const e of res.runs) {
      if (seen.has(e.dir)) continue;
      seen.add(e.dir);
      all.push(e);
    }
    stats.read += res.stats.read;
    stats.listed += res.stats.listed;
    stats.written ||= res.stats.written;
    stats.ms += res.stats.ms;
  }
  all.sort(compareRuns);
  stats.runs = all.length;
  return { runs: all, stats };
}
