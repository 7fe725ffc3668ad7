/**
 * The bundled ML example, run as users run it (a real `node` process, after `npm run build`):
 * a complete run dir, the info flags, schema errors, 20 concurrent runs, secret redaction, and a
 * failing task's exit code.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/conf-tree.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const TRAIN = path.join(ROOT, 'conf-examples/ml-train/train.js');

function run(args: string[], opts: { cwd: string; env?: NodeJS.ProcessEnv }) {
  const r = spawnSync(process.execPath, [TRAIN, ...args], { cwd: opts.cwd, encoding: 'utf8', env: { ...process.env, ...opts.env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function runDirs(cwd: string): string[] {
  const root = path.join(cwd, 'outputs');
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (!e.isDirectory()) continue;
      const p = path.join(d, e.name);
      if (fs.existsSync(path.join(p, '.hydra'))) out.push(p);
      else walk(p);
    }
  };
  if (fs.existsSync(root)) walk(root);
  return out;
}

describe('the ML example', () => {
  it('trains, writes a complete run dir and records its metrics in run.json', () => {
    const cwd = tempDir();
    const r = run(['train.epochs=5'], { cwd });
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/\[train\]\[INFO\] - test accuracy 0\.\d+/);
    const [dir] = runDirs(cwd) as [string];
    expect(path.relative(cwd, dir)).toMatch(/^outputs\/\d{4}-\d\d-\d\d\/\d\d-\d\d-\d\d$/);
    const meta = fs.readdirSync(path.join(dir, '.hydra')).sort();
    expect(meta).toEqual(expect.arrayContaining(['choices.yaml', 'config.resolved.yaml', 'config.yaml', 'env.json', 'git.json', 'hydra.yaml', 'overrides.yaml', 'run.json']));
    const record = JSON.parse(fs.readFileSync(path.join(dir, '.hydra', 'run.json'), 'utf8'));
    expect(record.status).toBe('completed');
    expect(record.result.accuracy).toBeGreaterThan(0.5);
    expect(typeof record.result.loss).toBe('number');
    expect(fs.readFileSync(path.join(dir, '.hydra', 'overrides.yaml'), 'utf8')).toBe('- train.epochs=5\n');
    expect(fs.existsSync(path.join(dir, 'train.log'))).toBe(true);
  });

  it('is deterministic for a seed', () => {
    const cwd = tempDir();
    const a = run(['train.epochs=3', 'seed=4'], { cwd });
    const b = run(['train.epochs=3', 'seed=4'], { cwd });
    const acc = (s: string) => /test accuracy ([\d.]+), loss ([\d.]+)/.exec(s)?.slice(1);
    expect(acc(a.out)).toEqual(acc(b.out));
  });

  it('prints its config, defaults list, help and completion script without running', () => {
    const cwd = tempDir();
    const cfg = run(['--cfg', 'job', 'optimizer=sgd', '+experiment=quick'], { cwd });
    expect(cfg.out).toContain('optimizer:\n  name: sgd\n  lr: 0.1\n');
    expect(cfg.out).toContain('model:\n  name: logreg\n');
    expect(cfg.out).toContain('train:\n  epochs: 5\n');
    const info = run(['--info', 'defaults'], { cwd });
    expect(info.out).toMatch(/\| optimizer\/adam\s+\| optimizer\s+\| False\s+\| config\s+\|/);
    const help = run(['--help'], { cwd });
    expect(help.out).toContain('== train ==');
    expect(help.out).toContain('dataset: blobs, moons');
    expect(help.out).toContain('experiment: quick, wide_mlp');
    const sc = run(['-sc', 'install=bash'], { cwd });
    expect(sc.out).toContain('complete -o nospace -o default -F _tydra_node node\ncomplete -o nospace -o default -F _tydra_train_js train.js\n');
    expect(runDirs(cwd)).toEqual([]);
  });

  it('reports a wrong value with where it came from, and runs nothing', () => {
    const cwd = tempDir();
    const r = run(['optimizer.lr=abc'], { cwd });
    expect(r.code).toBe(1);
    expect(r.err).toContain('optimizer.lr: expected number, got "abc" (from override optimizer.lr=abc)');
    expect(r.err).not.toMatch(/\n\s+at /);
    expect(runDirs(cwd)).toEqual([]);
  });

  it('gives 20 runs started at the same time 20 distinct directories', async () => {
    const cwd = tempDir();
    const codes = await Promise.all(
      Array.from(
        { length: 20 },
        () =>
          new Promise<number>((resolve) => {
            const p = spawn(process.execPath, [TRAIN, 'train.epochs=1', 'dataset.n_samples=40', 'hydra.run.dir=outputs/same'], { cwd, stdio: 'ignore' });
            p.on('close', (code) => resolve(code ?? -1));
          }),
      ),
    );
    expect(codes.every((c) => c === 0)).toBe(true);
    const dirs = runDirs(cwd);
    expect(dirs).toHaveLength(20);
    expect(new Set(dirs).size).toBe(20);
    for (const d of dirs) expect(JSON.parse(fs.readFileSync(path.join(d, '.hydra', 'run.json'), 'utf8')).status).toBe('completed');
  });

  it('redacts secrets from env.json and never writes them anywhere in the run dir', () => {
    const cwd = tempDir();
    const secrets = { AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', GITHUB_TOKEN: 'ghp_16C7e42F292c6912E7710c838347Ae178B4a' };
    const r = run(['train.epochs=1'], { cwd, env: { ...secrets, TYDRA_HARMLESS: 'keep-me' } });
    expect(r.code).toBe(0);
    const [dir] = runDirs(cwd) as [string];
    const env = JSON.parse(fs.readFileSync(path.join(dir, '.hydra', 'env.json'), 'utf8'));
    expect(env.env.AWS_SECRET_ACCESS_KEY).toBe('<redacted>');
    expect(env.env.GITHUB_TOKEN).toBe('<redacted>');
    expect(env.env.TYDRA_HARMLESS).toBe('keep-me');
    const all = fs.readdirSync(dir, { recursive: true }).map(String);
    for (const f of all) {
      const p = path.join(dir, f);
      if (!fs.statSync(p).isFile()) continue;
      const text = fs.readFileSync(p, 'utf8');
      for (const s of Object.values(secrets)) expect(text.includes(s), `${f} holds a secret`).toBe(false);
    }
  });
});

describe('a task that throws', () => {
  it('leaves run.json failed with the error and exits non-zero', () => {
    const cwd = tempDir();
    fs.mkdirSync(path.join(cwd, 'conf'));
    fs.writeFileSync(path.join(cwd, 'conf', 'config.yaml'), 'lr: 0.1\n');
    fs.mkdirSync(path.join(cwd, 'node_modules'));
    fs.symlinkSync(ROOT, path.join(cwd, 'node_modules', 'tydra'));
    fs.writeFileSync(
      path.join(cwd, 'app.mjs'),
      "import { main } from 'tydra';\nmain({ configPath: 'conf', configName: 'config', name: 'app' }, () => { throw new Error('loss is NaN'); });\n",
    );
    const r = spawnSync(process.execPath, ['app.mjs'], { cwd, encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('Error: loss is NaN');
    const [dir] = runDirs(cwd) as [string];
    const record = JSON.parse(fs.readFileSync(path.join(dir, '.hydra', 'run.json'), 'utf8'));
    expect(record).toMatchObject({ status: 'failed', exitCode: 1, error: { name: 'Error', message: 'loss is NaN' } });
    expect(r.stderr.match(/loss is NaN/g)?.length).toBe(1);
  });
});
