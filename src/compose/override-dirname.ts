/**
 * Hydra's `hydra.job.override_dirname`: the task overrides as typed, minus `exclude_keys`, sorted,
 * joined with `item_sep`, with every `=` replaced by `kv_sep`. The result is itself interpolated
 * when read, so `x=${a}` shows the value of `a`.
 */
import type { Override } from '../overrides/types.js';

export interface OverrideDirnameOptions {
  kvSep: string;
  itemSep: string;
  excludeKeys: readonly string[];
}

export function overrideDirname(overrides: readonly Override[], opts: OverrideDirnameOptions): string {
  const exclude = new Set(opts.excludeKeys);
  const lines = overrides.filter((o) => !exclude.has(o.key)).map((o) => o.input);
  lines.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return lines.join(opts.itemSep).replace(/=/g, opts.kvSep);
}
