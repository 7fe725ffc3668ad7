import { describe, expect, it } from 'vitest';
import { filterRuns } from '../../src/runs/filter-runs.js';
import { parseSince } from '../../src/runs/durations.js';
import type { RunEntry } from '../../src/runs/run-entry.js';
import { WhereSyntaxError, evaluateWhere, parseWhere } from '../../src/runs/where.js';

function run(over: Partial<RunEntry> = {}): RunEntry {
  return {
    id: '2024-05-01T12-00-00-000Z-abc123',
    shortId: 'abc123',
    dir: '/runs/a',
    metaDir: '.hydra',
    status: 'completed',
    startedAt: '2024-05-01T12:00:00.000Z',
    endedAt: '2024-05-01T12:01:00.000Z',
    durationMs: 60_000,
    exitCode: 0,
    pid: null,
    hostname: null,
    jobName: 'train',
    git: { commit: 'deadbeef', branch: 'main', dirty: false },
    choices: { optimizer: 'adam', model: 'mlp' },
    overrides: ['optimizer.lr=0.05'],
    result: { accuracy: 0.91, val: { loss: 0.2 } },
    error: null,
    config: { optimizer: { name: 'adam', lr: 0.05, betas: [0.9, 0.999] }, model: { name: 'mlp', hidden: 16 }, tags: ['a', 'b'], flag: true },
    sweep: null,
    rerunOf: null,
    command: null,
    ...over,
  };
}

const holds = (expr: string, r: RunEntry = run()) => evaluateWhere(parseWhere(expr), r);

describe('--where expressions', () => {
  it('compares config values as numbers when both sides are numbers', () => {
    expect(holds('optimizer.lr>0.01')).toBe(true);
    expect(holds('optimizer.lr>0.1')).toBe(false);
    expect(holds('optimizer.lr==5e-2')).toBe(true);
    expect(holds('model.hidden>=16 && model.hidden<=16')).toBe(true);
  });

  it('compares strings, and = is ==', () => {
    expect(holds('model.name==mlp')).toBe(true);
    expect(holds('model.name=mlp')).toBe(true);
    expect(holds("model.name!='mlp'")).toBe(false);
    expect(holds('model.name==MLP')).toBe(false);
  });

  it('reads result metrics, bare or under result.', () => {
    expect(holds('accuracy>=0.9')).toBe(true);
    expect(holds('result.val.loss<0.3')).toBe(true);
    expect(holds('val.loss<0.1')).toBe(false);
  });

  it('reads run fields: status, duration (with units), commit, dirty, job', () => {
    expect(holds('status==completed')).toBe(true);
    expect(holds('status==failed', run({ status: 'failed' }))).toBe(true);
    expect(holds('duration>30s && duration<2m')).toBe(true);
    expect(holds('commit~dead*')).toBe(true);
    expect(holds('dirty==false')).toBe(true);
    expect(holds('job==train')).toBe(true);
  });

  it('names a group choice when the config key is a dict (optimizer==adam)', () => {
    expect(holds('optimizer==adam')).toBe(true);
    expect(holds('choices.model==mlp')).toBe(true);
  });

  it('matches lists by membership and globs with ~', () => {
    expect(holds('tags==a')).toBe(true);
    expect(holds('tags!=c')).toBe(true);
    expect(holds('model.name~m?p')).toBe(true);
    expect(holds('model.name!~x*')).toBe(true);
  });

  it('combines with &&, ||, !, and, or, not and parentheses', () => {
    expect(holds('model.name==x || optimizer.lr>0.01')).toBe(true);
    expect(holds('!(model.name==mlp)')).toBe(false);
    expect(holds('not model.name==x and (accuracy>0.9 or seed==1)')).toBe(true);
  });

  it('is false for a key the run does not have', () => {
    expect(holds('nope==1')).toBe(false);
    expect(holds('nope!=1')).toBe(false);
  });

  it('reports syntax errors with a caret under the problem', () => {
    expect(() => parseWhere('optimizer.lr>>1')).toThrow(WhereSyntaxError);
    expect(() => parseWhere('optimizer.lr>>1')).toThrow(/expected a value, got '>'\n {2}optimizer\.lr>>1\n {15}\^/);
    expect(() => parseWhere('(a==1')).toThrow(/expected '\)'/);
    expect(() => parseWhere('a 1')).toThrow(/expected an operator/);
    expect(() => parseWhere("a=='x")).toThrow(/unterminated/);
  });
});

describe('filterRuns', () => {
  const runs = [
    run({ id: 'a', startedAt: '2024-05-01T00:00:00Z' }),
    run({ id: 'b', status: 'failed', startedAt: '2024-05-03T00:00:00Z', config: { optimizer: { lr: 0.001 } } }),
  ];

  it('keeps runs that pass every filter', () => {
    expect(filterRuns(runs, { status: ['failed'] }).runs.map((r) => r.id)).toEqual(['b']);
    expect(filterRuns(runs, { where: [parseWhere('optimizer.lr<0.01')] }).runs.map((r) => r.id)).toEqual(['b']);
    expect(filterRuns(runs, { since: new Date('2024-05-02T00:00:00Z') }).runs.map((r) => r.id)).toEqual(['b']);
    expect(filterRuns(runs, { status: ['completed,failed'], where: [parseWhere('accuracy>0.5')] }).runs).toHaveLength(2);
  });

  it('names --where keys that no run has, with a suggestion', () => {
    const res = filterRuns(runs, { where: [parseWhere('optimizr.lr>0')] });
    expect(res.runs).toEqual([]);
    expect(res.unknownKeys).toEqual([{ key: 'optimizr.lr', suggestion: 'optimizer.lr' }]);
  });

  it('rejects an unknown status', () => {
    expect(() => filterRuns(runs, { status: ['done'] })).toThrow(/Unknown status 'done'/);
  });
});

describe('--since', () => {
  it('takes a duration back from now or a date', () => {
    const now = new Date('2024-05-10T12:00:00Z');
    expect(parseSince('2d', now).toISOString()).toBe('2024-05-08T12:00:00.000Z');
    expect(parseSince('90m', now).toISOString()).toBe('2024-05-10T10:30:00.000Z');
    expect(parseSince('2024-05-01T00:00:00Z').toISOString()).toBe('2024-05-01T00:00:00.000Z');
    expect(() => parseSince('yesterday')).toThrow(/--since takes a duration/);
  });
});
