/**
 * `instantiate(cfg.model, { registry })`: build objects from `_target_` configs, as Hydra's
 * `hydra.utils.instantiate` does, with JavaScript calling conventions.
 *
 * - `_target_` names a registered factory (checked first), or — only when the app allows it — a
 *   module export `./models.js#MLP` / `some-package#make`; in a config built in code it may also
 *   be the function or class itself.
 * - `_args_` (a list) are positional arguments; every other key is collected into one options
 *   object, passed last (`new MLP(...args, { hidden: 64 })`). Classes are called with `new`.
 * - Call-time `kwargs` are merged into the config first (as Hydra merges `**kwargs`), so they may
 *   override nested keys and the special keys too; call-time `args` replace the top-level `_args_`.
 * - `_recursive_` (default true) instantiates nested `_target_` configs first, depth-first; a
 *   target with `_recursive_: false` gets its nested configs as (copied) plain data.
 * - `_partial_: true` returns a function that calls the target later with extra arguments (an
 *   extra options object is merged into the configured one); `???` values are left out of it.
 * - `_convert_` is accepted for Hydra compatibility (none/partial/object/all, any case); values
 *   are plain JS data in every mode, as there are no config node objects to convert.
 * - A `???` (missing) value of a target that is not partial is an error, as in Hydra.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TydraError, closestMatch } from '../errors.js';

// biome-ignore lint/suspicious/noExplicitAny: targets are arbitrary user factories
export type Target = (...args: any[]) => unknown;
/** Targets by name: functions, classes, or `{ default: … }`-free module exports. */
export type TargetRegistry = Readonly<Record<string, unknown>> | ReadonlyMap<string, unknown>;

export interface InstantiateOptions {
  registry?: TargetRegistry;
  /** Allow `_target_: './file.js#export'` or `'pkg#export'` (true, or allowed prefixes). */
  allowImports?: boolean | readonly string[];
  /** Where relative module paths are resolved (default: process.cwd()). */
  importBase?: string;
  /** Positional arguments replacing the top-level `_args_` (Hydra's `*args`; ignored when empty). */
  args?: readonly unknown[];
  /**
   * Merged into the config before instantiating (Hydra's `**kwargs`): dicts merge key by key,
   * other values replace; may set `_target_`, `_args_`, `_partial_`, `_recursive_`, `_convert_`.
   */
  kwargs?: Readonly<Record<string, unknown>>;
  /**
   * Where `config` sits in the whole config (`model`, `hydra.callbacks.log`), so that errors name
   * the full key path (`model.encoder`) instead of one relative to `config` (`encoder`).
   */
  at?: string;
}

/** A `_target_` that cannot be found or fails. */
export class InstantiationError extends TydraError {
  constructor(
    message: string,
    readonly target: string,
    readonly key: string,
    opts: { cause?: unknown; hint?: string } = {},
  ) {
    super(message, opts);
  }
}

const RESERVED = new Set(['_target_', '_args_', '_recursive_', '_convert_', '_partial_']);
const CONVERT = new Set(['none', 'partial', 'object', 'all']);

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;
}

function isClass(fn: unknown): boolean {
  return typeof fn === 'function' && /^class[\s{]/.test(Function.prototype.toString.call(fn));
}

function lookup(registry: TargetRegistry | undefined, name: string): unknown {
  if (!registry) return undefined;
  if (registry instanceof Map) return registry.get(name);
  return Object.hasOwn(registry, name) ? (registry as Record<string, unknown>)[name] : undefined;
}

function registryNames(registry: TargetRegistry | undefined): string[] {
  if (!registry) return [];
  return registry instanceof Map ? [...registry.keys()] : Object.keys(registry);
}

async function resolveTarget(name: string, key: string, opts: InstantiateOptions): Promise<unknown> {
  const hit = lookup(opts.registry, name);
  if (hit !== undefined) return hit;
  const allowed = opts.allowImports;
  const importable = name.includes('#') || name.startsWith('./') || name.startsWith('../');
  const permitted = allowed === true || (Array.isArray(allowed) && allowed.some((p) => name.startsWith(p)));
  if (!importable || !permitted) {
    const names = registryNames(opts.registry);
    const near = closestMatch(name, names);
    throw new InstantiationError(`Cannot instantiate '${name}' at ${key || '<root>'}: it is not in the registry${importable ? ' and module imports are not allowed' : ''}`, name, key, {
      hint: near
        ? `did you mean '${near}'? registered targets: ${names.join(', ')}`
        : importable
          ? `register it (instantiate(cfg, { registry: { '${name}': … } })) or pass allowImports: true`
          : names.length
            ? `registered targets: ${names.join(', ')}`
            : `pass a registry: instantiate(cfg, { registry: { '${name}': YourClass } })`,
    });
  }
  const [spec, exportName = 'default'] = name.split('#') as [string, string?];
  const url = spec.startsWith('.') ? pathToFileURL(path.resolve(opts.importBase ?? process.cwd(), spec)).href : spec;
  let mod: Record<string, unknown>;
  try {
    mod = (await import(url)) as Record<string, unknown>;
  } catch (e) {
    throw new InstantiationError(`Cannot import '${spec}' for target '${name}' at ${key || '<root>'}: ${(e as Error).message}`, name, key, { cause: e });
  }
  const target = mod[exportName];
  if (target === undefined) {
    throw new InstantiationError(`Module '${spec}' has no export '${exportName}' (target '${name}' at ${key || '<root>'})`, name, key, {
      hint: `${((m) => (m ? `did you mean '${m}'? ` : ''))(closestMatch(exportName, Object.keys(mod)))}exports: ${Object.keys(mod).join(', ')}`,
    });
  }
  return target;
}

/** Hydra's `_convert_` modes. Config values are plain JS data already, so every mode gives plain objects and arrays. */
type ConvertMode = 'none' | 'partial' | 'object' | 'all';

interface Mode {
  recursive: boolean;
  convert: ConvertMode;
}

const where = (key: string) => key || '<root>';
const child = (key: string, k: string) => (key ? `${key}.${k}` : k);

/** OmegaConf's missing value: a config value that was never set. */
const MISSING = '???';

function flagOf(value: unknown, flag: '_recursive_' | '_partial_', key: string, target: string): boolean {
  if (typeof value !== 'boolean') {
    throw new InstantiationError(`${flag} must be a boolean, got ${describe(value)} at ${where(key)}`, target, key);
  }
  return value;
}

function convertOf(value: unknown, key: string, target: string): ConvertMode {
  const mode = typeof value === 'string' ? value.toLowerCase() : value;
  if (typeof mode !== 'string' || !CONVERT.has(mode)) {
    throw new InstantiationError(`_convert_ must be one of none, partial, object, all (got '${String(value)}') at ${where(key)}`, target, key);
  }
  return mode as ConvertMode;
}

/** A value for an error message (short, and safe for cyclic objects). */
function describe(value: unknown): string {
  if (typeof value === 'string') return `'${value}' (string)`;
  if (value === null || value === undefined) return String(value);
  if (typeof value === 'function') return `function '${value.name || '<anonymous>'}'`;
  if (typeof value !== 'object') return `${String(value)} (${typeof value})`;
  const kind = Array.isArray(value) ? 'array' : isPlainObject(value) ? 'object' : (value.constructor?.name ?? 'object');
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch {
    text = undefined;
  }
  if (text === undefined) return `an unprintable ${kind}`;
  return `${text.length > 80 ? `${text.slice(0, 77)}...` : text} (${kind})`;
}

/** Read `_recursive_` / `_convert_` of a dict: they apply to everything below it. */
function modeOf(value: Record<string, unknown>, key: string, inherited: Mode, target: string): Mode {
  const mode = { ...inherited };
  if (value._recursive_ !== undefined) mode.recursive = flagOf(value._recursive_, '_recursive_', key, target);
  if (value._convert_ !== undefined) mode.convert = convertOf(value._convert_, key, target);
  return mode;
}

/** A deep copy of plain objects and arrays (anything else is kept as it is), so a target cannot change the config. */
function copyPlain(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copyPlain);
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = copyPlain(v);
  return out;
}

/** Call-time options merged into the config, as Hydra merges `**kwargs`: dicts merge, anything else replaces. */
function mergeInto(base: Record<string, unknown>, over: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const b = out[k];
    out[k] = isPlainObject(b) && isPlainObject(v) ? mergeInto(b, v) : v;
  }
  return out;
}

function missing(key: string, target: string): InstantiationError {
  return new InstantiationError(`Missing mandatory value: ${where(key)}`, target, key, { hint: 'set it in the config, or pass it at call time (kwargs)' });
}

async function build(value: unknown, key: string, opts: InstantiateOptions, mode: Mode, args?: readonly unknown[]): Promise<unknown> {
  if (Array.isArray(value)) return Promise.all(value.map((v, i) => build(v, `${key}[${i}]`, opts, mode)));
  if (!isPlainObject(value)) return value;
  if (Object.hasOwn(value, '_target_')) return buildTarget(value, key, opts, mode, args);
  const inner = modeOf(value, key, mode, '');
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = await build(v, child(key, k), opts, inner);
  return out;
}

async function buildTarget(value: Record<string, unknown>, key: string, opts: InstantiateOptions, inherited: Mode, callArgs?: readonly unknown[]): Promise<unknown> {
  const spec = value._target_;
  const label = typeof spec === 'string' ? spec : typeof spec === 'function' ? spec.name || '<anonymous function>' : String(spec);
  const mode = modeOf(value, key, inherited, label);
  const partial = value._partial_ === undefined ? false : flagOf(value._partial_, '_partial_', key, label);
  let target: unknown;
  if (typeof spec === 'function') target = spec;
  else if (spec === MISSING) {
    throw new InstantiationError(`Config has missing value for key _target_ at ${where(key)}, cannot instantiate`, label, key);
  } else if (typeof spec === 'string') target = await resolveTarget(spec, key, opts);
  else {
    throw new InstantiationError(`Expected a callable target, got ${describe(spec)} at ${where(key)}`, label, key, {
      hint: '_target_ is a registered name, a module path (./models.js#MLP), or a function',
    });
  }
  if (typeof target !== 'function') {
    throw new InstantiationError(`Target '${label}' at ${where(key)} is not a function or class (it is ${typeof target})`, label, key);
  }
  const configured = value._args_ === undefined ? [] : value._args_;
  if (!Array.isArray(configured)) {
    throw new InstantiationError(`Unsupported _args_ type for target '${label}' at ${where(key)}: expected a list, got ${describe(configured)}`, label, key, {
      hint: 'write positional arguments as a list (_args_: [1, 2]); named ones as keys of the config',
    });
  }
  const rawArgs = callArgs && callArgs.length > 0 ? callArgs : configured;
  const args: unknown[] = [];
  for (const [i, a] of rawArgs.entries()) {
    const at = `${key}._args_[${i}]`;
    if (a === MISSING) throw missing(at, label);
    args.push(mode.recursive ? await build(a, at, opts, mode) : copyPlain(a));
  }
  const kwargs: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (RESERVED.has(k)) continue;
    if (v === MISSING) {
      // Hydra leaves a missing value out of a partial: it is to be passed when the partial is called.
      if (partial) continue;
      throw missing(child(key, k), label);
    }
    kwargs[k] = mode.recursive ? await build(v, child(key, k), opts, mode) : copyPlain(v);
  }
  const call = (extraArgs: unknown[], extraKwargs?: Record<string, unknown>) => {
    // A fresh options object per call: a target that changes its options cannot change the next call's.
    const kw = { ...kwargs, ...extraKwargs };
    const all = Object.keys(kw).length > 0 ? [...args, ...extraArgs, kw] : [...args, ...extraArgs];
    const failed = (e: unknown) =>
      new InstantiationError(`Error in call to target '${label}' at ${where(key)}: ${(e as Error)?.message ?? String(e)}`, label, key, { cause: e });
    let result: unknown;
    try {
      result = isClass(target) ? new (target as new (...a: unknown[]) => unknown)(...all) : (target as Target)(...all);
    } catch (e) {
      throw failed(e);
    }
    // An async factory fails by rejecting: report it like a throw.
    if (result instanceof Promise) {
      return result.catch((e: unknown) => {
        throw failed(e);
      });
    }
    return result;
  };
  if (partial) {
    return (...more: unknown[]) => {
      const last = more[more.length - 1];
      if (isPlainObject(last)) return call(more.slice(0, -1), last);
      return call(more);
    };
  }
  return call([]);
}

/**
 * Instantiate a config with a `_target_` (or a container of them).
 *
 * As Hydra's `instantiate(config, *args, **kwargs)`: `options.kwargs` are merged into a dict config
 * first (so they may set `_target_`, `_args_`, `_partial_`, `_recursive_`, `_convert_`, or nested
 * keys), `options.args` replace the top-level `_args_`. `null` gives `null`; a scalar is an error.
 * @example const model = await instantiate(cfg.model, { registry: { MLP } });
 */
export async function instantiate<T = unknown>(config: unknown, options: InstantiateOptions = {}): Promise<T> {
  if (config === null) return null as T;
  const base: Mode = { recursive: true, convert: 'none' };
  if (Array.isArray(config)) {
    const { _recursive_, _convert_, _partial_, ...rest } = options.kwargs ?? {};
    if (_partial_ === true) throw new InstantiationError('The _partial_ keyword is not compatible with top-level list instantiation', '', '');
    const extra = Object.keys(rest);
    if (extra.length > 0 || (options.args?.length ?? 0) > 0) {
      throw new InstantiationError(`Cannot pass ${extra.length > 0 ? `kwargs (${extra.join(', ')})` : 'args'} to a top-level list config`, '', '', {
        hint: 'instantiate the list items one by one to pass them arguments',
      });
    }
    const mode = modeOf({ _recursive_, _convert_ }, options.at ?? '', base, '');
    return (await build(config, options.at ?? '', options, mode)) as T;
  }
  if (!isPlainObject(config)) {
    throw new InstantiationError(`Cannot instantiate ${describe(config)}: the config must be an object (with a _target_, or containing them), a list, or null`, '', '');
  }
  const merged = options.kwargs ? mergeInto(config, options.kwargs) : { ...config };
  // Hydra takes the flags off the top-level config, target or not.
  const mode = modeOf(merged, options.at ?? '', base, typeof merged._target_ === 'string' ? merged._target_ : '');
  if (!Object.hasOwn(merged, '_target_')) {
    for (const flag of ['_recursive_', '_convert_', '_partial_']) delete merged[flag];
  }
  return (await build(merged, options.at ?? '', options, mode, options.args)) as T;
}
