/**
 * A place configs come from: a directory (`file://`), a node package (`pkg://`), or the
 * in-memory store (`structured://`). Paths are group paths with `/` and config names without
 * extension (`server/db/mysql`); a path may not escape its source.
 */
import type { LoadedConfig } from '../config/load.js';
import { TydraError } from '../errors.js';

export interface ConfigSource {
  /** Who added it: `main`, `hydra.searchpath in main`, `tydra`, `schema`, … */
  readonly provider: string;
  /** `file:///abs/conf`, `pkg://name/conf`, `structured://`. */
  readonly url: string;
  hasConfig(path: string): boolean;
  hasGroup(path: string): boolean;
  /** Options (config names) and subgroups directly under a group ('' is the root). */
  list(group: string): { configs: string[]; groups: string[] };
  /** Load a config; undefined when this source does not have it. */
  load(path: string): LoadedConfig | undefined;
}

/** `..` and `.` segments and backslashes are rejected: a config cannot escape its source. */
export function checkConfigPath(path: string, what = 'Config path'): void {
  if (path.includes('\\')) throw new TydraError(`${what} '${path}' must use '/' as separator`);
  const parts = path.split('/');
  if (parts.some((p) => p === '..' || p === '.')) {
    throw new TydraError(`${what} '${path}' escapes its config source: '..' and '.' are not allowed in config paths`, {
      hint: 'add the other directory to the search path (hydra.searchpath or --config-dir) instead',
    });
  }
}

/** `train.yaml` → `train`; names without a known extension are unchanged. */
export function stripExtension(path: string): string {
  if (path.endsWith('.yaml')) return path.slice(0, -5);
  if (path.endsWith('.yml')) return path.slice(0, -4);
  return path;
}
