import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { nodeFromJs } from '../../src/config/nodes.js';
import { formatTime } from '../../src/runs/durations.js';
import {
  commitText,
  flatMetrics,
  formatMetric,
  formatRunDetails,
  formatRunTable,
  formatTable,
  headlineMetrics,
  runToJson,
} from '../../src/runs/format-runs.js';
import type { RunDetails } from '../../src/runs/run-details.js';
import type { RunEntry } from '../../src/runs/run-entry.js';
import type { EnvSnapshot } from '../../src/runtime/env-snapshot.js';
import type { JsonValue } from '../../src/runtime/run-record.js';

const CWD = '/home/me/project';

function entry(e: Partial<RunEntry> = {}): RunEntry {
  return {
    id: '2024-05-01T12-00-00-123Z-k3f9a0',
    shortId: 'k3f9a0',
    dir: `${CWD}/outputs/2024-05-01/12-00-00`,
    metaDir: '.hydra',
    status: 'completed',
    startedAt: '2024-05-01T12:00:00.000Z',
    endedAt: '2024-05-01T12:04:05.000Z',
    durationMs: 245_000,
    exitCode: 0,
    pid: 1234,
    hostname: 'elsewhere',
    jobName: 'train',
    git: { commit: '0123456789abcdef0123', branch: 'main', dirty: false },
    choices: { db: 'mysql' },
    overrides: ['db=mysql', 'lr=0.1'],
    result: { acc: 0.91234, loss: 0.2 },
    error: null,
    config: {},
    sweep: null,
    rerunOf: null,
    command: null,
    ...e,
  };
}

function details(d: Partial<RunDetails> = {}): RunDetails {
  return {
    entry: entry(),
    record: undefined,
    jobName: 'train',
    configName: 'config',
    cwd: CWD,
    configSources: [],
    taskOverrides: ['db=mysql', 'lr=0.1'],
    hydraOverrides: [],
    allChoices: {},
    resolved: undefined,
    authored: undefined,
    git: undefined,
    gitDiff: undefined,
    env: undefined,
    command: undefined,
    rerun: undefined,
    files: ['main.log'],
    ...d,
  };
}

/** The value after `label:` on the line of `text` that starts with it. */
function field(text: string, label: string): string | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${label}:`));
  return line?.slice(`${label}:`.length).trim();
}

describe('flatMetrics', () => {
  it('flattens nested results with dots', () => {
    expect(flatMetrics({ val: { acc: 1, loss: 0.5 }, epochs: 3 })).toEqual(
      new Map<string, JsonValue>([
        ['val.acc', 1],
        ['val.loss', 0.5],
        ['epochs', 3],
      ]),
    );
  });

  it('keeps numbers, booleans and short strings, and leaves out lists, nulls and long text', () => {
    const m = flatMetrics({ ok: true, best: 'adam', curve: [1, 2, 3], none: null, log: 'x'.repeat(25), edge: 'y'.repeat(24) });
    expect([...m.keys()]).toEqual(['ok', 'best', 'edge']);
  });

  it('names a plain result "result"', () => {
    expect(flatMetrics(0.5)).toEqual(new Map([['result', 0.5]]));
    expect(flatMetrics('done')).toEqual(new Map([['result', 'done']]));
  });

  it('gives nothing for no result', () => {
    expect(flatMetrics(null).size).toBe(0);
    expect(flatMetrics([1, 2]).size).toBe(0);
  });
});

describe('headlineMetrics', () => {
  it('uses the metrics asked for, as given', () => {
    expect(headlineMetrics([entry()], ['loss', 'missing'])).toEqual(['loss', 'missing']);
  });

  it('otherwise takes the first numeric metrics found across the runs', () => {
    const runs = [entry({ result: { name: 'a', acc: 1 } }), entry({ result: { acc: 2, f1: 0.3, ok: true } }), entry({ result: null })];
    expect(headlineMetrics(runs)).toEqual(['acc', 'f1']);
  });

  it('takes at most four by default, or max', () => {
    const runs = [entry({ result: { a: 1, b: 2, c: 3, d: 4, e: 5, f: 6 } })];
    expect(headlineMetrics(runs)).toEqual(['a', 'b', 'c', 'd']);
    expect(headlineMetrics(runs, undefined, 2)).toEqual(['a', 'b']);
  });

  it('an empty list asked for means "pick them"', () => {
    expect(headlineMetrics([entry({ result: { x: 1 } })], [])).toEqual(['x']);
  });
});

describe('formatMetric', () => {
  it('shows a missing or null value as a dash', () => {
    expect(formatMetric(undefined)).toBe('-');
    expect(formatMetric(null)).toBe('-');
  });

  it('shows integers whole and other numbers with four significant digits', () => {
    expect(formatMetric(1234567)).toBe('1234567');
    expect(formatMetric(0.912345)).toBe('0.9123');
    expect(formatMetric(1234.5678)).toBe('1235');
    expect(formatMetric(0.5)).toBe('0.5');
    expect(formatMetric(0.000123456)).toBe('0.0001235');
  });

  it('shows booleans and strings as they are', () => {
    expect(formatMetric(true)).toBe('true');
    expect(formatMetric('adam')).toBe('adam');
  });
});

describe('commitText', () => {
  it('is a dash without git information', () => {
    expect(commitText(null)).toBe('-');
  });

  it('is the short hash, starred when the tree was dirty', () => {
    expect(commitText({ commit: '0123456789abcdef', branch: null, dirty: false })).toBe('0123456');
    expect(commitText({ commit: '0123456789abcdef', branch: null, dirty: true })).toBe('0123456*');
  });

  it('says (none) before the first commit', () => {
    expect(commitText({ commit: null, branch: 'main', dirty: true })).toBe('(none)*');
  });
});

describe('formatTable', () => {
  it('pads columns to the widest cell, two spaces apart, without trailing spaces', () => {
    const text = formatTable(
      ['A', 'LONG HEADER', 'C'],
      [
        ['xxxx', 'y', ''],
        ['z', 'w', 'last'],
      ],
    );
    expect(text.split('\n')).toEqual(['A     LONG HEADER  C', 'xxxx  y', 'z     w            last']);
  });
});

describe('formatRunTable', () => {
  it('has a header, one row per run with its headline metrics, and ends with a newline', () => {
    const runs = [entry(), entry({ shortId: 'b00000', status: 'failed', exitCode: 1, result: { acc: 0.5 }, choices: {}, overrides: [], git: null })];
    const text = formatRunTable(runs, { cwd: CWD });
    expect(text.endsWith('\n')).toBe(true);
    const [header, first, second, ...rest] = text.trimEnd().split('\n');
    expect(rest).toEqual([]);
    expect(header?.split(/\s{2,}/)).toEqual(['RUN', 'STARTED', 'STATUS', 'TIME', 'COMMIT', 'CHOICES', 'OVERRIDES', 'acc', 'loss', 'DIR']);
    expect(first?.split(/\s{2,}/)).toEqual(['k3f9a0', formatTime('2024-05-01T12:00:00.000Z'), 'completed', '4m05s', '0123456', 'db=mysql', 'db=mysql lr=0.1', '0.9123', '0.2', 'outputs/2024-05-01/12-00-00']);
    // no choices, overrides, git or loss: dashes
    expect(second?.split(/\s{2,}/)).toEqual(['b00000', formatTime('2024-05-01T12:00:00.000Z'), 'failed', '4m05s', '-', '-', '-', '0.5', '-', 'outputs/2024-05-01/12-00-00']);
  });

  it('shows the metric columns asked for', () => {
    const header = formatRunTable([entry()], { cwd: CWD, metrics: ['loss'] }).split('\n')[0];
    expect(header).toContain('loss');
    expect(header).not.toContain('acc');
  });

  it('shows list choices in brackets and a null choice as null', () => {
    const text = formatRunTable([entry({ choices: { callbacks: ['a', 'b'], db: null } })], { cwd: CWD });
    expect(text).toContain('callbacks=[a,b] db=null');
  });

  it('cuts long overrides with an ellipsis', () => {
    const overrides = Array.from({ length: 20 }, (_, i) => `param_${i}=${i}`);
    const text = formatRunTable([entry({ overrides })], { cwd: CWD });
    const cell = (text.split('\n')[1] as string).split(/\s{2,}/)[6] as string;
    expect(cell).toHaveLength(50);
    expect(cell.endsWith('…')).toBe(true);
    expect(overrides.join(' ').startsWith(cell.slice(0, -1))).toBe(true);
  });

  it('shows the run dir relative to cwd, "." for cwd itself', () => {
    const text = formatRunTable([entry({ dir: CWD })], { cwd: CWD });
    expect(text.trimEnd().endsWith('  .')).toBe(true);
  });
});

describe('runToJson', () => {
  it('keeps everything in the index', () => {
    const e = entry();
    expect(runToJson(e)).toEqual({ ...e });
  });

  it('says a run marked running whose process is gone has crashed', () => {
    // no process has this pid (above the Linux maximum of 2^22)
    const e = entry({ status: 'running', pid: 2 ** 22 + 17, hostname: os.hostname(), exitCode: null });
    expect(runToJson(e).status).toBe('crashed');
  });

  it('keeps running for a live process', () => {
    const e = entry({ status: 'running', pid: process.pid, hostname: os.hostname(), exitCode: null });
    expect(runToJson(e).status).toBe('running');
  });
});

describe('formatRunDetails', () => {
  it('names the run, its dir, status, job and overrides', () => {
    const text = formatRunDetails(details(), { cwd: CWD, config: false });
    expect(text.endsWith('\n')).toBe(true);
    expect(field(text, 'run')).toBe('k3f9a0  (2024-05-01T12-00-00-123Z-k3f9a0)');
    expect(field(text, 'dir')).toBe('outputs/2024-05-01/12-00-00');
    expect(field(text, 'status')).toBe('completed (exit code 0)');
    expect(field(text, 'job')).toBe('train   config: config');
    expect(field(text, 'choices')).toBe('db=mysql');
    expect(field(text, 'overrides')).toBe('db=mysql lr=0.1');
    expect(field(text, 'result')).toBe('acc=0.9123  loss=0.2');
    expect(field(text, 'files')).toBe('main.log');
    expect(text).toContain('took: 4m05s');
  });

  it('explains a crashed run', () => {
    const e = entry({ status: 'running', pid: 2 ** 22 + 17, hostname: os.hostname(), exitCode: null });
    const text = formatRunDetails(details({ entry: e }), { cwd: CWD });
    expect(field(text, 'status')).toBe(`crashed — run.json says running, but process ${2 ** 22 + 17} is gone`);
  });

  it('shows the git state: commit, branch and what was uncommitted', () => {
    const git = {
      isRepo: true as const,
      root: CWD,
      commit: '0123456789abcdef0123',
      branch: 'main',
      remote: null,
      remoteUrl: null,
      dirty: true,
      untracked: 2,
      changedFiles: 1,
      diff: '',
      diffEncoding: 'utf8' as const,
      diffTruncated: false,
    };
    const text = formatRunDetails(details({ git }), { cwd: CWD });
    expect(field(text, 'git')).toBe('0123456789ab on main, uncommitted changes in 1 file (outputs/2024-05-01/12-00-00/.hydra/git.diff), 2 untracked');
    const clean = formatRunDetails(details({ git: { ...git, dirty: false, untracked: 0 } }), { cwd: CWD });
    expect(field(clean, 'git')).toBe('0123456789ab on main, clean');
    const two = formatRunDetails(details({ git: { ...git, changedFiles: 2, untracked: 0 } }), { cwd: CWD });
    expect(field(two, 'git')).toContain('in 2 files');
  });

  it('says why there is no git information', () => {
    const text = formatRunDetails(details({ git: { isRepo: false, reason: 'not a git repository' } }), { cwd: CWD });
    expect(field(text, 'git')).toBe('(not a git repository)');
  });

  it('summarises the environment', () => {
    const env = {
      node: 'v20.1.0',
      platform: 'linux',
      arch: 'x64',
      cpu: { model: 'Ryzen', count: 8 },
      hostname: 'box',
      lockfile: { path: '/p/package-lock.json', sha256: 'abcdef0123456789abcdef' },
      dependencies: {},
      env: {},
      argv: ['node', 'train.js', 'lr=0.1'],
    } as unknown as EnvSnapshot;
    const text = formatRunDetails(details({ env }), { cwd: CWD });
    expect(field(text, 'env')).toBe('node v20.1.0, linux x64, Ryzen ×8, host box, lockfile package-lock.json abcdef012345');
    expect(field(text, 'command')).toBe('node train.js lr=0.1');
  });

  it('shows the error of a failed run with the top of its stack', () => {
    const stack = ['Error: boom', '    at a (x.js:1)', '    at b (x.js:2)', '    at c (x.js:3)', '    at d (x.js:4)', '    at e (x.js:5)', '    at f (x.js:6)'].join('\n');
    const text = formatRunDetails(details({ record: { error: { name: 'Error', message: 'boom', stack } } }), { cwd: CWD });
    const lines = text.split('\n');
    const at = lines.findIndex((l) => l.startsWith('error:'));
    expect(lines[at]).toBe('error:     Error: boom');
    expect(lines.slice(at + 1, at + 6)).toEqual(['           at a (x.js:1)', '           at b (x.js:2)', '           at c (x.js:3)', '           at d (x.js:4)', '           at e (x.js:5)']);
    expect(text).not.toContain('at f (x.js:6)');
  });

  it('shows the resolved config unless asked not to', () => {
    const resolved = nodeFromJs({ db: { host: 'localhost', port: 3306 } });
    const text = formatRunDetails(details({ resolved }), { cwd: CWD });
    expect(text).toContain('\nconfig (resolved):\n  db:\n    host: localhost\n    port: 3306\n');
    expect(formatRunDetails(details({ resolved }), { cwd: CWD, config: false })).not.toContain('config (resolved)');
  });

  it('lists reruns, the run it reran and the command it ran', () => {
    const text = formatRunDetails(
      details({
        entry: entry({ rerunOf: `${CWD}/outputs/old` }),
        command: { version: 1, template: [], argv: ['python', 'train.py'], shell: true, cwd: CWD, exitCode: 0, signal: null, stdout: 'stdout.log', stderr: 'stderr.log' },
      }),
      { cwd: CWD, reruns: [entry({ shortId: 'r11111', dir: `${CWD}/outputs/new` })] },
    );
    expect(field(text, 'rerun of')).toBe('outputs/old');
    expect(field(text, 'rerun')).toBe('r11111  outputs/new');
    expect(field(text, 'command')).toBe('python train.py   (shell)');
    expect(field(text, 'output')).toBe('outputs/2024-05-01/12-00-00/stdout.log, outputs/2024-05-01/12-00-00/stderr.log');
  });

  it('uses dashes for what a run does not have', () => {
    const text = formatRunDetails(details({ entry: entry({ choices: {}, result: null }), taskOverrides: [], files: [] }), { cwd: CWD });
    expect(field(text, 'choices')).toBe('-');
    expect(field(text, 'overrides')).toBe('-');
    expect(field(text, 'files')).toBe('-');
    expect(field(text, 'result')).toBeUndefined();
  });
});
