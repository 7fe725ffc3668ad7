/**
 * Reading a config's `defaults:` list (hydra.cc 1.3: advanced/defaults_list, "Defaults List YAML syntax").
 */
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/errors.js';
import { loadConfig, loadYamlString } from '../../src/config/load.js';
import type { DictNode, Node } from '../../src/config/nodes.js';
import { describeSource } from '../../src/config/source.js';
import { ConfigDefault, GroupDefault, type InputDefault } from '../../src/defaults/elements.js';
import { parseDefaultsList, splitDefaults } from '../../src/defaults/parse-defaults.js';
import { TydraError } from '../../src/errors.js';

/** A config loaded from YAML text as if it were the file `conf/config.yaml`. */
function node(text: string): DictNode {
  return loadConfig({ path: '/conf/config.yaml', configPath: 'config', text }).node as DictNode;
}

/** The entries of `defaults:` given as YAML list items. */
function items(...lines: string[]): InputDefault[] {
  const n = node(`defaults:\n${lines.map((l) => `  - ${l}`).join('\n')}\n`);
  return splitDefaults('config', n).defaults ?? [];
}

function only(line: string): InputDefault {
  const [d] = items(line);
  return d as InputDefault;
}

function failure(text: string): TydraError {
  try {
    splitDefaults('config', node(text));
  } catch (e) {
    expect(e).toBeInstanceOf(TydraError);
    return e as TydraError;
  }
  throw new Error('expected the defaults list to be rejected');
}

describe('item forms', () => {
  it('reads _self_ as the config itself', () => {
    const d = only('_self_');
    expect(d).toBeInstanceOf(ConfigDefault);
    expect(d.isSelf()).toBe(true);
  });

  it('reads a plain string as a config path with an optional @package', () => {
    const d = only('server/apache@admin') as ConfigDefault;
    expect(d).toBeInstanceOf(ConfigDefault);
    expect(d.path).toBe('server/apache');
    expect(d.package).toBe('admin');
    expect((only('server/apache') as ConfigDefault).package).toBeUndefined();
  });

  it('reads `group: option` as a group default', () => {
    const d = only('db: mysql') as GroupDefault;
    expect(d).toBeInstanceOf(GroupDefault);
    expect(d.group).toBe('db');
    expect(d.value).toBe('mysql');
    expect(d.package).toBeUndefined();
    expect(d.optional).toBe(false);
    expect(d.override).toBe(false);
  });

  it('keeps a leading / on an absolute group', () => {
    expect((only('/db: mysql') as GroupDefault).group).toBe('/db');
  });

  it('reads the optional keyword', () => {
    const d = only('optional db: mysql') as GroupDefault;
    expect(d.group).toBe('db');
    expect(d.optional).toBe(true);
    expect(d.override).toBe(false);
  });

  it('reads the override keyword together with a package', () => {
    const d = only('override db@backup: pg') as GroupDefault;
    expect(d.group).toBe('db');
    expect(d.package).toBe('backup');
    expect(d.value).toBe('pg');
    expect(d.override).toBe(true);
  });

  it('reads a list of options', () => {
    const d = only('site: [fb, google]') as GroupDefault;
    expect(d.value).toEqual(['fb', 'google']);
    expect(d.isOptionList()).toBe(true);
  });

  it('reads null as a placeholder with no option', () => {
    expect((only('db: null') as GroupDefault).value).toBeNull();
    expect((only('db:') as GroupDefault).value).toBeNull();
  });

  it('reads ??? as a missing option', () => {
    const d = only('db: ???') as GroupDefault;
    expect(d.value).toBe('???');
    expect(d.isMissing()).toBe(true);
  });

  it('keeps the items in the order written', () => {
    expect(items('db: mysql', '_self_', 'server/apache').map((d) => d.configPath())).toEqual(['db/mysql', '_self_', 'server/apache']);
  });

  it('remembers where each item was written', () => {
    const [a, b] = items('server/apache', 'db: mysql');
    expect(describeSource(a?.src)).toBe('config.yaml:2:5');
    expect(describeSource(b?.src)).toBe('config.yaml:3:9');
  });
});

describe('errors', () => {
  it('rejects a defaults that is not a list, naming what it got', () => {
    const e = failure('defaults:\n  db: mysql\n');
    expect(e).toBeInstanceOf(ConfigError);
    expect(e.message).toContain("Invalid defaults list in 'config'");
    expect(e.message).toContain('(got mapping)');
    expect(failure('defaults: mysql\n').message).toContain('(got str)');
  });

  it('rejects an item with several keys, with a hint to split it', () => {
    const e = failure('defaults:\n  - db: mysql\n    server: apache\n');
    expect(e.message).toContain('Too many keys in default item {db, server}');
    expect(e.hint).toContain('one item per group');
  });

  it('rejects an item with no key', () => {
    expect(failure('defaults:\n  - {}\n').message).toContain('Missing group name');
  });

  it('rejects a non-string option and suggests quoting it', () => {
    const e = failure('defaults:\n  - lr: 0.1\n');
    expect(e.message).toContain('Unsupported item value in defaults : float');
    expect(e.hint).toBe(`quote the option name: "lr: '0.1'"`);
    expect(failure('defaults:\n  - gpu: 1\n').hint).toBe(`quote the option name: "gpu: '1'"`);
    expect(failure('defaults:\n  - flag: yes\n').message).toContain(': bool');
  });

  it('rejects a mapping as an option', () => {
    expect(failure('defaults:\n  - db: {a: 1}\n').message).toContain('Unsupported item value in defaults : mapping');
  });

  it('rejects an option list with a non-string item', () => {
    expect(failure('defaults:\n  - site: [fb, 1]\n').message).toContain("the options of 'site' must be names");
  });

  it('rejects an item that is neither a string nor a mapping', () => {
    expect(failure('defaults:\n  - 3\n').message).toContain('Unsupported type in defaults : int');
    expect(failure('defaults:\n  - [a]\n').message).toContain('Unsupported type in defaults : list');
  });

  it('rejects the group@old:new package rename of Hydra 1.0, showing the new form', () => {
    const e = failure('defaults:\n  - db@src:dst: mysql\n');
    expect(e.message).toContain("the package rename syntax 'db@src:dst' (group@old:new) is not supported");
    expect(e.message).toContain("use 'db@dst'");
    expect(failure('defaults:\n  - server/apache@a:b\n').message).toContain("use 'server/apache@b'");
  });

  it('rejects a package on _self_ (a config cannot relocate its own content)', () => {
    expect(failure('defaults:\n  - _self_@foo\n').message).toContain('_self_@PACKAGE is not supported');
  });

  it('rejects an unknown keyword before the group', () => {
    const e = failure('defaults:\n  - optinal db: mysql\n');
    expect(e.message).toContain("unknown keyword 'optinal'");
    expect(e.message).toContain("expected 'optional' or 'override'");
  });

  it('points at the file and line of the bad item', () => {
    expect(failure('x: 1\ndefaults:\n  - db: mysql\n    server: apache\n').message).toContain('config.yaml:3:5');
  });
});

describe('splitDefaults', () => {
  it('separates the defaults list from the content', () => {
    const n = node('defaults:\n  - db: mysql\nx: 1\ny: 2\n');
    const { defaults, content } = splitDefaults('config', n);
    expect(defaults).toHaveLength(1);
    expect([...(content as DictNode).entries.keys()]).toEqual(['x', 'y']);
  });

  it('does not change the loaded config', () => {
    const n = node('defaults:\n  - db: mysql\nx: 1\n');
    splitDefaults('config', n);
    expect([...n.entries.keys()]).toEqual(['defaults', 'x']);
  });

  it('keeps the key types of the content', () => {
    const { content } = splitDefaults('config', node('defaults: []\n200: ok\n'));
    expect((content as DictNode).keyTypes?.get('200')).toBe('int');
  });

  it('has no defaults list when the config has no defaults key, and returns the config as its content', () => {
    const n = node('x: 1\n');
    const r = splitDefaults('config', n);
    expect(r.defaults).toBeUndefined();
    expect(r.content).toBe(n);
  });

  it('has an empty defaults list for `defaults: []`', () => {
    expect(splitDefaults('config', node('defaults: []\n')).defaults).toEqual([]);
  });

  it('passes through an empty file and a top-level list', () => {
    expect(splitDefaults('config', undefined)).toEqual({ defaults: undefined, content: undefined });
    const list = loadYamlString('- a\n', 'x') as Node;
    expect(splitDefaults('config', list)).toEqual({ defaults: undefined, content: list });
  });

  it('parses a loaded config once: the same node gives the same result', () => {
    const n = node('defaults:\n  - db: mysql\n');
    const first = splitDefaults('config', n);
    expect(splitDefaults('config', n)).toBe(first);
    expect(splitDefaults('config', node('defaults:\n  - db: mysql\n'))).not.toBe(first);
  });

  it('keeps the cached entries intact when a caller changes its clones', () => {
    const n = node('defaults:\n  - db: mysql\n  - site: [fb, google]\n');
    const clones = (splitDefaults('config', n).defaults ?? []).map((d) => d.clone()) as GroupDefault[];
    for (const c of clones) {
      c.setParent('server', 'server');
      c.deleted = true;
      c.override = true;
    }
    (clones[0] as GroupDefault).value = 'pg';
    ((clones[1] as GroupDefault).value as string[]).push('amazon');
    const again = splitDefaults('config', n).defaults as GroupDefault[];
    expect(again.map((d) => d.value)).toEqual(['mysql', ['fb', 'google']]);
    expect(again.map((d) => [d.deleted, d.override, d.parentBaseDir])).toEqual([
      [false, false, ''],
      [false, false, ''],
    ]);
  });
});

describe('parseDefaultsList', () => {
  it('reads a list node directly', () => {
    const list = node('defaults:\n  - db: mysql\n').entries.get('defaults') as Node;
    expect(parseDefaultsList('config', list).map((d) => d.configPath())).toEqual(['db/mysql']);
  });
});
