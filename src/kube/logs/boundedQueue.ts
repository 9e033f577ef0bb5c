// A many-producers, one-consumer queue with a fixed capacity. push() hands back a promise only when the queue is
// full, so producers that await it stop reading their sockets: memory stays bounded by the capacity whatever the
// speed of the consumer, and the fast path (space left) costs no promise at all.
export class BoundedQueue<T> implements AsyncIterable<T> {
  private items: T[] = [];
  private head = 0;
  private spaceWaiters: (() => void)[] = [];
  private takeWaiter: (() => void) | undefined;
  private closed = false;
  private failure: unknown;

  constructor(private readonly capacity: number) {
    if (capacity < 1) throw new Error('capacity must be at least 1');
  }

  get size(): number {
    return this.items.length - this.head;
  }

  /** Adds an item (dropped once closed); returns a promise to await when the queue is now full. */
  push(item: T): Promise<void> | undefined {
    if (this.closed) return undefined;
    this.items.push(item);
    this.wakeTaker();
    if (this.size < this.capacity) return undefined;
    return new Promise((resolve) => this.spaceWaiters.push(resolve));
  }

  /** Ends the iteration once the items already queued are taken (or at once with an error). */
  close(error?: unknown): void {
    if (this.closed) return;
    this.closed = true;
    this.failure = error;
    this.wakeTaker();
    for (const w of this.spaceWaiters.splice(0)) w();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    for (;;) {
      if (this.size > 0) {
        yield this.take();
        continue;
      }
      if (this.closed) {
        if (this.failure !== undefined) throw this.failure;
        return;
      }
      await new Promise<void>((resolve) => (this.takeWaiter = resolve));
    }
  }

  private take(): T {
    const item = this.items[this.head] as T;
    this.items[this.head] = undefined as T;
    this.head += 1;
    // Compact now and then instead of shift(): shift is O(n) on large arrays.
    if (this.head >= 1024 && this.head * 2 >= this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    if (this.spaceWaiters.length > 0 && this.size < this.capacity) {
      for (const w of this.spaceWaiters.splice(0)) w();
    }
    return item;
  }

  private wakeTaker(): void {
    const w = this.takeWaiter;
    this.takeWaiter = undefined;
    w?.();
  }
}
