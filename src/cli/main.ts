/**
 * The `tydra` command: subcommands are loaded on demand so that `tydra compose` loads only what
 * composing needs.
 */
import { reportError } from './report-error.js';

type Command = (argv: readonly string[], out: (s: string) => void) => Promise<number>;

const commands: Record<string, () => Promise<Command>> = {
  compose: async () => (await import('./compose-command.js')).composeCommand,
  sweep: async () => (await import('./sweep-command.js')).sweepCommand,
  // schema/types: added with the schema module
};

const USAGE = `Usage: tydra <command> [options] [OVERRIDE ...]

Commands:
  compose   compose a config from a conf/ tree and print it
  sweep     list the jobs of a multirun sweep with their configs
  schema    write JSON Schema for the primary config and each config group
  types     generate a .d.ts with the config shape and the group options

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
