/**
 * Where a value of a composed config came from: the file position or the override that set it,
 * the `${...}` it came through, and the values it replaced on the way.
 *
 * @example
 * originOf(composition, ['db', 'port'])?.from  // 'override db.port=abc'
 */
import type { Composition } from '../compose/compose.js';
import { ConfigError } from '../config/errors.js';
import type { Located } from '../config/interpolation/resolve.js';
import { type Node, isInterpolation, isMissing } from '../config/nodes.js';
import { childOf } from '../config/select.js';
import { type Source, describeSource } from '../config/source.js';

export type KeyPath = readonly (string | number)[];

export interface ValueOrigin {
  /** Where the value was set (for a value computed by `${...}`: where that interpolation was written). */
  source: Source | undefined;
  /** `source` as text: `db/mysql.yaml:3:7`, `override db.port=abc`. */
  from: string;
  /** The interpolation the value came through, e.g. `${optim.lr}` or `${oc.env:PORT}`. */
  through?: string;
  /** Where that interpolation was written, when `source` is the place it points to. */
  throughAt?: string;
  /** The value is `???`. */
  missing: boolean;
  /** Earlier values of the key that this one replaced during composition, latest first. */
  replaced: string[];
}

/** What is at a key path: the value's origin, or the nearest ancestor when the key is absent. */
export type Lookup =
  | { found: true; node: Node; origin: ValueOrigin }
  | { found: false; ancestor: Node | undefined; ancestorPath: (string | number)[] };

/**
 * Where a node's value came from. A list merged over another keeps the old list's node with the
 * new items (OmegaConf replaces lists in place), so a list's own source is its first item's when
 * that item came from somewhere else.
 */
export function sourceOfNode(node: Node): Source | undefined {
  if (node.kind !== 'list' || node.items.length === 0) return node.src;
  const item = node.items[0]?.src;
  const own = node.src;
  if (!item || !own) return own ?? item;
  if (item.kind === 'file' && own.kind === 'file' && item.file === own.file) return own;
  return item;
}

function history(node: Node): string[] {
  const out: string[] = [];
  let prev = node.kind === 'value' ? node.replaced : undefined;
  for (let i = 0; prev && i < 32; i++) {
    out.push(describeSource(prev.src));
    prev = prev.kind === 'value' ? prev.replaced : undefined;
  }
  return out;
}

function deref(c: Composition, loc: Located): Located | undefined {
  try {
    return c.resolution.deref(loc);
  } catch (e) {
    if (e instanceof ConfigError) return undefined;
    throw e;
  }
}

/** Look a key path up in the composed tree, following interpolations like resolution does. */
export function lookup(c: Composition, path: KeyPath): Lookup {
  let loc: Located = { node: c.root, path: [], final: false };
  let through: { text: string; src: Source | undefined } | undefined;
  for (const key of path) {
    if (isInterpolation(loc.node) && !loc.final) {
      through = { text: String(loc.node.value), src: loc.node.src };
      const target = deref(c, loc);
      if (!target) return { found: false, ancestor: loc.node, ancestorPath: [...loc.path] };
      loc = target;
    }
    const next = childOf(loc.node, key);
    if (next === undefined) return { found: false, ancestor: loc.node, ancestorPath: [...loc.path] };
    loc = { node: next, path: [...loc.path, key], final: loc.final };
  }
  const leaf = loc.node;
  if (isInterpolation(leaf) && !loc.final) {
    const text = String(leaf.value);
    const target = deref(c, loc);
    // `${a.b}` points at another key: report where that key's value came from, and the `${...}`.
    const pointsElsewhere = target !== undefined && !target.final && target.path.join('\u0001') !== loc.path.join('\u0001') && target.node.src;
    if (target && pointsElsewhere) {
      return {
        found: true,
        node: target.node,
        origin: {
          source: sourceOfNode(target.node),
          from: describeSource(sourceOfNode(target.node)),
          through: text,
          throughAt: describeSource(leaf.src),
          missing: isMissing(target.node),
          replaced: history(target.node),
        },
      };
    }
    return { found: true, node: target?.node ?? leaf, origin: { source: leaf.src, from: describeSource(leaf.src), through: text, missing: false, replaced: history(leaf) } };
  }
  const origin: ValueOrigin = { source: sourceOfNode(leaf), from: describeSource(sourceOfNode(leaf)), missing: isMissing(leaf), replaced: history(leaf) };
  if (through) {
    origin.through = through.text;
    origin.throughAt = describeSource(through.src);
  }
  return { found: true, node: leaf, origin };
}

/** The origin of the value at a key path, or undefined when there is no such key. */
export function originOf(c: Composition, path: KeyPath): ValueOrigin | undefined {
  const l = lookup(c, path);
  return l.found ? l.origin : undefined;
}

/** `override db.port=abc`, `config.yaml:4:7 through ${oc.env:PORT}`, `override optim.lr=x through ${optim.lr} at model.yaml:3:5`. */
export function describeOrigin(o: ValueOrigin): string {
  let s = o.from;
  if (o.through) s += ` through ${o.through}`;
  if (o.through && o.throughAt) s += ` at ${o.throughAt}`;
  return s;
}
