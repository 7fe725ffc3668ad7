/**
 * How the CLI reports a failure: a user mistake gets its message, the messages of its causes
 * (`Caused by: ...`, as Hydra prints OmegaConf's error under its own), its hint and exit code 1,
 * no stack trace; anything else is a bug and is printed in full. TYDRA_FULL_ERROR=1 always prints
 * the stack and the chain of causes.
 */
import { isUserError } from '../errors.js';

export function reportError(err: unknown, write: (s: string) => void = (s) => process.stderr.write(s)): number {
  const full = process.env.TYDRA_FULL_ERROR === '1';
  if (isUserError(err) && !full) {
    write(`Error: ${err.message}\n`);
    // What lies under it (Hydra prints OmegaConf's error below its own), unless already said.
    let said = err.message;
    let cause = (err as { cause?: unknown }).cause;
    for (let depth = 0; cause instanceof Error && depth < 3; depth++) {
      if (!said.includes(cause.message)) {
        write(`Caused by: ${cause.message}\n`);
        said += `\n${cause.message}`;
      }
      cause = (cause as { cause?: unknown }).cause;
    }
    // No line advertising TYDRA_FULL_ERROR: a user mistake's stack trace says nothing the message
    // does not (Hydra stopped advertising HYDRA_FULL_ERROR for the same reason); docs/cli.md has it.
    if (err.hint) write(`Hint: ${err.hint}\n`);
    return 1;
  }
  if (err instanceof Error) {
    write(`${full ? '' : 'Internal error (please report it): '}${err.stack ?? err.message}\n`);
    let cause = (err as { cause?: unknown }).cause;
    while (cause instanceof Error) {
      write(`Caused by: ${cause.stack ?? cause.message}\n`);
      cause = (cause as { cause?: unknown }).cause;
    }
    if (isUserError(err) && err.hint) write(`Hint: ${err.hint}\n`);
  } else write(`Error: ${String(err)}\n`);
  return 1;
}
