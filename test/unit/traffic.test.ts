import assert from 'node:assert/strict';
import { effectiveTraffic, type EndpointVersion } from '../../src/core/traffic';

const weights = (versions: EndpointVersion[]) => {
  const r = effectiveTraffic(versions);
  assert.ok(r.ok, JSON.stringify(r));
  return Object.fromEntries(r.shares.map((s) => [s.name, s.weight]));
};

describe('endpoint traffic (the seed worked examples)', () => {
  it('1. versiona with 20 % is the first, so the default: it gets 100 %', () => {
    assert.deepEqual(weights([{ name: 'versiona', trafficPercentile: 20 }]), { versiona: 100 });
  });

  it('2. add versionb with 10 %: a = 20 + 70 = 90 %, b = 10 %', () => {
    assert.deepEqual(weights([{ name: 'versiona', trafficPercentile: 20 }, { name: 'versionb', trafficPercentile: 10 }]), { versiona: 90, versionb: 10 });
  });

  it('3. b to 40 %, is_default, control: a = 20 %, b = 40 + 40 = 80 %', () => {
    const versions = [{ name: 'versiona', trafficPercentile: 20 }, { name: 'versionb', trafficPercentile: 40, isDefault: true, isControl: true }];
    assert.deepEqual(weights(versions), { versiona: 20, versionb: 80 });
    const r = effectiveTraffic(versions);
    assert.ok(r.ok);
    assert.match(r.shares[1].explanation, /default \(is_default\): its own 40 % plus the 40 % no version claims = 80 %.*control/);
    assert.match(r.shares[0].explanation, /own traffic_percentile, 20 %.*treatment/);
  });

  it('4. delete b: a = 100 %', () => {
    assert.deepEqual(weights([{ name: 'versiona', trafficPercentile: 20 }]), { versiona: 100 });
  });

  it('rounds by largest remainder so integer weights sum to exactly 100', () => {
    const versions = [
      { name: 'a', trafficPercentile: 33.4 },
      { name: 'b', trafficPercentile: 33.3 },
      { name: 'c', trafficPercentile: 33.3 },
    ];
    const w = weights(versions);
    assert.deepEqual(w, { a: 34, b: 33, c: 33 });
    const six = Array.from({ length: 6 }, (_, i) => ({ name: `v${i}`, trafficPercentile: 16.6 }));
    const w6 = weights(six);
    assert.equal(Object.values(w6).reduce((a, b) => a + b, 0), 100);
    assert.ok(Object.values(w6).every((x) => x === 16 || x === 17));
  });

  it('enforces at most 6 versions, percentiles 0–100, one default, one control, ≤ 100 % claimed', () => {
    const bad = (versions: EndpointVersion[], says: RegExp) => {
      const r = effectiveTraffic(versions);
      assert.equal(r.ok, false);
      if (!r.ok) assert.ok(r.problems.some((p) => says.test(p)), r.problems.join('\n'));
    };
    bad(Array.from({ length: 7 }, (_, i) => ({ name: `v${i}` })), /at most 6 versions/);
    bad([{ name: 'a', trafficPercentile: 101 }], /between 0 and 100/);
    bad([{ name: 'a', trafficPercentile: -1 }], /between 0 and 100/);
    bad([{ name: 'a', isDefault: true }, { name: 'b', isDefault: true }], /one version can be the default/);
    bad([{ name: 'a', isControl: true }, { name: 'b', isControl: true }], /one version can be the control/);
    bad([{ name: 'a', trafficPercentile: 60 }, { name: 'b', trafficPercentile: 50 }], /claim 110 %/);
    bad([], /at least one version/);
    bad([{ name: 'a' }, { name: 'a' }], /appears twice/);
    assert.ok(effectiveTraffic(Array.from({ length: 6 }, (_, i) => ({ name: `v${i}` }))).ok);
  });
});
