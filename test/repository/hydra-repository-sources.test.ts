/**
 * Config sources and the search path as Hydra 1.3's ConfigSource / ConfigRepository behave
 * (scenarios of Hydra's tests/test_config_repository.py and its ConfigSourceTestSuite, recreated with
 * our own trees): groups vs configs with the same name, `.yaml` in config paths, sorted listings,
 * `# @package` headers, unicode, and a ConfigStore holding the same tree.
 */
import { describe, expect, it } from 'vitest';
import { composeTree, resolvedJobConfig } from '../../src/compose/compose.js';
import { readPackageHeader } from '../../src/config/load.js';
import { plain } from '../../src/config/interpolation/resolve.js';
import type { Node } from '../../src/config/nodes.js';
import { ConfigStore } from '../../src/repository/config-store.js';
import { FileSource } from '../../src/repository/file-source.js';
import { ConfigRepository } from '../../src/repository/repository.js';
import type { ConfigSource } from '../../src/repository/source.js';
import { confTree } from '../helpers/conf-tree.js';

const files: Record<string, string> = {
  'config_without_group.yaml': 'group: false\n',
  'config_with_unicode.yaml': 'group: 数据库\n',
  'config_with_defaults_list.yaml': 'defaults:\n  - dataset: imagenet\nkey: value\n',
  'configs_with_defaults_list/global_package.yaml': '# @package _global_\ndefaults:\n  - foo: bar\nx: 10\n',
  'configs_with_defaults_list/group_package.yaml': '# @package _group_\ndefaults:\n  - foo: bar\nx: 10\n',
  'dataset.yaml': 'dataset_yaml: true\n',
  'dataset/imagenet.yaml': 'name: imagenet\npath: /datasets/imagenet\n',
  'dataset/cifar10.yaml': 'name: cifar10\npath: /datasets/cifar10\n',
  'level1/level2/nested1.yaml': 'l1_l2_n1: true\n',
  'level1/level2/nested2.yaml': 'l1_l2_n2: true\n',
  'optimizer/adam.yaml': 'type: adam\n',
  'optimizer/nesterov.yaml': 'type: nesterov\n',
  'package_test/none.yaml': 'foo: bar\n',
  'package_test/explicit.yaml': '# @package a.b\nfoo: bar\n',
  'package_test/global.yaml': '# @package _global_\nfoo: bar\n',
  'package_test/group.yaml': '# @package _group_\nfoo: bar\n',
  'primary_config.yaml': 'foo: bar\n',
  'primary_config_with_non_global_package.yaml': '# @package foo\nfoo: bar\n',
};

const dir = confTree(files);

/** The same tree registered in a ConfigStore (Hydra's StructuredConfigSource). */
function storeSource(): ConfigSource {
  const store = new ConfigStore();
  for (const [p, text] of Object.entries(files)) {
    const name = p.replace(/\.yaml$/, '');
    const i = name.lastIndexOf('/');
    const header = /^# @package (\S+)/.exec(text)?.[1];
    store.register({ group: i < 0 ? undefined : name.slice(0, i), name: name.slice(i + 1), node: text, package: header });
  }
  return store.source();
}

const kinds: [string, () => ConfigSource][] = [
  ['a directory', () => new FileSource(dir, 'foo')],
  ['a ConfigStore', storeSource],
];

for (const [kind, make] of kinds) {
  describe(`a config source: ${kind}`, () => {
    const src = make();
    it('tells groups apart from configs, a name being both', () => {
      const groups: [string, boolean][] = [
        ['', true],
        ['dataset', true],
        ['optimizer', true],
        ['configs_with_defaults_list', true],
        ['dataset/imagenet', false],
        ['level1', true],
        ['level1/level2', true],
        ['level1/level2/nested1', false],
        ['not_found', false],
      ];
      for (const [p, expected] of groups) expect([p, src.hasGroup(p)]).toEqual([p, expected]);
      const configs: [string, boolean][] = [
        ['optimizer', false],
        ['dataset', true],
        ['dataset/imagenet', true],
        ['configs_with_defaults_list/global_package', true],
        ['level1', false],
        ['level1/level2', false],
        ['level1/level2/nested1', true],
        ['not_found', false],
      ];
      for (const [p, expected] of configs) expect([p, src.hasConfig(p)]).toEqual([p, expected]);
    });
    it('lists the configs and groups of a group', () => {
      expect([...src.list('').groups].sort()).toEqual(['configs_with_defaults_list', 'dataset', 'level1', 'optimizer', 'package_test']);
      expect(src.list('').configs).toEqual(expect.arrayContaining(['config_without_group', 'dataset', 'primary_config']));
      expect([...src.list('dataset').configs].sort()).toEqual(['cifar10', 'imagenet']);
      expect(src.list('dataset').groups).toEqual([]);
      expect(src.list('level1')).toEqual({ configs: [], groups: ['level2'] });
      expect([...src.list('level1/level2').configs].sort()).toEqual(['nested1', 'nested2']);
    });
    it('loads configs, unicode included, with their defaults list and header', () => {
      const load = (p: string) => src.load(p);
      expect(plain(load('config_without_group')?.node as Node)).toEqual({ group: false });
      expect(plain(load('config_with_unicode')?.node as Node)).toEqual({ group: '数据库' });
      expect(plain(load('dataset/imagenet')?.node as Node)).toEqual({ name: 'imagenet', path: '/datasets/imagenet' });
      expect(plain(load('config_with_defaults_list')?.node as Node)).toEqual({ defaults: [{ dataset: 'imagenet' }], key: 'value' });
      expect(load('configs_with_defaults_list/global_package')?.packageHeader).toBe('_global_');
      expect(load('configs_with_defaults_list/group_package')?.packageHeader).toBe('_group_');
      expect(load('dataset/not_found')).toBeUndefined();
    });
    it('reads the package header as written', () => {
      const headers: [string, string | undefined][] = [
        ['package_test/none', undefined],
        ['package_test/explicit', 'a.b'],
        ['package_test/global', '_global_'],
        ['package_test/group', '_group_'],
        ['primary_config', undefined],
        ['primary_config_with_non_global_package', 'foo'],
      ];
      for (const [p, expected] of headers) expect([p, src.load(p)?.packageHeader]).toEqual([p, expected]);
    });
  });
}

describe('a directory source and file names', () => {
  const src = new FileSource(dir, 'foo');
  it('finds a config by its file name with .yaml, not with another extension', () => {
    expect(src.hasConfig('dataset/imagenet.yaml')).toBe(true);
    expect(src.hasConfig('dataset/imagenet.foobar')).toBe(false);
    expect(plain(src.load('dataset/imagenet.yaml')?.node as Node)).toEqual({ name: 'imagenet', path: '/datasets/imagenet' });
  });
});

describe('the repository (search path)', () => {
  const repo = new ConfigRepository([new FileSource(dir, 'test')]);
  it('loads a config path with its extension and answers undefined for a missing one', () => {
    expect(plain(repo.load('dataset/imagenet.yaml')?.node as Node)).toEqual({ name: 'imagenet', path: '/datasets/imagenet' });
    expect(repo.load('not_found.yaml')).toBeUndefined();
    expect(repo.hasConfig('dataset/imagenet.yaml')).toBe(true);
    expect(repo.hasConfig('not_found.yaml')).toBe(false);
  });
  it('lists sorted options and subgroups', () => {
    expect(repo.groupOptions('')).toEqual([
      'config_with_defaults_list',
      'config_with_unicode',
      'config_without_group',
      'dataset',
      'primary_config',
      'primary_config_with_non_global_package',
    ]);
    expect(repo.subgroups('')).toEqual(['configs_with_defaults_list', 'dataset', 'level1', 'optimizer', 'package_test']);
    expect(repo.groupOptions('dataset')).toEqual(['cifar10', 'imagenet']);
    expect(repo.subgroups('dataset')).toEqual([]);
    expect(repo.subgroups('level1')).toEqual(['level2']);
    expect(repo.groupOptions('level1')).toEqual([]);
    expect(repo.groupOptions('level1/level2')).toEqual(['nested1', 'nested2']);
  });
  it('takes a config from the first source that has it, and merges the options of all sources', () => {
    const other = confTree({ 'dataset/imagenet.yaml': 'name: shadowed\n', 'dataset/mnist.yaml': 'name: mnist\n' });
    const both = new ConfigRepository([new FileSource(dir, 'test'), new FileSource(other, 'other')]);
    expect(plain(both.load('dataset/imagenet')?.node as Node)).toMatchObject({ name: 'imagenet' });
    expect(both.groupOptions('dataset')).toEqual(['cifar10', 'imagenet', 'mnist']);
  });
});

describe('the # @package header', () => {
  const header = (text: string) => readPackageHeader({ path: 'x.yaml', configPath: 'x', text } as Parameters<typeof readPackageHeader>[0]);
  it('accepts spaces around the #, the @ and the value', () => {
    for (const text of ['# @package foo.bar', '# @package  foo.bar', '# @package foo.bar', '#@package foo.bar', '#@package foo.bar ']) {
      expect([text, header(text)]).toEqual([text, 'foo.bar']);
    }
  });
  it('rejects a header with too many or too few parts', () => {
    expect(() => header('#@package foo.bar bah')).toThrow();
    expect(() => header('#@package')).toThrow();
  });
  it('reads the header before the content, after blank lines, but not after other lines', () => {
    expect(header('# @package foo.bar\nfoo: bar\n# comment dsa\n')).toBe('foo.bar');
    expect(header('\n# @package foo.bar\n')).toBe('foo.bar');
    expect(header('# a comment\n# @package foo.bar\nfoo: bar\n')).toBeUndefined();
    expect(header('foo: bar\n# @package foo.bar\n')).toBeUndefined();
  });
  it('does not read `# @package: x` (the colon form) as a package', () => {
    expect(header('# @package: _global_\nfoo: bar\n')).toBeUndefined();
  });
});

describe('composing the packages of the source tree (version_base 1.3)', () => {
  const run = (name: string | undefined, overrides: string[] = []) => resolvedJobConfig(composeTree({ configDir: dir, configName: name, overrides }));
  it('puts an option without header under its group, and honours explicit and _global_ headers', () => {
    expect(run(undefined, ['+package_test=none'])).toEqual({ package_test: { foo: 'bar' } });
    expect(run(undefined, ['+package_test=explicit'])).toEqual({ a: { b: { foo: 'bar' } } });
    expect(run(undefined, ['+package_test=global'])).toEqual({ foo: 'bar' });
  });
  it('treats _group_ as a literal key', () => {
    expect(run(undefined, ['+package_test=group'])).toEqual({ _group_: { foo: 'bar' } });
  });
  it('puts a primary config with a package header under that package', () => {
    expect(run('primary_config')).toEqual({ foo: 'bar' });
    expect(run('primary_config_with_non_global_package')).toEqual({ foo: { foo: 'bar' } });
  });
  it('puts a primary config in a subdirectory under its group', () => {
    expect(run('dataset/imagenet')).toEqual({ dataset: { name: 'imagenet', path: '/datasets/imagenet' } });
    expect(run('level1/level2/nested1')).toEqual({ level1: { level2: { l1_l2_n1: true } } });
  });
  it('composes a config and a group of the same name side by side', () => {
    const c = composeTree({ configDir: dir, configName: 'dataset', overrides: ['+dataset=cifar10'] });
    expect(resolvedJobConfig(c)).toEqual({ dataset_yaml: true, dataset: { name: 'cifar10', path: '/datasets/cifar10' } });
    expect(c.choices.get('dataset')).toBe('cifar10');
  });
  it('lists a config that is also a group as a group option of the parent only once', () => {
    expect(new ConfigRepository([new FileSource(dir, 'test')]).groupOptions('').filter((o) => o === 'dataset')).toEqual(['dataset']);
  });
});
