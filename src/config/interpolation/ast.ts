/**
 * The parsed form of an OmegaConf string value: literal text and `${...}` interpolations.
 * Produced by parse.ts, evaluated by resolve.ts.
 */

/** Literal text or an interpolation inside a top-level string or a quoted resolver argument. */
export type TextPart = string | Interpolation;

/** A parsed top-level string. `single` is set when the whole string is one interpolation. */
export interface ParsedText {
  parts: TextPart[];
  /** The whole value is exactly one interpolation: its result keeps its type. */
  single: Interpolation | undefined;
}

export type Interpolation = NodeInterpolation | ResolverInterpolation;

/** A key segment: a plain name or a nested interpolation (`${a.${b}}`). */
export type KeyPart = string | Interpolation;

/** One segment of a node interpolation's key, written `.key` / `key` or `[key]`. */
export interface KeySegment {
  key: KeyPart;
  bracket: boolean;
}

/** `${a.b}`, `${.sibling}`, `${..uncle}`, `${a[0]}`, `${a.${b}}`. */
export interface NodeInterpolation {
  kind: 'node';
  /** Number of leading dots: 0 = absolute, 1 = the parent container, 2 = its parent, … */
  dots: number;
  segments: KeySegment[];
  /** The key path when no segment is interpolated (computed once, at parse time). */
  path: string[] | undefined;
  /** The key without its leading dots as OmegaConf prints it (`b.c[0]`), when static. */
  keyText: string | undefined;
  /** The interpolation's source text, `${...}`. */
  text: string;
}

/** `${name:arg1,arg2}` with a possibly dotted (`oc.env`) or interpolated name. */
export interface ResolverInterpolation {
  kind: 'resolver';
  name: KeyPart[];
  args: Arg[];
  /** Each argument's source text without surrounding whitespace: the resolver cache key. */
  argTexts: string[];
  text: string;
  /** The arguments' text when one is missing (`${f:a,,b}`): OmegaConf warns when it evaluates them. */
  missing?: string;
}

export type ScalarArg =
  | { kind: 'scalar'; type: 'null'; value: null }
  | { kind: 'scalar'; type: 'bool'; value: boolean }
  | { kind: 'scalar'; type: 'int'; value: number | bigint }
  | { kind: 'scalar'; type: 'float'; value: number }
  | { kind: 'scalar'; type: 'str'; value: string };

/** A resolver argument. */
export type Arg =
  | ScalarArg
  /** A lone interpolation: its value is passed with its type. */
  | { kind: 'interp'; interp: Interpolation }
  /** Unquoted text mixing literals and interpolations: always a string. */
  | { kind: 'concat'; parts: TextPart[] }
  /** A quoted string (may contain interpolations): always a string. */
  | { kind: 'quoted'; parts: TextPart[] }
  /** `missing`: the items' text when one is missing (`[a,,b]`), for OmegaConf's warning. */
  | { kind: 'list'; items: Arg[]; missing?: string }
  | { kind: 'dict'; entries: Array<[ScalarArg, Arg]> };
