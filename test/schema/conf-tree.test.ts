/**
 * The config groups `tydra schema` and `tydra types` see (src/schema/conf-tree.ts).
 */
import { describe, expect, it } from 'vitest';
import { composeTree, createRepository } from '../../src/compose/compose.js';
import { plain } from '../../src/config/interpolation/resolve.js';
import { defaultPackage, groupPackages, listGroups, optionContent, typeName } from '../../src/schema/conf-tree.js';
import { confTree } from '../helpers/conf-tree.js';

function repoOf(files: Record<string, string>) {
  return createRepository({ configDir: confTree(files) }, []);
}

describe('listGroups', () => {
  it('lists every group with options, depth first and sorted, leaving out directories that only hold groups', () => {
    const repo = repoOf({
      'config.yaml': 'a: 1\n',
      'optim/sgd.yaml': 'lr: 0.1\n',
      'optim/adam.yaml': 'lr: 0.001\n',
      'db/mysql.yaml': 'driver: mysql\n',
      'server/db/pg.yaml': 'driver: pg\n',
      'server/site/eu.yaml': 'region: eu\n',
    });
    expect(listGroups(repo)).toEqual([
      { path: 'db', options: ['mysql'] },
      { path: 'optim', options: ['adam', 'sgd'] },
      { path: 'server/db', options: ['pg'] },
      { path: 'server/site', options: ['eu'] },
    ]);
  });

  it('lists a group that has options and subgroups before its subgroups', () => {
    const repo = repoOf({ 'model/cnn.yaml': 'a: 1\n', 'model/head/linear.yaml': 'b: 1\n' });
    expect(listGroups(repo)).toEqual([
      { path: 'model', options: ['cnn'] },
      { path: 'model/head', options: ['linear'] },
    ]);
  });

  it('leaves out Hydra’s own hydra group, built-in or the app’s', () => {
    const repo = repoOf({ 'hydra/job_logging/custom.yaml': 'version: 1\n', 'db/mysql.yaml': 'a: 1\n' });
    expect(listGroups(repo).map((g) => g.path)).toEqual(['db']);
  });

  it('lists only the groups under a root', () => {
    const repo = repoOf({ 'db/mysql.yaml': 'a: 1\n', 'server/db/pg.yaml': 'b: 1\n' });
    expect(listGroups(repo, 'server')).toEqual([{ path: 'server/db', options: ['pg'] }]);
  });

  it('finds nothing in a tree without groups', () => {
    expect(listGroups(repoOf({ 'config.yaml': 'a: 1\n' }))).toEqual([]);
  });
});

describe('optionContent', () => {
  const repo = repoOf({
    'db/mysql.yaml': 'defaults:\n  - base\n  - _self_\ndriver: mysql\nport: 3306\n',
    'db/base.yaml': 'user: root\n',
    'db/empty.yaml': '',
  });

  it('is the option’s content without its defaults list', () => {
    expect(plain(optionContent(repo, 'db/mysql')!)).toEqual({ driver: 'mysql', port: 3306 });
  });

  it('is undefined for an empty file and for a config that does not exist', () => {
    expect(optionContent(repo, 'db/empty')).toBeUndefined();
    expect(optionContent(repo, 'db/nope')).toBeUndefined();
  });
});

describe('groupPackages', () => {
  it('maps each group to the package its option landed in, without Hydra’s groups', () => {
    const dir = confTree({
      'config.yaml': 'defaults:\n  - db@backup: mysql\n  - optim: sgd\n  - server/db: pg\n  - _self_\n',
      'db/mysql.yaml': 'a: 1\n',
      'optim/sgd.yaml': 'lr: 0.1\n',
      'server/db/pg.yaml': 'b: 1\n',
    });
    const c = composeTree({ configDir: dir, configName: 'config', env: {} });
    expect(Object.fromEntries(groupPackages(c))).toEqual({ db: 'backup', optim: 'optim', 'server/db': 'server.db' });
  });

  it('keeps the first package when a group is composed twice', () => {
    const dir = confTree({
      'config.yaml': 'defaults:\n  - db@first: mysql\n  - db@second: pg\n  - _self_\n',
      'db/mysql.yaml': 'a: 1\n',
      'db/pg.yaml': 'a: 2\n',
    });
    const c = composeTree({ configDir: dir, configName: 'config', env: {} });
    expect(groupPackages(c).get('db')).toBe('first');
  });

  it('is empty for an app without groups (Hydra’s own groups are left out)', () => {
    const c = composeTree({ configDir: confTree({ 'config.yaml': 'a: 1\n' }), configName: 'config', env: {} });
    expect(groupPackages(c).size).toBe(0);
  });
});

describe('defaultPackage and typeName', () => {
  it('puts a nested group’s options at its dotted path', () => {
    expect(defaultPackage('db')).toBe('db');
    expect(defaultPackage('server/db')).toBe('server.db');
    expect(defaultPackage('a/b/c')).toBe('a.b.c');
  });

  it('turns a group path into a PascalCase type name', () => {
    expect(typeName('db')).toBe('Db');
    expect(typeName('server/db')).toBe('ServerDb');
    expect(typeName('lr-schedule')).toBe('LrSchedule');
    expect(typeName('data_set/v2')).toBe('DataSetV2');
  });

  it('makes a valid identifier of a name that starts with a digit or has no letters', () => {
    expect(typeName('3d')).toBe('G3d');
    expect(typeName('--')).toBe('Root');
  });
});
