/**
 * What a sweep leaves in its dir to be rebuilt from disk: `sweep.json` (the sweep's frozen "now"
 * and how it was started) and `jobs.jsonl` (one JSON line per job, in job-number order: its
 * overrides, and once it ran, how it ended). Both are written atomically.
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
  /** The app's command line (overrides and flags) that started the sweep. */
  argv: string[];
  /** The number of jobs. */
  count: number;
  launcher: string;
  sweeper: string;
  createdAt: string;
}

/** A line of `jobs.jsonl`: a job, and how it ended once it ran. */
export interface ManifestEntry extends Partial<Omit<JobResult, 'num' | 'overrides' | 'status'>> {
  num: number;
  overrides: string[];
  status: JobStatus | 'pending' | 'running';
}

export function readSweepInfo(dir: string): SweepRecord {
  const file = path.join(dir, SWEEP_FILE);
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as SweepRecord;
  } catch (e) {
    throw new TydraError(`Cannot read ${file}: ${(e as Error).message}`);
  }
}

export function writeSweepInfo(dir: string, record: SweepRecord): void {
  writeFileAtomicSync(path.join(dir, SWEEP_FILE), `${JSON.stringify(record, null, 2)}\n`);
}

export function readManifest(file: string): ManifestEntry[] {
  const text = fs.readFileSync(file, 'utf8');
  const out: ManifestEntry[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    out.push(JSON.parse(line) as ManifestEntry);
  }
  return out;
}

function serialise(entries: readonly ManifestEntry[]): string {
  return entries.map((e) => JSON.stringify(e)).join('\n') + (entries.length ? '\n' : '');
}

export async function writeManifest(file: string, entries: readonly ManifestEntry[]): Promise<void> {
  await writeFileAtomic(file, serialise(entries));
}

export function writeManifestSync(file: string, entries: readonly ManifestEntry[]): void {
  writeFileAtomicSync(file, serialise(entries));
}
