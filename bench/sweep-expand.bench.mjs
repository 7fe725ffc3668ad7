// Expanding a 1,000,000-job sweep: planning it (lazy: no job is built), computing every job's
// overrides, and getting from the command line to "ready to launch" (sweep-level compose, plan,
// validation of each distinct group-choice combination).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { median, table, timeIt } from './lib.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const dist = (p) => new URL(`../dist/${p}`, import.meta.url).href;
const { parseOverride } = await import(dist('overrides/parser.js'));
const { planBasicSweep, jobOverridesAt } = await import(dist('sweep/basic.js'));
const { Composer } = await import(dist('compose/compose.js'));
const { sweepPlanFor } = await import(dist('sweep/sweep-plan.js'));
const { validateSweep } = await import(dist('sweep/validate.js'));

const cli = ['a=range(1000)', 'b=range(500)', 'model=small,large'];
const parsed = cli.map((o) => parseOverride(o));
const opts = { groupOptions: () => [] };

const gc = () => globalThis.gc?.();
gc();
const heap0 = process.memoryUsage().heapUsed;
const plan = planBasicSweep(parsed, opts);
gc();
const planHeap = process.memoryUsage().heapUsed - heap0;
const planMs = timeIt(() => planBasicSweep(parsed, opts), { runs: 15, warmup: 3 });

let t0 = performance.now();
let chars = 0;
for (let n = 0; n < plan.count; n++) chars += jobOverridesAt(plan, n).length;
const iterateMs = performance.now() - t0;

const conf = fs.mkdtempSync(path.join(os.tmpdir(), 'tydra-bench-sweep-'));
fs.mkdirSync(path.join(conf, 'model'));
fs.writeFileSync(path.join(conf, 'config.yaml'), 'defaults:\n  - model: small\n  - _self_\na: 0\nb: 0\n');
fs.writeFileSync(path.join(conf, 'model', 'small.yaml'), 'hidden: 16\n');
fs.writeFileSync(path.join(conf, 'model', 'large.yaml'), 'hidden: 256\n');
const ready = [];
let combos = 0;
for (let r = 0; r < 7; r++) {
  t0 = performance.now();
  const composer = new Composer({ configDir: conf, configName: 'config', mode: 'multirun' }, parsed);
  const p = sweepPlanFor(composer, parsed);
  combos = validateSweep(composer, p.dimensions).combinations;
  ready.push(performance.now() - t0);
}
const countRuns = [];
for (let r = 0; r < 7; r++) {
  const a = process.hrtime.bigint();
  const res = spawnSync(process.execPath, [path.join(root, 'dist', 'cli.js'), 'sweep', '--config-dir', conf, '--config-name', 'config', '--count', ...cli], { encoding: 'utf8' });
  countRuns.push(Number(process.hrtime.bigint() - a) / 1e6);
  if (res.stdout.trim() !== String(plan.count)) throw new Error(`tydra sweep --count said ${res.stdout}`);
}
fs.rmSync(conf, { recursive: true, force: true });

const ms = (x) => (x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(x < 10 ? 2 : 0)} ms`);
console.log(`## Expanding a ${plan.count.toLocaleString('en')}-job sweep (\`${cli.join(' ')}\`)\n`);
console.log(
  table(
    ['step', 'time', 'note'],
    [
      ['plan the sweep (lazy)', ms(planMs), `heap +${(planHeap / 1024).toFixed(0)} KiB: no job is built`],
      ['compute the overrides of every job', ms(iterateMs), `${(iterateMs * 1000 / plan.count).toFixed(2)} µs per job (${chars} overrides)`],
      ['compose + plan + validate (ready to launch)', ms(median(ready)), `${combos} group-choice combinations composed, not ${plan.count.toLocaleString('en')} jobs`],
      ['`tydra sweep --count` (a process)', ms(median(countRuns)), 'includes Node start-up'],
    ],
  ),
);
console.log();
