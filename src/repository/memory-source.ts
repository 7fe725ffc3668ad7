/**
 * Configs registered from code (the `ConfigStore`, and tydra's own `hydra/...` configs).
 * They compose exactly like files: groups come from the `/` in their paths.
 */
import type { LoadedConfig } from '../config/load.js';
import type { Node } from '../config/nodes.js';
import type { ConfigSource } from './source.js';

export interface StoredConfig {
  /** `db/mysql`, `config`. */
  path: string;
  node: Node;
  /** Acts like a `# @package` header. */
  packageHeader?: string;
  /** A schema attached to this config (validated after composition). */
  schema?: unknown;
}

export class MemorySource implements ConfigSource {
  private readonly loaded = new Map<string, LoadedConfig>();
  constructor(
    readonly provider: string,
    readonly url: string,
    private readonly entries: ReadonlyMap<string, StoredConfig>,
  ) {}

  hasConfig(path: string): boolean {
    return this.entries.has(path);
  }

  hasGroup(path: string): boolean {
    const prefix = path === '' ? '' : `${path}/`;
    for (const k of this.entries.keys()) if (k.startsWith(prefix)) return true;
    return false;
  }

  list(group: string): { configs: string[]; groups: string[] } {
    const prefix = group === '' ? '' : `${group}/`;
    const configs = new Set<string>();
    const groups = new Set<string>();
    for (const k of this.entries.keys()) {
      if (!k.startsWith(prefix)) continue;
      const rest = k.slice(prefix.length);
      const i = rest.indexOf('/');
      if (i === -1) configs.add(rest);
      else groups.add(rest.slice(0, i));
    }
    return { configs: [...configs], groups: [...groups] };
  }

  load(path: string): LoadedConfig | undefined {
    const hit = this.loaded.get(path);
    if (hit) return hit;
    const e = this.entries.get(path);
    if (!e) return undefined;
    const loaded: LoadedConfig = { node: e.node, packageHeader: e.packageHeader, file: { path: `${this.url}${path}`, configPath: path, text: '' } };
    if (e.schema !== undefined) (loaded as LoadedConfig & { schema?: unknown }).schema = e.schema;
    this.loaded.set(path, loaded);
    return loaded;
  }
}
