/**
 * `hydra.callbacks` end to end through main(), following Hydra 1.3's tests/test_callbacks.py and
 * its apps (tests/test_apps/app_with_callbacks/*), hydra/experimental/callback.py (what each hook
 * receives) and hydra/_internal/callbacks.py (start hooks in config order, end hooks in reverse, a
 * raising callback is reported and the others still run).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Callback, CallbackEvent } from '../../src/runtime/callbacks.js';
import type { JobResult } from '../../src/runtime/job-types.js';
import { main } from '../../src/runtime/main.js';
import { confTree, tempDir } from '../helpers/conf-tree.js';

const HOOKS = ['on_run_start', 'on_run_end', 'on_multirun_start', 'on_multirun_end', 'on_job_start', 'on_job_end'] as const;
type Hook = (typeof HOOKS)[number];

/** A callback like Hydra's CustomCallback test app: logs `Init <name>` and `<name> <hook>`. */
function registry(calls: string[], events: { name: string; hook: Hook; event: CallbackEvent; self: unknown }[] = []) {
  class Custom {
    readonly name: string;
    readonly opts: Record<string, unknown>;
    constructor(opts: Record<string, unknown> = {}) {
      this.opts = opts;
      this.name = String(opts.callback_name ?? 'custom_callback');
      calls.push(`Init ${this.name}`);
    }
  }
  for (const hook of HOOKS) {
    (Custom.prototype as unknown as Record<string, unknown>)[hook] = function (this: Custom, event: CallbackEvent) {
      calls.push(`${this.name} ${hook}`);
      events.push({ name: this.name, hook, event, self: this });
    };
  }
  /** Throws in the hooks named by `fail_in` (all of them when unset). */
  class Failing {
    readonly failIn: string[];
    constructor(opts: { fail_in?: string[] } = {}) {
      this.failIn = opts.fail_in ?? [...HOOKS];
    }
  }
  for (const hook of HOOKS) {
    (Failing.prototype as unknown as Record<string, unknown>)[hook] = function (this: Failing) {
      calls.push(`failing ${hook}`);
      if (this.failIn.includes(hook)) throw new Error(`boom in ${hook}`);
    };
  }
  return { 'my_app.CustomCallback': Custom, 'my_callbacks_impl.CustomCallback': Custom, Failing };
}

function setup(files: Record<string, string>) {
  const conf = confTree(files);
  const cwd = tempDir();
  const lines: string[] = [];
  const calls: string[] = [];
  const events: { name: string; hook: Hook; event: CallbackEvent; self: unknown }[] = [];
  return {
    cwd,
    lines,
    calls,
    events,
    opts: (argv: string[], configName = 'config') => ({
      configPath: conf,
      configName,
      name: 'my_app',
      argv,
      cwd,
      registry: registry(calls, events),
      console: (l: string) => lines.push(l),
      print: () => undefined,
    }),
  };
}

/** tests/test_apps/app_with_callbacks/custom_callback */
const customCallback = {
  'config.yaml': 'hydra:\n  callbacks:\n    custom_callback:\n      _target_: my_app.CustomCallback\n      param1: value1\n      param2: value2\nfoo: bar\n',
  'config_with_two_callbacks.yaml':
    'hydra:\n  callbacks:\n    callback_1:\n      _target_: my_app.CustomCallback\n      callback_name: callback_1\n    callback_2:\n      _target_: my_app.CustomCallback\n      callback_name: callback_2\n',
  'plain.yaml': 'foo: bar\n',
};

describe('which hooks fire, and in which order (test_app_with_callbacks)', () => {
  it('run mode: on_run_start, on_job_start, the task, on_job_end, on_run_end', async () => {
    const s = setup(customCallback);
    await main(s.opts([]), () => void s.calls.push('task'));
    expect(s.calls).toEqual([
      'Init custom_callback',
      'custom_callback on_run_start',
      'custom_callback on_job_start',
      'task',
      'custom_callback on_job_end',
      'custom_callback on_run_end',
    ]);
  });

  it('multirun: built once; on_multirun_start, each job’s start/end, on_multirun_end; no run hooks', async () => {
    const s = setup(customCallback);
    const results = (await main(s.opts(['foo=bar', '-m']), () => void s.calls.push('task'))) as JobResult[];
    expect(results).toHaveLength(1);
    expect(s.calls).toEqual([
      'Init custom_callback',
      'custom_callback on_multirun_start',
      'custom_callback on_job_start',
      'task',
      'custom_callback on_job_end',
      'custom_callback on_multirun_end',
    ]);
  });

  it('multirun: on_multirun_start comes before the launcher starts any job, on_multirun_end after the last', async () => {
    const s = setup(customCallback);
    const opts = { ...s.opts(['foo=a,b,c', '-m']), console: (l: string) => void s.calls.push(`LOG ${l}`) };
    await main(opts, (cfg) => void s.calls.push(`task ${(cfg as { foo: string }).foo}`));
    expect(s.calls.filter((c) => !c.startsWith('LOG '))).toEqual([
      'Init custom_callback',
      'custom_callback on_multirun_start',
      ...['a', 'b', 'c'].flatMap((v) => ['custom_callback on_job_start', `task ${v}`, 'custom_callback on_job_end']),
      'custom_callback on_multirun_end',
    ]);
    const at = (p: (c: string) => boolean) => s.calls.findIndex(p);
    const launching = at((c) => c.startsWith('LOG ') && c.includes('#0 : foo=a'));
    const done = at((c) => c.startsWith('LOG ') && c.includes('Sweep done'));
    expect(at((c) => c === 'custom_callback on_multirun_start')).toBeLessThan(launching);
    expect(launching).toBeLessThan(at((c) => c === 'task a'));
    expect(done).toBeLessThan(at((c) => c === 'custom_callback on_multirun_end'));
  });

  it('multirun: the in-process jobs share the sweep’s callback instances', async () => {
    const s = setup(customCallback);
    await main(s.opts(['foo=a,b', '-m']), () => undefined);
    const selves = new Set(s.events.map((e) => e.self));
    expect(selves.size).toBe(1);
  });

  it('two callbacks: built in config order; start hooks in config order, end hooks in reverse', async () => {
    const s = setup(customCallback);
    await main(s.opts([], 'config_with_two_callbacks'), () => void s.calls.push('task'));
    expect(s.calls).toEqual([
      'Init callback_1',
      'Init callback_2',
      'callback_1 on_run_start',
      'callback_2 on_run_start',
      'callback_1 on_job_start',
      'callback_2 on_job_start',
      'task',
      'callback_2 on_job_end',
      'callback_1 on_job_end',
      'callback_2 on_run_end',
      'callback_1 on_run_end',
    ]);
  });

  it('two callbacks in multirun: multirun and job end hooks in reverse too', async () => {
    const s = setup(customCallback);
    await main(s.opts(['-m', '+x=1'], 'config_with_two_callbacks'), () => void s.calls.push('task'));
    expect(s.calls).toEqual([
      'Init callback_1',
      'Init callback_2',
      'callback_1 on_multirun_start',
      'callback_2 on_multirun_start',
      'callback_1 on_job_start',
      'callback_2 on_job_start',
      'task',
      'callback_2 on_job_end',
      'callback_1 on_job_end',
      'callback_2 on_multirun_end',
      'callback_1 on_multirun_end',
    ]);
  });

  it('callbacks from code run after those of hydra.callbacks (and end before them)', async () => {
    const s = setup(customCallback);
    const code: Callback = { on_run_start: () => void s.calls.push('code on_run_start'), on_run_end: () => void s.calls.push('code on_run_end') };
    await main({ ...s.opts([]), callbacks: [code] }, () => undefined);
    expect(s.calls.filter((c) => c.includes('on_run_'))).toEqual([
      'custom_callback on_run_start',
      'code on_run_start',
      'code on_run_end',
      'custom_callback on_run_end',
    ]);
  });

  it('async hooks are awaited before the task starts', async () => {
    const s = setup({ 'config.yaml': 'foo: bar\n' });
    const slow: Callback = {
      on_job_start: async () => {
        await new Promise((r) => setTimeout(r, 10));
        s.calls.push('ready');
      },
    };
    await main({ ...s.opts([]), callbacks: [slow] }, () => void s.calls.push('task'));
    expect(s.calls).toEqual(['ready', 'task']);
  });
});

describe('what each hook receives (experimental/callback.py)', () => {
  it('run mode: the config, the hydra node and the run dir; on_job_end/on_run_end the return value and status', async () => {
    const s = setup({ ...customCallback, 'config.yaml': `${customCallback['config.yaml']}out: \${hydra:runtime.output_dir}\n` });
    let dir = '';
    const result = await main(s.opts(['foo=baz']), (_cfg, ctx) => {
      dir = ctx.outputDir;
      return { accuracy: 0.5 };
    });
    expect(result).toEqual({ accuracy: 0.5 });
    const by = (hook: Hook) => s.events.find((e) => e.hook === hook)?.event as CallbackEvent;
    for (const hook of ['on_run_start', 'on_job_start', 'on_job_end', 'on_run_end'] as const) {
      const e = by(hook);
      expect(e.config).toEqual({ foo: 'baz', out: dir });
      expect(e.outputDir).toBe(dir);
      const hydra = e.hydra as { runtime: { output_dir: string }; job: { name: string }; output_subdir: string };
      expect(hydra.runtime.output_dir).toBe(dir);
      expect(hydra.job.name).toBe('my_app');
      expect(hydra.output_subdir).toBe('.hydra');
      expect(e.logger).toBeDefined();
    }
    expect(by('on_job_start').result).toBeUndefined();
    expect(by('on_job_end')).toMatchObject({ result: { accuracy: 0.5 }, status: 'completed', error: undefined });
    expect(by('on_run_end')).toMatchObject({ result: { accuracy: 0.5 }, status: 'completed' });
  });

  it('a failing task: on_job_end and on_run_end get status failed and the error; main rejects with it', async () => {
    const s = setup(customCallback);
    const err = new Error('Key divisor is not in struct');
    await expect(
      main(s.opts([]), () => {
        throw err;
      }),
    ).rejects.toBe(err);
    for (const hook of ['on_job_end', 'on_run_end'] as const) {
      expect(s.events.find((e) => e.hook === hook)?.event).toMatchObject({ status: 'failed', error: err, result: undefined });
    }
    expect(s.calls.at(-1)).toBe('custom_callback on_run_end');
  });

  it('multirun: each job’s own config, dir and return value; the sweep config and dir at start and end', async () => {
    const s = setup(customCallback);
    const results = (await main(s.opts(['foo=a,b', '-m']), (cfg, ctx) => `${(cfg as { foo: string }).foo}@${path.basename(ctx.outputDir)}`)) as JobResult[];
    const sweepDir = path.dirname(results[0]?.outputDir as string);
    const ends = s.events.filter((e) => e.hook === 'on_job_end').map((e) => e.event);
    expect(ends.map((e) => [e.config, e.result, e.status, e.outputDir])).toEqual([
      [{ foo: 'a' }, 'a@0', 'completed', path.join(sweepDir, '0')],
      [{ foo: 'b' }, 'b@1', 'completed', path.join(sweepDir, '1')],
    ]);
    const starts = s.events.filter((e) => e.hook === 'on_job_start').map((e) => e.event);
    expect(starts.map((e) => (e.hydra as { job: { num: number } }).job.num)).toEqual([0, 1]);
    const mStart = s.events.find((e) => e.hook === 'on_multirun_start')?.event as CallbackEvent;
    expect(mStart.config).toEqual({ foo: 'bar' });
    expect(mStart.outputDir).toBe(sweepDir);
    expect((mStart.hydra as { sweep: { dir: string } }).sweep.dir).toBe(sweepDir);
    const mEnd = s.events.find((e) => e.hook === 'on_multirun_end')?.event as CallbackEvent;
    expect(mEnd.outputDir).toBe(sweepDir);
    expect((mEnd.results as JobResult[]).map((r) => [r.num, r.status, r.returnValue])).toEqual([
      [0, 'completed', 'a@0'],
      [1, 'completed', 'b@1'],
    ]);
  });

  it('multirun with a failing job: on_job_end says failed, on_multirun_end still fires with every result', async () => {
    const s = setup(customCallback);
    await expect(
      main(s.opts(['foo=ok,bad', '-m']), (cfg) => {
        if ((cfg as { foo: string }).foo === 'bad') throw new Error('bad job');
        return 1;
      }),
    ).rejects.toThrow('1 of 2 jobs did not complete');
    const ends = s.events.filter((e) => e.hook === 'on_job_end').map((e) => e.event);
    expect(ends.map((e) => e.status)).toEqual(['completed', 'failed']);
    expect((ends[1]?.error as Error).message).toBe('bad job');
    const mEnd = s.events.find((e) => e.hook === 'on_multirun_end')?.event as CallbackEvent;
    expect((mEnd.results as JobResult[]).map((r) => r.status)).toEqual(['completed', 'failed']);
  });
});

describe('callback configs with arguments', () => {
  it('passes the other keys of the _target_ config to the factory (custom_callback.yaml: param1, param2)', async () => {
    const s = setup(customCallback);
    await main(s.opts([]), () => undefined);
    const self = s.events[0]?.self as { opts: Record<string, unknown> };
    expect(self.opts).toEqual({ param1: 'value1', param2: 'value2' });
  });

  it('resolves interpolations in the arguments, hydra ones included', async () => {
    const s = setup({
      'config.yaml': 'hydra:\n  callbacks:\n    cb:\n      _target_: my_app.CustomCallback\n      callback_name: ${name}\n      dir: ${hydra:runtime.output_dir}\nname: from_config\n',
    });
    const dir = await main(s.opts([]), (_c, ctx) => ctx.outputDir);
    expect(s.calls[0]).toBe('Init from_config');
    expect((s.events[0]?.self as { opts: { dir: string } }).opts.dir).toBe(dir);
  });

  it('a callback config in a hydra/callbacks group file (# @package hydra.callbacks), chosen with override as in Hydra’s custom_callback app', async () => {
    const s = setup({
      'config.yaml': 'defaults:\n  - override hydra/callbacks: custom_callback\n  - _self_\nfoo: bar\n',
      'hydra/callbacks/custom_callback.yaml': '# @package hydra.callbacks\n\ncustom_callback:\n  _target_: my_callbacks_impl.CustomCallback\n  param1: value1\n  param2: value2\n',
    });
    await main(s.opts([]), () => undefined);
    expect(s.calls).toContain('custom_callback on_job_end');
    expect((s.events[0]?.self as { opts: unknown }).opts).toEqual({ param1: 'value1', param2: 'value2' });
  });

  it('hydra/callbacks is a group of Hydra’s own config (callbacks: null): choosing it without override is an error, as in Hydra', async () => {
    const s = setup({
      'config.yaml': 'defaults:\n  - hydra/callbacks: custom_callback\n  - _self_\n',
      'hydra/callbacks/custom_callback.yaml': '# @package hydra.callbacks\ncustom_callback:\n  _target_: my_callbacks_impl.CustomCallback\n',
    });
    await expect(main(s.opts([]), () => undefined)).rejects.toThrow("Multiple values for hydra/callbacks. To override a value use 'override hydra/callbacks: custom_callback'");
  });

  it('hydra/callbacks=NAME on the command line chooses a callbacks file, as in Hydra', async () => {
    const s = setup({
      'config.yaml': 'foo: bar\n',
      'hydra/callbacks/custom_callback.yaml': '# @package hydra.callbacks\ncustom_callback:\n  _target_: my_callbacks_impl.CustomCallback\n',
    });
    expect(await main(s.opts(['hydra/callbacks=custom_callback']), () => 7)).toBe(7);
    expect(s.calls).toContain('custom_callback on_job_end');
  });
});

describe('a callback that throws (Callbacks._notify)', () => {
  it.each(['on_run_start', 'on_job_start', 'on_job_end', 'on_run_end'] as const)('run mode, in %s: the job’s result survives, the error is reported, the others still run', async (hook) => {
    const s = setup({
      'config.yaml': `hydra:\n  callbacks:\n    failing:\n      _target_: Failing\n      fail_in: [${hook}]\n    custom:\n      _target_: my_app.CustomCallback\n`,
    });
    const result = await main(s.opts([]), () => 42);
    expect(result).toBe(42);
    expect(s.calls.filter((c) => c.startsWith('custom_callback '))).toEqual([
      'custom_callback on_run_start',
      'custom_callback on_job_start',
      'custom_callback on_job_end',
      'custom_callback on_run_end',
    ]);
    const errors = s.lines.filter((l) => l.includes('[ERROR]'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(`Callback 'failing' failed in ${hook}: Error: boom in ${hook}`);
    const dirs = fs.readdirSync(path.join(s.cwd, 'outputs'), { recursive: true }) as string[];
    const runJson = dirs.find((d) => d.endsWith(path.join('.hydra', 'run.json'))) as string;
    expect(JSON.parse(fs.readFileSync(path.join(s.cwd, 'outputs', runJson), 'utf8'))).toMatchObject({ status: 'completed', result: 42 });
  });

  it.each(['on_multirun_start', 'on_job_start', 'on_job_end', 'on_multirun_end'] as const)('multirun, in %s: every job completes with its value, the error is reported', async (hook) => {
    const s = setup({ 'config.yaml': `hydra:\n  callbacks:\n    failing:\n      _target_: Failing\n      fail_in: [${hook}]\nx: 0\n` });
    const results = (await main(s.opts(['x=1,2', '-m']), (cfg) => (cfg as { x: number }).x * 10)) as JobResult[];
    expect(results.map((r) => [r.status, r.returnValue])).toEqual([
      ['completed', 10],
      ['completed', 20],
    ]);
    const errors = s.lines.filter((l) => l.includes(`Callback 'failing' failed in ${hook}: Error: boom in ${hook}`));
    expect(errors).toHaveLength(hook.startsWith('on_job') ? 2 : 1);
  });

  it('a callback that throws in every hook never stops the run', async () => {
    const s = setup({ 'config.yaml': 'hydra:\n  callbacks:\n    failing:\n      _target_: Failing\n' });
    expect(await main(s.opts([]), () => 'kept')).toBe('kept');
    expect(s.calls).toEqual(['failing on_run_start', 'failing on_job_start', 'failing on_job_end', 'failing on_run_end']);
  });

  it('a callback that cannot be built is reported; the job still runs (tydra: Hydra fails the app)', async () => {
    const s = setup({ 'config.yaml': 'hydra:\n  callbacks:\n    typo:\n      _target_: my_app.CustomCalback\n' });
    expect(await main(s.opts([]), () => 7)).toBe(7);
    expect(s.lines.join('\n')).toMatch(/Could not create the callbacks of hydra.callbacks: Cannot instantiate 'my_app.CustomCalback' at hydra.callbacks.typo/);
  });
});

describe('callbacks from the command line', () => {
  it('+hydra.callbacks.<name>._target_=... adds one, with its arguments', async () => {
    const s = setup(customCallback);
    await main(s.opts(['+hydra.callbacks.extra._target_=my_app.CustomCallback', '+hydra.callbacks.extra.callback_name=extra'], 'plain'), () => undefined);
    expect(s.calls).toEqual(['Init extra', 'extra on_run_start', 'extra on_job_start', 'extra on_job_end', 'extra on_run_end']);
  });

  it('a command-line callback comes after the configured ones', async () => {
    const s = setup(customCallback);
    await main(s.opts(['+hydra.callbacks.callback_3._target_=my_app.CustomCallback', '+hydra.callbacks.callback_3.callback_name=callback_3'], 'config_with_two_callbacks'), () => undefined);
    expect(s.calls.filter((c) => c.endsWith('on_run_start') || c.endsWith('on_run_end'))).toEqual([
      'callback_1 on_run_start',
      'callback_2 on_run_start',
      'callback_3 on_run_start',
      'callback_3 on_run_end',
      'callback_2 on_run_end',
      'callback_1 on_run_end',
    ]);
  });

  it('in a multirun, a command-line callback applies to the whole sweep', async () => {
    const s = setup(customCallback);
    await main(s.opts(['+hydra.callbacks.extra._target_=my_app.CustomCallback', '+hydra.callbacks.extra.callback_name=extra', 'foo=a,b', '-m'], 'plain'), () => undefined);
    expect(s.calls.filter((c) => c.startsWith('Init') || c.includes('multirun'))).toEqual(['Init extra', 'extra on_multirun_start', 'extra on_multirun_end']);
    expect(s.calls.filter((c) => c === 'extra on_job_end')).toHaveLength(2);
  });

  it('~hydra.callbacks.<name> and hydra.callbacks.<name>=null remove a configured one', async () => {
    const s = setup(customCallback);
    await main(s.opts(['~hydra.callbacks.callback_1', 'hydra.callbacks.callback_2=null'], 'config_with_two_callbacks'), () => undefined);
    expect(s.calls).toEqual([]);
  });

  it('a callback argument is overridden like any config value', async () => {
    const s = setup(customCallback);
    await main(s.opts(['hydra.callbacks.custom_callback.param1=changed']), () => undefined);
    expect((s.events[0]?.self as { opts: unknown }).opts).toEqual({ param1: 'changed', param2: 'value2' });
  });
});

describe('a callback configured by an experiment', () => {
  const files = {
    'config.yaml': 'defaults:\n  - _self_\nlr: 0.1\n',
    'experiment/tracked.yaml': '# @package _global_\nlr: 0.01\nhydra:\n  callbacks:\n    tracker:\n      _target_: my_app.CustomCallback\n      callback_name: tracker\n',
  };

  it('+experiment=... brings its hydra.callbacks with it', async () => {
    const s = setup(files);
    const lr = await main(s.opts(['+experiment=tracked']), (cfg) => (cfg as { lr: number }).lr);
    expect(lr).toBe(0.01);
    expect(s.calls).toEqual(['Init tracker', 'tracker on_run_start', 'tracker on_job_start', 'tracker on_job_end', 'tracker on_run_end']);
  });

  it('without the experiment there is no callback', async () => {
    const s = setup(files);
    await main(s.opts([]), () => undefined);
    expect(s.calls).toEqual([]);
  });

  it('an experiment swept in a multirun: the sweep-level config decides the callbacks', async () => {
    const s = setup(files);
    await main(s.opts(['+experiment=tracked', 'lr=0.1,0.2', '-m']), () => undefined);
    expect(s.calls.filter((c) => c.startsWith('Init') || c.includes('multirun'))).toEqual(['Init tracker', 'tracker on_multirun_start', 'tracker on_multirun_end']);
  });
});

describe('hydra.experimental.callbacks.LogJobReturnCallback (test_save_job_return_callback)', () => {
  const files = {
    'config.yaml': 'hydra:\n  callbacks:\n    log_job_return:\n      _target_: hydra.experimental.callbacks.LogJobReturnCallback\ndivisor: 2\n',
  };

  it('logs the return value to the job’s log', async () => {
    const s = setup(files);
    let dir = '';
    await main(s.opts([]), (_c, ctx) => {
      dir = ctx.outputDir;
      return 'hello world';
    });
    const log = fs.readFileSync(path.join(dir, 'my_app.log'), 'utf8');
    expect(log).toContain('[hydra.experimental.callbacks.LogJobReturnCallback][INFO] - Succeeded with return value: hello world');
    const s2 = setup(files);
    await main(s2.opts([]), () => ({ accuracy: 0.5 }));
    expect(s2.lines.join('\n')).toContain('Succeeded with return value: {"accuracy":0.5}');
  });

  it('logs the error of a failing job, in run mode and in each job of a multirun', async () => {
    for (const argv of [[], ['+x=0,1', '-m']]) {
      const s = setup(files);
      let dirs: string[] = [];
      await expect(
        main(s.opts(argv), (_c, ctx) => {
          dirs.push(ctx.outputDir);
          throw new Error("Key 'divisor' is not in struct");
        }),
      ).rejects.toThrow();
      expect(dirs).toHaveLength(argv.length ? 2 : 1);
      for (const d of dirs) {
        const log = fs.readFileSync(path.join(d, 'my_app.log'), 'utf8');
        expect(log).toMatch(/\[hydra\.experimental\.callbacks\.LogJobReturnCallback\]\[ERROR\] - Error: Key 'divisor' is not in struct/);
      }
      dirs = [];
    }
  });

  it('an app registry entry of the same name wins over the built-in', async () => {
    const s = setup(files);
    const mine: string[] = [];
    await main({ ...s.opts([]), registry: { 'hydra.experimental.callbacks.LogJobReturnCallback': () => ({ on_job_end: () => void mine.push('mine') }) } }, () => 1);
    expect(mine).toEqual(['mine']);
  });
});

describe('the working dir of each hook with hydra.job.chdir=true', () => {
  it('runs on_job_start, the task and on_job_end in the job dir, on_run_start and on_run_end in the original dir (as Hydra)', async () => {
    const s = setup(customCallback);
    const cwds: Record<string, string> = {};
    const record = (hook: string) => () => {
      cwds[hook] = process.cwd();
    };
    class Where {
      on_run_start = record('on_run_start');
      on_job_start = record('on_job_start');
      on_job_end = record('on_job_end');
      on_run_end = record('on_run_end');
    }
    const before = process.cwd();
    process.chdir(s.cwd);
    try {
      const argv = ['hydra.job.chdir=true', 'hydra.run.dir=out', '+hydra.callbacks.where._target_=Where'];
      await main({ ...s.opts(argv, 'plain'), registry: { Where } }, record('task'));
    } finally {
      process.chdir(before);
    }
    const jobDir = path.join(s.cwd, 'out');
    expect(cwds).toEqual({ on_run_start: s.cwd, on_job_start: jobDir, task: jobDir, on_job_end: jobDir, on_run_end: s.cwd });
  });
});
