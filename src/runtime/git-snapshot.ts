/**
 * The code a run ran: commit, branch, remote, and the uncommitted diff, from `git` itself.
 *
 * Runs `git` with execFile-style argument arrays (no shell), all independent calls at once:
 * `status --porcelain=v2 --branch` (commit, branch, counts), `diff HEAD --binary` (the patch),
 * `config --get-regexp remote.*.url`. A repository without commits costs one extra call.
 * `GIT_OPTIONAL_LOCKS=0` keeps `status` from taking `index.lock`, so runs that start together
 * in one repository never fail on each other's lock.
 */
import { spawn } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic, writeJsonAtomic } from './atomic-write.js';
import { stripUrlCredentials } from './redact.js';

/** The file names {@link writeGitSnapshot} writes. */
export const GIT_SNAPSHOT_FILES = { json: 'git.json', diff: 'git.diff' } as const;

/** Options for {@link captureGit}. */
export interface CaptureGitOptions {
  /** The `git` executable. Default `'git'` from `PATH`. */
  git?: string;
  /** Keep at most this many bytes of the diff. Default 1 MiB. */
  maxDiffBytes?: number;
  /** Kill a `git` call after this many milliseconds. Default 10 000. */
  timeoutMs?: number;
}

/** The snapshot of a work tree. */
export interface GitRepoSnapshot {
  isRepo: true;
  /** Absolute path of the work tree's top level. */
  root: string;
  /** Full hash of HEAD (equals `git rev-parse HEAD`), or `null` before the first commit. */
  commit: string | null;
  /** The checked-out branch, or `null` when HEAD is detached. */
  branch: string | null;
  /** Name of the remote whose URL is recorded: `origin` when it exists, else the first. */
  remote: string | null;
  /** That remote's URL with credentials stripped (see `stripUrlCredentials`). */
  remoteUrl: string | null;
  /** Whether tracked files differ from HEAD (staged or not). Untracked files do not count. */
  dirty: boolean;
  /** Untracked entries as `git status` lists them (a new directory counts once). */
  untracked: number;
  /** Tracked paths with staged or unstaged changes, including conflicts. */
  changedFiles: number;
  /** `git diff HEAD --binary`: tracked changes, staged and unstaged; untracked files are not in it. */
  diff: string;
  /** `utf8` normally; `base64` when the patch bytes are not valid UTF-8 (e.g. Latin-1 sources). */
  diffEncoding: 'utf8' | 'base64';
  /** Whether `diff` was cut at `maxDiffBytes`; a truncated patch does not apply. */
  diffTruncated: boolean;
  /** Set when `git diff` itself failed (e.g. timed out), so an empty `diff` is not mistaken for a clean tree. */
  diffError?: string;
}

/** Why there is no snapshot. */
export interface GitNoRepoSnapshot {
  isRepo: false;
  reason: 'not a git repository' | 'git is not installed' | 'git failed';
  /** git's first line of complaint, when there was one. */
  detail?: string;
}

/** What {@link captureGit} returns. */
export type GitSnapshot = GitRepoSnapshot | GitNoRepoSnapshot;

interface GitOutput {
  code: number | null;
  stdout: Buffer;
  stderr: string;
  truncated: boolean;
  timedOut: boolean;
  spawnError?: NodeJS.ErrnoException;
}

const DIFF_ARGS = ['--binary', '--no-color', '--no-ext-diff', '--no-textconv'];

/**
 * Capture the git state of the work tree containing `cwd`. Never throws for a missing repo or
 * a missing `git`: those come back as `{ isRepo: false, reason }`.
 * @example const git = await captureGit(process.cwd()); if (git.isRepo && git.dirty) console.warn('dirty tree')
 */
export async function captureGit(cwd: string, options: CaptureGitOptions = {}): Promise<GitSnapshot> {
  const run = (args: string[], maxBytes = Number.POSITIVE_INFINITY) =>
    runGit(options.git ?? 'git', args, cwd, maxBytes, options.timeoutMs ?? 10_000);
  const maxDiffBytes = options.maxDiffBytes ?? 1024 * 1024;

  const [status, diffHead, remotes, root] = await Promise.all([
    run(['status', '--porcelain=v2', '--branch', '-z', '--untracked-files=normal']),
    run(['diff', 'HEAD', ...DIFF_ARGS], maxDiffBytes),
    run(['config', '-z', '--get-regexp', '^remote\\..*\\.url$']),
    run(['rev-parse', '--show-toplevel']),
  ]);

  if (status.spawnError) return noRepoFromSpawnError(status.spawnError, cwd);
  if (status.code !== 0) {
    const detail = status.timedOut ? 'git status timed out' : firstLine(status.stderr);
    // Other fatal errors (e.g. "detected dubious ownership" in containers) are not "no repo".
    const notRepo = !status.timedOut && /not a git repository/i.test(status.stderr);
    return { isRepo: false, reason: notRepo ? 'not a git repository' : 'git failed', ...(detail ? { detail } : {}) };
  }

  const parsed = parseStatus(status.stdout.toString('utf8'));
  let diff = diffHead;
  if (parsed.commit === null) diff = await diffUnborn(run, maxDiffBytes);
  const remote = pickRemote(remotes.code === 0 ? remotes.stdout.toString('utf8') : '');
  const patch = diff.code !== 0 ? Buffer.alloc(0) : diff.truncated ? cutAfterLastNewline(diff.stdout) : diff.stdout;
  const encoded = encodeDiff(patch);
  return {
    isRepo: true,
    root: root.code === 0 ? root.stdout.toString('utf8').trim() : cwd,
    commit: parsed.commit,
    branch: parsed.branch,
    remote: remote?.name ?? null,
    remoteUrl: remote ? stripUrlCredentials(remote.url) : null,
    dirty: parsed.changedFiles > 0,
    untracked: parsed.untracked,
    changedFiles: parsed.changedFiles,
    diff: encoded.text,
    diffEncoding: encoded.encoding,
    diffTruncated: diff.truncated,
    ...(diff.code === 0 ? {} : { diffError: diff.timedOut ? 'git diff timed out' : firstLine(diff.stderr) || 'git diff failed' }),
  };
}

/**
 * Write `<dir>/git.json` (the snapshot without the patch text, plus `diffFile` when there is a
 * patch) and `<dir>/git.diff` (the raw patch bytes, ready for `git apply`).
 * @example await writeGitSnapshot(join(runDir, '.run'), await captureGit(process.cwd()))
 */
export async function writeGitSnapshot(dir: string, snapshot: GitSnapshot): Promise<string> {
  const jsonPath = join(dir, GIT_SNAPSHOT_FILES.json);
  if (!snapshot.isRepo) {
    await writeJsonAtomic(jsonPath, snapshot);
    return jsonPath;
  }
  const { diff, ...rest } = snapshot;
  const hasDiff = diff.length > 0;
  if (hasDiff) {
    const bytes = Buffer.from(diff, snapshot.diffEncoding === 'base64' ? 'base64' : 'utf8');
    await writeFileAtomic(join(dir, GIT_SNAPSHOT_FILES.diff), bytes);
  }
  await writeJsonAtomic(jsonPath, { ...rest, diffFile: hasDiff ? GIT_SNAPSHOT_FILES.diff : null });
  return jsonPath;
}

/** Commit, branch and counts parsed from `git status --porcelain=v2 --branch -z`. */
export interface ParsedStatus {
  commit: string | null;
  branch: string | null;
  changedFiles: number;
  untracked: number;
}

/**
 * Parse `git status --porcelain=v2 --branch -z` output (pure; exported for tests).
 * @example parseStatus('# branch.oid (initial)\0# branch.head main\0? a.txt\0').untracked // 1
 */
export function parseStatus(output: string): ParsedStatus {
  const result: ParsedStatus = { commit: null, branch: null, changedFiles: 0, untracked: 0 };
  const records = output.split('\0');
  for (let i = 0; i < records.length; i++) {
    const record = records[i] ?? '';
    if (record.startsWith('# branch.oid ')) {
      const oid = record.slice('# branch.oid '.length);
      result.commit = oid === '(initial)' ? null : oid;
    } else if (record.startsWith('# branch.head ')) {
      const head = record.slice('# branch.head '.length);
      result.branch = head === '(detached)' ? null : head;
    } else if (record.startsWith('1 ') || record.startsWith('u ')) {
      result.changedFiles++;
    } else if (record.startsWith('2 ')) {
      result.changedFiles++;
      i++; // a rename or copy record is followed by its original path
    } else if (record.startsWith('? ')) {
      result.untracked++;
    }
  }
  return result;
}

/**
 * The remote to record from `git config -z --get-regexp '^remote\..*\.url$'`: `origin`, else the first.
 * @example pickRemote('remote.origin.url\nhttps://host/x.git\0') // { name: 'origin', url: 'https://host/x.git' }
 */
export function pickRemote(output: string): { name: string; url: string } | null {
  const remotes: { name: string; url: string }[] = [];
  for (const record of output.split('\0')) {
    const newline = record.indexOf('\n');
    if (newline < 0) continue;
    const key = record.slice(0, newline);
    const name = key.replace(/^remote\./, '').replace(/\.url$/, '');
    remotes.push({ name, url: record.slice(newline + 1) });
  }
  return remotes.find((remote) => remote.name === 'origin') ?? remotes[0] ?? null;
}

// Before the first commit there is no HEAD: diff the work tree against the empty tree instead,
// which yields one patch holding staged and unstaged changes alike.
async function diffUnborn(
  run: (args: string[], maxBytes?: number) => Promise<GitOutput>,
  maxDiffBytes: number,
): Promise<GitOutput> {
  const emptyTree = await run(['hash-object', '-t', 'tree', '/dev/null']);
  if (emptyTree.code !== 0) return emptyTree;
  return run(['diff', emptyTree.stdout.toString('utf8').trim(), ...DIFF_ARGS], maxDiffBytes);
}

// A cut in the middle of a line could split a UTF-8 character and force base64 for the lot.
function cutAfterLastNewline(bytes: Buffer): Buffer {
  const end = bytes.lastIndexOf(0x0a);
  return end < 0 ? bytes : bytes.subarray(0, end + 1);
}

function encodeDiff(bytes: Buffer): { text: string; encoding: 'utf8' | 'base64' } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf8' };
  } catch {
    return { text: bytes.toString('base64'), encoding: 'base64' };
  }
}

async function noRepoFromSpawnError(error: NodeJS.ErrnoException, cwd: string): Promise<GitNoRepoSnapshot> {
  // spawn reports a missing cwd as ENOENT too; only a real directory means git itself is missing.
  const cwdExists = await stat(cwd).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (error.code === 'ENOENT' && cwdExists) return { isRepo: false, reason: 'git is not installed' };
  return { isRepo: false, reason: cwdExists ? 'git failed' : 'not a git repository', detail: error.message };
}

function firstLine(text: string): string {
  return text.split('\n').find((line) => line.trim() !== '') ?? '';
}

function runGit(git: string, args: string[], cwd: string, maxBytes: number, timeoutMs: number): Promise<GitOutput> {
  return new Promise((resolvePromise) => {
    const chunks: Buffer[] = [];
    const errChunks: Buffer[] = [];
    let size = 0;
    let truncated = false;
    let timedOut = false;
    let settled = false;
    const settle = (output: GitOutput) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolvePromise(output);
    };
    const child = spawn(git, args, {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, GIT_OPTIONAL_LOCKS: '0', GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' },
      windowsHide: true,
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => {
      if (truncated) return;
      if (size + chunk.length > maxBytes) {
        chunks.push(chunk.subarray(0, maxBytes - size));
        size = maxBytes;
        truncated = true;
        child.kill('SIGKILL'); // the rest would be thrown away; stop git producing it
        return;
      }
      chunks.push(chunk);
      size += chunk.length;
    });
    child.stderr.on('data', (chunk: Buffer) => errChunks.push(chunk));
    child.on('error', (error: NodeJS.ErrnoException) =>
      settle({ code: null, stdout: Buffer.alloc(0), stderr: '', truncated: false, timedOut, spawnError: error }),
    );
    child.on('close', (code) =>
      settle({
        // A deliberate kill after truncation is a success: we have the bytes we wanted.
        code: truncated && !timedOut ? 0 : code,
        stdout: Buffer.concat(chunks),
        stderr: Buffer.concat(errChunks).toString('utf8'),
        truncated,
        timedOut,
      }),
    );
  });
}
