/**
 * `tydra collect <sweep dir> [--no-wait] [--poll-interval S] [--sort-by METRIC] [--maximize]`
 *
 * Gathers the results of a sweep: waits for the jobs of a detached SLURM sweep to end, then
 * rewrites `jobs.jsonl`, `results.csv` and `summary.md` and prints what did not complete. Exits 0
 * when every job completed, 1 otherwise (2 when some are still running with --no-wait).
 */
import path from 'node:path';
import { TydraError } from '../errors.js';
import { parseArgs } from './args.js';

export const collectFlags = {
  strings: { 'poll-interval': [], 'sort-by': [] },
  booleans: { 'no-wait': [], maximize: [], quiet: ['q'], help: ['h'] },
};

const USAGE = `Usage: tydra collect <sweep dir> [--no-wait] [--poll-interval S] [--sort-by METRIC] [--maximize] [--quiet]

Gather the results of a sweep (e.g. one submitted with --detach): wait for its SLURM jobs to end,
then rewrite jobs.jsonl, results.csv and summary.md in the sweep dir.

  --no-wait          look once; do not wait for jobs still queued or running
  --poll-interval S  seconds between SLURM polls (default 2)
  --sort-by METRIC   sort summary.md by this key of the jobs' return values
  --maximize         with --sort-by: highest first (default: lowest first)
  --quiet            print only what did not complete
`;

export async function collectCommand(argv: readonly string[], out: (s: string) => void): Promise<number> {
  const { flags, overrides } = parseArgs(argv, collectFlags, 'collect');
  if (flags.help) {
    out(USAGE);
    return 0;
  }
  const [dir, ...extra] = overrides;
  if (dir === undefined || extra.length > 0) throw new TydraError('tydra collect takes one sweep dir', { hint: 'tydra collect multirun/2024-05-01/12-00-00' });
  const poll = flags['poll-interval'] === undefined ? undefined : Number(flags['poll-interval']);
  if (poll !== undefined && !(poll > 0)) throw new TydraError(`--poll-interval takes a positive number of seconds (got '${flags['poll-interval']}')`);
  const { collectSweep } = await import('../sweep/collect.js');
  const { failureTable, jobCount, statusCounts, RESULTS_CSV, SUMMARY_MD } = await import('../sweep/results.js');
  const quiet = flags.quiet === true;
  let finished = 0;
  const collected = await collectSweep(dir, {
    noWait: flags['no-wait'] === true,
    pollIntervalS: poll,
    metric: typeof flags['sort-by'] === 'string' ? flags['sort-by'] : undefined,
    // A new --sort-by is lowest first unless --maximize: the sweep's direction goes with its own metric.
    direction: flags.maximize ? 'maximize' : typeof flags['sort-by'] === 'string' ? 'minimize' : undefined,
    onEvent: (ev) => {
      if (ev.type !== 'finished' || quiet) return;
      finished++;
      if (process.stderr.isTTY) process.stderr.write(`\r\x1b[K${jobCount(finished)} ended`);
    },
  });
  if (process.stderr.isTTY && finished > 0) process.stderr.write('\r\x1b[K');
  const { entries, sweepDir } = collected;
  const counts = [...statusCounts(entries)].map(([s, n]) => `${n} ${s}`).join(', ');
  if (!quiet) {
    out(`${sweepDir}: ${jobCount(entries.length)} (${counts})\n`);
    out(`Results: ${path.join(sweepDir, RESULTS_CSV)}\nSummary: ${path.join(sweepDir, SUMMARY_MD)}\n`);
  }
  const table = failureTable(entries);
  if (table) process.stderr.write(`${jobCount(entries.filter((e) => e.status !== 'completed').length)} did not complete:\n${table}\n`);
  if (!collected.ended) return 2;
  return entries.every((e) => e.status === 'completed') ? 0 : 1;
}
