/**
 * The process-wide resolver registry: `registerResolver` writes to it and compose reads it by
 * default. It falls back to the built-ins; pass your own registry to compose to isolate a call.
 */
import { builtinResolvers } from './builtins.js';
import type { ResolverFunction, ResolverOptions, ResolverRegistry } from './registry.js';

let processResolvers: ResolverRegistry | undefined;

export function globalResolvers(): ResolverRegistry {
  if (!processResolvers) processResolvers = builtinResolvers.child();
  return processResolvers;
}

/**
 * Register a resolver for `${name:args}` in the process-wide registry (OmegaConf's
 * `register_new_resolver`). Registering a taken name fails unless `{ replace: true }`.
 * @example registerResolver('add', (a, b) => Number(a) + Number(b)); // ${add:1,2} → 3
 */
export function registerResolver(name: string, fn: ResolverFunction, options: ResolverOptions = {}): void {
  globalResolvers().register(name, fn, options);
}

/** Is a resolver (registered or built in) available under `name`? (OmegaConf's `has_resolver`) */
export function hasResolver(name: string): boolean {
  return globalResolvers().has(name);
}

/**
 * Remove a resolver registered with `registerResolver`; built-ins stay. Returns whether one was
 * removed. (OmegaConf's `clear_resolver`)
 * @example clearResolver('add')
 */
export function clearResolver(name: string): boolean {
  return globalResolvers().remove(name);
}
