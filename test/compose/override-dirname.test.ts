/**
 * `hydra.job.override_dirname`: the task overrides as typed, minus `exclude_keys`, sorted, joined
 * with `item_sep`, every `=` replaced by `kv_sep` (hydra.cc 1.3: configure_hydra/job,
 * "hydra.job.override_dirname").
 */
import { describe, expect, it } from 'vitest';
import { type OverrideDirnameOptions, overrideDirname } from '../../src/compose/override-dirname.js';
import { parseOverrides } from '../../src/overrides/index.js';

const hydraDefaults: OverrideDirnameOptions = { kvSep: '=', itemSep: ',', excludeKeys: [] };

function dirname(overrides: string[], opts: Partial<OverrideDirnameOptions> = {}): string {
  return overrideDirname(parseOverrides(overrides), { ...hydraDefaults, ...opts });
}

describe('overrideDirname', () => {
  it('joins the overrides sorted, with Hydra defaults kv_sep "=" and item_sep ","', () => {
    expect(dirname(['lr=0.1', 'db=mysql', 'batch_size=32'])).toBe('batch_size=32,db=mysql,lr=0.1');
  });

  it('is empty without overrides', () => {
    expect(dirname([])).toBe('');
  });

  it('keeps each override exactly as typed, prefix, package and quotes included', () => {
    expect(dirname(['+extra=1', '~old', 'db@backup=pg', "msg='a b'", 'x= 1'])).toBe("+extra=1,db@backup=pg,msg='a b',x= 1,~old");
  });

  it('sorts by plain string order: uppercase before lowercase, prefixes first', () => {
    expect(dirname(['b=1', 'B=1', 'a.b=1', 'a=1'])).toBe('B=1,a.b=1,a=1,b=1');
  });

  it('sorts by code point as Python does, so characters beyond the BMP come after every BMP character', () => {
    // JavaScript's `<` compares UTF-16 code units: the surrogates of 😀 (U+1F600) sort before U+FF01.
    expect(dirname(["x='😀'", "x='！'"])).toBe("x='！',x='😀'");
  });

  it('leaves out the excluded keys, whatever their prefix or package', () => {
    const out = dirname(['seed=1', '+seed=2', 'db@backup=pg', 'lr=0.1'], { excludeKeys: ['seed', 'db'] });
    expect(out).toBe('lr=0.1');
  });

  it('excludes by whole key, not by prefix', () => {
    expect(dirname(['seed=1', 'seeds=2', 'a.seed=3'], { excludeKeys: ['seed'] })).toBe('a.seed=3,seeds=2');
  });

  it('uses the configured separators', () => {
    expect(dirname(['b=2', 'a=1'], { kvSep: ':', itemSep: '__' })).toBe('a:1__b:2');
  });

  it('replaces every =, also those inside a value', () => {
    expect(dirname(['opts={a:1}', "expr='a=b'"], { kvSep: '-' })).toBe("expr-'a-b',opts-{a:1}");
    expect(dirname(["expr='a==b'"], { kvSep: ':' })).toBe("expr:'a::b'");
  });

  it('replaces = in an item separator too, as Hydra substitutes after joining', () => {
    expect(dirname(['a=1', 'b=2'], { kvSep: ':', itemSep: '=' })).toBe('a:1:b:2');
  });
});
