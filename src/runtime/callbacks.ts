/**
 * Callbacks configured under `hydra.callbacks.<name>` (`_target_` to a registered or importable
 * factory), as Hydra's experimental callbacks: start events run in the configured order, end
 * events in reverse. A callback that throws is reported and never loses the job's result.
 * Built once per run or sweep (the in-process jobs of a sweep share the sweep's instances, as
 * Hydra's local launcher does); `hydra.experimental.callbacks.LogJobReturnCallback` is built in.
 */
import type { Composition } from '../compose/compose.js';
import { plain } from '../config/interpolation/resolve.js';
import type { Node } from '../config/nodes.js';
import type { Logger } from './logger.js';
import { type InstantiateOptions, instantiate, type TargetRegistry } from './instantiate.js';

export interface CallbackEvent {
  /** The job config (resolved, without the `hydra` node; the sweep config for multirun events). */
  config: unknown;
  /** The `hydra` node, resolved (Hydra passes it inside `config`). */
  hydra?: unknown;
  /** The run or sweep dir. */
  outputDir?: string;
  /** The job's logger (multirun events: a console logger); set by `emit` when given one. */
  logger?: Logger;
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

/**
 * The event of `on_multirun_start`/`on_multirun_end`: the sweep config and its `hydra` node
 * (each top-level key resolved, or as written when it cannot be resolved before a job runs), and
 * the sweep dir.
 */
export function sweepEvent(c: Composition, sweepDir: string): CallbackEvent {
  const plainOf = (keys: string[], node: Node) => {
    try {
      return c.resolution.toPlain({ node, path: keys, final: false });
    } catch {
      return plain(node);
    }
  };
  const config: Record<string, unknown> = {};
  let hydra: Record<string, unknown> | undefined;
  for (const [k, node] of c.root.entries) {
    if (k !== 'hydra') config[k] = plainOf([k], node);
    else if (node.kind === 'dict') hydra = Object.fromEntries([...node.entries].map(([hk, hn]) => [hk, plainOf(['hydra', hk], hn)]));
  }
  return { config, hydra, outputDir: sweepDir };
}

/**
 * Hydra's `hydra.experimental.callbacks.LogJobReturnCallback`: log the job's return value, or its
 * error, when the job ends (to the job's log, under the callback's name).
 */
export class LogJobReturnCallback implements Callback {
  on_job_end(event: CallbackEvent): void {
    const log = event.logger?.child('hydra.experimental.callbacks.LogJobReturnCallback');
    if (!log) return;
    if (event.status === 'completed') log.info('Succeeded with return value:', event.result);
    else if (event.status === 'failed') log.error(event.error);
    else log.error('Status unknown. This should never happen.');
  }
}

/** The callback targets every app has (the app's registry wins on a clash). */
export const BUILTIN_CALLBACKS: Readonly<Record<string, unknown>> = {
  'hydra.experimental.callbacks.LogJobReturnCallback': LogJobReturnCallback,
};

function withBuiltins(registry: TargetRegistry | undefined): TargetRegistry {
  if (registry instanceof Map) return new Map([...Object.entries(BUILTIN_CALLBACKS), ...registry]);
  return { ...BUILTIN_CALLBACKS, ...(registry as Record<string, unknown> | undefined) };
}

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
        const cb = await instantiate<Callback>(spec, { ...options, registry: withBuiltins(options.registry), at: `hydra.callbacks.${name}` });
        list.push({ name, cb });
      }
    }
    extra.forEach((cb, i) => list.push({ name: `callback${i}`, cb }));
    return new Callbacks(list);
  }

  /** As `create`, but a callback that cannot be built is reported and no callback runs. */
  static async tryCreate(config: unknown, options: InstantiateOptions, extra: readonly Callback[], logger: Logger): Promise<Callbacks> {
    try {
      return await Callbacks.create(config, options, extra);
    } catch (e) {
      logger.error(`Could not create the callbacks of hydra.callbacks: ${e instanceof Error ? e.message : String(e)}`);
      return Callbacks.none();
    }
  }

  get size(): number {
    return this.list.length;
  }

  /** Call `hook` on every callback (reverse order for end events); errors are logged, not thrown. */
  async emit(hook: CallbackHook, event: CallbackEvent, logger?: Logger): Promise<void> {
    const order = hook.endsWith('_end') ? [...this.list].reverse() : this.list;
    const ev = logger && !event.logger ? { ...event, logger } : event;
    for (const { name, cb } of order) {
      const fn = cb[hook];
      if (typeof fn !== 'function') continue;
      try {
        await fn.call(cb, ev);
      } catch (e) {
        const msg = `Callback '${name}' failed in ${hook}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`;
        if (logger) logger.error(msg);
        else process.stderr.write(`${msg}\n`);
      }
    }
  }
}
