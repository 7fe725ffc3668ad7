/**
 * Flags of the `tydra` subcommands: Hydra's two-letter short flags, `--flag=value`, booleans, and
 * overrides kept exactly as typed.
 */
import { describe, expect, it } from 'vitest';
import { type FlagSpec, parseArgs } from '../../src/cli/args.js';
import { TydraError } from '../../src/errors.js';

const spec: FlagSpec = {
  strings: { 'config-dir': ['cd'], 'config-name': ['cn'], output: ['o'] },
  booleans: { resolve: [], verbose: ['v'] },
};

function parse(...argv: string[]) {
  return parseArgs(argv, spec, 'compose');
}

describe('parseArgs', () => {
  it('reads Hydra two-letter short flags (-cd, -cn) as their long names', () => {
    expect(parse('-cd', 'conf', '-cn', 'train').flags).toMatchObject({ 'config-dir': 'conf', 'config-name': 'train' });
  });

  it('reads a two-letter short flag with an attached =value', () => {
    expect(parse('-cd=conf').flags['config-dir']).toBe('conf');
  });

  it('reads long flags with a separate or an attached value', () => {
    expect(parse('--config-dir', 'conf').flags['config-dir']).toBe('conf');
    expect(parse('--config-dir=conf').flags['config-dir']).toBe('conf');
    expect(parse('--output=a=b').flags.output).toBe('a=b');
  });

  it('reads one-letter aliases', () => {
    expect(parse('-o', 'out', '-v').flags).toMatchObject({ output: 'out', verbose: true });
  });

  it('keeps the last value of a flag given twice', () => {
    expect(parse('-o', 'a', '--output', 'b').flags.output).toBe('b');
  });

  it('leaves absent flags unset', () => {
    const { flags } = parse('a=1');
    expect(flags.output).toBeUndefined();
    expect(flags['config-dir']).toBeUndefined();
  });

  it('rejects a value flag given without a value: last, before another flag, or empty', () => {
    expect(() => parse('a=1', '--config-dir')).toThrow("Option '--config-dir' of 'tydra compose' needs a value");
    expect(() => parse('-cn', '--resolve')).toThrow("Option '--config-name' of 'tydra compose' needs a value");
    expect(() => parse('--output=')).toThrow("Option '--output' of 'tydra compose' needs a value");
  });

  it('gives every boolean flag a value, false unless given', () => {
    expect(parse().flags).toEqual({ resolve: false, verbose: false });
    expect(parse('--resolve').flags).toEqual({ resolve: true, verbose: false });
    expect(parse('--resolve', '--no-resolve').flags.resolve).toBe(false);
  });

  it('does not let a boolean flag swallow the override after it', () => {
    expect(parse('--verbose', 'a=1')).toMatchObject({ flags: { verbose: true }, overrides: ['a=1'] });
  });

  it('keeps positional overrides verbatim, even when they look like numbers', () => {
    const overrides = ['3', '007', '1e3', '0x10', '1.50', 'lr=0.10', '~db', '+x=1', '++y=2', 'msg=a b'];
    expect(parse('-cn', 'train', ...overrides).overrides).toEqual(overrides);
  });

  it('keeps the overrides in order around the flags', () => {
    expect(parse('a=1', '-cn', 'train', 'b=2', '--resolve', 'c=3').overrides).toEqual(['a=1', 'b=2', 'c=3']);
  });

  it('passes everything after -- through untouched, flags included', () => {
    const r = parse('a=1', '--', '-cd', 'x', '--resolve', 'b=2');
    expect(r.overrides).toEqual(['a=1']);
    expect(r.passthrough).toEqual(['-cd', 'x', '--resolve', 'b=2']);
    expect(r.flags).toEqual({ resolve: false, verbose: false });
  });

  it('has an empty passthrough without --', () => {
    expect(parse('a=1').passthrough).toEqual([]);
  });

  it('rejects an unknown option, naming the command and listing the options', () => {
    let error: unknown;
    try {
      parse('--nope', 'a=1');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TydraError);
    expect((error as TydraError).message).toBe("Unknown option '--nope' for 'tydra compose'");
    expect((error as TydraError).hint).toBe('options: --config-dir, --config-name, --output, --resolve, --verbose');
    expect(() => parse('-x')).toThrow("Unknown option '-x'");
    expect(() => parse('--nope=1')).toThrow("Unknown option '--nope=1'");
  });
});
