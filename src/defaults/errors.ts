import { describeSource, type Source } from '../config/source.js';
import { TydraError } from '../errors.js';

/** Composition failed: a bad defaults list, an override that matches nothing, a missing choice… */
export class ConfigCompositionError extends TydraError {
  /** Where it happened in the defaults tree, e.g. `config → server/apache → server/db/mysql`. */
  readonly treePath?: string;
  readonly source?: Source;
  constructor(message: string, opts: { treePath?: string[]; source?: Source; cause?: unknown; hint?: string } = {}) {
    const lines = [message];
    if (opts.source) lines.push(`    from: ${describeSource(opts.source)}`);
    if (opts.treePath && opts.treePath.length > 1) lines.push(`    defaults tree: ${opts.treePath.join(' → ')}`);
    super(lines.join('\n'), { cause: opts.cause, hint: opts.hint });
    if (opts.treePath) this.treePath = opts.treePath.join(' → ');
    if (opts.source) this.source = opts.source;
  }
}

/** A config (primary, group option, or listed config) that is not in the search path. */
export class MissingConfigError extends ConfigCompositionError {
  constructor(
    message: string,
    readonly configPath: string,
    readonly options: string[] | undefined,
    opts: { treePath?: string[]; source?: Source; hint?: string } = {},
  ) {
    super(message, opts);
  }
}
