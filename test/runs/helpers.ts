/**
 * Real runs for the run-tool tests: apps run in-process with `main()`, and real processes (the
 * ML example and the `tydra` CLI bundled from src/ with esbuild, so the tests do not depend on
 * dist/ being built).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Plugin, build } from 'esbuild';
import { afterAll } from 'vitest';
import { main } from '../../src/runtime/main.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const FIXTURE_CONF = path.join(ROOT, 'test/fixtures/runs/conf');
export const TRAIN_PY = path.join(ROOT, 'test/fixtures/runs/train.py');
export const ML_CONF = path.join(ROOT, 'conf-examples/ml-train/conf');

const made: string[] = [];
afterAll(() => {
  for (const d of made) fs.rmSync(d, { recursive: true, force: true });
});

/** A temp dir removed after the file's tests. */
export function tempDir(prefix = 'tydra-runs-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** A copy of a conf tree in a temp dir (tests that edit configs). */
export function copyConf(from = FIXTURE_CONF): string {
  const dir = path.join(tempDir('tydra-conf-'), 'conf');
  fs.cpSync(from, dir, { recursive: true });
  return dir;
}

const bundles = new Map<string, Promise<string>>();

/** `tydra` and `tydra/<subpath>` resolve to the sources behind package.json's exports (`./dist/x.js` → `src/x.ts`). */
const tydraFromSources: Plugin = {
  name: 'tydra-from-sources',
  setup(b) {
    const exportsMap = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { exports: Record<string, { import?: string } | string> }).exports;
    b.onResolve({ filter: /^tydra(\/.*)?$/ }, (args) => {
      const entry = exportsMap[args.path === 'tydra' ? '.' : `.${args.path.slice('tydra'.length)}`];
      const target = typeof entry === 'object' ? entry.import : undefined;
      if (!target) return { errors: [{ text: `tydra does not export ${args.path}` }] };
      return { path: path.join(ROOT, target.replace(/^\.\/dist\//, 'src/').replace(/\.js$/, '.ts')) };
    });
  },
};

/** Bundle a TypeScript entry point (with `tydra` imports served from src/) into a temp `.mjs`. */
export function bundle(entry: string): Promise<string> {
  let hit = bundles.get(entry);
  if (!hit) {
    const outfile = path.join(tempDir('tydra-bundle-'), `${path.basename(entry, '.ts')}.mjs`);
    hit = build({
      entryPoints: [entry],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      plugins: [tydraFromSources],
      banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
      logLevel: 'silent',
    }).then(() => outfile);
    bundles.set(entry, hit);
  }
  return hit;
}

/** The `tydra` CLI, bundled from src/cli.ts. */
export const tydraBin = () => bundle(path.join(ROOT, 'src/cli.ts'));
/** The ML example's train script, bundled from conf-examples/ml-train/train.ts. */
export const mlTrain = () => bundle(path.join(ROOT, 'conf-examples/ml-train/train.ts'));

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run `node script args` to the end. */
export function runNode(script: string, args: readonly string[], opts: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, ...opts.env };
    for (const k of ['TYDRA_RUN_ID', 'TYDRA_RUN_DIR', 'TYDRA_RUN_STARTED_AT']) delete env[k];
    const child = spawn(process.execPath, [script, ...args], { cwd: opts.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Run the ML example (`-cp` points at its conf/, since the bundle lives elsewhere). */
export async function runMl(cwd: string, args: readonly string[]): Promise<Finished> {
  const r = await runNode(await mlTrain(), ['-cp', ML_CONF, ...args], { cwd });
  if (r.code !== 0) throw new Error(`the ML example exited with ${r.code}:\n${r.stdout}\n${r.stderr}`);
  return r;
}

/** Run the `tydra` CLI as a process. */
export async function runTydra(cwd: string, args: readonly string[], env?: NodeJS.ProcessEnv): Promise<Finished> {
  return runNode(await tydraBin(), args, { cwd, env });
}

/** A run of the fixture app in this process: `main()` with a task that returns metrics. */
export async function runFixtureApp(cwd: string, args: readonly string[], opts: { configDir?: string; fail?: boolean } = {}): Promise<unknown> {
  const logs: string[] = [];
  return main<undefined, { model: { lr: number }; seed: number }>(
    { configPath: opts.configDir ?? FIXTURE_CONF, configName: 'config', name: 'fixture', argv: [...args], cwd, console: (l) => logs.push(l), print: () => undefined },
    (cfg) => {
      if (opts.fail) throw new Error('the task failed on purpose');
      return { accuracy: Math.round((0.5 + cfg.model.lr + cfg.seed / 100) * 1000) / 1000, loss: 1 - cfg.model.lr };
    },
  ).catch((e: unknown) => {
    if (opts.fail) return undefined;
    throw e;
  });
}

/** Capture what a CLI command prints. */
export function capture(): { out: (s: string) => void; err: (s: string) => void; stdout: () => string; stderr: () => string } {
  let o = '';
  let e = '';
  return { out: (s) => (o += s), err: (s) => (e += s), stdout: () => o, stderr: () => e };
}

/** Initialise a git repository with one commit in `dir`. */
export async function gitInit(dir: string): Promise<void> {
  const git = (...args: string[]) =>
    new Promise<void>((resolve, reject) => {
      const c = spawn('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], { cwd: dir, stdio: 'ignore' });
      c.on('error', reject);
      c.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`git ${args.join(' ')} exited ${code}`))));
    });
  fs.writeFileSync(path.join(dir, '.gitignore'), 'outputs/\nmultirun/\n');
  await git('init', '-q', '.');
  await git('add', '-A');
  await git('commit', '-q', '-m', 'init');
}
