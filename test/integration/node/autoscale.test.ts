// Autoscaling for real: the sample's real image on the real node, its HPA fed by the real metrics-server (which
// scrapes the real kubelet), CPU load on /score through the API server's service proxy. The HPA scales up at
// once and back down only after the scale-down window our manifests set (60 s); the status engine the panel,
// the tree and the CLI use (src/kube/status) is checked at each step.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULT_AUTH_PROXY_IMAGE } from '../../../src/core/manifests/names';
import { deployService, formatStatusHuman, summaryLine, watchServiceStatus, type ServiceStatusSnapshot } from '../../../src/kube';
import { startDockerEngine, type DockerEngine } from '../../support/dockerEngine';
import { useKubeTestEnv } from '../../support/kubeTestEnv';
import { startLocalRegistry, type LocalRegistry } from '../../support/localRegistry';
import { planAutoscaledSample } from '../../support/autoscaleSample';
import { publishSample, type PlannedSample } from '../../support/realNodeHelpers';
import { startScoreLoad } from '../../support/scoreLoad';
import { followStatus } from '../../support/statusFollower';
import { prepareSample, type SampleModel } from '../local/sampleModel';

/** The scale-down stabilization window our HPA manifest sets (src/core/manifests/workload.ts). */
const SCALE_DOWN_WINDOW_MS = 60_000;

const hasCondition = (s: ServiceStatusSnapshot, type: string, reason: string) => s.conditions.some((c) => c.type === type && c.reason === reason && c.status === 'True');

describe('real node: the HPA scales the model on real CPU load (metrics-server, kubelet) and the status follows', function () {
  this.timeout(1_800_000);
  // The service proxy needs EndpointSlices of the model's Service: kube-testenv's endpointslice controller makes them.
  const env = useKubeTestEnv({ metricsServer: true });
  let engine: DockerEngine;
  let registry: LocalRegistry;
  let sample: SampleModel;
  let planned: PlannedSample;
  let image: string;
  const namespace = 'autoscale';
  const storageDir = mkdtempSync(path.join(tmpdir(), 'aks-autoscale-'));

  before(async () => {
    engine = startDockerEngine();
    registry = await startLocalRegistry();
    env().node!.trustPlainHttpRegistry(registry.address);
    sample = await prepareSample();
    planned = planAutoscaledSample(sample.dir, engine.baseImage);
    image = await publishSample(planned.spec, registry.address, engine.host, storageDir);
  });
  after(async () => {
    await registry?.stop();
  });

  it('scales up at once under load on /score, down after the 60 s window; replicas, utilization and conditions are shown', async () => {
    const kc = env().kubeConfig;
    const service = planned.plan.serviceName;
    assert.deepEqual(planned.plan.scaling, { mode: 'autoscale', minReplicas: 1, maxReplicas: 3, targetUtilization: 30, refreshPeriodInSeconds: 1 });
    const progress = deployService(kc, { plan: planned.plan, serviceName: service, namespace, image, authProxyImage: DEFAULT_AUTH_PROXY_IMAGE, createNamespace: true }, { timeoutMs: 600_000 });
    for await (const step of progress) void step;

    const ac = new AbortController();
    const status = followStatus(watchServiceStatus(kc, { namespace, service, signal: ac.signal, maxEvents: 30 }));
    const log = (m: string) => console.log(`      ${m}`);
    try {
      // Idle: one replica, a real utilization figure under the target, the HPA reading its metric.
      const idle = await status.until((s) => s.replicas.ready === 1 && s.utilization?.current !== undefined && hasCondition(s, 'ScalingActive', 'ValidMetricFound'), 'an idle replica with a CPU figure', 300_000);
      assert.deepEqual({ min: idle.replicas.min, max: idle.replicas.max, target: idle.utilization?.target, resource: idle.utilization?.resource }, { min: 1, max: 3, target: 30, resource: 'cpu' });
      assert.ok(idle.utilization!.current! < 30, formatStatusHuman(idle));
      assert.match(summaryLine(idle), /^1\/1 ready · 1–3 · \d+%\/30%$/);
      assert.match(formatStatusHuman(idle), /Autoscaling is active: the utilization metric is being read\./);
      log(`idle: ${summaryLine(idle)}`);

      const started = Date.now();
      const load = await startScoreLoad(kc, { namespace, servicePort: `${service}:http`, body: sample.request, concurrency: 3, maxDurationMs: 900_000 });
      let result;
      let upDecided: ServiceStatusSnapshot;
      let upReady: ServiceStatusSnapshot;
      try {
        // Eager: the HPA asks for more replicas as soon as the metric shows the load (no scale-up window).
        upDecided = await status.until((s) => s.replicas.desired > 1, 'the HPA asking for more replicas', 300_000);
        log(`scale-up decided after ${((Date.now() - started) / 1000).toFixed(1)} s: ${summaryLine(upDecided)}`);
        upReady = await status.until((s) => s.replicas.current === 3 && s.replicas.ready === 3, 'three ready replicas', 600_000);
        log(`3 replicas ready after ${((Date.now() - started) / 1000).toFixed(1)} s: ${summaryLine(upReady)}`);
      } finally {
        result = await load.stop();
      }
      const stopped = Date.now();
      log(`load: ${result.ok} requests answered 200, ${result.failed} failed ${result.errors.join(' | ')}`);
      assert.ok(result.ok > 0);
      assert.equal(result.failed, 0, result.errors.join('\n'));

      // The load was real CPU on the replica: the HPA saw utilization above its target.
      assert.ok(status.seen().some((s) => (s.utilization?.current ?? 0) > 30), status.summaries().join('\n'));
      assert.match(formatStatusHuman(upReady), /replicas {2}current 3, desired 3, ready 3, min 1, max 3/);
      assert.equal(upReady.pods.filter((p) => p.ready).length, 3);
      // Recent events as the panel lists them, in any snapshot since the load began (pod events follow it).
      const rescaled = status.seen().flatMap((s) => s.events).find((e) => e.reason === 'SuccessfulRescale' && /New size: [23]/.test(e.message));
      assert.ok(rescaled, JSON.stringify(upReady.events, null, 1));
      assert.match(rescaled.message, /cpu resource utilization \(percentage of request\) above target/);

      // Load gone: the HPA holds the replicas for the window, says so, then scales down to the minimum.
      const held = await status.until((s) => hasCondition(s, 'AbleToScale', 'ScaleDownStabilized'), 'the scale-down being held back', 300_000);
      assert.equal(held.replicas.current, 3);
      assert.match(formatStatusHuman(held), /holds back a scale-down until the load has stayed low for the stabilization window/);
      const down = await status.until((s) => s.replicas.current === 1 && s.replicas.desired === 1, 'one replica again', 600_000);
      const downAfter = Date.now() - stopped;
      log(`scaled down to 1 after ${(downAfter / 1000).toFixed(1)} s without load: ${summaryLine(down)}`);
      // The window counts from the last high recommendation, which comes after the load stopped (metrics lag).
      assert.ok(downAfter >= SCALE_DOWN_WINDOW_MS - 1000, `scaled down ${downAfter} ms after the load stopped, inside the ${SCALE_DOWN_WINDOW_MS} ms window`);
      assert.match(summaryLine(down), /^1\/1 ready · 1–3 · \d+%\/30%$/);
      // The chart's history: 1, up to 3, back to 1.
      const counts = down.history.map((p) => p.replicas);
      assert.equal(counts[counts.length - 1], 1);
      assert.ok(counts.includes(3), counts.join(','));
      assert.ok(counts.indexOf(3) > counts.indexOf(1), counts.join(','));
    } finally {
      ac.abort();
      await status.done;
    }
  });
});
