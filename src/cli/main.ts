/**
 * The `tydra` command: subcommands are loaded on demand so that `tydra compose` loads only what
 * composing needs.
 */
import { reportError } from './report-error.js';

type Command = (argv: readonly string[], out: (s: string) => void) => Promise<number>;

const commands: Record<string, () => Promise<Command>> = {
  compose: async () => (await import('./compose-command.js')).composeCommand,
  sweep: async () => (await import('./sweep-command.js')).sweepCommand,
  collect: async () => (await import('./collect-command.js')).collectCommand,
  schema: async () => (await import('./schema-command.js')).schemaCommand,
  types: async () => (await import('./types-command.js')).typesCommand,
  // [runs] the run index and the runner for any command (src/runs/, runs-command.ts, run-command.ts)
  runs: async () => (await import('./runs-command.js')).runsCommand,
  run: async () => (await import('./run-command.js')).runCommand,
};

const USAGE = `Usage: tydra <command> [options] [OVERRIDE ...]

Commands:
  compose   compose a config from a conf/ tree and print it
  sweep     list the jobs of a multirun sweep with their configs
  collect   gather the results of a sweep dir (wait for its SLURM jobs; write results.csv, summary.md)
  schema    write JSON Schema for the primary config and each config group
  types     generate a .d.ts with the config shape and the group options
  run       run any command as a tydra job: tydra run -cd conf -cn train -- python train.py --lr {{optimizer.lr}}
  runs      find past runs: runs ls, runs show RUN, runs diff A B, runs rerun RUN

Run 'tydra <command> --help' for the options of a command.`;

export async function runCli(argv: readonly string[], out: (s: string) => void = (s) => process.stdout.write(s)): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    out(`${USAGE}\n`);
    return name === undefined ? 1 : 0;
  }
  if (name === '--version' || name === '-v') {
    out('tydra 0.1.0\n');
    return 0;
  }
  const load = commands[name];
  if (!load) {
    process.stderr.write(`Error: unknown command '${name}'\n\n${USAGE}\n`);
    return 1;
  }
  try {
    return await (await load())(rest, out);
  } catch (err) {
    return reportError(err);
  }
}
