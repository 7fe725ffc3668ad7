/**
 * The defaults tree with overrides (Hydra 1.3 tests/defaults_list/test_defaults_tree.py:
 * `override` entries of defaults lists, experiments, deletions with ~, option lists).
 */
import { describe, it } from 'vitest';
import { cfg, expectTree, grp, node, self } from './hydra-tree-helpers.js';

describe('override entries of a defaults list', () => {
  it('change a group listed at the same level', () => {
    expectTree('override_same_level', [], node(cfg('override_same_level'), [grp('group1', 'file2'), self]));
  });
  it('lose to the command line', () => {
    expectTree('override_same_level', ['group1=file3'], node(cfg('override_same_level'), [grp('group1', 'file3'), self]));
  });
  it('change a sibling inside a group option', () => {
    expectTree(
      'include_override_same_level',
      [],
      node(cfg('include_override_same_level'), [node(grp('group1', 'override_same_level'), [grp('group2', 'file2'), self]), self]),
    );
  });
  it('inside a group option lose to the command line', () => {
    expectTree(
      'include_override_same_level',
      ['group1/group2=file3'],
      node(cfg('include_override_same_level'), [node(grp('group1', 'override_same_level'), [grp('group2', 'file3'), self]), self]),
    );
  });
  it('change a group nested in a sibling option', () => {
    expectTree(
      'override_nested_group_item',
      [],
      node(cfg('override_nested_group_item'), [node(grp('group1', 'group_item1'), [grp('group2', 'file2'), self]), self]),
    );
  });
  it('of a nested group lose to the command line', () => {
    expectTree(
      'override_nested_group_item',
      ['group1/group2=file3'],
      node(cfg('override_nested_group_item'), [node(grp('group1', 'group_item1'), [grp('group2', 'file3'), self]), self]),
    );
  });
});

describe('experiments', () => {
  it('an experiment listed in the defaults overrides a group listed before it', () => {
    expectTree(
      'group_default_with_explicit_experiment',
      [],
      node(cfg('group_default_with_explicit_experiment'), [grp('group1', 'file2'), grp('experiment', 'override_config_group'), self]),
    );
  });
  it('a listed experiment loses to the command line', () => {
    expectTree(
      'group_default_with_explicit_experiment',
      ['group1=file3'],
      node(cfg('group_default_with_explicit_experiment'), [grp('group1', 'file3'), grp('experiment', 'override_config_group'), self]),
    );
  });
  it('an appended experiment overrides a group of the primary config', () => {
    expectTree(
      'group_default',
      ['+experiment=override_config_group'],
      node(cfg('group_default'), [grp('group1', 'file2'), self, grp('experiment', 'override_config_group')]),
    );
  });
  it('an appended experiment loses to the command line', () => {
    expectTree(
      'group_default',
      ['group1=file3', '+experiment=override_config_group'],
      node(cfg('group_default'), [grp('group1', 'file3'), self, grp('experiment', 'override_config_group')]),
    );
  });
  it('an experiment can include a group by absolute path', () => {
    expectTree(
      'group_default',
      ['+experiment=include_absolute_config'],
      node(cfg('group_default'), [
        grp('group1', 'file1'),
        self,
        node(grp('experiment', 'include_absolute_config'), [grp('/group1/group2', 'file1'), self]),
      ]),
    );
  });
  it('a group included by absolute path is changed by its absolute name', () => {
    expectTree(
      'group_default',
      ['+experiment=include_absolute_config', 'group1/group2=file2'],
      node(cfg('group_default'), [
        grp('group1', 'file1'),
        self,
        node(grp('experiment', 'include_absolute_config'), [grp('/group1/group2', 'file2'), self]),
      ]),
    );
  });
  it('an experiment overrides a group at its default package via @_global_.group1', () => {
    expectTree(
      'group_default',
      ['+experiment=override_with_global_default'],
      node(cfg('group_default'), [grp('group1', 'file2'), self, grp('experiment', 'override_with_global_default')]),
    );
  });
  it('an experiment with a _global_ header overrides /group1', () => {
    expectTree(
      'group_default',
      ['+experiment=override_with_global_default_header'],
      node(cfg('group_default'), [grp('group1', 'file2'), self, grp('experiment', 'override_with_global_default_header')]),
    );
  });
  it('an experiment overrides a group placed at _global_', () => {
    expectTree(
      'group_default_at_global',
      ['+experiment=override_with_global_default2'],
      node(cfg('group_default_at_global'), [grp('group1', 'file2', { package: '_global_' }), self, grp('experiment', 'override_with_global_default2')]),
    );
  });
});

describe('deleting with ~', () => {
  it('baseline', () => {
    expectTree('include_nested_group', [], node(cfg('include_nested_group'), [node(grp('group1', 'group_item1'), [grp('group2', 'file1'), self]), self]));
  });
  it('~group deletes the group and does not expand its subtree', () => {
    expectTree('include_nested_group', ['~group1'], node(cfg('include_nested_group'), [grp('group1', 'group_item1', { deleted: true }), self]));
  });
  it('~group/subgroup deletes a nested group', () => {
    expectTree(
      'include_nested_group',
      ['~group1/group2'],
      node(cfg('include_nested_group'), [node(grp('group1', 'group_item1'), [grp('group2', 'file1', { deleted: true }), self]), self]),
    );
  });
  it('~group=option deletes when the option matches', () => {
    expectTree('include_nested_group', ['~group1=group_item1'], node(cfg('include_nested_group'), [grp('group1', 'group_item1', { deleted: true }), self]));
  });
  it('~group@pkg1 deletes only the entry at pkg1', () => {
    expectTree(
      'two_group_defaults_different_pkgs',
      ['~group1@pkg1'],
      node(cfg('two_group_defaults_different_pkgs'), [
        grp('group1', 'file1', { package: 'pkg1', deleted: true }),
        grp('group1', 'file1', { package: 'pkg2' }),
        self,
      ]),
    );
  });
  it('~group@pkg2 deletes only the entry at pkg2', () => {
    expectTree(
      'two_group_defaults_different_pkgs',
      ['~group1@pkg2'],
      node(cfg('two_group_defaults_different_pkgs'), [
        grp('group1', 'file1', { package: 'pkg1' }),
        grp('group1', 'file1', { package: 'pkg2', deleted: true }),
        self,
      ]),
    );
  });
});

describe('option lists (group: [a, b])', () => {
  it('become config defaults in order', () => {
    expectTree('select_multi', [], node(cfg('select_multi'), [cfg('group1/file1'), cfg('group1/file2'), self]));
  });
  it('are replaced by a list from the command line', () => {
    expectTree('select_multi', ['group1=[file1,file3]'], node(cfg('select_multi'), [cfg('group1/file1'), cfg('group1/file3'), self]));
  });
  it('can be emptied from the command line', () => {
    expectTree('select_multi', ['group1=[]'], node(cfg('select_multi'), [self]));
  });
  it('can be replaced by a single option', () => {
    expectTree('select_multi', ['group1=file1'], node(cfg('select_multi'), [grp('group1', 'file1'), self]));
  });
  it('nested: relative to the group of the listing config', () => {
    expectTree('group1/select_multi', [], node(cfg('group1/select_multi'), [cfg('group2/file1'), cfg('group2/file2'), self]));
  });
  it('nested: replaced by the full group path', () => {
    expectTree('group1/select_multi', ['group1/group2=[file1,file3]'], node(cfg('group1/select_multi'), [cfg('group2/file1'), cfg('group2/file3'), self]));
  });
  it('can be set by an override entry', () => {
    expectTree('select_multi_override', [], node(cfg('select_multi_override'), [cfg('group1/file3'), cfg('group1/file1'), self]));
  });
  it('optional: a missing item is deleted', () => {
    expectTree('select_multi_optional', [], node(cfg('select_multi_optional'), [cfg('group1/not_found', { optional: true, deleted: true }), self]));
  });
  it('optional: stays optional when replaced from the command line', () => {
    expectTree(
      'select_multi_optional',
      ['group1=[file1,not_found2]'],
      node(cfg('select_multi_optional'), [cfg('group1/file1', { optional: true }), cfg('group1/not_found2', { optional: true, deleted: true }), self]),
    );
  });
  it('appended to a config without defaults', () => {
    expectTree('empty', ['+group1=[file1]'], node(cfg('empty'), [self, cfg('group1/file1')]));
  });
  it('appended without a primary config', () => {
    expectTree(null, ['+group1=[file1]'], node(cfg('_dummy_empty_config_'), [self, cfg('group1/file1')]));
  });
  it('with a package: items keep it', () => {
    expectTree('select_multi_pkg', [], node(cfg('select_multi_pkg'), [cfg('group1/file1', { package: 'foo' }), cfg('group1/file2', { package: 'foo' }), self]));
  });
  it('with a package: replaced via group@pkg', () => {
    expectTree(
      'select_multi_pkg',
      ['group1@foo=[file1,file3]'],
      node(cfg('select_multi_pkg'), [cfg('group1/file1', { package: 'foo' }), cfg('group1/file3', { package: 'foo' }), self]),
    );
  });
  it('with a package: emptied via group@pkg', () => {
    expectTree('select_multi_pkg', ['group1@foo=[]'], node(cfg('select_multi_pkg'), [self]));
  });
  it('with a package: replaced by a single option', () => {
    expectTree('select_multi_pkg', ['group1@foo=file1'], node(cfg('select_multi_pkg'), [grp('group1', 'file1', { package: 'foo' }), self]));
  });
  it('nested with a package', () => {
    expectTree(
      'group1/select_multi_pkg',
      [],
      node(cfg('group1/select_multi_pkg'), [cfg('group2/file1', { package: 'bar' }), cfg('group2/file2', { package: 'bar' }), self]),
    );
  });
  it('nested with a package: replaced by the absolute key', () => {
    expectTree(
      'group1/select_multi_pkg',
      ['group1/group2@group1.bar=[file1,file3]'],
      node(cfg('group1/select_multi_pkg'), [cfg('group2/file1', { package: 'bar' }), cfg('group2/file3', { package: 'bar' }), self]),
    );
  });
  it('a single option can be replaced by a list from the command line', () => {
    expectTree('group1/group_item1', ['group1/group2=[file1,file2]'], node(cfg('group1/group_item1'), [cfg('group2/file1'), cfg('group2/file2'), self]));
  });
});
