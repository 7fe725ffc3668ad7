/**
 * Search path entries: `file://dir` and plain directories (relative to the cwd), `pkg://package/dir`
 * (resolved from node_modules), and `hydra.searchpath` in the primary config (hydra.cc 1.3:
 * advanced/search_path).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSearchPath, searchPathFromConfig } from '../../src/compose/search-path.js';
import { loadYamlString } from '../../src/config/load.js';
import type { Node } from '../../src/config/nodes.js';
import { ConfigCompositionError } from '../../src/defaults/errors.js';
import { FileSource } from '../../src/repository/file-source.js';
import { confTree } from '../helpers/conf-tree.js';

/** A project dir with installed packages (`{ 'node_modules/lib/conf/db/mysql.yaml': … }`). */
function project(files: Record<string, string>): string {
  return fs.realpathSync(confTree(files));
}

function only(entry: string, cwd: string): FileSource {
  const [s] = createSearchPath([entry], cwd, 'main');
  expect(s).toBeInstanceOf(FileSource);
  return s as FileSource;
}

function thrown(fn: () => unknown): ConfigCompositionError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigCompositionError);
    return e as ConfigCompositionError;
  }
  throw new Error('expected a ConfigCompositionError');
}

describe('createSearchPath', () => {
  it('reads file://dir relative to the cwd', () => {
    const s = only('file://conf', '/home/ada/app');
    expect(s.root).toBe('/home/ada/app/conf');
    expect(s.url).toBe('file:///home/ada/app/conf');
    expect(s.provider).toBe('main');
  });

  it('reads file:// with an absolute path as that path', () => {
    expect(only('file:///etc/app/conf', '/home/ada').root).toBe('/etc/app/conf');
  });

  it('reads a plain directory like file://', () => {
    expect(only('conf', '/home/ada/app').url).toBe('file:///home/ada/app/conf');
    expect(only('../shared/conf', '/home/ada/app').root).toBe('/home/ada/shared/conf');
    expect(only('/abs/conf', '/home/ada/app').root).toBe('/abs/conf');
  });

  it('keeps the entries in order, all with the given provider', () => {
    const sources = createSearchPath(['a', 'file://b'], '/p', 'hydra.searchpath in main');
    expect(sources.map((s) => [s.provider, s.url])).toEqual([
      ['hydra.searchpath in main', 'file:///p/a'],
      ['hydra.searchpath in main', 'file:///p/b'],
    ]);
  });

  it('finds pkg://name/dir in node_modules and keeps the pkg:// address for messages', () => {
    const cwd = project({ 'node_modules/lib/package.json': '{"name":"lib"}', 'node_modules/lib/conf/db/mysql.yaml': 'a: 1\n' });
    const s = only('pkg://lib/conf', cwd);
    expect(s.root).toBe(path.join(cwd, 'node_modules/lib/conf'));
    expect(s.url).toBe('pkg://lib/conf');
    expect(s.hasConfig('db/mysql')).toBe(true);
  });

  it('takes the package root for pkg://name', () => {
    const cwd = project({ 'node_modules/lib/package.json': '{"name":"lib"}' });
    expect(only('pkg://lib', cwd).root).toBe(path.join(cwd, 'node_modules/lib'));
  });

  it('finds a scoped package: pkg://@scope/name/dir', () => {
    const cwd = project({ 'node_modules/@acme/configs/package.json': '{"name":"@acme/configs"}', 'node_modules/@acme/configs/conf/x.yaml': 'a: 1\n' });
    const s = only('pkg://@acme/configs/conf', cwd);
    expect(s.root).toBe(path.join(cwd, 'node_modules/@acme/configs/conf'));
    expect(s.hasConfig('x')).toBe(true);
  });

  it('finds a package whose exports hide its package.json, also from a subdirectory of the project', () => {
    const cwd = project({
      'node_modules/sealed/package.json': '{"name":"sealed","exports":{".":"./index.js"}}',
      'node_modules/sealed/index.js': 'export {};\n',
      'node_modules/sealed/conf/x.yaml': 'a: 1\n',
      'src/app/.keep': '',
    });
    expect(only('pkg://sealed/conf', cwd).root).toBe(path.join(cwd, 'node_modules/sealed/conf'));
    expect(only('pkg://sealed/conf', path.join(cwd, 'src/app')).root).toBe(path.join(cwd, 'node_modules/sealed/conf'));
  });

  it('reports a package that is not installed, with the npm command to install it', () => {
    const cwd = project({ 'package.json': '{}' });
    const e = thrown(() => createSearchPath(['pkg://missing-lib/conf'], cwd, 'main'));
    expect(e.message).toBe(`Search path entry 'pkg://missing-lib/conf': package 'missing-lib' is not installed (looked from ${cwd})`);
    expect(e.hint).toBe('npm install missing-lib');
    expect(thrown(() => createSearchPath(['pkg://@acme/missing/conf'], cwd, 'main')).hint).toBe('npm install @acme/missing');
  });
});

describe('searchPathFromConfig', () => {
  const config = (text: string) => loadYamlString(text, 'config') as Node;

  it('reads hydra.searchpath as a list of entries', () => {
    expect(searchPathFromConfig(config('hydra:\n  searchpath:\n    - pkg://lib/conf\n    - file://extra\n'))).toEqual(['pkg://lib/conf', 'file://extra']);
  });

  it('has no entries when hydra.searchpath is absent or null', () => {
    expect(searchPathFromConfig(config('x: 1\n'))).toBeUndefined();
    expect(searchPathFromConfig(config('hydra:\n  run:\n    dir: out\n'))).toBeUndefined();
    expect(searchPathFromConfig(config('hydra:\n  searchpath: null\n'))).toBeUndefined();
    expect(searchPathFromConfig(config('hydra: 3\n'))).toBeUndefined();
    expect(searchPathFromConfig(config('- a\n'))).toBeUndefined();
  });

  it('accepts an empty list', () => {
    expect(searchPathFromConfig(config('hydra:\n  searchpath: []\n'))).toEqual([]);
  });

  it('rejects a searchpath that is not a list of strings, pointing at it', () => {
    const e = thrown(() => searchPathFromConfig(config('hydra:\n  searchpath: pkg://lib/conf\n')));
    expect(e.message).toContain('hydra.searchpath must be a list of strings');
    expect(e.message).toContain('config:2:15');
    expect(() => searchPathFromConfig(config('hydra:\n  searchpath: [conf, 3]\n'))).toThrow('hydra.searchpath must be a list of strings');
    expect(() => searchPathFromConfig(config('hydra:\n  searchpath: [[conf]]\n'))).toThrow(ConfigCompositionError);
  });
});
