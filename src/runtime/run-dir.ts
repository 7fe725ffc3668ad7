/**
 * Run directories and run ids: each run owns its directory, even when many processes start in
 * the same second with the same configured path (hydra#1607, #1817, #2925).
 *
 * The claim is a non-recursive `mkdir` of the leaf, which the OS makes atomic: exactly one
 * process creates `outputs/12-00-00`; the others get `EEXIST` and try `12-00-00_1`, `_2`, …
 * The run context (id, dir, start time) is frozen once and handed to child processes through
 * environment variables so ranks and workers attach to the parent's run instead of
 * re-resolving `${now:}` into a new directory (hydra#2070).
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readdir } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';

/** Options for {@link createRunDir}. */
export interface CreateRunDirOptions {
  /**
   * What to do when the path already exists: `'suffix'` (default) claims the next free
   * `<path>_<n>`; `'error'` throws the `EEXIST` error.
   */
  onExists?: 'suffix' | 'error';
  /** Give up after this many taken candidates. Default `10_000`. */
  maxAttempts?: number;
}

/**
 * Create the directory for one run and return the path actually created (absolute).
 * Parents are created as needed; the leaf is claimed with an exclusive `mkdir`, so no two
 * callers, in this process or any other, ever get the same directory.
 * @example await createRunDir('outputs/2024-05-01/12-00-00') // → '/abs/outputs/2024-05-01/12-00-00_1' if taken
 */
export async function createRunDir(path: string, options: CreateRunDirOptions = {}): Promise<string> {
  const target = resolve(path);
  const onExists = options.onExists ?? 'suffix';
  const maxAttempts = options.maxAttempts ?? 10_000;
  await mkdir(dirname(target), { recursive: true });
  if (await tryClaim(target)) return target;
  if (onExists === 'error') {
    throw Object.assign(new Error(`run directory already exists: ${target}`), { code: 'EEXIST', path: target });
  }

  // Jump past the suffixes already on disk instead of probing _1, _2, … one by one; races after
  // the listing are settled by the exclusive mkdir below.
  let n = (await highestSuffix(target)) + 1;
  for (let attempt = 0; attempt < maxAttempts; attempt++, n++) {
    const candidate = suffixedRunDir(target, n);
    if (await tryClaim(candidate)) return candidate;
  }
  throw new Error(`could not create a run directory for ${target}: ${maxAttempts} candidates were taken`);
}

/**
 * The `n`-th alternative of a run directory path: `suffixedRunDir('out/12-00-00', 2)` → `'out/12-00-00_2'`.
 * @example suffixedRunDir('outputs/exp', 1) // 'outputs/exp_1'
 */
export function suffixedRunDir(path: string, n: number): string {
  return `${path}_${n}`;
}

async function tryClaim(path: string): Promise<boolean> {
  try {
    await mkdir(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

async function highestSuffix(target: string): Promise<number> {
  const base = basename(target);
  const pattern = new RegExp(`^${escapeRegExp(base)}_(\\d+)$`);
  let highest = 0;
  for (const name of await readdir(dirname(target)).catch(() => [] as string[])) {
    const match = pattern.exec(name);
    if (match) highest = Math.max(highest, Number(match[1]));
  }
  return highest;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Options for {@link createRunId}; both exist so that tests can pin the result. */
export interface CreateRunIdOptions {
  /** The start time. Default: now. */
  now?: Date;
  /** The random part, 6 characters of `[0-9a-z]`. Default: from `crypto.randomBytes`. */
  random?: string;
}

const RUN_ID_ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

/**
 * A run id: the UTC start time to the millisecond plus 6 random base-36 characters. Ids sort
 * chronologically as plain strings and are safe in file names on every OS (no `:`).
 * @example createRunId() // '2024-05-01T12-00-00-123Z-k3f9a0'
 */
export function createRunId(options: CreateRunIdOptions = {}): string {
  const iso = (options.now ?? new Date()).toISOString(); // 2024-05-01T12:00:00.123Z
  const stamp = iso.replace(/:/g, '-').replace('.', '-');
  return `${stamp}-${options.random ?? randomRunIdSuffix()}`;
}

function randomRunIdSuffix(): string {
  // 36^6 ≈ 2.2e9 values; 256 % 36 bias is irrelevant for collision avoidance.
  return Array.from(randomBytes(6), (byte) => RUN_ID_ALPHABET[byte % 36]).join('');
}

/** The values frozen once per run and shared with every process that belongs to it. */
export interface RunContext {
  /** The run id, see {@link createRunId}. */
  runId: string;
  /** The absolute run directory returned by {@link createRunDir}. */
  runDir: string;
  /** ISO start time; `${now:}` is resolved from it so every rank agrees. */
  startedAt: string;
}

/** Names of the environment variables that carry a {@link RunContext} to child processes. */
export const RUN_CONTEXT_ENV = {
  runId: 'TYDRA_RUN_ID',
  runDir: 'TYDRA_RUN_DIR',
  startedAt: 'TYDRA_RUN_STARTED_AT',
} as const;

/**
 * The environment variables a child process needs to attach to this run.
 * @example spawn(cmd, args, { env: { ...process.env, ...runContextToEnv(ctx) } })
 */
export function runContextToEnv(context: RunContext): Record<string, string> {
  return {
    [RUN_CONTEXT_ENV.runId]: context.runId,
    [RUN_CONTEXT_ENV.runDir]: context.runDir,
    [RUN_CONTEXT_ENV.startedAt]: context.startedAt,
  };
}

/**
 * The run this process was started for, or `null` when it is a fresh run. All three variables
 * must be set and `startedAt` must parse; a partial context is treated as absent.
 * @example const parent = runContextFromEnv(process.env) // attach instead of createRunDir()
 */
export function runContextFromEnv(env: Readonly<Record<string, string | undefined>>): RunContext | null {
  const runId = env[RUN_CONTEXT_ENV.runId];
  const runDir = env[RUN_CONTEXT_ENV.runDir];
  const startedAt = env[RUN_CONTEXT_ENV.startedAt];
  if (!runId || !runDir || !startedAt || Number.isNaN(Date.parse(startedAt))) return null;
  return { runId, runDir, startedAt };
}
