/**
 * Gathering a sweep's results after the fact (`tydra collect <sweep dir>`): for a detached SLURM
 * sweep, watch its arrays until every job has ended; for any sweep, take each job's result file
 * over a manifest line that lags behind (a sweep killed before it could write). Then rewrite
 * `jobs.jsonl`, `results.csv` and `summary.md`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { mergeAsync } from '../launch/async-queue.js';
import { jobLogPath, readJobResult } from '../launch/job-files.js';
import type { JobEvent } from '../launch/types.js';
import type { JobStatus } from '../runtime/job-types.js';
import { MANIFEST_FILE, type ManifestEntry, readManifest, readSweepInfo, writeManifest } from './manifest.js';
import type { Direction } from './metric.js';
import { writeResults } from './multirun.js';

const FINAL: ReadonlySet<string> = new Set<JobStatus>(['completed', 'failed', 'timeout', 'cancelled']);

export interface CollectOptions {
  /** Look once instead of waiting for running SLURM jobs. */
  noWait?: boolean;
  /** Seconds between SLURM polls. */
  pollIntervalS?: number;
  /** Sort `summary.md` by this metric (default: the sweep's `hydra.sweeper.metric`). */
  metric?: string | null;
  direction?: Direction;
  /** Called for each job event while waiting. */
  onEvent?: (ev: JobEvent) => void;
}

export interface Collected {
  sweepDir: string;
  entries: ManifestEntry[];
  /** True when every job has ended (whatever its status). */
  ended: boolean;
}

export async function collectSweep(dir: string, opts: CollectOptions = {}): Promise<Collected> {
  const sweepDir = path.resolve(dir);
  const record = readSweepInfo(sweepDir);
  const file = path.join(sweepDir, MANIFEST_FILE);
  const byNum = new Map<number, ManifestEntry>();
  for (const e of readManifest(file)) byNum.set(e.num, e);
  const apply = (ev: JobEvent) => {
    if (ev.type === 'finished') {
      const before = byNum.get(ev.result.num);
      byNum.set(ev.result.num, { ...(before ?? {}), ...ev.result, overrides: before?.overrides ?? ev.result.overrides, log: ev.log ?? before?.log });
    } else {
      const before = byNum.get(ev.num);
      if (before && !FINAL.has(before.status)) byNum.set(ev.num, { ...before, status: ev.type === 'started' ? 'running' : 'queued', id: ev.id ?? before.id });
    }
    opts.onEvent?.(ev);
  };

  const { readSubmissions, watchSubmission } = await import('../launch/slurm/launcher.js');
  const subs = readSubmissions(sweepDir);
  if (subs.length > 0) {
    // A job submitted again (resume) belongs to its latest array.
    const latest = new Map<number, string>();
    for (const s of subs) for (const n of s.nums) latest.set(n, s.jobId);
    const open = subs.filter((s) => s.nums.some((n) => latest.get(n) === s.jobId && !FINAL.has(byNum.get(n)?.status ?? 'pending')));
    const streams = open.map((s) =>
      watchSubmission(s, {
        sweepDir,
        pollMs: (opts.pollIntervalS ?? 2) * 1000,
        once: opts.noWait,
        jobs: new Map(s.nums.map((n) => [n, { num: n, overrides: byNum.get(n)?.overrides ?? [] }])),
      }),
    );
    for await (const ev of mergeAsync(streams)) {
      const num = ev.type === 'finished' ? ev.result.num : ev.num;
      const sub = open.find((s) => s.nums.includes(num) && latest.get(num) === s.jobId);
      if (sub) apply(ev);
    }
  }
  for (const [num, e] of byNum) {
    if (FINAL.has(e.status)) continue;
    const written = readJobResult(sweepDir, num);
    if (written) apply({ type: 'finished', result: written });
    // A job process that started just before its sweep was killed has a console log but no
    // manifest line saying so yet: it started (and may still run, if the sweep lives on).
    else if (e.status === 'pending' && fs.existsSync(jobLogPath(sweepDir, num))) byNum.set(num, { ...e, status: 'running', log: e.log ?? jobLogPath(sweepDir, num) });
  }
  const entries = [...byNum.values()].sort((a, b) => a.num - b.num);
  await writeManifest(file, entries);
  await writeResults(sweepDir, entries, {
    launcher: record.launcher,
    sweeper: record.sweeper,
    metric: opts.metric !== undefined ? opts.metric : record.metric,
    direction: opts.direction ?? record.direction,
  });
  // A basic sweep lists every job it will run; an optimiser may stop before n_trials.
  const listedAll = record.sweeper !== 'basic' || entries.length >= record.count;
  return { sweepDir, entries, ended: listedAll && entries.every((e) => FINAL.has(e.status)) };
}
