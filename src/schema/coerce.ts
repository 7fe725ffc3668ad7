/**
 * Schema fields that convert values the way OmegaConf's typed nodes do, for the fields that ask
 * for it (everything else is plain zod and converts nothing):
 *
 * - `t.int()`: an int, or a string Python's `int()` accepts (`"10"`, `" -3 "`, `"1_000"`).
 * - `t.number()`: a number, or a string Python's `float()` accepts (`"0.1"`, `"1e-3"`, `"2"`).
 * - `t.bool()`: a boolean, an int (0 is false), or `yes/y/on/true/no/n/off/false` in any case, or an int string.
 *
 * Strings reach a config from `${oc.env:PORT}`, string concatenation, or quoted YAML; a command-
 * line `flag=yes` is the string "yes" too (the override grammar's booleans are true/false only).
 * Input types are honest (`t.int()` accepts `number | string`) and so is the JSON Schema for
 * editors (`anyOf: [integer, numeric string]`); the output type is `number` / `boolean`.
 * `z.coerce.number()` is looser: it turns `""` into 0 and `true` into 1.
 *
 * @example
 * const Db = z.object({ port: t.int().default(5432), debug: t.bool().default(false) });
 */
import { z } from 'zod';

const DIGITS = '\\d(?:_?\\d)*';
/** Python `int(str)`: optional spaces and sign, digits with single underscores between them. */
const INT_TEXT = new RegExp(`^\\s*[+-]?${DIGITS}\\s*$`);
/** Python `float(str)` for finite values (zod numbers are finite): `1`, `1.`, `.5`, `1e-3`, `1_000.5`. */
const FLOAT_TEXT = new RegExp(`^\\s*[+-]?(?:${DIGITS}(?:\\.(?:${DIGITS})?)?|\\.${DIGITS})(?:[eE][+-]?${DIGITS})?\\s*$`);
const BOOL_TEXT = /^\s*(?:yes|y|on|true|no|n|off|false|[+-]?\d(?:_?\d)*)\s*$/i;
const TRUE_WORDS = new Set(['yes', 'y', 'on', 'true']);

function parseNumberText(text: string): number {
  return Number(text.trim().replace(/_/g, ''));
}

function parseBoolText(text: string): boolean {
  const word = text.trim().toLowerCase();
  if (INT_TEXT.test(word)) return parseNumberText(word) !== 0;
  return TRUE_WORDS.has(word);
}

/** An int field that also takes int strings, as an OmegaConf `int` node does. */
function int() {
  return z.union([z.number().int(), z.string().regex(INT_TEXT).transform(parseNumberText)], { error: 'expected int' });
}

/** A number field that also takes numeric strings, as an OmegaConf `float` node does. */
function number() {
  return z.union([z.number(), z.string().regex(FLOAT_TEXT).transform(parseNumberText)], { error: 'expected number' });
}

/** A boolean field that also takes 0/1 and yes/no/on/off, as an OmegaConf `bool` node does. */
function bool() {
  return z.union([z.boolean(), z.number().int().transform((n) => n !== 0), z.string().regex(BOOL_TEXT).transform(parseBoolText)], {
    error: 'expected boolean',
  });
}

/** OmegaConf-style converting fields: `t.int()`, `t.number()`, `t.bool()`. */
export const t = { int, number, bool };
