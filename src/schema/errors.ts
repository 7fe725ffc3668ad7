/**
 * A composed config that does not match its schema. Data first: every issue names the key, the
 * value, what was expected and where the value came from; the message lists them all.
 */
import type { Source } from '../config/source.js';
import { TydraError } from '../errors.js';

export interface ConfigIssue {
  /** The key path in the composed config, e.g. `['db', 'port']`. */
  path: (string | number)[];
  /** The key as users write it: `db.port`, `model.layers[0]` (`<root>` for the config itself). */
  key: string;
  /** The zod issue code (`invalid_type`, `invalid_value`, `unrecognized_keys`, `too_big`, …). */
  code: string;
  /** The whole line: `db.port: expected number, got "abc" (from override db.port=abc)`. */
  message: string;
  /** What the schema wants: `number`, `"adam" | "sgd"`, `number <= 65535`; undefined for custom checks. */
  expected: string | undefined;
  /** The value as found, e.g. `"abc"`, `70000`, `a mapping`; `nothing` when the key is absent. */
  received: string;
  /** Where the value came from: `db/mysql.yaml:3:7`, `override db.port=abc`, `… through ${x}`. */
  source: string | undefined;
  /** `source` as data (the file position or the override), when known. */
  origin?: Source;
  /** The stored schema that raised the issue (its config path, e.g. `db/base_mysql`); undefined for the `schema` option. */
  schema?: string;
  /** A suggestion, e.g. `did you mean 'password'?`. */
  hint?: string;
}

export class ConfigValidationError extends TydraError {
  readonly issues: readonly ConfigIssue[];
  constructor(issues: readonly ConfigIssue[]) {
    const n = issues.length;
    const lines = issues.map((i) => `  ${i.message}`);
    super(`The config does not match its schema (${n} issue${n === 1 ? '' : 's'}):\n${lines.join('\n')}`);
    this.issues = issues;
  }
}
