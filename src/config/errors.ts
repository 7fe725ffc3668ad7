import { TydraError } from '../errors.js';
import { describeSource, type Source } from './source.js';

/** A path in the config tree as users write it: `db.port`, `model.layers[0]`. */
export function formatKeyPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const k of path) {
    if (typeof k === 'number') out += `[${k}]`;
    else out += out === '' ? k : `.${k}`;
  }
  return out;
}

/** An error about one key of a config: names the full key and where its value came from. */
export class ConfigError extends TydraError {
  readonly fullKey: string;
  readonly source?: Source;
  /** The message without the key/source context lines. */
  readonly reason: string;
  constructor(reason: string, opts: { path?: readonly (string | number)[]; source?: Source; cause?: unknown; hint?: string } = {}) {
    const fullKey = opts.path ? formatKeyPath(opts.path) : '';
    const lines = [reason];
    if (fullKey) lines.push(`    full_key: ${fullKey}`);
    if (opts.source) lines.push(`    from: ${describeSource(opts.source)}`);
    super(lines.join('\n'), { cause: opts.cause, hint: opts.hint });
    this.fullKey = fullKey;
    if (opts.source) this.source = opts.source;
    this.reason = reason;
  }
}

/** A key that does not exist (reading it, or writing it in struct mode). */
export class ConfigKeyError extends ConfigError {}
/** A `???` value was read. */
export class MissingMandatoryValueError extends ConfigError {}
/** Writing a read-only node, merging a list into a dict, … */
export class ConfigTypeError extends ConfigError {}
/** Changing a read-only container (a frozen stored config), as OmegaConf's ReadonlyConfigError. */
export class ReadonlyConfigError extends ConfigTypeError {}

/** Base of the errors raised while resolving `${...}`. */
export class InterpolationError extends ConfigError {}
/** `${a.b}` where `a.b` does not exist. */
export class InterpolationKeyError extends InterpolationError {}
/** `${a}` where `a` is `???`. */
export class InterpolationToMissingValueError extends InterpolationError {}
/** `a: ${a}` or a longer cycle. */
export class InterpolationCycleError extends InterpolationError {}
/** `${foo:x}` where no resolver `foo` is registered. */
export class UnsupportedInterpolationTypeError extends InterpolationError {}
/** A resolver threw. */
export class ResolverError extends InterpolationError {}

/** A string that contains `${` but is not valid interpolation syntax. */
export class InterpolationSyntaxError extends ConfigError {
  readonly text: string;
  readonly column: number;
  constructor(text: string, column: number, expected: string, opts: { path?: readonly (string | number)[]; source?: Source } = {}) {
    const caret = `${' '.repeat(column)}^`;
    super(`Invalid interpolation syntax in '${text}': ${expected} at column ${column + 1}\n    ${text}\n    ${caret}`, opts);
    this.text = text;
    this.column = column;
  }
}
