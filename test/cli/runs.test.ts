/**
 * `tydra runs` on run dirs made by real runs: the ML example (as a process), a sweep of it, the
 * fixture app, and `tydra run` in a git work tree.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../../src/cli/run-command.js';
import { runsCommand } from '../../src/cli/runs-command.js';
import type { RerunRecord } from '../../src/runs/run-details.js';
import { capture, copyConf, gitInit, runMl, runTydra, tempDir } from '../runs/helpers.js';

interface JsonRun {
  id: string;
  shortId: string;
  dir: string;
  status: string;
  overrides: string[];
  config: { optimizer: { lr: number }; seed: number };
  result: { accuracy: number; loss: number };
  sweep: { dir: string; num: number } | null;
  rerunOf: string | null;
}

async function runs(cwd: string, args: string[]): Promise<{ code: number; out: string; err: string }> {
  const c = capture();
  const code = await runsCommand(args, c.out, { cwd, err: c.err });
  return { code, out: c.stdout(), err: c.stderr() };
}

async function lsJson(cwd: string, extra: string[] = []): Promise<JsonRun[]> {
  const r = await runs(cwd, ['ls', '--format', 'json', ...extra]);
  expect(r.code).toBe(0);
  return JSON.parse(r.out) as JsonRun[];
}

describe('tydra runs, after two runs and a sweep of the ML example', () => {
  let cwd: string;
  let a: JsonRun;
  let b: JsonRun;
  beforeAll(async () => {
    cwd = tempDir();
    await runMl(cwd, ['optimizer.lr=0.01', 'train.epochs=5']);
    await runMl(cwd, ['optimizer.lr=0.05', 'train.epochs=5']);
    await runMl(cwd, ['-m', 'optimizer.lr=0.1,0.01', 'seed=1,2', 'train.epochs=3']);
    const all = await lsJson(cwd);
    [a, b] = all as [JsonRun, JsonRun];
  });

  it('ls --format json lists both runs with their config and results', async () => {
    const all = await lsJson(cwd);
    expect(all).toHaveLength(6);
    expect(a.config.optimizer.lr).toBe(0.01);
    expect(b.config.optimizer.lr).toBe(0.05);
    expect(a.overrides).toEqual(['optimizer.lr=0.01', 'train.epochs=5']);
    expect(a.status).toBe('completed');
    expect(typeof a.result.accuracy).toBe('number');
    expect(a.sweep).toBeNull();
    expect(all.slice(2).map((r) => r.sweep?.num)).toEqual([0, 1, 2, 3]);
  });

  it('diff <dirA> <dirB> names optimizer.lr', async () => {
    const r = await runs(cwd, ['diff', a.dir, b.dir]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('~ optimizer.lr: 0.01 → 0.05');
    expect(r.out).toMatch(/overrides:\n {2}- optimizer\.lr=0\.01\n {2}\+ optimizer\.lr=0\.05/);
    expect(r.out).toMatch(/results:\n {2}~ accuracy: /);
    expect(r.out).toContain("code:\n  not compared: neither run has git information\n");
    expect(r.out).toMatch(/same: .*environment/);
    const json = JSON.parse((await runs(cwd, ['diff', a.shortId, b.shortId, '--format', 'json'])).out) as { config: { path: string }[] };
    expect(json.config.map((c) => c.path)).toEqual(['optimizer.lr']);
  });

  it('diff between two jobs of the sweep names what the sweep varied', async () => {
    const all = await lsJson(cwd);
    const r = await runs(cwd, ['diff', path.relative(cwd, all[2]!.dir), path.relative(cwd, all[3]!.dir)]);
    expect(r.out).toContain('~ seed: 1 → 2');
    expect(r.out).not.toContain('optimizer.lr');
  });

  it('ls prints a table with the short id, status, choices, overrides, headline metrics and dir', async () => {
    const r = await runs(cwd, ['ls']);
    const lines = r.out.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^RUN +STARTED +STATUS +TIME +COMMIT +CHOICES +OVERRIDES +accuracy +loss +DIR$/);
    expect(lines).toHaveLength(7);
    expect(lines[1]).toMatch(new RegExp(`^${a.shortId} .* completed .*optimizer=adam model=mlp dataset=moons +optimizer\\.lr=0\\.01 train\\.epochs=5 .* outputs/`));
    expect(lines[6]).toMatch(/ multirun\/\S+\/3$/);
  });

  it('ls filters with --where, --status, --since and --limit, and warns about unknown keys', async () => {
    expect((await lsJson(cwd, ['--where', 'optimizer.lr>0.02'])).map((r) => r.config.optimizer.lr)).toEqual([0.05, 0.1, 0.1]);
    expect((await lsJson(cwd, ['--where', 'optimizer.lr==0.01 && seed==2'])).map((r) => r.sweep?.num)).toEqual([3]);
    expect(await lsJson(cwd, ['--where', 'accuracy>=0', '--where', 'optimizer==adam'])).toHaveLength(6);
    expect(await lsJson(cwd, ['--status', 'failed'])).toEqual([]);
    expect(await lsJson(cwd, ['--since', '1h'])).toHaveLength(6);
    expect((await lsJson(cwd, ['--limit', '2'])).map((r) => r.sweep?.num)).toEqual([2, 3]);
    expect(await lsJson(cwd, ['--dir', 'outputs'])).toHaveLength(2);
    expect(await lsJson(cwd, ['multirun'])).toHaveLength(4);
    const typo = await runs(cwd, ['ls', '--where', 'optimzer.lr>0']);
    expect(typo.err).toContain("warning: no run has 'optimzer.lr' (did you mean 'optimizer.lr'?)");
    expect(typo.err).toContain('No run matches (6 runs in outputs, multirun)');
  });

  it('show prints everything about one run, named by short id', async () => {
    const r = await runs(cwd, ['show', a.shortId]);
    expect(r.out).toMatch(new RegExp(`^run: +${a.shortId} +\\(${a.id}\\)`));
    expect(r.out).toMatch(/^status: +completed \(exit code 0\)/m);
    expect(r.out).toMatch(/^job: +train +config: config/m);
    expect(r.out).toMatch(/^command: .*train\.mjs -cp .*conf optimizer\.lr=0\.01 train\.epochs=5$/m);
    expect(r.out).toMatch(/^choices: +optimizer=adam model=mlp dataset=moons$/m);
    expect(r.out).toMatch(/^result: +accuracy=/m);
    expect(r.out).toMatch(/^files: +train\.log$/m);
    expect(r.out).toMatch(/config \(resolved\):\n {2}dataset:/);
    const json = JSON.parse((await runs(cwd, ['show', a.id, '--format', 'json'])).out) as { dir: string; details: { configName: string; env: { node: string } } };
    expect(json.dir).toBe(a.dir);
    expect(json.details.configName).toBe('config');
    expect(json.details.env.node).toBe(process.version);
  });

  it('rerun runs the app again into a new run dir linked to the original', async () => {
    const r = await runs(cwd, ['rerun', a.shortId, 'seed=3']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/note: your overrides change:\n {4}~ seed: 0 → 3/);
    expect(r.out).toMatch(/command: .*train\.mjs -cp \S+ optimizer\.lr=0\.01 train\.epochs=5 seed=3/);
    expect(r.out).toMatch(/New run: outputs\/\S+ \(\w{6}\), a rerun of outputs\/\S+ \(\w{6}\): completed, exit code 0/);
    expect(r.out).toMatch(/The config differs from the original's:\n {2}~ seed: 0 → 3/);
    const after = await lsJson(cwd);
    const rerun = after.find((x) => x.rerunOf === a.dir);
    expect(rerun?.config).toMatchObject({ seed: 3, optimizer: { lr: 0.01 } });
    const link = JSON.parse(fs.readFileSync(path.join(rerun!.dir, '.hydra', 'rerun.json'), 'utf8')) as RerunRecord;
    expect(link).toMatchObject({ of: { dir: a.dir, id: a.id }, overrides: ['seed=3'], pinned: [], warnings: [] });
    expect((await runs(cwd, ['show', a.shortId])).out).toContain(`rerun:     ${rerun!.shortId}`);
  });

  it('rerun of a job of the sweep runs that one job, not the sweep', async () => {
    const job = (await lsJson(cwd))[3]!;
    const r = await runs(cwd, ['rerun', job.dir, '--dry-run']);
    expect(r.out).toMatch(/command: .*train\.mjs -cp \S+ optimizer\.lr=0\.1 seed=2 train\.epochs=3$/m);
    expect(r.out).not.toContain(' -m ');
    expect(r.out).not.toContain('warning');
  });

  it('the tydra bin lists the runs too', async () => {
    const r = await runTydra(cwd, ['runs', 'ls', '--format', 'json']);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as JsonRun[]).length).toBeGreaterThanOrEqual(6);
    const d = await runTydra(cwd, ['runs', 'diff', a.dir, b.dir]);
    expect(d.stdout).toContain('optimizer.lr');
  });

  it('names runs that do not exist clearly', async () => {
    await expect(runs(cwd, ['show', 'nothere'])).rejects.toThrow(/No run named 'nothere' in outputs, multirun/);
    await expect(runs(cwd, ['show', 'outputs'])).rejects.toThrow(/outputs is not a run dir/);
  });

  it('rejects a value flag without its value instead of ignoring it', async () => {
    await expect(runs(cwd, ['ls', '--dir'])).rejects.toThrow("Option '--dir' of 'tydra runs ls' needs a value");
    await expect(runs(cwd, ['ls', '--where', '--limit', '2'])).rejects.toThrow("Option '--where' of 'tydra runs ls' needs a value");
  });
});

describe('tydra runs on tydra run runs in a git work tree', () => {
  let cwd: string;
  let conf: string;
  beforeAll(async () => {
    conf = copyConf();
    cwd = path.dirname(conf);
    fs.writeFileSync(path.join(cwd, 'script.sh'), 'echo "lr=$1"\n');
    await gitInit(cwd);
  });

  async function tydraRun(args: string[]): Promise<number> {
    const c = capture();
    return runCommand(['-cd', 'conf', '-cn', 'config', ...args, '--', 'sh', 'script.sh', '{{model.lr}}'], c.out, { cwd, stdout: c.out, stderr: c.err, log: () => undefined });
  }

  it('diff shows uncommitted changes and the environment', async () => {
    expect(await tydraRun(['model.lr=0.2'])).toBe(0);
    fs.appendFileSync(path.join(cwd, 'script.sh'), 'echo changed\n');
    expect(await tydraRun(['model.lr=0.2'])).toBe(0);
    const [first, second] = await lsJson(cwd);
    // Another Node on the second run: edit its env.json as a different machine would have written it.
    const envFile = path.join(second!.dir, '.hydra', 'env.json');
    fs.writeFileSync(envFile, JSON.stringify({ ...JSON.parse(fs.readFileSync(envFile, 'utf8')), node: 'v22.0.0' }));
    const r = await runs(cwd, ['diff', first!.shortId, second!.shortId]);
    expect(r.out).toMatch(/code:\n {2}uncommitted changes: none → yes\n {2}changed only in B: script\.sh/);
    expect(r.out).toMatch(/environment:\n {2}~ node: v20\.\d+\.\d+ → v22\.0\.0/);
    // The only config difference is the one that comes from the run dir itself (`<same second>_1`,
    // or the next second's dir when the runs straddle a second).
    expect(r.out).toMatch(/config:\n {2}~ out: \S+ → \S+\n\n/);
    expect((await runs(cwd, ['ls'])).out).toMatch(/[0-9a-f]{7}\*/);
  });

  it('rerun pins a group choice whose default changed, warns about code and config drift, and --strict refuses', async () => {
    const original = (await lsJson(cwd))[0]!;
    fs.writeFileSync(path.join(conf, 'config.yaml'), fs.readFileSync(path.join(conf, 'config.yaml'), 'utf8').replace('db: sqlite', 'db: postgres').replace('epochs: 2', 'epochs: 4'));
    const strict = await runs(cwd, ['rerun', original.shortId, '--strict']);
    expect(strict.code).toBe(1);
    expect(strict.out).toContain('pinned choices: db=sqlite');
    expect(strict.out).toContain("warning: the default of db is now postgres; pinned to the original's db=sqlite");
    expect(strict.out).toMatch(/warning: the config differs from the original's \(config files changed since\):\n {4}~ train\.epochs: 2 → 4/);
    expect(strict.out).toMatch(/warning: the code differs from the original's:\n {4}uncommitted changes: none → yes\n {4}changed only in the work tree: conf\/config\.yaml, script\.sh/);
    expect(strict.err).toContain('Refusing to rerun (--strict)');
    expect((await lsJson(cwd)).length).toBe(2);

    const r = await runs(cwd, ['rerun', original.shortId, 'model.lr=0.4']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/command: tydra run -cd conf -cn config db=sqlite model\.lr=0\.4 -- sh script\.sh \{\{model\.lr\}\}/);
    const rerun = (await lsJson(cwd)).find((x) => x.rerunOf === original.dir)!;
    expect(rerun.config).toMatchObject({ db: { driver: 'sqlite' }, model: { lr: 0.4 }, train: { epochs: 4 } });
    expect(fs.readFileSync(path.join(rerun.dir, 'stdout.log'), 'utf8')).toBe('lr=0.4\nchanged\n');
    const link = JSON.parse(fs.readFileSync(path.join(rerun.dir, '.hydra', 'rerun.json'), 'utf8')) as RerunRecord;
    expect(link.pinned).toEqual(['db=sqlite']);
    expect(link.warnings.length).toBe(3);
  });
});
