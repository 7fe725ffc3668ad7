/**
 * The one place that loads the slow (`yaml`-based) parser. By default it is imported eagerly,
 * which costs 25–40 ms of start-up for the `yaml` package. A bundle should swap this module for
 * a lazy one with the same export (see the note in parse.ts), so `yaml` loads only when a file
 * falls outside the fast path or has an error.
 */
import type { YamlParseResult } from './ast.js';
import { parseYamlSlow } from './slow.js';

/** Returns the slow parser, loading it on first use in lazy variants of this module. */
export function loadSlowParser(): (text: string) => YamlParseResult {
  return parseYamlSlow;
}
