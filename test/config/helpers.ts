/** Shared helpers for the config-core tests: configs from YAML text, resolution, errors. */
import { expect } from 'vitest';
import type { ConfigError } from '../../src/config/errors.js';
import { Resolution, type ResolveOptions } from '../../src/config/interpolation/resolve.js';
import { loadConfig } from '../../src/config/load.js';
import type { ContainerNode, DictNode, Node } from '../../src/config/nodes.js';
import { nodeRepr } from '../../src/config/repr.js';
import { builtinResolvers } from '../../src/config/resolvers/builtins.js';
import { splitKey } from '../../src/config/select.js';

/** A config loaded from YAML text as if it were the file `conf/<name>.yaml` (nodes know their line and column). */
export function yaml(text: string, name = 'config'): DictNode {
  const loaded = loadConfig({ path: `/conf/${name}.yaml`, configPath: name, text });
  return loaded.node as DictNode;
}

/** A Resolution over `root` with the built-in resolvers, a fixed environment and a fixed "now". */
export function resolution(root: ContainerNode, options: Partial<ResolveOptions> = {}): Resolution {
  return new Resolution(root, {
    resolvers: builtinResolvers,
    env: { HOME: '/home/ada', USER: 'ada' },
    now: new Date(2024, 2, 5, 7, 8, 9),
    warn: () => undefined,
    ...options,
  });
}

/** The resolved value at `key` as plain data. */
export function value(root: ContainerNode, key: string, options: Partial<ResolveOptions> = {}): unknown {
  const res = resolution(root, options);
  return res.toPlain({ node: res.get(splitKey(key)), path: splitKey(key), final: true });
}

/** The resolved value at `key` as Python's repr() (shows int vs float vs str). */
export function repr(root: ContainerNode, key: string, options: Partial<ResolveOptions> = {}): string {
  return nodeRepr(resolution(root, options).get(splitKey(key)));
}

/** The error thrown by `fn`, checked to be an instance of `cls`. */
export function thrown<E extends Error>(fn: () => unknown, cls: abstract new (...args: never[]) => E): E {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(cls);
    return e as E;
  }
  throw new Error(`expected ${cls.name} to be thrown`);
}

/** The error reading `key` raises. */
export function errorAt<E extends ConfigError>(root: ContainerNode, key: string, cls: abstract new (...args: never[]) => E, options: Partial<ResolveOptions> = {}): E {
  return thrown(() => resolution(root, options).get(splitKey(key)), cls);
}

export type { Node };
