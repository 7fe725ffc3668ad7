import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { parseOverride } from '../../src/overrides/parser.js';
import type { JobResult } from '../../src/runtime/job-types.js';
import { planBasicSweep } from '../../src/sweep/basic.js';
import { BasicSweeper } from '../../src/sweep/basic-sweeper.js';
import { metricOf } from '../../src/sweep/metric.js';
import { RandomSweeper, sample, searchSpace, trialRandom } from '../../src/sweep/random.js';
import { removeTmpDirs, tmpDir } from '../fixtures/multirun/helpers.js';

afterAll(removeTmpDirs);

const plan = (overrides: string[]) => planBasicSweep(overrides.map(parseOverride), { groupOptions: () => [] });
const done = (num: number, returnValue?: unknown, status: JobResult['status'] = 'completed'): JobResult =>
  ({ num, overrides: [], status, returnValue }) as JobResult;

describe('the basic sweeper behind ask/tell', () => {
  it('hands out every job in order when the launcher has room', () => {
    const s = new BasicSweeper(plan(['a=1,2,3']), null);
    expect(s.ask(2).map((j) => j.overrides)).toEqual([['a=1'], ['a=2']]);
    expect(s.ask(5).map((j) => j.num)).toEqual([2]);
    expect(s.done()).toBe(true);
  });

  it('keeps max_batch_size batches apart: the next batch starts when the previous one has ended', () => {
    const s = new BasicSweeper(plan(['a=range(5)']), 2);
    expect(s.ask(10).map((j) => j.num)).toEqual([0, 1]);
    s.tell(done(0));
    expect(s.ask(10)).toEqual([]);
    s.tell(done(1));
    expect(s.ask(10).map((j) => j.num)).toEqual([2, 3]);
  });

  it('skips jobs a resumed sweep completed and keeps the overrides jobs had', () => {
    const s = new BasicSweeper(plan(['a=1,2,3,4']), null, {
      completed: new Map([[0, done(0)], [2, done(2)]]),
      overrides: new Map([[1, ['a=old']]]),
    });
    expect(s.ask(10)).toEqual([{ num: 1, overrides: ['a=old'] }, { num: 3, overrides: ['a=4'] }]);
  });
});

describe('the random sweeper', () => {
  const space = (overrides: string[]) => searchSpace(overrides.map(parseOverride), () => ['x', 'y']);

  it('reads Hydra search-space syntax: interval, int interval, range, choice, tag(log, ...), fixed values', () => {
    const s = space(['lr=tag(log, interval(0.0001, 0.1))', 'units=int(interval(8, 64))', 'layers=range(1,5)', 'act=relu,tanh', 'seed=3']);
    expect(s.map((p) => [p.key, p.kind])).toEqual([
      ['lr', 'float'],
      ['units', 'int'],
      ['layers', 'int'],
      ['act', 'categorical'],
      ['seed', 'fixed'],
    ]);
    expect(s[0]).toMatchObject({ log: true, low: 0.0001, high: 0.1 });
    expect(s[2]).toMatchObject({ low: 1, high: 4, step: 1 });
  });

  it('draws every value inside its bounds', () => {
    const [lr, units, layers, act] = space(['lr=tag(log, interval(0.0001, 0.1))', 'units=int(interval(8, 64))', 'layers=range(1,10,3)', 'act=relu,tanh']) as Exclude<
      ReturnType<typeof space>[number],
      { kind: 'fixed' }
    >[];
    const random = trialRandom(1, 0);
    for (let i = 0; i < 500; i++) {
      const a = sample(lr as never, random) as { value: number };
      expect(a.value).toBeGreaterThanOrEqual(0.0001);
      expect(a.value).toBeLessThanOrEqual(0.1);
      const u = sample(units as never, random) as { kind: string; value: number };
      expect(u.kind).toBe('int');
      expect(u.value >= 8 && u.value <= 64).toBe(true);
      expect([1, 4, 7]).toContain((sample(layers as never, random) as { value: number }).value);
      expect(['relu', 'tanh']).toContain((sample(act as never, random) as { value: string }).value);
    }
  });

  it('proposes the same trials for the same seed, and at most n_jobs at a time', () => {
    const make = () => new RandomSweeper(space(['x=interval(0,1)', 'k=a,b,c']), { n_trials: 5, n_jobs: 2, seed: 42 });
    const a = make();
    const b = make();
    const first = a.ask(10);
    expect(first).toHaveLength(2);
    expect(b.ask(10)).toEqual(first);
    expect(a.ask(10)).toEqual([]);
    a.tell(done(0, 0.5));
    expect(a.ask(10).map((j) => j.num)).toEqual([2]);
  });

  it('tracks the best trial by a metric and direction, and writes optimization_results.yaml', async () => {
    const s = new RandomSweeper(space(['x=interval(0,1)']), { n_trials: 3, n_jobs: 3, seed: 7, metric: 'acc', direction: 'maximize', max_failure_rate: 0.5 });
    const trials = s.ask(3);
    s.tell(done(0, { acc: 0.5 }));
    s.tell(done(1, { acc: 0.9 }));
    s.tell(done(2, { acc: 0.7 }));
    expect(s.bestTrial()?.num).toBe(1);
    const dir = tmpDir('tydra-random-');
    const file = (await s.finish(dir)) as string;
    const written = parse(fs.readFileSync(file, 'utf8'));
    expect(written).toMatchObject({ name: 'random', best_value: 0.9, best_job: 1, metric: 'acc', direction: 'maximize' });
    const x = Number((trials[1]?.overrides[0] ?? '').split('=')[1]);
    expect(written.best_params).toEqual({ x });
  });

  it('stops asking once failures exceed max_failure_rate (0 by default, as in Hydra)', () => {
    const s = new RandomSweeper(space(['x=interval(0,1)']), { n_trials: 10, n_jobs: 2, seed: 1 });
    s.ask(2);
    s.tell(done(0, undefined, 'failed'));
    expect(s.stopReason).toBe('1 of 1 trials failed, more than max_failure_rate=0 (trial 0 failed)');
    expect(s.ask(5)).toEqual([]);
    expect(s.done()).toBe(true);
  });

  it('needs something to search', () => {
    expect(() => new RandomSweeper(space(['x=1']), {})).toThrow(/nothing to search/);
  });
});

describe('metrics', () => {
  it('reads the return value itself, a key, or a dotted path', () => {
    expect(metricOf(0.5, null)).toBe(0.5);
    expect(metricOf({ acc: 0.9 }, 'acc')).toBe(0.9);
    expect(metricOf({ val: { loss: 2 } }, 'val.loss')).toBe(2);
    expect(metricOf({ acc: 'n/a' }, 'acc')).toBeUndefined();
    expect(metricOf(undefined, 'acc')).toBeUndefined();
  });
});
