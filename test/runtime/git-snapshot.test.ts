import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  captureGit,
  type GitRepoSnapshot,
  type GitSnapshot,
  parseStatus,
  pickRemote,
  writeGitSnapshot,
} from '../../src/runtime/git-snapshot.js';

// Tests must not depend on the machine's git identity or on a repository above the temp dir.
const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.com',
  GIT_CONFIG_NOSYSTEM: '1',
};
const savedCeiling = process.env.GIT_CEILING_DIRECTORIES;
const root = realpathSync(mkdtempSync(join(tmpdir(), 'tydra-git-')));
beforeAll(() => {
  process.env.GIT_CEILING_DIRECTORIES = root;
});
afterAll(() => {
  if (savedCeiling === undefined) delete process.env.GIT_CEILING_DIRECTORIES;
  else process.env.GIT_CEILING_DIRECTORIES = savedCeiling;
});

let counter = 0;
function newDir(): string {
  const dir = join(root, `case-${counter++}`);
  mkdirSync(dir);
  return dir;
}
function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, env: GIT_ENV, encoding: 'utf8' }).trim();
}
function write(dir: string, file: string, content: string | Buffer): void {
  mkdirSync(dirname(join(dir, file)), { recursive: true });
  writeFileSync(join(dir, file), content);
}
/** A repository on branch `main` with one commit of `a.txt`, `b.txt` and `keep.txt`. */
function committedRepo(): string {
  const dir = newDir();
  git(dir, 'init', '-q', '-b', 'main');
  write(dir, 'a.txt', 'alpha\n');
  write(dir, 'b.txt', 'beta\n');
  write(dir, 'keep.txt', 'unchanged\n');
  git(dir, 'add', '.');
  git(dir, 'commit', '-q', '-m', 'initial');
  return dir;
}
function repo(snapshot: GitSnapshot): GitRepoSnapshot {
  if (!snapshot.isRepo) throw new Error(`expected a repository, got ${snapshot.reason}`);
  return snapshot;
}
/** Clone `dir` at HEAD, apply the snapshot's patch there, return the clone. */
function applyInClone(dir: string, snapshot: GitRepoSnapshot): string {
  const clone = newDir();
  git(root, 'clone', '-q', dir, clone);
  const patch = join(clone, '..', `${counter++}.patch`);
  writeFileSync(patch, Buffer.from(snapshot.diff, snapshot.diffEncoding === 'base64' ? 'base64' : 'utf8'));
  git(clone, 'apply', '--binary', patch);
  return clone;
}

describe('captureGit', () => {
  it('describes a clean checkout: commit equals `git rev-parse HEAD`, nothing dirty, empty diff', async () => {
    const dir = committedRepo();
    const snapshot = repo(await captureGit(dir));
    expect(snapshot).toMatchObject({
      isRepo: true,
      root: dir,
      commit: git(dir, 'rev-parse', 'HEAD'),
      branch: 'main',
      remote: null,
      remoteUrl: null,
      dirty: false,
      untracked: 0,
      changedFiles: 0,
      diff: '',
      diffEncoding: 'utf8',
      diffTruncated: false,
    });
    expect(snapshot).not.toHaveProperty('diffError');
  });

  it('says so with diffError when git diff fails, rather than passing off an empty patch', async () => {
    const dir = committedRepo();
    write(dir, 'a.txt', 'changed\n');
    const realGit = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
    const flaky = join(root, 'diff-fails-git');
    const script = `#!/bin/sh\nif [ "$1" = diff ]; then echo "fatal: out of memory" >&2; exit 128; fi\nexec ${realGit} "$@"\n`;
    writeFileSync(flaky, script, { mode: 0o755 });
    expect(repo(await captureGit(dir, { git: flaky }))).toMatchObject({
      dirty: true,
      diff: '',
      diffError: 'fatal: out of memory',
    });
  });

  it('finds the repository from a subdirectory', async () => {
    const dir = committedRepo();
    write(dir, 'src/deep/x.txt', 'x\n');
    git(dir, 'add', '.');
    git(dir, 'commit', '-q', '-m', 'deep');
    const snapshot = repo(await captureGit(join(dir, 'src', 'deep')));
    expect(snapshot.root).toBe(dir);
    expect(snapshot.commit).toBe(git(dir, 'rev-parse', 'HEAD'));
  });

  it('counts modified, staged and untracked files and puts staged and unstaged changes in one patch', async () => {
    const dir = committedRepo();
    write(dir, 'a.txt', 'alpha changed\n'); // modified, not staged
    write(dir, 'b.txt', 'beta staged\n');
    git(dir, 'add', 'b.txt'); // staged
    write(dir, 'new.txt', 'untracked\n');
    write(dir, 'newdir/one.txt', '1\n');
    write(dir, 'newdir/two.txt', '2\n');
    const snapshot = repo(await captureGit(dir));
    expect(snapshot).toMatchObject({ dirty: true, changedFiles: 2, untracked: 2, diffTruncated: false });
    expect(snapshot.diff).toContain('+alpha changed');
    expect(snapshot.diff).toContain('+beta staged');
    expect(snapshot.diff).not.toContain('untracked'); // untracked files are counted, not diffed

    const clone = applyInClone(dir, snapshot);
    expect(readFileSync(join(clone, 'a.txt'), 'utf8')).toBe('alpha changed\n');
    expect(readFileSync(join(clone, 'b.txt'), 'utf8')).toBe('beta staged\n');
  });

  it('does not call a tree with only untracked files dirty', async () => {
    const dir = committedRepo();
    write(dir, 'scratch.txt', 'x');
    expect(repo(await captureGit(dir))).toMatchObject({ dirty: false, untracked: 1, changedFiles: 0 });
  });

  it('counts renames and deletions once each', async () => {
    const dir = committedRepo();
    git(dir, 'mv', 'a.txt', 'renamed.txt');
    rmSync(join(dir, 'b.txt'));
    expect(repo(await captureGit(dir))).toMatchObject({ dirty: true, changedFiles: 2, untracked: 0 });
  });

  it('records binary changes as a patch that git can apply', async () => {
    const dir = committedRepo();
    const bytes = Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 31) % 256));
    write(dir, 'blob.bin', bytes);
    git(dir, 'add', 'blob.bin');
    const snapshot = repo(await captureGit(dir));
    expect(snapshot.diff).toContain('GIT binary patch');
    expect(readFileSync(join(applyInClone(dir, snapshot), 'blob.bin'))).toEqual(bytes);
  });

  it('keeps a patch of non-UTF-8 text byte for byte, as base64', async () => {
    const dir = committedRepo();
    const latin1 = Buffer.from('caf\xe9 cr\xe8me\n', 'latin1');
    write(dir, 'a.txt', latin1);
    const snapshot = repo(await captureGit(dir));
    expect(snapshot.diffEncoding).toBe('base64');
    expect(readFileSync(join(applyInClone(dir, snapshot), 'a.txt'))).toEqual(latin1);
  });

  it('cuts the patch at maxDiffBytes on a line boundary and says so', async () => {
    const dir = committedRepo();
    write(dir, 'a.txt', Array.from({ length: 5000 }, (_, i) => `line ${i} ü`).join('\n'));
    const snapshot = repo(await captureGit(dir, { maxDiffBytes: 1000 }));
    expect(snapshot.diffTruncated).toBe(true);
    expect(snapshot.diffEncoding).toBe('utf8');
    expect(Buffer.byteLength(snapshot.diff)).toBeLessThanOrEqual(1000);
    expect(snapshot.diff.endsWith('\n')).toBe(true);
    expect(snapshot.diff.startsWith('diff --git a/a.txt b/a.txt')).toBe(true);
  });

  it('reports a detached HEAD as branch null with the commit it points at', async () => {
    const dir = committedRepo();
    write(dir, 'c.txt', 'c\n');
    git(dir, 'add', '.');
    git(dir, 'commit', '-q', '-m', 'second');
    git(dir, 'checkout', '-q', '--detach', 'HEAD~1');
    const snapshot = repo(await captureGit(dir));
    expect(snapshot.branch).toBeNull();
    expect(snapshot.commit).toBe(git(dir, 'rev-parse', 'HEAD'));
    expect(snapshot.commit).not.toBe(git(dir, 'rev-parse', 'main'));
  });

  it('handles a repository with no commits yet: commit null, branch set, everything in the patch', async () => {
    const dir = newDir();
    git(dir, 'init', '-q', '-b', 'main');
    write(dir, 'staged.txt', 'staged\n');
    git(dir, 'add', 'staged.txt');
    write(dir, 'staged.txt', 'staged then edited\n');
    write(dir, 'loose.txt', 'untracked\n');
    const snapshot = repo(await captureGit(dir));
    expect(snapshot).toMatchObject({ commit: null, branch: 'main', dirty: true, changedFiles: 1, untracked: 1 });
    expect(snapshot.diff).toContain('new file mode');
    expect(snapshot.diff).toContain('+staged then edited');
  });

  it('says "not a git repository" outside a repository and for a missing directory', async () => {
    const dir = newDir();
    expect(await captureGit(dir)).toMatchObject({ isRepo: false, reason: 'not a git repository' });
    expect(await captureGit(join(dir, 'missing'))).toMatchObject({ isRepo: false, reason: 'not a git repository' });
  });

  it('says "git is not installed" when the git executable cannot be found', async () => {
    const dir = committedRepo();
    expect(await captureGit(dir, { git: join(root, 'no-such-git') })).toEqual({
      isRepo: false,
      reason: 'git is not installed',
    });
  });

  it('says "git failed" with git\'s complaint for other fatal errors, and for a timeout', async () => {
    const dir = newDir();
    const dubious = join(root, 'dubious-git');
    writeFileSync(dubious, "#!/bin/sh\necho \"fatal: detected dubious ownership in repository at '$PWD'\" >&2\nexit 128\n", { mode: 0o755 });
    expect(await captureGit(dir, { git: dubious })).toEqual({
      isRepo: false,
      reason: 'git failed',
      detail: `fatal: detected dubious ownership in repository at '${dir}'`,
    });
    const stuck = join(root, 'stuck-git');
    writeFileSync(stuck, '#!/bin/sh\nexec sleep 30\n', { mode: 0o755 });
    expect(await captureGit(dir, { git: stuck, timeoutMs: 50 })).toEqual({
      isRepo: false,
      reason: 'git failed',
      detail: 'git status timed out',
    });
  });

  it('records the origin URL without credentials, preferring origin over other remotes', async () => {
    const dir = committedRepo();
    git(dir, 'remote', 'add', 'backup', 'git@github.com:acme/backup.git');
    git(dir, 'remote', 'add', 'origin', 'https://user:ghp_secret123@github.com/acme/app.git');
    const snapshot = repo(await captureGit(dir));
    expect(snapshot.remote).toBe('origin');
    expect(snapshot.remoteUrl).toBe('https://github.com/acme/app.git');
    expect(JSON.stringify(snapshot)).not.toContain('ghp_secret123');
  });

  it('keeps the scp-like ssh form of a remote as it is', async () => {
    const dir = committedRepo();
    git(dir, 'remote', 'add', 'upstream', 'git@github.com:acme/app.git');
    expect(repo(await captureGit(dir))).toMatchObject({ remote: 'upstream', remoteUrl: 'git@github.com:acme/app.git' });
  });

  it('serves 10 concurrent captures of one repository (no index.lock contention)', async () => {
    const dir = committedRepo();
    write(dir, 'a.txt', 'touched\n');
    const snapshots = await Promise.all(Array.from({ length: 10 }, () => captureGit(dir)));
    for (const snapshot of snapshots) expect(repo(snapshot).changedFiles).toBe(1);
  });
});

describe('writeGitSnapshot', () => {
  it('writes git.json without the patch text and git.diff with the raw bytes', async () => {
    const dir = committedRepo();
    const latin1 = Buffer.from('na\xefve\n', 'latin1');
    write(dir, 'a.txt', latin1);
    const snapshot = repo(await captureGit(dir));
    const out = newDir();
    expect(await writeGitSnapshot(out, snapshot)).toBe(join(out, 'git.json'));
    const json = JSON.parse(readFileSync(join(out, 'git.json'), 'utf8')) as Record<string, unknown>;
    expect(json).not.toHaveProperty('diff');
    expect(json).toMatchObject({ commit: snapshot.commit, diffFile: 'git.diff', diffEncoding: 'base64' });

    const clone = newDir();
    git(root, 'clone', '-q', dir, clone);
    git(clone, 'apply', join(out, 'git.diff'));
    expect(readFileSync(join(clone, 'a.txt'))).toEqual(latin1);
  });

  it('writes diffFile null and no git.diff for a clean tree, and the reason outside a repository', async () => {
    const out = newDir();
    await writeGitSnapshot(out, repo(await captureGit(committedRepo())));
    expect(JSON.parse(readFileSync(join(out, 'git.json'), 'utf8'))).toMatchObject({ diffFile: null });
    const out2 = newDir();
    await writeGitSnapshot(out2, await captureGit(newDir()));
    expect(JSON.parse(readFileSync(join(out2, 'git.json'), 'utf8'))).toEqual({
      isRepo: false,
      reason: 'not a git repository',
      detail: expect.stringContaining('not a git repository'),
    });
  });
});

describe('parseStatus', () => {
  it('reads commit, branch and counts, skipping the original path of a rename', () => {
    const output = [
      '# branch.oid 0123456789abcdef0123456789abcdef01234567',
      '# branch.head feature/x',
      '1 .M N... 100644 100644 100644 aaa bbb a.txt',
      '2 R. N... 100644 100644 100644 aaa aaa R100 new name.txt',
      '? looks like a header.txt', // the original path of the rename above
      'u UU N... 100644 100644 100644 100644 a b c conflict.txt',
      '? untracked.txt',
      '',
    ].join('\0');
    expect(parseStatus(output)).toEqual({
      commit: '0123456789abcdef0123456789abcdef01234567',
      branch: 'feature/x',
      changedFiles: 3,
      untracked: 1,
    });
  });

  it('maps "(initial)" and "(detached)" to null', () => {
    expect(parseStatus('# branch.oid (initial)\0# branch.head (detached)\0')).toMatchObject({ commit: null, branch: null });
  });
});

describe('pickRemote', () => {
  it('prefers origin, else takes the first remote, else null', () => {
    expect(pickRemote('remote.a.url\nu1\0remote.origin.url\nu2\0')).toEqual({ name: 'origin', url: 'u2' });
    expect(pickRemote('remote.a.url\nu1\0remote.b.url\nu2\0')).toEqual({ name: 'a', url: 'u1' });
    expect(pickRemote('')).toBeNull();
  });
});
