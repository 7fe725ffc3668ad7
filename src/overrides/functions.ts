/**
 * The functions of the extended override grammar: choice, range, interval, glob, sort, shuffle,
 * tag and the casts int, float, str, bool. Arguments bind like Python's (positional, then
 * keyword; a positional after a keyword is rejected by the parser) and are type-checked the way
 * Hydra checks them against each function's annotations. tydra adds one keyword:
 * `shuffle(..., seed=N)` for a reproducible order.
 */
import { type CastTarget, castValue } from './casts.js';
import { PythonError, pySorted } from './python-semantics.js';
import { floatScalar, intScalar, isZero, numAbs, numAdd, numLess, numNeg, numSub } from './range.js';
import { shuffled } from './shuffle.js';
import type {
  ChoiceSweep,
  Element,
  NumberScalar,
  RangeSweep,
  ShuffleMarker,
  StringScalar,
  Sweep,
  Value,
} from './types.js';

export interface CallArg {
  readonly value: Value;
  /** Offset of the argument (of its name for a keyword argument) in the override text. */
  readonly at: number;
}

export interface FunctionCall {
  readonly name: string;
  /** Offset of the function name. */
  readonly at: number;
  readonly args: readonly CallArg[];
  /** Keyword arguments; a repeated keyword keeps the last value (as Hydra does). */
  readonly kwargs: ReadonlyMap<string, CallArg>;
}

/** A failed call: where, what, and what would have been accepted. */
export class FunctionCallError extends Error {
  readonly at: number;
  readonly expected: string;
  readonly hint?: string;
  constructor(message: string, at: number, expected: string, hint?: string) {
    super(message);
    this.at = at;
    this.expected = expected;
    if (hint !== undefined) this.hint = hint;
  }
}

/** The candidate within two edits (a swap of neighbours counts as one), if any. */
function closest(name: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const c of candidates) {
    const d = editDistance(name.toLowerCase(), c);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions). */
function editDistance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row: number[] = [i];
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        row.push(j);
        continue;
      }
      const prev = rows[i - 1] as number[];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, ((rows[i - 2] as number[])[j - 2] as number) + 1);
      row.push(d);
    }
    rows.push(row);
  }
  return (rows[a.length] as number[])[b.length] as number;
}

type Accepts = (v: Value) => boolean;

interface Param {
  readonly name: string;
  /** 'pos': positional or keyword; 'var': *args; 'kw': keyword only. */
  readonly kind: 'pos' | 'var' | 'kw';
  readonly required?: boolean;
  readonly accepts: Accepts;
  /** What the annotation accepts, in words ("an int or float"). */
  readonly describe: string;
}

interface Bound {
  readonly named: Map<string, CallArg>;
  readonly rest: CallArg[];
}

interface FunctionDef {
  readonly params: readonly Param[];
  readonly impl: (b: Bound, call: FunctionCall) => Value;
}

// Annotation checks (Python isinstance semantics: a bool is an int).
const isNum: Accepts = (v) => v.kind === 'int' || v.kind === 'float' || v.kind === 'bool';
const isNull: Accepts = (v) => v.kind === 'null';
const isStr: Accepts = (v) => v.kind === 'string';
const isList: Accepts = (v) => v.kind === 'list';
/** Hydra's ElementType: str, int, float, bool, list, dict (not null, not a sweep). */
const isElementType: Accepts = (v) => v.kind !== 'null' && isElementValue(v);
const isChoiceOrRange: Accepts = (v) => v.kind === 'choice' || v.kind === 'range';
/** Hydra's Sweep class: choice, range and interval (a glob is not one). */
const isSweepClass: Accepts = (v) => v.kind === 'choice' || v.kind === 'range' || v.kind === 'interval';

function isElementValue(v: Value): v is Element {
  return v.kind !== 'choice' && v.kind !== 'range' && v.kind !== 'interval' && v.kind !== 'glob';
}

const orNull =
  (a: Accepts): Accepts =>
  (v) =>
    isNull(v) || a(v);

const castParams: readonly Param[] = [
  { name: 'args', kind: 'var', accepts: (v) => v.kind !== 'glob', describe: 'a value, a list, a dict or a sweep' },
  { name: 'value', kind: 'kw', accepts: (v) => v.kind !== 'glob', describe: 'a value, a list, a dict or a sweep' },
];

const ELEMENT_OR_SWEEP = 'a string, number, bool, list, dict, choice or range';

const FUNCTIONS: Readonly<Record<string, FunctionDef>> = {
  bool: { params: castParams, impl: (b, c) => cast('bool', b, c) },
  choice: {
    params: [
      {
        name: 'args',
        kind: 'var',
        accepts: (v) => isElementType(v) || v.kind === 'choice',
        describe: 'a string, number, bool, list, dict or choice',
      },
    ],
    impl: choice,
  },
  float: { params: castParams, impl: (b, c) => cast('float', b, c) },
  glob: {
    params: [
      { name: 'include', kind: 'pos', required: true, accepts: (v) => isStr(v) || isList(v), describe: 'a string or a list of strings' },
      { name: 'exclude', kind: 'pos', accepts: orNull((v) => isStr(v) || isList(v)), describe: 'a string or a list of strings' },
    ],
    impl: glob,
  },
  int: { params: castParams, impl: (b, c) => cast('int', b, c) },
  interval: {
    params: [
      { name: 'start', kind: 'pos', required: true, accepts: isNum, describe: 'an int or float' },
      { name: 'end', kind: 'pos', required: true, accepts: isNum, describe: 'an int or float' },
    ],
    impl: interval,
  },
  range: {
    params: [
      { name: 'start', kind: 'pos', required: true, accepts: isNum, describe: 'an int or float' },
      { name: 'stop', kind: 'pos', accepts: orNull(isNum), describe: 'an int or float' },
      { name: 'step', kind: 'pos', accepts: isNum, describe: 'an int or float' },
    ],
    impl: range,
  },
  shuffle: {
    params: [
      { name: 'args', kind: 'var', accepts: (v) => isElementType(v) || isChoiceOrRange(v), describe: ELEMENT_OR_SWEEP },
      { name: 'sweep', kind: 'kw', accepts: orNull(isChoiceOrRange), describe: 'a choice or range sweep' },
      { name: 'list', kind: 'kw', accepts: orNull(isList), describe: 'a list' },
      { name: 'seed', kind: 'kw', accepts: (v) => v.kind === 'int', describe: 'an int' },
    ],
    impl: shuffle,
  },
  sort: {
    params: [
      { name: 'args', kind: 'var', accepts: (v) => isElementType(v) || isChoiceOrRange(v), describe: ELEMENT_OR_SWEEP },
      { name: 'sweep', kind: 'kw', accepts: orNull(isChoiceOrRange), describe: 'a choice or range sweep' },
      { name: 'list', kind: 'kw', accepts: orNull(isList), describe: 'a list' },
      { name: 'reverse', kind: 'kw', accepts: (v) => v.kind === 'bool', describe: 'true or false' },
    ],
    impl: sort,
  },
  str: { params: castParams, impl: (b, c) => cast('str', b, c) },
  tag: {
    params: [
      {
        name: 'args',
        kind: 'var',
        accepts: (v) => isStr(v) || isSweepClass(v),
        describe: 'a string tag or a choice, range or interval sweep',
      },
      { name: 'sweep', kind: 'kw', accepts: orNull(isSweepClass), describe: 'a choice, range or interval sweep' },
    ],
    impl: tag,
  },
};

/** The names of the functions the grammar knows. */
export const FUNCTION_NAMES: readonly string[] = Object.keys(FUNCTIONS).sort();

/** Evaluate one call. Throws FunctionCallError. */
export function callFunction(call: FunctionCall): Value {
  const def = Object.hasOwn(FUNCTIONS, call.name) ? FUNCTIONS[call.name] : undefined;
  if (def === undefined) {
    const near = closest(call.name, FUNCTION_NAMES);
    throw new FunctionCallError(
      `unknown function '${call.name}'`,
      call.at,
      `one of the functions ${FUNCTION_NAMES.join(', ')}`,
      `${near === undefined ? '' : `did you mean '${near}'? `}Available functions: ${FUNCTION_NAMES.join(', ')}`,
    );
  }
  const bound = bind(def, call);
  try {
    return def.impl(bound, call);
  } catch (e) {
    if (e instanceof PythonError) {
      // Point at the argument when there is only one (int("10.0") points at "10.0").
      const all = [...call.args, ...call.kwargs.values()];
      const only = all.length === 1 ? all[0] : undefined;
      throw new FunctionCallError(`${call.name}(): ${e.message}`, only?.at ?? call.at, `a value ${call.name}() accepts`);
    }
    throw e;
  }
}

/** Strip the quotes of a top-level quoted argument (Hydra passes `.text` to the function). */
function unquote(a: CallArg): CallArg {
  return a.value.kind === 'string' && a.value.quote !== undefined ? { value: { kind: 'string', value: a.value.value }, at: a.at } : a;
}

function describeValue(v: Value): string {
  switch (v.kind) {
    case 'null':
      return 'null';
    case 'string':
      return `string '${v.value}'`;
    case 'int':
    case 'float':
    case 'bool':
      return `${v.kind} ${String(v.value)}`;
    case 'list':
      return 'a list';
    case 'dict':
      return 'a dict';
    case 'glob':
      return 'a glob';
    default:
      return `a ${v.kind} sweep`;
  }
}

function bind(def: FunctionDef, call: FunctionCall): Bound {
  const name = call.name;
  const positional = def.params.filter((p) => p.kind === 'pos');
  const variadic = def.params.find((p) => p.kind === 'var');
  const named = new Map<string, CallArg>();
  const rest: CallArg[] = [];
  call.args.forEach((raw, i) => {
    const a = unquote(raw);
    const p = positional[i];
    if (p !== undefined) named.set(p.name, a);
    else if (variadic !== undefined) rest.push(a);
    else {
      throw new FunctionCallError(
        `${name}() takes at most ${positional.length} positional argument${positional.length === 1 ? '' : 's'}` +
          ` but ${call.args.length} were given`,
        a.at,
        `')'`,
      );
    }
  });
  const keywords = def.params.filter((p) => p.kind !== 'var').map((p) => p.name);
  for (const [kw, raw] of call.kwargs) {
    const a = unquote(raw);
    if (!keywords.includes(kw)) {
      const near = closest(kw, keywords);
      const valid = keywords.length === 0 ? `${name}() takes no keyword arguments` : `valid keywords: ${keywords.join(', ')}`;
      throw new FunctionCallError(
        `${name}() got an unexpected keyword argument '${kw}'`,
        a.at,
        keywords.length === 0 ? 'a positional argument' : `one of the keywords ${keywords.join(', ')}`,
        near === undefined ? valid : `did you mean '${near}'? ${valid}`,
      );
    }
    if (named.has(kw)) throw new FunctionCallError(`${name}() got multiple values for argument '${kw}'`, a.at, 'each argument once');
    named.set(kw, a);
  }
  for (const p of def.params) {
    if (p.required && !named.has(p.name)) {
      throw new FunctionCallError(`${name}() missing required argument '${p.name}'`, call.at, `a value for '${p.name}'`);
    }
  }
  for (const p of def.params) {
    if (p.kind === 'var') {
      rest.forEach((a, i) => {
        if (!p.accepts(a.value)) {
          throw new FunctionCallError(
            `${name}() argument ${positional.length + i + 1} must be ${p.describe}, got ${describeValue(a.value)}`,
            a.at,
            p.describe,
          );
        }
      });
    } else {
      const a = named.get(p.name);
      if (a !== undefined && !p.accepts(a.value)) {
        throw new FunctionCallError(
          `${name}() argument '${p.name}' must be ${p.describe}, got ${describeValue(a.value)}`,
          a.at,
          p.describe,
        );
      }
    }
  }
  return { named, rest };
}

/** A keyword or positional argument that was given and is not null. */
function given(b: Bound, name: string): CallArg | undefined {
  const a = b.named.get(name);
  return a === undefined || a.value.kind === 'null' ? undefined : a;
}

function toNumber(v: Value): NumberScalar {
  if (v.kind === 'bool') return intScalar(v.value ? 1 : 0);
  return v as NumberScalar;
}

function notNested(args: readonly CallArg[], name: string): Element[] {
  return args.map((a) => {
    if (!isElementValue(a.value)) {
      throw new FunctionCallError(`${name}(): a ${a.value.kind} sweep cannot be one of several values`, a.at, 'a plain value');
    }
    return a.value;
  });
}

function choice(b: Bound, call: FunctionCall): Value {
  const args = b.rest;
  if (args.length === 0) throw new FunctionCallError('choice(): empty choice is not legal', call.at, 'at least one value');
  const first = args[0] as CallArg;
  if (args.length === 1 && first.value.kind === 'choice') {
    if (first.value.simple) return { ...first.value, simple: false };
    throw new FunctionCallError('choice(): nesting choices is not supported', first.at, 'a value');
  }
  for (const a of args) {
    if (a.value.kind === 'choice') throw new FunctionCallError('choice(): nesting choices is not supported', a.at, 'a value');
  }
  return { kind: 'choice', items: args.map((a) => a.value as Element), simple: false, tags: [] };
}

function range(b: Bound, call: FunctionCall): Value {
  let start = toNumber((b.named.get('start') as CallArg).value);
  const stopArg = given(b, 'stop');
  let stop: NumberScalar;
  if (stopArg === undefined) {
    stop = start;
    start = intScalar(0);
  } else stop = toNumber(stopArg.value);
  const stepArg = b.named.get('step');
  const step = stepArg === undefined ? intScalar(1) : toNumber(stepArg.value);
  if (isZero(step)) throw new FunctionCallError('range() step must not be zero', stepArg?.at ?? call.at, 'a non-zero step');
  return { kind: 'range', start, stop, step, tags: [] };
}

function toFloat(a: CallArg): NumberScalar {
  const v = toNumber(a.value);
  if (v.kind === 'float') return v;
  const x = Number(v.value);
  if (!Number.isFinite(x)) throw new FunctionCallError('interval(): int too large to convert to float', a.at, 'a smaller number');
  return floatScalar(x);
}

function interval(b: Bound): Value {
  return {
    kind: 'interval',
    start: toFloat(b.named.get('start') as CallArg),
    end: toFloat(b.named.get('end') as CallArg),
    tags: [],
  };
}

function globPatterns(a: CallArg | undefined, name: string): string[] {
  if (a === undefined) return [];
  const v = a.value;
  if (v.kind === 'string') return [v.value];
  if (v.kind !== 'list') return [];
  return v.items.map((item) => {
    if (item.kind !== 'string' || item.quote !== undefined) {
      throw new FunctionCallError(
        `glob(): the patterns of '${name}' must be unquoted strings, got ${item.kind === 'string' ? 'a quoted string' : describeValue(item)}`,
        a.at,
        'a list of unquoted strings',
      );
    }
    return item.value;
  });
}

function glob(b: Bound): Value {
  return {
    kind: 'glob',
    include: globPatterns(b.named.get('include'), 'include'),
    exclude: globPatterns(given(b, 'exclude'), 'exclude'),
    tags: [],
  };
}

/**
 * Hydra 1.3's `sort()` of a range: when its direction does not match the requested order it
 * reflects the bounds (start' = stop ± |step|, stop' = start ± |step|, step' = -step). This is what
 * 1.3 does even when `stop` is not on the range's grid (`sort(range(0,5,2),reverse=true)` gives
 * 3, 1, -1), and we keep it.
 */
function sortRange(r: RangeSweep, reverse: boolean): RangeSweep {
  const step = numAbs(r.step);
  if (!reverse && numLess(r.stop, r.start)) {
    return { ...r, start: numAdd(r.stop, step), stop: numAdd(r.start, step), step: numNeg(r.step) };
  }
  if (reverse && numLess(r.start, r.stop)) {
    return { ...r, start: numSub(r.stop, step), stop: numSub(r.start, step), step: numNeg(r.step) };
  }
  return r;
}

function sortSweep(s: Value, reverse: boolean): Value {
  if (s.kind === 'choice') return { ...s, items: pySorted(s.items, reverse) };
  return sortRange(s as RangeSweep, reverse);
}

function sort(b: Bound, call: FunctionCall): Value {
  const r = b.named.get('reverse')?.value;
  const reverse = r !== undefined && r.kind === 'bool' && r.value;
  const list = given(b, 'list');
  if (list !== undefined && list.value.kind === 'list') return { kind: 'list', items: pySorted(list.value.items, reverse) };
  const sweep = given(b, 'sweep');
  if (sweep !== undefined) return sortSweep(sweep.value, reverse);
  const args = b.rest;
  if (args.length === 1) {
    const a = (args[0] as CallArg).value;
    if (a.kind === 'choice' || a.kind === 'range') return sortSweep(a, reverse);
    if (a.kind === 'list') return { kind: 'list', items: pySorted(a.items, reverse) };
    return a;
  }
  for (const a of args) {
    const k = a.value.kind;
    if (k !== 'int' && k !== 'float' && k !== 'bool' && k !== 'string') {
      throw new FunctionCallError(
        `sort(): several arguments must all be strings, numbers or bools, got ${describeValue(a.value)}`,
        a.at,
        'a string, number or bool',
      );
    }
  }
  if (args.length === 0) throw new FunctionCallError('sort(): empty sort input', call.at, 'something to sort');
  return { kind: 'choice', items: pySorted(notNested(args, 'sort'), reverse), simple: true, tags: [] };
}

function shuffle(b: Bound): Value {
  const seedArg = b.named.get('seed');
  const seed = seedArg === undefined ? undefined : Number(BigInt.asUintN(32, BigInt((seedArg.value as { value: number | bigint }).value)));
  const marker: ShuffleMarker = seed === undefined ? {} : { seed };
  const one = (v: Value): Value => {
    if (v.kind === 'choice' || v.kind === 'range') return { ...v, shuffle: marker };
    if (v.kind === 'list') return { kind: 'list', items: shuffled(v.items, seed) };
    return { kind: 'list', items: [v as Element] };
  };
  const list = given(b, 'list');
  if (list !== undefined) return one(list.value);
  const sweep = given(b, 'sweep');
  if (sweep !== undefined) return one(sweep.value);
  if (b.rest.length === 1) return one((b.rest[0] as CallArg).value);
  return { kind: 'choice', items: notNested(b.rest, 'shuffle'), simple: true, tags: [], shuffle: marker };
}

function tag(b: Bound, call: FunctionCall): Value {
  const args = b.rest.slice();
  if (args.length < 1) {
    throw new FunctionCallError('tag(): not enough arguments to tag, must take at least a sweep', call.at, 'tags followed by a sweep');
  }
  const sweepKw = given(b, 'sweep');
  if (sweepKw !== undefined) args.push(sweepKw);
  const last = args[args.length - 1] as CallArg;
  if (!isSweepClass(last.value)) {
    throw new FunctionCallError(
      `tag(): the last argument must be a choice(), range() or interval(), got ${describeValue(last.value)}`,
      last.at,
      'a choice, range or interval sweep',
    );
  }
  const tags: string[] = [];
  for (const a of args.slice(0, -1)) {
    if (a.value.kind !== 'string') {
      throw new FunctionCallError(`tag(): tags must be strings, got ${describeValue(a.value)}`, a.at, 'a string tag');
    }
    const t = (a.value as StringScalar).value;
    if (!tags.includes(t)) tags.push(t);
  }
  return { ...(last.value as Sweep), tags };
}

function cast(target: CastTarget, b: Bound, call: FunctionCall): Value {
  const value = given(b, 'value');
  if (b.rest.length > 0 && value !== undefined) {
    throw new FunctionCallError(
      `${target}(): cannot use both positional and named arguments`,
      value.at,
      'either positional arguments or value=',
    );
  }
  let v: Value;
  if (value !== undefined) v = value.value;
  else if (b.rest.length === 0) throw new FunctionCallError(`${target}(): no positional args or value specified`, call.at, 'a value to cast');
  else if (b.rest.length === 1) v = (b.rest[0] as CallArg).value;
  else v = { kind: 'choice', items: notNested(b.rest, target), simple: true, tags: [] } satisfies ChoiceSweep;
  const out = castValue(target, v);
  if (out.kind === 'range' && isZero(out.step)) {
    throw new FunctionCallError(`${target}(): the cast range has a zero step`, call.at, 'a range whose step stays non-zero');
  }
  return out;
}
