/**
 * The files a job leaves for whoever launched it, under `<sweep dir>/.tydra/`: `results/<num>.json`
 * (its JobResult, written atomically by the process that ran it) and `logs/<num>.out` (its console,
 * for launchers that start processes). A launcher in another process, or `tydra collect` much
 * later, learns how a job ended from these files; the job's own run dir is not needed for that.
 */
import fs from 'node:fs';
import path from 'node:path';
import { writeFileAtomic, writeFileAtomicSync } from '../runtime/atomic-write.js';
import type { JobResult } from '../runtime/job-types.js';

/** tydra's bookkeeping dir inside a sweep dir. */
export const SWEEP_STATE_DIR = '.tydra';

export function jobResultPath(sweepDir: string, num: number): string {
  return path.join(sweepDir, SWEEP_STATE_DIR, 'results', `${num}.json`);
}

export function jobLogPath(sweepDir: string, num: number): string {
  return path.join(sweepDir, SWEEP_STATE_DIR, 'logs', `${num}.out`);
}

/** The result a job process wrote, or undefined when there is none (not finished, or killed). */
export function readJobResult(sweepDir: string, num: number): JobResult | undefined {
  let text: string;
  try {
    text = fs.readFileSync(jobResultPath(sweepDir, num), 'utf8');
  } catch {
    return undefined;
  }
  try {
    const r = JSON.parse(text) as JobResult;
    return typeof r === 'object' && r !== null && r.num === num && typeof r.status === 'string' ? r : undefined;
  } catch {
    return undefined;
  }
}

export async function writeJobResult(sweepDir: string, result: JobResult): Promise<void> {
  const file = jobResultPath(sweepDir, result.num);
  await fs.promises.mkdir(path.dirname(file), { recursive: true });
  await writeFileAtomic(file, `${JSON.stringify(result)}\n`, { fsyncDir: false });
}

export function writeJobResultSync(sweepDir: string, result: JobResult): void {
  const file = jobResultPath(sweepDir, result.num);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  writeFileAtomicSync(file, `${JSON.stringify(result)}\n`, { fsyncDir: false });
}

/** Forget an earlier attempt's result before a job runs again (resume). */
export function clearJobResult(sweepDir: string, num: number): void {
  fs.rmSync(jobResultPath(sweepDir, num), { force: true });
}

/** The last `lines` lines of a log file ('' when it cannot be read). */
export function tailOf(file: string, lines = 20, maxBytes = 16_384): string {
  try {
    const fd = fs.openSync(file, 'r');
    try {
      const size = fs.fstatSync(fd).size;
      const start = Math.max(0, size - maxBytes);
      const buf = Buffer.alloc(size - start);
      fs.readSync(fd, buf, 0, buf.length, start);
      return buf.toString('utf8').split('\n').filter((l, i, all) => l !== '' || i < all.length - 1).slice(-lines).join('\n');
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return '';
  }
}
