/**
 * Running one job of a sweep from its manifest, in a process started by a launcher
 * (`app ... --tydra-job <sweep dir>/jobs.jsonl <num>`): a local pool worker or a SLURM array task.
 * The job is rebuilt from its `jobs.jsonl` line and the sweep's frozen "now" in `sweep.json`.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Composer } from '../compose/compose.js';
import { TydraError } from '../errors.js';
import { parseOverride } from '../overrides/parser.js';
import { type AppRuntime, type JobOutcome, runJob } from '../runtime/run-job.js';
import { readManifest, readSweepInfo } from './manifest.js';

/** The launcher's id for this job: `ARRAYID_TASKID` on SLURM, else the job number. */
function launcherJobId(num: number): string {
  const array = process.env.SLURM_ARRAY_JOB_ID;
  const task = process.env.SLURM_ARRAY_TASK_ID;
  if (array && task) return `${array}_${task}`;
  if (process.env.SLURM_JOB_ID) return process.env.SLURM_JOB_ID;
  return process.env.TYDRA_JOB_ID ?? String(num);
}

export async function runManifestJob(app: AppRuntime, composer: Composer, job: { manifest: string; index: number }, _now: Date): Promise<JobOutcome> {
  const manifest = path.resolve(app.cwd, job.manifest);
  if (!fs.existsSync(manifest)) throw new TydraError(`--tydra-job: no manifest at ${manifest}`);
  const sweep = readSweepInfo(path.dirname(manifest));
  const entry = readManifest(manifest).find((j) => j.num === job.index);
  if (!entry) throw new TydraError(`--tydra-job: job ${job.index} is not in ${manifest}`);
  const composition = composer.compose(entry.overrides.map(parseOverride), { mode: 'multirun' });
  return runJob({ app, composition, mode: 'multirun', num: entry.num, id: launcherJobId(entry.num), now: new Date(sweep.now) });
}
