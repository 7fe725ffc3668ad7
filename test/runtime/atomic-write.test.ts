import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  writeFileAtomic,
  writeFileAtomicSync,
  writeJsonAtomic,
  writeJsonAtomicSync,
} from '../../src/runtime/atomic-write.js';
import { bundleScript, collect, startNode } from './helpers/child-process.js';

const tempDir = () => mkdtempSync(join(tmpdir(), 'tydra-atomic-'));

// A JSON document big enough (hundreds of KB) that a non-atomic write would be seen half done.
const REWRITER = `
import { writeJsonAtomic, writeJsonAtomicSync } from '../../src/runtime/atomic-write.js';
const [path, writer, count] = [process.argv[2], process.argv[3], Number(process.argv[4])];
const doc = (n) => ({ writer, n, payload: 'x'.repeat(50_000 + ((n * 7919) % 200_000)), last: 'end' });
for (let n = 0; n < count; n++) {
  if (n % 2 === 0) await writeJsonAtomic(path, doc(n));
  else writeJsonAtomicSync(path, doc(n));
}
`;

describe('writeFileAtomic', () => {
  let rewriter: string;
  beforeAll(async () => {
    rewriter = await bundleScript(REWRITER);
  });

  it('writes the whole content and leaves no temporary file behind', async () => {
    const dir = tempDir();
    await writeFileAtomic(join(dir, 'a.txt'), 'hello');
    writeFileAtomicSync(join(dir, 'b.bin'), new Uint8Array([0, 1, 2, 255]));
    expect(readFileSync(join(dir, 'a.txt'), 'utf8')).toBe('hello');
    expect([...readFileSync(join(dir, 'b.bin'))]).toEqual([0, 1, 2, 255]);
    expect(readdirSync(dir).sort()).toEqual(['a.txt', 'b.bin']);
  });

  it('leaves one complete version when 16 writers in one process race on the same file', async () => {
    const dir = tempDir();
    const path = join(dir, 'race.txt');
    const versions = Array.from({ length: 16 }, (_, i) => `${i}:`.padEnd(10_000 * (i + 1), String.fromCharCode(97 + i)));
    await Promise.all(versions.map((text) => writeFileAtomic(path, text)));
    expect(versions).toContain(readFileSync(path, 'utf8'));
    expect(readdirSync(dir)).toEqual(['race.txt']);
  });

  it('lets a reader polling during 200 rewrites by another process see only complete JSON', async () => {
    const dir = tempDir();
    const path = join(dir, 'run.json');
    writeJsonAtomicSync(path, { writer: 'initial', n: -1, payload: '', last: 'end' });
    const child = startNode(rewriter, [path, 'A', '200']);
    const done = collect(child);
    let exited = false;
    void done.finally(() => (exited = true)).catch(() => undefined);

    let reads = 0;
    let lastN = -1;
    while (!exited) {
      const doc = JSON.parse(readFileSync(path, 'utf8')) as { n: number; last: string };
      expect(doc.last).toBe('end');
      expect(doc.n).toBeGreaterThanOrEqual(lastN); // a rename never goes back in time
      lastN = doc.n;
      reads++;
      await new Promise((resolve) => setImmediate(resolve));
    }
    await done;
    expect(reads).toBeGreaterThan(0);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({ writer: 'A', n: 199, last: 'end' });
    expect(readdirSync(dir)).toEqual(['run.json']);
  });

  it('never leaves a partial file when 4 processes rewrite the same file 50 times each', async () => {
    const dir = tempDir();
    const path = join(dir, 'shared.json');
    writeJsonAtomicSync(path, { writer: 'initial', n: -1, payload: '', last: 'end' });
    const children = ['A', 'B', 'C', 'D'].map((writer) => collect(startNode(rewriter, [path, writer, '50'])));
    let finished = false;
    const all = Promise.all(children).finally(() => (finished = true));
    let reads = 0;
    while (!finished) {
      const doc = JSON.parse(readFileSync(path, 'utf8')) as { last: string };
      expect(doc.last).toBe('end');
      reads++;
      await new Promise((resolve) => setImmediate(resolve));
    }
    await all;
    expect(reads).toBeGreaterThan(0);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({ n: 49, last: 'end' });
    expect(readdirSync(dir)).toEqual(['shared.json']);
  });

  it('removes its temporary file and keeps the target when the rename fails', async () => {
    const dir = tempDir();
    const target = join(dir, 'occupied');
    mkdirSync(target); // renaming a file over a directory fails
    writeFileSync(join(target, 'keep.txt'), 'kept');
    await expect(writeFileAtomic(target, 'data')).rejects.toThrow();
    expect(() => writeFileAtomicSync(target, 'data')).toThrow();
    expect(readdirSync(dir)).toEqual(['occupied']);
    expect(readFileSync(join(target, 'keep.txt'), 'utf8')).toBe('kept');
  });

  it('rejects a value JSON cannot hold before touching the disk', async () => {
    const dir = tempDir();
    await expect(writeJsonAtomic(join(dir, 'x.json'), { n: 1n })).rejects.toThrow(TypeError);
    expect(() => writeJsonAtomicSync(join(dir, 'y.json'), undefined)).toThrow(TypeError);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('writes JSON with a 2-space indent and a trailing newline', async () => {
    const dir = tempDir();
    await writeJsonAtomic(join(dir, 'x.json'), { a: [1] });
    expect(readFileSync(join(dir, 'x.json'), 'utf8')).toBe('{\n  "a": [\n    1\n  ]\n}\n');
  });
});
