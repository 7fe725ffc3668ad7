/**
 * Search path entries: `file://dir` (relative to the cwd), `pkg://package/dir` (resolved from
 * node_modules), or a plain directory. `hydra.searchpath` in the primary config adds entries.
 */
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import type { Node } from '../config/nodes.js';
import { nodeRepr } from '../config/repr.js';
import { ConfigCompositionError } from '../defaults/errors.js';
import { FileSource } from '../repository/file-source.js';
import { MemorySource } from '../repository/memory-source.js';
import type { ConfigSource } from '../repository/source.js';

/**
 * With `onUnavailable`, an entry whose package or directory does not exist becomes an empty source
 * and is reported there (Hydra only warns about `hydra.searchpath` entries it cannot use).
 */
export function createSearchPath(
  entries: readonly string[],
  cwd: string,
  provider: string,
  onUnavailable?: (entry: string) => void,
): ConfigSource[] {
  return entries.map((e) => createSource(e, cwd, provider, onUnavailable));
}

function createSource(entry: string, cwd: string, provider: string, onUnavailable?: (entry: string) => void): ConfigSource {
  if (entry.startsWith('pkg://')) {
    const rest = entry.slice('pkg://'.length);
    const parts = rest.split('/');
    const pkgName = rest.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] as string);
    const sub = parts.slice(pkgName.startsWith('@') ? 2 : 1).join('/');
    const dir = packageDir(pkgName, cwd);
    if (!dir && onUnavailable) {
      onUnavailable(entry);
      return new MemorySource(provider, entry, new Map());
    }
    if (!dir) {
      throw new ConfigCompositionError(`Search path entry '${entry}': package '${pkgName}' is not installed (looked from ${cwd})`, {
        hint: `npm install ${pkgName}`,
      });
    }
    if (onUnavailable && !isDirectory(path.join(dir, sub))) onUnavailable(entry);
    return new FileSource(path.join(dir, sub), provider, entry);
  }
  const dir = entry.startsWith('file://') ? entry.slice('file://'.length) : entry;
  const abs = path.resolve(cwd, dir);
  if (onUnavailable && !isDirectory(abs)) onUnavailable(entry);
  return new FileSource(abs, provider, `file://${abs}`);
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function packageDir(name: string, cwd: string): string | undefined {
  try {
    const req = createRequire(path.join(cwd, 'noop.js'));
    return path.dirname(req.resolve(`${name}/package.json`));
  } catch {
    // Packages whose exports hide package.json: walk node_modules upwards.
    for (let dir = cwd; ; dir = path.dirname(dir)) {
      const candidate = path.join(dir, 'node_modules', name);
      if (fs.existsSync(path.join(candidate, 'package.json'))) return candidate;
      if (path.dirname(dir) === dir) return undefined;
    }
  }
}

/** `hydra.searchpath` of a primary config, validated as Hydra does (a list of strings). */
export function searchPathFromConfig(content: Node): string[] | undefined {
  if (content.kind !== 'dict') return undefined;
  const hydra = content.entries.get('hydra');
  if (!hydra || hydra.kind !== 'dict') return undefined;
  const sp = hydra.entries.get('searchpath');
  if (!sp || (sp.kind === 'value' && sp.type === 'null')) return undefined;
  if (sp.kind !== 'list' || sp.items.some((i) => i.kind !== 'value' || i.type !== 'str')) {
    throw new ConfigCompositionError(`hydra.searchpath must be a list of strings. Got: ${nodeRepr(sp)}`, { source: sp.src });
  }
  return sp.items.map((i) => (i as { value: string }).value);
}
