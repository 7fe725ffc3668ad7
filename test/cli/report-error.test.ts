/**
 * How the CLI reports a failure: a user mistake gets its message, its causes and hint without a stack trace;
 * anything else is a bug and is printed in full; TYDRA_FULL_ERROR=1 always prints the stack and
 * the causes.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { reportError } from '../../src/cli/report-error.js';
import { TydraError } from '../../src/errors.js';

function report(err: unknown): { code: number; text: string } {
  let text = '';
  const code = reportError(err, (s) => {
    text += s;
  });
  return { code, text };
}

beforeEach(() => {
  vi.stubEnv('TYDRA_FULL_ERROR', '');
});
afterEach(() => {
  vi.unstubAllEnvs();
});

describe('a user error', () => {
  it('prints the message and the hint, no stack trace, and exits with 1', () => {
    const { code, text } = report(new TydraError("Could not find 'db/oracle'", { hint: 'did you mean db=mysql?' }));
    expect(code).toBe(1);
    expect(text).toBe(
      "Error: Could not find 'db/oracle'\nHint: did you mean db=mysql?\n",
    );
  });

  it('prints what lies under it (the config error under a composition error), each message once, before the hint', () => {
    const inner = new TydraError("Key 'dataset' is not in struct\n    full_key: dataset");
    const err = new TydraError("Could not override 'dataset.path'.", { cause: inner, hint: 'use +dataset.path=abc' });
    expect(report(err).text).toBe("Error: Could not override 'dataset.path'.\nCaused by: Key 'dataset' is not in struct\n    full_key: dataset\nHint: use +dataset.path=abc\n");
    // A cause whose message is already part of the error's is not repeated.
    const wrapped = new TydraError(`Job 1 cannot be composed:\n${inner.message}`, { cause: inner });
    expect(report(wrapped).text).toBe(`Error: Job 1 cannot be composed:\n${inner.message}\n`);
  });

  it('prints no hint line when there is no hint', () => {
    expect(report(new TydraError('bad override')).text).toBe(
      'Error: bad override\n',
    );
  });

  it('counts an error marked userError as a user error', () => {
    const e = Object.assign(new Error('invalid config'), { userError: true });
    const { text } = report(e);
    expect(text.startsWith('Error: invalid config\n')).toBe(true);
    expect(text).not.toContain('    at ');
  });

  it('prints a cause’s message, never its stack', () => {
    const { text } = report(new TydraError('outer', { cause: new Error('inner') }));
    expect(text).toBe('Error: outer\nCaused by: inner\n');
  });
});

describe('an internal error', () => {
  it('prints the stack trace and asks for a report', () => {
    const e = new TypeError('x is undefined');
    const { code, text } = report(e);
    expect(code).toBe(1);
    expect(text.startsWith(`Internal error (please report it): ${e.stack}\n`)).toBe(true);
    expect(text).toContain('    at ');
  });

  it('prints the chain of causes', () => {
    const root = new Error('disk full');
    const mid = new Error('cannot write', { cause: root });
    const { text } = report(new Error('run failed', { cause: mid }));
    expect(text).toContain(`Caused by: ${mid.stack}\n`);
    expect(text).toContain(`Caused by: ${root.stack}\n`);
    expect(text.indexOf('cannot write')).toBeLessThan(text.indexOf('disk full'));
  });

  it('prints a thrown non-error as its text', () => {
    expect(report('boom')).toEqual({ code: 1, text: 'Error: boom\n' });
    expect(report(42).text).toBe('Error: 42\n');
  });
});

describe('TYDRA_FULL_ERROR=1', () => {
  it('prints the stack of a user error, its causes, and then its hint', () => {
    vi.stubEnv('TYDRA_FULL_ERROR', '1');
    const cause = new Error('ENOENT');
    const e = new TydraError('cannot load config', { cause, hint: 'check --config-dir' });
    const { code, text } = report(e);
    expect(code).toBe(1);
    expect(text).toBe(`${e.stack}\nCaused by: ${cause.stack}\nHint: check --config-dir\n`);
  });

  it('prints an internal error without the report request', () => {
    vi.stubEnv('TYDRA_FULL_ERROR', '1');
    const e = new Error('bug');
    expect(report(e).text).toBe(`${e.stack}\n`);
  });
});
