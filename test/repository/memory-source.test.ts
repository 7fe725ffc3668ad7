/**
 * Configs registered from code compose like files: groups come from the `/` in their paths.
 */
import { describe, expect, it } from 'vitest';
import { nodeFromJs } from '../../src/config/nodes.js';
import { type StoredConfig, MemorySource } from '../../src/repository/memory-source.js';

function memory(paths: string[], extra: Partial<StoredConfig> = {}): MemorySource {
  const entries = new Map<string, StoredConfig>();
  for (const path of paths) entries.set(path, { path, node: nodeFromJs({ name: path }), ...extra });
  return new MemorySource('schema', 'structured://', entries);
}

function sorted(l: { configs: string[]; groups: string[] }) {
  return { configs: [...l.configs].sort(), groups: [...l.groups].sort() };
}

describe('MemorySource', () => {
  const s = memory(['config', 'db/mysql', 'db/pg', 'db/cloud/aws', 'server/apache']);

  it('has exactly the registered config paths', () => {
    expect(s.hasConfig('db/mysql')).toBe(true);
    expect(s.hasConfig('db')).toBe(false);
    expect(s.hasConfig('mysql')).toBe(false);
  });

  it('has a group when some config path lies under it', () => {
    expect(s.hasGroup('')).toBe(true);
    expect(s.hasGroup('db')).toBe(true);
    expect(s.hasGroup('db/cloud')).toBe(true);
    expect(s.hasGroup('d')).toBe(false);
    expect(s.hasGroup('db/mysql')).toBe(false);
  });

  it('has no root group when nothing is registered', () => {
    expect(memory([]).hasGroup('')).toBe(false);
  });

  it('lists the options and subgroups directly under a group', () => {
    expect(sorted(s.list(''))).toEqual({ configs: ['config'], groups: ['db', 'server'] });
    expect(sorted(s.list('db'))).toEqual({ configs: ['mysql', 'pg'], groups: ['cloud'] });
    expect(s.list('nope')).toEqual({ configs: [], groups: [] });
  });

  it('loads a config with a store address as its file path', () => {
    const loaded = s.load('db/mysql');
    expect(loaded?.node).toEqual(nodeFromJs({ name: 'db/mysql' }));
    expect(loaded?.file).toEqual({ path: 'structured://db/mysql', configPath: 'db/mysql', text: '' });
    expect(loaded?.packageHeader).toBeUndefined();
  });

  it('hands out the same loaded config every time', () => {
    expect(s.load('db/pg')).toBe(s.load('db/pg'));
  });

  it('has nothing for an unknown path', () => {
    expect(s.load('db/oracle')).toBeUndefined();
  });

  it('keeps a registered package as the package header, and the schema', () => {
    const schema = { kind: 'schema' };
    const loaded = memory(['db/mysql'], { packageHeader: '_global_', schema }).load('db/mysql');
    expect(loaded?.packageHeader).toBe('_global_');
    expect((loaded as { schema?: unknown }).schema).toBe(schema);
  });
});
