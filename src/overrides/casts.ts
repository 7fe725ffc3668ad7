/**
 * The casts `int()`, `float()`, `str()` and `bool()` with Hydra's conversion matrix
 * (extended.md): recursive through lists, dict values and choice sweeps; ranges cast their bounds
 * (to int or float only); intervals cast their ends (to int or float only). Quirks kept on
 * purpose: `str(true)` is "true", `str(1e6)` is "1000000.0", `int("10.0")`, `int(inf)` and
 * `bool("foo")` fail, `bool(null)` is false while `int(null)` fails, and casting a sweep drops its
 * tags and shuffle marker (an interval keeps its tags).
 */
import { floatRepr } from '../python/float-repr.js';
import {
  PythonError,
  pyFloatFromInt,
  pyFloatFromString,
  pyIntFromFloat,
  pyIntFromString,
  pyStrRepr,
} from './python-semantics.js';
import { floatScalar, intScalar } from './range.js';
import type { Element, NumberScalar, Scalar, Value } from './types.js';

export type CastTarget = 'int' | 'float' | 'str' | 'bool';

function castScalar(target: CastTarget, v: Scalar): Scalar {
  switch (target) {
    case 'int':
      switch (v.kind) {
        case 'int':
          return v;
        case 'bool':
          return intScalar(v.value ? 1 : 0);
        case 'float':
          return intScalar(pyIntFromFloat(v.value));
        case 'string':
          return intScalar(pyIntFromString(v.value));
        case 'null':
          throw new PythonError('TypeError', 'null cannot be cast to int');
      }
      break;
    case 'float':
      switch (v.kind) {
        case 'float':
          return v;
        case 'bool':
          return floatScalar(v.value ? 1 : 0);
        case 'int':
          return floatScalar(pyFloatFromInt(v.value));
        case 'string':
          return floatScalar(pyFloatFromString(v.value));
        case 'null':
          throw new PythonError('TypeError', 'null cannot be cast to float');
      }
      break;
    case 'str':
      switch (v.kind) {
        case 'string':
          return v.quote === undefined ? v : { kind: 'string', value: v.value };
        case 'bool':
          return { kind: 'string', value: v.value ? 'true' : 'false' };
        case 'int':
          return { kind: 'string', value: String(v.value) };
        case 'float':
          return { kind: 'string', value: floatRepr(v.value) };
        case 'null':
          throw new PythonError('TypeError', 'null cannot be cast to str');
      }
      break;
    case 'bool':
      switch (v.kind) {
        case 'bool':
          return v;
        case 'int':
        case 'float':
          // biome-ignore lint/suspicious/noDoubleEquals: 0n and -0.0 are both falsy
          return { kind: 'bool', value: !(v.value == 0) };
        case 'null':
          return { kind: 'bool', value: false };
        case 'string': {
          const lower = v.value.toLowerCase();
          if (lower === 'true') return { kind: 'bool', value: true };
          if (lower === 'false') return { kind: 'bool', value: false };
          throw new PythonError('ValueError', `Cannot cast ${pyStrRepr(v.value)} to bool`);
        }
      }
  }
  throw new PythonError('TypeError', `cannot cast to ${target}`);
}

/** `target(v)` with Hydra's semantics. Throws PythonError where Hydra raises. */
export function castValue(target: CastTarget, v: Value): Value {
  switch (v.kind) {
    case 'list':
      return { kind: 'list', items: v.items.map((x) => castValue(target, x) as Element) };
    case 'dict':
      return { kind: 'dict', entries: v.entries.map(([k, x]) => [k, castValue(target, x) as Element] as const) };
    case 'choice':
      return { kind: 'choice', items: v.items.map((x) => castValue(target, x) as Element), simple: v.simple, tags: [] };
    case 'range':
      if (target !== 'int' && target !== 'float') throw new PythonError('ValueError', 'Range can only be cast to int or float');
      return {
        kind: 'range',
        start: castScalar(target, v.start) as NumberScalar,
        stop: castScalar(target, v.stop) as NumberScalar,
        step: castScalar(target, v.step) as NumberScalar,
        tags: [],
      };
    case 'interval':
      if (target !== 'int' && target !== 'float') throw new PythonError('ValueError', `Intervals cannot be cast to ${target}`);
      return {
        kind: 'interval',
        start: castScalar(target, v.start) as NumberScalar,
        end: castScalar(target, v.end) as NumberScalar,
        tags: v.tags,
      };
    case 'glob':
      throw new PythonError('TypeError', `a glob cannot be cast to ${target}`);
    default:
      return castScalar(target, v);
  }
}
