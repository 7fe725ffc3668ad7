/**
 * Packages in the final defaults list (after Hydra's tests/defaults_list/test_defaults_list.py,
 * version_base 1.3): `@pkg` in the defaults list, `_global_`, `# @package` headers, and
 * command-line selections addressed by `group@package`.
 */
import { describe, expect, it } from 'vitest';
import { composeTree } from '../../src/compose/compose.js';
import { ConfigCompositionError } from '../../src/defaults/errors.js';
import { confTree } from '../helpers/conf-tree.js';
import { defaultsListOf, errorOf, hydraTestDir, rd, self } from './hydra-list-fixture.js';

describe('@package on a config entry', () => {
  it('places a config at the given package', () => {
    expect(defaultsListOf('config_default_pkg1')).toEqual([rd('empty', 'pkg1', 'config_default_pkg1'), self('config_default_pkg1', '')]);
  });
  it('is relative to the package of the including group option', () => {
    expect(defaultsListOf('include_nested_config_item_pkg2')).toEqual([
      rd('group1/group2/file1', 'group1.pkg2', 'group1/config_item_pkg2'),
      self('group1/config_item_pkg2', 'group1', 'include_nested_config_item_pkg2'),
      self('include_nested_config_item_pkg2', ''),
    ]);
  });
  it('@_global_ puts a nested config at the root', () => {
    expect(defaultsListOf('include_nested_config_item_global')).toEqual([
      rd('group1/group2/file1', '', 'group1/config_item_global_'),
      self('group1/config_item_global_', 'group1', 'include_nested_config_item_global'),
      self('include_nested_config_item_global', ''),
    ]);
  });
});

describe('@package on a group entry, and selecting it from the command line', () => {
  const nestedPkg2 = (option: string) => [
    rd(`group1/group2/${option}`, 'group1.pkg2', 'group1/group_item1_pkg2'),
    self('group1/group_item1_pkg2', 'group1', 'include_nested_group_pkg2'),
    self('include_nested_group_pkg2', ''),
  ];
  it('a nested group at a relative package', () => {
    expect(defaultsListOf('include_nested_group_pkg2')).toEqual(nestedPkg2('file1'));
  });
  it('is selected by its group path and final package', () => {
    expect(defaultsListOf('include_nested_group_pkg2', ['group1/group2@group1.pkg2=file2'])).toEqual(nestedPkg2('file2'));
  });

  it('a top-level group at another package', () => {
    expect(defaultsListOf('group_default_pkg1')).toEqual([rd('group1/file1', 'pkg1', 'group_default_pkg1'), self('group_default_pkg1', '')]);
  });
  it('group@pkg=option changes it', () => {
    expect(defaultsListOf('group_default_pkg1', ['group1@pkg1=file2'])).toEqual([
      rd('group1/file2', 'pkg1', 'group_default_pkg1'),
      self('group_default_pkg1', ''),
    ]);
  });
  it('a wrong package in the selection matches nothing and suggests the right key', () => {
    const e = errorOf('group_default_pkg1', ['group1@wrong=file2']);
    expect(e).toBeInstanceOf(ConfigCompositionError);
    expect(e.message).toContain("Could not override 'group1@wrong'");
    expect(e.message).toContain('group1@pkg1');
    expect(e.message).toContain('+group1@wrong=file2');
  });
  it('selecting the group without its package matches nothing either', () => {
    const e = errorOf('group_default_pkg1', ['group1=file2']);
    expect(e.message).toContain("Could not override 'group1'");
    expect(e.message).toContain('group1@pkg1');
  });
});

describe('_global_ packages', () => {
  const nestedGlobal = (option: string) => [
    rd(`group1/group2/${option}`, '', 'group1/group_item1_global_'),
    self('group1/group_item1_global_', 'group1', 'include_nested_group_global_'),
    self('include_nested_group_global_', ''),
  ];
  it('a nested group at @_global_ lands at the root', () => {
    expect(defaultsListOf('include_nested_group_global_')).toEqual(nestedGlobal('file1'));
  });
  it('is selected as group@_global_', () => {
    expect(defaultsListOf('include_nested_group_global_', ['group1/group2@_global_=file2'])).toEqual(nestedGlobal('file2'));
  });
  it('a top-level group at @_global_', () => {
    expect(defaultsListOf('group_default_at_global')).toEqual([
      rd('group1/file1', '', 'group_default_at_global'),
      self('group_default_at_global', ''),
    ]);
  });
  it('an appended experiment overrides the top-level @_global_ group, and is appended after _self_', () => {
    expect(defaultsListOf('group_default_at_global', ['+experiment=override_with_global_default2'])).toEqual([
      rd('group1/file2', '', 'group_default_at_global'),
      self('group_default_at_global', ''),
      rd('experiment/override_with_global_default2', 'experiment', 'group_default_at_global'),
    ]);
  });
  it('one group at its own package and at _global_ are two different choices', () => {
    expect(defaultsListOf('two_group_defaults_different_pkgs_global')).toEqual([
      rd('group1/file1', 'group1', 'two_group_defaults_different_pkgs_global'),
      rd('group1/file2', '', 'two_group_defaults_different_pkgs_global'),
      self('two_group_defaults_different_pkgs_global', ''),
    ]);
  });
  const nestedGlobalFoo = (option: string) => [
    rd(`group1/group2/${option}`, 'foo', 'group1/group_item1_global_foo'),
    self('group1/group_item1_global_foo', 'group1', 'include_nested_group_global_foo'),
    self('include_nested_group_global_foo', ''),
  ];
  it('@_global_.foo is the absolute package foo', () => {
    expect(defaultsListOf('include_nested_group_global_foo')).toEqual(nestedGlobalFoo('file1'));
  });
  it('and is selected as group@foo', () => {
    expect(defaultsListOf('include_nested_group_global_foo', ['group1/group2@foo=file2'])).toEqual(nestedGlobalFoo('file2'));
  });
});

describe('_name_ in a package is a literal key (version_base 1.2+)', () => {
  it('in a group entry of a nested config', () => {
    expect(defaultsListOf('include_nested_group_name_')).toEqual([
      rd('group1/group2/file1', 'group1._name_', 'group1/group_item1_name_'),
      self('group1/group_item1_name_', 'group1', 'include_nested_group_name_'),
      self('include_nested_group_name_', ''),
    ]);
  });
  it('and the command line addresses it by that literal package', () => {
    expect(defaultsListOf('include_nested_group_name_', ['group1/group2@group1._name_=file2'])[0]).toEqual(
      rd('group1/group2/file2', 'group1._name_', 'group1/group_item1_name_'),
    );
  });
  it('the 1.1 substituted package does not match', () => {
    expect(errorOf('include_nested_group_name_', ['group1/group2@group1.file1=file2']).message).toContain("Could not override 'group1/group2@group1.file1'");
  });
  it('in a config entry of a nested config', () => {
    expect(defaultsListOf('include_nested_config_item_name_')).toEqual([
      rd('group1/group2/file1', 'group1._name_', 'group1/config_item_name_'),
      self('group1/config_item_name_', 'group1', 'include_nested_config_item_name_'),
      self('include_nested_config_item_name_', ''),
    ]);
  });
});

describe('# @package header of the primary config', () => {
  it('moves the primary config and everything it lists under the package', () => {
    expect(defaultsListOf('primary_pkg_header_foo')).toEqual([
      rd('group1/file1', 'foo.group1', 'primary_pkg_header_foo'),
      rd('group1/file1', 'foo.pkg', 'primary_pkg_header_foo'),
      self('primary_pkg_header_foo', 'foo'),
    ]);
  });
  it('its groups are selected by their final packages', () => {
    expect(defaultsListOf('primary_pkg_header_foo', ['group1@foo.group1=file2', 'group1@foo.pkg=file3'])).toEqual([
      rd('group1/file2', 'foo.group1', 'primary_pkg_header_foo'),
      rd('group1/file3', 'foo.pkg', 'primary_pkg_header_foo'),
      self('primary_pkg_header_foo', 'foo'),
    ]);
  });
});

describe('# @package header of a nested config', () => {
  it('is absolute, and the groups it lists follow it', () => {
    expect(defaultsListOf('include_nested_group_pkg_header_foo')).toEqual([
      rd('group1/group2/file1', 'foo.group2', 'group1/group_item1_pkg_header_foo'),
      self('group1/group_item1_pkg_header_foo', 'foo', 'include_nested_group_pkg_header_foo'),
      self('include_nested_group_pkg_header_foo', ''),
    ]);
  });
  it('the nested group is selected at its final package', () => {
    expect(defaultsListOf('include_nested_group_pkg_header_foo', ['group1/group2@foo.group2=file2'])).toEqual([
      rd('group1/group2/file2', 'foo.group2', 'group1/group_item1_pkg_header_foo'),
      self('group1/group_item1_pkg_header_foo', 'foo', 'include_nested_group_pkg_header_foo'),
      self('include_nested_group_pkg_header_foo', ''),
    ]);
  });
  it('selecting another option of the outer group uses that option’s header', () => {
    expect(defaultsListOf('include_nested_group_pkg_header_foo', ['group1=group_item2_pkg_header_foo'])).toEqual([
      rd('group1/group2/file2', 'foo.group2', 'group1/group_item2_pkg_header_foo'),
      self('group1/group_item2_pkg_header_foo', 'foo', 'include_nested_group_pkg_header_foo'),
      self('include_nested_group_pkg_header_foo', ''),
    ]);
  });
  it('an option with a different header moves its nested groups too', () => {
    expect(defaultsListOf('include_nested_group_pkg_header_foo', ['group1=group_item2_pkg_header_bar'])).toEqual([
      rd('group1/group2/file2', 'bar.group2', 'group1/group_item2_pkg_header_bar'),
      self('group1/group_item2_pkg_header_bar', 'bar', 'include_nested_group_pkg_header_foo'),
      self('include_nested_group_pkg_header_foo', ''),
    ]);
  });
  it('of a config appended from the command line is still absolute', () => {
    expect(defaultsListOf('empty', ['+group1/group2=file1_pkg_header_foo'])).toEqual([
      self('empty', ''),
      rd('group1/group2/file1_pkg_header_foo', 'foo', 'empty'),
    ]);
  });
  it('of a config nested under an appended one is still absolute', () => {
    expect(defaultsListOf('empty', ['+group1=group_item1_with_pkg_header_foo'])).toEqual([
      self('empty', ''),
      rd('group1/group2/file1_pkg_header_foo', 'foo', 'group1/group_item1_with_pkg_header_foo'),
      self('group1/group_item1_with_pkg_header_foo', 'group1', 'empty'),
    ]);
  });
});

describe('a package in the defaults list beats the selected config’s header', () => {
  const barList = (item: string, option: string) => [
    rd(`group1/group2/${option}`, 'bar.group2', `group1/${item}`),
    self(`group1/${item}`, 'bar', 'include_nested_group_pkg_header_foo_override_pkg_bar'),
    self('include_nested_group_pkg_header_foo_override_pkg_bar', ''),
  ];
  it('group1@bar wins over # @package foo', () => {
    expect(defaultsListOf('include_nested_group_pkg_header_foo_override_pkg_bar')).toEqual(barList('group_item1_pkg_header_foo', 'file1'));
  });
  it('the outer group is selected as group1@bar', () => {
    expect(defaultsListOf('include_nested_group_pkg_header_foo_override_pkg_bar', ['group1@bar=group_item2'])).toEqual(barList('group_item2', 'file2'));
  });
  it('the nested group is selected at bar.group2', () => {
    expect(defaultsListOf('include_nested_group_pkg_header_foo_override_pkg_bar', ['group1/group2@bar.group2=file2'])).toEqual(
      barList('group_item1_pkg_header_foo', 'file2'),
    );
  });
});

describe('# @package _group_ is a literal package under version_base 1.3', () => {
  it('for a primary config in a group', () => {
    expect(defaultsListOf('group1/file_with_group_header')).toEqual([rd('group1/file_with_group_header', '_group_')]);
  });
  it('for an appended group option', () => {
    expect(defaultsListOf('empty', ['+group1=file_with_group_header'])).toEqual([
      self('empty', ''),
      rd('group1/file_with_group_header', '_group_', 'empty'),
    ]);
  });
  it('for a primary config in a nested group', () => {
    expect(defaultsListOf('group1/group2/file_with_group_header')).toEqual([rd('group1/group2/file_with_group_header', '_group_')]);
  });
  it('for an appended nested group option', () => {
    expect(defaultsListOf('empty', ['+group1/group2=file_with_group_header'])).toEqual([
      self('empty', ''),
      rd('group1/group2/file_with_group_header', '_group_', 'empty'),
    ]);
  });
});

describe('several options of one group at one package', () => {
  it('a list of options is merged in order, each at the package', () => {
    expect(defaultsListOf('select_multi_pkg')).toEqual([
      rd('group1/file1', 'foo', 'select_multi_pkg'),
      rd('group1/file2', 'foo', 'select_multi_pkg'),
      self('select_multi_pkg', ''),
    ]);
  });
});

describe('how the command line addresses each entry of the final list (override key)', () => {
  function keys(configName: string): (string | undefined)[] {
    return composeTree({ configDir: hydraTestDir(), configName })
      .defaultsList.filter((d) => !d.configPath.startsWith('hydra/'))
      .map((d) => d.overrideKey);
  }
  it('a group at its own package is addressed by its group path; configs and _self_ have no key', () => {
    expect(keys('include_nested_group')).toEqual(['group1/group2', undefined, undefined]);
  });
  it('a relocated group carries its final package', () => {
    expect(keys('group_default_pkg1')).toEqual(['group1@pkg1', undefined]);
    expect(keys('include_nested_group_global_foo')).toEqual(['group1/group2@foo', undefined, undefined]);
  });
  it('the root package is written _global_', () => {
    expect(keys('two_group_defaults_different_pkgs_global')).toEqual(['group1', 'group1@_global_', undefined]);
  });
  it('a # @package header of the selected option does not change the key', () => {
    expect(keys('include_nested_group_pkg_header_foo')).toEqual(['group1/group2@foo.group2', undefined, undefined]);
  });
  it('only the primary config’s own entry is primary', () => {
    const list = composeTree({ configDir: hydraTestDir(), configName: 'include_nested_group' }).defaultsList;
    expect(list.filter((d) => d.primary).map((d) => [d.configPath, d.isSelf])).toEqual([['include_nested_group', true]]);
  });
});

describe('_here_ and _group_ in defaults-list packages', () => {
  const base = {
    'db/mysql.yaml': 'mysql: true\n',
    'db/pg.yaml': 'pg: true\n',
    'server/db/mysql.yaml': 'server_mysql: true\n',
    'server/common.yaml': 'common: true\n',
  };
  const listOf = (files: Record<string, string>, overrides: string[] = []) =>
    defaultsListOf('config', overrides, { configDir: confTree({ ...base, ...files }) });

  it('@_here_ puts an absolute group at the package of the config that lists it', () => {
    const files = { 'server/base.yaml': 'defaults:\n  - /db@_here_: mysql\nname: base\n', 'config.yaml': 'defaults:\n  - server: base\n' };
    expect(listOf(files)).toEqual([
      rd('db/mysql', 'server', 'server/base'),
      self('server/base', 'server', 'config'),
      self('config', ''),
    ]);
    // it is then addressed as db@server
    expect(listOf(files, ['db@server=pg'])[0]).toEqual(rd('db/pg', 'server', 'server/base'));
  });
  it('@_here_ on a plain config (config extension)', () => {
    expect(listOf({ 'server/base.yaml': 'defaults:\n  - common@_here_\n', 'config.yaml': 'defaults:\n  - server: base\n' })).toEqual([
      rd('server/common', 'server', 'server/base'),
      self('server/base', 'server', 'config'),
      self('config', ''),
    ]);
  });
  it('@_group_ is the group’s own package', () => {
    expect(listOf({ 'config.yaml': 'defaults:\n  - db@_group_: mysql\n' })).toEqual([rd('db/mysql', 'db', 'config'), self('config', '')]);
  });
  it('@_group_.x is below it, and needs that package on the command line', () => {
    const files = { 'config.yaml': 'defaults:\n  - db@_group_.x: mysql\n' };
    expect(listOf(files)).toEqual([rd('db/mysql', 'db.x', 'config'), self('config', '')]);
    expect(listOf(files, ['db@db.x=pg'])[0]).toEqual(rd('db/pg', 'db.x', 'config'));
  });
  it('_group_ makes the package absolute (the including package is not prepended)', () => {
    expect(listOf({ 'server/apache.yaml': 'defaults:\n  - db@_group_.y: mysql\n', 'config.yaml': 'defaults:\n  - server: apache\n' })[0]).toEqual(
      rd('server/db/mysql', 'server.db.y', 'server/apache'),
    );
    expect(listOf({ 'server/apache.yaml': 'defaults:\n  - db@top._group_: mysql\n', 'config.yaml': 'defaults:\n  - server: apache\n' })[0]).toEqual(
      rd('server/db/mysql', 'top.server.db', 'server/apache'),
    );
  });
  it('a # @package _global_.x header on a nested option is absolute too', () => {
    expect(
      listOf({
        'server/db/mysql.yaml': '# @package _global_.infra\nserver_mysql: true\n',
        'server/apache.yaml': 'defaults:\n  - db: mysql\n',
        'config.yaml': 'defaults:\n  - server: apache\n',
      })[0],
    ).toEqual(rd('server/db/mysql', 'infra', 'server/apache'));
  });
  it('@_global_ in a nested config puts that option at the root', () => {
    expect(listOf({ 'server/apache.yaml': 'defaults:\n  - db@_global_: mysql\n', 'config.yaml': 'defaults:\n  - server: apache\n' })[0]).toEqual(
      rd('server/db/mysql', '', 'server/apache'),
    );
  });
});
