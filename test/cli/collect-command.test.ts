/**
 * `tydra collect`: rewrites results.csv and summary.md of a sweep dir, sorted as asked.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectCommand } from '../../src/cli/collect-command.js';
import { tempDir } from '../helpers/conf-tree.js';

/** A finished sweep of 3 jobs whose own metric is `accuracy`, maximized. */
function sweepDir(): string {
  const dir = tempDir('tydra-collect-');
  const record = { version: 1, now: '2024-05-01T12:00:00.000Z', argv: ['-m', 'a=1,2,3'], overrides: ['a=1,2,3'], count: 3, launcher: 'basic', sweeper: 'basic', metric: 'accuracy', direction: 'maximize', createdAt: '2024-05-01T12:00:00.000Z' };
  fs.writeFileSync(path.join(dir, 'sweep.json'), JSON.stringify(record));
  const jobs = [
    { accuracy: 0.9, loss: 0.2 },
    { accuracy: 0.8, loss: 0.1 },
    { accuracy: 0.7, loss: 0.3 },
  ].map((returnValue, num) => JSON.stringify({ num, overrides: [`a=${num + 1}`], status: 'completed', returnValue }));
  fs.writeFileSync(path.join(dir, 'jobs.jsonl'), `${jobs.join('\n')}\n`);
  return dir;
}

async function collect(dir: string, flags: string[]): Promise<string[]> {
  expect(await collectCommand([dir, ...flags], () => undefined)).toBe(0);
  const summary = fs.readFileSync(path.join(dir, 'summary.md'), 'utf8');
  const jobs = summary.split('\n').filter((l) => /^\| \d/.test(l)).map((l) => l.split(' | ')[1] as string);
  return [summary.split('\n').find((l) => l.startsWith('## Jobs')) as string, ...jobs];
}

describe('tydra collect', () => {
  it('sorts by the sweep’s own metric and direction without --sort-by', async () => {
    expect(await collect(sweepDir(), [])).toEqual(['## Jobs, by accuracy (highest first)', '0', '1', '2']);
  });

  it('sorts --sort-by METRIC lowest first, whatever the direction of the sweep’s own metric', async () => {
    expect(await collect(sweepDir(), ['--sort-by', 'loss'])).toEqual(['## Jobs, by loss (lowest first)', '1', '0', '2']);
  });

  it('sorts highest first with --sort-by METRIC --maximize', async () => {
    expect(await collect(sweepDir(), ['--sort-by', 'loss', '--maximize'])).toEqual(['## Jobs, by loss (highest first)', '2', '0', '1']);
  });

  it('tells a job that started before the sweep was killed from one never launched', async () => {
    const dir = sweepDir();
    const lines = [0, 1, 2].map((num) => JSON.stringify({ num, overrides: [`a=${num + 1}`, 'hydra/launcher=local'], status: num === 0 ? 'completed' : 'pending', returnValue: num === 0 ? { accuracy: 0.9 } : undefined }));
    fs.writeFileSync(path.join(dir, 'jobs.jsonl'), `${lines.join('\n')}\n`);
    fs.mkdirSync(path.join(dir, '.tydra', 'logs'), { recursive: true });
    fs.writeFileSync(path.join(dir, '.tydra', 'logs', '1.out'), 'epoch 1\n');
    const out: string[] = [];
    expect(await collectCommand([dir, '--no-wait'], (l) => out.push(l))).not.toBe(0);
    const manifest = fs.readFileSync(path.join(dir, 'jobs.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { num: number; status: string });
    expect(manifest.map((e) => e.status)).toEqual(['completed', 'running', 'pending']);
    const summary = fs.readFileSync(path.join(dir, 'summary.md'), 'utf8');
    expect(summary).toContain('- Jobs: 3 (1 completed, 1 running, 1 pending)');
    expect(summary).toContain('|  | 1 | running | 2 |');
    expect(out.join('\n')).toContain(': 3 jobs (1 completed, 1 running, 1 pending)');
  });
});
