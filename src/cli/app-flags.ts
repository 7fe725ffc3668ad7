/**
 * The command line of every app wrapped by `main()`: Hydra's flags, the app's own flags, the
 * overrides, and everything after `--` passed through.
 *
 *   app [--cfg job|hydra|all] [--resolve] [-p PKG] [--info [TOPIC]] [-m] [-cp DIR] [-cn NAME]
 *       [-cd DIR] [-sc install=bash|zsh|fish] [--hydra-help] [-h] [--quiet] [APP FLAGS] [OVERRIDE ...] [-- ...]
 */
import { TydraError, closestMatch } from '../errors.js';

export type CfgKind = 'job' | 'hydra' | 'all';
export const INFO_TOPICS = ['all', 'config', 'defaults', 'defaults-tree', 'searchpath', 'plugins', 'provenance'] as const;
export type InfoTopic = (typeof INFO_TOPICS)[number];

/** A flag the app declares next to Hydra's (`--dry-run`, `--epochs 3`). */
export interface AppFlagSpec {
  type: 'boolean' | 'string' | 'number';
  /** One-letter alias, e.g. `n` for `-n`. */
  alias?: string;
  description?: string;
  default?: boolean | string | number;
}

export type AppFlagValues = Record<string, boolean | string | number | undefined>;

export interface AppArgs {
  overrides: string[];
  cfg?: CfgKind;
  resolve: boolean;
  package?: string;
  info?: InfoTopic;
  help: boolean;
  hydraHelp: boolean;
  version: boolean;
  multirun: boolean;
  run: boolean;
  configPath?: string;
  configName?: string;
  configDir?: string;
  shellCompletion?: string;
  quiet: boolean;
  /** tydra: resume a sweep in this dir. */
  resume?: string;
  /** tydra: submit and return (SLURM). */
  detach: boolean;
  maxFailures?: number;
  failFast: boolean;
  /** tydra: recompose and rerun when a config file changes. */
  watch: boolean;
  /** Internal: run one job of a manifest (`--tydra-job <jobs.jsonl> <index>`). */
  job?: { manifest: string; index: number };
  flags: AppFlagValues;
  passthrough: string[];
}

interface HydraFlag {
  names: string[];
  value: 'none' | 'required' | 'optional';
  set: (a: AppArgs, v: string | undefined, flag: string) => void;
  help: string;
}

function cfgKind(v: string | undefined, flag: string): CfgKind {
  if (v === 'job' || v === 'hydra' || v === 'all') return v;
  throw new TydraError(`${flag} takes one of job, hydra, all (got '${v ?? ''}')`);
}

function infoTopic(v: string | undefined): InfoTopic {
  if (v === undefined) return 'all';
  if ((INFO_TOPICS as readonly string[]).includes(v)) return v as InfoTopic;
  throw new TydraError(`--info takes one of ${INFO_TOPICS.join(', ')} (got '${v}')`);
}

export const HYDRA_FLAGS: readonly HydraFlag[] = [
  { names: ['--help', '-h'], value: 'none', set: (a) => (a.help = true), help: "Application's help" },
  { names: ['--hydra-help'], value: 'none', set: (a) => (a.hydraHelp = true), help: "Hydra's help" },
  { names: ['--version'], value: 'none', set: (a) => (a.version = true), help: 'Show the version and exit' },
  { names: ['--cfg', '-c'], value: 'required', set: (a, v, f) => (a.cfg = cfgKind(v, f)), help: 'Show config instead of running [job|hydra|all]' },
  { names: ['--resolve'], value: 'none', set: (a) => (a.resolve = true), help: 'Used in conjunction with --cfg, resolve config interpolations before printing.' },
  { names: ['--package', '-p'], value: 'required', set: (a, v) => (a.package = v), help: 'Config package to show' },
  { names: ['--run', '-r'], value: 'none', set: (a) => (a.run = true), help: 'Run a job' },
  { names: ['--multirun', '-m'], value: 'none', set: (a) => (a.multirun = true), help: 'Run multiple jobs with the configured launcher and sweeper' },
  { names: ['--shell-completion', '-sc'], value: 'required', set: (a, v) => (a.shellCompletion = v), help: 'Install or Uninstall shell completion: install=bash|zsh|fish' },
  { names: ['--config-path', '-cp'], value: 'required', set: (a, v) => (a.configPath = v), help: 'Overrides the config_path specified in main(). The config_path is absolute or relative to the app script' },
  { names: ['--config-name', '-cn'], value: 'required', set: (a, v) => (a.configName = v), help: 'Overrides the config_name specified in main()' },
  { names: ['--config-dir', '-cd'], value: 'required', set: (a, v) => (a.configDir = v), help: 'Adds an additional config dir to the config search path' },
  { names: ['--info', '-i'], value: 'optional', set: (a, v) => (a.info = infoTopic(v)), help: `Print information [${INFO_TOPICS.join('|')}]` },
  { names: ['--quiet', '-q'], value: 'none', set: (a) => (a.quiet = true), help: 'Only warnings and errors on the console (the log file keeps everything)' },
  { names: ['--resume'], value: 'required', set: (a, v) => ((a.resume = v), (a.multirun = true)), help: 'Resume the sweep in this directory (implies -m): skip completed jobs, rerun failed and missing ones' },
  { names: ['--detach'], value: 'none', set: (a) => (a.detach = true), help: 'Submit the jobs and return (SLURM); gather later with `tydra collect DIR`' },
  {
    names: ['--max-failures'],
    value: 'required',
    set: (a, v) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 0) throw new TydraError(`--max-failures takes a non-negative integer (got '${v}')`);
      a.maxFailures = n;
    },
    help: 'Stop launching new jobs after N failures',
  },
  { names: ['--fail-fast'], value: 'none', set: (a) => (a.failFast = true), help: 'Stop launching new jobs after the first failure' },
  { names: ['--watch'], value: 'none', set: (a) => (a.watch = true), help: 'Rerun when a config file changes' },
];

export function emptyArgs(): AppArgs {
  return { overrides: [], resolve: false, help: false, hydraHelp: false, version: false, multirun: false, run: false, quiet: false, detach: false, failFast: false, watch: false, flags: {}, passthrough: [] };
}

/** Parse an app's argv. Unknown `--flags` are errors with a did-you-mean. */
export function parseAppArgs(argv: readonly string[], appFlags: Readonly<Record<string, AppFlagSpec>> = {}): AppArgs {
  const a = emptyArgs();
  for (const [name, spec] of Object.entries(appFlags)) if (spec.default !== undefined) a.flags[name] = spec.default;
  const byName = new Map<string, HydraFlag>();
  for (const f of HYDRA_FLAGS) for (const n of f.names) byName.set(n, f);
  const appByName = new Map<string, [string, AppFlagSpec]>();
  for (const [name, spec] of Object.entries(appFlags)) {
    if (byName.has(`--${name}`)) throw new TydraError(`The app flag --${name} clashes with a Hydra flag`);
    if (spec.alias && byName.has(`-${spec.alias}`)) throw new TydraError(`The alias -${spec.alias} of the app flag --${name} clashes with a Hydra flag`);
    appByName.set(`--${name}`, [name, spec]);
    if (spec.alias) appByName.set(`-${spec.alias}`, [name, spec]);
  }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') {
      const rest = argv.slice(i + 1);
      // Launchers append `--tydra-job <manifest> <num>` to the app's command line: it is ours
      // even when the command line has a `--` passthrough.
      const n = rest.length;
      if (n >= 3 && rest[n - 3] === '--tydra-job' && Number.isInteger(Number(rest[n - 1]))) {
        a.job = { manifest: rest[n - 2] as string, index: Number(rest[n - 1]) };
        rest.length = n - 3;
      }
      a.passthrough = rest;
      break;
    }
    if (arg === '--tydra-job') {
      const manifest = argv[i + 1];
      const index = Number(argv[i + 2]);
      if (manifest === undefined || !Number.isInteger(index)) throw new TydraError('--tydra-job needs <manifest> <index>');
      a.job = { manifest, index };
      i += 2;
      continue;
    }
    if (!arg.startsWith('-') || /^-\d/.test(arg)) {
      a.overrides.push(arg);
      continue;
    }
    // `--flag=value` and, as argparse allows, `-cn=value`.
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const inline = eq > 0 ? arg.slice(eq + 1) : undefined;
    const hydra = byName.get(name);
    if (hydra) {
      let value = inline;
      if (value === undefined && hydra.value === 'required') {
        value = argv[i + 1];
        if (value === undefined) throw new TydraError(`${name} needs a value`);
        i++;
      } else if (value === undefined && hydra.value === 'optional') {
        const next = argv[i + 1];
        if (next !== undefined && (INFO_TOPICS as readonly string[]).includes(next)) {
          value = next;
          i++;
        }
      }
      hydra.set(a, value, name);
      continue;
    }
    const negated = name.startsWith('--no-') ? appByName.get(`--${name.slice(5)}`) : undefined;
    const app = appByName.get(name) ?? (negated?.[1].type === 'boolean' ? negated : undefined);
    if (app) {
      const [flag, spec] = app;
      if (spec.type === 'boolean') {
        a.flags[flag] = inline !== undefined ? !['false', '0', 'no'].includes(inline) : !name.startsWith('--no-');
        continue;
      }
      let value = inline;
      if (value === undefined) {
        value = argv[i + 1];
        if (value === undefined) throw new TydraError(`--${flag} needs a value`);
        i++;
      }
      if (spec.type === 'number') {
        const n = Number(value);
        if (Number.isNaN(n) || value.trim() === '') throw new TydraError(`--${flag} takes a number (got '${value}')`);
        a.flags[flag] = n;
      } else a.flags[flag] = value;
      continue;
    }
    const known = [...byName.keys(), ...appByName.keys()].filter((k) => k.startsWith('--'));
    const guess = closestMatch(name, known);
    throw new TydraError(`Unknown flag '${arg}'`, {
      hint: guess ? `did you mean ${guess}?` : 'overrides look like key=value; run with --help to see the flags',
    });
  }
  return a;
}

/** The flags section of `--help` / `--hydra-help` ($FLAGS_HELP). */
export function flagsHelp(appFlags: Readonly<Record<string, AppFlagSpec>> = {}): string {
  const rows: [string, string][] = HYDRA_FLAGS.map((f) => [f.names.join(','), f.help]);
  for (const [name, spec] of Object.entries(appFlags)) {
    rows.push([`--${name}${spec.alias ? `,-${spec.alias}` : ''}${spec.type === 'boolean' ? '' : ` ${spec.type.toUpperCase()}`}`, spec.description ?? '']);
  }
  rows.push(['overrides', 'Any key=value arguments to override config values (use dots for.nested=overrides)']);
  const w = Math.max(...rows.map((r) => r[0].length));
  return rows.map(([a, b]) => `${a.padEnd(w)} : ${b}`).join('\n');
}
