/**
 * The config tree: OmegaConf-style nodes that keep int vs float, key order, flags and provenance.
 *
 * Value nodes are immutable and may be shared between trees (a file parsed once is merged into
 * many compositions); containers are mutable while a config is being composed and are cloned
 * whenever they are merged into another tree.
 */
import type { Source } from './source.js';

export type ScalarType = 'null' | 'bool' | 'int' | 'float' | 'str';
export type ScalarValue = null | boolean | number | bigint | string;

/** A leaf. Strings that contain `${` are interpolations; the string `???` is a missing value. */
export class ValueNode {
  readonly kind = 'value' as const;
  constructor(
    readonly type: ScalarType,
    readonly value: ScalarValue,
    readonly src?: Source,
    /** The value this one replaced during composition (provenance history). */
    readonly replaced?: Node,
  ) {}
}

export interface ContainerFlags {
  /** Unknown keys are rejected (OmegaConf struct mode). Unset means inherited from the parent. */
  struct?: boolean;
  /** Values cannot be changed. Unset means inherited from the parent. */
  readonly?: boolean;
}

/** The type a dict key had in YAML (`200:` is an int key); only non-string keys are recorded. `null` keys (key text 'null') come from `{null: x}` in interpolation grammar. */
export type KeyType = 'int' | 'float' | 'bool' | 'null';

export class DictNode {
  readonly kind = 'dict' as const;
  readonly entries: Map<string, Node>;
  keyTypes?: Map<string, KeyType>;
  flags?: ContainerFlags;
  constructor(entries?: Map<string, Node>, readonly src?: Source) {
    this.entries = entries ?? new Map();
  }
}

export class ListNode {
  readonly kind = 'list' as const;
  flags?: ContainerFlags;
  constructor(
    readonly items: Node[] = [],
    readonly src?: Source,
  ) {}
}

export type ContainerNode = DictNode | ListNode;
export type Node = ValueNode | DictNode | ListNode;

export const MISSING = '???';

export function isMissing(node: Node | undefined): boolean {
  return node !== undefined && node.kind === 'value' && node.type === 'str' && node.value === MISSING;
}

export function isInterpolation(node: Node | undefined): node is ValueNode {
  return node !== undefined && node.kind === 'value' && node.type === 'str' && (node.value as string).includes('${');
}

export function isContainer(node: Node | undefined): node is ContainerNode {
  return node !== undefined && node.kind !== 'value';
}

export function nullNode(src?: Source): ValueNode {
  return new ValueNode('null', null, src);
}

export function strNode(value: string, src?: Source): ValueNode {
  return new ValueNode('str', value, src);
}

/** Deep copy of containers; value nodes are immutable and shared. */
export function cloneNode<T extends Node>(node: T): T {
  if (node.kind === 'value') return node;
  if (node.kind === 'dict') {
    const entries = new Map<string, Node>();
    for (const [k, v] of node.entries) entries.set(k, cloneNode(v));
    const copy = new DictNode(entries, node.src);
    if (node.keyTypes) copy.keyTypes = new Map(node.keyTypes);
    if (node.flags) copy.flags = { ...node.flags };
    return copy as T;
  }
  const copy = new ListNode(
    node.items.map((n) => cloneNode(n)),
    node.src,
  );
  if (node.flags) copy.flags = { ...node.flags };
  return copy as T;
}

/** A node for a JS value (resolver results, values set from code). Integral numbers become ints. */
export function nodeFromJs(value: unknown, src?: Source): Node {
  if (value === null || value === undefined) return new ValueNode('null', null, src);
  switch (typeof value) {
    case 'boolean':
      return new ValueNode('bool', value, src);
    case 'number':
      return new ValueNode(Number.isInteger(value) ? 'int' : 'float', value, src);
    case 'bigint':
      return new ValueNode('int', value, src);
    case 'string':
      return new ValueNode('str', value, src);
    default:
      break;
  }
  if (value instanceof ValueNode || value instanceof DictNode || value instanceof ListNode) return value;
  if (Array.isArray(value)) return new ListNode(value.map((v) => nodeFromJs(v, src)), src);
  if (value instanceof Map) {
    const d = new DictNode(undefined, src);
    for (const [k, v] of value) d.entries.set(String(k), nodeFromJs(v, src));
    return d;
  }
  if (typeof value === 'object') {
    const d = new DictNode(undefined, src);
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) d.entries.set(k, nodeFromJs(v, src));
    return d;
  }
  return new ValueNode('str', String(value), src);
}
