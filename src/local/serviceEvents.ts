// The events a running local service emits, and a small fan-out channel that hands them out as async iterables
// (the engine's contract with the UI/CLI: no callbacks into vscode, no EventEmitter leaking out).
export type LocalServiceEvent =
  | { readonly type: 'log'; readonly line: string }
  | { readonly type: 'state'; readonly state: 'building' | 'starting' | 'healthy' | 'restarting' | 'stopped' | 'failed'; readonly message?: string }
  | { readonly type: 'reloaded'; readonly changed: readonly string[]; readonly ms: number };

export class EventChannel<T> {
  private readonly subscribers = new Set<(event: T | undefined) => void>();

  /** True while someone follows the events. */
  get listened(): boolean {
    return this.subscribers.size > 0;
  }

  emit(event: T): void {
    for (const s of this.subscribers) s(event);
  }

  close(): void {
    for (const s of this.subscribers) s(undefined);
    this.subscribers.clear();
  }

  /** Events emitted from now on, until `close()` or the signal aborts. */
  async *subscribe(signal?: AbortSignal): AsyncGenerator<T> {
    const queue: (T | undefined)[] = [];
    let wake: (() => void) | undefined;
    const push = (e: T | undefined) => { queue.push(e); wake?.(); };
    const onAbort = () => push(undefined);
    this.subscribers.add(push);
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      for (;;) {
        if (queue.length === 0) await new Promise<void>((r) => (wake = r));
        wake = undefined;
        const e = queue.shift();
        if (e === undefined) return;
        yield e;
      }
    } finally {
      this.subscribers.delete(push);
      signal?.removeEventListener('abort', onAbort);
    }
  }
}

/** Keeps the newest lines of a server log so failures can show them. */
export class LogTail {
  private readonly lines: string[] = [];
  private partial = '';
  private readonly listeners: ((line: string) => void)[] = [];

  constructor(private readonly max = 500, private readonly onLine: (line: string) => void = () => {}) {}

  write(chunk: string | Buffer): void {
    const parts = (this.partial + chunk.toString()).split(/\r?\n/);
    this.partial = parts.pop() ?? '';
    for (const l of parts) this.add(l);
  }

  flush(): void {
    if (this.partial) this.add(this.partial);
    this.partial = '';
  }

  tail(n = 40): string[] {
    return this.lines.slice(-n);
  }

  text(): string {
    return this.lines.join('\n');
  }

  /** Forget old lines, so a restart's failure is judged on its own log. */
  mark(): void {
    this.lines.length = 0;
  }

  /** Also call `fn` for each new line (runners watch for their own markers). */
  listen(fn: (line: string) => void): void {
    this.listeners.push(fn);
  }

  private add(line: string): void {
    this.lines.push(line);
    if (this.lines.length > this.max) this.lines.shift();
    this.onLine(line);
    for (const fn of this.listeners) fn(line);
  }
}
