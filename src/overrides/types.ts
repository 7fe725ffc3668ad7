/**
 * The data an override string parses to: plain, serialisable objects (no classes), so that an
 * override can cross a process boundary as one JSON line (with bigint written by the caller).
 *
 * Scalars keep the distinctions Hydra keeps: int vs float (`1` vs `1.0`), and whether a string
 * was quoted on the command line (a quoted value is always a string and is re-quoted the same way
 * when Hydra writes a job's overrides).
 */

/** An integer. `value` is a bigint only when it is beyond Number.MAX_SAFE_INTEGER. */
export interface IntScalar {
  readonly kind: 'int';
  readonly value: number | bigint;
}

/** A float (Python float semantics: inf, -inf, nan and -0.0 are all floats). */
export interface FloatScalar {
  readonly kind: 'float';
  readonly value: number;
}

/** A string; `quote` is set when the user wrote it quoted (`'a,b'` or `"a,b"`). */
export interface StringScalar {
  readonly kind: 'string';
  readonly value: string;
  readonly quote?: "'" | '"';
}

export interface BoolScalar {
  readonly kind: 'bool';
  readonly value: boolean;
}

export interface NullScalar {
  readonly kind: 'null';
}

export type NumberScalar = IntScalar | FloatScalar;
export type Scalar = IntScalar | FloatScalar | StringScalar | BoolScalar | NullScalar;

/** `[a,b,c]` */
export interface ListElement {
  readonly kind: 'list';
  readonly items: readonly Element[];
}

/** `{a:1,b:2}`: entries in their order; keys are scalars (`{3:x}` has the int key 3). */
export interface DictElement {
  readonly kind: 'dict';
  readonly entries: readonly (readonly [Scalar, Element])[];
}

/** A value that is not a sweep: what one job receives. */
export type Element = Scalar | ListElement | DictElement;

/** Marks a sweep whose values are visited in random order; `seed` makes the order reproducible. */
export interface ShuffleMarker {
  readonly seed?: number;
}

interface SweepCommon {
  /** Metadata for optimising sweepers (`tag(log, interval(0,1))`), in the order given. */
  readonly tags: readonly string[];
  readonly shuffle?: ShuffleMarker;
}

/** `a,b,c` (simple: true) or `choice(a,b,c)` (simple: false). */
export interface ChoiceSweep extends SweepCommon {
  readonly kind: 'choice';
  readonly items: readonly Element[];
  readonly simple: boolean;
}

/** `range(start, stop, step)`: ints if all three are ints, otherwise floats. */
export interface RangeSweep extends SweepCommon {
  readonly kind: 'range';
  readonly start: NumberScalar;
  readonly stop: NumberScalar;
  readonly step: NumberScalar;
}

/** `interval(start, end)`: the continuous range start <= x < end (for optimising sweepers). */
export interface IntervalSweep extends SweepCommon {
  readonly kind: 'interval';
  readonly start: NumberScalar;
  readonly end: NumberScalar;
}

/** `glob(include, exclude=)`: the options of the config group that match, in the group's order. */
export interface GlobSweep extends SweepCommon {
  readonly kind: 'glob';
  readonly include: readonly string[];
  readonly exclude: readonly string[];
}

export type Sweep = ChoiceSweep | RangeSweep | IntervalSweep | GlobSweep;

/** What a function call or a value position can hold while parsing. */
export type Value = Element | Sweep;

/** `key=v` change, `+key=v` add, `++key=v` add or change, `~key[=v]` delete. */
export type OverrideKind = 'change' | 'add' | 'force-add' | 'delete';

/** Half-open offsets [start, end) into `Override.input`. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export interface Override {
  /** The override exactly as given. */
  readonly input: string;
  readonly kind: OverrideKind;
  /** The config key or group path before `@`: `db`, `server/db`, `a.b.0`, `$key`. */
  readonly key: string;
  /** The package after `@` (`db@backup=x`); '' for `db@=x`; absent without `@`. */
  readonly package?: string;
  /** Absent only for `~key` (no `=`); `key=` gives the empty string. */
  readonly value?: Value;
  /** The key with its package: `db@backup` (without the prefix). */
  readonly keySpan: Span;
  /**
   * The value text: from just after the first `=` to the end (like Hydra's `get_value_string()`,
   * so it includes whitespace that follows the `=`). Absent for `~key`.
   */
  readonly valueSpan?: Span;
}

const SWEEP_KINDS: ReadonlySet<string> = new Set(['choice', 'range', 'interval', 'glob']);

/** True for a sweep value (`a,b`, `choice()`, `range()`, `interval()`, `glob()`). */
export function isSweepValue(value: Value | undefined): value is Sweep {
  return value !== undefined && SWEEP_KINDS.has(value.kind);
}

/** True when the override's value is a sweep: `seed=1,2`, `lr=interval(0,1)`. */
export function isSweep(o: Override): o is Override & { readonly value: Sweep } {
  return isSweepValue(o.value);
}

/**
 * The override's key as Hydra writes it in a job's overrides: prefix, key and package.
 * @example keyElement(parseOverride('++db@backup=x')) === '++db@backup'
 */
export function keyElement(o: Pick<Override, 'kind' | 'key' | 'package'>): string {
  const prefix = o.kind === 'delete' ? '~' : o.kind === 'add' ? '+' : o.kind === 'force-add' ? '++' : '';
  return o.package === undefined ? prefix + o.key : `${prefix}${o.key}@${o.package}`;
}

/**
 * True for an override of Hydra's own config (`hydra.job.name=x`, `hydra/launcher=basic`) and,
 * unlike Hydra's check, for the bare `hydra` key too.
 */
export function isHydraOverride(o: Pick<Override, 'key'>): boolean {
  const k = o.key;
  return k === 'hydra' || k.startsWith('hydra.') || k.startsWith('hydra/');
}

/** `isHydraOverride` of an override as rendered for a job (`+hydra/launcher@x=local`), without parsing it. */
export function isHydraOverrideText(text: string): boolean {
  const eq = text.indexOf('=');
  const key = (eq < 0 ? text : text.slice(0, eq)).replace(/^[+~]+/, '');
  const at = key.indexOf('@');
  return isHydraOverride({ key: at < 0 ? key : key.slice(0, at) });
}

/** The value text as typed (Hydra's `get_value_string()`): everything after the first `=`. */
export function valueText(o: Override): string | undefined {
  return o.valueSpan === undefined ? undefined : o.input.slice(o.valueSpan.start, o.valueSpan.end);
}
