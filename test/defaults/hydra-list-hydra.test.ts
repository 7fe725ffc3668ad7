/**
 * Hydra's own configs in the final defaults list, and experiments (after Hydra's
 * tests/defaults_list/test_defaults_list.py, version_base 1.3). tydra's `hydra/config` lists more
 * groups than the one in Hydra's test repo, so the hydra entries are compared on help, output and
 * hydra/config itself.
 */
import { describe, expect, it } from 'vitest';
import { ConfigCompositionError } from '../../src/defaults/errors.js';
import { type Entry, defaultsListOf, errorOf, rd, self } from './hydra-list-fixture.js';

const shown = new Set(['hydra/config']);
function hydraView(list: Entry[]): Entry[] {
  return list.filter((d) => !d.configPath.startsWith('hydra/') || shown.has(d.configPath) || /^hydra\/(help|output)\//.test(d.configPath));
}

const hydraPart = (help: string) => [
  rd('hydra/output/default', 'hydra', 'hydra/config'),
  rd(`hydra/help/${help}`, 'hydra.help', 'hydra/config'),
  self('hydra/config', 'hydra'),
];

describe('hydra/config comes first, under the virtual root', () => {
  it('before a primary config without defaults', () => {
    expect(hydraView(defaultsListOf('empty', [], { withHydra: true }))).toEqual([...hydraPart('default'), rd('empty', '')]);
  });
  it('every hydra entry descends from hydra/config and lands under the hydra package', () => {
    const list = defaultsListOf('empty', [], { withHydra: true });
    const hydra = list.filter((d) => d.configPath.startsWith('hydra/'));
    expect(hydra.at(-1)).toEqual(self('hydra/config', 'hydra'));
    for (const d of hydra.slice(0, -1)) {
      expect(d.parent).toBe('hydra/config');
      expect(d.package === 'hydra' || d.package.startsWith('hydra.')).toBe(true);
    }
  });
  it('the primary config overrides a hydra group with the override keyword', () => {
    expect(hydraView(defaultsListOf('override_hydra2', [], { withHydra: true }))).toEqual([
      ...hydraPart('custom1'),
      // only override entries: no implicit _self_, the config is a leaf
      rd('override_hydra2', ''),
    ]);
  });
  it('the command line beats the override keyword of the primary config', () => {
    expect(hydraView(defaultsListOf('override_hydra2', ['hydra/help=custom2'], { withHydra: true }))).toEqual([
      ...hydraPart('custom2'),
      rd('override_hydra2', ''),
    ]);
  });
  it('without the override keyword a hydra group in the primary config is a second choice (error)', () => {
    const e = errorOf('legacy_override_hydra', [], { withHydra: true });
    expect(e).toBeInstanceOf(ConfigCompositionError);
    expect(e.message).toContain("Multiple values for hydra/help. To override a value use 'override hydra/help: custom1'");
  });
});

describe('experiments', () => {
  it('an appended @package _global_ experiment includes an absolute group', () => {
    expect(defaultsListOf('group_default', ['+experiment=include_absolute_config'])).toEqual([
      rd('group1/file1', 'group1', 'group_default'),
      self('group_default', ''),
      rd('group1/group2/file1', 'group1.group2', 'experiment/include_absolute_config'),
      self('experiment/include_absolute_config', '', 'group_default'),
    ]);
  });
  it('an experiment used as the primary config overrides a hydra group', () => {
    expect(hydraView(defaultsListOf('experiment/override_hydra', [], { withHydra: true }))).toEqual([
      ...hydraPart('custom1'),
      rd('experiment/override_hydra', ''),
    ]);
  });
});

describe('without a primary config, hydra is still composed', () => {
  it('only hydra entries', () => {
    expect(hydraView(defaultsListOf(undefined, [], { withHydra: true }))).toEqual(hydraPart('default'));
  });
  it('an appended group hangs under the empty placeholder config, after hydra', () => {
    expect(hydraView(defaultsListOf(undefined, ['+group1=file1'], { withHydra: true }))).toEqual([
      ...hydraPart('default'),
      rd('group1/file1', 'group1', '_dummy_empty_config_'),
    ]);
  });
});
