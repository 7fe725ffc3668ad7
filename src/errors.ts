/**
 * The base of every error tydra raises for a user mistake (bad YAML, a bad override, a missing
 * config, an interpolation that cannot be resolved, …). The CLI prints these without a stack
 * trace (set TYDRA_FULL_ERROR=1 to see it); anything else is a bug and is printed in full.
 */
export class TydraError extends Error {
  /** A short suggestion printed under the message ("Did you mean …?"). */
  hint?: string;
  constructor(message: string, options?: { cause?: unknown; hint?: string }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    if (options?.hint) this.hint = options.hint;
  }
}

/** True for the errors the CLI shows without a stack trace. */
export function isUserError(err: unknown): err is TydraError {
  return err instanceof TydraError || (err instanceof Error && (err as { userError?: boolean }).userError === true);
}

/** `did you mean` for a misspelled name: the closest candidate within a small edit distance. */
export function closestMatch(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestScore = Number.POSITIVE_INFINITY;
  const limit = Math.max(2, Math.floor(name.length / 3));
  for (const c of candidates) {
    const d = editDistance(name.toLowerCase(), c.toLowerCase());
    if (d < bestScore && d <= limit) {
      best = c;
      bestScore = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0] as number;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j] as number;
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      prev[j] = Math.min((prev[j] as number) + 1, (prev[j - 1] as number) + 1, diag + cost);
      diag = tmp;
    }
  }
  return prev[b.length] as number;
}
