/**
 * Shorthands for the Hydra parser ports (hydra-parser-*.test.ts): Hydra's expectations are Python
 * values, so `py()` turns a JS literal into the parsed value it stands for (a JS number is a Python
 * int; floats are written `F(1.5)`, quoted strings `q('a b')`).
 */
import { expect } from 'vitest';
import { OverrideParseError, parseOverride } from '../../src/overrides/index.js';
import type { ChoiceSweep, Element, FloatScalar, GlobSweep, IntervalSweep, NumberScalar, Override, RangeSweep, Scalar, Value } from '../../src/overrides/index.js';
import { int, nul, str } from './helpers.js';

export type PyLike = Element | number | bigint | string | boolean | null | readonly PyLike[] | { readonly [k: string]: PyLike };

const KINDS = new Set(['int', 'float', 'string', 'bool', 'null', 'list', 'dict']);

function isElement(x: object): x is Element {
  return 'kind' in x && typeof (x as { kind: unknown }).kind === 'string' && KINDS.has((x as { kind: string }).kind);
}

/** A Python float. */
export const F = (x: number): FloatScalar => ({ kind: 'float', value: x });
/** A single-quoted string (Hydra's QuotedString with Quote.single). */
export const q = (s: string): Scalar => str(s, "'");
/** A double-quoted string. */
export const qq = (s: string): Scalar => str(s, '"');

/** The parsed value a Python literal stands for. */
export function py(x: PyLike): Element {
  if (x === null) return nul;
  if (typeof x === 'number' || typeof x === 'bigint') return int(x);
  if (typeof x === 'string') return str(x);
  if (typeof x === 'boolean') return { kind: 'bool', value: x };
  if (Array.isArray(x)) return { kind: 'list', items: (x as readonly PyLike[]).map(py) };
  if (isElement(x as object)) return x as Element;
  return { kind: 'dict', entries: Object.entries(x as Record<string, PyLike>).map(([k, v]) => [str(k), py(v)] as const) };
}

const num = (x: number | NumberScalar): NumberScalar => (typeof x === 'number' ? { kind: 'int', value: x } : x);

export interface SweepExtras {
  readonly tags?: readonly string[];
  readonly shuffle?: boolean;
}

function extras(e: SweepExtras): { tags: readonly string[]; shuffle?: { seed?: number } } {
  return e.shuffle ? { tags: e.tags ?? [], shuffle: {} } : { tags: e.tags ?? [] };
}

/** `ChoiceSweep(list=items)`: the function form. */
export function choiceOf(items: readonly PyLike[], e: SweepExtras = {}): ChoiceSweep {
  return { kind: 'choice', items: items.map(py), simple: false, ...extras(e) };
}

/** `ChoiceSweep(list=items, simple_form=True)`: the `a,b,c` form. */
export function simpleOf(items: readonly PyLike[], e: SweepExtras = {}): ChoiceSweep {
  return { kind: 'choice', items: items.map(py), simple: true, ...extras(e) };
}

/** `RangeSweep(start, stop, step)`; plain numbers are ints, `F(x)` floats. */
export function rangeOf(start: number | NumberScalar, stop: number | NumberScalar, step: number | NumberScalar = 1, e: SweepExtras = {}): RangeSweep {
  return { kind: 'range', start: num(start), stop: num(stop), step: num(step), ...extras(e) };
}

/** `IntervalSweep(start, end)`: always floats. */
export function intervalOf(start: number, end: number, e: SweepExtras = {}): IntervalSweep {
  return { kind: 'interval', start: F(start), end: F(end), ...extras(e) };
}

export function globOf(include: readonly string[], exclude: readonly string[] = []): GlobSweep {
  return { kind: 'glob', include, exclude, tags: [] };
}

/**
 * A sweep or value with its tags sorted, so that Hydra's tag *sets* compare equal whatever the
 * order they were written in.
 */
export function normTags(v: Value | undefined): Value | undefined {
  if (v === undefined || !('tags' in v)) return v;
  return { ...v, tags: [...v.tags].sort() };
}

/** The value of `k=<text>`. */
export function valueOf(text: string): Value | undefined {
  return parseOverride(`k=${text}`).value;
}

/** Hydra's ValueType for a parsed override. */
export function valueType(o: Override): string | null {
  const v = o.value;
  if (v === undefined) return null;
  switch (v.kind) {
    case 'choice':
      return v.simple ? 'SIMPLE_CHOICE_SWEEP' : 'CHOICE_SWEEP';
    case 'range':
      return 'RANGE_SWEEP';
    case 'interval':
      return 'INTERVAL_SWEEP';
    case 'glob':
      return 'GLOB_CHOICE_SWEEP';
    default:
      return 'ELEMENT';
  }
}

/** Assert that `text` is rejected as an override (Hydra raises; the wording is ours). */
export function expectRejected(text: string): OverrideParseError {
  let err: unknown;
  try {
    parseOverride(text);
  } catch (e) {
    err = e;
  }
  expect(err, `expected '${text}' to be rejected`).toBeInstanceOf(OverrideParseError);
  return err as OverrideParseError;
}
