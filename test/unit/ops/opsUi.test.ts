import assert from 'node:assert/strict';
import { LatestThrottle } from '../../../src/ui/ops/latestThrottle';
import { validateLineCount } from '../../../src/ui/ops/lineCount';
import { LogBatcher } from '../../../src/ui/ops/logBatcher';
import { chartGeometry } from '../../../webview/status/chart';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('ops UI: log batching, snapshot throttling, Get Logs input, replica chart', () => {
  it('LogBatcher appends in batches of about maxChars, then the rest after the interval, in order', async () => {
    const out: string[] = [];
    const b = new LogBatcher((t) => out.push(t), { maxChars: 20, intervalMs: 20 });
    for (let i = 0; i < 10; i++) b.add(`[r] line ${i}`);
    assert.ok(out.length >= 4, 'full batches went out at once');
    assert.ok(out.every((t) => t.length < 20 + 12));
    await sleep(60);
    assert.equal(out.join(''), Array.from({ length: 10 }, (_, i) => `[r] line ${i}\n`).join(''));
    assert.equal(b.lines, 10);
    b.add('last');
    b.dispose();
    assert.equal(out.at(-1), 'last\n');
  });

  it('LatestThrottle sends the first value at once and only the latest of a burst afterwards', async () => {
    // The throttle's clock is the test's, so a loaded machine's late timers cannot change what "a quiet spell" is.
    let clock = 0;
    const sent: number[] = [];
    const t = new LatestThrottle<number>(40, (v) => sent.push(v), () => clock);
    t.push(1);
    assert.deepEqual(sent, [1]);
    for (let i = 2; i <= 9; i++) t.push(i);
    assert.deepEqual(sent, [1]);
    while (sent.length < 2) await sleep(5);
    assert.deepEqual(sent, [1, 9]);
    clock += 1000;
    t.push(10);
    assert.deepEqual(sent, [1, 9, 10], 'after a quiet spell: at once');
    t.push(11);
    t.dispose();
    // Timers fire in order of expiry: had dispose not cleared the 40 ms one, it would have fired before this one.
    await sleep(60);
    assert.deepEqual(sent, [1, 9, 10], 'nothing after dispose');
  });

  it('Get Logs accepts a whole number of lines from 1 to 10,000', () => {
    assert.equal(validateLineCount('100'), undefined);
    assert.equal(validateLineCount(' 10000 '), undefined);
    assert.match(validateLineCount('0')!, /at least 1/);
    assert.match(validateLineCount('10001')!, /At most 10,000/);
    assert.match(validateLineCount('1.5')!, /whole number/);
    assert.match(validateLineCount('')!, /whole number/);
  });

  it('the chart draws replicas and ready as steps carried on to the snapshot time, bounds as lines', () => {
    const box = { width: 112, height: 120, left: 10, right: 2, top: 0, bottom: 20 };
    const history = [
      { time: '2026-01-01T00:00:00Z', replicas: 1, ready: 0 },
      { time: '2026-01-01T00:00:50Z', replicas: 3, ready: 1 },
    ];
    const g = chartGeometry(history, '2026-01-01T00:01:40Z', { min: 1, max: 4 }, box, (ms) => String(ms / 1000 % 3600));
    // x: 100 px for 100 s from x=10; y: 100 px for 0..5 (max 4 + headroom 1) from y=100 up.
    assert.equal(g.replicas, 'M10,80 H60 V40 H110');
    assert.equal(g.ready, 'M10,100 H60 V80 H110');
    assert.equal(g.min, 80);
    assert.equal(g.max, 20);
    assert.equal(g.points, 2);
    assert.deepEqual(g.xLabels.map((l) => l.label), ['0', '100']);
    assert.deepEqual(g.yTicks.map((t) => t.label), ['0', '2', '4']);
  });

  it('a fresh panel (one point) still spans a minute, ending now', () => {
    const g = chartGeometry([{ time: '2026-01-01T00:01:00Z', replicas: 2, ready: 2 }], '2026-01-01T00:01:00Z', {});
    assert.match(g.replicas, /^M(\d+(\.\d)?),\d+(\.\d)? H\1$/);
    assert.equal(chartGeometry([], '2026-01-01T00:01:00Z', {}).replicas, '');
  });
});
