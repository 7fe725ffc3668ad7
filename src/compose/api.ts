/**
 * The public compose API.
 *
 * @example
 * const cfg = await compose({ configDir: 'conf', configName: 'config', overrides: ['db=postgres'] });
 */
import type { ResultDefault } from '../defaults/flatten.js';
import type { ConfigStore } from '../repository/config-store.js';
import {
  type ComposeOptions,
  type Composition,
  composeTree,
  jobTree,
  resolvedJobConfig,
  resolvedOverrideDirname,
} from './compose.js';
import { plain } from '../config/interpolation/resolve.js';
import type { DictNode } from '../config/nodes.js';

/** A config value as a task sees it: plain JSON-like data (ints beyond 2^53 are bigint). */
export type ConfigValue = null | boolean | number | bigint | string | ConfigValue[] | { [key: string]: ConfigValue };
/** A composed config without a schema. */
export type ConfigObject = { [key: string]: ConfigValue };

export interface ComposeRequest extends Omit<ComposeOptions, 'sources'> {
  /** Configs and schemas registered from code. */
  store?: ConfigStore;
}

/** Everything about one composition. */
export interface ComposeDetails<T = ConfigObject> {
  /** The job config, resolved (no `hydra` node). */
  config: T;
  /** The final option of every config group (Hydra's `hydra.runtime.choices`). */
  choices: Record<string, string | string[] | null>;
  /** Hydra's `hydra.job.override_dirname`. */
  overrideDirname: string;
  /** The `hydra` node, resolved where it can be (values that need a run, like the output dir, stay `???`). */
  hydra: ConfigObject;
  /** The final defaults list: which configs were merged, where, in which order. */
  defaultsList: ResultDefault[];
  /** The job config as authored: interpolations unresolved. */
  unresolved: ConfigObject;
  /** The underlying composition (config tree with provenance, defaults tree). */
  composition: Composition;
}

function toOptions(req: ComposeRequest): ComposeOptions {
  const { store, ...rest } = req;
  return { ...rest, sources: store ? [store.source()] : undefined };
}

function hydraNode(c: Composition): ConfigObject {
  const h = c.root.entries.get('hydra');
  if (!h || h.kind !== 'dict') return {};
  const out: ConfigObject = {};
  for (const [k, v] of h.entries) {
    try {
      out[k] = c.resolution.toPlain({ node: v, path: ['hydra', k], final: false }) as ConfigValue;
    } catch {
      out[k] = plain(v) as ConfigValue;
    }
  }
  return out;
}

/** Compose synchronously; see `compose`. */
export function composeDetailedSync(req: ComposeRequest): ComposeDetails {
  const c = composeTree(toOptions(req));
  return {
    config: resolvedJobConfig(c) as ConfigObject,
    choices: Object.fromEntries(c.choices),
    overrideDirname: resolvedOverrideDirname(c),
    hydra: hydraNode(c),
    defaultsList: [...c.defaultsList],
    unresolved: plain(jobTree(c) as DictNode) as ConfigObject,
    composition: c,
  };
}

/** Compose a config from a conf/ tree and overrides; resolves to the job config (plain data). */
export async function compose(req: ComposeRequest): Promise<ConfigObject> {
  const c = composeTree(toOptions(req));
  return resolvedJobConfig(c) as ConfigObject;
}

/** Like `compose`, with the choices, override_dirname, hydra node, defaults list and the unresolved tree. */
export async function composeDetailed(req: ComposeRequest): Promise<ComposeDetails> {
  return composeDetailedSync(req);
}
