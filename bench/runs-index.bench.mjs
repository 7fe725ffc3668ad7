// `tydra runs ls` over many run dirs: one real run of the ML example, copied BENCH_RUNS times
// (default 2,000) under outputs/, each copy with its own run id; then the whole command, with the
// run index rebuilt from every run dir (`--rebuild`) and with the index kept from the run before,
// timed interleaved. The first scan of a fresh tree (which writes the index) is timed once.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { table, timeCommands } from './lib.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const runs = Number(process.env.BENCH_RUNS ?? 2000);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tydra-bench-runs-'));
const node = process.execPath;
const cli = path.join(root, 'dist', 'cli.js');
const one = path.join(dir, 'one');
const made = spawnSync(node, [path.join(root, 'conf-examples', 'ml-train', 'train.js'), `hydra.run.dir=${one}`, 'train.epochs=2', '--quiet'], { cwd: dir, encoding: 'utf8' });
if (made.status !== 0) throw new Error(`the example failed: ${made.stderr}`);
const outputs = path.join(dir, 'outputs');
for (let i = 0; i < runs; i++) {
  const to = path.join(outputs, `2024-01-${String(1 + (i % 28)).padStart(2, '0')}`, `run-${String(i).padStart(5, '0')}`);
  fs.cpSync(one, to, { recursive: true });
  const runJson = path.join(to, '.hydra', 'run.json');
  const rec = JSON.parse(fs.readFileSync(runJson, 'utf8'));
  rec.id = `${rec.id}-${i}`;
  fs.writeFileSync(runJson, JSON.stringify(rec));
}
const ls = [node, cli, 'runs', 'ls', '--dir', outputs];
const t0 = performance.now();
const first = spawnSync(ls[0], ls.slice(1), { encoding: 'utf8' });
const firstMs = performance.now() - t0;
if (first.status !== 0) throw new Error(`runs ls failed: ${first.stderr}`);
const rows = first.stdout.trim().split('\n').length - 1;
const [floor, rebuilt, indexed, json] = timeCommands([[node, '-e', '0'], [...ls, '--rebuild'], ls, [...ls, '--format', 'json']], { rounds: 9 });
fs.rmSync(dir, { recursive: true, force: true });
const ms = (x) => `${x.toFixed(0)} ms`;
console.log(`## The run index: \`tydra runs ls\` over ${runs} run dirs (wall time, median of 9 interleaved rounds)\n`);
console.log(
  table(
    ['command', 'median'],
    [
      ['`node -e 0`', ms(floor)],
      [`first \`runs ls\` of the tree (reads every run dir, writes the index; once, ${rows} rows)`, ms(firstMs)],
      ['`runs ls --rebuild` (every run dir read again, files in the page cache)', ms(rebuilt)],
      ['`runs ls` with the index up to date', ms(indexed)],
      ['`runs ls --format json` with the index up to date', ms(json)],
    ],
  ),
);
console.log();
