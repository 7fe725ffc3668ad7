/**
 * The defaults tree, basic shapes (Hydra 1.3 tests/defaults_list/test_defaults_tree.py:
 * simple cases, appends, simple group overrides, package overrides, extension, name collisions,
 * keyword-named groups, no primary config, placeholders, missing options, optional configs,
 * global headers, known choices).
 */
import { describe, expect, it } from 'vitest';
import { cfg, expectTree, grp, node, self } from './hydra-tree-helpers.js';

describe('simple trees', () => {
  it('a config without a defaults list is a leaf', () => {
    expectTree('empty', [], cfg('empty'));
  });
  it('a config default comes before the implicit trailing _self_', () => {
    expectTree('config_default', [], node(cfg('config_default'), [cfg('empty'), self]));
  });
  it('a group default comes before the implicit trailing _self_', () => {
    expectTree('group_default', [], node(cfg('group_default'), [grp('group1', 'file1'), self]));
  });
  it('an optional group default keeps its optional flag', () => {
    expectTree('optional', [], node(cfg('optional'), [grp('group1', 'file1', { optional: true }), self]));
  });
  it('_self_ listed first stays first', () => {
    expectTree('self_leading', [], node(cfg('self_leading'), [self, grp('group1', 'file1')]));
  });
  it('_self_ listed last stays last', () => {
    expectTree('self_trailing', [], node(cfg('self_trailing'), [grp('group1', 'file1'), self]));
  });
  it('a group option with its own defaults list becomes a subtree', () => {
    expectTree(
      'include_nested_group',
      [],
      node(cfg('include_nested_group'), [node(grp('group1', 'group_item1'), [grp('group2', 'file1'), self]), self]),
    );
  });
  it('a config default inside a group option is relative to that group', () => {
    expectTree(
      'include_nested_config_item',
      [],
      node(cfg('include_nested_config_item'), [node(grp('group1', 'config_item'), [cfg('group2/file1'), self]), self]),
    );
  });
});

describe('appending from the command line (+group=option)', () => {
  it('appends after an implicit _self_ to a config without defaults', () => {
    expectTree('empty', ['+group1=file1'], node(cfg('empty'), [self, grp('group1', 'file1')]));
  });
  it('appends after the implicit _self_ of a config default', () => {
    expectTree('config_default', ['+group1=file1'], node(cfg('config_default'), [cfg('empty'), self, grp('group1', 'file1')]));
  });
  it('keeps a duplicate of an existing group in the tree', () => {
    expectTree('group_default', ['+group1=file1'], node(cfg('group_default'), [grp('group1', 'file1'), self, grp('group1', 'file1')]));
  });
  it('appends after an explicit trailing _self_', () => {
    expectTree('self_trailing', ['+group1=file1'], node(cfg('self_trailing'), [grp('group1', 'file1'), self, grp('group1', 'file1')]));
  });
  it('appends a group from the root, not relative to a nested group', () => {
    expectTree(
      'include_nested_group',
      ['+group2=file1'],
      node(cfg('include_nested_group'), [node(grp('group1', 'group_item1'), [grp('group2', 'file1'), self]), self, grp('group2', 'file1')]),
    );
  });
});

describe('changing a group option from the command line', () => {
  it('changes a top-level group', () => {
    expectTree('group_default', ['group1=file2'], node(cfg('group_default'), [grp('group1', 'file2'), self]));
  });
  it('keeps optional when the option changes', () => {
    expectTree('optional', ['group1=file2'], node(cfg('optional'), [grp('group1', 'file2', { optional: true }), self]));
  });
  it('re-expands the subtree of the newly chosen option', () => {
    expectTree(
      'include_nested_group',
      ['group1=group_item2'],
      node(cfg('include_nested_group'), [node(grp('group1', 'group_item2'), [grp('group2', 'file2'), self]), self]),
    );
  });
  it('changes a nested group by its full path', () => {
    expectTree(
      'include_nested_group',
      ['group1/group2=file2'],
      node(cfg('include_nested_group'), [node(grp('group1', 'group_item1'), [grp('group2', 'file2'), self]), self]),
    );
  });
});

describe('packages in the defaults list', () => {
  it('keeps the package of a config default', () => {
    expectTree('config_default_pkg1', [], node(cfg('config_default_pkg1'), [cfg('empty', { package: 'pkg1' }), self]));
  });
  it('keeps the package of a group default', () => {
    expectTree('group_default_pkg1', [], node(cfg('group_default_pkg1'), [grp('group1', 'file1', { package: 'pkg1' }), self]));
  });
  it('keeps the package of a nested group default', () => {
    expectTree(
      'include_nested_group_pkg2',
      [],
      node(cfg('include_nested_group_pkg2'), [node(grp('group1', 'group_item1_pkg2'), [grp('group2', 'file1', { package: 'pkg2' }), self]), self]),
    );
  });
  it('keeps the package of a nested config default', () => {
    expectTree(
      'include_nested_config_item_pkg2',
      [],
      node(cfg('include_nested_config_item_pkg2'), [node(grp('group1', 'config_item_pkg2'), [cfg('group2/file1', { package: 'pkg2' }), self]), self]),
    );
  });
  it('addresses a relocated group as group@package', () => {
    expectTree('group_default_pkg1', ['group1@pkg1=file2'], node(cfg('group_default_pkg1'), [grp('group1', 'file2', { package: 'pkg1' }), self]));
  });
  it('addresses a relocated nested group by its absolute package', () => {
    expectTree(
      'include_nested_group_pkg2',
      ['group1/group2@group1.pkg2=file2'],
      node(cfg('include_nested_group_pkg2'), [node(grp('group1', 'group_item1_pkg2'), [grp('group2', 'file2', { package: 'pkg2' }), self]), self]),
    );
  });
});

describe('two defaults of one group at different packages', () => {
  it('keeps both', () => {
    expectTree(
      'two_group_defaults_different_pkgs',
      [],
      node(cfg('two_group_defaults_different_pkgs'), [grp('group1', 'file1', { package: 'pkg1' }), grp('group1', 'file1', { package: 'pkg2' }), self]),
    );
  });
  it('changes only the first', () => {
    expectTree(
      'two_group_defaults_different_pkgs',
      ['group1@pkg1=file2'],
      node(cfg('two_group_defaults_different_pkgs'), [grp('group1', 'file2', { package: 'pkg1' }), grp('group1', 'file1', { package: 'pkg2' }), self]),
    );
  });
  it('changes only the second', () => {
    expectTree(
      'two_group_defaults_different_pkgs',
      ['group1@pkg2=file2'],
      node(cfg('two_group_defaults_different_pkgs'), [grp('group1', 'file1', { package: 'pkg1' }), grp('group1', 'file2', { package: 'pkg2' }), self]),
    );
  });
  it('keeps one at its default package and one at _global_', () => {
    expectTree(
      'two_group_defaults_different_pkgs_global',
      [],
      node(cfg('two_group_defaults_different_pkgs_global'), [grp('group1', 'file1'), grp('group1', 'file2', { package: '_global_' }), self]),
    );
  });
});

describe('extending configs', () => {
  it('a config in the same group', () => {
    expectTree('test_extend_same_group', [], node(cfg('test_extend_same_group'), [node(grp('extend', 'here'), [cfg('base_db'), self]), self]));
  });
  it('a config from another group, at the including package (@)', () => {
    expectTree(
      'test_extend_from_external_group',
      [],
      node(cfg('test_extend_from_external_group'), [node(grp('extend', 'external'), [cfg('/db/base_db', { package: '' }), self]), self]),
    );
  });
  it('a config from a nested group, at the including package (@)', () => {
    expectTree(
      'test_extend_from_nested_group',
      [],
      node(cfg('test_extend_from_nested_group'), [node(grp('extend', 'nested'), [cfg('nested/base_db', { package: '' }), self]), self]),
    );
  });
  it('@_here_ is stored as an empty package, like @', () => {
    expectTree(
      'test_extend_from_nested_group',
      ['extend=nested_here_keyword'],
      node(cfg('test_extend_from_nested_group'), [node(grp('extend', 'nested_here_keyword'), [cfg('nested/base_db', { package: '' }), self]), self]),
    );
  });
});

describe('a config and a group with the same name', () => {
  it('the config selects an option of its namesake group', () => {
    expectTree('config_with_same_name_as_group', [], node(cfg('config_with_same_name_as_group'), [grp('config_with_same_name_as_group', 'item'), self]));
  });
  it('another config selects an option of that group', () => {
    expectTree(
      'include_group_with_same_name_as_config',
      [],
      node(cfg('include_group_with_same_name_as_config'), [grp('config_with_same_name_as_group', 'item'), self]),
    );
  });
  it('a config default names the config, not the group', () => {
    expectTree(
      'test_extend_from_config_with_same_name_as_group',
      [],
      node(cfg('test_extend_from_config_with_same_name_as_group'), [
        node(cfg('config_with_same_name_as_group'), [grp('config_with_same_name_as_group', 'item'), self]),
        self,
      ]),
    );
  });
  it('a config default with a slash names the group option', () => {
    expectTree(
      'test_extend_from_group_with_same_name_as_config',
      [],
      node(cfg('test_extend_from_group_with_same_name_as_config'), [cfg('config_with_same_name_as_group/item'), self]),
    );
  });
});

describe('groups named like keywords', () => {
  it('groups named optional and override', () => {
    expectTree('keyword_as_groups', [], node(cfg('keyword_as_groups'), [grp('optional', 'file1'), grp('override', 'file1'), self]));
  });
  it('override of a group named override', () => {
    expectTree('keyword_override_override', [], node(cfg('keyword_override_override'), [grp('override', 'file2'), self]));
  });
  it('optional group named optional', () => {
    expectTree('keyword_optional_optional', [], node(cfg('keyword_optional_optional'), [grp('optional', 'file1', { optional: true }), self]));
  });
});

describe('no primary config', () => {
  it('is a dummy empty config', () => {
    expectTree(null, [], cfg('_dummy_empty_config_'));
  });
  it('takes appends after an implicit _self_', () => {
    expectTree(null, ['+group1=file1'], node(cfg('_dummy_empty_config_'), [self, grp('group1', 'file1')]));
  });
});

describe('placeholders (group: null)', () => {
  it('stay in the tree with no option', () => {
    expectTree('placeholder', [], node(cfg('placeholder'), [grp('group1'), self]));
  });
  it('take an option from the command line', () => {
    expectTree('placeholder', ['group1=file1'], node(cfg('placeholder'), [grp('group1', 'file1'), self]));
  });
  it('stay in a nested defaults list', () => {
    expectTree('nested_placeholder', [], node(cfg('nested_placeholder'), [node(grp('group1', 'placeholder'), [grp('group2'), self]), self]));
  });
  it('take an option from the command line when nested', () => {
    expectTree(
      'nested_placeholder',
      ['group1/group2=file1'],
      node(cfg('nested_placeholder'), [node(grp('group1', 'placeholder'), [grp('group2', 'file1'), self]), self]),
    );
  });
  it('can be the target of an override entry setting null', () => {
    expectTree('override_nested_to_null', [], node(cfg('override_nested_to_null'), [node(grp('group1', 'group_item1'), [grp('group2'), self]), self]));
  });
  it('the command line beats an override entry setting null', () => {
    expectTree(
      'override_nested_to_null',
      ['group1/group2=file2'],
      node(cfg('override_nested_to_null'), [node(grp('group1', 'group_item1'), [grp('group2', 'file2'), self]), self]),
    );
  });
});

describe('missing options (???)', () => {
  it('take an option from the command line', () => {
    expectTree('with_missing', ['db=base_db'], node(cfg('with_missing'), [grp('db', 'base_db'), self]));
  });
  it('take an option for a relocated group', () => {
    expectTree('with_missing_at_foo', ['db@foo=base_db'], node(cfg('with_missing_at_foo'), [grp('db', 'base_db', { package: 'foo' }), self]));
  });
  it('take an option when nested in an appended config', () => {
    expectTree(
      'empty',
      ['+group1=with_missing', 'group1/group2=file1'],
      node(cfg('empty'), [self, node(grp('group1', 'with_missing'), [grp('group2', 'file1'), self])]),
    );
  });
  it('take an option when nested and relocated', () => {
    expectTree(
      'empty',
      ['+group1=with_missing_at_foo', 'group1/group2@group1.foo=file1'],
      node(cfg('empty'), [self, node(grp('group1', 'with_missing_at_foo'), [grp('group2', 'file1', { package: 'foo' }), self])]),
    );
  });
  it('stay ??? when missing options are skipped (multirun)', () => {
    expectTree('with_missing', [], node(cfg('with_missing'), [grp('db', '???'), self]), { skipMissing: true });
  });
});

describe('optional configs that do not exist', () => {
  it('are marked deleted and optional', () => {
    expectTree(
      'missing_optional_default',
      [],
      node(cfg('missing_optional_default'), [cfg('empty'), grp('foo', 'missing', { optional: true, deleted: true }), self]),
    );
  });
});

describe('a group option with a _global_ header', () => {
  it('stays a plain group default', () => {
    expectTree('group_default_global', [], node(cfg('group_default_global'), [grp('group1', 'file_with_global_header'), self]));
  });
  it('is addressed by its group name from the command line', () => {
    expectTree('group_default_global', ['group1=file_with_global_header'], node(cfg('group_default_global'), [grp('group1', 'file_with_global_header'), self]));
  });
});

describe('known choices', () => {
  it('are empty without groups', () => {
    expect(Object.fromEntries(expectTree('empty', [], cfg('empty')).choices)).toEqual({});
  });
  it('hold the default option', () => {
    const r = expectTree('group_default', [], node(cfg('group_default'), [grp('group1', 'file1'), self]));
    expect(Object.fromEntries(r.choices)).toEqual({ group1: 'file1' });
  });
  it('hold the command-line option', () => {
    const r = expectTree('group_default', ['group1=file2'], node(cfg('group_default'), [grp('group1', 'file2'), self]));
    expect(Object.fromEntries(r.choices)).toEqual({ group1: 'file2' });
  });
  it('hold null for a placeholder', () => {
    const r = expectTree('nested_placeholder', [], node(cfg('nested_placeholder'), [node(grp('group1', 'placeholder'), [grp('group2'), self]), self]));
    expect(Object.fromEntries(r.choices)).toEqual({ group1: 'placeholder', 'group1/group2': null });
  });
  it('key a relocated group by group@package', () => {
    const r = expectTree(
      'include_nested_group_pkg2',
      [],
      node(cfg('include_nested_group_pkg2'), [node(grp('group1', 'group_item1_pkg2'), [grp('group2', 'file1', { package: 'pkg2' }), self]), self]),
    );
    expect(Object.fromEntries(r.choices)).toEqual({ group1: 'group_item1_pkg2', 'group1/group2@group1.pkg2': 'file1' });
  });
});
