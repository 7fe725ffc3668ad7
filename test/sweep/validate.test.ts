import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { Composer } from '../../src/compose/compose.js';
import { sweepPlanFor } from '../../src/sweep/sweep-plan.js';
import { parseOverride } from '../../src/overrides/parser.js';
import { SweepValidationError, validateSweep } from '../../src/sweep/validate.js';

const conf = path.resolve(__dirname, '../fixtures/multirun/conf');

function setup(cli: string[]) {
  const overrides = cli.map(parseOverride);
  const composer = new Composer({ configDir: conf, configName: 'config', mode: 'multirun' }, overrides);
  return { composer, plan: sweepPlanFor(composer, overrides) };
}

describe('validating a sweep before launch', () => {
  it('composes each distinct group-choice combination once, not every job', () => {
    const { composer, plan } = setup(['a=range(100)', 'model=small,large', 'b=range(50)']);
    const spy = vi.spyOn(composer, 'compose');
    const report = validateSweep(composer, plan.dimensions);
    expect(plan.count).toBe(10_000);
    expect(report.combinations).toBe(2);
    expect(spy).toHaveBeenCalledTimes(2);
  });

  it('names a job that cannot be composed', () => {
    const { composer, plan } = setup(['a=1,2', 'model=small,huge']);
    expect(() => validateSweep(composer, plan.dimensions)).toThrow(SweepValidationError);
    expect(() => validateSweep(composer, plan.dimensions)).toThrow(/Job 1 of the sweep cannot be composed \(a=1 model=huge\)/);
  });

  it('catches a misspelled swept key with the first value of each dimension', () => {
    const { composer, plan } = setup(['a=1,2', 'bb=3,4']);
    expect(() => validateSweep(composer, plan.dimensions)).toThrow(/bb/);
  });
});
