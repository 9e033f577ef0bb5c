// Lines on their way to an output channel, appended in batches: one append per ~64 KB or per 100 ms instead of
// one per line (each append crosses to VS Code's output service). Holds at most one batch, so memory stays
// bounded whatever the rate; the channel itself is bounded by VS Code. Pure (no vscode): the bench drives it.
export interface LogBatcherOptions {
  /** Flush as soon as this many characters wait (default 64 Ki). */
  readonly maxChars?: number;
  /** Flush what waits after this long (default 100 ms). */
  readonly intervalMs?: number;
}

export class LogBatcher {
  private buffer = '';
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly maxChars: number;
  private readonly intervalMs: number;
  /** Lines handed to add() so far. */
  lines = 0;

  constructor(private readonly sink: (text: string) => void, options: LogBatcherOptions = {}) {
    this.maxChars = options.maxChars ?? 64 * 1024;
    this.intervalMs = options.intervalMs ?? 100;
  }

  add(line: string): void {
    this.buffer += `${line}\n`;
    this.lines += 1;
    if (this.buffer.length >= this.maxChars) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), this.intervalMs);
  }

  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.buffer) return;
    const text = this.buffer;
    this.buffer = '';
    this.sink(text);
  }

  /** Flushes what waits; later add()s still work (the owner stops calling them). */
  dispose(): void {
    this.flush();
  }
}
