// In-process composition of a generated 500-file tree (10 groups × 5 options × nested groups,
// interpolations between groups): cold first compose, then the warm median. Target: warm well under 5 ms.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { composeTree, resolvedJobConfig } from '../dist/compose/compose.js';
import { median, table } from './lib.mjs';

function generate(dir) {
  let files = 0;
  const defaults = [];
  for (let g = 0; g < 10; g++) {
    defaults.push(`  - g${g}: o0`);
    for (let o = 0; o < 5; o++) {
      for (let s = 0; s < 9; s++) {
        const sub = path.join(dir, `g${g}`, `s${s}`);
        fs.mkdirSync(sub, { recursive: true });
        fs.writeFileSync(path.join(sub, `o${o}.yaml`), `value: ${s * o}\nlabel: g${g}-s${s}-o${o}\nratio: 0.${o}5\nitems: [${s}, ${o}]\n`);
        files++;
      }
      const nested = Array.from({ length: 9 }, (_, s) => `  - s${s}: o${(o + s) % 5}`).join('\n');
      fs.writeFileSync(
        path.join(dir, `g${g}`, `o${o}.yaml`),
        `defaults:\n${nested}\n  - _self_\nid: g${g}-o${o}\nlr: 0.0${o + 1}\nref: \${.id}-\${seed}\nparams:\n  a: ${o}\n  b: [1, 2, 3]\n  c: {x: 1, y: 'two'}\n`,
      );
      files++;
    }
  }
  fs.writeFileSync(path.join(dir, 'config.yaml'), `defaults:\n${defaults.join('\n')}\n  - _self_\nseed: 7\nsummary: \${g0.id}/\${g9.id}\n`);
  return files + 1;
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tydra-bench-500-'));
const files = generate(dir);
const cold = performance.now();
resolvedJobConfig(composeTree({ configDir: dir, configName: 'config' }));
const coldMs = performance.now() - cold;
const warm = [];
for (let i = 0; i < 40; i++) {
  const a = performance.now();
  resolvedJobConfig(composeTree({ configDir: dir, configName: 'config', overrides: [`seed=${i}`, `g${i % 10}=o${i % 5}`] }));
  warm.push(performance.now() - a);
}
fs.rmSync(dir, { recursive: true, force: true });
console.log(`## Composing a generated ${files}-file tree (in process, compose + resolve)\n`);
console.log(
  table(
    ['run', 'time'],
    [
      ['first compose (cold: files read and parsed, JIT cold)', `${coldMs.toFixed(2)} ms`],
      ['warm median of 40 (parsed files cached, different overrides)', `${median(warm.slice(5)).toFixed(2)} ms`],
    ],
  ),
);
console.log();
