/**
 * Callbacks configured under `hydra.callbacks.<name>` (`_target_` to a registered or importable
 * factory), as Hydra's experimental callbacks: start events run in the configured order, end
 * events in reverse. A callback that throws is reported and never loses the job's result.
 */
import type { Logger } from './logger.js';
import { type InstantiateOptions, instantiate } from './instantiate.js';

export interface CallbackEvent {
  /** The job config (resolved). */
  config: unknown;
  /** The run or sweep dir. */
  outputDir?: string;
  /** For job and run end events. */
  result?: unknown;
  error?: unknown;
  status?: string;
  /** For multirun end: the job results. */
  results?: unknown[];
}

/** The methods a callback may implement (all optional, may be async). */
export interface Callback {
  on_run_start?(event: CallbackEvent): unknown;
  on_run_end?(event: CallbackEvent): unknown;
  on_multirun_start?(event: CallbackEvent): unknown;
  on_multirun_end?(event: CallbackEvent): unknown;
  on_job_start?(event: CallbackEvent): unknown;
  on_job_end?(event: CallbackEvent): unknown;
}

export type CallbackHook = keyof Callback;

export class Callbacks {
  private constructor(private readonly list: { name: string; cb: Callback }[]) {}

  static none(): Callbacks {
    return new Callbacks([]);
  }

  /** Build the callbacks of `hydra.callbacks` (a dict of `_target_` configs), plus extra ones from code. */
  static async create(config: unknown, options: InstantiateOptions, extra: readonly Callback[] = []): Promise<Callbacks> {
    const list: { name: string; cb: Callback }[] = [];
    if (config && typeof config === 'object' && !Array.isArray(config)) {
      for (const [name, spec] of Object.entries(config as Record<string, unknown>)) {
        if (spec === null || spec === undefined) continue;
        const cb = await instantiate<Callback>(spec, { ...options, at: `hydra.callbacks.${name}` });
        list.push({ name, cb });
      }
    }
    extra.forEach((cb, i) => list.push({ name: `callback${i}`, cb }));
    return new Callbacks(list);
  }

  get size(): number {
    return this.list.length;
  }

  /** Call `hook` on every callback (reverse order for end events); errors are logged, not thrown. */
  async emit(hook: CallbackHook, event: CallbackEvent, logger?: Logger): Promise<void> {
    const order = hook.endsWith('_end') ? [...this.list].reverse() : this.list;
    for (const { name, cb } of order) {
      const fn = cb[hook];
      if (typeof fn !== 'function') continue;
      try {
        await fn.call(cb, event);
      } catch (e) {
        const msg = `Callback '${name}' failed in ${hook}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`;
        if (logger) logger.error(msg);
        else process.stderr.write(`${msg}\n`);
      }
    }
  }
}
