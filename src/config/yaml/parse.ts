/**
 * Entry point for reading a YAML config file: the fast subset parser first, the `yaml` package
 * when the fast path is unsure (and for every error, so messages and positions come from `yaml`).
 *
 * Lazy loading: `slow-loader.ts` is the only edge to `slow.ts` (and so to `yaml`). Its default
 * variant imports it statically; a bundle replaces it (e.g. an esbuild plugin resolving
 * `./slow-loader.js` to a lazy variant whose `loadSlowParser` calls `require('./slow.js')`, which
 * esbuild turns into a deferred module initialiser) so `yaml` is evaluated only on first use.
 */
import type { YamlParseResult } from './ast.js';
import { BAIL, parseYamlFast } from './fast.js';
import { loadSlowParser } from './slow-loader.js';

/**
 * Parses one YAML document as OmegaConf would load it (before typing scalars).
 * @example parseYaml('lr: 0.1\nlayers: [64, 64]').document?.kind // 'map'
 * @throws YamlSyntaxError (with 1-based `line` and `col`) for invalid YAML, duplicate keys,
 *   several documents and the other load errors of OmegaConf's loader.
 */
export function parseYaml(text: string): YamlParseResult {
  const fast = parseYamlFast(text);
  if (fast !== BAIL) return { document: fast };
  return loadSlowParser()(text);
}
