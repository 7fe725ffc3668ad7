/**
 * Group choices while the defaults tree is built: command-line selections, `override` entries,
 * deletions, appends, and the final choice of every group.
 */
import { describe, expect, it } from 'vitest';
import { type GroupOverride, GroupChoices, optionText } from '../../src/defaults/choices.js';
import { ConfigDefault, GroupDefault, type OptionValue } from '../../src/defaults/elements.js';
import { ConfigCompositionError } from '../../src/defaults/errors.js';

function entry(groupName: string, value: OptionValue, pkg?: string, opts: { override?: boolean } = {}): GroupDefault {
  const d = new GroupDefault(groupName, value, pkg);
  d.setParent('', '');
  d.override = opts.override ?? false;
  return d;
}

function choose(input: string): GroupOverride {
  const [key, value] = input.split('=') as [string, string];
  const [group, pkg] = key.split('@') as [string, string?];
  return { kind: 'choose', group, package: pkg, value, input };
}

function del(group: string, value?: string): GroupOverride {
  return { kind: 'delete', group, value, input: value === undefined ? `~${group}` : `~${group}=${value}` };
}

function thrown(fn: () => void): ConfigCompositionError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigCompositionError);
    return e as ConfigCompositionError;
  }
  throw new Error('expected a ConfigCompositionError');
}

describe('selections', () => {
  it('applies a command-line selection to the matching entry', () => {
    const choices = new GroupChoices([choose('db=pg')]);
    const d = entry('db', 'mysql');
    expect(choices.isOverridden(d)).toBe(true);
    choices.applyOverride(d);
    expect(d.value).toBe('pg');
  });

  it('leaves entries of other groups alone', () => {
    const choices = new GroupChoices([choose('db=pg')]);
    expect(choices.isOverridden(entry('server', 'apache'))).toBe(false);
  });

  it('addresses a relocated entry only through its package', () => {
    const choices = new GroupChoices([choose('db@backup=pg')]);
    expect(choices.isOverridden(entry('db', 'mysql'))).toBe(false);
    expect(choices.isOverridden(entry('db', 'mysql', 'backup'))).toBe(true);
  });

  it('lets the command line beat an override entry of a defaults list', () => {
    const choices = new GroupChoices([choose('db=pg')]);
    choices.addDefaultsOverride('experiment/fast', entry('db', 'sqlite', undefined, { override: true }));
    const d = entry('db', 'mysql');
    choices.applyOverride(d);
    expect(d.value).toBe('pg');
  });

  it('keeps the first override entry registered', () => {
    const choices = new GroupChoices([]);
    choices.addDefaultsOverride('experiment/b', entry('db', 'sqlite', undefined, { override: true }));
    choices.addDefaultsOverride('experiment/a', entry('db', 'pg', undefined, { override: true }));
    const d = entry('db', 'mysql');
    choices.applyOverride(d);
    expect(d.value).toBe('sqlite');
  });

  it('gives every matching entry its own copy of an option list', () => {
    const choices = new GroupChoices([{ kind: 'choose', group: 'site', value: ['fb', 'google'], input: 'site=[fb,google]' }]);
    const a = entry('site', []);
    const b = entry('site', []);
    choices.applyOverride(a);
    (a.value as string[]).push('amazon');
    choices.applyOverride(b);
    expect(b.value).toEqual(['fb', 'google']);
  });

  it('selects null for a choice without a value', () => {
    const choices = new GroupChoices([{ kind: 'choose', group: 'db', input: 'db=null' }]);
    const d = entry('db', 'mysql');
    choices.applyOverride(d);
    expect(d.value).toBeNull();
  });
});

describe('unused selections', () => {
  it('passes when every selection matched an entry', () => {
    const choices = new GroupChoices([choose('db=pg')]);
    choices.applyOverride(entry('db', 'mysql'));
    expect(() => choices.ensureSelectionsUsed()).not.toThrow();
  });

  it('says a command-line selection matched nothing and suggests appending it', () => {
    const e = thrown(() => new GroupChoices([choose('cache=redis')]).ensureSelectionsUsed());
    expect(e.message).toBe("Could not override 'cache'. No match in the defaults list.\nTo append to your default list use +cache=redis");
  });

  it('suggests the relocated entry of the same group', () => {
    const choices = new GroupChoices([choose('db=pg')]);
    choices.setKnownChoice(entry('db', 'mysql', 'backup'), ['config']);
    const e = thrown(() => choices.ensureSelectionsUsed());
    expect(e.message).toBe("Could not override 'db'.\nDid you mean to override db@backup?\nTo append to your default list use +db=pg");
  });

  it('lists every relocated entry of the group, sorted, when there are several', () => {
    const choices = new GroupChoices([choose('db=pg')]);
    choices.setKnownChoice(entry('db', 'mysql', 'src'), ['config']);
    choices.setKnownChoice(entry('db', 'mysql', 'dst'), ['config']);
    const e = thrown(() => choices.ensureSelectionsUsed());
    expect(e.message).toContain('Did you mean to override one of db@dst, db@src?');
  });

  it('names the config of an unused override entry, without the append hint', () => {
    const choices = new GroupChoices([]);
    choices.addDefaultsOverride('experiment/fast', entry('cache', 'redis', undefined, { override: true }));
    const e = thrown(() => choices.ensureSelectionsUsed());
    expect(e.message).toBe("In 'experiment/fast': Could not override 'cache'. No match in the defaults list.");
  });
});

describe('deletions', () => {
  it('deletes whatever is chosen when no option is named (~db)', () => {
    const choices = new GroupChoices([del('db')]);
    const d = entry('db', 'mysql');
    expect(choices.isDeleted(d)).toBe(true);
    choices.markDeleted(d);
    expect(d.deleted).toBe(true);
    expect(() => choices.ensureDeletionsUsed()).not.toThrow();
  });

  it('deletes only the named option (~db=mysql)', () => {
    const choices = new GroupChoices([del('db', 'mysql')]);
    expect(choices.isDeleted(entry('db', 'mysql'))).toBe(true);
    expect(choices.isDeleted(entry('db', 'pg'))).toBe(false);
  });

  it('deletes a relocated entry only through its package', () => {
    const choices = new GroupChoices([{ kind: 'delete', group: 'db', package: 'backup', input: '~db@backup' }]);
    expect(choices.isDeleted(entry('db', 'mysql'))).toBe(false);
    expect(choices.isDeleted(entry('db', 'mysql', 'backup'))).toBe(true);
  });

  it('reports a deletion that matched nothing', () => {
    const e = thrown(() => new GroupChoices([del('cache')]).ensureDeletionsUsed());
    expect(e.message).toBe("Could not delete 'cache'. No match in the defaults list");
    expect(e.hint).toBeUndefined();
  });

  it('shows the actual choice when a named deletion does not match it', () => {
    const choices = new GroupChoices([del('db', 'pg')]);
    const d = entry('db', 'mysql');
    expect(choices.isDeleted(d)).toBe(false);
    choices.setKnownChoice(d, ['config']);
    const e = thrown(() => choices.ensureDeletionsUsed());
    expect(e.message).toBe("Could not delete 'db=pg'. No match in the defaults list");
    expect(e.hint).toBe("'db' is 'mysql'");
  });
});

describe('appends', () => {
  it('turns +group=option into an external entry for the primary defaults list', () => {
    const src = { kind: 'override', override: '+db@backup=mysql' } as const;
    const choices = new GroupChoices([{ kind: 'append', group: 'db', package: 'backup', value: 'mysql', input: '+db@backup=mysql', src }]);
    expect(choices.appends).toHaveLength(1);
    const [a] = choices.appends;
    expect(a).toMatchObject({ group: 'db', value: 'mysql', package: 'backup', externalAppend: true, src });
  });

  it('does not treat an append as a selection', () => {
    const choices = new GroupChoices([{ kind: 'append', group: 'db', value: 'mysql', input: '+db=mysql' }]);
    expect(choices.isOverridden(entry('db', 'pg'))).toBe(false);
    expect(() => choices.ensureSelectionsUsed()).not.toThrow();
  });
});

describe('known choices', () => {
  it('records the choice of every visited group in visiting order, by override key', () => {
    const choices = new GroupChoices([]);
    choices.setKnownChoice(entry('server', 'apache'), ['config']);
    choices.setKnownChoice(entry('db', 'mysql', 'backup'), ['config']);
    choices.setKnownChoice(entry('site', ['fb', 'google']), ['config']);
    expect([...choices.known]).toEqual([
      ['server', 'apache'],
      ['db@backup', 'mysql'],
      ['site', ['fb', 'google']],
    ]);
  });

  it('accepts the same choice twice', () => {
    const choices = new GroupChoices([]);
    choices.setKnownChoice(entry('db', 'mysql'), ['config']);
    expect(() => choices.setKnownChoice(entry('db', 'mysql'), ['config', 'server/apache'])).not.toThrow();
  });

  it('rejects a second, different choice for the same key and shows how to override', () => {
    const choices = new GroupChoices([]);
    choices.setKnownChoice(entry('db', 'mysql'), ['config']);
    const e = thrown(() => choices.setKnownChoice(entry('db', 'pg'), ['config', 'server/apache']));
    expect(e.message.split('\n')[0]).toBe("Multiple values for db. To override a value use 'override db: mysql'");
    expect(e.treePath).toBe('config → server/apache');
  });

  it('ignores configs that are not group options', () => {
    const choices = new GroupChoices([del('db')]);
    const c = new ConfigDefault('db/mysql');
    c.setParent('', '');
    choices.setKnownChoice(c, ['config']);
    expect(choices.known.size).toBe(0);
    expect(choices.isDeleted(c)).toBe(false);
    expect(choices.isOverridden(c)).toBe(false);
  });
});

describe('optionText', () => {
  it('writes names, lists and null as an override would', () => {
    expect(optionText('mysql')).toBe('mysql');
    expect(optionText(['fb', 'google'])).toBe('[fb,google]');
    expect(optionText(null)).toBe('null');
    expect(optionText(undefined)).toBe('null');
  });
});
