/**
 * Errors while building the defaults tree (Hydra 1.3 tests/defaults_list/test_defaults_tree.py:
 * misc errors, bad overrides, deletions and configs that match nothing, missing `???` options,
 * missing configs). Compared by error kind and trigger; the key phrases match Hydra's.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/errors.js';
import { ConfigCompositionError, MissingConfigError } from '../../src/defaults/errors.js';
import { treeError } from './hydra-tree-helpers.js';

function composition(configName: string | null, overrides: string[] = []): Error {
  const e = treeError(configName, overrides);
  expect(e).toBeInstanceOf(ConfigCompositionError);
  return e;
}

describe('misc errors', () => {
  it('_self_ with a package', () => {
    const e = treeError('error_self_pkg1');
    expect(e).toBeInstanceOf(ConfigError);
    expect(e.message).toContain('_self_@PACKAGE is not supported');
  });
  it('one group listed twice with different options', () => {
    expect(composition('error_changing_group').message).toContain("Multiple values for group1. To override a value use 'override group1: file2'");
  });
  it('_self_ listed twice', () => {
    expect(composition('duplicate_self').message).toContain('Duplicate _self_ defined in duplicate_self');
  });
  it('an override entry for a group that is not in the defaults list', () => {
    const msg = composition('invalid_override_in_defaults').message;
    expect(msg).toMatch(/^In 'invalid_override_in_defaults': Could not override 'foo'\. No match in the defaults list\.$/m);
    expect(msg).not.toContain('To append');
    expect(msg).not.toContain('Did you mean');
  });
  it('an override entry before a regular entry', () => {
    expect(composition('override_wrong_order').message).toContain(
      "In override_wrong_order: Override 'group1 : file2' is defined before 'group1: file1'.\nOverrides must be at the end of the defaults list",
    );
  });
  it('an option list item with an interpolation', () => {
    expect(composition('select_multi_interpolation').message).toContain(
      "In 'select_multi_interpolation': Defaults List interpolation is not supported in options list items",
    );
  });
});

describe('command-line overrides that match nothing', () => {
  it('a wrong package, one candidate', () => {
    expect(composition('group_default_pkg1', ['group1@wrong=file2']).message).toContain(
      "Could not override 'group1@wrong'.\nDid you mean to override group1@pkg1?\nTo append to your default list use +group1@wrong=file2",
    );
  });
  it('a nested relocated group addressed without its package', () => {
    expect(composition('include_nested_group_pkg2', ['group1/group2=file2']).message).toContain(
      "Could not override 'group1/group2'.\nDid you mean to override group1/group2@group1.pkg2?\nTo append to your default list use +group1/group2=file2",
    );
  });
  it('a group not in the defaults list', () => {
    expect(composition('empty', ['group1=file1']).message).toContain("Could not override 'group1'. No match in the defaults list.");
  });
  it('a group@package not in the defaults list', () => {
    expect(composition('empty', ['group1@pkg1=file1']).message).toContain("Could not override 'group1@pkg1'. No match in the defaults list.");
  });
  it('a nested group not in the defaults list', () => {
    expect(composition('empty', ['group1/group2=file1']).message).toContain("Could not override 'group1/group2'. No match in the defaults list.");
  });
  it('a package where the group sits at its default package', () => {
    expect(composition('group_default', ['group1@foo=file1']).message).toContain(
      "Could not override 'group1@foo'.\nDid you mean to override group1?\nTo append to your default list use +group1@foo=file1",
    );
  });
  it('a package where the group sits at two other packages', () => {
    expect(composition('two_group_defaults_different_pkgs', ['group1@foo=file1']).message).toContain(
      "Could not override 'group1@foo'.\nDid you mean to override one of group1@pkg1, group1@pkg2?\nTo append to your default list use +group1@foo=file1",
    );
  });
});

describe('override entries that match nothing', () => {
  it('in the primary config', () => {
    expect(composition('error_invalid_override').message).toContain("Could not override 'group1'. No match in the defaults list.");
  });
  it('with a package where the sibling has none', () => {
    expect(composition('empty', ['+group1=override_invalid']).message).toContain(
      "In 'group1/override_invalid': Could not override 'group1/group2@group1.foo'.\nDid you mean to override group1/group2?",
    );
  });
  it('without a package where the sibling has one', () => {
    expect(composition('empty', ['+group1=override_invalid2']).message).toContain(
      "In 'group1/override_invalid2': Could not override 'group1/group2'.\nDid you mean to override group1/group2@group1.foo?",
    );
  });
  it('a relative override in an experiment names a group inside the experiment group', () => {
    expect(composition('experiment/error_override_without_abs_and_header').message).toContain(
      "In 'experiment/error_override_without_abs_and_header': Could not override 'experiment/group1'. No match in the defaults list",
    );
  });
  it('an absolute override in an experiment without a _global_ header lands under the experiment package', () => {
    expect(composition('experiment/error_override_without_global').message).toContain(
      "In 'experiment/error_override_without_global': Could not override 'group1@experiment.group1'. No match in the defaults list",
    );
  });
});

describe('deletions that match nothing', () => {
  it('~group=option with another option chosen', () => {
    expect(composition('include_nested_group', ['~group1=wrong']).message).toContain("Could not delete 'group1=wrong'. No match in the defaults list");
  });
  it('~group not in the defaults list', () => {
    expect(composition('empty', ['~group1']).message).toContain("Could not delete 'group1'. No match in the defaults list");
  });
  it('~group=option not in the defaults list', () => {
    expect(composition('empty', ['~group1=abc']).message).toContain("Could not delete 'group1=abc'. No match in the defaults list");
  });
  it('~group@pkg=option not in the defaults list', () => {
    expect(composition('empty', ['~group1@pkg1=abc']).message).toContain("Could not delete 'group1@pkg1=abc'. No match in the defaults list");
  });
});

describe('missing options (???)', () => {
  it('at the default package', () => {
    expect(composition('with_missing').message).toMatch(/^You must specify 'db', e\.g, db=<OPTION>\nAvailable options:/);
  });
  it('at _global_', () => {
    expect(composition('with_missing_at_global').message).toMatch(/^You must specify 'db@_global_', e\.g, db@_global_=<OPTION>\nAvailable options:/);
  });
  it('at another package', () => {
    expect(composition('with_missing_at_foo').message).toMatch(/^You must specify 'db@foo', e\.g, db@foo=<OPTION>\nAvailable options:/);
  });
  it('nested in an appended config', () => {
    expect(composition('empty', ['+group1=with_missing']).message).toMatch(
      /^You must specify 'group1\/group2', e\.g, group1\/group2=<OPTION>\nAvailable options/,
    );
  });
  it('nested and relocated', () => {
    expect(composition('empty', ['+group1=with_missing_at_foo']).message).toMatch(
      /^You must specify 'group1\/group2@group1\.foo', e\.g, group1\/group2@group1\.foo=<OPTION>\nAvailable options/,
    );
  });
});

describe('configs that do not exist', () => {
  it('the primary config', () => {
    const e = treeError('not_found');
    expect(e).toBeInstanceOf(MissingConfigError);
    expect(e.message).toMatch(/^Cannot find primary config 'not_found'\. Check that it's in your config search path\./);
  });
  it('an appended option', () => {
    const e = treeError('empty', ['+group1=not_found']);
    expect(e).toBeInstanceOf(MissingConfigError);
    expect(e.message).toMatch(/^In 'empty': Could not find 'group1\/not_found'\n\nAvailable options in 'group1':/);
  });
});
