import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Composer } from '../../src/compose/compose.js';
import { sweepPlanFor, zipGroups } from '../../src/sweep/sweep-plan.js';
import { parseOverride } from '../../src/overrides/parser.js';
import { SweepPlanError, iterateJobs, jobOverridesAt, planBasicSweep, paramsToOverrideStrings } from '../../src/sweep/basic.js';
import { readJobList } from '../../src/sweep/job-list.js';
import { removeTmpDirs, tmpDir } from '../fixtures/multirun/helpers.js';

afterAll(removeTmpDirs);

const conf = path.resolve(__dirname, '../fixtures/multirun/conf');
const noGroups = { groupOptions: () => [] };
const plan = (overrides: string[], opts: Partial<Parameters<typeof planBasicSweep>[1]> = {}) =>
  planBasicSweep(overrides.map(parseOverride), { ...noGroups, ...opts });
const jobs = (p: ReturnType<typeof plan>) => [...iterateJobs(p)].map((j) => j.join(' '));

function tmp(name: string, text: string): string {
  const dir = tmpDir('tydra-plan-');
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

describe('the basic plan', () => {
  it('varies the first swept key slowest, as Hydra does', () => {
    expect(jobs(plan(['a=1,2', 'b=x,y', 'c=0']))).toEqual(['a=1 b=x c=0', 'a=1 b=y c=0', 'a=2 b=x c=0', 'a=2 b=y c=0']);
  });

  it('lets a command-line override replace a param of the same key, keeping the param position', () => {
    const params = paramsToOverrideStrings(new Map<string, unknown>([['a', '1,2'], ['b', 'x']]));
    expect(jobs(plan([...params, 'c=5', 'a=7,8']))).toEqual(['a=7 b=x c=5', 'a=8 b=x c=5']);
  });

  it('writes list params as Python would, so they stay lists', () => {
    expect(paramsToOverrideStrings(new Map<string, unknown>([['l', [1, 'a']], ['n', null], ['t', true]]))).toEqual(["l=[1, 'a']", 'n=None', 't=True']);
  });

  it('computes any job of a 1,000,000-job sweep from its number without enumerating', () => {
    const p = plan(['a=range(1000)', 'b=range(1000)']);
    expect(p.count).toBe(1_000_000);
    expect(jobOverridesAt(p, 999_999)).toEqual(['a=999', 'b=999']);
    expect(jobOverridesAt(p, 1234)).toEqual(['a=1', 'b=234']);
  });
});

describe('zipped dimensions (hydra.sweeper.zip)', () => {
  it('advances zipped keys together, at the place of the first one', () => {
    const p = plan(['m=s,l', 'lr=0.1,0.01,0.001', 'seed=1,2', 'wd=0,1,2'], { zip: [['lr', 'wd']] });
    expect(p.count).toBe(12);
    expect(jobs(p).slice(0, 6)).toEqual([
      'm=s lr=0.1 wd=0 seed=1',
      'm=s lr=0.1 wd=0 seed=2',
      'm=s lr=0.01 wd=1 seed=1',
      'm=s lr=0.01 wd=1 seed=2',
      'm=s lr=0.001 wd=2 seed=1',
      'm=s lr=0.001 wd=2 seed=2',
    ]);
  });

  it('rejects zipped sweeps of different lengths, naming each', () => {
    expect(() => plan(['a=1,2', 'b=1,2,3'], { zip: [['a', 'b']] })).toThrow(/same number of values: a has 2, b has 3/);
  });

  it('rejects a zipped key that nothing sets', () => {
    expect(() => plan(['a=1,2'], { zip: [['a', 'nope']] })).toThrow(SweepPlanError);
  });

  it('reads the setting as a list of groups or one flat group', () => {
    expect(zipGroups([['a', 'b'], ['c', 'd']])).toEqual([['a', 'b'], ['c', 'd']]);
    expect(zipGroups(['a', 'b'])).toEqual([['a', 'b']]);
    expect(zipGroups(null)).toEqual([]);
    expect(() => zipGroups('a,b')).toThrow(/list of key lists/);
  });

  it('is read from the command line through hydra.sweeper.zip', () => {
    const overrides = ['a=1,2,3', 'b=4,5,6', 'hydra.sweeper.zip=[[a,b]]'].map(parseOverride);
    const composer = new Composer({ configDir: conf, configName: 'config', mode: 'multirun' }, overrides);
    const p = sweepPlanFor(composer, overrides);
    expect([...iterateJobs(p)].map((j) => j.slice(0, 2).join(' '))).toEqual(['a=1 b=4', 'a=2 b=5', 'a=3 b=6']);
  });
});

describe('job lists (hydra.sweeper.jobs_file)', () => {
  it('reads YAML rows given as mappings or as override lists, typed as config files are', () => {
    const file = tmp('jobs.yaml', "- {optimizer: sgd, optimizer.lr: 0.1}\n- [optimizer=adam, +tag=x]\n- {name: '1', flag: yes, list: [1, 2]}\n");
    expect(readJobList(file)).toEqual([
      ['optimizer=sgd', 'optimizer.lr=0.1'],
      ['optimizer=adam', '+tag=x'],
      ["name='1'", 'flag=True', 'list=[1,2]'],
    ]);
  });

  it('reads JSON Lines and JSON arrays', () => {
    expect(readJobList(tmp('jobs.jsonl', '{"a": 1, "b": "x,y"}\n\n["c=2"]\n'))).toEqual([['a=1', 'b=x\\,y'], ['c=2']]);
    expect(readJobList(tmp('jobs.json', '[{"a": 1.5}]'))).toEqual([['a=1.5']]);
  });

  it('makes the list the outermost dimension; fixed overrides fill the keys a row leaves out', () => {
    const p = plan(['b=3', 'c=1,2'], { jobRows: [['a=7'], ['a=8', 'b=9']] });
    expect(jobs(p)).toEqual(['a=7 b=3 c=1', 'a=7 b=3 c=2', 'a=8 b=9 c=1', 'a=8 b=9 c=2']);
  });

  it('rejects a key that is swept and listed, and sweeps inside a row', () => {
    expect(() => plan(['b=1,2'], { jobRows: [['b=3']] })).toThrow(/swept and also set by the jobs/);
    expect(() => plan([], { jobRows: [['b=1,2']] })).toThrow(/is a sweep/);
  });

  it('reports the file and line of a bad JSON line', () => {
    const file = tmp('jobs.jsonl', '{"a": 1}\n{oops\n');
    expect(() => readJobList(file)).toThrow(/jobs\.jsonl:2: not JSON/);
  });
});
