import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { findRun } from '../../src/runs/find-run.js';
import { INDEX_FILE, listRuns, scanRoot } from '../../src/runs/run-index.js';
import { liveState } from '../../src/runs/run-entry.js';
import { runFixtureApp, tempDir } from './helpers.js';

describe('the run index, on runs of a real app', () => {
  let cwd: string;
  beforeAll(async () => {
    cwd = tempDir();
    await runFixtureApp(cwd, ['model.lr=0.2']);
    await runFixtureApp(cwd, ['db=postgres', 'seed=5']);
    await runFixtureApp(cwd, ['seed=9'], { fail: true });
    await runFixtureApp(cwd, ['-m', 'model=small,big', 'seed=1,2']);
  });

  it('finds single runs and the jobs of a sweep, oldest first, with what they were run with', () => {
    const { runs } = listRuns([path.join(cwd, 'outputs'), path.join(cwd, 'multirun')]);
    expect(runs).toHaveLength(7);
    expect(runs.map((r) => r.overrides.join(' '))).toEqual([
      'model.lr=0.2',
      'db=postgres seed=5',
      'seed=9',
      'model=small seed=1',
      'model=small seed=2',
      'model=big seed=1',
      'model=big seed=2',
    ]);
    const [first, second, failed] = runs;
    expect(first?.status).toBe('completed');
    expect(first?.choices).toEqual({ db: 'sqlite', model: 'small' });
    expect(first?.config).toMatchObject({ model: { name: 'small', lr: 0.2 }, lr_alias: 0.2, seed: 1 });
    expect(first?.result).toEqual({ accuracy: 0.71, loss: 0.8 });
    expect(first?.jobName).toBe('fixture');
    expect(first?.id).toMatch(new RegExp(`-${first?.shortId}$`));
    expect(second?.choices.db).toBe('postgres');
    expect(failed?.status).toBe('failed');
    expect(failed?.error).toBe('the task failed on purpose');
    const jobs = runs.slice(3);
    expect(jobs.map((j) => j.sweep?.num)).toEqual([0, 1, 2, 3]);
    expect(new Set(jobs.map((j) => j.sweep?.dir)).size).toBe(1);
    expect(jobs[2]?.choices.model).toBe('big');
  });

  it('writes .tydra-index.jsonl and reuses it: a second scan reads no run', () => {
    const root = path.join(cwd, 'outputs');
    const first = scanRoot(root, { rebuild: true });
    expect(first.stats.read).toBe(3);
    expect(fs.existsSync(path.join(root, INDEX_FILE))).toBe(true);
    const again = scanRoot(root);
    expect(again.stats.read).toBe(0);
    expect(again.stats.written).toBe(false);
    expect(again.runs).toEqual(first.runs);
  });

  it('picks up a new run, and drops a deleted one, on the next scan', async () => {
    const root = path.join(cwd, 'outputs');
    scanRoot(root);
    await runFixtureApp(cwd, ['seed=11']);
    const after = scanRoot(root);
    expect(after.stats.read).toBe(1);
    expect(after.runs.map((r) => r.overrides.join(' '))).toContain('seed=11');
    const added = after.runs.find((r) => r.overrides.join(' ') === 'seed=11');
    fs.rmSync(added?.dir as string, { recursive: true });
    const later = scanRoot(root);
    expect(later.runs.map((r) => r.overrides.join(' '))).not.toContain('seed=11');
  });

  it('re-reads a run whose metadata changed (a running run that finished)', () => {
    const root = path.join(cwd, 'outputs');
    const run = scanRoot(root).runs[0];
    const record = path.join(run?.dir as string, '.hydra', 'run.json');
    const saved = fs.readFileSync(record, 'utf8');
    const tmp = `${record}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify({ ...JSON.parse(saved), status: 'running', pid: 2 ** 22 + 7, hostname: 'elsewhere' }));
    fs.renameSync(tmp, record);
    const changed = scanRoot(root);
    expect(changed.stats.read).toBe(1);
    expect(changed.runs[0]?.status).toBe('running');
    expect(liveState(changed.runs[0]!)).toBe('running'); // another host: cannot tell
    fs.writeFileSync(tmp, saved);
    fs.renameSync(tmp, record);
    expect(scanRoot(root).runs[0]?.status).toBe('completed');
  });

  it('rebuilds an index that is corrupt or from another version', () => {
    const root = path.join(cwd, 'outputs');
    fs.writeFileSync(path.join(root, INDEX_FILE), '{"tydraIndex": 99}\n');
    expect(scanRoot(root).stats.read).toBe(3);
    fs.writeFileSync(path.join(root, INDEX_FILE), 'not json');
    expect(scanRoot(root).runs).toHaveLength(3);
  });

  it('calls a running run whose process is gone on this host crashed', () => {
    const run = scanRoot(path.join(cwd, 'outputs')).runs[0]!;
    expect(liveState({ ...run, status: 'running', pid: 2 ** 22 + 7, hostname: run.hostname })).toBe('crashed');
    expect(liveState({ ...run, status: 'running', pid: process.pid, hostname: run.hostname })).toBe('running');
  });

  it('names a run by its dir, its id, its short id, a unique prefix, or last', () => {
    const roots = [path.join(cwd, 'outputs'), path.join(cwd, 'multirun')];
    const all = listRuns(roots).runs;
    const target = all[1]!;
    expect(findRun(target.dir, { cwd, roots }).dir).toBe(target.dir);
    expect(findRun(path.relative(cwd, target.dir), { cwd, roots }).dir).toBe(target.dir);
    expect(findRun(target.id, { cwd, roots }).dir).toBe(target.dir);
    expect(findRun(target.shortId, { cwd, roots }).dir).toBe(target.dir);
    expect(findRun(last(all).dir, { cwd, roots }).sweep?.num).toBe(3);
    expect(findRun('last', { cwd, roots }).dir).toBe(last(all).dir);
    expect(() => findRun('2', { cwd, roots })).toThrow(/names \d+ runs/);
    expect(() => findRun('zzzzzz', { cwd, roots })).toThrow(/No run named 'zzzzzz'/);
    const sweepDir = all[3]?.sweep?.dir as string;
    expect(() => findRun(sweepDir, { cwd, roots })).toThrow(/is a sweep dir with 4 job dirs/);
  });
});

function last<T>(xs: readonly T[]): T {
  return xs[xs.length - 1] as T;
}
