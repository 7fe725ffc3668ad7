/**
 * A structural diff of two config trees (or any JSON data turned into nodes): which keys changed,
 * appeared or disappeared, each with its dotted path. `tydra runs diff` and watch mode print it
 * with {@link formatChanges}.
 *
 * Values keep their config types, so `1` and `1.0` differ (as they do for OmegaConf and Python).
 */
import { type Node, nodeFromJs } from './nodes.js';
import { plainOrQuoted, yamlScalar } from './output/to-yaml.js';

export interface ValueChange {
  /** `optimizer.lr`, `model.layers[2]`. */
  path: string;
  kind: 'changed' | 'added' | 'removed';
  /** The value before, rendered (`0.01`, `[0.9, 0.999]`); absent for `added`. */
  before?: string;
  /** The value after, rendered; absent for `removed`. */
  after?: string;
}

function joinPath(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  const k = /^[A-Za-z_$][\w$\-/@]*$/.test(key) ? key : JSON.stringify(key);
  return base === '' ? k : `${base}.${k}`;
}

/** A value as one line of flow YAML: `0.05`, `adam`, `'1'`, `[0.9, 0.999]`, `{a: 1}`. */
export function renderValue(node: Node): string {
  if (node.kind === 'value') return yamlScalar(node);
  if (node.kind === 'list') return `[${node.items.map(renderValue).join(', ')}]`;
  return `{${[...node.entries].map(([k, v]) => `${plainOrQuoted(k)}: ${renderValue(v)}`).join(', ')}}`;
}

function sameScalar(a: Node, b: Node): boolean {
  if (a.kind !== 'value' || b.kind !== 'value') return false;
  if (a.type !== b.type) return false;
  if (a.type === 'float' && Number.isNaN(a.value) && Number.isNaN(b.value)) return true;
  return a.value === b.value || String(a.value) === String(b.value);
}

/**
 * The differences between `before` and `after`, in key order (keys of `before` first).
 * Dicts are compared key by key, lists of equal length item by item; anything else that
 * differs is one change.
 * @example diffNodes(a, b) // [{ path: 'optimizer.lr', kind: 'changed', before: '0.01', after: '0.05' }]
 */
export function diffNodes(before: Node | undefined, after: Node | undefined, base = ''): ValueChange[] {
  const out: ValueChange[] = [];
  walk(before, after, base, out);
  return out;
}

function walk(a: Node | undefined, b: Node | undefined, path: string, out: ValueChange[]): void {
  if (a === undefined && b === undefined) return;
  if (a === undefined) {
    out.push({ path, kind: 'added', after: renderValue(b as Node) });
    return;
  }
  if (b === undefined) {
    out.push({ path, kind: 'removed', before: renderValue(a) });
    return;
  }
  if (a.kind === 'dict' && b.kind === 'dict') {
    for (const [k, v] of a.entries) walk(v, b.entries.get(k), joinPath(path, k), out);
    for (const [k, v] of b.entries) if (!a.entries.has(k)) walk(undefined, v, joinPath(path, k), out);
    return;
  }
  if (a.kind === 'list' && b.kind === 'list' && a.items.length === b.items.length) {
    a.items.forEach((item, i) => walk(item, b.items[i], joinPath(path, i), out));
    return;
  }
  if (a.kind === 'value' && b.kind === 'value' && sameScalar(a, b)) return;
  const before = renderValue(a);
  const after = renderValue(b);
  if (before !== after || a.kind !== b.kind) out.push({ path, kind: 'changed', before, after });
}

/** {@link diffNodes} for JSON data (results, `env.json`). */
export function diffJson(before: unknown, after: unknown, base = ''): ValueChange[] {
  return diffNodes(before === undefined ? undefined : nodeFromJs(before), after === undefined ? undefined : nodeFromJs(after), base);
}

/**
 * Changes as lines: `~ optimizer.lr: 0.01 → 0.05`, `+ model.dropout: 0.1`, `- seed: 1`.
 * @example formatChanges(diffNodes(a, b), { indent: '  ' })
 */
export function formatChanges(changes: readonly ValueChange[], opts: { indent?: string; limit?: number } = {}): string[] {
  const indent = opts.indent ?? '';
  const limit = opts.limit ?? Number.POSITIVE_INFINITY;
  const lines: string[] = [];
  for (const c of changes.slice(0, limit)) {
    if (c.kind === 'changed') lines.push(`${indent}~ ${c.path}: ${c.before} → ${c.after}`);
    else if (c.kind === 'added') lines.push(`${indent}+ ${c.path}: ${c.after}`);
    else lines.push(`${indent}- ${c.path}: ${c.before}`);
  }
  if (changes.length > limit) lines.push(`${indent}… and ${changes.length - limit} more`);
  return lines;
}
