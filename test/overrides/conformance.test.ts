/**
 * The override strings of the recorded Hydra conformance cases (../shared/conformance): every
 * override Hydra parsed must parse, every override Hydra rejected as unparsable must fail, and
 * for the sweep cases the job override strings we write must be Hydra's, byte for byte.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { expandSweep, isSweep, keyElement, OverrideParseError, parseOverride, renderOverride } from '../../src/overrides/index.js';

const CASES = fileURLToPath(new URL('../../../shared/conformance/cases', import.meta.url));
const available = existsSync(CASES);

interface CaseJson {
  overrides: string[];
  kind: 'compose' | 'sweep';
}
interface ErrorJson {
  ok: false;
  error: { type: string };
}
interface Expected {
  resolved?: { ok: true } | ErrorJson;
  sweep?: { ok: true; jobs: { overrides: string[] }[] } | ErrorJson;
}

function load(name: string): { dir: string; spec: CaseJson; expected: Expected } {
  const dir = join(CASES, name);
  return {
    dir,
    spec: JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')) as CaseJson,
    expected: JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Expected,
  };
}

/** The options of a config group: the YAML files directly in its directory, sorted. */
function groupOptions(confDir: string, group: string): string[] {
  const dir = join(confDir, group);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f) && statSync(join(dir, f)).isFile())
    .map((f) => f.replace(/\.ya?ml$/, ''))
    .sort();
}

/** Hydra's basic sweeper: one list of strings per key (a later override of a key replaces it in place), then the cartesian product. */
function jobs(overrides: string[], confDir: string): string[][] {
  const perKey = new Map<string, string[]>();
  for (const text of overrides) {
    const o = parseOverride(text);
    const values = isSweep(o)
      ? expandSweep(o.value, { groupOptions: () => groupOptions(confDir, o.key) }).map((v) => renderOverride(o, v))
      : [renderOverride(o)];
    perKey.set(keyElement(o), values);
  }
  let out: string[][] = [[]];
  for (const values of perKey.values()) out = out.flatMap((job) => values.map((v) => [...job, v]));
  return out;
}

const names = available ? readdirSync(CASES).filter((n) => existsSync(join(CASES, n, 'case.json'))).sort() : [];

describe.skipIf(!available)('conformance cases: override parsing', () => {
  it.each(names)('%s', (name) => {
    const { spec, expected } = load(name);
    const result = expected.resolved ?? expected.sweep;
    const parseFails = result !== undefined && !result.ok && result.error.type === 'OverrideParseException';
    if (parseFails) {
      const errors = spec.overrides.map((t) => {
        try {
          parseOverride(t);
          return undefined;
        } catch (e) {
          return e;
        }
      });
      expect(errors.some((e) => e instanceof OverrideParseError)).toBe(true);
    } else {
      for (const t of spec.overrides) expect(() => parseOverride(t), t).not.toThrow();
    }
  });
});

const sweepNames = names.filter((n) => {
  const { spec, expected } = load(n);
  return spec.kind === 'sweep' && spec.overrides.length > 0 && expected.sweep?.ok === true;
});

describe.skipIf(!available)('conformance cases: job override strings', () => {
  it.each(sweepNames)('%s', (name) => {
    const { dir, spec, expected } = load(name);
    const golden = (expected.sweep as { jobs: { overrides: string[] }[] }).jobs.map((j) => j.overrides);
    expect(jobs(spec.overrides, join(dir, 'conf'))).toEqual(golden);
  });
});
