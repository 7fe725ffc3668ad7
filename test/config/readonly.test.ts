/**
 * Read-only containers (OmegaConf's readonly flag; Hydra's frozen structured configs): they
 * cannot be changed by a merge, an update or a delete, the flag is inherited by children, and a
 * frozen stored config stays as registered through composition and command-line overrides.
 */
import { describe, expect, it } from 'vitest';
import { composeTree, resolvedJobConfig } from '../../src/compose/compose.js';
import { ReadonlyConfigError } from '../../src/config/errors.js';
import { loadYamlString } from '../../src/config/load.js';
import { mergeInto } from '../../src/config/merge.js';
import { type DictNode, ValueNode } from '../../src/config/nodes.js';
import { deleteKey, isReadonlyAt, update } from '../../src/config/select.js';
import { ConfigStore } from '../../src/repository/config-store.js';
import { confTree } from '../helpers/conf-tree.js';

function tree(yaml: string): DictNode {
  return loadYamlString(yaml, 'test') as DictNode;
}

describe('read-only containers', () => {
  it('inherit the flag from their parents, and a child may lift it', () => {
    const t = tree('a:\n  b:\n    c: 1\n  d:\n    e: 2\n');
    t.flags = { readonly: true };
    const d = (t.entries.get('a') as DictNode).entries.get('d') as DictNode;
    d.flags = { readonly: false };
    expect(isReadonlyAt(t, ['a', 'b'])).toBe(true);
    expect(isReadonlyAt(t, ['a', 'd'])).toBe(false);
  });

  it('reject updates, deletes and merges', () => {
    const t = tree('a:\n  b: 1\n');
    (t.entries.get('a') as DictNode).flags = { readonly: true };
    expect(() => update(t, 'a.b', new ValueNode('int', 2), { merge: true, forceAdd: false })).toThrow(ReadonlyConfigError);
    expect(() => update(t, 'a.c', new ValueNode('int', 2), { merge: true, forceAdd: true })).toThrow('Cannot change read-only config container');
    expect(() => deleteKey(t, 'a.b')).toThrow(ReadonlyConfigError);
    expect(() => mergeInto(t, tree('a:\n  b: 3\n'))).toThrow(ReadonlyConfigError);
    expect(() => update(t, 'x', new ValueNode('int', 1), { merge: true, forceAdd: true })).not.toThrow();
  });

  it('carry their flag into the config they are merged into', () => {
    const dest = tree('a:\n  b: 1\n');
    const src = tree('a:\n  b: 1\n');
    (src.entries.get('a') as DictNode).flags = { readonly: true };
    mergeInto(dest, src);
    expect(isReadonlyAt(dest, ['a'])).toBe(true);
  });
});

describe('a frozen stored config', () => {
  const store = () => new ConfigStore().register({ group: 'db', name: 'prod', node: { host: 'db.prod', port: 5432 }, frozen: true });
  const files = { 'config.yaml': 'defaults:\n  - db: prod\n  - _self_\nname: app\n' };

  it('composes as registered', () => {
    const c = composeTree({ configDir: confTree(files), configName: 'config', sources: [store().source()] });
    expect(resolvedJobConfig(c).db).toEqual({ host: 'db.prod', port: 5432 });
  });

  it('cannot be changed from the command line', () => {
    expect(() => composeTree({ configDir: confTree(files), configName: 'config', sources: [store().source()], overrides: ['db.port=1'] })).toThrow(
      /Cannot change read-only config container/,
    );
  });

  it('cannot be changed by a config later in the defaults list', () => {
    const later = { 'config.yaml': 'defaults:\n  - db: prod\n  - _self_\ndb:\n  port: 1\n' };
    expect(() => composeTree({ configDir: confTree(later), configName: 'config', sources: [store().source()] })).toThrow(/Cannot change read-only config container/);
  });
});
