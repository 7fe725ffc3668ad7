// Small helpers shared by the benchmarks: medians of repeated runs, side-by-side process timings.
import { spawnSync } from 'node:child_process';

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Time `fn` `runs` times after `warmup` runs; returns the median in ms. */
export function timeIt(fn, { runs = 30, warmup = 5 } = {}) {
  for (let i = 0; i < warmup; i++) fn();
  const t = [];
  for (let i = 0; i < runs; i++) {
    const a = performance.now();
    fn();
    t.push(performance.now() - a);
  }
  return median(t);
}

/**
 * Wall time of whole commands, interleaved round by round so that machine noise hits all of
 * them alike; returns the median per command in ms.
 */
export function timeCommands(commands, { rounds = 21 } = {}) {
  const times = commands.map(() => []);
  for (let r = 0; r < rounds; r++) {
    commands.forEach((argv, i) => {
      const a = process.hrtime.bigint();
      const res = spawnSync(argv[0], argv.slice(1), { stdio: ['ignore', 'ignore', 'pipe'] });
      const ms = Number(process.hrtime.bigint() - a) / 1e6;
      if (res.status !== 0) throw new Error(`${argv.join(' ')} failed: ${res.stderr}`);
      times[i].push(ms);
    });
  }
  return times.map(median);
}

export function table(header, rows) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}
