// Issue 15: events posted before a webview was ready were dropped, and a re-shown panel started from the state it
// had when it opened (after Save, hiding and showing the traffic form showed the old shares).
import assert from 'node:assert/strict';
import type { HostMessage } from '../../../src/contract/panelProtocol';
import { PanelChannel } from '../../../src/ui/webviews/panelChannel';

interface Contract {
  initialState: { shares: string };
  requests: Record<string, never>;
  events: { status: number; line: string };
}

function channel(opts: { latestOnly?: ('status' | 'line')[]; pageGone?: () => boolean } = {}) {
  const sent: HostMessage<Contract>[] = [];
  let shares = '100';
  const ch = new PanelChannel<Contract>({
    state: () => ({ shares }),
    send: (m) => {
      if (opts.pageGone?.()) return Promise.resolve(false);
      sent.push(m);
      return Promise.resolve(true);
    },
    latestOnly: opts.latestOnly,
  });
  return { ch, sent, setShares: (s: string) => (shares = s), shown: () => sent.map((m) => (m.kind === 'init' ? `init ${m.state.shares}` : m.kind === 'event' ? `${m.name} ${String(m.payload)}` : m.kind)) };
}

describe('PanelChannel: what a webview panel receives', () => {
  it('queues events until the page is ready, then sends init first and the events in order', async () => {
    const { ch, shown } = channel();
    ch.post('line', 'a');
    ch.post('status', 1);
    assert.deepEqual(shown(), [], 'nothing reaches a page that is still loading');
    await ch.onReady();
    assert.deepEqual(shown(), ['init 100', 'line a', 'status 1']);
    ch.post('line', 'b');
    await Promise.resolve();
    assert.deepEqual(shown().slice(-1), ['line b'], 'delivered at once once ready');
  });

  it('after a hide and show the page gets the current state, then what was posted while hidden', async () => {
    const { ch, shown, setShares } = channel();
    await ch.onReady();
    ch.onHidden();
    setShares('a 30, b 70'); // saved while hidden
    ch.post('line', 'while hidden');
    assert.deepEqual(shown(), ['init 100']);
    await ch.onReady(); // the re-shown page says ready again
    assert.deepEqual(shown(), ['init 100', 'init a 30, b 70', 'line while hidden']);
    assert.equal(ch.loads, 2);
  });

  it('keeps only the newest queued payload of a latest-only event', async () => {
    const { ch, shown } = channel({ latestOnly: ['status'] });
    for (let i = 1; i <= 1000; i++) ch.post('status', i);
    ch.post('line', 'x');
    await ch.onReady();
    assert.deepEqual(shown(), ['init 100', 'status 1000', 'line x']);
  });

  it('an event the page could not take (it went away) is kept for its next load', async () => {
    let gone = false;
    const { ch, shown } = channel({ pageGone: () => gone });
    await ch.onReady();
    gone = true;
    ch.post('line', 'lost?');
    await new Promise((r) => setImmediate(r));
    gone = false;
    await ch.onReady();
    assert.deepEqual(shown(), ['init 100', 'init 100', 'line lost?']);
  });

  it('an event posted while the queue is flushed is delivered too', async () => {
    const { ch, shown } = channel();
    ch.post('line', 'first');
    const ready = ch.onReady();
    ch.post('line', 'during');
    await ready;
    assert.deepEqual(shown(), ['init 100', 'line first', 'line during']);
  });
});
