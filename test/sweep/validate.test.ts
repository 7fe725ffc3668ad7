import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { Composer } from '../../src/compose/compose.js';
import { sweepPlanFor } from '../../src/sweep/sweep-plan.js';
import { parseOverride } from '../../src/overrides/parser.js';
import { SweepValidationError, validateSweep } from '../../src/sweep/validate.js';
import { confTree } from '../helpers/conf-tree.js';

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

describe('settings a sweep decides once', () => {
  const files = {
    'config.yaml': 'defaults:\n  - _self_\na: 1\n',
    'experiment/plain.yaml': '# @package _global_\na: 2\n',
    'experiment/pool.yaml': '# @package _global_\ndefaults:\n  - override /hydra/launcher: local\n',
    'experiment/wide.yaml': '# @package _global_\nhydra:\n  sweep:\n    dir: elsewhere\n',
    'experiment/slow.yaml': '# @package _global_\ndefaults:\n  - override /hydra/launcher: local\nhydra:\n  launcher:\n    n_jobs: 1\n',
  };
  function check(cli: string[]) {
    const overrides = cli.map(parseOverride);
    const composer = new Composer({ configDir: confTree(files), configName: 'config', mode: 'multirun', now: new Date(2024, 0, 2, 3, 4, 5) }, overrides);
    const sweep = composer.compose(overrides.filter((o) => !o.input.startsWith('+experiment')), { mode: 'multirun' });
    return validateSweep(composer, sweepPlanFor(composer, overrides).dimensions, 1000, sweep).ignored;
  }

  it('says when a job would choose another launcher or sweep dir than the sweep (Hydra ignores it silently)', () => {
    expect(check(['+experiment=plain,pool,wide'])).toEqual([
      'Job 1 (+experiment=pool) would set hydra/launcher=local, but the sweep launches all its jobs with hydra/launcher=basic: choose the launcher on the command line or in the primary config',
      'Job 2 (+experiment=wide) would set hydra.sweep.dir="elsewhere", but the sweep launches all its jobs with hydra.sweep.dir="multirun/2024-01-02/03-04-05": choose the sweep dir on the command line or in the primary config',
    ]);
  });

  it('names the first option that differs when the launcher is the same', () => {
    expect(check(['hydra/launcher=local', '+experiment=pool,slow'])).toEqual([
      'Job 1 (+experiment=slow) would set hydra.launcher.n_jobs=1, but the sweep launches all its jobs with hydra.launcher.n_jobs=null: choose the launcher on the command line or in the primary config',
    ]);
  });

  it('says nothing when every job keeps the sweep’s own settings', () => {
    expect(check(['+experiment=plain', 'a=1,2'])).toEqual([]);
  });
});
