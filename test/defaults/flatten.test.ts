/**
 * The final defaults list: the defaults tree walked depth first, one entry per config to merge
 * (hydra.cc 1.3: advanced/defaults_list, "--info defaults").
 */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { DictNode } from '../../src/config/nodes.js';
import { type GroupOverride, GroupChoices } from '../../src/defaults/choices.js';
import { ConfigCompositionError } from '../../src/defaults/errors.js';
import { type ResultDefault, flattenDefaultsTree } from '../../src/defaults/flatten.js';
import { buildDefaultsTree } from '../../src/defaults/tree.js';
import { type StoredConfig, MemorySource } from '../../src/repository/memory-source.js';
import { ConfigRepository } from '../../src/repository/repository.js';

/** The defaults list of `configName` over in-memory configs (`{ 'db/mysql': 'yaml text' }`). */
function defaultsList(
  files: Record<string, string>,
  opts: { overrides?: GroupOverride[]; configName?: string | null; skipMissing?: boolean } = {},
): ResultDefault[] {
  const entries = new Map<string, StoredConfig>();
  for (const [path, text] of Object.entries(files)) {
    const loaded = loadConfig({ path: `/conf/${path}.yaml`, configPath: path, text });
    entries.set(path, { path, node: loaded.node ?? new DictNode(), packageHeader: loaded.packageHeader });
  }
  const repo = new ConfigRepository([new MemorySource('main', 'mem://', entries)]);
  const tree = buildDefaultsTree({
    repo,
    configName: opts.configName === null ? undefined : (opts.configName ?? 'config'),
    choices: new GroupChoices(opts.overrides ?? []),
    withHydra: false,
    skipMissing: opts.skipMissing ?? false,
  });
  return flattenDefaultsTree(tree);
}

/** The columns of `--info defaults`. */
function rows(list: ResultDefault[]): [string, string, boolean, string][] {
  return list.map((r) => [r.configPath, r.package, r.isSelf, r.parent]);
}

const db = { 'db/mysql': 'driver: mysql\n', 'db/pg': 'driver: pg\n' };

describe('flattenDefaultsTree', () => {
  it('lists a primary config without a defaults list as itself', () => {
    const list = defaultsList({ config: 'x: 1\n' });
    expect(rows(list)).toEqual([['config', '', false, '<root>']]);
    expect(list[0]?.primary).toBe(true);
  });

  it('puts the config content last when its defaults list omits _self_', () => {
    expect(rows(defaultsList({ ...db, config: 'defaults:\n  - db: mysql\n' }))).toEqual([
      ['db/mysql', 'db', false, 'config'],
      ['config', '', true, '<root>'],
    ]);
  });

  it('puts the config content where _self_ is listed', () => {
    const list = defaultsList({ ...db, 'cache/redis': 'host: r\n', config: 'defaults:\n  - db: mysql\n  - _self_\n  - cache: redis\n' });
    expect(list.map((r) => r.configPath)).toEqual(['db/mysql', 'config', 'cache/redis']);
  });

  it('walks nested defaults lists depth first, each config after its own defaults', () => {
    const list = defaultsList({
      'server/db/mysql': 'name: mysql\n',
      'server/apache': 'defaults:\n  - db: mysql\nname: apache\n',
      config: 'defaults:\n  - server/apache\n  - _self_\ndebug: false\n',
    });
    expect(rows(list)).toEqual([
      ['server/db/mysql', 'server.db', false, 'server/apache'],
      ['server/apache', 'server', true, 'config'],
      ['config', '', true, '<root>'],
    ]);
  });

  it('relocates a whole subtree with the package of the including config (docs: admin.backup)', () => {
    const list = defaultsList({
      'server/db/mysql': 'name: mysql\n',
      'server/apache': 'defaults:\n  - db@backup: mysql\nname: apache\n',
      config: 'defaults:\n  - server/apache@admin\n',
    });
    expect(rows(list)).toEqual([
      ['server/db/mysql', 'admin.backup', false, 'server/apache'],
      ['server/apache', 'admin', true, 'config'],
      ['config', '', true, '<root>'],
    ]);
  });

  it('gives group options their override key, and other configs none', () => {
    const list = defaultsList({ ...db, 'server/apache': 'x: 1\n', config: 'defaults:\n  - db@backup: mysql\n  - server/apache\n' });
    expect(list.map((r) => r.overrideKey)).toEqual(['db@backup', undefined, undefined]);
  });

  it('marks only the primary config as primary', () => {
    const list = defaultsList({ ...db, config: 'defaults:\n  - db: mysql\n' });
    expect(list.map((r) => r.primary)).toEqual([false, true]);
  });

  it('keeps the defaults-tree entry of each config', () => {
    const [mysql, self] = defaultsList({ ...db, config: 'defaults:\n  - db: mysql\n' });
    expect(mysql?.entry.configPath()).toBe('db/mysql');
    expect(self?.entry.configPath()).toBe('config');
  });

  it('expands an option list into one config per option, in order', () => {
    const list = defaultsList({ 'site/fb': 'a: 1\n', 'site/google': 'b: 1\n', config: 'defaults:\n  - site: [fb, google]\n' });
    expect(rows(list)).toEqual([
      ['site/fb', 'site', false, 'config'],
      ['site/google', 'site', false, 'config'],
      ['config', '', true, '<root>'],
    ]);
  });

  it('leaves out a null option', () => {
    expect(defaultsList({ ...db, config: 'defaults:\n  - db: null\n' }).map((r) => r.configPath)).toEqual(['config']);
  });

  it('leaves out a deleted option', () => {
    const list = defaultsList({ ...db, config: 'defaults:\n  - db: mysql\n' }, { overrides: [{ kind: 'delete', group: 'db', input: '~db' }] });
    expect(list.map((r) => r.configPath)).toEqual(['config']);
  });

  it('leaves out a missing (???) option when asked to skip it', () => {
    const list = defaultsList({ ...db, config: 'defaults:\n  - db: ???\n' }, { skipMissing: true });
    expect(list.map((r) => r.configPath)).toEqual(['config']);
  });

  it('leaves out an optional option that does not exist', () => {
    expect(defaultsList({ ...db, config: 'defaults:\n  - optional db: oracle\n' }).map((r) => r.configPath)).toEqual(['config']);
  });

  it('lists only the appended configs when there is no primary config', () => {
    const list = defaultsList(db, { configName: null, overrides: [{ kind: 'append', group: 'db', value: 'pg', input: '+db=pg' }] });
    expect(rows(list)).toEqual([['db/pg', 'db', false, '_dummy_empty_config_']]);
  });

  it('accepts one group at two packages', () => {
    const list = defaultsList({ ...db, config: 'defaults:\n  - db@src: mysql\n  - db@dst: mysql\n' });
    expect(rows(list).slice(0, 2)).toEqual([
      ['db/mysql', 'src', false, 'config'],
      ['db/mysql', 'dst', false, 'config'],
    ]);
  });

  it('rejects a group selected twice at the same package, suggesting a list or an override', () => {
    let error: unknown;
    try {
      defaultsList({ ...db, config: 'defaults:\n  - db: mysql\n  - db: mysql\n' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigCompositionError);
    const e = error as ConfigCompositionError;
    expect(e.message.split('\n')[0]).toBe('db appears more than once in the final defaults list');
    expect(e.message).toContain('from: config.yaml:3:9');
    expect(e.hint).toContain('db: [a, b]');
    expect(e.hint).toContain("'override db: …'");
  });
});
