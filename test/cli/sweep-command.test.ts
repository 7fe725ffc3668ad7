/**
 * `tydra sweep`: the jobs of a multirun in Hydra's order, each with its overrides and its resolved
 * config, and the hydra values a job sees (job.num, job.id, mode, override_dirname).
 */
import { describe, expect, it } from 'vitest';
import { sweepCommand } from '../../src/cli/sweep-command.js';
import { confTree } from '../helpers/conf-tree.js';

async function sweep(files: Record<string, string>, overrides: string[], extra: string[] = []): Promise<string> {
  const dir = confTree(files);
  let out = '';
  const code = await sweepCommand(['--config-dir', dir, '--config-name', 'config', ...extra, ...overrides], (s) => {
    out += s;
  });
  expect(code).toBe(0);
  return out;
}

describe('tydra sweep', () => {
  it('gives each job the hydra values Hydra gives it: job.num, job.id, mode and override_dirname', async () => {
    const out = await sweep(
      { 'config.yaml': 'a: 1\nn: ${hydra:job.num}\ni: ${hydra:job.id}\nm: ${hydra:mode}\nd: ${hydra:job.override_dirname}\nsub: ${hydra:sweep.subdir}\n' },
      ['a=1,2'],
      ['--format', 'json'],
    );
    const jobs = JSON.parse(out) as { overrides: string[]; config: Record<string, unknown> }[];
    expect(jobs.map((j) => j.config)).toEqual([
      { a: 1, n: 0, i: '0', m: 'MULTIRUN', d: 'a=1', sub: '0' },
      { a: 2, n: 1, i: '1', m: 'MULTIRUN', d: 'a=2', sub: '1' },
    ]);
  });

  it('varies the first swept key slowest and renders values as Hydra does', async () => {
    const out = await sweep({ 'config.yaml': 'lr: 0.1\nflag: false\n' }, ['lr=1e-3,0.01', 'flag=true,false', '+tag="a,b"'], ['--format', 'json']);
    expect((JSON.parse(out) as { overrides: string[] }[]).map((j) => j.overrides)).toEqual([
      ['lr=0.001', 'flag=True', '+tag="a,b"'],
      ['lr=0.001', 'flag=False', '+tag="a,b"'],
      ['lr=0.01', 'flag=True', '+tag="a,b"'],
      ['lr=0.01', 'flag=False', '+tag="a,b"'],
    ]);
  });

  it('counts the jobs of a huge sweep without expanding it', async () => {
    expect(await sweep({ 'config.yaml': 'a: 1\nb: 2\n' }, ['a=range(100000)', 'b=range(100)'], ['--count'])).toBe('10000000\n');
  });

  it('takes hydra.sweeper.params from the config, the command line winning in place', async () => {
    const out = await sweep({ 'config.yaml': 'a: 1\nb: 2\nhydra:\n  sweeper:\n    params:\n      a: 1,2\n      b: 3,4\n' }, ['a=9'], ['--format', 'json']);
    expect((JSON.parse(out) as { overrides: string[] }[]).map((j) => j.overrides)).toEqual([
      ['a=9', 'b=3'],
      ['a=9', 'b=4'],
    ]);
  });
});
