/**
 * `--info defaults` and `--info defaults-tree`, in Hydra's layout (hydra/_internal/hydra.py
 * `_print_defaults_list`, `_print_defaults_tree_impl`).
 */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { DictNode } from '../../src/config/nodes.js';
import { type GroupOverride, GroupChoices } from '../../src/defaults/choices.js';
import { flattenDefaultsTree } from '../../src/defaults/flatten.js';
import { renderDefaultsList, renderDefaultsTree } from '../../src/defaults/render.js';
import { type DefaultsTreeNode, buildDefaultsTree } from '../../src/defaults/tree.js';
import { type StoredConfig, MemorySource } from '../../src/repository/memory-source.js';
import { ConfigRepository } from '../../src/repository/repository.js';

/** The defaults tree of `config` over in-memory configs (`{ 'db/mysql': 'yaml text' }`). */
function tree(files: Record<string, string>, overrides: GroupOverride[] = []): DefaultsTreeNode {
  const entries = new Map<string, StoredConfig>();
  for (const [path, text] of Object.entries(files)) {
    const loaded = loadConfig({ path: `/conf/${path}.yaml`, configPath: path, text });
    entries.set(path, { path, node: loaded.node ?? new DictNode(), packageHeader: loaded.packageHeader });
  }
  const repo = new ConfigRepository([new MemorySource('main', 'mem://', entries)]);
  return buildDefaultsTree({ repo, configName: 'config', choices: new GroupChoices(overrides), withHydra: false, skipMissing: false });
}

const server = {
  'server/db/mysql': 'name: mysql\n',
  'server/apache': 'defaults:\n  - db: mysql\nname: apache\n',
};

describe('renderDefaultsList', () => {
  it('prints a table with columns as wide as their widest cell, framed by rules as long as the header', () => {
    const text = renderDefaultsList(flattenDefaultsTree(tree({ ...server, config: 'defaults:\n  - server/apache\n' })));
    expect(text).toBe(
      [
        'Defaults List',
        '*************',
        '| Config path     | Package   | _self_ | Parent        |',
        '--------------------------------------------------------',
        '| server/db/mysql | server.db | False  | server/apache |',
        '| server/apache   | server    | True   | config        |',
        '| config          |           | True   | <root>        |',
        '--------------------------------------------------------',
      ].join('\n'),
    );
  });

  it('prints only the header for an empty list', () => {
    expect(renderDefaultsList([]).split('\n')).toEqual([
      'Defaults List',
      '*************',
      '| Config path | Package | _self_ | Parent |',
      '-------------------------------------------',
      '-------------------------------------------',
    ]);
  });
});

describe('renderDefaultsTree', () => {
  it('indents children two spaces under their config, which ends with a colon', () => {
    expect(renderDefaultsTree(tree({ ...server, config: 'defaults:\n  - server/apache\n  - _self_\n' }))).toBe(
      ['<root>:', '  config:', '    server/apache:', '      server/db: mysql', '      _self_', '    _self_'].join('\n'),
    );
  });

  it('writes a group option as `key: option`, also when it has its own defaults list', () => {
    const text = renderDefaultsTree(
      tree({
        'db/mysql': 'defaults:\n  - engine: innodb\nport: 3306\n',
        'db/engine/innodb': 'x: 1\n',
        config: 'defaults:\n  - db@backup: mysql\n',
      }),
    );
    expect(text).toBe(['<root>:', '  config:', '    db@backup: mysql:', '      db/engine@backup.engine: innodb', '      _self_', '    _self_'].join('\n'));
  });

  it('shows null options and marks deleted ones', () => {
    const text = renderDefaultsTree(
      tree({ 'db/mysql': 'x: 1\n', config: 'defaults:\n  - db: mysql\n  - cache: null\n' }, [{ kind: 'delete', group: 'db', input: '~db' }]),
    );
    expect(text).toBe(['<root>:', '  config:', '    db: mysql (deleted)', '    cache: null', '    _self_'].join('\n'));
  });

  it('shows a primary config without a defaults list as a leaf', () => {
    expect(renderDefaultsTree(tree({ config: 'x: 1\n' }))).toBe('<root>:\n  config');
  });
});
