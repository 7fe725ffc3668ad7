/**
 * Flags of the `tydra` subcommands, parsed with minimist. Everything that is not a flag is an
 * override, kept verbatim (minimist is told to keep positional arguments as strings).
 */
import minimist from 'minimist';
import { TydraError } from '../errors.js';

export interface FlagSpec {
  /** Flags that take a value, with their short aliases. */
  strings: Record<string, string[]>;
  /** Boolean flags, with their short aliases. */
  booleans: Record<string, string[]>;
}

export interface ParsedArgs {
  flags: Record<string, string | boolean | undefined>;
  overrides: string[];
  /** Everything after `--`. */
  passthrough: string[];
}

export function parseArgs(argv: readonly string[], spec: FlagSpec, command: string): ParsedArgs {
  const dd = argv.indexOf('--');
  // Hydra's two-letter short flags (-cd, -cn, -cp, -sc) would be read by minimist as bundles of
  // one-letter flags: give them their long names first.
  const longOf = new Map<string, string>();
  for (const [name, aliases] of Object.entries({ ...spec.strings, ...spec.booleans })) for (const a of aliases) if (a.length > 1) longOf.set(`-${a}`, `--${name}`);
  const own = (dd === -1 ? argv : argv.slice(0, dd)).map((a) => {
    const eq = a.indexOf('=');
    const long = longOf.get(eq > 0 ? a.slice(0, eq) : a);
    return long === undefined ? a : `${long}${eq > 0 ? a.slice(eq) : ''}`;
  });
  const passthrough = dd === -1 ? [] : argv.slice(dd + 1);
  const alias: Record<string, string[]> = { ...spec.strings, ...spec.booleans };
  const known = new Set<string>();
  for (const [k, a] of Object.entries(alias)) {
    known.add(k);
    for (const x of a) known.add(x);
  }
  let unknown: string | undefined;
  const parsed = minimist([...own], {
    string: ['_', ...Object.keys(spec.strings)],
    boolean: Object.keys(spec.booleans),
    alias,
    unknown: (arg) => {
      if (arg.startsWith('-') && unknown === undefined) unknown = arg;
      return true;
    },
  });
  if (unknown !== undefined) {
    const name = unknown.replace(/^-+/, '').split('=')[0] as string;
    if (!known.has(name)) {
      throw new TydraError(`Unknown option '${unknown}' for 'tydra ${command}'`, {
        hint: `options: ${Object.keys(alias).map((k) => `--${k}`).join(', ')}`,
      });
    }
  }
  const flags: Record<string, string | boolean | undefined> = {};
  for (const k of Object.keys(spec.strings)) {
    const v: unknown = parsed[k];
    if (v === undefined) continue;
    const last = String(Array.isArray(v) ? v[v.length - 1] : v);
    // minimist reads `--config-dir` at the end, or before another flag, as an empty string.
    if (last === '') throw new TydraError(`Option '--${k}' of 'tydra ${command}' needs a value`, { hint: `--${k} <value>` });
    flags[k] = last;
  }
  for (const k of Object.keys(spec.booleans)) flags[k] = Boolean(parsed[k]);
  return { flags, overrides: (parsed._ as string[]).map(String), passthrough };
}
