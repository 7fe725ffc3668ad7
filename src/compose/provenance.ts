/**
 * Provenance of a composed config: for every key, where its value came from. The file and line
 * (or the command-line override, or the code) that set it, the defaults-list entry that brought
 * that file in (and what chose that option), the interpolation it came through, and the values
 * it replaced on the way. `--info provenance`, `tydra compose --provenance` and each run's
 * `.hydra/provenance.json` are this data.
 *
 * @example
 * computeProvenance(composition).find((k) => k.key === 'optimizer.lr')?.override // 'optimizer.lr=0.05'
 */
import type { Composition } from './compose.js';
import { ConfigError } from '../config/errors.js';
import type { Located } from '../config/interpolation/resolve.js';
import { type Node, isInterpolation } from '../config/nodes.js';
import { type Source, describeSource, lineCol } from '../config/source.js';
import { optionText } from '../defaults/choices.js';
import { GroupDefault, type InputDefault } from '../defaults/elements.js';
import type { ResultDefault } from '../defaults/flatten.js';
import { splitDefaults } from '../defaults/parse-defaults.js';
import { isHydraOverride, isSweep } from '../overrides/types.js';
import { type JsonValue, nodeToJson } from '../config/output/node-json.js';
import { renderValue } from '../config/diff.js';

/** A source as data. */
export interface ProvenanceSource {
  kind: Source['kind'];
  /** `optimizer/adam.yaml:2:5`, `override optimizer.lr=0.05`, `tydra`, `interpolation ${now:...}`. */
  text: string;
  /** For a file: the config path (`optimizer/adam`), the absolute path, 1-based line and column. */
  config?: string;
  file?: string;
  line?: number;
  col?: number;
  /** For an override: its text as typed. */
  override?: string;
}

/** The defaults-list entry that brought a config file in. */
export interface DefaultsEntryInfo {
  /** The config merged (`optimizer/adam`). */
  config: string;
  /** Where its content went (`optimizer`; '' is the root). */
  package: string;
  /** The config whose defaults list has the entry (`config`, `<root>` for the primary). */
  parent: string;
  /** The entry (`optimizer: adam`, `server/apache`, `primary config`). */
  entry: string;
  /** Where the entry was written (`config.yaml:3:5`, `override +db=mysql`). */
  at: string | null;
  /** What chose the option when it is not the one written there: `override optimizer=sgd` (command line) or an `override` entry. */
  chosenBy: string | null;
}

export interface KeyProvenance {
  /** `optimizer.lr`, `model.layers[0]`. */
  key: string;
  /** The resolved value (the text as written when it cannot be resolved). */
  value: JsonValue;
  /** The value as one line of YAML, keeping the config type (`1.0`, `'1'`). */
  text: string;
  /** Where the value was set (for `${a.b}`: where `a.b`'s value was set). */
  source: ProvenanceSource | null;
  /** The command-line override that set the value, if one did. */
  override: string | null;
  /** For a value from a file: the defaults-list entry that brought the file in. */
  defaults: DefaultsEntryInfo | null;
  /** The `${...}` the value came through. */
  interpolation: { expression: string; at: string | null; target: string | null } | null;
  /** The values this one replaced while composing, latest first. */
  history: { value: string; from: string }[];
  /** Why the value could not be resolved. */
  error?: string;
}

/** `.hydra/provenance.json`. */
export interface ProvenanceFile {
  version: 1;
  keys: Record<string, Omit<KeyProvenance, 'key'>>;
}

function sourceData(src: Source | undefined): ProvenanceSource | null {
  if (!src) return null;
  const out: ProvenanceSource = { kind: src.kind, text: describeSource(src) };
  if (src.kind === 'file') {
    const { line, col } = lineCol(src.file, src.offset);
    Object.assign(out, { config: src.file.configPath, file: src.file.path, line, col });
  } else if (src.kind === 'override') out.override = src.override;
  return out;
}

function keyText(path: readonly (string | number)[]): string {
  let out = '';
  for (const k of path) out += typeof k === 'number' ? `[${k}]` : out === '' ? k : `.${k}`;
  return out;
}

function entryText(e: InputDefault): string {
  if (e.primary) return 'primary config';
  if (e instanceof GroupDefault) return `${e.overrideKey()}: ${optionText(e.value)}`;
  const p = e.package !== undefined ? `@${e.package}` : '';
  return `${e.configPath()}${p}`;
}

/** What chose each group option: command-line group overrides, then `override` entries of the configs. */
function choosers(c: Composition): Map<string, { value: string; text: string }> {
  const out = new Map<string, { value: string; text: string }>();
  for (const o of c.overrides) {
    if (o.kind === 'delete' || isSweep(o) || isHydraOverride(o) || o.value?.kind === 'dict') continue;
    const key = o.package !== undefined ? `${o.key}@${o.package}` : o.key;
    if (!c.repository.hasGroup(o.key) || out.has(key)) continue;
    const v = o.value;
    const value = v?.kind === 'string' ? v.value : v?.kind === 'list' ? v.items.map((i) => String((i as { value?: unknown }).value)).join(',') : '';
    out.set(key, { value, text: `override ${o.input}` });
  }
  // First registration wins: the primary config's entries, then the other configs (later ones first).
  const seen = new Set<string>();
  const unique = c.defaultsList.filter((r) => !seen.has(r.configPath) && (seen.add(r.configPath), true));
  const ordered = [...unique.filter((r) => r.primary), ...unique.filter((r) => !r.primary).reverse()];
  for (const r of ordered) {
    const loaded = c.repository.load(r.configPath);
    if (!loaded) continue;
    let defaults: InputDefault[] | undefined;
    try {
      defaults = splitDefaults(r.configPath, loaded.node).defaults;
    } catch {
      continue;
    }
    for (const d of defaults ?? []) {
      if (!(d instanceof GroupDefault) || !d.override) continue;
      const copy = d.clone();
      copy.setParent(r.entry.groupPath(), r.entry.finalPackage());
      const key = copy.overrideKey();
      if (out.has(key)) continue;
      out.set(key, { value: optionText(copy.value), text: `${describeSource(d.src)} (override ${key}: ${optionText(copy.value)})` });
    }
  }
  return out;
}

/** The defaults-list entry that brought in the file of `src`, preferring the one whose package holds `key`. */
function defaultsEntry(c: Composition, src: Source | undefined, key: string, chosen: Map<string, { value: string; text: string }>): DefaultsEntryInfo | null {
  if (!src || src.kind !== 'file') return null;
  const candidates = c.defaultsList.filter((r) => r.configPath === src.file.configPath);
  if (candidates.length === 0) return null;
  const r = candidates.find((x) => x.package === '' || key === x.package || key.startsWith(`${x.package}.`)) ?? (candidates[0] as ResultDefault);
  const e = r.entry;
  let chosenBy: string | null = null;
  if (e instanceof GroupDefault) {
    const ch = chosen.get(e.overrideKey());
    if (ch && ch.value === optionText(e.value) && ch.text !== `override ${e.src?.kind === 'override' ? e.src.override : ''}`) chosenBy = ch.text;
  }
  return {
    config: r.configPath,
    package: r.package,
    parent: r.parent,
    entry: entryText(e),
    at: e.src ? describeSource(e.src) : null,
    chosenBy,
  };
}

function history(node: Node): { value: string; from: string }[] {
  const out: { value: string; from: string }[] = [];
  let prev = node.kind === 'value' ? node.replaced : undefined;
  for (let i = 0; prev && i < 32; i++) {
    out.push({ value: renderValue(prev), from: describeSource(prev.src) });
    prev = prev.kind === 'value' ? prev.replaced : undefined;
  }
  return out;
}

export interface ProvenanceOptions {
  /** Only keys at or under this one (`optimizer`). */
  prefix?: string;
  /** Include the `hydra` node. */
  includeHydra?: boolean;
}

/**
 * Where every value of a composition came from, in key order. Never throws for a value that
 * cannot be resolved: its entry says why.
 */
export function computeProvenance(c: Composition, opts: ProvenanceOptions = {}): KeyProvenance[] {
  const chosen = choosers(c);
  const out: KeyProvenance[] = [];
  const visit = (node: Node, path: (string | number)[]) => {
    const key = keyText(path);
    if (opts.prefix && !(key === opts.prefix || key.startsWith(`${opts.prefix}.`) || key.startsWith(`${opts.prefix}[`) || opts.prefix.startsWith(`${key}.`))) return;
    if (node.kind === 'dict' && node.entries.size > 0) {
      for (const [k, v] of node.entries) visit(v, [...path, k]);
      return;
    }
    out.push(leaf(c, node, path, key, chosen));
  };
  for (const [k, v] of c.root.entries) if (opts.includeHydra || k !== 'hydra') visit(v, [k]);
  return out;
}

function errorText(e: unknown): string {
  return e instanceof ConfigError ? e.reason : e instanceof Error ? e.message : String(e);
}

function leaf(c: Composition, node: Node, path: (string | number)[], key: string, chosen: Map<string, { value: string; text: string }>): KeyProvenance {
  const loc: Located = { node, path, final: false };
  let resolved: Node;
  let error: string | undefined;
  try {
    resolved = c.resolution.materialize(loc, new Set());
  } catch (e) {
    resolved = node;
    error = errorText(e);
  }
  let src = node.src;
  let from = node;
  let interpolation: KeyProvenance['interpolation'] = null;
  if (isInterpolation(node)) {
    interpolation = { expression: String(node.value), at: node.src ? describeSource(node.src) : null, target: null };
    try {
      const target = c.resolution.deref(loc);
      // `${a.b}` points at another key: the value was set where that key's value was.
      if (!target.final && keyText(target.path) !== key) {
        interpolation.target = keyText(target.path);
        src = target.node.src;
        from = target.node;
      }
    } catch {
      // the error is already in `error`
    }
  }
  const p: KeyProvenance = {
    key,
    value: nodeToJson(resolved),
    text: renderValue(resolved),
    source: sourceData(src),
    override: src?.kind === 'override' ? src.override : null,
    defaults: null,
    interpolation,
    history: history(from),
  };
  // For an override, the file it overrode is the one whose defaults entry matters.
  const fileSrc = src?.kind === 'file' ? src : firstFileSource(from);
  p.defaults = defaultsEntry(c, fileSrc, interpolation?.target ?? key, chosen);
  if (error !== undefined) p.error = error;
  return p;
}

function firstFileSource(node: Node): Source | undefined {
  let prev = node.kind === 'value' ? node.replaced : undefined;
  for (let i = 0; prev && i < 32; i++) {
    if (prev.src?.kind === 'file') return prev.src;
    prev = prev.kind === 'value' ? prev.replaced : undefined;
  }
  return undefined;
}

/** The data of `.hydra/provenance.json`. */
export function provenanceFile(keys: readonly KeyProvenance[]): ProvenanceFile {
  const out: ProvenanceFile = { version: 1, keys: {} };
  for (const { key, ...rest } of keys) out.keys[key] = rest;
  return out;
}

function clip(s: string, n: number): string {
  return s.length <= n ? s : `${s.slice(0, n - 1)}…`;
}

/** One line per key: `optimizer.lr = 0.05   override optimizer.lr=0.05 (replaced 0.01 from optimizer/adam.yaml:2:5)`. */
export function formatProvenance(keys: readonly KeyProvenance[]): string {
  const left = keys.map((k) => `${k.key} = ${clip(k.text, 40)}`);
  const width = Math.min(60, Math.max(0, ...left.map((l) => l.length)));
  const lines = keys.map((k, i) => `${(left[i] as string).padEnd(width)}  ${origin(k)}`);
  return `${lines.join('\n')}\n`;
}

function origin(k: KeyProvenance): string {
  const parts: string[] = [];
  if (k.interpolation) {
    parts.push(`${k.interpolation.expression}${k.interpolation.at ? ` at ${k.interpolation.at}` : ''}`);
    if (k.interpolation.target) parts.push(`→ ${k.source?.text ?? 'unknown source'}`);
  } else parts.push(k.source?.text ?? 'unknown source');
  if (k.history.length > 0) parts.push(`(replaced ${k.history.map((h) => `${clip(h.value, 20)} from ${h.from}`).join(', ')})`);
  const d = k.defaults;
  if (d) {
    const via = d.entry === 'primary config' ? 'primary config' : `defaults \`${d.entry}\`${d.at ? ` at ${d.at}` : ''}`;
    parts.push(`← ${via}${d.chosenBy ? `, chosen by ${d.chosenBy}` : ''}`);
  }
  if (k.error) parts.push(`[not resolved: ${k.error.split('\n')[0]}]`);
  return parts.join(' ');
}
