import assert from 'node:assert/strict';
import { requiredReplicas } from '../../src/core/capacity';

describe('capacity (the seed formula)', () => {
  it("reproduces the seed's example: 20 rps, 10 s, 1 per container, 0.7 → 286 replicas", () => {
    const r = requiredReplicas({ targetRps: 20, secondsPerRequest: 10, maxConcurrentRequestsPerContainer: 1, targetUtilization: 0.7 });
    assert.ok(r.ok);
    assert.equal(r.replicas, 286);
    assert.ok(Math.abs(r.concurrentRequests - 285.714285) < 1e-5);
    assert.match(r.explanation, /286 replicas/);
  });

  it('divides by the requests a container takes at once, rounding up', () => {
    const r = requiredReplicas({ targetRps: 20, secondsPerRequest: 10, maxConcurrentRequestsPerContainer: 4, targetUtilization: 0.7 });
    assert.ok(r.ok);
    assert.equal(r.replicas, 72); // 285.71 / 4 = 71.4
  });

  it('does not add a replica for floating-point noise (7 × 1 ÷ 0.7 is 10, not 11)', () => {
    const r = requiredReplicas({ targetRps: 7, secondsPerRequest: 1, maxConcurrentRequestsPerContainer: 1, targetUtilization: 0.7 });
    assert.ok(r.ok);
    assert.equal(r.replicas, 10);
  });

  it('checks every input and says which one is wrong', () => {
    const r = requiredReplicas({ targetRps: 0, secondsPerRequest: Number.NaN, maxConcurrentRequestsPerContainer: 1.5, targetUtilization: 70 });
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.deepEqual(r.problems.map((p) => p.field), ['targetRps', 'secondsPerRequest', 'maxConcurrentRequestsPerContainer', 'targetUtilization']);
    assert.match(r.problems[3].message, /percentage: use 0\.7/);
  });
});
