/**
 * The defaults tree with hydra/config prepended under a virtual root (Hydra 1.3
 * tests/defaults_list/test_defaults_tree.py with prepend_hydra=True, version_base 1.2+ branches).
 */
import { describe, expect, it } from 'vitest';
import { ConfigCompositionError } from '../../src/defaults/errors.js';
import { cfg, expectTree, grp, hydraNode, node, self, treeError, vroot } from './hydra-tree-helpers.js';

const withHydra = { withHydra: true };

describe('hydra overrides from the primary config', () => {
  it('override hydra/help in a config with only overrides: the config stays a leaf', () => {
    expectTree('override_hydra2', [], vroot([hydraNode('custom1'), cfg('override_hydra2')]), withHydra);
  });
  it('the command line beats the primary config override of hydra/help', () => {
    expectTree('override_hydra2', ['hydra/help=custom2'], vroot([hydraNode('custom2'), cfg('override_hydra2')]), withHydra);
  });
  it('two hydra overrides', () => {
    expectTree('override_hydra3', [], vroot([hydraNode('custom1', 'disabled'), cfg('override_hydra3')]), withHydra);
  });
  it('an override before a regular entry is an error', () => {
    const e = treeError('override_hydra_wrong_order', [], withHydra);
    expect(e).toBeInstanceOf(ConfigCompositionError);
    expect(e.message).toContain("In override_hydra_wrong_order: Override 'hydra/help : custom1' is defined before 'group1: file1'");
  });
  it('a custom subgroup of hydra listed without override is a regular entry of the primary config', () => {
    expectTree(
      'override_hydra4',
      [],
      vroot([hydraNode('default', 'disabled'), node(cfg('override_hydra4'), [grp('group1', 'file1'), grp('hydra/run', 'custom1'), self])]),
      withHydra,
    );
  });
  it('an appended experiment with a primary config that overrides hydra', () => {
    expectTree(
      'override_hydra1',
      ['+experiment=override_config_group'],
      vroot([hydraNode('default', 'disabled'), node(cfg('override_hydra1'), [grp('group1', 'file2'), self, grp('experiment', 'override_config_group')])]),
      withHydra,
    );
  });
});

describe('hydra groups listed without override (version_base 1.2+)', () => {
  it('hydra/help: custom1 conflicts with hydra/config choosing help', () => {
    const e = treeError('legacy_override_hydra', [], withHydra);
    expect(e).toBeInstanceOf(ConfigCompositionError);
    expect(e.message).toContain("Multiple values for hydra/help. To override a value use 'override hydra/help: custom1'");
  });
  it('two of them: the first conflict met (hydra/output, visited last-to-first) is reported', () => {
    const e = treeError('legacy_override_hydra2', [], withHydra);
    expect(e).toBeInstanceOf(ConfigCompositionError);
    expect(e.message).toContain("Multiple values for hydra/output. To override a value use 'override hydra/output: disabled'");
  });
  it('before a regular entry: a conflict, not an ordering error', () => {
    const e = treeError('legacy_override_hydra_wrong_order', [], withHydra);
    expect(e).toBeInstanceOf(ConfigCompositionError);
    expect(e.message).toContain("Multiple values for hydra/help. To override a value use 'override hydra/help: custom1'");
  });
});

describe('experiments overriding hydra groups', () => {
  it('an appended experiment overrides hydra/help', () => {
    expectTree(
      'group_default',
      ['+experiment=override_hydra'],
      vroot([hydraNode('custom1'), node(cfg('group_default'), [grp('group1', 'file1'), self, grp('experiment', 'override_hydra')])]),
      withHydra,
    );
  });
  it('the command line beats the experiment', () => {
    expectTree(
      'group_default',
      ['+experiment=override_hydra', 'hydra/help=custom2'],
      vroot([hydraNode('custom2'), node(cfg('group_default'), [grp('group1', 'file1'), self, grp('experiment', 'override_hydra')])]),
      withHydra,
    );
  });
  it('an experiment as the primary config', () => {
    expectTree('experiment/override_hydra', [], vroot([hydraNode('custom1'), cfg('experiment/override_hydra')]), withHydra);
  });
});

describe('no primary config, with hydra', () => {
  it('the dummy config is a leaf', () => {
    expectTree(null, [], vroot([hydraNode(), cfg('_dummy_empty_config_')]), withHydra);
  });
  it('appends go under the dummy config', () => {
    expectTree(null, ['+group1=file1'], vroot([hydraNode(), node(cfg('_dummy_empty_config_'), [self, grp('group1', 'file1')])]), withHydra);
  });
  it('an appended option list goes under the dummy config', () => {
    expectTree(null, ['+group1=[file1]'], vroot([hydraNode(), node(cfg('_dummy_empty_config_'), [self, cfg('group1/file1')])]), withHydra);
  });
  it('an appended option list goes under a config without defaults', () => {
    expectTree('empty', ['+group1=[file1]'], vroot([hydraNode(), node(cfg('empty'), [self, cfg('group1/file1')])]), withHydra);
  });
});

describe('a defaults list with only overrides', () => {
  it('gets no _self_: the config is a leaf', () => {
    expectTree('defaults_with_override_only', [], vroot([hydraNode('custom1'), cfg('defaults_with_override_only')]), withHydra);
  });
  it('gets no _self_ when something is appended either', () => {
    expectTree(
      'defaults_with_override_only',
      ['+group1=file1'],
      vroot([hydraNode('custom1'), node(cfg('defaults_with_override_only'), [grp('group1', 'file1')])]),
      withHydra,
    );
  });
});
