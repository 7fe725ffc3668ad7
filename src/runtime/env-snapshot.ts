/**
 * The environment a run ran in: runtime, machine, user, argv, lockfile hash, the installed
 * versions of the app's dependencies, and the environment variables with secrets redacted.
 *
 * Synchronous and cheap (a few small file reads and one lockfile hash) so that it can run on
 * every start. Nothing here spawns a process.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { writeJsonAtomic } from './atomic-write.js';
import { matchesAny, type RedactionOptions, redactArgv, redactEnv } from './redact.js';

/** Lockfile names, in the order they are preferred when a directory holds several. */
export const LOCKFILE_NAMES: readonly string[] = [
  'package-lock.json',
  'npm-shrinkwrap.json',
  'pnpm-lock.yaml',
  'yarn.lock',
  'bun.lock',
];

/** The file name {@link writeEnvSnapshot} writes. */
export const ENV_SNAPSHOT_FILE = 'env.json';

/** Options for {@link captureEnvironment}. */
export interface CaptureEnvironmentOptions {
  /** The command line to record. Default `process.argv`. Redacted like env values. */
  argv?: readonly string[];
  /** The working directory to record and search from. Default `process.cwd()`. */
  cwd?: string;
  /** Where the upward lockfile search starts. Default: `cwd`. */
  lockfileDir?: string;
  /** Where the upward `package.json` search starts. Default: `cwd`. */
  packageDir?: string;
  /** `allow`/`deny` lists for environment variables (config: `hydra.job.env_snapshot`). */
  redaction?: RedactionOptions;
  /** Only record variables whose name matches one of these names or globs. Default: all. */
  include?: readonly string[];
  /** The variables to record. Default `process.env`. */
  env?: Readonly<Record<string, string | undefined>>;
}

/** The lockfile found for the app. */
export interface LockfileInfo {
  /** Absolute path. */
  path: string;
  /** Hex SHA-256 of its bytes: two runs with the same hash installed from the same lock. */
  sha256: string;
}

/** One dependency of the app's package and what is installed for it. */
export interface DependencyVersion {
  /** The range declared in package.json, e.g. `^2.9.0`. */
  wanted: string;
  /** The version found in `node_modules/<name>/package.json`, or `null` when not installed. */
  installed: string | null;
  /** Which list declared it. */
  kind: 'dependencies' | 'devDependencies' | 'optionalDependencies' | 'peerDependencies';
}

/** What {@link captureEnvironment} returns and `env.json` holds. */
export interface EnvSnapshot {
  /** `process.version`, e.g. `v20.20.2`. */
  node: string;
  /** `process.execPath`. */
  execPath: string;
  /** The package manager that started the process, from `npm_config_user_agent`, else `null`. */
  packageManager: string | null;
  platform: NodeJS.Platform;
  arch: string;
  /** `os.release()`. */
  osRelease: string;
  cpu: { model: string | null; count: number };
  /** `os.totalmem()`, bytes. */
  totalMemoryBytes: number;
  /** Login name, or `null` where the OS has none for this uid (containers). */
  user: string | null;
  hostname: string;
  /** The command line, redacted. */
  argv: string[];
  cwd: string;
  pid: number;
  lockfile: LockfileInfo | null;
  /** The nearest package.json above `packageDir`, or `null`. */
  packageJson: string | null;
  /** The app's declared dependencies (all four lists) with the installed versions. */
  dependencies: Record<string, DependencyVersion>;
  /** Environment variables, sorted by name, secrets replaced with `<redacted>`. */
  env: Record<string, string>;
  /** Names whose value was replaced whole (the names themselves are not secret). */
  redacted: string[];
}

/**
 * Capture the environment of this process for `env.json`.
 * @example const env = captureEnvironment({ argv: process.argv, cwd: process.cwd() })
 */
export function captureEnvironment(options: CaptureEnvironmentOptions = {}): EnvSnapshot {
  const cwd = resolve(options.cwd ?? process.cwd());
  const rawEnv = options.env ?? process.env;
  const selected = options.include ? pickNames(rawEnv, options.include) : rawEnv;
  const { env, redacted } = redactEnv(selected, options.redaction);
  const packageJson = findUp(resolve(options.packageDir ?? cwd), ['package.json']);
  const cpus = os.cpus();
  return {
    node: process.version,
    execPath: process.execPath,
    packageManager: rawEnv.npm_config_user_agent ?? null,
    platform: process.platform,
    arch: process.arch,
    osRelease: os.release(),
    cpu: { model: cpus[0]?.model.trim() ?? null, count: cpus.length },
    totalMemoryBytes: os.totalmem(),
    user: currentUser(),
    hostname: os.hostname(),
    argv: redactArgv(options.argv ?? process.argv, options.redaction),
    cwd,
    pid: process.pid,
    lockfile: findLockfile(resolve(options.lockfileDir ?? cwd)),
    packageJson,
    dependencies: packageJson ? dependencyVersions(packageJson) : {},
    env,
    redacted,
  };
}

/**
 * Write a snapshot to `<dir>/env.json` atomically.
 * @example await writeEnvSnapshot(join(runDir, '.run'), captureEnvironment())
 */
export async function writeEnvSnapshot(dir: string, snapshot: EnvSnapshot): Promise<string> {
  const path = join(dir, ENV_SNAPSHOT_FILE);
  await writeJsonAtomic(path, snapshot);
  return path;
}

/**
 * The nearest lockfile at or above `dir` with its SHA-256, or `null`.
 * @example findLockfile(process.cwd())?.sha256
 */
export function findLockfile(dir: string): LockfileInfo | null {
  const path = findUp(dir, LOCKFILE_NAMES);
  if (path === null) return null;
  return { path, sha256: createHash('sha256').update(readFileSync(path)).digest('hex') };
}

/**
 * Each dependency declared in `packageJsonPath` with the version installed for it, found the
 * way Node resolves packages: `node_modules/<name>/package.json` in the package's directory or
 * any directory above (workspaces hoist to the root).
 * @example dependencyVersions('/app/package.json').yaml?.installed // '2.9.1'
 */
export function dependencyVersions(packageJsonPath: string): Record<string, DependencyVersion> {
  const manifest = readJson(packageJsonPath);
  const out: Record<string, DependencyVersion> = {};
  if (!isRecord(manifest)) return out;
  const kinds = ['peerDependencies', 'optionalDependencies', 'devDependencies', 'dependencies'] as const;
  // Later lists win, so a package in both `dependencies` and `peerDependencies` is reported as a dependency.
  for (const kind of kinds) {
    const declared = manifest[kind];
    if (!isRecord(declared)) continue;
    for (const [name, wanted] of Object.entries(declared)) {
      if (typeof wanted !== 'string') continue;
      out[name] = { wanted, installed: installedVersion(dirname(packageJsonPath), name), kind };
    }
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function installedVersion(fromDir: string, name: string): string | null {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const manifest = readJson(join(dir, 'node_modules', name, 'package.json'));
    if (isRecord(manifest) && typeof manifest.version === 'string') return manifest.version;
    if (dirname(dir) === dir) return null;
  }
}

function findUp(startDir: string, names: readonly string[]): string | null {
  for (let dir = startDir; ; dir = dirname(dir)) {
    for (const name of names) {
      const candidate = join(dir, name);
      if (isFile(candidate)) return candidate;
    }
    if (dirname(dir) === dir) return null;
  }
}

function pickNames(
  env: Readonly<Record<string, string | undefined>>,
  include: readonly string[],
): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(env).filter(([name]) => matchesAny(name, include)));
}

function currentUser(): string | null {
  try {
    return os.userInfo().username;
  } catch {
    // os.userInfo throws when the uid has no passwd entry (common in containers).
    return null;
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
