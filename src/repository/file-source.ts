/**
 * Configs in a directory tree: groups are directories, options are `.yaml`/`.yml` files.
 * Directory listings are read once per source; parsed files are shared process-wide and
 * re-read only when their mtime or size changes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { type LoadedConfig, loadConfig } from '../config/load.js';
import type { ConfigSource } from './source.js';

interface Listing {
  configs: Map<string, string>;
  groups: Set<string>;
}

interface CachedFile {
  mtimeMs: number;
  size: number;
  loaded: LoadedConfig;
}

const parsedFiles = new Map<string, CachedFile>();

/** Forget parsed files (all, or one absolute path): watch mode calls this when a file changes. */
export function invalidateParsedFiles(absPath?: string): void {
  if (absPath === undefined) parsedFiles.clear();
  else parsedFiles.delete(absPath);
}

export class FileSource implements ConfigSource {
  private readonly listings = new Map<string, Listing | null>();
  readonly url: string;

  constructor(
    readonly root: string,
    readonly provider: string,
    url?: string,
  ) {
    this.url = url ?? `file://${root}`;
  }

  private listing(group: string): Listing | null {
    let l = this.listings.get(group);
    if (l !== undefined) return l;
    l = null;
    let entries: fs.Dirent[] | undefined;
    try {
      entries = fs.readdirSync(path.join(this.root, group), { withFileTypes: true });
    } catch {
      entries = undefined;
    }
    if (entries) {
      l = { configs: new Map(), groups: new Set() };
      for (const e of entries) {
        let isDir = e.isDirectory();
        let isFile = e.isFile();
        if (e.isSymbolicLink()) {
          try {
            const st = fs.statSync(path.join(this.root, group, e.name));
            isDir = st.isDirectory();
            isFile = st.isFile();
          } catch {
            continue;
          }
        }
        if (isDir) l.groups.add(e.name);
        else if (isFile) {
          const name = e.name;
          if (name.endsWith('.yaml')) l.configs.set(name.slice(0, -5), name);
          else if (name.endsWith('.yml') && !l.configs.has(name.slice(0, -4))) l.configs.set(name.slice(0, -4), name);
          // A name given with its extension (`--config-name train.yaml`) is found too.
          if (name.endsWith('.yaml') || name.endsWith('.yml')) l.configs.set(name, name);
        }
      }
    }
    this.listings.set(group, l);
    return l;
  }

  private split(p: string): [string, string] {
    const i = p.lastIndexOf('/');
    return i === -1 ? ['', p] : [p.slice(0, i), p.slice(i + 1)];
  }

  hasConfig(p: string): boolean {
    const [group, name] = this.split(p);
    return this.listing(group)?.configs.has(name) ?? false;
  }

  hasGroup(p: string): boolean {
    if (p === '') return this.listing('') !== null;
    const [group, name] = this.split(p);
    return this.listing(group)?.groups.has(name) ?? false;
  }

  list(group: string): { configs: string[]; groups: string[] } {
    const l = this.listing(group);
    if (!l) return { configs: [], groups: [] };
    const configs = [...l.configs.keys()].filter((k) => !k.endsWith('.yaml') && !k.endsWith('.yml'));
    return { configs, groups: [...l.groups] };
  }

  /** The file a config path maps to, if it exists. */
  filePath(p: string): string | undefined {
    const [group, name] = this.split(p);
    const file = this.listing(group)?.configs.get(name);
    return file === undefined ? undefined : path.join(this.root, group, file);
  }

  load(p: string): LoadedConfig | undefined {
    const abs = this.filePath(p);
    if (abs === undefined) return undefined;
    let st: fs.Stats;
    try {
      st = fs.statSync(abs);
    } catch {
      return undefined;
    }
    const hit = parsedFiles.get(abs);
    if (hit && hit.mtimeMs === st.mtimeMs && hit.size === st.size) return hit.loaded;
    const text = fs.readFileSync(abs, 'utf8');
    const configPath = p.endsWith('.yaml') || p.endsWith('.yml') ? p.replace(/\.ya?ml$/, '') : p;
    const loaded = loadConfig({ path: abs, configPath, text });
    parsedFiles.set(abs, { mtimeMs: st.mtimeMs, size: st.size, loaded });
    return loaded;
  }
}
