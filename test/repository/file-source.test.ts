/**
 * Configs in a directory tree: groups are directories, options are `.yaml`/`.yml` files.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DictNode } from '../../src/config/nodes.js';
import { FileSource, invalidateParsedFiles } from '../../src/repository/file-source.js';
import { confTree, tempDir } from '../helpers/conf-tree.js';

afterEach(() => invalidateParsedFiles());

function source(files: Record<string, string>): FileSource {
  return new FileSource(confTree(files), 'main');
}

/** The top-level keys of a loaded config. */
function keys(s: FileSource, p: string): string[] {
  return [...((s.load(p)?.node as DictNode | undefined)?.entries.keys() ?? [])];
}

function sorted(l: { configs: string[]; groups: string[] }) {
  return { configs: [...l.configs].sort(), groups: [...l.groups].sort() };
}

describe('listing', () => {
  it('lists the options and subgroups of a group', () => {
    const s = source({ 'config.yaml': 'a: 1\n', 'db/mysql.yaml': 'a: 1\n', 'db/pg.yml': 'a: 1\n', 'db/cloud/aws.yaml': 'a: 1\n' });
    expect(sorted(s.list(''))).toEqual({ configs: ['config'], groups: ['db'] });
    expect(sorted(s.list('db'))).toEqual({ configs: ['mysql', 'pg'], groups: ['cloud'] });
    expect(sorted(s.list('db/cloud'))).toEqual({ configs: ['aws'], groups: [] });
  });

  it('ignores files that are not YAML', () => {
    const s = source({ 'db/mysql.yaml': 'a: 1\n', 'db/README.md': '# db\n', 'db/pg.json': '{}', 'db/notes.yaml.bak': '' });
    expect(s.list('db').configs).toEqual(['mysql']);
    expect(s.hasConfig('db/README')).toBe(false);
  });

  it('lists a config present as both .yaml and .yml once', () => {
    const s = source({ 'db/mysql.yaml': 'a: 1\n', 'db/mysql.yml': 'b: 1\n' });
    expect(s.list('db').configs).toEqual(['mysql']);
  });

  it('has nothing for a group that does not exist', () => {
    const s = source({ 'config.yaml': 'a: 1\n' });
    expect(s.list('nope')).toEqual({ configs: [], groups: [] });
    expect(s.hasConfig('nope/x')).toBe(false);
    expect(s.hasGroup('nope')).toBe(false);
    expect(s.load('nope/x')).toBeUndefined();
  });

  it('knows which groups exist', () => {
    const s = source({ 'db/cloud/aws.yaml': 'a: 1\n' });
    expect(s.hasGroup('')).toBe(true);
    expect(s.hasGroup('db')).toBe(true);
    expect(s.hasGroup('db/cloud')).toBe(true);
    expect(s.hasGroup('db/cloud/aws')).toBe(false);
  });

  it('has no root group when its directory does not exist', () => {
    const s = new FileSource(path.join(tempDir(), 'missing'), 'main');
    expect(s.hasGroup('')).toBe(false);
    expect(s.list('')).toEqual({ configs: [], groups: [] });
  });

  it('follows symlinks to files and directories, and skips broken ones', () => {
    const shared = confTree({ 'mysql.yaml': 'driver: mysql\n', 'extra/x.yaml': 'a: 1\n' });
    const root = confTree({ 'config.yaml': 'a: 1\n' });
    fs.mkdirSync(path.join(root, 'db'));
    fs.symlinkSync(path.join(shared, 'mysql.yaml'), path.join(root, 'db', 'mysql.yaml'));
    fs.symlinkSync(path.join(shared, 'extra'), path.join(root, 'db', 'extra'));
    fs.symlinkSync(path.join(shared, 'gone.yaml'), path.join(root, 'db', 'gone.yaml'));
    const s = new FileSource(root, 'main');
    expect(sorted(s.list('db'))).toEqual({ configs: ['mysql'], groups: ['extra'] });
    expect(keys(s, 'db/mysql')).toEqual(['driver']);
    expect(s.hasConfig('db/extra/x')).toBe(true);
    expect(s.hasConfig('db/gone')).toBe(false);
  });

  it('reads a directory once per source: a file added later is seen by a new source', () => {
    const root = confTree({ 'db/mysql.yaml': 'a: 1\n' });
    const s = new FileSource(root, 'main');
    expect(s.list('db').configs).toEqual(['mysql']);
    fs.writeFileSync(path.join(root, 'db', 'pg.yaml'), 'a: 1\n');
    expect(s.hasConfig('db/pg')).toBe(false);
    expect(new FileSource(root, 'main').hasConfig('db/pg')).toBe(true);
  });
});

describe('config names', () => {
  it('finds a config by its name with or without its extension', () => {
    const s = source({ 'train.yaml': 'a: 1\n', 'db/pg.yml': 'b: 1\n' });
    expect(s.hasConfig('train')).toBe(true);
    expect(s.hasConfig('train.yaml')).toBe(true);
    expect(s.hasConfig('db/pg.yml')).toBe(true);
    expect(s.hasConfig('train.yml')).toBe(false);
    expect(s.load('train.yaml')?.file.configPath).toBe('train');
    expect(s.load('db/pg.yml')?.file.configPath).toBe('db/pg');
  });

  it('prefers the .yaml file over the .yml one', () => {
    const s = source({ 'db/mysql.yml': 'from_yml: 1\n', 'db/mysql.yaml': 'from_yaml: 1\n' });
    expect(s.filePath('db/mysql')).toBe(path.join(s.root, 'db', 'mysql.yaml'));
    expect(keys(s, 'db/mysql')).toEqual(['from_yaml']);
  });

  it('maps a config path to its file', () => {
    const s = source({ 'db/pg.yml': 'a: 1\n' });
    expect(s.filePath('db/pg')).toBe(path.join(s.root, 'db', 'pg.yml'));
    expect(s.filePath('db/mysql')).toBeUndefined();
  });
});

describe('load', () => {
  it('parses the file with its path, config path and package header', () => {
    const s = source({ 'db/mysql.yaml': '# @package _global_\nport: 3306\n' });
    const loaded = s.load('db/mysql');
    expect(loaded?.packageHeader).toBe('_global_');
    expect(loaded?.file).toMatchObject({ path: path.join(s.root, 'db', 'mysql.yaml'), configPath: 'db/mysql' });
    expect(keys(s, 'db/mysql')).toEqual(['port']);
  });

  it('loads an empty file as no content', () => {
    const s = source({ 'empty.yaml': '' });
    expect(s.load('empty')?.node).toBeUndefined();
  });

  it('shares a parsed file between sources while it is unchanged', () => {
    const root = confTree({ 'config.yaml': 'a: 1\n' });
    const first = new FileSource(root, 'main').load('config');
    expect(new FileSource(root, 'other').load('config')).toBe(first);
  });

  it('re-reads a file whose size changed', () => {
    const s = source({ 'config.yaml': 'a: 1\n' });
    const first = s.load('config');
    fs.writeFileSync(path.join(s.root, 'config.yaml'), 'a: 1\nb: 2\n');
    expect(s.load('config')).not.toBe(first);
    expect(keys(s, 'config')).toEqual(['a', 'b']);
  });

  it('re-reads a file whose modification time changed, even at the same size', () => {
    const s = source({ 'config.yaml': 'a: 1\n' });
    const file = path.join(s.root, 'config.yaml');
    fs.utimesSync(file, new Date(2020, 0, 1), new Date(2020, 0, 1));
    expect(keys(s, 'config')).toEqual(['a']);
    fs.writeFileSync(file, 'b: 1\n');
    fs.utimesSync(file, new Date(2021, 0, 1), new Date(2021, 0, 1));
    expect(keys(s, 'config')).toEqual(['b']);
  });

  it('re-parses a file after invalidateParsedFiles(path)', () => {
    const s = source({ 'config.yaml': 'a: 1\n', 'other.yaml': 'b: 1\n' });
    const config = s.load('config');
    const other = s.load('other');
    invalidateParsedFiles(path.join(s.root, 'config.yaml'));
    expect(s.load('config')).not.toBe(config);
    expect(s.load('other')).toBe(other);
  });

  it('re-parses every file after invalidateParsedFiles()', () => {
    const s = source({ 'config.yaml': 'a: 1\n', 'other.yaml': 'b: 1\n' });
    const config = s.load('config');
    const other = s.load('other');
    invalidateParsedFiles();
    expect(s.load('config')).not.toBe(config);
    expect(s.load('other')).not.toBe(other);
  });

  it('has nothing for a listed file deleted since', () => {
    const s = source({ 'config.yaml': 'a: 1\n' });
    expect(s.hasConfig('config')).toBe(true);
    fs.rmSync(path.join(s.root, 'config.yaml'));
    expect(s.load('config')).toBeUndefined();
  });
});

describe('url', () => {
  it('is file:// and the root unless given', () => {
    expect(new FileSource('/abs/conf', 'main').url).toBe('file:///abs/conf');
    expect(new FileSource('/abs/conf', 'main', 'pkg://lib/conf').url).toBe('pkg://lib/conf');
  });
});
