// `npm run bench`: runs every bench/*.bench.mjs in turn (after `npm run build`) and prints their
// markdown tables. Benchmarks are never run by the tests; numbers go to docs/performance.md.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const here = path.dirname(new URL(import.meta.url).pathname);
const only = process.argv.slice(2);
const files = fs.readdirSync(here).filter((f) => f.endsWith('.bench.mjs') && (only.length === 0 || only.some((o) => f.includes(o)))).sort();
console.log(`# tydra benchmarks\n\nNode ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${new Date().toISOString()}\n`);
let failed = 0;
for (const f of files) {
  const r = spawnSync(process.execPath, ['--expose-gc', path.join(here, f)], { stdio: 'inherit', cwd: path.dirname(here) });
  if (r.status !== 0) failed++;
}
process.exitCode = failed ? 1 : 0;
