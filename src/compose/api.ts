/**
 * The public compose API.
 *
 * With a `schema` the result is typed as the schema's output (`z.output<typeof schema>`): the
 * value `safeParse` returns, with schema defaults filled and `t.int()`-style coercions applied.
 * The input side (`z.input`) is what YAML files and overrides may write; it is what `tydra schema`
 * exports for editors. Without a schema the result is plain JSON-like data (`ConfigObject`).
 * Stored schemas named in a defaults list are validated either way.
 *
 * @example
 * const cfg = await compose({ configDir: 'conf', configName: 'config', overrides: ['db=postgres'], schema: Config });
 */
import type { ResultDefault } from '../defaults/flatten.js';
import type { ConfigStore } from '../repository/config-store.js';
import { type ValueOrigin, originOf } from '../schema/provenance.js';
import type { ConfigOf, ConfigSchema } from '../schema/types.js';
import { needsValidation, validateConfig, validateConfigAsync } from '../schema/validate.js';
import { splitKey } from '../config/select.js';
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
// Installs the hook that turns a stored schema into config content (no zod import).
import '../schema/index.js';

/** A config value as a task sees it: plain JSON-like data (ints beyond 2^53 are bigint). */
export type ConfigValue = null | boolean | number | bigint | string | ConfigValue[] | { [key: string]: ConfigValue };
/** A composed config without a schema. */
export type ConfigObject = { [key: string]: ConfigValue };

export interface ComposeRequest<S extends ConfigSchema | undefined = ConfigSchema | undefined> extends Omit<ComposeOptions, 'sources'> {
  /** Configs and schemas registered from code. */
  store?: ConfigStore;
  /**
   * A zod 4 schema for the job config (the config without `hydra`). The result is its output;
   * a mismatch throws `ConfigValidationError` listing every issue with its source.
   */
  schema?: S;
}

/** Everything about one composition. */
export interface ComposeDetails<T = ConfigObject> {
  /** The job config, resolved (no `hydra` node); with a schema, validated and typed. */
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
  /**
   * Where the value at a key came from: `sourceOf('db.port')?.from` is `db/mysql.yaml:3:7` or
   * `override db.port=3306`; undefined when there is no such key.
   */
  sourceOf(key: string): ValueOrigin | undefined;
  /** The underlying composition (config tree with provenance, defaults tree). */
  composition: Composition;
}

function toOptions(req: ComposeRequest): ComposeOptions {
  const { store, schema: _schema, ...rest } = req;
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

function details<T>(c: Composition, config: T): ComposeDetails<T> {
  return {
    config,
    choices: Object.fromEntries(c.choices),
    overrideDirname: resolvedOverrideDirname(c),
    hydra: hydraNode(c),
    defaultsList: [...c.defaultsList],
    unresolved: plain(jobTree(c) as DictNode) as ConfigObject,
    sourceOf: (key: string) => originOf(c, splitKey(key)),
    composition: c,
  };
}

/** The job config of a composition, validated when a schema (given or stored) applies. */
function configOf<S extends ConfigSchema | undefined>(c: Composition, schema: S | undefined): ConfigOf<S> {
  if (!needsValidation(c, schema)) return resolvedJobConfig(c) as ConfigOf<S>;
  return validateConfig(c, schema);
}

async function configOfAsync<S extends ConfigSchema | undefined>(c: Composition, schema: S | undefined): Promise<ConfigOf<S>> {
  if (!needsValidation(c, schema)) return resolvedJobConfig(c) as ConfigOf<S>;
  return validateConfigAsync(c, schema);
}

/** Compose synchronously; see `compose`. Schemas with async checks need `composeDetailed`. */
export function composeDetailedSync<S extends ConfigSchema | undefined = undefined>(req: ComposeRequest<S>): ComposeDetails<ConfigOf<S>> {
  const c = composeTree(toOptions(req));
  return details(c, configOf(c, req.schema));
}

/**
 * Compose a config from a conf/ tree and overrides; resolves to the job config, typed as
 * `z.output<typeof schema>` with a schema and `ConfigObject` without.
 *
 * @example
 * const cfg = await compose({ configDir: 'conf', configName: 'config', schema: Config });
 * cfg.db.port; // number
 */
export async function compose<S extends ConfigSchema | undefined = undefined>(req: ComposeRequest<S>): Promise<ConfigOf<S>> {
  const c = composeTree(toOptions(req));
  return configOfAsync(c, req.schema);
}

/** Like `compose`, with the choices, override_dirname, hydra node, defaults list, provenance and the unresolved tree. */
export async function composeDetailed<S extends ConfigSchema | undefined = undefined>(req: ComposeRequest<S>): Promise<ComposeDetails<ConfigOf<S>>> {
  const c = composeTree(toOptions(req));
  return details(c, await configOfAsync(c, req.schema));
}
