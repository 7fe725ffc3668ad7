/**
 * The search path: for a config, the first source that has it wins; a group's options are the
 * union over all sources.
 */
import { describe, expect, it } from 'vitest';
import { nodeFromJs } from '../../src/config/nodes.js';
import { TydraError } from '../../src/errors.js';
import { type StoredConfig, MemorySource } from '../../src/repository/memory-source.js';
import { ConfigRepository } from '../../src/repository/repository.js';
import { checkConfigPath, stripExtension } from '../../src/repository/source.js';

function memory(provider: string, configs: Record<string, Record<string, unknown>>): MemorySource {
  const entries = new Map<string, StoredConfig>();
  for (const [path, content] of Object.entries(configs)) entries.set(path, { path, node: nodeFromJs(content) });
  return new MemorySource(provider, `${provider}://`, entries);
}

const main = memory('main', { config: { from: 'main' }, 'db/mysql': { from: 'main' }, 'db/pg': { from: 'main' } });
const lib = memory('lib', { 'db/mysql': { from: 'lib' }, 'db/sqlite': { from: 'lib' }, 'db/cloud/aws': {}, 'cache/redis': {} });

function thrown(fn: () => unknown): TydraError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(TydraError);
    return e as TydraError;
  }
  throw new Error('expected a TydraError');
}

describe('ConfigRepository', () => {
  it('loads a config from the first source that has it', () => {
    const repo = new ConfigRepository([main, lib]);
    const found = repo.load('db/mysql');
    expect(found?.node).toEqual(nodeFromJs({ from: 'main' }));
    expect(found?.source).toBe(main);
    expect(repo.load('db/sqlite')?.source).toBe(lib);
  });

  it('follows the order of the search path', () => {
    expect(new ConfigRepository([lib, main]).load('db/mysql')?.source).toBe(lib);
  });

  it('loads a config once per repository, found or not', () => {
    const repo = new ConfigRepository([main, lib]);
    expect(repo.load('db/pg')).toBe(repo.load('db/pg'));
    expect(repo.load('db/oracle')).toBeUndefined();
    expect(repo.load('db/oracle')).toBeUndefined();
  });

  it('has a config or a group when any source has it', () => {
    const repo = new ConfigRepository([main, lib]);
    expect(repo.hasConfig('db/sqlite')).toBe(true);
    expect(repo.hasConfig('db/oracle')).toBe(false);
    expect(repo.hasGroup('cache')).toBe(true);
    expect(repo.hasGroup('queue')).toBe(false);
  });

  it('lists the options of a group across sources, once each, sorted', () => {
    const repo = new ConfigRepository([main, lib]);
    expect(repo.groupOptions('db')).toEqual(['mysql', 'pg', 'sqlite']);
    expect(repo.groupOptions('')).toEqual(['config']);
    expect(repo.groupOptions('queue')).toEqual([]);
  });

  it('lists the subgroups of a group across sources, sorted', () => {
    const repo = new ConfigRepository([main, lib]);
    expect(repo.subgroups('')).toEqual(['cache', 'db']);
    expect(repo.subgroups('db')).toEqual(['cloud']);
  });

  it('describes its sources in search-path order for messages', () => {
    expect(new ConfigRepository([main, lib]).describeSources()).toEqual(['provider=main, path=main://', 'provider=lib, path=lib://']);
  });

  it('refuses config paths that would escape their source', () => {
    const repo = new ConfigRepository([main]);
    expect(thrown(() => repo.load('../secrets')).message).toContain("'..' and '.' are not allowed");
    expect(() => repo.load('db/../config')).toThrow(TydraError);
    expect(() => repo.load('./config')).toThrow(TydraError);
    expect(() => repo.hasConfig('db/../../x')).toThrow(TydraError);
    expect(thrown(() => repo.hasConfig('db\\mysql')).message).toContain("must use '/' as separator");
  });

  it('has no group whose path escapes its source', () => {
    const repo = new ConfigRepository([main]);
    expect(repo.hasGroup('..')).toBe(false);
    expect(repo.hasGroup('db/.')).toBe(false);
  });
});

describe('checkConfigPath', () => {
  it('accepts group paths and names with dots inside them', () => {
    expect(() => checkConfigPath('server/db/mysql')).not.toThrow();
    expect(() => checkConfigPath('v1.2/config.yaml')).not.toThrow();
    expect(() => checkConfigPath('..hidden')).not.toThrow();
  });

  it('names what is checked and suggests the search path instead', () => {
    const e = thrown(() => checkConfigPath('../x', 'ConfigStore path'));
    expect(e.message).toBe("ConfigStore path '../x' escapes its config source: '..' and '.' are not allowed in config paths");
    expect(e.hint).toContain('hydra.searchpath');
  });
});

describe('stripExtension', () => {
  it('drops .yaml and .yml and nothing else', () => {
    expect(stripExtension('train.yaml')).toBe('train');
    expect(stripExtension('db/pg.yml')).toBe('db/pg');
    expect(stripExtension('notes.json')).toBe('notes.json');
    expect(stripExtension('v1.2')).toBe('v1.2');
  });
});
