/** The override grammar: parse Hydra 1.3 override strings, iterate sweeps, write overrides back. */
export { OverrideParseError } from './errors.js';
export type { OverrideParseErrorDetails } from './errors.js';
export { FUNCTION_NAMES } from './functions.js';
export { fnmatch } from './glob.js';
export { parseOverride, parseOverrides } from './parser.js';
export { escapeSpecialCharacters, quoteString, renderOverride, renderValue } from './render.js';
export { expandSweep, iterateSweep, SweepError, sweepLength } from './sweep.js';
export type { SweepOptions } from './sweep.js';
export { isHydraOverride, isHydraOverrideText, isSweep, isSweepValue, keyElement, valueText } from './types.js';
export type {
  BoolScalar,
  ChoiceSweep,
  DictElement,
  Element,
  FloatScalar,
  GlobSweep,
  IntervalSweep,
  IntScalar,
  ListElement,
  NullScalar,
  NumberScalar,
  Override,
  OverrideKind,
  RangeSweep,
  Scalar,
  ShuffleMarker,
  Span,
  StringScalar,
  Sweep,
  Value,
} from './types.js';
