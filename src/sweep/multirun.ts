/**
 * A multirun: compose the sweep config, create the sweep dir (unique), write `multirun.yaml`,
 * `sweep.json` and the `jobs.jsonl` manifest, expand the sweep into jobs and launch them.
 */
import path from 'node:path';
import { checkSweepsAllowed, parseAll } from '../compose/compose.js';
import { sweepPlanFor } from '../compose/sweep-plan.js';
import { toYaml } from '../config/output/to-yaml.js';
import { parseOverride } from '../overrides/parser.js';
import { writeFileAtomic } from '../runtime/atomic-write.js';
import type { JobResult } from '../runtime/job-types.js';
import type { MultirunInput } from '../runtime/main.js';
import { createRunDir } from '../runtime/run-dir.js';
import { runJob } from '../runtime/run-job.js';
import { jobOverridesAt } from './basic.js';
import { MANIFEST_FILE, type ManifestEntry, writeManifest, writeSweepInfo } from './manifest.js';

export async function runMultirun(input: MultirunInput): Promise<JobResult[]> {
  const { app, composer, now } = input;
  const parsed = parseAll(input.overrides);
  checkSweepsAllowed(parsed, 'multirun');
  const sweepConfig = composer.compose(parsed, { mode: 'multirun' });
  const res = sweepConfig.resolution;
  const dirLoc = res.select(['hydra', 'sweep', 'dir']);
  const rel = dirLoc && dirLoc.node.kind === 'value' ? String(dirLoc.node.value) : 'multirun';
  const sweepDir = await createRunDir(path.resolve(app.cwd, rel));
  await writeFileAtomic(path.join(sweepDir, 'multirun.yaml'), toYaml(sweepConfig.root));
  const plan = sweepPlanFor(composer, parsed);
  const entries: ManifestEntry[] = [];
  for (let n = 0; n < plan.count; n++) entries.push({ num: n, overrides: jobOverridesAt(plan, n), status: 'pending' });
  writeSweepInfo(sweepDir, {
    version: 1,
    now: now.toISOString(),
    argv: [...input.args.overrides],
    count: plan.count,
    launcher: 'basic',
    sweeper: 'basic',
    createdAt: new Date().toISOString(),
  });
  const manifest = path.join(sweepDir, MANIFEST_FILE);
  await writeManifest(manifest, entries);
  const results: JobResult[] = [];
  for (const entry of entries) {
    const composition = composer.compose(entry.overrides.map(parseOverride), { mode: 'multirun' });
    const outcome = await runJob({ app, composition, mode: 'multirun', num: entry.num, now, sweepDir });
    results.push(outcome.result);
    Object.assign(entry, outcome.result);
    await writeManifest(manifest, entries);
  }
  return results;
}
