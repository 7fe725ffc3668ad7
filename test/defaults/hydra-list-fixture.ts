/**
 * A conf tree shaped like the one behind Hydra's defaults-list tests (tests/defaults_list/data),
 * recreated with our own file contents, plus helpers that compose through the whole pipeline and
 * reduce the final defaults list to what Hydra's ResultDefault compares: config path, package,
 * parent and is_self.
 */
import { composeTree } from '../../src/compose/compose.js';
import type { ResultDefault } from '../../src/defaults/flatten.js';
import { confTree } from '../helpers/conf-tree.js';

const body = (name: string) => `${name.replace(/[/@.]/g, '_')}: true\n`;
const defaults = (...items: string[]) => `defaults:\n${items.map((i) => `  - ${i}\n`).join('')}`;

/** Leaf configs: their content is one key named after them (no defaults list). */
const leaves = [
  'group1/file1',
  'group1/file2',
  'group1/file3',
  'group1/group2/file1',
  'group1/group2/file2',
  'group2/file1',
  'group2/file2',
  'group1_group2/file1_file1',
  'group1_group2/file1_file2',
  'group1_group2/file2_file2',
  'group1_group2/empty1',
  'db/base_db',
  'db/mysql',
  'hydra/help/custom1',
  'hydra/help/custom2',
];

export const hydraTestRepo: Record<string, string> = {
  ...Object.fromEntries(leaves.map((p) => [`${p}.yaml`, body(p)])),
  'empty.yaml': '',
  'group_default.yaml': `${defaults('group1: file1')}x: 1\n`,
  'self_leading.yaml': defaults('_self_', 'group1: file1'),
  'self_trailing.yaml': defaults('group1: file1', '_self_'),
  'optional.yaml': defaults('optional group1: file1'),
  'optional_deprecated.yaml': 'defaults:\n  - group1: file1\n    optional: true\n',
  'config_default.yaml': defaults('empty'),
  'include_nested_group.yaml': defaults('group1: group_item1'),
  'group1/group_item1.yaml': `${defaults('group2: file1')}item1: true\n`,
  'group1/group_item2.yaml': `${defaults('group2: file2')}item2: true\n`,
  // packages in the defaults list
  'config_default_pkg1.yaml': defaults('empty@pkg1'),
  'include_nested_config_item_pkg2.yaml': defaults('group1: config_item_pkg2'),
  'group1/config_item_pkg2.yaml': defaults('group2/file1@pkg2'),
  'include_nested_config_item_global.yaml': defaults('group1: config_item_global_'),
  'group1/config_item_global_.yaml': defaults('group2/file1@_global_'),
  'include_nested_group_pkg2.yaml': defaults('group1: group_item1_pkg2'),
  'group1/group_item1_pkg2.yaml': defaults('group2@pkg2: file1'),
  'group_default_pkg1.yaml': defaults('group1@pkg1: file1'),
  'include_nested_group_global_.yaml': defaults('group1: group_item1_global_'),
  'group1/group_item1_global_.yaml': defaults('group2@_global_: file1'),
  'group_default_at_global.yaml': defaults('group1@_global_: file1'),
  'experiment/override_with_global_default2.yaml': defaults('override /group1@_global_: file2'),
  'two_group_defaults_different_pkgs_global.yaml': defaults('group1: file1', 'group1@_global_: file2'),
  'include_nested_group_global_foo.yaml': defaults('group1: group_item1_global_foo'),
  'group1/group_item1_global_foo.yaml': defaults('group2@_global_.foo: file1'),
  'include_nested_group_name_.yaml': defaults('group1: group_item1_name_'),
  'group1/group_item1_name_.yaml': defaults('group2@_name_: file1'),
  'include_nested_config_item_name_.yaml': defaults('group1: config_item_name_'),
  'group1/config_item_name_.yaml': defaults('group2/file1@_name_'),
  // package headers
  'primary_pkg_header_foo.yaml': `# @package foo\n${defaults('group1: file1', 'group1@pkg: file1')}`,
  'include_nested_group_pkg_header_foo.yaml': defaults('group1: group_item1_pkg_header_foo'),
  'group1/group_item1_pkg_header_foo.yaml': `# @package foo\n${defaults('group2: file1')}`,
  'group1/group_item2_pkg_header_foo.yaml': `# @package foo\n${defaults('group2: file2')}`,
  'group1/group_item2_pkg_header_bar.yaml': `# @package bar\n${defaults('group2: file2')}`,
  'group1/group2/file1_pkg_header_foo.yaml': '# @package foo\nfile1_pkg_header_foo: true\n',
  'group1/group_item1_with_pkg_header_foo.yaml': defaults('group2: file1_pkg_header_foo'),
  'include_nested_group_pkg_header_foo_override_pkg_bar.yaml': defaults('group1@bar: group_item1_pkg_header_foo'),
  'group1/file_with_group_header.yaml': '# @package _group_\nwith_group_header: true\n',
  'group1/group2/file_with_group_header.yaml': '# @package _group_\nwith_group_header: true\n',
  // hydra's own groups
  'legacy_override_hydra.yaml': defaults('hydra/help: custom1'),
  'override_hydra2.yaml': defaults('override hydra/help: custom1'),
  'experiment/include_absolute_config.yaml': `# @package _global_\n${defaults('/group1/group2: file1')}`,
  'experiment/override_hydra.yaml': `# @package _global_\n${defaults('override /hydra/help: custom1')}`,
  // placeholders, interpolation, missing, duplicates
  'placeholder.yaml': defaults('group1: null'),
  'nested_placeholder.yaml': defaults('group1: placeholder'),
  'group1/placeholder.yaml': defaults('group2: null'),
  'interpolation_simple.yaml': defaults('group1: file1', 'group2: file2', 'group1_group2: ${group1}_${group2}'),
  'interpolation_with_nested_defaults_list.yaml': defaults('group1: file1', 'group2: file1', 'group1_group2: ${group1}_${group2}_with_defaults_list'),
  'group1_group2/file1_file1_with_defaults_list.yaml': defaults('empty1'),
  'error_duplicate_group.yaml': defaults('group1: file1', 'group1: file1'),
  'error_duplicate_group_nested.yaml': defaults('group1/group2: file1', 'group1: group_item1'),
  'two_config_items.yaml': defaults('group1/file1', 'group1/file2'),
  'with_missing.yaml': defaults('db: ???'),
  'select_multi_pkg.yaml': 'defaults:\n  - group1@foo:\n      - file1\n      - file2\n',
};

let dir: string | undefined;

/** The conf dir with hydraTestRepo, written once per test file. */
export function hydraTestDir(): string {
  dir ??= confTree(hydraTestRepo);
  return dir;
}

/** What Hydra's ResultDefault compares. */
export interface Entry {
  configPath: string;
  package: string;
  parent: string;
  isSelf: boolean;
}

/** An expected entry; Hydra's parent of the primary config is `<root>` when hydra is prepended. */
export function rd(configPath: string, pkg: string, parent = '<root>', isSelf = false): Entry {
  return { configPath, package: pkg, parent, isSelf };
}

/** The same with is_self. */
export function self(configPath: string, pkg: string, parent = '<root>'): Entry {
  return rd(configPath, pkg, parent, true);
}

export interface ListOptions {
  /** Keep tydra's `hydra/...` entries (Hydra's prepend_hydra). */
  withHydra?: boolean;
  /** Compose a multirun job: `???` choices are skipped (Hydra's skip_missing). */
  multirun?: boolean;
  /** Another conf dir (default: the shared Hydra-shaped tree). */
  configDir?: string;
}

export function toEntry(d: ResultDefault): Entry {
  return { configPath: d.configPath, package: d.package, parent: d.parent, isSelf: d.isSelf };
}

/** The final defaults list of `configName` with `overrides`, as Entries. */
export function defaultsListOf(configName: string | undefined, overrides: string[] = [], opts: ListOptions = {}): Entry[] {
  const c = composeTree({
    configDir: opts.configDir ?? hydraTestDir(),
    configName,
    overrides,
    mode: opts.multirun ? 'multirun' : 'run',
  });
  const all = c.defaultsList.map(toEntry);
  return opts.withHydra ? all : all.filter((d) => !d.configPath.startsWith('hydra/'));
}

/** The error composing `configName` with `overrides` (fails the test when it composes). */
export function errorOf(configName: string | undefined, overrides: string[] = [], opts: ListOptions = {}): Error {
  try {
    defaultsListOf(configName, overrides, opts);
  } catch (e) {
    return e as Error;
  }
  throw new Error(`expected ${configName ?? '(no config)'} ${overrides.join(' ')} to fail`);
}
