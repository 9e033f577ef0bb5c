// Follows a status snapshot stream (watchServiceStatus) in the background, so a test can wait for a condition on
// it several times in a row and say, when a wait fails, what it saw.
import { summaryLine } from '../../src/kube/status/format';
import type { ServiceStatusSnapshot } from '../../src/kube/status/model';

export interface StatusFollower {
  /** Resolves with the first snapshot (the latest one, or a later one) that satisfies `pred`. */
  until(pred: (s: ServiceStatusSnapshot) => boolean, what: string, timeoutMs: number): Promise<ServiceStatusSnapshot>;
  /** Every snapshot seen so far, oldest first (bounded). */
  seen(): readonly ServiceStatusSnapshot[];
  /** Their summary lines with times, for a failure message. */
  summaries(): string[];
  /** Settles when the stream ends (abort its signal). */
  readonly done: Promise<void>;
}

export function followStatus(stream: AsyncGenerator<ServiceStatusSnapshot>, keep = 2000): StatusFollower {
  const all: ServiceStatusSnapshot[] = [];
  const waiters = new Set<() => void>();
  let ended: unknown;
  let finished = false;
  const done = (async () => {
    try {
      for await (const s of stream) {
        all.push(s);
        if (all.length > keep) all.shift();
        for (const w of [...waiters]) w();
      }
    } catch (e) {
      ended = e;
    } finally {
      finished = true;
      for (const w of [...waiters]) w();
    }
  })();
  const summaries = () => all.map((s) => `${s.at} ${summaryLine(s)} desired ${s.replicas.desired} ${s.conditions.map((c) => `${c.type}=${c.status}/${c.reason ?? ''}`).join(' ')}`);
  return {
    seen: () => all,
    summaries,
    done,
    until(pred, what, timeoutMs) {
      const latest = all[all.length - 1];
      if (latest && pred(latest)) return Promise.resolve(latest);
      return new Promise((resolve, reject) => {
        const check = () => {
          const s = all[all.length - 1];
          if (s && pred(s)) {
            clear();
            resolve(s);
          } else if (finished) {
            clear();
            reject(new Error(`status stream ended (${String(ended ?? 'aborted')}) before ${what}; seen:\n${summaries().slice(-30).join('\n')}`));
          }
        };
        const timer = setTimeout(() => {
          clear();
          reject(new Error(`no ${what} within ${timeoutMs} ms; last snapshots:\n${summaries().slice(-30).join('\n')}`));
        }, timeoutMs);
        const clear = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
  };
}
