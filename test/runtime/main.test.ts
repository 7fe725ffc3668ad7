/**
 * main(): run mode end to end, in process (argv passed, no process exit): the run dir and its
 * files, return values and errors, the app flags, env_set/chdir, callbacks, attach mode.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { main } from '../../src/runtime/main.js';
import type { Callback } from '../../src/runtime/callbacks.js';
import { confTree, tempDir } from '../helpers/conf-tree.js';

const files = {
  'config.yaml': 'defaults:\n  - model: mlp\n  - _self_\nseed: 0\nlr: 0.1\nout: ${hydra:runtime.output_dir}\n',
  'model/mlp.yaml': 'name: mlp\nhidden: 16\n',
  'model/cnn.yaml': 'name: cnn\nchannels: 8\n',
};

function setup(extra: Record<string, string> = {}) {
  const conf = confTree({ ...files, ...extra });
  const cwd = tempDir();
  const lines: string[] = [];
  const printed: string[] = [];
  return {
    conf,
    cwd,
    lines,
    printed,
    opts: (argv: string[]) => ({
      configPath: conf,
      configName: 'config',
      name: 'app',
      argv,
      cwd,
      console: (l: string) => lines.push(l),
      print: (s: string) => printed.push(s),
    }),
  };
}

function runDirs(cwd: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) {
        if (fs.existsSync(path.join(p, '.hydra'))) out.push(p);
        else walk(p);
      }
    }
  };
  if (fs.existsSync(path.join(cwd, 'outputs'))) walk(path.join(cwd, 'outputs'));
  return out;
}

describe('main() in run mode', () => {
  it('runs the task with the composed config and returns its value', async () => {
    const s = setup();
    const result = await main(s.opts(['model=cnn', 'lr=0.5']), (cfg, ctx) => ({ lr: cfg.lr, model: (cfg.model as { name: string }).name, dir: ctx.outputDir }));
    expect(result).toMatchObject({ lr: 0.5, model: 'cnn' });
    const [dir] = runDirs(s.cwd);
    expect((result as { dir: string }).dir).toBe(dir);
  });

  it('writes the run dir: Hydra files, resolved config, choices, git, env, run.json and the log', async () => {
    const s = setup();
    await main(s.opts(['lr=0.2']), (_cfg, ctx) => {
      ctx.logger.info('hello from the task');
      return { accuracy: 0.75 };
    });
    const [dir] = runDirs(s.cwd) as [string];
    const meta = path.join(dir, '.hydra');
    expect(fs.readdirSync(meta).sort()).toEqual(
      expect.arrayContaining(['choices.yaml', 'config.resolved.yaml', 'config.yaml', 'env.json', 'git.json', 'hydra.yaml', 'overrides.yaml', 'run.json']),
    );
    expect(fs.readFileSync(path.join(meta, 'config.yaml'), 'utf8')).toContain('out: ${hydra:runtime.output_dir}');
    expect(fs.readFileSync(path.join(meta, 'config.resolved.yaml'), 'utf8')).toContain(`out: ${dir}`);
    expect(fs.readFileSync(path.join(meta, 'overrides.yaml'), 'utf8')).toBe('- lr=0.2\n');
    expect(fs.readFileSync(path.join(meta, 'choices.yaml'), 'utf8')).toContain('model: mlp');
    const run = JSON.parse(fs.readFileSync(path.join(meta, 'run.json'), 'utf8'));
    expect(run).toMatchObject({ status: 'completed', exitCode: 0, result: { accuracy: 0.75 }, error: null });
    expect(fs.readFileSync(path.join(dir, 'app.log'), 'utf8')).toMatch(/\]\[app\]\[INFO\] - hello from the task/);
    expect(s.lines.join('\n')).toContain('hello from the task');
  });

  it('records a failing task as failed with its error, and rejects with it', async () => {
    const s = setup();
    await expect(main(s.opts([]), () => Promise.reject(new Error('diverged')))).rejects.toThrow('diverged');
    const [dir] = runDirs(s.cwd) as [string];
    const run = JSON.parse(fs.readFileSync(path.join(dir, '.hydra', 'run.json'), 'utf8'));
    expect(run.status).toBe('failed');
    expect(run.exitCode).toBe(1);
    expect(run.error).toMatchObject({ name: 'Error', message: 'diverged' });
    expect(run.error.stack).toContain('diverged');
  });

  it('rejects a bad override without creating a run dir', async () => {
    const s = setup();
    await expect(main(s.opts(['nope=1']), () => 1)).rejects.toThrow("Could not override 'nope'");
    expect(runDirs(s.cwd)).toEqual([]);
  });

  it('validates with a schema before anything is written, naming the source of each bad value', async () => {
    const s = setup();
    const Config = z.object({ seed: z.number(), lr: z.number().positive(), model: z.object({ name: z.string() }).passthrough(), out: z.string() });
    await expect(main({ ...s.opts(['lr=fast']), schema: Config }, () => 1)).rejects.toThrow('lr: expected number, got "fast" (from override lr=fast)');
    expect(runDirs(s.cwd)).toEqual([]);
    expect(await main({ ...s.opts(['lr=0.3']), schema: Config }, (cfg) => cfg.lr * 2)).toBe(0.6);
  });

  it('gives two runs started in the same second two directories', async () => {
    const s = setup();
    const runs = await Promise.all([1, 2, 3].map(() => main(s.opts(['hydra.run.dir=outputs/fixed']), (_c, ctx) => ctx.outputDir)));
    expect(new Set(runs).size).toBe(3);
    expect(runs.map((r) => path.basename(r as string)).sort()).toEqual(['fixed', 'fixed_1', 'fixed_2']);
  });

  it('runs a multirun when the config sets hydra.mode=MULTIRUN, even without -m', async () => {
    const s = setup({ 'config.yaml': `${files['config.yaml']}hydra:\n  mode: MULTIRUN\n  sweeper:\n    params:\n      seed: 1,2\n` });
    const results = (await main(s.opts(['lr=0.5,0.25']), (cfg) => `${cfg.seed}:${cfg.lr}`)) as { returnValue: unknown }[];
    expect(results.map((r) => r.returnValue).sort()).toEqual(['1:0.25', '1:0.5', '2:0.25', '2:0.5']);
  });

  it('prints the config with --cfg instead of running', async () => {
    const s = setup();
    let ran = false;
    await main(s.opts(['--cfg', 'job', 'model=cnn']), () => {
      ran = true;
    });
    expect(ran).toBe(false);
    expect(s.printed.join('')).toBe('model:\n  name: cnn\n  channels: 8\nseed: 0\nlr: 0.1\nout: ${hydra:runtime.output_dir}\n');
    s.printed.length = 0;
    await main(s.opts(['--cfg', 'job', '--resolve', '-p', 'model']), () => undefined);
    expect(s.printed.join('')).toBe('# @package model\nname: mlp\nhidden: 16\n');
    s.printed.length = 0;
    await main(s.opts(['--cfg', 'hydra', '-p', 'job.name']), () => undefined);
    expect(s.printed.join('')).toBe('app\n');
  });

  it('prints the final defaults list and tree with --info', async () => {
    const s = setup();
    await main(s.opts(['--info', 'defaults']), () => undefined);
    const text = s.printed.join('');
    expect(text).toMatch(/\| model\/mlp\s+\| model\s+\| False\s+\| config\s+\|/);
    expect(text).toMatch(/\| hydra\/launcher\/basic\s+\| hydra\.launcher\s+\| False\s+\| hydra\/config\s+\|/);
    s.printed.length = 0;
    await main(s.opts(['-i', 'defaults-tree']), () => undefined);
    expect(s.printed.join('')).toContain('<root>:');
  });

  it('renders --help from the help template with the groups and the config', async () => {
    const s = setup();
    await main(s.opts(['--help']), () => undefined);
    const text = s.printed.join('');
    expect(text).toContain('== app ==');
    expect(text).toContain('model: cnn, mlp');
    expect(text).toContain('hidden: 16');
    expect(text).not.toContain('hydra/launcher');
    s.printed.length = 0;
    await main(s.opts(['--hydra-help']), () => undefined);
    expect(s.printed.join('')).toContain('hydra/launcher: basic, local, slurm');
    expect(s.printed.join('')).toContain('--multirun,-m');
  });

  it('renders a custom handlebars help template', async () => {
    const s = setup({
      'config.yaml': `${files['config.yaml']}hydra:\n  help:\n    template: "{{app_name}} groups:{{#each groups}} {{name}}=[{{options}}]{{/each}}"\n`,
    });
    await main(s.opts(['--help']), () => undefined);
    expect(s.printed.join('')).toBe('app groups: model=[cnn, mlp]\n');
  });

  it('prints a bash completion script, and completes groups, options and keys', async () => {
    const s = setup();
    await main(s.opts(['-sc', 'install=bash']), () => undefined);
    expect(s.printed.join('')).toMatch(/complete -o nospace -o default -F _tydra_\w+ node/);
    s.printed.length = 0;
    process.env.COMP_LINE = 'node app.js mo';
    process.env.COMP_POINT = String(process.env.COMP_LINE.length);
    await main(s.opts(['-sc', 'query=bash']), () => undefined);
    // As Hydra: the group and the config key of the same name.
    expect(s.printed.join('').trim().split(' ')).toEqual(['model.', 'model=']);
    s.printed.length = 0;
    process.env.COMP_LINE = 'node app.js model.h';
    process.env.COMP_POINT = String(process.env.COMP_LINE.length);
    await main(s.opts(['-sc', 'query=bash']), () => undefined);
    expect(s.printed.join('').trim().split(' ')).toEqual(['model.hidden=']);
    s.printed.length = 0;
    process.env.COMP_LINE = 'node app.js model=';
    process.env.COMP_POINT = String(process.env.COMP_LINE.length);
    await main(s.opts(['-sc', 'query=bash']), () => undefined);
    expect(s.printed.join('').trim().split(' ')).toEqual(['model=cnn', 'model=mlp']);
    delete process.env.COMP_LINE;
    delete process.env.COMP_POINT;
  });

  it('takes the app flags, and passes what follows -- through', async () => {
    const s = setup();
    const seen = await main({ ...s.opts(['--dry-run', 'seed=3', '--', '--raw', 'x']), flags: { 'dry-run': { type: 'boolean' } } }, (cfg, ctx) => ({
      dry: ctx.flags['dry-run'],
      seed: cfg.seed,
      rest: ctx.passthrough,
    }));
    expect(seen).toEqual({ dry: true, seed: 3, rest: ['--raw', 'x'] });
  });

  it('rejects an unknown flag with a did-you-mean', async () => {
    const s = setup();
    await expect(main({ ...s.opts(['--dryrun']), flags: { 'dry-run': { type: 'boolean' } } }, () => 1)).rejects.toMatchObject({
      message: "Unknown flag '--dryrun'",
      hint: 'did you mean --dry-run?',
    });
  });

  it('sets hydra.job.env_set around the task, and chdirs only when asked', async () => {
    const s = setup();
    const seen = await main(s.opts(['+hydra.job.env_set.TYDRA_TEST_VAR=hello', 'hydra.job.chdir=true']), (_c, ctx) => ({
      env: process.env.TYDRA_TEST_VAR,
      cwd: process.cwd(),
      dir: ctx.outputDir,
      runDir: process.env.TYDRA_RUN_DIR,
    }));
    const r = seen as Record<string, string>;
    expect(r.env).toBe('hello');
    expect(fs.realpathSync(r.cwd as string)).toBe(fs.realpathSync(r.dir as string));
    expect(r.runDir).toBe(r.dir);
    expect(process.env.TYDRA_TEST_VAR).toBeUndefined();
    expect(process.env.TYDRA_RUN_DIR).toBeUndefined();
  });

  it('does not write .hydra when hydra.output_subdir is null', async () => {
    const s = setup();
    const dir = (await main(s.opts(['hydra.output_subdir=null']), (_c, ctx) => ctx.outputDir)) as string;
    expect(fs.existsSync(path.join(dir, '.hydra'))).toBe(false);
    expect(fs.existsSync(path.join(dir, 'app.log'))).toBe(true);
  });

  it('calls callbacks from code and from hydra.callbacks, start in order and end in reverse, surviving a failing one', async () => {
    const s = setup();
    const events: string[] = [];
    const make = (name: string): Callback => ({
      on_run_start: () => void events.push(`${name}:run_start`),
      on_job_start: () => void events.push(`${name}:job_start`),
      on_job_end: (e) => void events.push(`${name}:job_end:${String(e.result)}`),
      on_run_end: () => {
        events.push(`${name}:run_end`);
        throw new Error('callback broke');
      },
    });
    const result = await main(
      {
        ...s.opts(['+hydra.callbacks.audit._target_=Audit']),
        registry: { Audit: () => make('audit') },
        callbacks: [make('code')],
      },
      () => 42,
    );
    expect(result).toBe(42);
    expect(events).toEqual([
      'audit:run_start',
      'code:run_start',
      'audit:job_start',
      'code:job_start',
      'code:job_end:42',
      'audit:job_end:42',
      'code:run_end',
      'audit:run_end',
    ]);
    expect(s.lines.join('\n')).toContain("Callback 'callback0' failed in on_run_end: Error: callback broke");
  });

  it('attaches to the parent run when TYDRA_RUN_DIR is set instead of creating a directory', async () => {
    const s = setup();
    const parent = tempDir();
    process.env.TYDRA_RUN_DIR = parent;
    process.env.TYDRA_RUN_ID = 'parent-id';
    process.env.TYDRA_RUN_STARTED_AT = new Date().toISOString();
    try {
      const dir = await main(s.opts([]), (_c, ctx) => ctx.outputDir);
      expect(dir).toBe(parent);
      expect(runDirs(s.cwd)).toEqual([]);
      expect(fs.readdirSync(parent).some((f) => /^app\.\d+\.log$/.test(f))).toBe(true);
    } finally {
      delete process.env.TYDRA_RUN_DIR;
      delete process.env.TYDRA_RUN_ID;
      delete process.env.TYDRA_RUN_STARTED_AT;
    }
  });

  it('records the git commit of the working directory and whether it is dirty', async () => {
    const s = setup();
    const git = (...a: string[]) => execFileSync('git', a, { cwd: s.cwd, encoding: 'utf8' }).trim();
    git('init', '-q');
    git('-c', 'user.email=t@t', '-c', 'user.name=t', 'commit', '-q', '--allow-empty', '-m', 'init');
    fs.writeFileSync(path.join(s.cwd, 'train.py'), 'print(1)\n');
    git('add', 'train.py');
    const dir = (await main(s.opts([]), (_c, ctx) => ctx.outputDir)) as string;
    const g = JSON.parse(fs.readFileSync(path.join(dir, '.hydra', 'git.json'), 'utf8'));
    expect(g.commit).toBe(git('rev-parse', 'HEAD'));
    expect(g.dirty).toBe(true);
    expect(fs.readFileSync(path.join(dir, '.hydra', 'git.diff'), 'utf8')).toContain('+print(1)');
  });
});
