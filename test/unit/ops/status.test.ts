import assert from 'node:assert/strict';
import type { V1Deployment, V1Pod, V2HorizontalPodAutoscaler } from '@kubernetes/client-node';
import { conditionWords } from '../../../src/kube/status/conditions';
import { formatStatusHuman, formatStatusJson, summaryLine } from '../../../src/kube/status/format';
import { buildSnapshot, extendHistory } from '../../../src/kube/status/model';

const deployment: V1Deployment = { metadata: { name: 'svc' }, spec: { replicas: 3, selector: {}, template: {} }, status: { replicas: 3, readyReplicas: 3 } };
const hpa: V2HorizontalPodAutoscaler = {
  metadata: { name: 'svc' },
  spec: { minReplicas: 2, maxReplicas: 10, scaleTargetRef: { kind: 'Deployment', name: 'svc' }, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }] },
  status: {
    currentReplicas: 3,
    desiredReplicas: 3,
    currentMetrics: [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 45 } } }],
    conditions: [{ type: 'ScalingLimited', status: 'True', reason: 'TooManyReplicas', message: 'the desired replica count is more than the maximum replica count', lastTransitionTime: new Date() }],
  },
};
const pending: V1Pod = {
  metadata: { name: 'svc-abc-1' },
  status: { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: '0/3 nodes are available: 3 Insufficient cpu.' }] },
};
const base = { namespace: 'ns', service: 'svc', at: new Date('2026-01-01T00:00:00Z'), live: true, events: [], history: [] };

describe('ops: status model, condition wording and summary line', () => {
  it('summary line reads ready/current · min–max · current%/target%', () => {
    const s = buildSnapshot({ ...base, deployments: [deployment], hpas: [hpa], pods: [] });
    assert.equal(summaryLine(s), '3/3 ready · 2–10 · 45%/70%');
    assert.equal(summaryLine(buildSnapshot({ ...base, deployments: [], hpas: [], pods: [] })), 'not deployed');
    assert.equal(summaryLine(buildSnapshot({ ...base, live: false, deployments: [deployment], hpas: [], pods: [pending] })), '3/3 ready · 1 pending · reconnecting…');
  });

  it('counts container restarts per replica and says why the last one ended', () => {
    const restarted: V1Pod = {
      metadata: { name: 'svc-abc-2' },
      status: {
        phase: 'Running',
        conditions: [{ type: 'Ready', status: 'True' }],
        containerStatuses: [
          { name: 'model', image: 'i', imageID: '', ready: true, restartCount: 2, lastState: { terminated: { exitCode: 137, reason: 'Error', finishedAt: new Date('2026-01-01T00:01:00Z') } } },
          { name: 'auth-proxy', image: 'p', imageID: '', ready: true, restartCount: 1, lastState: { terminated: { exitCode: 2, reason: 'Error', finishedAt: new Date('2026-01-01T00:00:10Z') } } },
        ],
      },
    };
    const s = buildSnapshot({ ...base, deployments: [deployment], hpas: [], pods: [restarted] });
    assert.deepEqual(s.pods, [{ name: 'svc-abc-2', phase: 'Running', ready: true, restarts: 3, lastRestart: 'model: Error, exit code 137' }]);
    assert.equal(summaryLine(s), '3/3 ready · 3 restarts');
    assert.match(formatStatusHuman(s), /replica {3}svc-abc-2 {2}Running, ready, restarted 3× \(last: model: Error, exit code 137\)/);
  });

  it('words HPA conditions plainly, with the message when the reason is unknown', () => {
    assert.match(conditionWords('ScalingLimited', 'True', 'TooManyReplicas'), /maximum/);
    assert.match(conditionWords('ScalingActive', 'False', 'FailedGetResourceMetric'), /cannot read CPU/);
    assert.equal(conditionWords('AbleToScale', 'False', 'SomethingNew', 'quota exceeded'), 'Able to scale: no (quota exceeded).');
  });

  it('lists pending pods with the scheduler reason, snapshots are frozen, history is bounded and skips repeats', () => {
    const s = buildSnapshot({ ...base, deployments: [deployment], hpas: [hpa], pods: [pending] });
    assert.deepEqual(s.pending, [{ name: 'svc-abc-1', reason: 'Unschedulable', message: '0/3 nodes are available: 3 Insufficient cpu.' }]);
    assert.ok(Object.isFrozen(s) && Object.isFrozen(s.replicas) && Object.isFrozen(s.pending[0]));
    let h = extendHistory([], { time: 't0', replicas: 1, ready: 1 }, 3);
    h = extendHistory(h, { time: 't1', replicas: 1, ready: 1 }, 3);
    assert.equal(h.length, 1);
    for (let n = 2; n < 6; n++) h = extendHistory(h, { time: `t${n}`, replicas: n, ready: n }, 3);
    assert.deepEqual(h.map((p) => p.replicas), [3, 4, 5]);
  });

  it('formats for humans and as JSON', () => {
    const s = buildSnapshot({ ...base, deployments: [deployment], hpas: [hpa], pods: [pending] });
    const human = formatStatusHuman(s);
    assert.match(human, /^svc \(ns\): 3\/3 ready · 2–10 · 45%\/70% · 1 pending/);
    assert.match(human, /pending   svc-abc-1: Unschedulable – 0\/3 nodes/);
    assert.match(human, /scaling   Held at the maximum/);
    const json = JSON.parse(formatStatusJson(s)) as { summary: string; replicas: { max: number } };
    assert.equal(json.replicas.max, 10);
    assert.equal(json.summary, summaryLine(s));
  });
});
