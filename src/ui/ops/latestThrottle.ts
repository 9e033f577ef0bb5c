// Hands on at most one value per interval, always the latest: the first after a quiet spell at once, the rest of a
// burst coalesced into one at the end of the interval. Status snapshots reach the panel through it (≤ 10 per
// second), so a churning cluster cannot flood the webview. Pure (no vscode): the bench drives it.
/** The status panel's interval: at most 10 snapshots per second reach the webview (the latest of a burst). */
export const STATUS_POST_INTERVAL_MS = 100;

export class LatestThrottle<T> {
  private last = Number.NEGATIVE_INFINITY;
  private pending: { value: T } | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;

  constructor(
    private readonly intervalMs: number,
    private readonly send: (value: T) => void,
    private readonly now: () => number = () => performance.now(),
  ) {}

  push(value: T): void {
    if (this.disposed) return;
    this.pending = { value };
    if (this.timer) return;
    const wait = this.last + this.intervalMs - this.now();
    if (wait <= 0) this.fire();
    else this.timer = setTimeout(() => this.fire(), wait);
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = undefined;
  }

  private fire(): void {
    this.timer = undefined;
    const p = this.pending;
    if (!p || this.disposed) return;
    this.pending = undefined;
    this.last = this.now();
    this.send(p.value);
  }
}
