/**
 * Typing YAML scalars exactly as OmegaConf's loader does: PyYAML's SafeLoader (YAML 1.1 implicit
 * resolvers, tried in PyYAML's order for the scalar's first character), without the timestamp
 * resolver, plus OmegaConf's extra float resolver (`1e3`) tried last. Construction follows
 * PyYAML's `SafeConstructor` (`construct_yaml_int`, `construct_yaml_float`, …).
 */
import type { YamlScalar } from './ast.js';
import { TAG_PREFIX } from './ast.js';
import { YamlScalarError } from './errors.js';

export type ResolvedScalar =
  | { type: 'null'; value: null }
  | { type: 'bool'; value: boolean }
  /** `bigint` only when the value is outside ±(2^53 − 1), where a `number` would lose digits. */
  | { type: 'int'; value: number | bigint }
  | { type: 'float'; value: number }
  | { type: 'str'; value: string };

/** Where a scalar sits: PyYAML resolves keys and values alike, except `=` (a string only as a key). */
export type ScalarRole = 'key' | 'value';

// The regexes of PyYAML 6 (resolver.py) and OmegaConf 2.2 (_utils.get_yaml_loader), verbatim.
const BOOL = /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/;
const PY_FLOAT =
  /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
const INT =
  /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/;
const OC_FLOAT =
  /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?|[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)|\.[0-9_]+(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
const NULL = /^(?:~|null|Null|NULL|)$/;

const BOOL_VALUES = new Map<string, boolean>([
  ['yes', true], ['no', false], ['true', true], ['false', false], ['on', true], ['off', false],
]);

/**
 * Types a plain (unquoted, untagged) scalar as OmegaConf's YAML loader would.
 * @example resolvePlainScalar('0x1F') // { type: 'int', value: 31 }
 * @throws YamlScalarError where PyYAML fails to construct the value (`0b_`, `._`, `=`, `<<`).
 */
export function resolvePlainScalar(text: string, role: ScalarRole = 'value'): ResolvedScalar {
  const c = text.length === 0 ? '' : text[0];
  switch (c) {
    case '':
      return { type: 'null', value: null };
    case 'y': case 'Y': case 't': case 'T': case 'f': case 'F': case 'o': case 'O':
      if (BOOL.test(text)) return { type: 'bool', value: BOOL_VALUES.get(text.toLowerCase())! };
      break;
    case 'n': case 'N':
      if (BOOL.test(text)) return { type: 'bool', value: BOOL_VALUES.get(text.toLowerCase())! };
      if (NULL.test(text)) return { type: 'null', value: null };
      break;
    case '~':
      if (text === '~') return { type: 'null', value: null };
      break;
    case '-': case '+': case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9':
      if (PY_FLOAT.test(text)) return { type: 'float', value: constructFloat(text) };
      if (INT.test(text)) return { type: 'int', value: constructInt(text) };
      if (OC_FLOAT.test(text)) return { type: 'float', value: constructFloat(text) };
      break;
    case '.':
      if (PY_FLOAT.test(text) || OC_FLOAT.test(text)) return { type: 'float', value: constructFloat(text) };
      break;
    case '<':
      // PyYAML resolves `<<` to the merge tag; as a value nothing can construct it.
      if (text === '<<' && role === 'value') throw undefinedTag(text, `${TAG_PREFIX}merge`);
      break;
    case '=':
      // PyYAML's `value` tag: turned into a string as a mapping key, unconstructible as a value.
      if (text === '=' && role === 'value') throw undefinedTag(text, `${TAG_PREFIX}value`);
      break;
  }
  return { type: 'str', value: text };
}

/**
 * Constructs a scalar with an explicit tag (`!!str`, `!!int`, `!!float`, `!!bool`, `!!null`, in
 * full form) as PyYAML's SafeConstructor does, including its leniency (`!!bool YeS`, `!!float inf`,
 * `!!int 0o17`, `!!null anything`).
 * @example resolveTaggedScalar('017', 'tag:yaml.org,2002:int') // { type: 'int', value: 15 }
 * @throws YamlScalarError for a value the tag cannot construct (`!!int abc`) and for every other
 *   tag: PyYAML cannot construct local tags (`!foo`), and OmegaConf cannot hold `!!binary`
 *   (bytes), `!!timestamp` (dates) or the Python tags, so tydra rejects them all.
 */
export function resolveTaggedScalar(text: string, tag: string): ResolvedScalar {
  switch (tag) {
    case `${TAG_PREFIX}str`:
      return { type: 'str', value: text };
    case `${TAG_PREFIX}null`:
      return { type: 'null', value: null };
    case `${TAG_PREFIX}bool`: {
      const value = BOOL_VALUES.get(text.toLowerCase());
      if (value === undefined) {
        throw new YamlScalarError(`cannot construct a bool from ${JSON.stringify(text)}`, text, tag);
      }
      return { type: 'bool', value };
    }
    case `${TAG_PREFIX}int`:
      return { type: 'int', value: constructInt(text, tag) };
    case `${TAG_PREFIX}float`:
      return { type: 'float', value: constructFloat(text, tag) };
    default:
      throw undefinedTag(text, tag);
  }
}

/**
 * Types a parsed scalar node: its explicit tag if any, the implicit resolvers if plain, else a string.
 * @example constructScalar({ kind: 'scalar', text: 'yes', style: 'plain', offset: 0 }) // { type: 'bool', value: true }
 */
export function constructScalar(node: YamlScalar, role: ScalarRole = 'value'): ResolvedScalar {
  if (node.tag !== undefined) return resolveTaggedScalar(node.text, node.tag);
  if (node.style === 'plain') return resolvePlainScalar(node.text, role);
  return { type: 'str', value: node.text };
}

function undefinedTag(text: string, tag: string): YamlScalarError {
  return new YamlScalarError(`could not determine a constructor for the tag '${tag}'`, text, tag);
}

/** PyYAML `construct_yaml_int` of the scalar text `raw`. */
function constructInt(raw: string, tag?: string): number | bigint {
  let value = raw.replace(/_/g, '');
  if (value.length === 0) throw new YamlScalarError(`cannot construct an int from ${JSON.stringify(raw)}`, raw, tag);
  let negative = false;
  if (value[0] === '-') negative = true;
  if (value[0] === '-' || value[0] === '+') value = value.slice(1);
  let result: bigint;
  if (value === '0') return 0;
  if (value.startsWith('0b')) result = pyInt(value.slice(2), 2, raw, tag);
  else if (value.startsWith('0x')) result = pyInt(value.slice(2), 16, raw, tag);
  else if (value[0] === '0') result = pyInt(value, 8, raw, tag);
  else if (value.includes(':')) {
    const digits = value.split(':').map((part) => pyInt(part, 10, raw, tag)).reverse();
    let base = 1n;
    result = 0n;
    for (const digit of digits) {
      result += digit * base;
      base *= 60n;
    }
  } else result = pyInt(value, 10, raw, tag);
  if (negative) result = -result;
  return result >= -MAX_SAFE && result <= MAX_SAFE ? Number(result) : result;
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const DIGITS: Record<number, RegExp> = { 2: /^[01]+$/, 8: /^[0-7]+$/, 10: /^[0-9]+$/, 16: /^[0-9a-fA-F]+$/ };
const PREFIX: Record<number, string> = { 2: '0b', 8: '0o', 16: '0x' };
// Python's str.strip() whitespace for int()/float() arguments (ASCII subset; enough for configs).
const PY_SPACE = /^[ \t\n\r\v\f]+|[ \t\n\r\v\f]+$/g;

const UNICODE_DIGIT = /\p{Nd}/u;

/**
 * Python's int() and float() read any Unicode decimal digit (`!!int ٣` is 3): ASCII digits for
 * them. Digits come in runs of ten from a zero, and adjacent runs start on a multiple of ten.
 */
function asciiDigits(s: string): string {
  if (/^[\x00-\x7f]*$/.test(s)) return s;
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    if (c < 0x80 || !UNICODE_DIGIT.test(ch)) {
      out += ch;
      continue;
    }
    let start = c;
    while (UNICODE_DIGIT.test(String.fromCodePoint(start - 1))) start--;
    out += String((c - start) % 10);
  }
  return out;
}

/** Python `int(s, base)` for underscore-free `s`: surrounding whitespace, a sign, a matching prefix. */
function pyInt(s: string, base: 2 | 8 | 10 | 16, raw: string, tag: string | undefined): bigint {
  let t = asciiDigits(s).replace(PY_SPACE, '');
  let negative = false;
  if (t[0] === '+' || t[0] === '-') {
    negative = t[0] === '-';
    t = t.slice(1);
  }
  const prefix = PREFIX[base];
  if (prefix !== undefined && t.length > 2 && t.slice(0, 2).toLowerCase() === prefix) t = t.slice(2);
  if (!DIGITS[base]!.test(t)) {
    throw new YamlScalarError(`invalid literal for int() with base ${base}: ${JSON.stringify(s)}`, raw, tag);
  }
  const value = BigInt(prefix === undefined ? t : prefix + t);
  return negative ? -value : value;
}

/** PyYAML `construct_yaml_float`. */
function constructFloat(raw: string, tag?: string): number {
  let value = raw.replace(/_/g, '').toLowerCase();
  if (value.length === 0) throw new YamlScalarError(`cannot construct a float from ${JSON.stringify(raw)}`, raw, tag);
  let sign = 1;
  if (value[0] === '-') sign = -1;
  if (value[0] === '-' || value[0] === '+') value = value.slice(1);
  if (value === '.inf') return sign * Number.POSITIVE_INFINITY;
  if (value === '.nan') return Number.NaN;
  if (value.includes(':')) {
    const digits = value.split(':').map((part) => pyFloat(part, raw, tag)).reverse();
    let base = 1;
    let result = 0;
    for (const digit of digits) {
      result += digit * base;
      base *= 60;
    }
    return sign * result;
  }
  return sign * pyFloat(value, raw, tag);
}

const PY_FLOAT_LITERAL = /^[+-]?(?:(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:e[+-]?[0-9]+)?|inf|infinity|nan)$/i;

/** Python `float(s)` for underscore-free `s`. */
function pyFloat(s: string, raw: string, tag: string | undefined): number {
  const t = asciiDigits(s).replace(PY_SPACE, '');
  if (!PY_FLOAT_LITERAL.test(t)) {
    throw new YamlScalarError(`could not convert string to float: ${JSON.stringify(s)}`, raw, tag);
  }
  const unsigned = t.replace(/^[+-]/, '').toLowerCase();
  const negative = t[0] === '-';
  if (unsigned === 'inf' || unsigned === 'infinity') return negative ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  if (unsigned === 'nan') return Number.NaN;
  return Number(t);
}
