/**
 * An in-memory config repository the app creates (not a global singleton): configs and schemas
 * registered from code compose exactly like YAML files in the search path.
 *
 * @example
 * const store = new ConfigStore()
 *   .register({ group: 'db', name: 'sqlite', node: { driver: 'sqlite', file: 'app.db' } })
 *   .register({ group: 'db', name: 'base_mysql', schema: MySqlSchema });
 */
import { loadYamlString } from '../config/load.js';
import { type Node, nodeFromJs } from '../config/nodes.js';
import { TydraError } from '../errors.js';
import { MemorySource, type StoredConfig } from './memory-source.js';
import { checkConfigPath } from './source.js';

export interface StoreEntry {
  /** The config's name within its group, e.g. `sqlite`. */
  name: string;
  /** The config group, e.g. `db` or `server/db` (omit for a top-level config). */
  group?: string;
  /** Acts like a `# @package` header (absolute), e.g. `_global_`. */
  package?: string;
  /** The content: an object, or YAML text. */
  node?: Record<string, unknown> | string;
  /**
   * A schema (zod) for this config. Its defaults compose as the config's content, and the composed
   * value at this config's package is validated against it.
   */
  schema?: unknown;
}

/** Turns a schema into the node it contributes (its defaults); set by the schema module. */
export type SchemaDefaults = (schema: unknown, name: string) => Node;

let schemaDefaults: SchemaDefaults | undefined;

/** Installed by `src/schema` so that the store need not import zod itself. */
export function setSchemaDefaults(fn: SchemaDefaults): void {
  schemaDefaults = fn;
}

export class ConfigStore {
  private readonly entries = new Map<string, StoredConfig>();
  private cached: MemorySource | undefined;

  /** Register a config or a schema. Registering the same path twice replaces it. Returns the store. */
  register(entry: StoreEntry): this {
    if (!entry.name) throw new TydraError('ConfigStore.register needs a name');
    const name = entry.name.replace(/\.ya?ml$/, '');
    const path = entry.group ? `${entry.group.replace(/^\/|\/$/g, '')}/${name}` : name;
    checkConfigPath(path, 'ConfigStore path');
    const src = { kind: 'code' as const, name: `store://${path}` };
    let node: Node;
    if (typeof entry.node === 'string') node = loadYamlString(entry.node, `store://${path}`) ?? nodeFromJs({}, src);
    else if (entry.node !== undefined) node = nodeFromJs(entry.node, src);
    else if (entry.schema !== undefined) {
      if (!schemaDefaults) throw new TydraError('ConfigStore: schemas need the schema module (import from "tydra")');
      node = schemaDefaults(entry.schema, `store://${path}`);
    } else node = nodeFromJs({}, src);
    this.entries.set(path, { path, node, packageHeader: entry.package, schema: entry.schema });
    this.cached = undefined;
    return this;
  }

  /** The registered paths, e.g. `['db/base_mysql', 'db/sqlite']`. */
  list(): string[] {
    return [...this.entries.keys()].sort();
  }

  has(path: string): boolean {
    return this.entries.has(path);
  }

  /** The source to put in a search path (last, as Hydra's `structured://`). */
  source(): MemorySource {
    if (!this.cached) this.cached = new MemorySource('schema', 'structured://', this.entries);
    return this.cached;
  }
}
