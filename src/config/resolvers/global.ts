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
 * Register a resolver for `${name:args}` in the process-wide registry.
 * @example registerResolver('add', (a, b) => Number(a) + Number(b)); // ${add:1,2} → 3
 */
export function registerResolver(name: string, fn: ResolverFunction, options: ResolverOptions = {}): void {
  globalResolvers().register(name, fn, options);
}
