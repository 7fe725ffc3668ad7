/**
 * The command line of an app wrapped by `main()`: Hydra's flags (hydra.cc 1.3:
 * advanced/hydra-command-line-flags), the app's own flags, overrides, and `--` passthrough.
 */
import { describe, expect, it } from 'vitest';
import { type AppFlagSpec, emptyArgs, flagsHelp, HYDRA_FLAGS, parseAppArgs } from '../../src/cli/app-flags.js';
import { TydraError } from '../../src/errors.js';

const appFlags: Record<string, AppFlagSpec> = {
  'dry-run': { type: 'boolean', alias: 'n', description: 'Plan without running' },
  epochs: { type: 'number', alias: 'e', default: 3, description: 'Training epochs' },
  tag: { type: 'string' },
};

function parse(...argv: string[]) {
  return parseAppArgs(argv, appFlags);
}

function thrown(fn: () => unknown): TydraError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(TydraError);
    return e as TydraError;
  }
  throw new Error('expected a TydraError');
}

describe('Hydra flags', () => {
  it('sets nothing for an empty command line but the app flag defaults', () => {
    expect(parse()).toEqual({ ...emptyArgs(), flags: { epochs: 3 } });
  });

  it('reads every boolean Hydra flag and its short alias', () => {
    expect(parseAppArgs(['--help', '--hydra-help', '--version', '--resolve', '--run', '--multirun', '--quiet', '--detach', '--fail-fast', '--watch'])).toMatchObject({
      help: true,
      hydraHelp: true,
      version: true,
      resolve: true,
      run: true,
      multirun: true,
      quiet: true,
      detach: true,
      failFast: true,
      watch: true,
    });
    expect(parseAppArgs(['-h', '-r', '-m', '-q'])).toMatchObject({ help: true, run: true, multirun: true, quiet: true });
  });

  it('reads the Hydra flags that take a value, long and short, separate or attached', () => {
    expect(parseAppArgs(['--config-path', 'conf', '--config-name', 'train', '--config-dir', 'extra', '--package', 'db', '--shell-completion', 'install=bash'])).toMatchObject({
      configPath: 'conf',
      configName: 'train',
      configDir: 'extra',
      package: 'db',
      shellCompletion: 'install=bash',
    });
    expect(parseAppArgs(['-cp', 'conf', '-cn', 'train', '-cd', 'extra', '-p', 'db', '-sc', 'install=zsh'])).toMatchObject({
      configPath: 'conf',
      configName: 'train',
      configDir: 'extra',
      package: 'db',
      shellCompletion: 'install=zsh',
    });
    expect(parseAppArgs(['--config-name=train', '-cd=extra', '-p=db'])).toMatchObject({ configName: 'train', configDir: 'extra', package: 'db' });
  });

  it('says which flag is missing its value', () => {
    expect(thrown(() => parseAppArgs(['--config-name'])).message).toBe('--config-name needs a value');
    expect(thrown(() => parseAppArgs(['-m', '-c'])).message).toBe('-c needs a value');
  });

  it('reads --cfg job|hydra|all and rejects anything else', () => {
    expect(parseAppArgs(['--cfg', 'job']).cfg).toBe('job');
    expect(parseAppArgs(['-c', 'hydra']).cfg).toBe('hydra');
    expect(parseAppArgs(['--cfg=all']).cfg).toBe('all');
    expect(thrown(() => parseAppArgs(['--cfg', 'config'])).message).toBe("--cfg takes one of job, hydra, all (got 'config')");
  });

  it('reads --info without a topic as all', () => {
    expect(parseAppArgs(['--info']).info).toBe('all');
    expect(parseAppArgs(['-i']).info).toBe('all');
  });

  it('reads a known topic after --info', () => {
    expect(parseAppArgs(['--info', 'defaults']).info).toBe('defaults');
    expect(parseAppArgs(['-i', 'defaults-tree']).info).toBe('defaults-tree');
    expect(parseAppArgs(['--info=searchpath']).info).toBe('searchpath');
  });

  it('keeps the argument after --info as an override when it is not a topic', () => {
    const a = parseAppArgs(['--info', 'db=mysql']);
    expect(a.info).toBe('all');
    expect(a.overrides).toEqual(['db=mysql']);
  });

  it('rejects an unknown --info topic given with =', () => {
    expect(thrown(() => parseAppArgs(['--info=bogus'])).message).toContain('--info takes one of all, config, defaults');
  });

  it('reads --resume as a multirun in that directory', () => {
    expect(parseAppArgs(['--resume', 'multirun/2024-01-01'])).toMatchObject({ resume: 'multirun/2024-01-01', multirun: true });
  });

  it('reads --max-failures as a non-negative integer', () => {
    expect(parseAppArgs(['--max-failures', '2']).maxFailures).toBe(2);
    expect(parseAppArgs(['--max-failures=0']).maxFailures).toBe(0);
    expect(() => parseAppArgs(['--max-failures', '-1'])).toThrow("--max-failures takes a non-negative integer (got '-1')");
    expect(() => parseAppArgs(['--max-failures', '1.5'])).toThrow(TydraError);
  });
});

describe('overrides and passthrough', () => {
  it('keeps overrides in order, as typed, around the flags', () => {
    expect(parse('db=mysql', '-m', '+x=1', '~seed', 'lr=0.10').overrides).toEqual(['db=mysql', '+x=1', '~seed', 'lr=0.10']);
  });

  it('passes everything after -- through, flags included', () => {
    const a = parse('a=1', '--', '--multirun', 'b=2');
    expect(a.overrides).toEqual(['a=1']);
    expect(a.passthrough).toEqual(['--multirun', 'b=2']);
    expect(a.multirun).toBe(false);
  });

  it('reads the launcher job marker --tydra-job <manifest> <index>', () => {
    expect(parse('a=1', '--tydra-job', 'jobs.jsonl', '4').job).toEqual({ manifest: 'jobs.jsonl', index: 4 });
    expect(parse('a=1', '--tydra-job', 'jobs.jsonl', '4').overrides).toEqual(['a=1']);
  });

  it('takes the job marker back from the end of a passthrough', () => {
    const a = parse('a=1', '--', '--data', 'x', '--tydra-job', 'jobs.jsonl', '2');
    expect(a.job).toEqual({ manifest: 'jobs.jsonl', index: 2 });
    expect(a.passthrough).toEqual(['--data', 'x']);
  });

  it('leaves a passthrough alone when its end is not a job marker', () => {
    const a = parse('--', '--tydra-job', 'jobs.jsonl', 'x');
    expect(a.job).toBeUndefined();
    expect(a.passthrough).toEqual(['--tydra-job', 'jobs.jsonl', 'x']);
  });

  it('rejects a job marker without a manifest and an integer index', () => {
    expect(thrown(() => parse('--tydra-job', 'jobs.jsonl', 'x')).message).toBe('--tydra-job needs <manifest> <index>');
    expect(() => parse('--tydra-job')).toThrow('--tydra-job needs <manifest> <index>');
  });
});

describe('app flags', () => {
  it('starts from the declared defaults', () => {
    expect(parse().flags).toEqual({ epochs: 3 });
  });

  it('reads a boolean flag, its alias, and its --no- form', () => {
    expect(parse('--dry-run').flags['dry-run']).toBe(true);
    expect(parse('-n').flags['dry-run']).toBe(true);
    expect(parse('--dry-run', '--no-dry-run').flags['dry-run']).toBe(false);
  });

  it('reads false, 0 and no given to a boolean flag as false', () => {
    expect(parse('--dry-run=false').flags['dry-run']).toBe(false);
    expect(parse('--dry-run=0').flags['dry-run']).toBe(false);
    expect(parse('--dry-run=no').flags['dry-run']).toBe(false);
    expect(parse('--dry-run=yes').flags['dry-run']).toBe(true);
  });

  it('does not let a boolean flag swallow the override after it', () => {
    expect(parse('--dry-run', 'a=1').overrides).toEqual(['a=1']);
  });

  it('reads a number flag as a number, separate or attached, by name or alias', () => {
    expect(parse('--epochs', '10').flags.epochs).toBe(10);
    expect(parse('--epochs=1e2').flags.epochs).toBe(100);
    expect(parse('-e', '0.5').flags.epochs).toBe(0.5);
    expect(parse('--epochs', '-1').flags.epochs).toBe(-1);
  });

  it('rejects a number flag given something else, also nothing', () => {
    expect(thrown(() => parse('--epochs', 'ten')).message).toBe("--epochs takes a number (got 'ten')");
    expect(() => parse('--epochs=')).toThrow("--epochs takes a number (got '')");
    expect(() => parse('--epochs')).toThrow('--epochs needs a value');
  });

  it('reads a string flag verbatim', () => {
    expect(parse('--tag', 'v1=final').flags.tag).toBe('v1=final');
    expect(parse('--tag=').flags.tag).toBe('');
  });

  it('does not read --no- in front of a flag that is not boolean', () => {
    expect(thrown(() => parse('--no-epochs', '5')).message).toBe("Unknown flag '--no-epochs'");
  });

  it('rejects an app flag named like a Hydra flag', () => {
    expect(thrown(() => parseAppArgs([], { multirun: { type: 'boolean' } })).message).toBe('The app flag --multirun clashes with a Hydra flag');
  });

  it('rejects an app flag alias that is a Hydra short flag', () => {
    expect(thrown(() => parseAppArgs([], { many: { type: 'boolean', alias: 'm' } })).message).toContain('-m of the app flag --many clashes with a Hydra flag');
  });
});

describe('unknown flags', () => {
  it('suggests the closest Hydra flag', () => {
    const e = thrown(() => parse('--mutlirun'));
    expect(e.message).toBe("Unknown flag '--mutlirun'");
    expect(e.hint).toBe('did you mean --multirun?');
  });

  it('suggests the closest app flag', () => {
    expect(thrown(() => parse('--epoch', '3')).hint).toBe('did you mean --epochs?');
  });

  it('explains what overrides look like when nothing is close', () => {
    expect(thrown(() => parse('--zzzzzzzz')).hint).toBe('overrides look like key=value; run with --help to see the flags');
  });
});

describe('flagsHelp', () => {
  it('lists every Hydra flag, then the app flags with their alias and value type, then overrides, in aligned columns', () => {
    const lines = flagsHelp(appFlags).split('\n');
    expect(lines).toHaveLength(HYDRA_FLAGS.length + 4);
    expect(lines[0]).toMatch(/^--help,-h +: Application's help$/);
    const app = lines.slice(HYDRA_FLAGS.length);
    expect(app.map((l) => l.replace(/ +:/, ' :'))).toEqual([
      '--dry-run,-n : Plan without running',
      '--epochs,-e NUMBER : Training epochs',
      '--tag STRING : ',
      'overrides : Any key=value arguments to override config values (use dots for.nested=overrides)',
    ]);
    const colons = new Set(lines.map((l) => l.indexOf(' : ')));
    expect(colons.size).toBe(1);
  });

  it('lists only Hydra flags and overrides for an app without flags', () => {
    expect(flagsHelp().split('\n')).toHaveLength(HYDRA_FLAGS.length + 1);
  });
});
