// Benchmarks of the config core: merge, resolve and plain() conversion.
// Run after `npm run build`:  node bench/merge-resolve.bench.mjs [--runs 30] [--warmup 10]
// Prints a markdown table of medians (and p90) with the method used.
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { Resolution, plain } from '../dist/config/interpolation/resolve.js';
import { mergeInto } from '../dist/config/merge.js';
import { DictNode, ListNode, ValueNode, cloneNode } from '../dist/config/nodes.js';
import { builtinResolvers } from '../dist/config/resolvers/builtins.js';

const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};
const RUNS = arg('runs', 30);
const WARMUP = arg('warmup', 10);

/** A config of `groups` × `perGroup` leaves: ints, floats, strings, bools and a small list per group. */
function makeConfig(seed, groups = 20, perGroup = 50) {
  const root = new DictNode();
  let n = 0;
  for (let g = 0; g < groups; g++) {
    const group = new DictNode();
    for (let k = 0; k < perGroup - 2; k++, n++) {
      const v = (seed * 7919 + n) % 4;
      group.entries.set(
        `key_${k}`,
        v === 0 ? new ValueNode('int', seed + n) : v === 1 ? new ValueNode('float', (seed + n) / 3) : v === 2 ? new ValueNode('str', `value_${seed}_${n}`) : new ValueNode('bool', n % 2 === 0),
      );
    }
    group.entries.set('list', new ListNode([new ValueNode('int', seed), new ValueNode('int', g)]));
    root.entries.set(`group_${g}`, group);
  }
  return root;
}

/** A 1000-leaf config where 50 values are interpolations (node, relative, concatenated, resolver). */
function makeInterpolatedConfig() {
  const root = makeConfig(1);
  const kinds = [
    (g, k) => `\${group_${(g + 1) % 20}.key_${k}}`,
    (_g, k) => `\${.key_${k + 1}}`,
    (g, k) => `run_\${group_${g}.key_${k + 2}}_\${..group_0.key_0}`,
    () => '${oc.env:HOME,/tmp}',
    (g) => `\${oc.select:group_${g}.missing,default}`,
  ];
  for (let i = 0; i < 50; i++) {
    const g = i % 20;
    const k = (i * 7) % 40;
    const group = root.entries.get(`group_${g}`);
    group.entries.set(`key_${k}`, new ValueNode('str', kinds[i % kinds.length](g, k)));
  }
  return root;
}

function countLeaves(node) {
  if (node.kind === 'value') return 1;
  if (node.kind === 'list') return node.items.reduce((s, x) => s + countLeaves(x), 0);
  let s = 0;
  for (const v of node.entries.values()) s += countLeaves(v);
  return s;
}

function measure(fn) {
  for (let i = 0; i < WARMUP; i++) fn();
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const at = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
  return { median: at(0.5), p90: at(0.9), min: times[0] };
}

const sources = Array.from({ length: 10 }, (_, i) => makeConfig(i));
const interpolated = makeInterpolatedConfig();
const env = { HOME: '/home/bench' };
const resolvedTree = new Resolution(interpolated, { resolvers: builtinResolvers, env }).resolveTree();

const cases = [
  {
    name: `merge 10 configs × ${countLeaves(sources[0])} leaves`,
    fn: () => {
      const dest = new DictNode();
      for (const src of sources) mergeInto(dest, src);
      return dest;
    },
  },
  {
    name: `resolve a ${countLeaves(interpolated)}-leaf config with 50 interpolations (resolveTree)`,
    fn: () => new Resolution(interpolated, { resolvers: builtinResolvers, env }).resolveTree(),
  },
  {
    name: 'resolve the same config straight to plain data (toPlain)',
    fn: () => new Resolution(interpolated, { resolvers: builtinResolvers, env }).toPlain({ node: interpolated, path: [], final: false }),
  },
  {
    name: `plain() of a resolved ${countLeaves(resolvedTree)}-leaf tree`,
    fn: () => plain(resolvedTree),
  },
  {
    name: `cloneNode of a ${countLeaves(sources[0])}-leaf config`,
    fn: () => cloneNode(sources[0]),
  },
];

const rows = cases.map((c) => ({ name: c.name, ...measure(c.fn) }));
const ms = (x) => x.toFixed(3);
console.log(`Method: Node ${process.version} on ${os.cpus()[0]?.model ?? 'unknown CPU'} (${os.cpus().length} cores), ${WARMUP} warm-up runs then the median of ${RUNS} timed runs each (performance.now()), single process.`);
console.log('');
console.log('| benchmark | median (ms) | p90 (ms) | min (ms) |');
console.log('|---|---:|---:|---:|');
for (const r of rows) console.log(`| ${r.name} | ${ms(r.median)} | ${ms(r.p90)} | ${ms(r.min)} |`);
