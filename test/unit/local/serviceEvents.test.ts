import assert from 'node:assert/strict';
import { EventChannel, LogTail } from '../../../src/local/serviceEvents';

describe('service events and log tail', () => {
  it('splits chunks into lines, keeps the newest ones and forgets them at a mark', () => {
    const seen: string[] = [];
    const log = new LogTail(3, (l) => seen.push(l));
    log.write('a\nb');
    log.write('c\nd\ne\n');
    assert.deepEqual(seen, ['a', 'bc', 'd', 'e']);
    assert.deepEqual(log.tail(), ['bc', 'd', 'e']);
    log.mark();
    log.write('f');
    log.flush();
    assert.equal(log.text(), 'f');
  });

  it('hands events to every subscriber until the channel closes', async () => {
    const ch = new EventChannel<number>();
    const a = (async () => { const got: number[] = []; for await (const e of ch.subscribe()) got.push(e); return got; })();
    const b = (async () => { const got: number[] = []; for await (const e of ch.subscribe()) got.push(e); return got; })();
    await new Promise((r) => setImmediate(r));
    ch.emit(1);
    ch.emit(2);
    ch.close();
    assert.deepEqual(await a, [1, 2]);
    assert.deepEqual(await b, [1, 2]);
  });

  it('ends a subscription when its signal aborts', async () => {
    const ch = new EventChannel<number>();
    const ac = new AbortController();
    const sub = (async () => { const got: number[] = []; for await (const e of ch.subscribe(ac.signal)) got.push(e); return got; })();
    await new Promise((r) => setImmediate(r));
    ch.emit(7);
    ac.abort();
    assert.deepEqual(await sub, [7]);
  });
});
