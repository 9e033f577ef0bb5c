// Parsing and de-duplication of kubelet log lines requested with timestamps=true. The kubelet prefixes each line
// with an RFC3339Nano timestamp whose fraction has trailing zeros trimmed, so the strings do not sort as they are:
// timeKey() turns them into fixed-width keys that do.

/** One log line of one replica (pod). */
export interface LogLine {
  readonly replica: string;
  /** The kubelet's RFC3339Nano timestamp, as received. */
  readonly time: string;
  readonly text: string;
}

const tsPattern = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d)$/;
// Many consecutive lines share their second; remembering the last one saves a Date.parse per line.
let lastSecond = '';
let lastSecondKey = '';

/** A fixed-width key (epoch seconds + 9 fraction digits) that sorts like the instant; undefined if not a timestamp. */
export function timeKey(time: string): string | undefined {
  const m = tsPattern.exec(time);
  if (!m) return undefined;
  const second = m[1] + m[3];
  if (second !== lastSecond) {
    const ms = Date.parse(second);
    if (Number.isNaN(ms)) return undefined;
    lastSecond = second;
    lastSecondKey = String(ms / 1000).padStart(12, '0');
  }
  return `${lastSecondKey}.${(m[2] ?? '').padEnd(9, '0')}`;
}

/** Splits "2026-01-01T00:00:00.5Z text" into its timestamp and text; undefined when the line has no timestamp. */
export function parseTimestampedLine(raw: string): { time: string; key: string; text: string } | undefined {
  const sp = raw.indexOf(' ');
  const time = sp < 0 ? raw : raw.slice(0, sp);
  const key = timeKey(time);
  if (key === undefined) return undefined;
  return { time, key, text: sp < 0 ? '' : raw.slice(sp + 1) };
}

/**
 * Remembers where one replica's stream got to, so that a reconnect with `sinceTime` (which the API takes at one
 * second precision, inclusive) neither loses nor repeats lines: the replayed lines before the last seen instant are
 * dropped, and of the lines at exactly that instant, as many as were already delivered.
 */
export class LogBoundary {
  private lastKey = '';
  private lastTime: string | undefined;
  private deliveredAtLast = 0;
  private toSkipAtLast = 0;

  /** Call when a new connection starts delivering lines. */
  reconnected(): void {
    this.toSkipAtLast = this.deliveredAtLast;
  }

  /** True when the line is new and must be delivered. */
  accept(key: string, time: string): boolean {
    if (key < this.lastKey) return false;
    if (key === this.lastKey) {
      if (this.toSkipAtLast > 0) {
        this.toSkipAtLast -= 1;
        return false;
      }
      this.deliveredAtLast += 1;
      return true;
    }
    this.lastKey = key;
    this.lastTime = time;
    this.deliveredAtLast = 1;
    this.toSkipAtLast = 0;
    return true;
  }

  /** The `sinceTime` to reconnect with: the last seen instant, cut down to whole seconds; undefined before any line. */
  sinceTime(): string | undefined {
    if (!this.lastTime) return undefined;
    return new Date(Math.floor(Date.parse(this.lastTime.replace(/\.\d+/, '')) / 1000) * 1000).toISOString().replace('.000Z', 'Z');
  }
}

/** "[replica] text", the form the output channel, terminal and CLI show. */
export function formatLogLine(line: LogLine, options: { timestamps?: boolean } = {}): string {
  return options.timestamps ? `[${line.replica}] ${line.time} ${line.text}` : `[${line.replica}] ${line.text}`;
}
