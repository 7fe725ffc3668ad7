/**
 * The defaults list, basic shapes (after Hydra's tests/defaults_list/test_defaults_list.py, with
 * version_base 1.3): reading a config's defaults list, the paths and packages of single entries,
 * and the final list of simple configs.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/errors.js';
import { loadYamlString } from '../../src/config/load.js';
import { ConfigDefault, GroupDefault, type InputDefault } from '../../src/defaults/elements.js';
import { parseDefaultsList } from '../../src/defaults/parse-defaults.js';
import { defaultsListOf, hydraTestRepo, rd, self } from './hydra-list-fixture.js';

function readDefaults(configPath: string): InputDefault[] {
  const text = hydraTestRepo[`${configPath}.yaml`] as string;
  const node = loadYamlString(text, `${configPath}.yaml`);
  if (!node || node.kind !== 'dict') return [];
  const list = node.entries.get('defaults');
  return list ? parseDefaultsList(configPath, list) : [];
}

/** The fields Hydra compares for a loaded entry. */
function shape(d: InputDefault) {
  if (d instanceof GroupDefault) return { group: d.group, value: d.value, package: d.package, optional: d.optional, override: d.override };
  return { path: (d as ConfigDefault).path, package: d.package, optional: d.optional };
}

describe('reading the defaults list of a config', () => {
  it('reads no entries from an empty config', () => {
    expect(readDefaults('empty')).toEqual([]);
  });
  it('reads one group entry', () => {
    expect(readDefaults('group_default').map(shape)).toEqual([{ group: 'group1', value: 'file1', package: undefined, optional: false, override: false }]);
  });
  it('keeps _self_ where it is written (first)', () => {
    const [a, b] = readDefaults('self_leading');
    expect(a?.isSelf()).toBe(true);
    expect(b && shape(b)).toEqual({ group: 'group1', value: 'file1', package: undefined, optional: false, override: false });
  });
  it('keeps _self_ where it is written (last)', () => {
    const l = readDefaults('self_trailing');
    expect(l.map((d) => d.isSelf())).toEqual([false, true]);
  });
  it('reads the optional keyword', () => {
    expect(readDefaults('optional').map(shape)).toEqual([{ group: 'group1', value: 'file1', package: undefined, optional: true, override: false }]);
  });
  it('reads a plain config name as a config (not a group) entry', () => {
    const [d] = readDefaults('config_default');
    expect(d).toBeInstanceOf(ConfigDefault);
    expect((d as ConfigDefault).path).toBe('empty');
  });
  it("rejects the 1.0 style 'optional: true' key next to the group (too many keys)", () => {
    expect(() => readDefaults('optional_deprecated')).toThrow(ConfigError);
    expect(() => readDefaults('optional_deprecated')).toThrow(/Too many keys in default item \{group1, optional\}/);
  });
});

function withParent<T extends InputDefault>(d: T, baseDir: string, pkg = ''): T {
  d.setParent(baseDir, pkg);
  return d;
}

describe('group path and config path of one entry', () => {
  it.each([
    ['a config at the top', withParent(new ConfigDefault('bar'), ''), '', 'bar'],
    ['a config listed from a group', withParent(new ConfigDefault('bar'), 'foo'), 'foo', 'foo/bar'],
    ['a group option at the top', withParent(new GroupDefault('foo', 'bar'), ''), 'foo', 'foo/bar'],
    ['a group option listed from a group', withParent(new GroupDefault('foo', 'bar'), 'zoo'), 'zoo/foo', 'zoo/foo/bar'],
    ['an absolute config', withParent(new ConfigDefault('/foo/zoo'), 'irrelevant'), 'foo', 'foo/zoo'],
    ['an absolute group', withParent(new GroupDefault('/foo', 'zoo'), 'irrelevant'), 'foo', 'foo/zoo'],
  ])('%s', (_name, d, group, configPath) => {
    expect(d.groupPath()).toBe(group);
    expect(d.configPath()).toBe(configPath);
  });
});

describe('default package of one entry', () => {
  it.each([
    ['config at the top', withParent(new ConfigDefault('bar'), ''), ''],
    ['config with a group in its path', withParent(new ConfigDefault('foo/bar'), ''), 'foo'],
    ['config listed from a group', withParent(new ConfigDefault('bar'), 'foo'), 'foo'],
    ['config listed from a nested group', withParent(new ConfigDefault('bar'), 'a/b'), 'a.b'],
    ['group option', withParent(new GroupDefault('a', 'a1'), ''), 'a'],
    ['nested group option', withParent(new GroupDefault('a/b', 'a1'), ''), 'a.b'],
    ['nested group option listed from a group', withParent(new GroupDefault('a/b', 'a1'), 'x'), 'x.a.b'],
    ['absolute config', withParent(new ConfigDefault('/foo/bar'), 'irrelevant'), 'foo'],
    ['absolute group', withParent(new GroupDefault('/foo', 'bar'), 'irrelevant'), 'foo'],
  ])('%s', (_name, d, pkg) => {
    expect(d.defaultPackage()).toBe(pkg);
  });
});

describe('final package of one entry', () => {
  it.each([
    ['config at the top', new ConfigDefault('bar'), '', ''],
    ['config in a group', new ConfigDefault('group1/bar'), '', 'group1'],
    ['config with a package', new ConfigDefault('bar', 'pkg1'), '', 'pkg1'],
    ['config in a group with a package', new ConfigDefault('group1/bar', 'pkg1'), '', 'pkg1'],
    ['package relative to the parent package', new ConfigDefault('bar', 'pkg1'), 'a', 'a.pkg1'],
    ['_global_.pkg1 is absolute', new ConfigDefault('bar', '_global_.pkg1'), '', 'pkg1'],
    ['a _global_ parent package is absolute too', new ConfigDefault('bar', 'pkg1'), '_global_.foo', 'foo.pkg1'],
    ['the last _global_ wins', new ConfigDefault('bar', '_global_.pkg1'), '_global_.foo', 'pkg1'],
    ['_group_ in a group entry is the group', new GroupDefault('foo', 'bar', '_group_'), '', 'foo'],
    ['_group_ in a config entry is its group', new ConfigDefault('foo/bar', '_group_'), '', 'foo'],
    ['_group_.zoo in a group entry', new GroupDefault('foo', 'bar', '_group_.zoo'), '', 'foo.zoo'],
    ['_group_.zoo in a config entry', new ConfigDefault('foo/bar', '_group_.zoo'), '', 'foo.zoo'],
  ])('%s', (_name, d, parentPackage, expected) => {
    d.setParent('', parentPackage);
    expect(d.finalPackage()).toBe(expected);
  });
});

describe('# @package header of the selected config (version_base 1.3: absolute, no keywords)', () => {
  it.each([
    ['_group_ is a literal key', '_group_', '_group_'],
    ['a header naming the group', 'group1', 'group1'],
    ['any other package', 'abc', 'abc'],
    ['_global_ is the root', '_global_', ''],
    ['_group_._name_ stays literal', '_group_._name_', '_group_._name_'],
  ])('%s', (_name, header, expected) => {
    const d = new GroupDefault('group1', 'file');
    d.setParent('', '');
    d.setPackageHeader(header);
    expect(d.finalPackage()).toBe(expected);
  });
  it('ignores the parent package (the header is absolute)', () => {
    const d = new GroupDefault('group1', 'file');
    d.setParent('', 'parent_pkg');
    d.setPackageHeader('_group_');
    expect(d.finalPackage()).toBe('_group_');
  });
});

describe('final defaults list of simple configs', () => {
  it('a config without a defaults list is itself, not _self_', () => {
    expect(defaultsListOf('empty')).toEqual([rd('empty', '')]);
  });
  it('a config listing another config merges that one first', () => {
    expect(defaultsListOf('config_default')).toEqual([rd('empty', '', 'config_default'), self('config_default', '')]);
  });
  it('a group option comes before the implicit _self_', () => {
    expect(defaultsListOf('group_default')).toEqual([rd('group1/file1', 'group1', 'group_default'), self('group_default', '')]);
  });
  it('_self_ listed first comes first', () => {
    expect(defaultsListOf('self_leading')).toEqual([self('self_leading', ''), rd('group1/file1', 'group1', 'self_leading')]);
  });
  it('_self_ listed last comes last', () => {
    expect(defaultsListOf('self_trailing')).toEqual([rd('group1/file1', 'group1', 'self_trailing'), self('self_trailing', '')]);
  });
  it('an optional group option that exists is used', () => {
    expect(defaultsListOf('optional')).toEqual([rd('group1/file1', 'group1', 'optional'), self('optional', '')]);
  });
  it('a group option with its own defaults list nests its group under the including group', () => {
    expect(defaultsListOf('include_nested_group')).toEqual([
      rd('group1/group2/file1', 'group1.group2', 'group1/group_item1'),
      self('group1/group_item1', 'group1', 'include_nested_group'),
      self('include_nested_group', ''),
    ]);
  });
  it('two configs of one group listed by path are both merged (no group choice, no duplicate)', () => {
    expect(defaultsListOf('two_config_items')).toEqual([
      rd('group1/file1', 'group1', 'two_config_items'),
      rd('group1/file2', 'group1', 'two_config_items'),
      self('two_config_items', ''),
    ]);
  });
});

describe('composing without a primary config', () => {
  it('gives an empty list', () => {
    expect(defaultsListOf(undefined)).toEqual([]);
  });
  it('still takes +group=option from the command line, under an empty placeholder config', () => {
    expect(defaultsListOf(undefined, ['+group1=file1'])).toEqual([rd('group1/file1', 'group1', '_dummy_empty_config_')]);
  });
});
