/**
 * A queue that callbacks push into and one consumer reads with `for await`: how events produced
 * by child-process callbacks and timers become the AsyncIterable a launcher returns.
 */
export class AsyncQueue<T> implements AsyncIterable<T> {
  private readonly items: T[] = [];
  private waiting: ((r: IteratorResult<T>) => void) | undefined;
  private closed = false;
  private failure: { error: unknown } | undefined;
  private failWaiter: ((e: unknown) => void) | undefined;

  push(item: T): void {
    if (this.closed) return;
    const w = this.waiting;
    if (w) {
      this.waiting = undefined;
      this.failWaiter = undefined;
      w({ value: item, done: false });
    } else this.items.push(item);
  }

  /** No more items: the consumer's loop ends once it has read what is queued. */
  close(): void {
    this.closed = true;
    const w = this.waiting;
    if (w && this.items.length === 0) {
      this.waiting = undefined;
      this.failWaiter = undefined;
      w({ value: undefined, done: true });
    }
  }

  /** End the consumer's loop with an error (after what is queued). */
  fail(error: unknown): void {
    this.failure = { error };
    this.closed = true;
    const f = this.failWaiter;
    if (f && this.items.length === 0) {
      this.waiting = undefined;
      this.failWaiter = undefined;
      f(error);
    }
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    return {
      next: () => {
        if (this.items.length > 0) return Promise.resolve({ value: this.items.shift() as T, done: false });
        if (this.failure) return Promise.reject(this.failure.error);
        if (this.closed) return Promise.resolve({ value: undefined, done: true });
        return new Promise<IteratorResult<T>>((resolve, reject) => {
          this.waiting = resolve;
          this.failWaiter = reject;
        });
      },
      return: () => {
        this.closed = true;
        this.items.length = 0;
        return Promise.resolve({ value: undefined, done: true });
      },
    };
  }
}

/** Merge several async iterables into one, yielding items as they come. */
export async function* mergeAsync<T>(sources: AsyncIterable<T>[]): AsyncGenerator<T> {
  const its = sources.map((s) => s[Symbol.asyncIterator]());
  const pending = new Map<number, Promise<{ i: number; r: IteratorResult<T> }>>();
  const pull = (i: number) => pending.set(i, (its[i] as AsyncIterator<T>).next().then((r) => ({ i, r })));
  its.forEach((_, i) => pull(i));
  while (pending.size > 0) {
    const { i, r } = await Promise.race(pending.values());
    if (r.done) pending.delete(i);
    else {
      pull(i);
      yield r.value;
    }
  }
}
