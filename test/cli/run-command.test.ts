/** `tydra run`: a Python script and shell commands run as tydra jobs, in run mode and with -m. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCommand } from '../../src/cli/run-command.js';
import { runsCommand } from '../../src/cli/runs-command.js';
import type { CommandRecord } from '../../src/runs/run-details.js';
import type { RunRecord } from '../../src/runtime/run-record.js';
import { FIXTURE_CONF, TRAIN_PY, capture, runTydra, tempDir } from '../runs/helpers.js';

const PY = '/usr/bin/python3';

async function tydraRun(cwd: string, args: string[]) {
  const c = capture();
  const logs: string[] = [];
  const code = await runCommand(args, c.out, { cwd, stdout: c.out, stderr: c.err, log: (l) => logs.push(l) });
  return { code, out: c.stdout(), err: c.stderr(), logs: logs.join('\n') };
}

function runDirs(cwd: string, root = 'outputs'): string[] {
  const base = path.join(cwd, root);
  if (!fs.existsSync(base)) return [];
  return fs
    .readdirSync(base)
    .flatMap((d) => fs.readdirSync(path.join(base, d)).map((t) => path.join(base, d, t)))
    .filter((d) => fs.statSync(d).isDirectory())
    .sort();
}

const readJson = <T>(file: string) => JSON.parse(fs.readFileSync(file, 'utf8')) as T;
const train = ['--', PY, TRAIN_PY, '--lr', '{{model.lr}}', '--out', '{{run.dir}}', '--layers', '{{model.layers}}'];

describe('tydra run', () => {
  it('runs a Python script with the rendered config, the config file and JSON, and records how it ended', async () => {
    const cwd = tempDir();
    const r = await tydraRun(cwd, ['-cd', FIXTURE_CONF, '-cn', 'config', 'model.lr=0.3', ...train]);
    expect(r.code).toBe(0);
    const [dir] = runDirs(cwd);
    expect(r.out).toBe(`lr=0.3 layers=[8, 8] seed=1 run_dir=${dir}\n`);
    expect(r.err).toBe('a line on stderr\n');
    expect(r.logs).toContain(`Running: ${PY} ${TRAIN_PY} --lr 0.3 --out ${dir} --layers '[8, 8]'`);
    expect(fs.readFileSync(path.join(dir!, 'stdout.log'), 'utf8')).toBe(r.out);
    expect(fs.readFileSync(path.join(dir!, 'stderr.log'), 'utf8')).toBe('a line on stderr\n');
    const record = readJson<RunRecord>(path.join(dir!, '.hydra', 'run.json'));
    expect(record).toMatchObject({ status: 'completed', exitCode: 0, result: { accuracy: 0.8, seed: 1 } });
    const command = readJson<CommandRecord>(path.join(dir!, '.hydra', 'command.json'));
    expect(command).toMatchObject({ exitCode: 0, shell: false, cwd, argv: [PY, TRAIN_PY, '--lr', '0.3', '--out', dir, '--layers', '[8, 8]'] });
    expect(command.template).toEqual(train.slice(1));
    expect(fs.readdirSync(path.join(dir!, '.hydra')).sort()).toEqual(
      ['choices.yaml', 'command.json', 'config.resolved.yaml', 'config.yaml', 'env.json', 'git.json', 'hydra.yaml', 'overrides.yaml', 'provenance.json', 'run.json'].sort(),
    );
    expect(fs.existsSync(path.join(dir!, 'train.log'))).toBe(true);
  });

  it('returns the command exit code and records it in run.json (the run failed)', async () => {
    const cwd = tempDir();
    const r = await tydraRun(cwd, ['-cd', FIXTURE_CONF, '-cn', 'config', '+hydra.job.env_set.TRAIN_EXIT=3', ...train]);
    expect(r.code).toBe(3);
    expect(r.logs).toContain('Job 0 failed: the command exited with code 3');
    const [dir] = runDirs(cwd);
    expect(readJson<RunRecord>(path.join(dir!, '.hydra', 'run.json'))).toMatchObject({ status: 'failed', exitCode: 3, error: { message: 'the command exited with code 3' } });
    expect(readJson<CommandRecord>(path.join(dir!, '.hydra', 'command.json')).exitCode).toBe(3);
  });

  it('runs a shell command with --shell, in the dir it was started from', async () => {
    const cwd = tempDir();
    const r = await tydraRun(cwd, ['-cd', FIXTURE_CONF, '-cn', 'config', 'db=postgres', '--shell', '--', 'echo {{db.driver}}:{{db.port}} > out.txt && test -f "$TYDRA_CONFIG" && echo "$TYDRA_RUN_ID"']);
    expect(r.code).toBe(0);
    expect(fs.readFileSync(path.join(cwd, 'out.txt'), 'utf8')).toBe('postgres:5432\n');
    const [dir] = runDirs(cwd);
    expect(r.out.trim()).toBe(readJson<RunRecord>(path.join(dir!, '.hydra', 'run.json')).id);
    expect(path.basename(fs.readdirSync(dir!).find((f) => f.endsWith('.log') && !f.startsWith('std')) ?? '')).toBe('echo.log');
  });

  it('runs one command per job with -m, each in its own job dir', async () => {
    const cwd = tempDir();
    const r = await tydraRun(cwd, ['-cd', FIXTURE_CONF, '-cn', 'config', '-m', 'model=small,big', 'seed=3', ...train]);
    expect(r.code).toBe(0);
    const [sweep] = runDirs(cwd, 'multirun');
    const jobs = fs.readFileSync(path.join(sweep!, 'jobs.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { num: number; status: string; overrides: string[] });
    expect(jobs.map((j) => [j.num, j.status, j.overrides])).toEqual([
      [0, 'completed', ['model=small', 'seed=3']],
      [1, 'completed', ['model=big', 'seed=3']],
    ]);
    expect(fs.readFileSync(path.join(sweep!, '1', 'stdout.log'), 'utf8')).toBe(`lr=0.01 layers=[64, 64, 64] seed=3 run_dir=${path.join(sweep!, '1')}\n`);
    const c = capture();
    await runsCommand(['ls', '--format', 'json'], c.out, { cwd });
    const listed = JSON.parse(c.stdout()) as { result: { accuracy: number }; command: string[] }[];
    expect(listed.map((x) => x.result.accuracy)).toEqual([0.6, 0.51]);
    expect(listed[1]?.command?.slice(3, 4)).toEqual(['0.01']);
  });

  it('fails on a template key that is not in the config, naming the closest one', async () => {
    const cwd = tempDir();
    const r = await tydraRun(cwd, ['-cd', FIXTURE_CONF, '-cn', 'config', '--', PY, '-c', 'pass', '{{model.lrr}}']);
    expect(r.code).toBe(1);
    expect(r.logs).toContain("Command argument 4 '{{model.lrr}}': '{{model.lrr}}' is not in the config or the run context\nHint: did you mean '{{model.lr}}'?");
    expect(r.out).toBe('');
  });

  it('reports a command that cannot be found with exit code 127', async () => {
    const cwd = tempDir();
    const r = await tydraRun(cwd, ['-cd', FIXTURE_CONF, '-cn', 'config', '--', 'no-such-program-tydra']);
    expect(r.code).toBe(127);
    expect(r.logs).toContain("cannot run 'no-such-program-tydra': command not found");
  });

  it('prints the config with --cfg instead of running, and needs a command otherwise', async () => {
    const cwd = tempDir();
    const r = await tydraRun(cwd, ['-cd', FIXTURE_CONF, '-cn', 'config', '--cfg', 'job', 'seed=4']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^seed: 4$/m);
    expect(runDirs(cwd)).toEqual([]);
    await expect(tydraRun(cwd, ['-cd', FIXTURE_CONF, '-cn', 'config'])).rejects.toThrow(/tydra run needs a command after '--'/);
  });

  it('through the tydra bin: exits with the command exit code', async () => {
    const cwd = tempDir();
    const ok = await runTydra(cwd, ['run', '-cd', FIXTURE_CONF, '-cn', 'config', 'model.lr=0.2', ...train]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('lr=0.2 layers=[8, 8] seed=1');
    const bad = await runTydra(cwd, ['run', '-cd', FIXTURE_CONF, '-cn', 'config', ...train], { TRAIN_EXIT: '5' });
    expect(bad.code).toBe(5);
  });

  it('works with a launcher that runs each job in its own process (hydra/launcher=local)', async () => {
    const cwd = tempDir();
    const r = await runTydra(cwd, ['run', '-cd', FIXTURE_CONF, '-cn', 'config', '-m', 'seed=1,2', 'hydra/launcher=local', ...train]);
    expect(r.code).toBe(0);
    const [sweep] = runDirs(cwd, 'multirun');
    for (const num of ['0', '1']) {
      expect(fs.readFileSync(path.join(sweep!, num, 'stdout.log'), 'utf8')).toBe(`lr=0.1 layers=[8, 8] seed=${Number(num) + 1} run_dir=${path.join(sweep!, num)}\n`);
      expect(readJson<RunRecord>(path.join(sweep!, num, '.hydra', 'run.json'))).toMatchObject({ status: 'completed', exitCode: 0 });
    }
  });
});
