/**
 * Corner cases of value overrides as Hydra 1.3 applies them to the struct-mode config
 * (OmegaConf.select / OmegaConf.update(merge=True) / del), and of config groups on the command line.
 */
import { describe, expect, it } from 'vitest';
import { ConfigCompositionError } from '../../src/defaults/errors.js';
import { composeFiles, failure } from './hydra-compose-helpers.js';

const on = (yaml: string, overrides: string[]) => composeFiles({ 'config.yaml': yaml }, 'config', overrides).json;
const err = (yaml: string, overrides: string[]) => failure(() => on(yaml, overrides));

describe('appending (+key)', () => {
  it('allows + on a missing value (???) and on null', () => {
    expect(on('x: ???', ['+x=1'])).toBe('{"x": 1}');
    expect(on('x: null', ['+x=1'])).toBe('{"x": 1}');
  });
  it('allows + on an interpolation to null, refuses it on one to a value', () => {
    expect(on('x: ${y}\ny: null', ['+x=1'])).toBe('{"x": 1, "y": null}');
    expect(err('x: ${y}\ny: 2', ['+x=1']).message).toContain("Could not append to config. An item is already at 'x'");
  });
  it('fails when the current value is an interpolation that cannot be resolved', () => {
    const e = err('x: ${nope}', ['+x=1']);
    expect(e).toBeInstanceOf(ConfigCompositionError);
    expect(e.message).toContain('Error merging override +x=1');
  });
  it('replaces a scalar with a dict or a list, and merges a dict into a dict', () => {
    expect(on('x: 5', ['+x={a:1}'])).toBe('{"x": {"a": 1}}');
    expect(on('x: 5', ['+x=[1]'])).toBe('{"x": [1]}');
    expect(on('x:\n  a: ???', ['+x={b:1}'])).toBe('{"x": {"a": "???", "b": 1}}');
  });
  it('refuses a scalar over an existing dict', () => {
    expect(err('x: {a: 1}', ['+x=5']).message).toContain("Could not append to config. An item is already at 'x'");
  });
  it('creates dicts under a scalar on the way to a new key', () => {
    expect(on('x: 5', ['+x.a=1'])).toBe('{"x": {"a": 1}}');
  });
});

describe('changing (key=value)', () => {
  it('keeps the type the override has', () => {
    expect(on('x: 1', ['x=1.0'])).toBe('{"x": 1.0}');
    expect(on('x: 1', ["x='1'"])).toBe('{"x": "1"}');
    expect(on('x: 1', ['x=true'])).toBe('{"x": true}');
    expect(on('x: a', ['x=1e3'])).toBe('{"x": 1000.0}');
  });
  it('replaces a dict with a scalar or null, and keeps a dict merged with {}', () => {
    expect(on('x: {a: 1}', ['x=5'])).toBe('{"x": 5}');
    expect(on('x: {a: 1}', ['x=null'])).toBe('{"x": null}');
    expect(on('x: {a: 1}', ['x={}'])).toBe('{"x": {"a": 1}}');
  });
  it('replaces a list with a list, and a missing value or null with a dict', () => {
    expect(on('x: [1, 2]', ['x=[3]'])).toBe('{"x": [3]}');
    expect(on('x: ???', ['x={a:1}'])).toBe('{"x": {"a": 1}}');
    expect(on('x: null', ['x={a:1}'])).toBe('{"x": {"a": 1}}');
  });
  it('refuses to merge a list into a dict or a dict into a list', () => {
    expect(err('x: {a: 1}', ['x=[1]'])).toBeInstanceOf(ConfigCompositionError);
    expect(err('x: [1, 2]', ['x={a:1}'])).toBeInstanceOf(ConfigCompositionError);
  });
  it('sets list items by index and refuses an index out of range', () => {
    expect(on('x: [1, 2]', ['x.1=3'])).toBe('{"x": [1, 3]}');
    expect(err('x: [1, 2]', ['x.5=3'])).toBeInstanceOf(ConfigCompositionError);
    expect(err('x: [1, 2]', ['++x.5=3'])).toBeInstanceOf(ConfigCompositionError);
  });
  it('refuses a new key under null in struct mode, and adds it with +', () => {
    expect(err('x: null', ['x.a=1'])).toBeInstanceOf(ConfigCompositionError);
    expect(on('x: null', ['+x.a=1'])).toBe('{"x": {"a": 1}}');
  });
  it('replaces an interpolation to a dict when forced', () => {
    expect(on('x: ${y}\ny: {a: 1}', ['++x={b:1}'])).toBe('{"x": {"b": 1}, "y": {"a": 1}}');
  });
});

describe('deleting (~key)', () => {
  it('refuses to delete a missing value (???) or a null one: they count as absent', () => {
    expect(err('x: ???', ['~x']).message).toContain("Could not delete from config. 'x' does not exist.");
    expect(err('x: null', ['~x']).message).toContain("Could not delete from config. 'x' does not exist.");
  });
  it('deletes whatever the value when the expected value is null', () => {
    expect(on('x: 20', ['~x=null'])).toBe('{}');
  });
  it('compares the expected value as Python does (1 == 1.0 == True, 1 != "1")', () => {
    expect(on('x: 1', ['~x=1.0'])).toBe('{}');
    expect(on('x: 1', ['~x=true'])).toBe('{}');
    expect(err('x: 1', ["~x='1'"]).message).toContain("Could not delete from config. The value of 'x' is 1 and not 1.");
  });
  it('compares with the resolved value of an interpolation', () => {
    expect(on('x: ${y}\ny: abc', ['~x=abc'])).toBe('{"y": "abc"}');
  });
  it('refuses a key under a missing dict', () => {
    expect(err('x: ???', ['~x.y']).message).toContain("'x.y' does not exist");
  });
  it('refuses to delete a list item (Hydra cannot delete by index)', () => {
    expect(err('lst: [1, 2, 3]', ['~lst.0'])).toBeInstanceOf(ConfigCompositionError);
  });
  it('deletes a nested dict key', () => {
    expect(on('lst: [1, {a: 2, b: 3}]', ['~lst.1.a'])).toBe('{"lst": [1, {"b": 3}]}');
  });
});

describe('config groups on the command line', () => {
  const files = {
    'config.yaml': 'defaults:\n  - db: mysql\n  - _self_\n',
    'db/mysql.yaml': 'driver: mysql\n',
    'db/postgres.yaml': 'driver: postgres\n',
  };
  const group = (overrides: string[]) => composeFiles(files, 'config', overrides);
  it('refuses null as a group choice', () => {
    expect(failure(() => group(['db=null']))).toBeInstanceOf(ConfigCompositionError);
  });
  it('deletes a group only when the given option matches', () => {
    expect(group(['~db']).json).toBe('{}');
    expect(group(['~db=mysql']).json).toBe('{}');
    expect(failure(() => group(['~db=postgres']))).toBeInstanceOf(ConfigCompositionError);
  });
  it('refuses to append a group that is already in the defaults list', () => {
    expect(failure(() => group(['+db=postgres']))).toBeInstanceOf(ConfigCompositionError);
  });
  it('uses the last of two choices of the same group', () => {
    expect(group(['db=postgres', 'db=mysql']).json).toBe('{"db": {"driver": "mysql"}}');
  });
});

describe('hydra.searchpath on the command line', () => {
  it('only a plain override (not +/++) changes the search path', () => {
    const extra = { 'config.yaml': '{}\n' };
    // ++hydra.searchpath sets the value but, as in Hydra, is not read as the search path.
    const c = composeFiles(extra, 'config', ['++hydra.searchpath=[/nonexistent-dir-for-tydra]'], { warn: () => {} });
    expect(c.at('hydra.searchpath')).toEqual(['/nonexistent-dir-for-tydra']);
    expect(c.c.repository.sources.some((s) => s.url.includes('nonexistent-dir-for-tydra'))).toBe(false);
  });
});
