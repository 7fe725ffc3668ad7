import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ManifestWriter, type ManifestEntry, readManifest, readManifestEntry } from '../../src/sweep/manifest.js';
import { failureTable, rankEntries, resultsCsv, summaryMarkdown } from '../../src/sweep/results.js';
import { removeTmpDirs, tmpDir } from '../fixtures/multirun/helpers.js';

afterAll(removeTmpDirs);

const entries: ManifestEntry[] = [
  { num: 0, overrides: ['lr=0.1', 'seed=1', 'hydra/launcher=local'], status: 'completed', returnValue: { acc: 0.8, loss: 0.3 }, durationMs: 1200 },
  { num: 1, overrides: ['lr=0.01', 'seed=1', 'hydra/launcher=local'], status: 'completed', returnValue: { acc: 0.9, loss: 0.2 }, durationMs: 1000 },
  { num: 2, overrides: ['lr=0.001', 'seed=1', 'hydra/launcher=local'], status: 'failed', error: { name: 'Error', message: 'boom, "quoted"\nsecond line', stack: null } },
  { num: 3, overrides: ["lr='a,b'", 'seed=1', 'hydra/launcher=local'], status: 'timeout', error: { name: 'TimeoutError', message: 'too slow', stack: null } },
];

describe('results.csv', () => {
  it('has a row per job: status, the task overrides, the metrics, timings, and the first line of the error', () => {
    const lines = resultsCsv(entries).trim().split('\n');
    expect(lines[0]).toBe('num,status,lr,seed,acc,loss,duration_s,started_at,ended_at,id,output_dir,error');
    expect(lines[1]).toBe('0,completed,0.1,1,0.8,0.3,1.200,,,,,');
    expect(lines[3]).toBe('2,failed,0.001,1,,,,,,,,"Error: boom, ""quoted"""');
    expect(lines[4]?.startsWith('3,timeout,"\'a,b\'",1')).toBe(true);
  });

  it('names a metric after the return value when an override has the same name', () => {
    const csv = resultsCsv([{ num: 0, overrides: ['seed=1'], status: 'completed', returnValue: { seed: 1, acc: 1 } }]);
    expect(csv.split('\n')[0]).toBe('num,status,seed,result.seed,acc,duration_s,started_at,ended_at,id,output_dir,error');
  });

  it('puts a plain return value in a `result` column', () => {
    expect(resultsCsv([{ num: 0, overrides: [], status: 'completed', returnValue: 0.5 }]).split('\n')[1]).toBe('0,completed,0.5,,,,,,');
  });
});

describe('summary.md', () => {
  it('ranks jobs by the chosen metric, best first, and lists the failures', () => {
    const md = summaryMarkdown(entries, { sweepDir: '/s', metric: 'acc', direction: 'maximize' });
    expect(md).toContain('- Jobs: 4 (2 completed, 1 failed, 1 timeout)');
    expect(md).toContain('- Best acc (maximize): 0.9, job 1 (`lr=0.01 seed=1`)');
    const rows = md.split('\n').filter((l) => /^\| \d/.test(l));
    expect(rows[0]).toMatch(/^\| 1 \| 1 \| completed \| 0\.01 \| 0\.9 \| 0\.2 \| 1\.0 s \|$/);
    expect(md).toContain('## Failures');
    expect(md).toContain('| 3 | timeout | lr=\'a,b\' seed=1 | TimeoutError: too slow |  |');
  });

  it('sorts by job number when no metric is chosen, and lowest first when minimising', () => {
    expect(rankEntries(entries, undefined, 'minimize').map((e) => e.num)).toEqual([0, 1, 2, 3]);
    expect(rankEntries(entries, 'loss', 'minimize').map((e) => e.num)).toEqual([1, 0, 2, 3]);
  });

  it('prints an end-of-sweep table of the jobs that did not complete', () => {
    const table = failureTable(entries);
    expect(table.split('\n')).toHaveLength(3);
    expect(table).toMatch(/^job\s+status\s+duration\s+overrides\s+error/);
    expect(table).toContain('TimeoutError: too slow');
    expect(table).not.toContain('hydra/launcher');
    expect(failureTable(entries.slice(0, 2))).toBe('');
  });
});

describe('jobs.jsonl', () => {
  it('is written in job order, one line per job, coalescing bursts of updates', async () => {
    const file = path.join(tmpDir('tydra-manifest-'), 'jobs.jsonl');
    const w = new ManifestWriter(file, 50);
    w.set({ num: 2, overrides: ['a=3'], status: 'pending' });
    w.set({ num: 0, overrides: ['a=1'], status: 'pending' });
    w.set({ num: 1, overrides: ['a=2'], status: 'pending' });
    w.update(1, { status: 'completed', returnValue: 5 });
    await w.flush();
    expect(readManifest(file).map((e) => [e.num, e.status])).toEqual([
      [0, 'pending'],
      [1, 'completed'],
      [2, 'pending'],
    ]);
    expect(fs.readFileSync(file, 'utf8').split('\n')[1]).toBe('{"num":1,"overrides":["a=2"],"status":"completed","returnValue":5}');
    expect(readManifestEntry(file, 2)?.overrides).toEqual(['a=3']);
    expect(readManifestEntry(file, 0)?.overrides).toEqual(['a=1']);
    expect(readManifestEntry(file, 9)).toBeUndefined();
  });
});
