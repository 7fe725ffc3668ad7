/**
 * Callbacks configured under `hydra.callbacks` (hydra.cc 1.3: experimental/callbacks): start events
 * in the configured order, end events in reverse; a failing callback never stops the others.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type Callback, type CallbackEvent, type CallbackHook, Callbacks } from '../../src/runtime/callbacks.js';
import { InstantiationError } from '../../src/runtime/instantiate.js';
import { Logger } from '../../src/runtime/logger.js';

afterEach(() => vi.restoreAllMocks());

/** Every hook call, as `name.hook`, in order. */
function recorder(calls: string[]) {
  return class Recorder implements Callback {
    readonly name: string;
    constructor(opts: { name: string }) {
      this.name = opts.name;
    }
    on_run_start() {
      calls.push(`${this.name}.on_run_start`);
    }
    on_run_end() {
      calls.push(`${this.name}.on_run_end`);
    }
    on_multirun_start() {
      calls.push(`${this.name}.on_multirun_start`);
    }
    on_multirun_end() {
      calls.push(`${this.name}.on_multirun_end`);
    }
    on_job_start() {
      calls.push(`${this.name}.on_job_start`);
    }
    on_job_end() {
      calls.push(`${this.name}.on_job_end`);
    }
  };
}

async function three(calls: string[]): Promise<Callbacks> {
  const hydraCallbacks = {
    first: { _target_: 'Recorder', name: 'first' },
    second: { _target_: 'Recorder', name: 'second' },
    third: { _target_: 'Recorder', name: 'third' },
  };
  return Callbacks.create(hydraCallbacks, { registry: { Recorder: recorder(calls) } });
}

const event: CallbackEvent = { config: { lr: 0.1 }, outputDir: '/runs/1' };

describe('Callbacks.create', () => {
  it('builds one callback per entry of hydra.callbacks, skipping null entries', async () => {
    const calls: string[] = [];
    const cbs = await Callbacks.create({ a: { _target_: 'Recorder', name: 'a' }, disabled: null }, { registry: { Recorder: recorder(calls) } });
    expect(cbs.size).toBe(1);
  });

  it('has no callbacks for a missing or non-mapping hydra.callbacks', async () => {
    expect((await Callbacks.create(undefined, {})).size).toBe(0);
    expect((await Callbacks.create(null, {})).size).toBe(0);
    expect((await Callbacks.create([{ _target_: 'x' }], {})).size).toBe(0);
    expect(Callbacks.none().size).toBe(0);
  });

  it('adds callbacks given from code after the configured ones', async () => {
    const calls: string[] = [];
    const extra: Callback = { on_run_start: () => void calls.push('extra.on_run_start') };
    const cbs = await Callbacks.create({ a: { _target_: 'Recorder', name: 'a' } }, { registry: { Recorder: recorder(calls) } }, [extra]);
    expect(cbs.size).toBe(2);
    await cbs.emit('on_run_start', event);
    expect(calls).toEqual(['a.on_run_start', 'extra.on_run_start']);
  });

  it('fails when a callback target cannot be instantiated', async () => {
    await expect(Callbacks.create({ a: { _target_: 'Missing' } }, { registry: {} })).rejects.toBeInstanceOf(InstantiationError);
  });

  it('names the callback’s key in the whole config when it cannot be built', async () => {
    const err = (await Callbacks.create({ log: { _target_: 'Logr' } }, { registry: { Log: class {} } }).catch((e: unknown) => e)) as InstantiationError;
    expect(err.key).toBe('hydra.callbacks.log');
    expect(err.message).toBe("Cannot instantiate 'Logr' at hydra.callbacks.log: it is not in the registry");
    expect(err.hint).toContain("did you mean 'Log'?");
  });
});

describe('emit', () => {
  it.each<CallbackHook>(['on_run_start', 'on_multirun_start', 'on_job_start'])('calls %s in the configured order', async (hook) => {
    const calls: string[] = [];
    await (await three(calls)).emit(hook, event);
    expect(calls).toEqual([`first.${hook}`, `second.${hook}`, `third.${hook}`]);
  });

  it.each<CallbackHook>(['on_run_end', 'on_multirun_end', 'on_job_end'])('calls %s in reverse order', async (hook) => {
    const calls: string[] = [];
    await (await three(calls)).emit(hook, event);
    expect(calls).toEqual([`third.${hook}`, `second.${hook}`, `first.${hook}`]);
  });

  it('passes the event to each callback, with the callback as this', async () => {
    const seen: unknown[] = [];
    const cb = {
      tag: 'mine',
      on_job_end(this: { tag: string }, e: CallbackEvent) {
        seen.push(this.tag, e);
      },
    };
    const cbs = await Callbacks.create(undefined, {}, [cb]);
    const end = { ...event, result: 3, status: 'COMPLETED' };
    await cbs.emit('on_job_end', end);
    expect(seen).toEqual(['mine', end]);
  });

  it('skips callbacks without the hook', async () => {
    const calls: string[] = [];
    const cbs = await Callbacks.create(undefined, {}, [{}, { on_run_start: () => void calls.push('b') }]);
    await cbs.emit('on_run_start', event);
    expect(calls).toEqual(['b']);
  });

  it('waits for each async callback before calling the next', async () => {
    const calls: string[] = [];
    const slow: Callback = {
      on_run_start: async () => {
        await new Promise((r) => setImmediate(r));
        calls.push('slow');
      },
    };
    const fast: Callback = { on_run_start: () => void calls.push('fast') };
    await (await Callbacks.create(undefined, {}, [slow, fast])).emit('on_run_start', event);
    expect(calls).toEqual(['slow', 'fast']);
  });

  it('logs a failing callback with its name and hook, and still calls the others', async () => {
    const calls: string[] = [];
    const lines: string[] = [];
    const logger = new Logger({ name: 'app', console: (l) => lines.push(l) });
    const failing: Callback = {
      on_run_end: () => {
        throw new Error('upload failed');
      },
    };
    const cbs = await Callbacks.create(
      { a: { _target_: 'Recorder', name: 'a' } },
      { registry: { Recorder: recorder(calls) } },
      [failing, { on_run_end: async () => Promise.reject('plain rejection') }],
    );
    await expect(cbs.emit('on_run_end', event, logger)).resolves.toBeUndefined();
    expect(calls).toEqual(['a.on_run_end']);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/\[app\]\[ERROR\] - Callback 'callback1' failed in on_run_end: plain rejection$/);
    expect(lines[1]).toContain("[app][ERROR] - Callback 'callback0' failed in on_run_end: Error: upload failed");
  });

  it('writes the failure to stderr without a logger', async () => {
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const cbs = await Callbacks.create(undefined, {}, [
      {
        on_job_start: () => {
          throw new Error('nope');
        },
      },
    ]);
    await cbs.emit('on_job_start', event);
    expect(err).toHaveBeenCalledTimes(1);
    expect(String(err.mock.calls[0]?.[0])).toMatch(/^Callback 'callback0' failed in on_job_start: Error: nope\n/);
  });
});
