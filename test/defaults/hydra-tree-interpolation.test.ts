/**
 * Interpolated options in the defaults tree (Hydra 1.3 tests/defaults_list/test_defaults_tree.py
 * test_interpolation, test_legacy_interpolation with version_base 1.2+).
 */
import { describe, expect, it } from 'vitest';
import { ConfigCompositionError } from '../../src/defaults/errors.js';
import { cfg, expectTree, grp, node, self, treeError } from './hydra-tree-helpers.js';

describe('interpolated group options', () => {
  it('resolve against earlier choices', () => {
    expectTree(
      'interpolation_simple',
      [],
      node(cfg('interpolation_simple'), [grp('group1', 'file1'), grp('group2', 'file2'), grp('group1_group2', 'file1_file2'), self]),
    );
  });
  it('resolve against command-line choices', () => {
    expectTree(
      'interpolation_simple',
      ['group1=file2'],
      node(cfg('interpolation_simple'), [grp('group1', 'file2'), grp('group2', 'file2'), grp('group1_group2', 'file2_file2'), self]),
    );
  });
  it('resolve against later choices (forward references)', () => {
    expectTree(
      'interpolation_forward',
      [],
      node(cfg('interpolation_forward'), [grp('group1_group2', 'file1_file2'), grp('group1', 'file1'), grp('group2', 'file2'), self]),
    );
  });
  it('forward references see command-line choices', () => {
    expectTree(
      'interpolation_forward',
      ['group1=file2'],
      node(cfg('interpolation_forward'), [grp('group1_group2', 'file2_file2'), grp('group1', 'file2'), grp('group2', 'file2'), self]),
    );
  });
  it('refer to a nested group by its path', () => {
    expectTree(
      'interpolation_nested',
      [],
      node(cfg('interpolation_nested'), [grp('group1/group2', 'file1'), grp('group1_group2', 'foo_file1'), self]),
    );
  });
  it('refer to a nested group changed from the command line', () => {
    expectTree(
      'interpolation_nested',
      ['group1/group2=file2'],
      node(cfg('interpolation_nested'), [grp('group1/group2', 'file2'), grp('group1_group2', 'foo_file2'), self]),
    );
  });
  it('refer to a relocated group as group@package', () => {
    expectTree(
      'interpolation_with_package_override',
      [],
      node(cfg('interpolation_with_package_override'), [
        grp('group1', 'file1', { package: 'package' }),
        grp('group2', 'file2'),
        grp('group1_group2', 'file1_file2'),
        self,
      ]),
    );
  });
  it('refer to a relocated group changed from the command line', () => {
    expectTree(
      'interpolation_with_package_override',
      ['group1@package=file2'],
      node(cfg('interpolation_with_package_override'), [
        grp('group1', 'file2', { package: 'package' }),
        grp('group2', 'file2'),
        grp('group1_group2', 'file2_file2'),
        self,
      ]),
    );
  });
  it('select an option with its own defaults list', () => {
    expectTree(
      'interpolation_with_nested_defaults_list',
      [],
      node(cfg('interpolation_with_nested_defaults_list'), [
        grp('group1', 'file1'),
        grp('group2', 'file1'),
        node(grp('group1_group2', 'file1_file1_with_defaults_list'), [cfg('empty1'), self]),
        self,
      ]),
    );
  });
  it('select an option with its own defaults list, changed from the command line', () => {
    expectTree(
      'interpolation_with_nested_defaults_list',
      ['group2=file2'],
      node(cfg('interpolation_with_nested_defaults_list'), [
        grp('group1', 'file1'),
        grp('group2', 'file2'),
        node(grp('group1_group2', 'file1_file2_with_defaults_list'), [cfg('empty2'), self]),
        self,
      ]),
    );
  });
  it('an override entry inside an interpolated option is an error', () => {
    const e = treeError('interpolation_with_nested_defaults_list_with_override');
    expect(e).toBeInstanceOf(ConfigCompositionError);
    expect(e.message).toMatch(
      /^group1_group2\/file1_file1_defaults_with_override: Default List Overrides are not allowed in the subtree\s+of an in interpolated config group \(override group1_group2\/foo=bar\)/,
    );
  });
  it('in a nested config refer to the choice of the including group', () => {
    expectTree(
      'interpolation_in_nested',
      [],
      node(cfg('interpolation_in_nested'), [node(grp('group1', 'interpolation'), [grp('group2', 'interpolation_ext'), self]), self]),
    );
  });
  it('may use a resolver (oc.decode)', () => {
    expectTree(
      'interpolation_resolver_in_nested',
      [],
      node(cfg('interpolation_resolver_in_nested'), [node(grp('group1', 'resolver'), [grp('group2', 'file1'), self]), self]),
    );
  });
  it('work in a config default path', () => {
    expectTree(
      'interpolation_config_default',
      [],
      node(cfg('interpolation_config_default'), [grp('group1', 'file1'), cfg('group1/group2/file1'), self]),
    );
  });
  it('an unknown key is an error naming the known keys', () => {
    const e = treeError('interpolation_bad_key');
    expect(e).toBeInstanceOf(ConfigCompositionError);
    expect(e.message).toContain("Error resolving interpolation '${not_found}', possible interpolation keys: group1");
  });
});

describe('legacy ${defaults.N.group} interpolation (an error with version_base 1.2+)', () => {
  const deprecated = /Defaults list element '.*=.*' is using a deprecated interpolation form.\nSee http:\/\/hydra.cc\/docs\/1.1\/upgrades\/1.0_to_1.1\/defaults_list_interpolation for migration information./;
  it('with _self_ listed first', () => {
    const e = treeError('interpolation_legacy_with_self');
    expect(e).toBeInstanceOf(ConfigCompositionError);
    expect(e.message).toMatch(deprecated);
  });
  it('without _self_', () => {
    const e = treeError('interpolation_legacy_without_self');
    expect(e).toBeInstanceOf(ConfigCompositionError);
    expect(e.message).toMatch(deprecated);
  });
});
