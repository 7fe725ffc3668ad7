/**
 * The config groups of a search path and their options, as `tydra schema` and `tydra types` see
 * them: every group except Hydra's own (`hydra/...`), with each option's content.
 */
import type { Composition } from '../compose/compose.js';
import type { Node } from '../config/nodes.js';
import { splitDefaults } from '../defaults/parse-defaults.js';
import type { ConfigRepository } from '../repository/repository.js';

export interface GroupInfo {
  /** `db`, `server/db`. */
  path: string;
  /** Sorted option names. */
  options: string[];
}

/**
 * Every config group with options under `root` (depth first, sorted); directories that only hold
 * other groups (`server` for `server/db`) and Hydra's own `hydra` group are left out.
 */
export function listGroups(repo: ConfigRepository, root = ''): GroupInfo[] {
  const out: GroupInfo[] = [];
  for (const sub of repo.subgroups(root)) {
    const path = root === '' ? sub : `${root}/${sub}`;
    if (path === 'hydra') continue;
    const options = repo.groupOptions(path);
    if (options.length > 0) out.push({ path, options });
    out.push(...listGroups(repo, path));
  }
  return out;
}

/** A config's content without its defaults list (undefined for an empty or missing file). */
export function optionContent(repo: ConfigRepository, configPath: string): Node | undefined {
  const loaded = repo.load(configPath);
  if (!loaded) return undefined;
  return splitDefaults(configPath, loaded.node).content;
}

/** Where each group's option landed in a composition (`db` → `db`, `db@backup` → `backup`). */
export function groupPackages(c: Composition): Map<string, string> {
  const out = new Map<string, string>();
  for (const d of c.defaultsList) {
    if (d.isSelf || d.overrideKey === undefined || d.overrideKey.startsWith('hydra/')) continue;
    const group = d.entry.groupPath();
    if (!out.has(group)) out.set(group, d.package);
  }
  return out;
}

/** `server/db` → `server.db`: where a group's options go by default. */
export function defaultPackage(group: string): string {
  return group.replace(/\//g, '.');
}

/** `server/db` → `ServerDb`, `lr-schedule` → `LrSchedule`: a group path as a type name. */
export function typeName(group: string): string {
  const name = group
    .split(/[^A-Za-z0-9]+/)
    .filter((p) => p !== '')
    .map((p) => p[0]?.toUpperCase() + p.slice(1))
    .join('');
  return /^[0-9]/.test(name) ? `G${name}` : name || 'Root';
}
