/**
 * An in-memory config repository the app creates (not a global singleton): configs and schemas
 * registered from code compose exactly like YAML files in the search path.
 *
 * @example
 * const store = new ConfigStore()
 *   .register({ group: 'db', name: 'sqlite', node: { driver: 'sqlite', file: 'app.db' } })
 *   .register({ group: 'db', name: 'base_mysql', schema: MySqlSchema });
 */
import type { z } from 'zod';
import { loadYamlString } from '../config/load.js';
import { mergeInto } from '../config/merge.js';
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
  /** The content: an object, or YAML text (which may have a `defaults` list). */
  node?: Record<string, unknown> | string;
  /**
   * A zod 4 object schema for this config. Its defaults compose as the config's content (required
   * fields without a default as `???`; `node`, when given too, is merged over them), and wherever
   * this config lands in a composition, the value at its package is validated against it.
   */
  schema?: z.core.$ZodType;
  /**
   * Read-only, like a frozen dataclass in Hydra: configs later in the defaults list and
   * command-line overrides cannot change it ("Cannot change read-only config container").
   */
  frozen?: boolean;
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
    let node: Node | undefined;
    if (typeof entry.node === 'string') node = loadYamlString(entry.node, `store://${path}`) ?? nodeFromJs({}, src);
    else if (entry.node !== undefined) node = nodeFromJs(entry.node, src);
    if (entry.schema !== undefined) {
      if (!schemaDefaults) throw new TydraError('ConfigStore: schemas need the schema module (import from "tydra")');
      const base = schemaDefaults(entry.schema, `store://${path}`);
      if (node === undefined) node = base;
      else if (node.kind === 'dict' && base.kind === 'dict') {
        mergeInto(base, node);
        node = base;
      } else throw new TydraError(`ConfigStore: '${path}' has a schema, so its node must be a mapping`);
    }
    node ??= nodeFromJs({}, src);
    if (entry.frozen && node.kind !== 'value') node.flags = { ...node.flags, readonly: true };
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
