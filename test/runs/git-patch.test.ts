import { describe, expect, it } from 'vitest';
import { comparePatches, patchByFile } from '../../src/runs/git-patch.js';

/** The patch git writes for one modified file. */
function filePatch(file: string, change: string, index = 'abc1234..def5678'): string {
  return [`diff --git a/${file} b/${file}`, `index ${index} 100644`, `--- a/${file}`, `+++ b/${file}`, '@@ -1 +1 @@', '-old', `+${change}`, ''].join('\n');
}

const model = filePatch('src/model.ts', 'lr = 0.1');
const config = filePatch('conf/config.yaml', 'batch: 64');

describe('patchByFile', () => {
  it('gives nothing for no patch or an empty one', () => {
    expect(patchByFile(undefined).size).toBe(0);
    expect(patchByFile('').size).toBe(0);
  });

  it('cuts a patch into one piece per file, in the order of the patch', () => {
    const pieces = patchByFile(model + config);
    expect([...pieces.keys()]).toEqual(['src/model.ts', 'conf/config.yaml']);
    expect(pieces.get('src/model.ts')).toBe(model);
    expect(pieces.get('conf/config.yaml')).toBe(config);
  });

  it('the pieces put together give the whole patch', () => {
    const patch = model + config + filePatch('README.md', 'x');
    expect([...patchByFile(patch).values()].join('')).toBe(patch);
  });

  it('names a renamed file by its new path', () => {
    const patch = ['diff --git a/old/name.ts b/new/name.ts', 'similarity index 90%', 'rename from old/name.ts', 'rename to new/name.ts', ''].join('\n');
    expect([...patchByFile(patch).keys()]).toEqual(['new/name.ts']);
  });

  it('keeps spaces in file names', () => {
    expect([...patchByFile(filePatch('docs/my notes.md', 'x')).keys()]).toEqual(['docs/my notes.md']);
  });

  it('does not take a changed line that mentions "diff --git" for a new file', () => {
    const patch = [
      'diff --git a/notes.md b/notes.md',
      'index 1111111..2222222 100644',
      '--- a/notes.md',
      '+++ b/notes.md',
      '@@ -1 +1,2 @@',
      ' intro',
      '+diff --git a/fake b/fake',
      '',
    ].join('\n');
    expect([...patchByFile(patch).keys()]).toEqual(['notes.md']);
  });
});

describe('comparePatches', () => {
  it('finds nothing when the patches are equal', () => {
    expect(comparePatches(model + config, model + config)).toEqual({ onlyA: [], onlyB: [], differ: [] });
  });

  it('finds nothing when neither run has a patch', () => {
    expect(comparePatches(undefined, undefined)).toEqual({ onlyA: [], onlyB: [], differ: [] });
    expect(comparePatches('', undefined)).toEqual({ onlyA: [], onlyB: [], differ: [] });
  });

  it('tells files changed in one run only', () => {
    expect(comparePatches(model + config, model)).toEqual({ onlyA: ['conf/config.yaml'], onlyB: [], differ: [] });
    expect(comparePatches(undefined, config)).toEqual({ onlyA: [], onlyB: ['conf/config.yaml'], differ: [] });
  });

  it('tells files changed in both runs, differently', () => {
    const other = filePatch('src/model.ts', 'lr = 0.2');
    expect(comparePatches(model + config, other + config)).toEqual({ onlyA: [], onlyB: [], differ: ['src/model.ts'] });
  });

  it('takes the same change with different blob hashes as the same', () => {
    const again = filePatch('src/model.ts', 'lr = 0.1', '9999999..8888888');
    expect(comparePatches(model, again)).toEqual({ onlyA: [], onlyB: [], differ: [] });
  });

  it('does not care about the order of files in the patch', () => {
    expect(comparePatches(model + config, config + model)).toEqual({ onlyA: [], onlyB: [], differ: [] });
  });

  it('reports all three kinds at once', () => {
    const a = model + config;
    const b = filePatch('src/model.ts', 'lr = 0.3') + filePatch('train.py', 'x');
    expect(comparePatches(a, b)).toEqual({ onlyA: ['conf/config.yaml'], onlyB: ['train.py'], differ: ['src/model.ts'] });
  });
});

describe('file names git quotes', () => {
  /** What `git diff` writes for a file whose name is not plain ASCII (core.quotePath, the default). */
  const quoted = (change: string) =>
    ['diff --git "a/caf\\303\\251.md" "b/caf\\303\\251.md"', 'index 7898192..6178079 100644', '--- "a/caf\\303\\251.md"', '+++ "b/caf\\303\\251.md"', '@@ -1 +1 @@', '-a', `+${change}`, ''].join('\n');

  // git quotes non-ASCII names C-style in its headers ("a/caf\303\251.md").
  it('gives a quoted file its own piece', () => {
    expect(patchByFile(model + quoted('b')).size).toBe(2);
  });

  // The same bug seen from `tydra runs diff`: different changes to café.md compare as equal.
  it('tells different changes to a file with a quoted name', () => {
    expect(comparePatches(quoted('b'), quoted('c')).differ).toHaveLength(1);
  });
});
