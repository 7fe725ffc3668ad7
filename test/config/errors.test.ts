/**
 * Config errors are data first: the reason, the full key, the source; the message puts them
 * together the way OmegaConf does (`full_key:` line) plus where the value came from.
 */
import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  InterpolationCycleError,
  InterpolationError,
  InterpolationKeyError,
  InterpolationSyntaxError,
  InterpolationToMissingValueError,
  ResolverError,
  UnsupportedInterpolationTypeError,
  formatKeyPath,
} from '../../src/config/errors.js';
import { TydraError } from '../../src/errors.js';

describe('formatKeyPath', () => {
  it.each([
    [[], ''],
    [['a'], 'a'],
    [['a', 'b'], 'a.b'],
    [['a', 0, 'b'], 'a[0].b'],
    [[0, 1], '[0][1]'],
  ] as Array<[(string | number)[], string]>)('formats %j as %j', (path, expected) => {
    expect(formatKeyPath(path)).toBe(expected);
  });
});

describe('ConfigError', () => {
  it('names the full key and the source under the reason', () => {
    const e = new InterpolationKeyError("Interpolation key 'x' not found", { path: ['db', 'url'], source: { kind: 'override', override: 'db.url=${x}' } });
    expect(e.message).toBe("Interpolation key 'x' not found\n    full_key: db.url\n    from: override db.url=${x}");
    expect(e.reason).toBe("Interpolation key 'x' not found");
    expect(e.fullKey).toBe('db.url');
    expect(e.name).toBe('InterpolationKeyError');
  });
  it('omits the lines it has nothing for', () => {
    expect(new ConfigError('bad').message).toBe('bad');
  });
  it('keeps the cause and the hint', () => {
    const cause = new Error('inner');
    const e = new ResolverError('outer', { cause, hint: 'try this' });
    expect(e.cause).toBe(cause);
    expect(e.hint).toBe('try this');
  });
  it('classifies every interpolation failure as an InterpolationError and a TydraError', () => {
    for (const cls of [InterpolationKeyError, InterpolationToMissingValueError, InterpolationCycleError, UnsupportedInterpolationTypeError, ResolverError]) {
      const e = new cls('x');
      expect(e).toBeInstanceOf(InterpolationError);
      expect(e).toBeInstanceOf(TydraError);
    }
    expect(new InterpolationSyntaxError('${a', 3, 'expected }')).toBeInstanceOf(ConfigError);
  });
  it('draws a caret under the column of a syntax error', () => {
    const e = new InterpolationSyntaxError('a: ${b', 6, "expected '}'", { path: ['a'] });
    expect(e.message).toBe("Invalid interpolation syntax in 'a: ${b': expected '}' at column 7\n    a: ${b\n          ^\n    full_key: a");
  });
});
