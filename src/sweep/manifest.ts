/**
 * What a sweep leaves in its dir to be rebuilt from disk: `sweep.json` (the sweep's frozen "now"
 * and how it was started) and `jobs.jsonl` (one JSON line per job, in job-number order: its
 * overrides, and once it ran, how it ended). Both are written atomically; `jobs.jsonl` is
 * rewritten as jobs finish, at most every quarter second (less often when it is large), so a
 * reader always sees one whole line per job.
 */
import fs from 'node:fs';
import path from 'node:path';
import { TydraError } from '../errors.js';
import { writeFileAtomic, writeFileAtomicSync } from '../runtime/atomic-write.js';
import type { JobResult, JobStatus } from '../runtime/job-types.js';

export const SWEEP_FILE = 'sweep.json';
export const MANIFEST_FILE = 'jobs.jsonl';

export interface SweepRecord {
  version: 1;
  /** The frozen "now" of the sweep (ISO 8601), shared by every job. */
  now: string;
  /** The app's command line (overrides and flags) that started the sweep: job processes are started with it. */
  argv: string[];
  /** The overrides of the sweep (argv without flags). */
  overrides?: string[];
  /** The number of jobs. */
  count: number;
  launcher: string;
  sweeper: string;
  /** What the sweeper needs to propose the same jobs again on resume (a random seed). */
  sweeperState?: Record<string, unknown>;
  /** What `summary.md` sorts by (see SummaryOptions.metric) and in which direction. */
  metric?: string | null;
  direction?: 'minimize' | 'maximize';
  createdAt: string;
  /** When the sweep was resumed. */
  resumedAt?: string[];
}

/** A line of `jobs.jsonl`: a job, and how it ended once it ran. */
export interface ManifestEntry extends Partial<Omit<JobResult, 'num' | 'overrides' | 'status'>> {
  num: number;
  overrides: string[];
  status: JobStatus | 'pending' | 'queued' | 'running';
  /** The file with the job's console output (local and SLURM launchers). */
  log?: string;
  /** How many times the job was launched (a resume adds one). */
  attempts?: number;
}

export function readSweepInfo(dir: string): SweepRecord {
  const file = path.join(dir, SWEEP_FILE);
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as SweepRecord;
  } catch (e) {
    throw new TydraError(`Cannot read ${file}: ${(e as Error).message}`, { hint: 'is this the dir of a sweep (multirun/<date>/<time>)?' });
  }
}

export function writeSweepInfo(dir: string, record: SweepRecord): void {
  writeFileAtomicSync(path.join(dir, SWEEP_FILE), `${JSON.stringify(record, null, 2)}\n`);
}

/** Every line of a manifest (a torn or foreign line is skipped). */
export function readManifest(file: string): ManifestEntry[] {
  const text = fs.readFileSync(file, 'utf8');
  const out: ManifestEntry[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      const e = JSON.parse(line) as ManifestEntry;
      if (typeof e.num === 'number' && Array.isArray(e.overrides)) out.push(e);
    } catch {
      // not a manifest line
    }
  }
  return out;
}

/**
 * One job's line, without parsing the others: a SLURM array task of a large sweep reads only
 * what it needs. Lines start with `{"num":N,` as this module writes them.
 */
export function readManifestEntry(file: string, num: number): ManifestEntry | undefined {
  const text = fs.readFileSync(file, 'utf8');
  const prefix = `{"num":${num},`;
  let at = text.startsWith(prefix) ? 0 : text.indexOf(`\n${prefix}`);
  if (at < 0) return readManifest(file).find((e) => e.num === num);
  if (at > 0) at += 1;
  const end = text.indexOf('\n', at);
  return JSON.parse(text.slice(at, end < 0 ? undefined : end)) as ManifestEntry;
}

function serialise(entries: Iterable<ManifestEntry>): string {
  let out = '';
  for (const e of entries) out += `${JSON.stringify(ordered(e))}\n`;
  return out;
}

/** `num` first, so that {@link readManifestEntry} finds a line by its start. */
function ordered(e: ManifestEntry): ManifestEntry {
  const { num, overrides, status, ...rest } = e;
  return { num, overrides, status, ...rest };
}

export async function writeManifest(file: string, entries: Iterable<ManifestEntry>): Promise<void> {
  await writeFileAtomic(file, serialise(entries), { fsyncDir: false });
}

export function writeManifestSync(file: string, entries: Iterable<ManifestEntry>): void {
  writeFileAtomicSync(file, serialise(entries), { fsyncDir: false });
}

/**
 * The manifest of a running sweep: entries in memory, written in job-number order, coalescing
 * bursts of updates into one write (at most every `minIntervalMs`, or four times the last write's time).
 */
export class ManifestWriter {
  readonly entries = new Map<number, ManifestEntry>();
  private dirty = false;
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> | undefined;
  private lastWriteMs = 0;
  private sorted = true;
  private maxNum = -1;
  /** Jobs whose line is in the file on disk. */
  private readonly onDisk = new Set<number>();

  constructor(
    readonly file: string,
    private readonly minIntervalMs = 250,
  ) {}

  get(num: number): ManifestEntry | undefined {
    return this.entries.get(num);
  }

  /** Add or replace a job's line. */
  set(entry: ManifestEntry): void {
    if (!this.entries.has(entry.num)) {
      if (entry.num < this.maxNum) this.sorted = false;
      this.maxNum = Math.max(this.maxNum, entry.num);
    }
    this.entries.set(entry.num, entry);
    this.markDirty();
  }

  /** Change fields of a job's line. */
  update(num: number, fields: Partial<ManifestEntry>): void {
    const e = this.entries.get(num);
    if (e) this.set({ ...e, ...fields, num });
  }

  private markDirty(): void {
    this.dirty = true;
    if (this.timer || this.writing) return;
    // A large manifest takes a while to write: keep writing it a small share of the time.
    const wait = Math.max(this.minIntervalMs, this.lastWriteMs * 4);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, wait);
    this.timer.unref();
  }

  private inOrder(): Iterable<ManifestEntry> {
    if (!this.sorted) {
      const all = [...this.entries.values()].sort((a, b) => a.num - b.num);
      this.entries.clear();
      for (const e of all) this.entries.set(e.num, e);
      this.sorted = true;
    }
    return this.entries.values();
  }

  /** Write now if anything changed (and wait for a write in progress). */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    while (this.writing) await this.writing;
    if (!this.dirty) return;
    this.dirty = false;
    const t0 = Date.now();
    const written = [...this.entries.keys()];
    this.writing = writeManifest(this.file, this.inOrder()).then(() => {
      for (const n of written) this.onDisk.add(n);
    });
    this.writing = this.writing.finally(() => {
      this.lastWriteMs = Date.now() - t0;
      this.writing = undefined;
    });
    await this.writing;
    if (this.dirty) this.markDirty();
  }

  /** Make sure the file on disk lists these jobs (a SLURM task reads its line from it). */
  async persist(nums: readonly number[]): Promise<void> {
    if (nums.every((n) => this.onDisk.has(n))) return;
    this.dirty = true;
    await this.flush();
    if (!nums.every((n) => this.onDisk.has(n))) await this.flush();
  }

  /** Write synchronously (from an exit handler). */
  flushSync(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    writeManifestSync(this.file, this.inOrder());
    this.dirty = false;
  }
}
