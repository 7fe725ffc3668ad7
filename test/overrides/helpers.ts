/** Builders that keep the test tables short: int(1), float(1), str('a'), list(int(1)), ... */
import { parseOverride } from '../../src/overrides/index.js';
import type { ChoiceSweep, Element, Scalar, Value } from '../../src/overrides/index.js';

export const int = (value: number | bigint): Scalar => ({ kind: 'int', value });
export const float = (value: number): Scalar => ({ kind: 'float', value });
export const str = (value: string, quote?: "'" | '"'): Scalar =>
  quote === undefined ? { kind: 'string', value } : { kind: 'string', value, quote };
export const bool = (value: boolean): Scalar => ({ kind: 'bool', value });
export const nul: Scalar = { kind: 'null' };
export const list = (...items: Element[]): Element => ({ kind: 'list', items });
export const dict = (...entries: [Scalar, Element][]): Element => ({ kind: 'dict', entries });
export const sweep = (...items: Element[]): ChoiceSweep => ({ kind: 'choice', items, simple: true, tags: [] });
export const choice = (...items: Element[]): ChoiceSweep => ({ kind: 'choice', items, simple: false, tags: [] });

/** The value of `k=<text>`. */
export function value(text: string): Value | undefined {
  return parseOverride(`k=${text}`).value;
}

/** Catch the error thrown by `fn` (fails the test if nothing is thrown). */
export function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected an error, none was thrown');
}
