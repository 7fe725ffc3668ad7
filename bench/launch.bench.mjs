// Per-job launch overhead of the basic and local launchers: a trivial app (compose, job dir,
// .hydra snapshots, log file, run.json, return value) run as a sweep of 200 jobs, and of 1 job;
// the difference per job is what each launcher adds per job.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { median, table } from './lib.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tydra-bench-launch-'));
fs.mkdirSync(path.join(dir, 'conf'), { recursive: true });
fs.mkdirSync(path.join(dir, 'node_modules'));
fs.symlinkSync(root, path.join(dir, 'node_modules', 'tydra'));
fs.writeFileSync(path.join(dir, 'conf', 'config.yaml'), 'a: 0\nlr: 0.1\n');
fs.writeFileSync(
  path.join(dir, 'app.mjs'),
  "import { main } from 'tydra';\nmain({ configPath: 'conf', configName: 'config', name: 'app' }, (cfg) => ({ x: cfg.a * cfg.lr }));\n",
);
const N = 200;
const ROUNDS = 3;

/** Wall time (ms) of one sweep of `n` jobs with `extra` overrides. */
function sweep(n, extra) {
  const out = path.join(dir, 'multirun');
  fs.rmSync(out, { recursive: true, force: true });
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [path.join(dir, 'app.mjs'), '-m', `a=range(${n})`, '-q', `hydra.sweep.dir=${out}`, ...extra], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`sweep failed: ${r.stderr}`);
  return ms;
}

const cases = [
  ['basic (in-process, serial)', []],
  ['local, n_jobs=1 (one process per job)', ['hydra/launcher=local', 'hydra.launcher.n_jobs=1']],
  [`local, n_jobs=${os.availableParallelism?.() ?? os.cpus().length} (the cores)`, ['hydra/launcher=local']],
  [`local, n_jobs=${os.availableParallelism?.() ?? os.cpus().length}, reuse_processes=true`, ['hydra/launcher=local', 'hydra.launcher.reuse_processes=true']],
];
const rows = [];
for (const [name, extra] of cases) {
  const one = [];
  const many = [];
  for (let r = 0; r < ROUNDS; r++) {
    one.push(sweep(1, extra));
    many.push(sweep(N, extra));
  }
  const t1 = median(one);
  const tn = median(many);
  rows.push([name, `${(tn / 1000).toFixed(2)} s`, `${t1.toFixed(0)} ms`, `${((tn - t1) / (N - 1)).toFixed(1)} ms`]);
}
fs.rmSync(dir, { recursive: true, force: true });
console.log(`## Launch overhead: ${N} trivial jobs (median of ${ROUNDS} runs)\n`);
console.log(table(['launcher', `${N}-job sweep`, '1-job sweep', 'per extra job (wall)'], rows));
console.log();
