/**
 * The defaults list, rule by rule (hydra.cc 1.3: advanced/defaults_list, advanced/overriding_packages,
 * patterns/configuring_experiments), through the whole compose pipeline.
 */
import { describe, expect, it } from 'vitest';
import { composeTree, resolvedJobConfig } from '../../src/compose/compose.js';
import { ConfigCompositionError, MissingConfigError } from '../../src/defaults/errors.js';
import { renderDefaultsList } from '../../src/defaults/render.js';
import { confTree } from '../helpers/conf-tree.js';

function compose(files: Record<string, string>, overrides: string[] = [], configName = 'config') {
  const dir = confTree(files);
  const c = composeTree({ configDir: dir, configName, overrides });
  const choices = Object.fromEntries([...c.choices].filter(([k]) => !k.startsWith('hydra/')));
  return { config: resolvedJobConfig(c), choices, list: c.defaultsList.filter((d) => !d.configPath.startsWith('hydra/')), c };
}

function fails(files: Record<string, string>, overrides: string[] = [], configName = 'config'): Error {
  try {
    compose(files, overrides, configName);
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected composition to fail');
}

const db = {
  'db/mysql.yaml': 'driver: mysql\nport: 3306\n',
  'db/sqlite.yaml': 'driver: sqlite\nfile: app.db\n',
  'db/postgres.yaml': 'driver: postgresql\nport: 5432\n',
};

describe('_self_', () => {
  it('appends _self_ last when the defaults list omits it, so the config overrides its groups', () => {
    const { config } = compose({ ...db, 'config.yaml': 'defaults:\n  - db: mysql\ndb:\n  port: 1\n' });
    expect(config).toEqual({ db: { driver: 'mysql', port: 1 } });
  });
  it('merges the config first when _self_ comes first, so its groups override it', () => {
    const { config } = compose({ ...db, 'config.yaml': 'defaults:\n  - _self_\n  - db: mysql\ndb:\n  port: 1\n' });
    expect(config).toEqual({ db: { port: 3306, driver: 'mysql' } });
  });
  it('places the content where _self_ is listed among several groups', () => {
    const { list } = compose({
      ...db,
      'cache/redis.yaml': 'host: r\n',
      'config.yaml': 'defaults:\n  - db: mysql\n  - _self_\n  - cache: redis\nx: 1\n',
    });
    expect(list.map((d) => d.configPath)).toEqual(['db/mysql', 'config', 'cache/redis']);
  });
  it('rejects _self_ listed twice', () => {
    const e = fails({ 'config.yaml': 'defaults:\n  - _self_\n  - _self_\n' });
    expect(e).toBeInstanceOf(ConfigCompositionError);
    expect(e.message).toContain('Duplicate _self_ defined in config');
  });
  it('composes a config with an empty defaults list as itself', () => {
    expect(compose({ 'config.yaml': 'defaults: []\na: 1\n' }).config).toEqual({ a: 1 });
  });
});

describe('nested defaults and group paths', () => {
  const server = {
    ...db,
    'server/db/mysql.yaml': 'name: server-mysql\n',
    'server/db/sqlite.yaml': 'name: server-sqlite\n',
    'server/apache.yaml': 'defaults:\n  - db: mysql\nname: apache\n',
  };
  it('resolves a group relative to the config that lists it (server/apache → server/db)', () => {
    const { config, choices } = compose({ ...server, 'config.yaml': 'defaults:\n  - server/apache\ndebug: false\n' });
    expect(config).toEqual({ server: { db: { name: 'server-mysql' }, name: 'apache' }, debug: false });
    expect(choices).toEqual({ 'server/db': 'mysql' });
  });
  it('lets the command line change a nested group by its full path', () => {
    const { config } = compose({ ...server, 'config.yaml': 'defaults:\n  - server/apache\n' }, ['server/db=sqlite']);
    expect(config).toEqual({ server: { db: { name: 'server-sqlite' }, name: 'apache' } });
  });
  it('makes a group absolute with a leading / (its package stays relative to the parent)', () => {
    const { config } = compose({
      ...db,
      'group/config.yaml': 'defaults:\n  - /db: mysql\nown: 1\n',
      'config.yaml': 'defaults:\n  - group: config\n',
    });
    expect(config).toEqual({ group: { db: { driver: 'mysql', port: 3306 }, own: 1 } });
  });
  it('prints the final defaults list with packages and parents', () => {
    const { c } = compose({ ...server, 'config.yaml': 'defaults:\n  - server/apache\n' });
    const table = renderDefaultsList(c.defaultsList);
    expect(table).toMatch(/\| server\/db\/mysql\s+\| server\.db\s+\| False\s+\| server\/apache\s+\|/);
    expect(table).toMatch(/\| server\/apache\s+\| server\s+\| True\s+\| config\s+\|/);
    expect(table).toMatch(/\| config\s+\|\s+\| True\s+\| <root>\s+\|/);
  });
});

describe('packages', () => {
  it('places a group at an explicit package relative to the including config', () => {
    const { config, choices } = compose({ ...db, 'config.yaml': 'defaults:\n  - db@backup: sqlite\n' });
    expect(config).toEqual({ backup: { driver: 'sqlite', file: 'app.db' } });
    expect(choices).toEqual({ 'db@backup': 'sqlite' });
  });
  it('treats _global_ as the root and anything after it as absolute', () => {
    const { config, choices } = compose({
      ...db,
      'cache/redis.yaml': 'host: r\n',
      'config.yaml': 'defaults:\n  - db@_global_: sqlite\n  - cache@_global_.infra.cache: redis\n',
    });
    expect(config).toEqual({ driver: 'sqlite', file: 'app.db', infra: { cache: { host: 'r' } } });
    expect(choices).toEqual({ 'db@_global_': 'sqlite', 'cache@infra.cache': 'redis' });
  });
  it('uses the including config package for @_here_', () => {
    const { config } = compose({
      ...db,
      'server/base.yaml': 'defaults:\n  - /db@_here_: mysql\nname: base\n',
      'config.yaml': 'defaults:\n  - server: base\n',
    });
    expect(config).toEqual({ server: { driver: 'mysql', port: 3306, name: 'base' } });
  });
  it('reads the # @package header as an absolute package', () => {
    const { config } = compose({
      'db/mysql.yaml': '# @package infra.database\ndriver: mysql\n',
      'config.yaml': 'defaults:\n  - db: mysql\n',
    });
    expect(config).toEqual({ infra: { database: { driver: 'mysql' } } });
  });
  it('puts # @package _global_ content at the root', () => {
    expect(compose({ 'db/mysql.yaml': '# @package _global_\ndriver: mysql\n', 'config.yaml': 'defaults:\n  - db: mysql\n' }).config).toEqual({
      driver: 'mysql',
    });
  });
  it('takes # @package _group_ literally (version_base 1.3)', () => {
    expect(compose({ 'db/mysql.yaml': '# @package _group_\ndriver: mysql\n', 'config.yaml': 'defaults:\n  - db: mysql\n' }).config).toEqual({
      _group_: { driver: 'mysql' },
    });
  });
  it('ignores a header that follows an ordinary comment (Hydra reads headers only at the top)', () => {
    expect(compose({ 'db/mysql.yaml': '# a comment\n# @package x\ndriver: mysql\n', 'config.yaml': 'defaults:\n  - db: mysql\n' }).config).toEqual({
      db: { driver: 'mysql' },
    });
  });
  it('prefers the defaults-list package over the header', () => {
    const { config } = compose({ 'db/mysql.yaml': '# @package infra\ndriver: mysql\n', 'config.yaml': 'defaults:\n  - db@backup: mysql\n' });
    expect(config).toEqual({ backup: { driver: 'mysql' } });
  });
  it('relocates the whole subtree when a package is overridden', () => {
    const { config } = compose({
      'server/db/mysql.yaml': 'name: mysql\n',
      'server/apache.yaml': 'defaults:\n  - db@backup: mysql\nname: apache\n',
      'config.yaml': 'defaults:\n  - server/apache@admin\ndebug: false\n',
    });
    expect(config).toEqual({ admin: { backup: { name: 'mysql' }, name: 'apache' }, debug: false });
  });
  it('selects the same group twice at two packages, each overridable by package', () => {
    const files = { ...db, 'config.yaml': 'defaults:\n  - db@src: mysql\n  - db@dst: mysql\n' };
    expect(compose(files).config).toEqual({ src: { driver: 'mysql', port: 3306 }, dst: { driver: 'mysql', port: 3306 } });
    expect(compose(files, ['db@src=sqlite']).config).toEqual({ src: { driver: 'sqlite', file: 'app.db' }, dst: { driver: 'mysql', port: 3306 } });
  });
  it('puts a primary config named with a subdirectory under that package', () => {
    expect(compose({ 'experiments/exp1.yaml': 'a: 1\n' }, [], 'experiments/exp1').config).toEqual({ experiments: { a: 1 } });
  });
});

describe('optional, null and missing options', () => {
  it('skips an optional default whose option does not exist, but still reports the choice', () => {
    const { config, choices } = compose({ ...db, 'config.yaml': 'defaults:\n  - optional db: nowhere\na: 1\n' });
    expect(config).toEqual({ a: 1 });
    expect(choices).toEqual({ db: 'nowhere' });
  });
  it('fails on a missing option with the available options and a did-you-mean', () => {
    const e = fails({ ...db, 'config.yaml': 'defaults:\n  - db: mysq\n' });
    expect(e).toBeInstanceOf(MissingConfigError);
    expect(e.message).toContain("Could not find 'db/mysq'");
    expect(e.message).toContain("Available options in 'db':\n\tmysql\n\tpostgres\n\tsqlite");
    expect((e as MissingConfigError).hint).toBe('did you mean db=mysql?');
  });
  it('points a missing option at what chose it: the defaults entry, the command line, or an override entry', () => {
    const files = {
      ...db,
      'config.yaml': 'defaults:\n  - db: mysql\n',
      'experiment/e.yaml': '# @package _global_\ndefaults:\n  - override /db: postgress\n',
      'broken.yaml': 'defaults:\n  - db: mysq\n',
    };
    expect(fails(files, [], 'broken').message).toContain('    from: broken.yaml:2:9');
    const cli = fails(files, ['db=sqlit']);
    expect(cli.message).toContain('    from: override db=sqlit\n    defaults tree: config → db/sqlit');
    expect((cli as MissingConfigError).hint).toBe('did you mean db=sqlite?');
    expect(fails(files, ['+experiment=e']).message).toContain('    from: experiment/e.yaml:3:19');
  });
  it('ignores a null option unless the command line fills it', () => {
    const files = { ...db, 'config.yaml': 'defaults:\n  - db: null\na: 1\n' };
    expect(compose(files).config).toEqual({ a: 1 });
    expect(compose(files).choices).toEqual({ db: null });
    expect(compose(files, ['db=sqlite']).config).toEqual({ db: { driver: 'sqlite', file: 'app.db' }, a: 1 });
  });
  it('requires a ??? option to be chosen, listing the options', () => {
    const e = fails({ ...db, 'config.yaml': 'defaults:\n  - db: ???\n' });
    expect(e.message).toContain("You must specify 'db', e.g, db=<OPTION>\nAvailable options:\n\tmysql\n\tpostgres\n\tsqlite");
    expect(compose({ ...db, 'config.yaml': 'defaults:\n  - db: ???\n' }, ['db=mysql']).config).toEqual({ db: { driver: 'mysql', port: 3306 } });
  });
  it('fails with the search path when the primary config is missing, suggesting the closest name', () => {
    const e = fails({ 'config.yaml': 'a: 1\n' }, [], 'confg');
    expect(e.message).toContain("Cannot find primary config 'confg'");
    expect(e.message).toContain('Config search path:');
    expect((e as MissingConfigError).hint).toBe("did you mean 'config'?");
  });
});

describe('override entries', () => {
  const files = {
    ...db,
    'server/apache.yaml': 'defaults:\n  - /db: mysql\n',
    'config.yaml': 'defaults:\n  - db: mysql\n  - override db: sqlite\n',
  };
  it('replaces the option of an earlier group default', () => {
    expect(compose(files).config).toEqual({ db: { driver: 'sqlite', file: 'app.db' } });
  });
  it('lets the command line beat an override entry', () => {
    expect(compose(files, ['db=postgres']).config).toEqual({ db: { driver: 'postgresql', port: 5432 } });
  });
  it('fails for an override that matches no group default', () => {
    const e = fails({ ...db, 'config.yaml': 'defaults:\n  - override db: sqlite\n' });
    expect(e.message).toContain("In 'config': Could not override 'db'. No match in the defaults list.");
  });
  it('requires overrides to come at the end of the defaults list', () => {
    const e = fails({ ...db, 'cache/r.yaml': 'a: 1\n', 'config.yaml': 'defaults:\n  - db: mysql\n  - override db: sqlite\n  - cache: r\n' });
    expect(e.message).toContain("Override 'db : sqlite' is defined before 'cache: r'");
  });
  it('applies the last override in depth-first order (the experiment pattern)', () => {
    const { config, choices } = compose(
      {
        ...db,
        'experiment/fast.yaml': '# @package _global_\ndefaults:\n  - override /db: sqlite\nspeed: fast\n',
        'config.yaml': 'defaults:\n  - db: mysql\n  - _self_\nspeed: slow\n',
      },
      ['+experiment=fast'],
    );
    expect(config).toEqual({ db: { driver: 'sqlite', file: 'app.db' }, speed: 'fast' });
    expect(choices).toEqual({ db: 'sqlite', experiment: 'fast' });
  });
  it('puts an experiment without a _global_ header under its group key', () => {
    const { config } = compose({ 'experiment/x.yaml': 'lr: 1\n', 'config.yaml': 'a: 1\n' }, ['+experiment=x']);
    expect(config).toEqual({ a: 1, experiment: { lr: 1 } });
  });
  it('reports two different choices for one group', () => {
    const e = fails({ ...db, 'server/a.yaml': 'defaults:\n  - /db@_global_.db: sqlite\n', 'config.yaml': 'defaults:\n  - db: mysql\n  - server: a\n' });
    expect(e.message).toMatch(/db.*appears more than once|Multiple values for db/);
  });
});

describe('lists of options', () => {
  const files = {
    'site/fb.yaml': 'fb:\n  x: 1\n',
    'site/google.yaml': 'google:\n  y: 2\n',
    'site/amazon.yaml': 'amazon:\n  z: 3\n',
    'config.yaml': 'defaults:\n  - site: [fb, google]\n',
  };
  it('merges every listed option into the group package, in order', () => {
    const { config, choices } = compose(files);
    expect(config).toEqual({ site: { fb: { x: 1 }, google: { y: 2 } } });
    expect(choices).toEqual({});
  });
  it('replaces the list from the command line', () => {
    expect(compose(files, ['site=[google,amazon]']).config).toEqual({ site: { google: { y: 2 }, amazon: { z: 3 } } });
    expect(compose(files, ['site=[]']).config).toEqual({});
  });
  it('fails when a listed option does not exist', () => {
    expect(fails(files, ['site=[fb,nope]']).message).toContain("In 'config': Could not load 'site/nope'.");
  });
});

describe('interpolated options', () => {
  const files = {
    'server/apache.yaml': 'name: apache\n',
    'server/nginx.yaml': 'name: nginx\n',
    'db/mysql.yaml': 'driver: mysql\n',
    'db/sqlite.yaml': 'driver: sqlite\n',
    'combo/apache_mysql.yaml': 'tuned: am\n',
    'combo/nginx_sqlite.yaml': 'tuned: ns\n',
    'combo/apache_sqlite.yaml': 'tuned: as\n',
    'config.yaml': 'defaults:\n  - server: apache\n  - db: mysql\n  - combo: ${server}_${db}\n',
  };
  it('resolves the option against the group choices', () => {
    expect(compose(files).config.combo).toEqual({ tuned: 'am' });
  });
  it('sees the final choices, including the command line', () => {
    expect(compose(files, ['db=sqlite']).config.combo).toEqual({ tuned: 'as' });
    expect(compose(files, ['server=nginx', 'db=sqlite']).choices.combo).toBe('nginx_sqlite');
  });
  it('lets an explicit choice beat the interpolation', () => {
    expect(compose(files, ['combo=nginx_sqlite']).config.combo).toEqual({ tuned: 'ns' });
  });
  it('rejects the legacy ${defaults.N.x} form with a migration hint', () => {
    const e = fails({ ...files, 'config.yaml': 'defaults:\n  - db: mysql\n  - combo: ${defaults.0.db}\n' });
    expect(e.message).toContain('is using a deprecated interpolation form');
  });
  it('names the possible keys when the interpolation cannot be resolved', () => {
    const e = fails({ ...files, 'config.yaml': 'defaults:\n  - db: mysql\n  - combo: ${nope}\n' });
    expect(e.message).toContain("Error resolving interpolation '${nope}', possible interpolation keys: db");
  });
});

describe('command-line group overrides', () => {
  const files = { ...db, 'cache/redis.yaml': 'host: r\n', 'config.yaml': 'defaults:\n  - db: mysql\na: 1\n' };
  it('changes a group option', () => {
    expect(compose(files, ['db=postgres']).choices).toEqual({ db: 'postgres' });
  });
  it('appends a group with +group=option', () => {
    expect(compose(files, ['+cache=redis']).config).toEqual({ db: { driver: 'mysql', port: 3306 }, a: 1, cache: { host: 'r' } });
  });
  it('suggests + when changing a group that is not in the defaults list', () => {
    const e = fails(files, ['cache=redis']);
    expect(e.message).toContain("Could not override 'cache'. No match in the defaults list.");
    expect(e.message).toContain('To append to your default list use +cache=redis');
  });
  it('deletes a group with ~group and ~group=option (only when it matches)', () => {
    expect(compose(files, ['~db']).config).toEqual({ a: 1 });
    expect(compose(files, ['~db=mysql']).config).toEqual({ a: 1 });
    expect(fails(files, ['~db=postgres']).message).toContain("Could not delete 'db=postgres'. No match in the defaults list");
  });
  it('deletes both the listed and the appended option with ~db +db=x (as Hydra does)', () => {
    expect(compose(files, ['~db', '+db=sqlite']).config).toEqual({ a: 1 });
  });
  it('rejects group=null (use ~group)', () => {
    const e = fails(files, ['db=null']);
    expect(e.message).toContain('Config group override must be a string or a list. Got NoneType');
    expect((e as ConfigCompositionError).hint).toBe('to remove the group use ~db');
  });
  it('merges a dict given to a group key into the node instead of selecting an option', () => {
    expect(compose(files, ['db={port:1}']).config).toEqual({ db: { driver: 'mysql', port: 1 }, a: 1 });
  });
  it('rejects ++ on a group', () => {
    expect(fails(files, ['++db=sqlite']).message).toContain('force-add of config groups is not supported');
  });
  it('rejects a package on a key that is not a group', () => {
    expect(fails(files, ['a@x=1']).message).toContain("looks like a config group override, but config group 'a' does not exist");
  });
});
