// Parsing 10,000 overrides (distinct strings of the common kinds), cold and warm.
import { parseOverride } from '../dist/overrides/parser.js';
import { median, table } from './lib.mjs';

const kinds = [
  (i) => `a.b${i}=${i}`,
  (i) => `+trainer.lr_${i}=0.00${i}`,
  (i) => `db${i % 7}=mysql_${i}`,
  (i) => `~x${i}`,
  (i) => `k${i}=[1,2,${i}]`,
  (i) => `k${i}={a:${i},b:'x y'}`,
  (i) => `seed${i}=1,2,3`,
  (i) => `lr${i}=range(0,${i},2)`,
  (i) => `name${i}='quoted, ${i}'`,
  (i) => `p${i}=\${oc.env:HOME}/x${i}`,
];
const inputs = Array.from({ length: 10000 }, (_, i) => kinds[i % kinds.length](i));
const runs = [];
for (let r = 0; r < 15; r++) {
  const a = performance.now();
  for (const s of inputs) parseOverride(s);
  runs.push(performance.now() - a);
}
console.log('## Parsing 10,000 overrides (in process)\n');
console.log(
  table(
    ['run', 'total', 'per override'],
    [
      ['first (cold JIT)', `${runs[0].toFixed(2)} ms`, `${((runs[0] * 1000) / inputs.length).toFixed(2)} µs`],
      ['median of the next 14', `${median(runs.slice(1)).toFixed(2)} ms`, `${((median(runs.slice(1)) * 1000) / inputs.length).toFixed(2)} µs`],
    ],
  ),
);
console.log();
