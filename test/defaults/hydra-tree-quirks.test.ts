/**
 * Hydra 1.3 defaults-tree behaviours next to test_defaults_tree.py's scenarios, pinned because
 * later Hydra versions changed them (the goal is Hydra 1.3.5): appends under a primary config in
 * a subdirectory (facebookresearch/hydra#2935, changed after 1.3.5 by #2875), interpolated config
 * paths inside a group (#3036), `defaults` in interpolations, and `???` config defaults.
 */
import { describe, expect, it } from 'vitest';
import { composeTree, resolvedJobConfig } from '../../src/compose/compose.js';
import { ConfigCompositionError, MissingConfigError } from '../../src/defaults/errors.js';
import { renderDefaultsTree } from '../../src/defaults/render.js';
import { confTree } from '../helpers/conf-tree.js';
import { cfg, expectTree, grp, node, self, treeError } from './hydra-tree-helpers.js';

describe('appending under a primary config in a subdirectory', () => {
  it('the appended group is relative to the primary config group', () => {
    const r = expectTree(
      'group1/select_multi',
      ['+group2=file3'],
      node(cfg('group1/select_multi'), [cfg('group2/file1'), cfg('group2/file2'), self, grp('group2', 'file3')]),
    );
    expect(Object.fromEntries(r.choices)).toEqual({ 'group1/group2': 'file3' });
  });
  it('an appended option list is relative too', () => {
    expectTree('group1/placeholder', ['+group2=[file3]'], node(cfg('group1/placeholder'), [grp('group2'), self, cfg('group2/file3')]));
  });
  it('a group that only exists at the root is not found there', () => {
    const e = treeError('group1/group_item1', ['+group1=file1']);
    expect(e).toBeInstanceOf(MissingConfigError);
    expect(e.message).toMatch(/^In 'group1\/group_item1': Could not find 'group1\/group1\/file1'/);
  });
  it('the appended config lands under the primary config package', () => {
    const dir = confTree({
      'server/alpha.yaml': 'defaults:\n  - /db: mysql\nname: alpha\n',
      'db/mysql.yaml': 'driver: mysql\n',
      'db/postgresql.yaml': 'driver: postgresql\n',
      'server/db/postgresql.yaml': 'driver: server-postgresql\n',
    });
    const c = composeTree({ configDir: dir, configName: 'server/alpha', overrides: ['+db=postgresql'] });
    // `/db: mysql` is an absolute group but, like any entry, relative to the primary package.
    expect(resolvedJobConfig(c)).toEqual({ server: { db: { driver: 'server-postgresql' }, name: 'alpha' } });
    expect(c.choices.get('server/db')).toBe('postgresql');
    // The absolute `/db` entry sits at server.db, so the command line addresses it as db@server.db.
    const d = composeTree({ configDir: dir, configName: 'server/alpha', overrides: ['db@server.db=postgresql'] });
    expect(resolvedJobConfig(d)).toEqual({ server: { db: { driver: 'postgresql' }, name: 'alpha' } });
  });
});

describe('interpolated config paths', () => {
  it('an absolute interpolated config path in the primary config', () => {
    const dir = confTree({
      'config.yaml': 'defaults:\n  - group1: file1\n  - /group1/group2/${group1}\n',
      'group1/file1.yaml': 'a: 1\n',
      'group1/group2/file1.yaml': 'b: 1\n',
    });
    expectTree('config', [], node(cfg('config'), [grp('group1', 'file1'), cfg('group1/group2/file1'), self]), { dir });
  });
  it('inside a config group the group prefix is applied twice (Hydra 1.3), so the config is not found', () => {
    const dir = confTree({
      'config.yaml': 'defaults:\n  - group1: nest\n  - group2: file1\n',
      'group1/nest.yaml': 'defaults:\n  - group2/${group2}\n',
      'group1/group2/file1.yaml': 'b: 1\n',
      'group2/file1.yaml': 'c: 1\n',
    });
    const e = treeError('config', [], { dir });
    expect(e).toBeInstanceOf(MissingConfigError);
    expect(e.message).toContain("Could not load 'group1/group1/group2/file1'");
  });
  it('may read this defaults list through `defaults` when not in the legacy leading form', () => {
    const dir = confTree({
      'config.yaml': 'defaults:\n  - group1: file1\n  - combo: x_${defaults.0.group1}\n',
      'group1/file1.yaml': 'a: 1\n',
      'combo/x_file1.yaml': 'c: 1\n',
    });
    expectTree('config', [], node(cfg('config'), [grp('group1', 'file1'), grp('combo', 'x_file1'), self]), { dir });
  });
  it('does not offer `defaults` among the possible keys', () => {
    const dir = confTree({ 'config.yaml': 'defaults:\n  - group1: file1\n  - combo: ${nope}\n', 'group1/file1.yaml': 'a: 1\n', 'combo/x.yaml': '' });
    const e = treeError('config', [], { dir });
    expect(e).toBeInstanceOf(ConfigCompositionError);
    expect(e.message).toMatch(/possible interpolation keys: group1$/m);
  });
});

describe('??? as a config default', () => {
  const dir = confTree({ 'config.yaml': 'defaults:\n  - ???\n' });
  it('is an error', () => {
    const e = treeError('config', [], { dir });
    expect(e).toBeInstanceOf(ConfigCompositionError);
    expect(e.message).toContain('Missing ConfigDefault is not supported : ???');
  });
  it('is skipped in multirun', () => {
    expectTree('config', [], node(cfg('config'), [cfg('???'), self]), { dir, skipMissing: true });
  });
});

describe('--info defaults-tree', () => {
  it('shows _self_ by its config path, as Hydra prints it', () => {
    const dir = confTree({
      'config.yaml': 'defaults:\n  - server/apache\n',
      'server/apache.yaml': 'defaults:\n  - db: mysql\n',
      'server/db/mysql.yaml': 'defaults:\n  - engine: innodb\n',
      'server/db/engine/innodb.yaml': 'x: 1\n',
    });
    const text = renderDefaultsTree(composeTree({ configDir: dir, configName: 'config' }).defaultsTree);
    expect(text).toContain(
      ['  config:', '    server/apache:', '      server/db: mysql:', '        server/db/engine: innodb', '        server/_self_', '      _self_', '    _self_'].join('\n'),
    );
  });
});
