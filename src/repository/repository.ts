/**
 * The search path: an ordered list of config sources. For a config, the first source that has it
 * wins; a group's options are the union over all sources.
 */
import type { LoadedConfig } from '../config/load.js';
import { type ConfigSource, checkConfigPath } from './source.js';

export interface FoundConfig extends LoadedConfig {
  source: ConfigSource;
}

export class ConfigRepository {
  private readonly found = new Map<string, FoundConfig | null>();
  constructor(readonly sources: readonly ConfigSource[]) {}

  /** The config at `path` from the first source that has it (loaded once per repository). */
  load(path: string): FoundConfig | undefined {
    const hit = this.found.get(path);
    if (hit !== undefined) return hit ?? undefined;
    checkConfigPath(path);
    let result: FoundConfig | null = null;
    for (const s of this.sources) {
      if (!s.hasConfig(path)) continue;
      const loaded = s.load(path);
      if (loaded) {
        result = { ...loaded, source: s };
        break;
      }
    }
    this.found.set(path, result);
    return result ?? undefined;
  }

  hasConfig(path: string): boolean {
    checkConfigPath(path);
    return this.sources.some((s) => s.hasConfig(path));
  }

  hasGroup(path: string): boolean {
    if (path.split('/').some((p) => p === '..' || p === '.')) return false;
    return this.sources.some((s) => s.hasGroup(path));
  }

  /** Sorted option names of a group across all sources. */
  groupOptions(path: string): string[] {
    const out = new Set<string>();
    for (const s of this.sources) for (const c of s.list(path).configs) out.add(c);
    return [...out].sort();
  }

  /** Sorted subgroups of a group across all sources. */
  subgroups(path: string): string[] {
    const out = new Set<string>();
    for (const s of this.sources) for (const g of s.list(path).groups) out.add(g);
    return [...out].sort();
  }

  /** Lines for error messages and `--info searchpath`. */
  describeSources(): string[] {
    return this.sources.map((s) => `provider=${s.provider}, path=${s.url}`);
  }
}
