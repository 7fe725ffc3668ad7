import { SlurmParseError } from './errors.js';

/**
 * The job id in sbatch's answer: `--parsable` prints `42` or `42;cluster`, plain sbatch
 * `Submitted batch job 42`.
 *
 * `parseSubmitOutput('Submitted batch job 42\n')` → '42'
 */
export function parseSubmitOutput(stdout: string): string {
  const text = stdout.trim();
  const m = /^(\d+)(?:;\S+)?$/m.exec(text) ?? /Submitted batch job (\d+)/.exec(text);
  if (!m?.[1]) throw new SlurmParseError("sbatch's answer", text);
  return m[1];
}

/**
 * Slurm's reason for rejecting a submission, from sbatch's stderr.
 *
 * `submitFailureReason('sbatch: error: invalid partition specified: nope\nsbatch: error: Batch job submission failed: Invalid partition name specified')`
 *   → 'Invalid partition name specified'
 */
export function submitFailureReason(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const failed = lines.find((l) => l.includes('Batch job submission failed:'));
  if (failed) return failed.slice(failed.indexOf('Batch job submission failed:') + 28).trim();
  const last = [...lines].reverse().find((l) => /error:/.test(l)) ?? lines.at(-1);
  return last?.replace(/^sbatch:\s*(?:error:\s*)?/, '') ?? 'sbatch failed without a message';
}
