/**
 * Placeholders, interpolated options, deletions, duplicates and mandatory (`???`) choices in the
 * final defaults list (after Hydra's tests/defaults_list/test_defaults_list.py, version_base 1.3).
 */
import { describe, expect, it } from 'vitest';
import { ConfigCompositionError } from '../../src/defaults/errors.js';
import { defaultsListOf, errorOf, rd, self } from './hydra-list-fixture.js';

describe('null placeholders', () => {
  it('a null choice adds nothing', () => {
    expect(defaultsListOf('placeholder')).toEqual([self('placeholder', '')]);
  });
  it('the command line fills the placeholder without +', () => {
    expect(defaultsListOf('placeholder', ['group1=file1'])).toEqual([rd('group1/file1', 'group1', 'placeholder'), self('placeholder', '')]);
  });
  it('a nested placeholder adds nothing under its config', () => {
    expect(defaultsListOf('nested_placeholder')).toEqual([
      self('group1/placeholder', 'group1', 'nested_placeholder'),
      self('nested_placeholder', ''),
    ]);
  });
  it('a nested placeholder is filled by its full group path', () => {
    expect(defaultsListOf('nested_placeholder', ['group1/group2=file1'])).toEqual([
      rd('group1/group2/file1', 'group1.group2', 'group1/placeholder'),
      self('group1/placeholder', 'group1', 'nested_placeholder'),
      self('nested_placeholder', ''),
    ]);
  });
});

describe('interpolated options', () => {
  it('are resolved against the final choices, command line included', () => {
    expect(defaultsListOf('interpolation_simple', ['group1=file2'])).toEqual([
      rd('group1/file2', 'group1', 'interpolation_simple'),
      rd('group2/file2', 'group2', 'interpolation_simple'),
      rd('group1_group2/file2_file2', 'group1_group2', 'interpolation_simple'),
      self('interpolation_simple', ''),
    ]);
  });
  it('without overrides use the listed choices', () => {
    expect(defaultsListOf('interpolation_simple')[2]).toEqual(rd('group1_group2/file1_file2', 'group1_group2', 'interpolation_simple'));
  });
  it('the selected config can have its own defaults list', () => {
    expect(defaultsListOf('interpolation_with_nested_defaults_list')).toEqual([
      rd('group1/file1', 'group1', 'interpolation_with_nested_defaults_list'),
      rd('group2/file1', 'group2', 'interpolation_with_nested_defaults_list'),
      rd('group1_group2/empty1', 'group1_group2', 'group1_group2/file1_file1_with_defaults_list'),
      self('group1_group2/file1_file1_with_defaults_list', 'group1_group2', 'interpolation_with_nested_defaults_list'),
      self('interpolation_with_nested_defaults_list', ''),
    ]);
  });
});

describe('deleting a group from the command line', () => {
  it('~group removes the option and everything it listed', () => {
    expect(defaultsListOf('include_nested_group', ['~group1'])).toEqual([self('include_nested_group', '')]);
  });
  it('~group=option removes it only when that option is chosen', () => {
    expect(defaultsListOf('include_nested_group', ['~group1=group_item1'])).toEqual([self('include_nested_group', '')]);
    const e = errorOf('include_nested_group', ['~group1=group_item2']);
    expect(e).toBeInstanceOf(ConfigCompositionError);
    expect(e.message).toContain("Could not delete 'group1=group_item2'. No match in the defaults list");
  });
  it('~ of a nested group leaves the including config', () => {
    expect(defaultsListOf('include_nested_group', ['~group1/group2'])).toEqual([
      self('group1/group_item1', 'group1', 'include_nested_group'),
      self('include_nested_group', ''),
    ]);
  });
  it('~ of a relocated group needs its package', () => {
    expect(defaultsListOf('group_default_pkg1', ['~group1@pkg1'])).toEqual([self('group_default_pkg1', '')]);
    expect(errorOf('group_default_pkg1', ['~group1']).message).toContain("Could not delete 'group1'. No match in the defaults list");
  });
});

describe('duplicates in the final defaults list', () => {
  it('the same group listed twice with the same option', () => {
    const e = errorOf('error_duplicate_group');
    expect(e).toBeInstanceOf(ConfigCompositionError);
    expect(e.message).toContain('group1 appears more than once in the final defaults list');
  });
  it('the same nested group reached twice', () => {
    expect(errorOf('error_duplicate_group_nested').message).toContain('group1/group2 appears more than once in the final defaults list');
  });
});

describe('mandatory choices (???)', () => {
  it('a multirun job skips a missing choice', () => {
    expect(defaultsListOf('with_missing', [], { multirun: true })).toEqual([self('with_missing', '')]);
  });
  it('a multirun job with the choice given uses it', () => {
    expect(defaultsListOf('with_missing', ['db=base_db'], { multirun: true })).toEqual([
      rd('db/base_db', 'db', 'with_missing'),
      self('with_missing', ''),
    ]);
  });
  it('a single run fails and lists the options', () => {
    const e = errorOf('with_missing');
    expect(e).toBeInstanceOf(ConfigCompositionError);
    expect(e.message).toContain("You must specify 'db', e.g, db=<OPTION>");
    expect(e.message).toMatch(/Available options:\n\tbase_db\n\tmysql/);
  });
  it('a single run with the choice given uses it', () => {
    expect(defaultsListOf('with_missing', ['db=mysql'])).toEqual([rd('db/mysql', 'db', 'with_missing'), self('with_missing', '')]);
  });
});
