import assert from 'node:assert/strict';
import { BoundedQueue } from '../../../src/kube/logs/boundedQueue';
import { LogBoundary, formatLogLine, parseTimestampedLine, timeKey } from '../../../src/kube/logs/logLine';

describe('ops: log line parsing and de-duplication', () => {
  it('parses the kubelet RFC3339Nano prefix, with trimmed fractions sorting as instants', () => {
    assert.deepEqual(parseTimestampedLine('2026-11-27T16:00:01.5Z hello world')?.text, 'hello world');
    assert.equal(parseTimestampedLine('2026-11-27T16:00:01Z')?.text, '');
    assert.equal(parseTimestampedLine('no timestamp here'), undefined);
    const keys = ['2026-11-27T16:00:01.5Z', '2026-11-27T16:00:01.123456789Z', '2026-11-27T16:00:01Z', '2026-11-27T16:00:02.01Z'].map((t) => timeKey(t));
    assert.deepEqual([...keys].sort(), [keys[2], keys[1], keys[0], keys[3]]);
    assert.equal(timeKey('2026-11-27T17:00:01+01:00'), timeKey('2026-11-27T16:00:01Z'));
  });

  it('on reconnect drops replayed lines before the last instant and as many at it as were delivered', () => {
    const b = new LogBoundary();
    const feed = (lines: string[]) => lines.filter((l) => {
      const p = parseTimestampedLine(l)!;
      return b.accept(p.key, p.time);
    });
    assert.deepEqual(feed(['2026-01-01T00:00:00.1Z a', '2026-01-01T00:00:00.2Z b', '2026-01-01T00:00:00.2Z c']), [
      '2026-01-01T00:00:00.1Z a', '2026-01-01T00:00:00.2Z b', '2026-01-01T00:00:00.2Z c',
    ]);
    assert.equal(b.sinceTime(), '2026-01-01T00:00:00Z');
    b.reconnected();
    // The server replays from the start of the second: a, b, c again, then a fourth line at the same instant.
    assert.deepEqual(feed(['2026-01-01T00:00:00.1Z a', '2026-01-01T00:00:00.2Z b', '2026-01-01T00:00:00.2Z c', '2026-01-01T00:00:00.2Z d', '2026-01-01T00:00:01Z e']), [
      '2026-01-01T00:00:00.2Z d', '2026-01-01T00:00:01Z e',
    ]);
  });

  it('has no sinceTime before any line and formats lines with the replica', () => {
    assert.equal(new LogBoundary().sinceTime(), undefined);
    assert.equal(formatLogLine({ replica: 'svc-1', time: 't', text: 'x' }), '[svc-1] x');
    assert.equal(formatLogLine({ replica: 'svc-1', time: 't', text: 'x' }, { timestamps: true }), '[svc-1] t x');
  });

  it('bounded queue: push asks the producer to wait when full, and frees it when the consumer takes', async () => {
    const q = new BoundedQueue<number>(2);
    assert.equal(q.push(1), undefined);
    const wait = q.push(2);
    assert.ok(wait instanceof Promise);
    let released = false;
    void wait.then(() => (released = true));
    const it = q[Symbol.asyncIterator]();
    assert.deepEqual(await it.next(), { value: 1, done: false });
    await Promise.resolve();
    assert.equal(released, true);
    q.close();
    assert.deepEqual(await it.next(), { value: 2, done: false });
    assert.equal((await it.next()).done, true);
  });
});
