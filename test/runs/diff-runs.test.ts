import { describe, expect, it } from 'vitest';
import { nodeFromJs } from '../../src/config/nodes.js';
import { type CodeDiff, diffRuns, environmentSummary, formatCodeDiff, formatRunDiff } from '../../src/runs/diff-runs.js';
import type { RunDetails } from '../../src/runs/run-details.js';
import type { RunEntry } from '../../src/runs/run-entry.js';
import type { EnvSnapshot } from '../../src/runtime/env-snapshot.js';
import type { GitRepoSnapshot } from '../../src/runtime/git-snapshot.js';

const CWD = '/home/me/project';

function entry(e: Partial<RunEntry> = {}): RunEntry {
  return {
    id: '2024-05-01T12-00-00-123Z-aaaaaa',
    shortId: 'aaaaaa',
    dir: `${CWD}/outputs/a`,
    metaDir: '.hydra',
    status: 'completed',
    startedAt: '2024-05-01T12:00:00.000Z',
    endedAt: '2024-05-01T12:00:02.000Z',
    durationMs: 2000,
    exitCode: 0,
    pid: 1,
    hostname: 'elsewhere',
    jobName: 'train',
    git: null,
    choices: { db: 'mysql' },
    overrides: [],
    result: { acc: 0.9 },
    error: null,
    config: {},
    sweep: null,
    rerunOf: null,
    command: null,
    ...e,
  };
}

function env(e: Partial<EnvSnapshot> = {}): EnvSnapshot {
  return {
    node: 'v20.1.0',
    execPath: '/usr/bin/node',
    packageManager: 'npm/10.0.0',
    platform: 'linux',
    arch: 'x64',
    osRelease: '6.1.0',
    cpu: { model: 'Ryzen', count: 8 },
    totalMemoryBytes: 16e9,
    user: 'me',
    hostname: 'box',
    argv: ['node', 'train.js'],
    cwd: CWD,
    pid: 1,
    lockfile: { path: `${CWD}/package-lock.json`, sha256: 'abcdef0123456789abcdef0123456789' },
    packageJson: `${CWD}/package.json`,
    dependencies: { lodash: { wanted: '^4.17.0', installed: '4.17.21', kind: 'dependencies' } },
    env: { CUDA_VISIBLE_DEVICES: '0' },
    redacted: [],
    ...e,
  };
}

function git(g: Partial<GitRepoSnapshot> = {}): GitRepoSnapshot {
  return {
    isRepo: true,
    root: CWD,
    commit: '0123456789abcdef0123456789abcdef01234567',
    branch: 'main',
    remote: null,
    remoteUrl: null,
    dirty: false,
    untracked: 0,
    changedFiles: 0,
    diff: '',
    diffEncoding: 'utf8',
    diffTruncated: false,
    ...g,
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
    taskOverrides: ['db=mysql'],
    hydraOverrides: [],
    allChoices: {},
    resolved: nodeFromJs({ db: { host: 'localhost', port: 3306 }, lr: 0.1 }),
    authored: undefined,
    git: git(),
    gitDiff: undefined,
    env: env(),
    command: undefined,
    rerun: undefined,
    files: [],
    ...d,
  };
}

const patchOf = (file: string, change: string) => [`diff --git a/${file} b/${file}`, 'index 1111111..2222222 100644', `--- a/${file}`, `+++ b/${file}`, '@@ -1 +1 @@', '-old', `+${change}`, ''].join('\n');

describe('environmentSummary', () => {
  it('is empty without env.json', () => {
    expect(environmentSummary(undefined)).toEqual({});
  });

  it('keeps what can explain a different outcome, flattened', () => {
    expect(environmentSummary(env())).toEqual({
      node: 'v20.1.0',
      platform: 'linux x64',
      os: '6.1.0',
      cpu: 'Ryzen ×8',
      memory: 16e9,
      host: 'box',
      user: 'me',
      packageManager: 'npm/10.0.0',
      lockfile: 'abcdef012345',
      'package lodash': '4.17.21',
      'env CUDA_VISIBLE_DEVICES': '0',
    });
  });

  it('leaves out environment variables that differ between any two shells', () => {
    const s = environmentSummary(
      env({ env: { PWD: '/x', OLDPWD: '/y', SHLVL: '2', npm_config_cache: '/c', TYDRA_RUN: '1', SSH_CLIENT: 'a', TMUX_PANE: '%1', XDG_SESSION_ID: '3', SEED: '7' } }),
    );
    expect(Object.keys(s).filter((k) => k.startsWith('env '))).toEqual(['env SEED']);
  });

  it('keeps variables that only look like noisy ones', () => {
    const s = environmentSummary(env({ env: { PWD_HINT: 'x', MY_PWD: 'y' } }));
    expect(Object.keys(s).filter((k) => k.startsWith('env '))).toEqual(['env PWD_HINT', 'env MY_PWD']);
  });

  it('says null for no lockfile and ? for an unknown cpu', () => {
    const s = environmentSummary(env({ lockfile: null, cpu: { model: null, count: 4 } }));
    expect(s.lockfile).toBeNull();
    expect(s.cpu).toBe('? ×4');
  });
});

describe('diffRuns', () => {
  it('finds nothing between two runs that are the same', () => {
    const d = diffRuns(details(), details({ entry: entry({ shortId: 'bbbbbb', dir: `${CWD}/outputs/b` }) }));
    expect(d.run).toEqual([]);
    expect(d.choices).toEqual([]);
    expect(d.overrides).toEqual({ onlyA: [], onlyB: [] });
    expect(d.config).toEqual([]);
    expect(d.environment).toEqual([]);
    expect(d.result).toEqual([]);
    expect(d.code).toEqual({
      commit: ['0123456789abcdef0123456789abcdef01234567', '0123456789abcdef0123456789abcdef01234567'],
      dirty: [false, false],
      patch: { onlyA: [], onlyB: [], differ: [] },
      unknown: false,
    });
    expect(d.a.dir).toBe(`${CWD}/outputs/a`);
    expect(d.b.dir).toBe(`${CWD}/outputs/b`);
  });

  it('tells the overrides of each run', () => {
    const d = diffRuns(details({ taskOverrides: ['db=mysql', 'lr=0.1'] }), details({ taskOverrides: ['db=mysql', 'lr=0.2', 'seed=3'] }));
    expect(d.overrides).toEqual({ onlyA: ['lr=0.1'], onlyB: ['lr=0.2', 'seed=3'] });
  });

  it('tells changed group choices', () => {
    const d = diffRuns(details(), details({ entry: entry({ choices: { db: 'postgres', model: 'resnet' } }) }));
    expect(d.choices).toEqual([
      { path: 'db', kind: 'changed', before: 'mysql', after: 'postgres' },
      { path: 'model', kind: 'added', after: 'resnet' },
    ]);
  });

  it('compares the resolved configs structurally', () => {
    const b = details({ resolved: nodeFromJs({ db: { host: 'db.example', port: 3306 }, lr: 0.1, seed: 1 }) });
    expect(diffRuns(details(), b).config).toEqual([
      { path: 'db.host', kind: 'changed', before: 'localhost', after: 'db.example' },
      { path: 'seed', kind: 'added', after: '1' },
    ]);
  });

  it('tells a different status and exit code', () => {
    const d = diffRuns(details(), details({ entry: entry({ status: 'failed', exitCode: 1 }) }));
    expect(d.run.map((c) => [c.path, c.before, c.after])).toEqual([
      ['status', 'completed', 'failed'],
      ['exit_code', '0', '1'],
    ]);
  });

  it('tells different results', () => {
    const d = diffRuns(details(), details({ entry: entry({ result: { acc: 0.8, loss: 0.3 } }) }));
    expect(d.result).toEqual([
      { path: 'acc', kind: 'changed', before: '0.9', after: '0.8' },
      { path: 'loss', kind: 'added', after: '0.3' },
    ]);
  });

  it('compares environment entries whole, even when their names hold dots and spaces', () => {
    const b = details({ env: env({ dependencies: { lodash: { wanted: '^4.17.0', installed: '4.17.20', kind: 'dependencies' } }, node: 'v22.0.0' }) });
    const paths = diffRuns(details(), b).environment.map((c) => c.path);
    expect(paths).toEqual(['node', 'package lodash']);
  });

  it('compares uncommitted changes only of runs with a dirty tree', () => {
    const a = details({ git: git({ dirty: true }), gitDiff: patchOf('src/model.ts', 'x') + patchOf('conf/a.yaml', 'y') });
    const b = details({ git: git({ dirty: true }), gitDiff: patchOf('src/model.ts', 'z') + patchOf('train.py', 'w') });
    expect(diffRuns(a, b).code.patch).toEqual({ onlyA: ['conf/a.yaml'], onlyB: ['train.py'], differ: ['src/model.ts'] });
    // a clean tree's leftover patch is not looked at
    const clean = details({ git: git({ dirty: false }), gitDiff: patchOf('src/model.ts', 'z') });
    expect(diffRuns(a, clean).code).toMatchObject({ dirty: [true, false], patch: { onlyA: ['src/model.ts', 'conf/a.yaml'], onlyB: [], differ: [] } });
  });

  it('marks the code unknown when a run has no git information', () => {
    const d = diffRuns(details(), details({ git: { isRepo: false, reason: 'not a git repository' } }));
    expect(d.code.unknown).toBe(true);
    expect(d.code.commit).toEqual(['0123456789abcdef0123456789abcdef01234567', null]);
    expect(d.code.dirty).toEqual([false, null]);
  });
});

describe('formatCodeDiff', () => {
  const same: CodeDiff = { commit: ['aaaaaaaaaaaaaaaa', 'aaaaaaaaaaaaaaaa'], dirty: [false, false], patch: { onlyA: [], onlyB: [], differ: [] }, unknown: false };

  it('says nothing when the code is the same', () => {
    expect(formatCodeDiff(same)).toEqual([]);
  });

  it('tells a different commit, cut to 12 characters', () => {
    expect(formatCodeDiff({ ...same, commit: ['aaaaaaaaaaaaaaaa', 'bbbbbbbbbbbbbbbb'] })).toEqual(['  commit: aaaaaaaaaaaa → bbbbbbbbbbbb']);
    expect(formatCodeDiff({ ...same, commit: [null, 'bbbbbbbbbbbbbbbb'] })).toEqual(['  commit: (none) → bbbbbbbbbbbb']);
  });

  it('tells whether each run had uncommitted changes', () => {
    expect(formatCodeDiff({ ...same, dirty: [false, true] })).toEqual(['  uncommitted changes: none → yes']);
  });

  it('lists the files whose changes differ, with the labels and indent given', () => {
    const code = { ...same, dirty: [true, true] as [boolean, boolean], patch: { onlyA: ['a.ts'], onlyB: ['b.ts', 'c.ts'], differ: ['d.ts'] } };
    expect(formatCodeDiff(code, ['run 1', 'run 2'], '> ')).toEqual(['> changed only in run 1: a.ts', '> changed only in run 2: b.ts, c.ts', '> changed differently: d.ts']);
  });

  it('when git information is missing, says so only if the runs differ', () => {
    expect(formatCodeDiff({ ...same, commit: ['aaaaaaaaaaaaaaaa', null], dirty: [false, null], unknown: true })).toEqual(['  git: aaaaaaaaaaaa → no git information']);
    expect(formatCodeDiff({ ...same, commit: [null, null], dirty: [null, null], unknown: true })).toEqual([]);
  });
});

describe('formatRunDiff', () => {
  const a = details();
  const bEntry = entry({ shortId: 'bbbbbb', dir: `${CWD}/outputs/b`, result: { acc: 0.8 } });

  it('heads the text with both runs and says what is the same', () => {
    const b = details({ entry: entry({ shortId: 'bbbbbb', dir: `${CWD}/outputs/b` }) });
    const text = formatRunDiff(diffRuns(a, b), a, b, CWD);
    expect(text).toBe(
      [
        'A: outputs/a  (aaaaaa, 2024-05-01T12:00:00.000Z, 2.0s)',
        'B: outputs/b  (bbbbbb, 2024-05-01T12:00:00.000Z, 2.0s)',
        '',
        'same: config, code, environment, results',
        '',
      ].join('\n'),
    );
  });

  it('has a section for each part that differs, and leaves those out of "same"', () => {
    const b = details({ entry: bEntry, taskOverrides: ['db=mysql', 'seed=2'], env: env({ node: 'v22.0.0' }) });
    const text = formatRunDiff(diffRuns(a, b), a, b, CWD);
    expect(text).toContain('\noverrides:\n  + seed=2\n');
    expect(text).toContain('\nenvironment:\n  ~ node: v20.1.0 → v22.0.0\n');
    expect(text).toContain('\nresults:\n  ~ acc: 0.9 → 0.8\n');
    expect(text).toContain('\nsame: code\n');
    expect(text).not.toContain('config:');
  });

  it('prints the code section when the code differs', () => {
    const b = details({ entry: bEntry, git: git({ commit: 'ffffffffffffffffffffffff', dirty: true }), gitDiff: patchOf('x.ts', '1') });
    const text = formatRunDiff(diffRuns(a, b), a, b, CWD);
    expect(text).toContain('\ncode:\n  commit: 0123456789ab → ffffffffffff\n  uncommitted changes: none → yes\n  changed only in B: x.ts\n');
    expect(text).not.toMatch(/same: .*code/);
  });

  // Nothing is known about the code of two runs without git information: never "same".
  it('does not claim the code is the same when neither run has git information', () => {
    const noGit = { isRepo: false as const, reason: 'not a git repository' as const };
    const a2 = details({ git: noGit });
    const b = details({ entry: bEntry, git: noGit });
    expect(formatRunDiff(diffRuns(a2, b), a2, b, CWD)).not.toMatch(/same: .*code/);
  });

  it('lists overrides only in A with a minus', () => {
    const b = details({ entry: bEntry, taskOverrides: [] });
    expect(formatRunDiff(diffRuns(a, b), a, b, CWD)).toContain('\noverrides:\n  - db=mysql\n');
  });

  it('shows at most 30 environment changes', () => {
    const many = Object.fromEntries(Array.from({ length: 35 }, (_, i) => [`VAR_${i}`, String(i)]));
    const b = details({ entry: bEntry, env: env({ env: { ...many, CUDA_VISIBLE_DEVICES: '0' } }) });
    const text = formatRunDiff(diffRuns(a, b), a, b, CWD);
    const section = text.split('\nenvironment:\n')[1]?.split('\n\n')[0] ?? '';
    expect(section.split('\n')).toHaveLength(31);
    expect(section).toContain('… and 5 more');
  });
});
