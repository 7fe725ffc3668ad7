/**
 * Hydra's `hydra.job.override_dirname`: the task overrides as typed, minus `exclude_keys`, sorted,
 * joined with `item_sep`, with every `=` replaced by `kv_sep`. The result is itself interpolated
 * when read, so `x=${a}` shows the value of `a`.
 */
import { codePointLess } from '../overrides/python-semantics.js';
import type { Override } from '../overrides/types.js';

export interface OverrideDirnameOptions {
  kvSep: string;
  itemSep: string;
  excludeKeys: readonly string[];
}

export function overrideDirname(overrides: readonly Override[], opts: OverrideDirnameOptions): string {
  const exclude = new Set(opts.excludeKeys);
  const lines = overrides.filter((o) => !exclude.has(o.key)).map((o) => o.input);
  // Python sorts by code point (JS `<` by UTF-16 unit, which misplaces characters beyond the BMP).
  lines.sort((a, b) => (codePointLess(a, b) ? -1 : codePointLess(b, a) ? 1 : 0));
  return lines.join(opts.itemSep).replace(/=/g, opts.kvSep);
}
