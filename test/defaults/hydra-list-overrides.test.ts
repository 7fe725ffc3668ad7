/**
 * The final defaults list under `override` entries, command-line `+`/`~`/selections, lists of
 * options and interpolated options (Hydra 1.3, version_base 1.3 semantics of
 * hydra/_internal/defaults_list.py as exercised by tests/defaults_list), on small trees of our own.
 */
import { describe, expect, it } from 'vitest';
import { ConfigCompositionError, MissingConfigError } from '../../src/defaults/errors.js';
import { confTree } from '../helpers/conf-tree.js';
import { type Entry, defaultsListOf, rd, self } from './hydra-list-fixture.js';

const leaf = (name: string) => `${name.replace(/[/@.]/g, '_')}: true\n`;
const groups = {
  'db/mysql.yaml': leaf('mysql'),
  'db/pg.yaml': leaf('pg'),
  'db/sqlite.yaml': leaf('sqlite'),
  'cache/redis.yaml': leaf('redis'),
  'cache/memcached.yaml': leaf('memcached'),
  'server/apache.yaml': 'defaults:\n  - db: mysql\nname: apache\n',
  'server/nginx.yaml': 'defaults:\n  - db: pg\nname: nginx\n',
  'server/db/mysql.yaml': leaf('server_mysql'),
  'server/db/pg.yaml': leaf('server_pg'),
  'aug/flip.yaml': leaf('flip'),
  'aug/crop.yaml': leaf('crop'),
  'aug/blur.yaml': leaf('blur'),
};

function list(files: Record<string, string>, overrides: string[] = [], configName = 'config'): Entry[] {
  return defaultsListOf(configName, overrides, { configDir: confTree({ ...groups, ...files }) });
}

function fail(files: Record<string, string>, overrides: string[] = [], configName = 'config'): Error {
  try {
    list(files, overrides, configName);
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected composition to fail');
}

describe('override entries in defaults lists', () => {
  it('an override in the same list replaces the option in place', () => {
    expect(list({ 'config.yaml': 'defaults:\n  - db: mysql\n  - cache: redis\n  - override db: pg\n' })).toEqual([
      rd('db/pg', 'db', 'config'),
      rd('cache/redis', 'cache', 'config'),
      self('config', ''),
    ]);
  });
  it('_self_ may come after the overrides', () => {
    expect(list({ 'config.yaml': 'defaults:\n  - db: mysql\n  - override db: pg\n  - _self_\nx: 1\n' })).toEqual([
      rd('db/pg', 'db', 'config'),
      self('config', ''),
    ]);
  });
  it('a config listing only overrides gets no implicit _self_ (it is a leaf)', () => {
    expect(
      list({
        'base.yaml': 'defaults:\n  - db: mysql\n',
        'config.yaml': 'defaults:\n  - base\n  - override db: pg\n',
      }),
    ).toEqual([rd('db/pg', 'db', 'base'), self('base', '', 'config'), self('config', '')]);
  });
  it('a config listed later overrides a group of an earlier sibling (absolute group)', () => {
    // exp/fast lists only overrides: no implicit _self_, so it is a leaf (is_self false)
    expect(
      list({
        'exp/fast.yaml': '# @package _global_\ndefaults:\n  - override /db: sqlite\nfast: true\n',
        'config.yaml': 'defaults:\n  - db: mysql\n  - exp: fast\n',
      }),
    ).toEqual([rd('db/sqlite', 'db', 'config'), rd('exp/fast', '', 'config'), self('config', '')]);
  });
  it('an override in a config listed earlier cannot reach a group expanded before it', () => {
    const e = fail({
      'exp/fast.yaml': '# @package _global_\ndefaults:\n  - override /db: sqlite\n',
      'config.yaml': 'defaults:\n  - exp: fast\n  - db: mysql\n',
    });
    expect(e).toBeInstanceOf(ConfigCompositionError);
    expect(e.message).toContain("In 'exp/fast': Could not override 'db'");
  });
  it('of two overrides of one group, the one in the later config wins', () => {
    expect(
      list({
        'exp/a.yaml': '# @package _global_\ndefaults:\n  - override /db: pg\n',
        'exp2/b.yaml': '# @package _global_\ndefaults:\n  - override /db: sqlite\n',
        'config.yaml': 'defaults:\n  - db: mysql\n  - exp: a\n  - exp2: b\n',
      })[0],
    ).toEqual(rd('db/sqlite', 'db', 'config'));
  });
  it('an override inside a relocated config is relative to its package (even with a _global_ header)', () => {
    const e = fail({
      'exp/a.yaml': '# @package _global_\ndefaults:\n  - override /db: pg\n',
      'config.yaml': 'defaults:\n  - db: mysql\n  - exp@a: a\n',
    });
    expect(e.message).toContain("In 'exp/a': Could not override 'db@a.db'.\nDid you mean to override db?");
  });
  it('the primary config overrides a group nested in a group option by its full path', () => {
    expect(list({ 'config.yaml': 'defaults:\n  - server: apache\n  - override server/db: pg\n' })).toEqual([
      rd('server/db/pg', 'server.db', 'server/apache'),
      self('server/apache', 'server', 'config'),
      self('config', ''),
    ]);
  });
  it('overrides a relocated group by group@package', () => {
    expect(list({ 'config.yaml': 'defaults:\n  - db@backup: mysql\n  - override db@backup: pg\n' })).toEqual([
      rd('db/pg', 'backup', 'config'),
      self('config', ''),
    ]);
  });
  it('the command line beats the override entry', () => {
    expect(list({ 'config.yaml': 'defaults:\n  - db: mysql\n  - override db: pg\n' }, ['db=sqlite'])[0]).toEqual(rd('db/sqlite', 'db', 'config'));
  });
  it('can turn a single option into a list of options', () => {
    expect(list({ 'config.yaml': 'defaults:\n  - aug: flip\n  - override aug: [crop, blur]\n' })).toEqual([
      rd('aug/crop', 'aug', 'config'),
      rd('aug/blur', 'aug', 'config'),
      self('config', ''),
    ]);
  });
  it('can set a placeholder to null... and back from the command line', () => {
    const files = { 'config.yaml': 'defaults:\n  - db: mysql\n  - override db: null\n' };
    expect(list(files)).toEqual([self('config', '')]);
    expect(list(files, ['db=pg'])[0]).toEqual(rd('db/pg', 'db', 'config'));
  });
  it('an override that matches nothing is an error naming the config', () => {
    const e = fail({ 'config.yaml': 'defaults:\n  - db: mysql\n  - override cache: redis\n' });
    expect(e).toBeInstanceOf(ConfigCompositionError);
    expect(e.message).toContain("In 'config': Could not override 'cache'. No match in the defaults list.");
    expect(e.message).not.toContain('To append');
  });
  it('an override with the wrong package suggests the right key', () => {
    const e = fail({ 'config.yaml': 'defaults:\n  - db@backup: mysql\n  - override db: pg\n' });
    expect(e.message).toContain("In 'config': Could not override 'db'.\nDid you mean to override db@backup?");
  });
  it('an override before a plain entry is an error', () => {
    const e = fail({ 'config.yaml': 'defaults:\n  - override db: pg\n  - db: mysql\n' });
    expect(e).toBeInstanceOf(ConfigCompositionError);
    expect(e.message).toContain("Override 'db : pg' is defined before 'db: mysql'");
    expect(e.message).toContain('Overrides must be at the end of the defaults list');
  });
  it('an override in a nested config that matches nothing', () => {
    const e = fail({ 'server/apache.yaml': 'defaults:\n  - db: mysql\n  - override cache: redis\n', 'config.yaml': 'defaults:\n  - server: apache\n' });
    expect(e.message).toContain("In 'server/apache': Could not override 'server/cache'. No match in the defaults list.");
  });
});

describe('command-line selections, appends and deletions', () => {
  it('selecting a group that is not in the defaults list suggests + (no match)', () => {
    const e = fail({ 'config.yaml': 'defaults:\n  - db: mysql\n' }, ['cache=redis']);
    expect(e).toBeInstanceOf(ConfigCompositionError);
    expect(e.message).toContain("Could not override 'cache'. No match in the defaults list.");
    expect(e.message).toContain('To append to your default list use +cache=redis');
  });
  it('selecting a group listed at two packages names both keys', () => {
    const e = fail({ 'config.yaml': 'defaults:\n  - db@a: mysql\n  - db@b: pg\n' }, ['db=sqlite']);
    expect(e.message).toContain("Could not override 'db'.\nDid you mean to override one of db@a, db@b?");
  });
  it('+group appends after _self_ of the primary config', () => {
    expect(list({ 'config.yaml': 'defaults:\n  - db: mysql\nx: 1\n' }, ['+cache=redis'])).toEqual([
      rd('db/mysql', 'db', 'config'),
      self('config', ''),
      rd('cache/redis', 'cache', 'config'),
    ]);
  });
  it('+group is appended after the override entries and the implicit _self_', () => {
    expect(list({ 'config.yaml': 'defaults:\n  - db: mysql\n  - override db: pg\nx: 1\n' }, ['+cache=redis'])).toEqual([
      rd('db/pg', 'db', 'config'),
      self('config', ''),
      rd('cache/redis', 'cache', 'config'),
    ]);
  });
  it('+group@pkg appends at the package', () => {
    expect(list({ 'config.yaml': 'x: 1\n' }, ['+db@backup=pg'])).toEqual([self('config', ''), rd('db/pg', 'backup', 'config')]);
  });
  it('+group with a list appends each option', () => {
    expect(list({ 'config.yaml': 'x: 1\n' }, ['+aug=[flip,crop]'])).toEqual([
      self('config', ''),
      rd('aug/flip', 'aug', 'config'),
      rd('aug/crop', 'aug', 'config'),
    ]);
  });
  it('+group of a group already chosen differently is a second value (error)', () => {
    const e = fail({ 'config.yaml': 'defaults:\n  - db: mysql\n' }, ['+db=pg']);
    expect(e).toBeInstanceOf(ConfigCompositionError);
    expect(e.message).toContain("Multiple values for db. To override a value use 'override db: pg'");
  });
  it('+group of a group already chosen the same way appears twice (error)', () => {
    const e = fail({ 'config.yaml': 'defaults:\n  - db: mysql\n' }, ['+db=mysql']);
    expect(e.message).toContain('db appears more than once in the final defaults list');
  });
  it('+group of an option that does not exist lists the options', () => {
    const e = fail({ 'config.yaml': 'x: 1\n' }, ['+db=oracle']);
    expect(e).toBeInstanceOf(MissingConfigError);
    expect(e.message).toContain("Could not find 'db/oracle'");
    expect(e.message).toMatch(/Available options in 'db':\n\tmysql\n\tpg\n\tsqlite/);
  });
  it('group=[a,b] turns a single choice into a list', () => {
    expect(list({ 'config.yaml': 'defaults:\n  - aug: flip\n' }, ['aug=[crop,blur]'])).toEqual([
      rd('aug/crop', 'aug', 'config'),
      rd('aug/blur', 'aug', 'config'),
      self('config', ''),
    ]);
  });
  it('group=[] empties a list of options', () => {
    expect(list({ 'config.yaml': 'defaults:\n  - aug: [flip, crop]\n' }, ['aug=[]'])).toEqual([self('config', '')]);
  });
  it('group=option turns a list into one option', () => {
    expect(list({ 'config.yaml': 'defaults:\n  - aug: [flip, crop]\n' }, ['aug=blur'])).toEqual([rd('aug/blur', 'aug', 'config'), self('config', '')]);
  });
  it('~group of a list of options matches nothing (its items are plain configs)', () => {
    const e = fail({ 'config.yaml': 'defaults:\n  - aug: [flip, crop]\n' }, ['~aug']);
    expect(e).toBeInstanceOf(ConfigCompositionError);
    expect(e.message).toContain("Could not delete 'aug'. No match in the defaults list");
  });
  it('~group of a group not in the defaults list', () => {
    expect(fail({ 'config.yaml': 'defaults:\n  - db: mysql\n' }, ['~cache']).message).toContain("Could not delete 'cache'. No match in the defaults list");
  });
  it('~group removes a group even when an override entry chose it', () => {
    expect(list({ 'config.yaml': 'defaults:\n  - db: mysql\n  - override db: pg\n' }, ['~db'])).toEqual([self('config', '')]);
  });
  it('~group=option matches the overridden option, not the listed one', () => {
    const files = { 'config.yaml': 'defaults:\n  - db: mysql\n  - override db: pg\n' };
    expect(list(files, ['~db=pg'])).toEqual([self('config', '')]);
    expect(fail(files, ['~db=mysql']).message).toContain("Could not delete 'db=mysql'");
  });
  it('a selection of the same key applies to an appended group', () => {
    expect(list({ 'config.yaml': 'x: 1\n' }, ['+cache=redis', 'cache=memcached'])).toEqual([self('config', ''), rd('cache/memcached', 'cache', 'config')]);
    expect(list({ 'config.yaml': 'x: 1\n' }, ['+db@backup=mysql', 'db@backup=pg'])).toEqual([self('config', ''), rd('db/pg', 'backup', 'config')]);
  });
  it('an override entry of the primary config with no group of its own applies to a matching append (Hydra 1.3)', () => {
    const files = { 'config.yaml': 'defaults:\n  - override db: sqlite\nx: 1\n' };
    expect(fail(files).message).toContain("In 'config': Could not override 'db'. No match in the defaults list.");
    // only overrides in the list: no implicit _self_; the append makes the primary config a node
    // without its own content entry (Hydra drops it the same way)
    expect(list(files, ['+db=mysql'])).toEqual([rd('db/sqlite', 'db', 'config')]);
  });
  it('~group deletes an appended option of that group too (the deletion wins)', () => {
    expect(list({ 'config.yaml': 'defaults:\n  - db: mysql\nx: 1\n' }, ['~db', '+db=pg'])).toEqual([self('config', '')]);
  });
});

describe('lists of options', () => {
  it('each option is merged in order at the group package', () => {
    expect(list({ 'config.yaml': 'defaults:\n  - aug: [flip, crop]\n  - _self_\n' })).toEqual([
      rd('aug/flip', 'aug', 'config'),
      rd('aug/crop', 'aug', 'config'),
      self('config', ''),
    ]);
  });
  it('an option with its own defaults list is expanded in place', () => {
    expect(list({ 'aug/combo.yaml': 'defaults:\n  - /db: mysql\ncombo: 1\n', 'config.yaml': 'defaults:\n  - aug: [flip, combo]\n' })).toEqual([
      rd('aug/flip', 'aug', 'config'),
      rd('db/mysql', 'aug.db', 'aug/combo'),
      self('aug/combo', 'aug', 'config'),
      self('config', ''),
    ]);
  });
  it('an optional list skips the options that do not exist', () => {
    expect(list({ 'config.yaml': 'defaults:\n  - optional aug: [flip, nope, crop]\n' })).toEqual([
      rd('aug/flip', 'aug', 'config'),
      rd('aug/crop', 'aug', 'config'),
      self('config', ''),
    ]);
  });
  it('a missing option of a plain list is an error', () => {
    const e = fail({ 'config.yaml': 'defaults:\n  - aug: [flip, nope]\n' });
    expect(e).toBeInstanceOf(MissingConfigError);
    expect(e.message).toContain("In 'config': Could not load 'aug/nope'.");
  });
  it('the same option twice is merged twice (options are plain configs, not choices)', () => {
    expect(list({ 'config.yaml': 'defaults:\n  - aug: [flip, flip]\n' }).map((d) => d.configPath)).toEqual(['aug/flip', 'aug/flip', 'config']);
  });
  it('an interpolation in an item is an error', () => {
    const e = fail({ 'config.yaml': 'defaults:\n  - db: mysql\n  - aug: [flip, "${db}"]\n' });
    expect(e).toBeInstanceOf(ConfigCompositionError);
    expect(e.message).toContain('Defaults List interpolation is not supported in options list items');
  });
});

describe('interpolated options', () => {
  const files = {
    'pair/mysql_redis.yaml': leaf('mysql_redis'),
    'pair/pg_redis.yaml': leaf('pg_redis'),
    'pair/pg_memcached.yaml': leaf('pg_memcached'),
  };
  it('can refer to a group listed after them', () => {
    expect(list({ ...files, 'config.yaml': 'defaults:\n  - pair: ${db}_${cache}\n  - db: mysql\n  - cache: redis\n' })).toEqual([
      rd('pair/mysql_redis', 'pair', 'config'),
      rd('db/mysql', 'db', 'config'),
      rd('cache/redis', 'cache', 'config'),
      self('config', ''),
    ]);
  });
  it('see the command-line choices', () => {
    expect(list({ ...files, 'config.yaml': 'defaults:\n  - db: mysql\n  - cache: redis\n  - pair: ${db}_${cache}\n' }, ['db=pg', 'cache=memcached'])[2]).toEqual(
      rd('pair/pg_memcached', 'pair', 'config'),
    );
  });
  it('see the override entries', () => {
    expect(list({ ...files, 'config.yaml': 'defaults:\n  - db: mysql\n  - cache: redis\n  - pair: ${db}_${cache}\n  - override db: pg\n' })[2]).toEqual(
      rd('pair/pg_redis', 'pair', 'config'),
    );
  });
  it('can refer to a nested group by its path and to a relocated one by group@package', () => {
    expect(
      list({
        'pair/pg_mysql.yaml': leaf('pg_mysql'),
        'config.yaml': 'defaults:\n  - server: nginx\n  - db@backup: mysql\n  - pair: ${server/db}_${db@backup}\n',
      })
        .filter((d) => d.configPath.startsWith('pair/'))
        .map((d) => d.configPath),
    ).toEqual(['pair/pg_mysql']);
  });
  it('an unknown key is an error that names the known ones', () => {
    const e = fail({ ...files, 'config.yaml': 'defaults:\n  - db: mysql\n  - pair: ${nope}_x\n' });
    expect(e).toBeInstanceOf(ConfigCompositionError);
    expect(e.message).toContain("Error resolving interpolation '${nope}_x'");
  });
  it('the interpolated config may not override groups', () => {
    const e = fail({
      'pair/mysql_redis.yaml': 'defaults:\n  - override /db: pg\n',
      'config.yaml': 'defaults:\n  - db: mysql\n  - cache: redis\n  - pair: ${db}_${cache}\n',
    });
    expect(e).toBeInstanceOf(ConfigCompositionError);
    expect(e.message).toContain('Default List Overrides are not allowed in the subtree');
  });
  it('the legacy ${defaults.0.db} form is an error', () => {
    const e = fail({ ...files, 'config.yaml': 'defaults:\n  - db: mysql\n  - pair: ${defaults.0.db}_redis\n' });
    expect(e).toBeInstanceOf(ConfigCompositionError);
    expect(e.message).toContain('deprecated interpolation form');
  });
});

describe('missing configs in defaults lists', () => {
  it('a missing group option lists the group options', () => {
    const e = fail({ 'config.yaml': 'defaults:\n  - db: oracle\n' });
    expect(e).toBeInstanceOf(MissingConfigError);
    expect(e.message).toContain("In 'config': Could not find 'db/oracle'");
    expect(e.message).toContain("Available options in 'db'");
  });
  it('a missing plain config', () => {
    const e = fail({ 'config.yaml': 'defaults:\n  - nope\n' });
    expect(e).toBeInstanceOf(MissingConfigError);
    expect(e.message).toContain("In 'config': Could not load 'nope'.");
  });
  it('an optional missing option is skipped', () => {
    expect(list({ 'config.yaml': 'defaults:\n  - optional db: oracle\nx: 1\n' })).toEqual([self('config', '')]);
  });
  it('optional is a keyword of group entries only: on a plain config it is part of the name', () => {
    const e = fail({ 'config.yaml': 'defaults:\n  - optional nope\n' });
    expect(e).toBeInstanceOf(MissingConfigError);
    expect(e.message).toContain("Could not load 'optional nope'");
  });
  it('a missing primary config', () => {
    expect(fail({ 'config.yaml': 'x: 1\n' }, [], 'nope')).toBeInstanceOf(MissingConfigError);
  });
  it('a mandatory nested choice names its full key', () => {
    const e = fail({ 'server/apache.yaml': 'defaults:\n  - db: ???\n', 'config.yaml': 'defaults:\n  - server: apache\n' });
    expect(e.message).toContain("You must specify 'server/db', e.g, server/db=<OPTION>");
  });
  it('a mandatory relocated choice names its group@package key', () => {
    const e = fail({ 'config.yaml': 'defaults:\n  - db@backup: ???\n' });
    expect(e.message).toContain("You must specify 'db@backup', e.g, db@backup=<OPTION>");
  });
});

describe('the experiment pattern', () => {
  const exp = {
    'experiment/fast.yaml': '# @package _global_\ndefaults:\n  - override /db: sqlite\n  - override /cache: memcached\nfast: true\n',
    'config.yaml': 'defaults:\n  - db: mysql\n  - cache: redis\n  - _self_\nx: 1\n',
  };
  it('+experiment overrides groups of the primary config and merges last', () => {
    expect(list(exp, ['+experiment=fast'])).toEqual([
      rd('db/sqlite', 'db', 'config'),
      rd('cache/memcached', 'cache', 'config'),
      self('config', ''),
      // only overrides in the experiment: it is a leaf, merged after the primary config
      rd('experiment/fast', '', 'config'),
    ]);
  });
  it('the command line still beats the experiment', () => {
    expect(list(exp, ['+experiment=fast', 'db=pg'])[0]).toEqual(rd('db/pg', 'db', 'config'));
  });
  it('an experiment without the _global_ header and with a relative override looks in its own group', () => {
    const e = fail({ ...exp, 'experiment/rel.yaml': 'defaults:\n  - override db: sqlite\n' }, ['+experiment=rel']);
    expect(e.message).toContain("In 'experiment/rel': Could not override 'experiment/db'. No match in the defaults list.");
  });
  it('an experiment chosen in the primary defaults list (placeholder) overrides groups listed before it', () => {
    expect(list({ ...exp, 'config.yaml': 'defaults:\n  - db: mysql\n  - cache: redis\n  - _self_\n  - experiment: null\n' }, ['experiment=fast'])).toEqual([
      rd('db/sqlite', 'db', 'config'),
      rd('cache/memcached', 'cache', 'config'),
      self('config', ''),
      rd('experiment/fast', '', 'config'),
    ]);
  });
  it('an experiment with its own _self_ and groups is a node of the tree', () => {
    expect(
      list({ ...exp, 'experiment/big.yaml': '# @package _global_\ndefaults:\n  - /aug: flip\n  - override /db: pg\n  - _self_\nbig: true\n' }, ['+experiment=big']),
    ).toEqual([
      rd('db/pg', 'db', 'config'),
      rd('cache/redis', 'cache', 'config'),
      self('config', ''),
      rd('aug/flip', 'aug', 'experiment/big'),
      self('experiment/big', '', 'config'),
    ]);
  });
});

describe('command-line appends to a primary config in a group directory (Hydra 1.3)', () => {
  // The append is an entry of the primary config's defaults list, so its group and package are
  // relative to the primary config, as for the entries written there (rooted appends are Hydra 1.4).
  const nested = {
    'server/plain.yaml': 'y: 1\n',
    'server/db/mysql.yaml': leaf('server_mysql'),
    'server/aug/flip.yaml': leaf('server_flip'),
  };
  const listOf = (overrides: string[], files: Record<string, string> = {}) =>
    defaultsListOf('server/plain', overrides, { configDir: confTree({ ...groups, ...nested, ...files }) });

  it('the primary config in a group is placed at that group', () => {
    expect(listOf([])).toEqual([rd('server/plain', 'server')]);
  });
  it('+group=option resolves the group next to the primary config', () => {
    expect(listOf(['+db=mysql'])).toEqual([self('server/plain', 'server'), rd('server/db/mysql', 'server.db', 'server/plain')]);
  });
  it('+group@pkg=option is relative to the primary config package', () => {
    expect(listOf(['+db@x=mysql'])).toEqual([self('server/plain', 'server'), rd('server/db/mysql', 'server.x', 'server/plain')]);
  });
  it('+group=[options] does the same for each option', () => {
    expect(listOf(['+aug=[flip]'])).toEqual([self('server/plain', 'server'), rd('server/aug/flip', 'server.aug', 'server/plain')]);
  });
  it('a # @package _global_ primary config makes its appends land at the root packages', () => {
    expect(listOf(['+db=mysql'], { 'server/plain.yaml': '# @package _global_\ny: 1\n' })).toEqual([
      self('server/plain', ''),
      rd('server/db/mysql', 'db', 'server/plain'),
    ]);
  });
});
