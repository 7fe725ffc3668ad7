/**
 * `instantiate(cfg.model, { registry })`: build objects from `_target_` configs, as Hydra's
 * `hydra.utils.instantiate` does, with JavaScript calling conventions.
 *
 * - `_target_` names a registered factory (checked first), or — only when the app allows it — a
 *   module export `./models.js#MLP` / `some-package#make`.
 * - `_args_` are positional arguments; every other key is collected into one options object,
 *   passed last (`new MLP(...args, { hidden: 64 })`). Classes are called with `new`.
 * - `_recursive_` (default true) instantiates nested `_target_` configs first, depth-first.
 * - `_partial_: true` returns a function that calls the target later with extra arguments (an
 *   extra options object is merged into the configured one).
 * - `_convert_` is accepted for Hydra compatibility (values are plain JS data already).
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TydraError } from '../errors.js';

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
  /** Positional arguments replacing `_args_`. */
  args?: readonly unknown[];
  /** Options merged over the configured ones. */
  kwargs?: Readonly<Record<string, unknown>>;
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
    throw new InstantiationError(`Cannot instantiate '${name}' at ${key || '<root>'}: it is not in the registry${importable ? ' and module imports are not allowed' : ''}`, name, key, {
      hint: importable
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
      hint: `exports: ${Object.keys(mod).join(', ')}`,
    });
  }
  return target;
}

async function build(value: unknown, key: string, opts: InstantiateOptions, recursive: boolean, top: boolean): Promise<unknown> {
  if (Array.isArray(value)) return Promise.all(value.map((v, i) => build(v, `${key}[${i}]`, opts, recursive, false)));
  if (!isPlainObject(value)) return value;
  const hasTarget = typeof value._target_ === 'string';
  if (!hasTarget) {
    if (!recursive && !top) return value;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = await build(v, key ? `${key}.${k}` : k, opts, recursive, false);
    return out;
  }
  const name = value._target_ as string;
  const rec = value._recursive_ === undefined ? recursive : Boolean(value._recursive_);
  if (value._convert_ !== undefined && !CONVERT.has(String(value._convert_))) {
    throw new InstantiationError(`_convert_ must be one of none, partial, object, all (got '${String(value._convert_)}') at ${key || '<root>'}`, name, key);
  }
  const target = await resolveTarget(name, key, opts);
  if (typeof target !== 'function') {
    throw new InstantiationError(`Target '${name}' at ${key || '<root>'} is not a function or class (it is ${typeof target})`, name, key);
  }
  const rawArgs = top && opts.args ? opts.args : Array.isArray(value._args_) ? value._args_ : value._args_ === undefined ? [] : [value._args_];
  const args = rec ? await Promise.all(rawArgs.map((a, i) => build(a, `${key}._args_[${i}]`, opts, rec, false))) : [...rawArgs];
  const kwargs: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (RESERVED.has(k)) continue;
    kwargs[k] = rec ? await build(v, key ? `${key}.${k}` : k, opts, rec, false) : v;
  }
  if (top && opts.kwargs) Object.assign(kwargs, opts.kwargs);
  const call = (extraArgs: unknown[], extraKwargs?: Record<string, unknown>) => {
    const kw = extraKwargs ? { ...kwargs, ...extraKwargs } : kwargs;
    const all = Object.keys(kw).length > 0 ? [...args, ...extraArgs, kw] : [...args, ...extraArgs];
    const failed = (e: unknown) =>
      new InstantiationError(`Error in call to target '${name}' at ${key || '<root>'}: ${(e as Error)?.message ?? String(e)}`, name, key, { cause: e });
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
  if (value._partial_ === true) {
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
 * @example const model = await instantiate(cfg.model, { registry: { MLP } });
 */
export async function instantiate<T = unknown>(config: unknown, options: InstantiateOptions = {}): Promise<T> {
  return (await build(config, '', options, true, true)) as T;
}
