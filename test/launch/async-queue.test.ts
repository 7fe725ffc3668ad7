import { describe, expect, it } from 'vitest';
import { AsyncQueue, mergeAsync } from '../../src/launch/async-queue.js';

/** Let pending promise callbacks and timers run. */
const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe('AsyncQueue', () => {
  it('gives items pushed before reading, in order, and ends after close', async () => {
    const q = new AsyncQueue<number>();
    q.push(1);
    q.push(2);
    q.push(3);
    q.close();
    expect(await collect(q)).toEqual([1, 2, 3]);
  });

  it('wakes a waiting reader when an item arrives later', async () => {
    const q = new AsyncQueue<string>();
    const reading = collect(q);
    await tick();
    q.push('a');
    await tick();
    q.push('b');
    q.close();
    expect(await reading).toEqual(['a', 'b']);
  });

  it('close while the reader waits ends its loop', async () => {
    const q = new AsyncQueue<number>();
    const reading = collect(q);
    await tick();
    q.close();
    expect(await reading).toEqual([]);
  });

  it('close lets the reader finish what is queued first', async () => {
    const q = new AsyncQueue<number>();
    q.push(1);
    q.push(2);
    q.close();
    const it = q[Symbol.asyncIterator]();
    expect(await it.next()).toEqual({ value: 1, done: false });
    expect(await it.next()).toEqual({ value: 2, done: false });
    expect((await it.next()).done).toBe(true);
  });

  it('ignores pushes after close', async () => {
    const q = new AsyncQueue<number>();
    q.push(1);
    q.close();
    q.push(2);
    expect(await collect(q)).toEqual([1]);
  });

  it('fail ends the loop with the error, after what is queued', async () => {
    const q = new AsyncQueue<number>();
    const seen: number[] = [];
    q.push(1);
    q.push(2);
    q.fail(new Error('launcher broke'));
    await expect(
      (async () => {
        for await (const x of q) seen.push(x);
      })(),
    ).rejects.toThrow('launcher broke');
    expect(seen).toEqual([1, 2]);
  });

  it('fail while the reader waits rejects its loop', async () => {
    const q = new AsyncQueue<number>();
    const reading = collect(q);
    await tick();
    q.fail(new Error('gone'));
    await expect(reading).rejects.toThrow('gone');
  });

  it('items pushed after fail are dropped', async () => {
    const q = new AsyncQueue<number>();
    q.fail(new Error('x'));
    q.push(1);
    const it = q[Symbol.asyncIterator]();
    await expect(it.next()).rejects.toThrow('x');
  });

  it('breaking out of the loop stops the queue: later pushes are dropped', async () => {
    const q = new AsyncQueue<number>();
    q.push(1);
    q.push(2);
    for await (const x of q) {
      expect(x).toBe(1);
      break;
    }
    q.push(3);
    expect(await collect(q)).toEqual([]);
  });

  it('keeps the order of items pushed while the reader is busy', async () => {
    const q = new AsyncQueue<number>();
    const seen: number[] = [];
    const reading = (async () => {
      for await (const x of q) {
        seen.push(x);
        await tick();
      }
    })();
    for (let i = 0; i < 10; i++) {
      q.push(i);
      if (i % 3 === 0) await tick();
    }
    q.close();
    await reading;
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});

describe('mergeAsync', () => {
  it('yields every item of every source, each source in its own order', async () => {
    async function* gen(prefix: string, n: number) {
      for (let i = 0; i < n; i++) {
        await tick();
        yield `${prefix}${i}`;
      }
    }
    const out = await collect(mergeAsync([gen('a', 3), gen('b', 5), gen('c', 0)]));
    expect(out).toHaveLength(8);
    expect(out.filter((x) => x.startsWith('a'))).toEqual(['a0', 'a1', 'a2']);
    expect(out.filter((x) => x.startsWith('b'))).toEqual(['b0', 'b1', 'b2', 'b3', 'b4']);
  });

  it('yields items as they come, whichever source they are from', async () => {
    const a = new AsyncQueue<string>();
    const b = new AsyncQueue<string>();
    const seen: string[] = [];
    const reading = (async () => {
      for await (const x of mergeAsync([a, b])) seen.push(x);
    })();
    b.push('b1');
    await tick();
    expect(seen).toEqual(['b1']);
    a.push('a1');
    await tick();
    expect(seen).toEqual(['b1', 'a1']);
    b.push('b2');
    await tick();
    expect(seen).toEqual(['b1', 'a1', 'b2']);
    a.close();
    b.close();
    await reading;
  });

  it('ends only when every source has ended', async () => {
    const a = new AsyncQueue<number>();
    const b = new AsyncQueue<number>();
    let ended = false;
    const reading = collect(mergeAsync([a, b])).then((r) => {
      ended = true;
      return r;
    });
    a.push(1);
    a.close();
    await tick();
    expect(ended).toBe(false);
    b.push(2);
    b.close();
    expect(await reading).toEqual([1, 2]);
  });

  it('ends at once with no sources', async () => {
    expect(await collect(mergeAsync<number>([]))).toEqual([]);
  });

  it('passes on the error of a source', async () => {
    const a = new AsyncQueue<number>();
    const b = new AsyncQueue<number>();
    const reading = collect(mergeAsync([a, b]));
    a.push(1);
    await tick();
    b.fail(new Error('node lost'));
    await expect(reading).rejects.toThrow('node lost');
  });
});
