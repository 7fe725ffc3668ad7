/**
 * Entries of a defaults list: which config each one names, and where its content lands
 * (hydra.cc 1.3: advanced/defaults_list, advanced/overriding_packages).
 */
import { describe, expect, it } from 'vitest';
import { ConfigDefault, GroupDefault, type OptionValue } from '../../src/defaults/elements.js';

/** A group default as listed in a config whose group is `baseDir` and whose content lands at `parentPackage`. */
function group(name: string, value: OptionValue, pkg?: string, baseDir = '', parentPackage = ''): GroupDefault {
  const d = new GroupDefault(name, value, pkg);
  d.setParent(baseDir, parentPackage);
  return d;
}

function config(path: string, pkg?: string, baseDir = '', parentPackage = ''): ConfigDefault {
  const d = new ConfigDefault(path, pkg);
  d.setParent(baseDir, parentPackage);
  return d;
}

describe('ConfigDefault paths', () => {
  it('splits a config path into its group and name', () => {
    const d = config('server/apache');
    expect(d.groupPath()).toBe('server');
    expect(d.name()).toBe('apache');
    expect(d.configPath()).toBe('server/apache');
  });

  it('has the root group when the path has no slash', () => {
    const d = config('base');
    expect(d.groupPath()).toBe('');
    expect(d.configPath()).toBe('base');
  });

  it('resolves a relative path against the group of the including config', () => {
    const d = config('db/mysql', undefined, 'server');
    expect(d.groupPath()).toBe('server/db');
    expect(d.configPath()).toBe('server/db/mysql');
    expect(d.relativeGroupPath()).toBe('db');
  });

  it('resolves a bare name to a sibling of the including config', () => {
    expect(config('base', undefined, 'server').configPath()).toBe('server/base');
  });

  it('ignores the including config group for an absolute path', () => {
    const d = config('/db/mysql', undefined, 'server');
    expect(d.groupPath()).toBe('db');
    expect(d.name()).toBe('mysql');
    expect(d.configPath()).toBe('db/mysql');
  });

  it('recognises _self_ and a missing (???) name', () => {
    expect(config('_self_').isSelf()).toBe(true);
    expect(config('server/apache').isSelf()).toBe(false);
    expect(config('server/???').isMissing()).toBe(true);
  });
});

describe('GroupDefault paths', () => {
  it('places the group under the including config group', () => {
    const d = group('db', 'mysql', undefined, 'server');
    expect(d.groupPath()).toBe('server/db');
    expect(d.configPath()).toBe('server/db/mysql');
    expect(d.name()).toBe('mysql');
  });

  it('takes a group starting with / from the root of the search path', () => {
    const d = group('/db', 'mysql', undefined, 'server');
    expect(d.groupPath()).toBe('db');
    expect(d.configPath()).toBe('db/mysql');
    expect(d.relativeGroupPath()).toBe('db');
  });

  it('names an option list by its options joined with commas', () => {
    const d = group('site', ['fb', 'google']);
    expect(d.isOptionList()).toBe(true);
    expect(d.options()).toEqual(['fb', 'google']);
    expect(d.name()).toBe('fb,google');
  });

  it('has no name and no options for a null placeholder', () => {
    const d = group('db', null);
    expect(d.name()).toBeNull();
    expect(d.options()).toEqual([]);
    expect(d.isMissing()).toBe(false);
  });

  it('is missing when its option is ???', () => {
    expect(group('db', '???').isMissing()).toBe(true);
  });

  it('is an interpolation when its option contains ${', () => {
    expect(group('combo', '${db}_${server}').isInterpolation()).toBe(true);
    expect(group('combo', 'plain').isInterpolation()).toBe(false);
    expect(group('combo', ['${db}']).isInterpolation()).toBe(false);
  });

  it('treats a command-line append (+db=mysql) like any entry of a primary config in a subdirectory', () => {
    // Hydra 1.3 adds appends to the primary config's defaults list, relative to its group and
    // package (facebookresearch/hydra#2935; made absolute only after 1.3.5, #2875).
    const d = group('db', 'mysql', undefined, 'sub', 'sub');
    d.externalAppend = true;
    expect(d.groupPath()).toBe('sub/db');
    expect(d.configPath()).toBe('sub/db/mysql');
    expect(d.finalPackage()).toBe('sub.db');
    expect(d.overrideKey()).toBe('sub/db');
  });
});

describe('finalPackage', () => {
  it('defaults to the group path with dots, relative to the including config package', () => {
    expect(config('server/apache').finalPackage()).toBe('server');
    expect(group('db', 'mysql', undefined, 'server', 'server').finalPackage()).toBe('server.db');
    expect(config('server/db/mysql').finalPackage()).toBe('server.db');
  });

  it('puts a config of the root group at the including config package', () => {
    expect(config('base', undefined, '', '').finalPackage()).toBe('');
    expect(config('base', undefined, 'server', 'server').finalPackage()).toBe('server');
  });

  it('keeps an absolute group relative to the including config package (docs: config_group.server.db)', () => {
    expect(group('/server/db', 'mysql', undefined, 'config_group', 'config_group').finalPackage()).toBe('config_group.server.db');
  });

  it('relocates a config to a package given in the defaults list, relative to the including config', () => {
    expect(config('server/apache', 'admin').finalPackage()).toBe('admin');
    expect(group('db', 'mysql', 'backup', 'server', 'admin').finalPackage()).toBe('admin.backup');
  });

  it('puts @_here_ at the package of the including config', () => {
    expect(group('/server/db', 'mysql', '_here_', 'config_group', 'config_group').finalPackage()).toBe('config_group');
    expect(config('/db/mysql', '_here_', 'server', 'server').finalPackage()).toBe('server');
    expect(config('/db/mysql', '_here_').finalPackage()).toBe('');
  });

  it('makes @_group_ the absolute default package of the config', () => {
    expect(group('/server/db', 'mysql', '_group_', 'config_group', 'config_group').finalPackage()).toBe('server.db');
    expect(group('db', 'mysql', '_group_', 'server', 'admin').finalPackage()).toBe('server.db');
  });

  it('makes a package containing _group_ absolute as a whole (Hydra prefixes _global_ to the resolved package)', () => {
    expect(group('db', 'mysql', '_group_.replica', 'server', 'admin').finalPackage()).toBe('server.db.replica');
    expect(group('db', 'mysql', 'copies._group_', 'server', 'admin').finalPackage()).toBe('copies.server.db');
  });

  it('puts @_global_ at the root, whatever the including package', () => {
    expect(group('db', 'mysql', '_global_', 'server', 'admin').finalPackage()).toBe('');
  });

  it('reads anything after _global_ as absolute, wherever _global_ appears', () => {
    expect(group('db', 'mysql', '_global_.infra.db', 'server', 'admin').finalPackage()).toBe('infra.db');
    expect(group('db', 'mysql', 'x._global_.y', 'server', 'admin').finalPackage()).toBe('y');
  });

  it('uses a # @package header as an absolute package when the defaults list gives none', () => {
    const d = group('db', 'mysql', undefined, 'server', 'server');
    d.setPackageHeader('infra.db');
    expect(d.packageHeader).toBe('_global_.infra.db');
    expect(d.finalPackage()).toBe('infra.db');
  });

  it('reads the headers _global_ and the empty header as the root', () => {
    const a = group('db', 'mysql', undefined, 'server', 'server');
    a.setPackageHeader('_global_');
    expect(a.finalPackage()).toBe('');
    const b = group('db', 'mysql', undefined, 'server', 'server');
    b.setPackageHeader('');
    expect(b.packageHeader).toBe('_global_');
    expect(b.finalPackage()).toBe('');
    const c = group('db', 'mysql', undefined, 'server', 'server');
    c.setPackageHeader('_global_.x');
    expect(c.finalPackage()).toBe('x');
  });

  it('takes a _group_ header literally (version_base 1.3)', () => {
    const d = group('db', 'mysql', undefined, 'server', 'server');
    d.setPackageHeader('_group_');
    expect(d.finalPackage()).toBe('_group_');
  });

  it('leaves the header unset when the file has none', () => {
    const d = group('db', 'mysql');
    d.setPackageHeader(undefined);
    expect(d.packageHeader).toBeUndefined();
    expect(d.finalPackage()).toBe('db');
  });

  it('prefers the defaults-list package over the header', () => {
    const d = group('db', 'mysql', 'backup', 'server', 'server');
    d.setPackageHeader('infra.db');
    expect(d.finalPackage()).toBe('server.backup');
  });

  it('ignores the header when asked to (the override key is header-independent)', () => {
    const d = group('db', 'mysql');
    d.setPackageHeader('infra.db');
    expect(d.finalPackage(false)).toBe('db');
  });

  // Hydra 1.3 (version_base >= 1.2) no longer substitutes `_name_` in a package: it is a
  // literal key, like a `_group_` header.
  it('takes _name_ in a package literally (version_base 1.3)', () => {
    expect(group('db', 'mysql', 'dbs._name_').finalPackage()).toBe('dbs._name_');
    const d = group('db', 'mysql');
    d.setPackageHeader('dbs._name_');
    expect(d.finalPackage()).toBe('dbs._name_');
  });
});

describe('overrideKey', () => {
  it('is the group path when the config sits at its default package', () => {
    expect(group('db', 'mysql').overrideKey()).toBe('db');
    expect(group('db', 'mysql', undefined, 'server', 'server').overrideKey()).toBe('server/db');
  });

  it('adds @package when the config is relocated', () => {
    expect(group('db', 'mysql', 'backup').overrideKey()).toBe('db@backup');
    expect(group('db', 'mysql', undefined, 'server', 'admin').overrideKey()).toBe('server/db@admin.db');
  });

  it('writes a relocation to the root as @_global_', () => {
    expect(group('db', 'mysql', '_global_').overrideKey()).toBe('db@_global_');
    expect(group('db', 'mysql', '_here_').overrideKey()).toBe('db@_global_');
  });

  it('does not change with a # @package header', () => {
    const d = group('db', 'mysql');
    d.setPackageHeader('infra.db');
    expect(d.overrideKey()).toBe('db');
  });

  it('does not depend on the selected option', () => {
    const d = group('db', 'mysql', 'backup');
    d.value = 'sqlite';
    expect(d.overrideKey()).toBe('db@backup');
  });
});

describe('clone', () => {
  it('copies every flag and the parent', () => {
    const d = group('db', 'mysql', 'backup', 'server', 'admin');
    d.optional = true;
    d.override = true;
    d.externalAppend = true;
    d.deleted = true;
    d.primary = true;
    d.setPackageHeader('x');
    d.src = { kind: 'override', override: '+db=mysql' };
    const c = d.clone();
    expect(c).not.toBe(d);
    expect(c).toBeInstanceOf(GroupDefault);
    expect({ ...c }).toEqual({ ...d });
  });

  it('gives the clone its own option list', () => {
    const d = group('site', ['fb', 'google']);
    const c = d.clone();
    (c.value as string[]).push('amazon');
    c.value = 'other';
    expect(d.value).toEqual(['fb', 'google']);
  });

  it('leaves the original untouched when the clone is re-parented or deleted', () => {
    const d = config('db/mysql', undefined, 'server', 'server');
    const c = d.clone();
    c.setParent('other', 'elsewhere');
    c.deleted = true;
    c.setPackageHeader('moved');
    expect(d.configPath()).toBe('server/db/mysql');
    expect(d.finalPackage()).toBe('server.db');
    expect(d.deleted).toBe(false);
    expect(c).toBeInstanceOf(ConfigDefault);
    expect(c.configPath()).toBe('other/db/mysql');
  });
});
