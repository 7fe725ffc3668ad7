/**
 * Shared fixtures for the hydra-tree-*.test.ts files: the scenarios of Hydra 1.3's
 * tests/defaults_list/test_defaults_tree.py, recreated over our own conf tree and compared
 * structurally (nodes, order, groups/options/packages, _self_, deleted/optional flags).
 *
 * The tree is built the way compose.ts builds it (override parsing and group/value split,
 * GroupChoices, buildDefaultsTree, then the "every override/deletion was used" checks), but over
 * a search path holding only this conf dir, so that `hydra/config` is the small one below (as in
 * Hydra's tests, which prepend the test data's own hydra/config).
 */
import { expect } from 'vitest';
import { parseAll, splitOverrides } from '../../src/compose/compose.js';
import { createSearchPath } from '../../src/compose/search-path.js';
import { GroupChoices } from '../../src/defaults/choices.js';
import { ConfigDefault, GroupDefault, type InputDefault } from '../../src/defaults/elements.js';
import { type DefaultsTreeNode, buildDefaultsTree } from '../../src/defaults/tree.js';
import { ConfigRepository } from '../../src/repository/repository.js';
import { confTree } from '../helpers/conf-tree.js';

/** One element of the expected tree, in the fields Hydra compares. */
export interface Elem {
  kind: 'config' | 'group' | 'root';
  path?: string;
  group?: string;
  value?: string | string[] | null;
  package?: string;
  optional?: boolean;
  deleted?: boolean;
}
export interface TreeShape {
  node: Elem;
  children: Shape[];
}
export type Shape = Elem | TreeShape;

interface Flags {
  package?: string;
  optional?: boolean;
  deleted?: boolean;
}

function flags(f: Flags): Partial<Elem> {
  const out: Partial<Elem> = {};
  if (f.package !== undefined) out.package = f.package;
  if (f.optional) out.optional = true;
  if (f.deleted) out.deleted = true;
  return out;
}

/** Hydra's ConfigDefault(path=..., package=..., optional=..., deleted=...). */
export function cfg(path: string, f: Flags = {}): Elem {
  return { kind: 'config', path, ...flags(f) };
}
/** Hydra's GroupDefault(group=..., value=...): value undefined is the `null` placeholder. */
export function grp(group: string, value: string | string[] | null = null, f: Flags = {}): Elem {
  return { kind: 'group', group, value, ...flags(f) };
}
export const self = cfg('_self_');
/** Hydra's DefaultsTreeNode(node=..., children=[...]). */
export function node(n: Elem, children: Shape[]): TreeShape {
  return { node: n, children };
}
/** Hydra's VirtualRoot (only when hydra/config is prepended). */
export function vroot(children: Shape[]): TreeShape {
  return { node: { kind: 'root' }, children };
}
/** The `hydra/config` branch of the fixture with the given help/output choices. */
export function hydraNode(help = 'default', output = 'default'): TreeShape {
  return node(cfg('hydra/config'), [grp('help', help), grp('output', output), self]);
}

function elemOf(e: InputDefault | undefined): Elem {
  if (!e) return { kind: 'root' };
  let out: Elem;
  if (e instanceof GroupDefault) out = { kind: 'group', group: e.group, value: e.value ?? null };
  else if (e instanceof ConfigDefault) out = { kind: 'config', path: e.path };
  else throw new Error('unknown defaults element');
  if (e.package !== undefined) out.package = e.package;
  if (e.optional) out.optional = true;
  if (e.deleted) out.deleted = true;
  return out;
}

export function shapeOf(n: DefaultsTreeNode): Shape {
  if (n.children === undefined) return elemOf(n.entry);
  return { node: elemOf(n.entry), children: n.children.map(shapeOf) };
}

/**
 * Our recreation of Hydra's tests/defaults_list/data: each config has the defaults list the
 * scenario needs (contents are our own). Configs without a defaults list hold a marker value.
 */
export const DATA: Record<string, string> = {
  'empty.yaml': '',
  'config_default.yaml': 'defaults:\n  - empty\n',
  'group_default.yaml': 'defaults:\n  - group1: file1\n',
  'optional.yaml': 'defaults:\n  - optional group1: file1\n',
  'self_leading.yaml': 'defaults:\n  - _self_\n  - group1: file1\n',
  'self_trailing.yaml': 'defaults:\n  - group1: file1\n  - _self_\n',
  'include_nested_group.yaml': 'defaults:\n  - group1: group_item1\n',
  'include_nested_config_item.yaml': 'defaults:\n  - group1: config_item\n',
  'error_self_pkg1.yaml': 'defaults:\n  - _self_@pkg1\n',
  'error_changing_group.yaml': 'defaults:\n  - group1: file1\n  - group1: file2\n',
  'duplicate_self.yaml': 'defaults:\n  - _self_\n  - _self_\n',
  'invalid_override_in_defaults.yaml': 'defaults:\n  - override foo: bar\n',
  'config_default_pkg1.yaml': 'defaults:\n  - empty@pkg1\n',
  'group_default_pkg1.yaml': 'defaults:\n  - group1@pkg1: file1\n',
  'include_nested_group_pkg2.yaml': 'defaults:\n  - group1: group_item1_pkg2\n',
  'include_nested_config_item_pkg2.yaml': 'defaults:\n  - group1: config_item_pkg2\n',
  'override_same_level.yaml': 'defaults:\n  - group1: file1\n  - override group1: file2\n',
  'include_override_same_level.yaml': 'defaults:\n  - group1: override_same_level\n',
  'override_nested_group_item.yaml': 'defaults:\n  - group1: group_item1\n  - override group1/group2: file2\n',
  'override_wrong_order.yaml': 'defaults:\n  - override group1: file2\n  - group1: file1\n',
  'two_group_defaults_different_pkgs.yaml': 'defaults:\n  - group1@pkg1: file1\n  - group1@pkg2: file1\n',
  'two_group_defaults_different_pkgs_global.yaml': 'defaults:\n  - group1: file1\n  - group1@_global_: file2\n',
  'override_hydra1.yaml': 'defaults:\n  - group1: file1\n  - override hydra/output: disabled\n',
  'override_hydra2.yaml': 'defaults:\n  - override hydra/help: custom1\n',
  'override_hydra3.yaml': 'defaults:\n  - override hydra/help: custom1\n  - override hydra/output: disabled\n',
  'override_hydra4.yaml': 'defaults:\n  - group1: file1\n  - hydra/run: custom1\n  - override hydra/output: disabled\n',
  'override_hydra_wrong_order.yaml': 'defaults:\n  - override hydra/help: custom1\n  - group1: file1\n',
  'legacy_override_hydra.yaml': 'defaults:\n  - hydra/help: custom1\n',
  'legacy_override_hydra2.yaml': 'defaults:\n  - hydra/help: custom1\n  - hydra/output: disabled\n',
  'legacy_override_hydra_wrong_order.yaml': 'defaults:\n  - hydra/help: custom1\n  - group1: file1\n',
  'defaults_with_override_only.yaml': 'defaults:\n  - override /hydra/help: custom1\nprimary_key: 1\n',
  'group_default_with_explicit_experiment.yaml': 'defaults:\n  - group1: file1\n  - experiment: override_config_group\n',
  'group_default_at_global.yaml': 'defaults:\n  - group1@_global_: file1\n',
  'test_extend_same_group.yaml': 'defaults:\n  - extend: here\n',
  'test_extend_from_external_group.yaml': 'defaults:\n  - extend: external\n',
  'test_extend_from_nested_group.yaml': 'defaults:\n  - extend: nested\n',
  'config_with_same_name_as_group.yaml': 'defaults:\n  - config_with_same_name_as_group: item\n',
  'include_group_with_same_name_as_config.yaml': 'defaults:\n  - config_with_same_name_as_group: item\n',
  'test_extend_from_config_with_same_name_as_group.yaml': 'defaults:\n  - config_with_same_name_as_group\n',
  'test_extend_from_group_with_same_name_as_config.yaml': 'defaults:\n  - config_with_same_name_as_group/item\n',
  'with_missing.yaml': 'defaults:\n  - db: ???\n',
  'with_missing_at_global.yaml': 'defaults:\n  - db@_global_: ???\n',
  'with_missing_at_foo.yaml': 'defaults:\n  - db@foo: ???\n',
  'placeholder.yaml': 'defaults:\n  - group1: null\n',
  'nested_placeholder.yaml': 'defaults:\n  - group1: placeholder\n',
  'interpolation_simple.yaml': 'defaults:\n  - group1: file1\n  - group2: file2\n  - group1_group2: ${group1}_${group2}\n',
  'interpolation_forward.yaml': 'defaults:\n  - group1_group2: ${group1}_${group2}\n  - group1: file1\n  - group2: file2\n',
  'interpolation_nested.yaml': 'defaults:\n  - group1/group2: file1\n  - group1_group2: foo_${group1/group2}\n',
  'interpolation_with_package_override.yaml':
    'defaults:\n  - group1@package: file1\n  - group2: file2\n  - group1_group2: ${group1@package}_${group2}\n',
  'interpolation_with_nested_defaults_list.yaml':
    'defaults:\n  - group1: file1\n  - group2: file1\n  - group1_group2: ${group1}_${group2}_with_defaults_list\n',
  'interpolation_with_nested_defaults_list_with_override.yaml':
    'defaults:\n  - group1: file1\n  - group2: file1\n  - group1_group2: ${group1}_${group2}_defaults_with_override\n',
  'interpolation_in_nested.yaml': 'defaults:\n  - group1: interpolation\n',
  'interpolation_resolver_in_nested.yaml': 'defaults:\n  - group1: resolver\n',
  'interpolation_config_default.yaml': 'defaults:\n  - group1: file1\n  - group1/group2/${group1}\n',
  'interpolation_bad_key.yaml': 'defaults:\n  - group1: file1\n  - group2: ${not_found}\n',
  'interpolation_legacy_with_self.yaml':
    'defaults:\n  - _self_\n  - group1: file1\n  - group2: file2\n  - group1_group2: ${defaults.1.group1}_${defaults.2.group2}\n',
  'interpolation_legacy_without_self.yaml':
    'defaults:\n  - group1: file1\n  - group2: file2\n  - group1_group2: ${defaults.0.group1}_${defaults.1.group2}\n',
  'override_nested_to_null.yaml': 'defaults:\n  - group1: group_item1\n  - override group1/group2: null\n',
  'missing_optional_default.yaml': 'defaults:\n  - empty\n  - optional foo: missing\n',
  'group_default_global.yaml': 'defaults:\n  - group1: file_with_global_header\n',
  'keyword_as_groups.yaml': 'defaults:\n  - optional: file1\n  - override: file1\n',
  'keyword_override_override.yaml': 'defaults:\n  - override: file1\n  - override override: file2\n',
  'keyword_optional_optional.yaml': 'defaults:\n  - optional optional: file1\n',
  'select_multi.yaml': 'defaults:\n  - group1:\n      - file1\n      - file2\n',
  'select_multi_interpolation.yaml': 'defaults:\n  - group2: file2\n  - group1:\n      - file1\n      - ${group2}\n',
  'select_multi_override.yaml': 'defaults:\n  - group1:\n      - file1\n      - file2\n  - override group1: [file3, file1]\n',
  'select_multi_optional.yaml': 'defaults:\n  - optional group1:\n      - not_found\n',
  'select_multi_pkg.yaml': 'defaults:\n  - group1@foo:\n      - file1\n      - file2\n',
  'error_invalid_override.yaml': 'defaults:\n  - override group1: file\n',

  'group1/file1.yaml': 'x: 10\n',
  'group1/file2.yaml': 'x: 20\n',
  'group1/file3.yaml': 'x: 30\n',
  'group1/file_with_global_header.yaml': '# @package _global_\nx: 40\n',
  'group1/group_item1.yaml': 'defaults:\n  - group2: file1\n',
  'group1/group_item2.yaml': 'defaults:\n  - group2: file2\n',
  'group1/config_item.yaml': 'defaults:\n  - group2/file1\n',
  'group1/group_item1_pkg2.yaml': 'defaults:\n  - group2@pkg2: file1\n',
  'group1/config_item_pkg2.yaml': 'defaults:\n  - group2/file1@pkg2\n',
  'group1/override_same_level.yaml': 'defaults:\n  - group2: file1\n  - override group2: file2\n',
  'group1/with_missing.yaml': 'defaults:\n  - group2: ???\n',
  'group1/with_missing_at_foo.yaml': 'defaults:\n  - group2@foo: ???\n',
  'group1/placeholder.yaml': 'defaults:\n  - group2: null\n',
  'group1/interpolation.yaml': 'defaults:\n  - group2: ${group1}_ext\n',
  'group1/resolver.yaml': 'defaults:\n  - group2: ${oc.decode:file1}\n',
  'group1/override_invalid.yaml': 'defaults:\n  - group2: file1\n  - override group2@foo: file1\n',
  'group1/override_invalid2.yaml': 'defaults:\n  - group2@foo: file1\n  - override group2: file1\n',
  'group1/select_multi.yaml': 'defaults:\n  - group2:\n      - file1\n      - file2\n',
  'group1/select_multi_pkg.yaml': 'defaults:\n  - group2@bar:\n      - file1\n      - file2\n',
  'group1/group2/file1.yaml': 'y: 1\n',
  'group1/group2/file2.yaml': 'y: 2\n',
  'group1/group2/file3.yaml': 'y: 3\n',
  'group1/group2/interpolation_ext.yaml': 'y: ext\n',
  'group2/file1.yaml': 'z: 1\n',
  'group2/file2.yaml': 'z: 2\n',
  'group1_group2/file1_file1.yaml': 'w: 11\n',
  'group1_group2/file1_file2.yaml': 'w: 12\n',
  'group1_group2/file2_file2.yaml': 'w: 22\n',
  'group1_group2/foo_file1.yaml': 'w: f1\n',
  'group1_group2/foo_file2.yaml': 'w: f2\n',
  'group1_group2/file1_file1_with_defaults_list.yaml': 'defaults:\n  - empty1\n',
  'group1_group2/file1_file2_with_defaults_list.yaml': 'defaults:\n  - empty2\n',
  'group1_group2/file1_file1_defaults_with_override.yaml': 'defaults:\n  - override foo: bar\n',
  'group1_group2/empty1.yaml': 'e: 1\n',
  'group1_group2/empty2.yaml': 'e: 2\n',
  'group1_group2/foo/bar.yaml': 'b: 1\n',
  'db/base_db.yaml': 'db: base\n',
  'extend/base_db.yaml': 'db: extend\n',
  'extend/here.yaml': 'defaults:\n  - base_db\n',
  'extend/external.yaml': 'defaults:\n  - /db/base_db@\n',
  'extend/nested.yaml': 'defaults:\n  - nested/base_db@\n',
  'extend/nested_here_keyword.yaml': 'defaults:\n  - nested/base_db@_here_\n',
  'extend/nested/base_db.yaml': 'db: nested\n',
  'experiment/override_config_group.yaml': '# @package _global_\ndefaults:\n  - override /group1: file2\n',
  'experiment/include_absolute_config.yaml': '# @package _global_\n\ndefaults:\n  - /group1/group2: file1\n  - _self_\n',
  'experiment/override_hydra.yaml': '# @package _global_\n\ndefaults:\n  - override /hydra/help: custom1\n',
  'experiment/override_with_global_default.yaml': 'defaults:\n  - override /group1@_global_.group1: file2\n',
  'experiment/override_with_global_default_header.yaml': '# @package _global_\n\ndefaults:\n  - override /group1: file2\n',
  'experiment/override_with_global_default2.yaml': 'defaults:\n  - override /group1@_global_: file2\n',
  'experiment/error_override_without_abs_and_header.yaml': 'defaults:\n  - override group1: file1\n',
  'experiment/error_override_without_global.yaml': 'defaults:\n  - override /group1: file1\n',
  'config_with_same_name_as_group/item.yaml': 'item: 1\n',
  'optional/file1.yaml': 'o: 1\n',
  'override/file1.yaml': 'o: 1\n',
  'override/file2.yaml': 'o: 2\n',
  'hydra/config.yaml': 'defaults:\n  - help: default\n  - output: default\n',
  'hydra/help/default.yaml': 'help: default\n',
  'hydra/help/custom1.yaml': 'help: custom1\n',
  'hydra/help/custom2.yaml': 'help: custom2\n',
  'hydra/output/default.yaml': 'output: default\n',
  'hydra/output/disabled.yaml': 'output: disabled\n',
  'hydra/run/custom1.yaml': 'run: custom1\n',
};

let dataDir: string | undefined;
/** The DATA conf dir (written once per test file). */
export function dataConfDir(): string {
  dataDir ??= confTree(DATA);
  return dataDir;
}

export interface TreeOptions {
  /** Prepend hydra/config under a virtual root (Hydra's prepend_hydra). */
  withHydra?: boolean;
  /** Hydra's skip_missing (multirun). */
  skipMissing?: boolean;
  /** Another conf dir instead of DATA. */
  dir?: string;
}

export interface TreeResult {
  tree: Shape;
  choices: Map<string, string | string[] | null>;
}

/** Build the defaults tree of `configName` (null: no primary config) with command-line overrides. */
export function buildTree(configName: string | null, overrides: string[] = [], opts: TreeOptions = {}): TreeResult {
  const dir = opts.dir ?? dataConfDir();
  const repo = new ConfigRepository(createSearchPath([dir], process.cwd(), 'main'));
  const { group } = splitOverrides(parseAll(overrides), repo);
  const choices = new GroupChoices(group);
  const root = buildDefaultsTree({
    repo,
    configName: configName ?? undefined,
    choices,
    withHydra: opts.withHydra ?? false,
    skipMissing: opts.skipMissing ?? false,
  });
  choices.ensureSelectionsUsed();
  choices.ensureDeletionsUsed();
  // Without hydra/config Hydra's tree starts at the primary config; ours always has a virtual root.
  const top = opts.withHydra ? root : (root.children?.[0] as DefaultsTreeNode);
  return { tree: shapeOf(top), choices: new Map(choices.known) };
}

export function expectTree(configName: string | null, overrides: string[], expected: Shape, opts: TreeOptions = {}): TreeResult {
  const r = buildTree(configName, overrides, opts);
  expect(r.tree).toEqual(expected);
  return r;
}

/** The error building the tree throws (fails the test when none is thrown). */
export function treeError(configName: string | null, overrides: string[] = [], opts: TreeOptions = {}): Error {
  try {
    buildTree(configName, overrides, opts);
  } catch (e) {
    if (e instanceof Error) return e;
    throw e;
  }
  throw new Error(`expected building the defaults tree of ${configName} ${JSON.stringify(overrides)} to fail`);
}
