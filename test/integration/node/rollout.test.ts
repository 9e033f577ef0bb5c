// Rollouts on the real node while a client keeps calling the Service: a new version takes over without a failed
// request, and a broken version never takes traffic (the old one keeps serving). Requests go through the API
// server's service proxy, which routes by the Service's EndpointSlices to ready pod IPs: real endpoint routing
// (no kube-proxy runs here, so ClusterIPs do not route; see realNodeHelpers.viaServiceProxy).
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULT_AUTH_PROXY_IMAGE } from '../../../src/core/manifests/names';
import { deployService, KubeDeployError } from '../../../src/kube/deploy';
import { startDockerEngine, type DockerEngine } from '../../support/dockerEngine';
import { useKubeTestEnv } from '../../support/kubeTestEnv';
import { startLocalRegistry, type LocalRegistry } from '../../support/localRegistry';
import { planSample, publishSample, readyPods, sampleVariant, viaServiceProxy, type PlannedSample } from '../../support/realNodeHelpers';
import { prepareSample, withFailingInit, type SampleModel } from '../local/sampleModel';

interface Tally {
  total: number;
  failed: number;
  byVersion: Map<string, number>;
  failures: string[];
}

describe('real node: rollouts under a request loop through the Service (API server service proxy)', function () {
  this.timeout(1_800_000);
  const env = useKubeTestEnv({ node: true });
  let engine: DockerEngine;
  let registry: LocalRegistry;
  let sample: SampleModel;
  const namespace = 'node-rollout';
  const service = 'rolling';
  const storageDir = mkdtempSync(path.join(tmpdir(), 'aks-node-rollout-'));

  before(async () => {
    engine = startDockerEngine();
    registry = await startLocalRegistry();
    env().node!.trustPlainHttpRegistry(registry.address);
    sample = await prepareSample();
  });
  after(async () => {
    await registry?.stop();
  });

  // Each version answers with its own marker, so the loop sees which one served every request.
  const version = (marker: string) =>
    sampleVariant(sample.dir, { score: (t) => t.replace(/return \{"predictions": predictions, (.*)\}$/m, `return {"predictions": predictions, $1, "version": "${marker}"}`) });
  const deploy = async (p: PlannedSample, image: string) => {
    for await (const step of deployService(env().kubeConfig, { plan: { ...p.plan, serviceName: service }, serviceName: service, namespace, image, authProxyImage: DEFAULT_AUTH_PROXY_IMAGE, createNamespace: true }, { timeoutMs: 600_000 })) void step;
  };
  const publish = async (dir: string) => {
    const p = planSample(dir, engine.baseImage, false);
    return { p, image: await publishSample(p.spec, registry.address, engine.host, storageDir) };
  };

  /** Two clients calling /score back to back until stopped; every answer is checked and counted. */
  const requestLoop = (t: Tally) => {
    let running = true;
    const client = async () => {
      while (running) {
        t.total += 1;
        try {
          const r = await viaServiceProxy(env().kubeConfig, namespace, service, 80, '/score', sample.request, AbortSignal.timeout(60_000));
          const body = JSON.parse(r.body) as { predictions?: number[]; version?: string };
          if (r.status !== 200 || JSON.stringify(body.predictions) !== '[0,2]') throw new Error(`HTTP ${r.status}: ${r.body.slice(0, 300)}`);
          t.byVersion.set(body.version ?? '?', (t.byVersion.get(body.version ?? '?') ?? 0) + 1);
        } catch (e) {
          t.failed += 1;
          if (t.failures.length < 10) t.failures.push(`${new Date().toISOString()} ${e instanceof Error ? e.message : String(e)}`);
        }
      }
    };
    const clients = [client(), client()];
    return async () => {
      running = false;
      await Promise.all(clients);
    };
  };
  const waitFor = async (t: Tally, marker: string, count: number) => {
    const start = t.byVersion.get(marker) ?? 0;
    const deadline = Date.now() + 120_000;
    while ((t.byVersion.get(marker) ?? 0) < start + count) {
      if (Date.now() > deadline) throw new Error(`no ${count} answers from ${marker} in 120 s: ${JSON.stringify([...t.byVersion])}, failures ${t.failures.join(' | ')}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  };
  const show = (what: string, t: Tally) =>
    console.log(`      ${what}: ${t.total} requests, ${t.failed} failed; answered by ${[...t.byVersion].map(([v, n]) => `${v}: ${n}`).join(', ')}${t.failures.length ? `\n        failures: ${t.failures.join('\n        ')}` : ''}`);

  it('v1 → v2 with no failed request, then a broken v3 keeps v2 serving with no failed request', async () => {
    const v1 = await publish(version('v1'));
    const v2 = await publish(version('v2'));
    const broken = withFailingInit(sample);
    const v3 = await publish(broken.spec.sourceDirectory);
    await deploy(v1.p, v1.image);
    // The Service routes as soon as the endpoint controllers list the ready pod.
    const first = await viaServiceProxy(env().kubeConfig, namespace, service, 80, '/score', sample.request);
    assert.equal(first.status, 200, first.body);

    const update: Tally = { total: 0, failed: 0, byVersion: new Map(), failures: [] };
    let stop = requestLoop(update);
    try {
      await waitFor(update, 'v1', 5);
      await deploy(v2.p, v2.image);
      // The rollout is complete: the old pod is gone from the endpoints, every new request lands on v2.
      await waitFor(update, 'v2', 20);
    } finally {
      await stop();
    }
    show('rollout v1 → v2', update);
    const pods = await readyPods(env().kubeConfig, namespace, service);
    assert.equal(pods.length, 1);
    assert.ok(pods[0].spec?.containers[0]?.image === v2.image, pods[0].spec?.containers[0]?.image);

    const failing: Tally = { total: 0, failed: 0, byVersion: new Map(), failures: [] };
    stop = requestLoop(failing);
    try {
      await waitFor(failing, 'v2', 5);
      const err = await deploy(v3.p, v3.image).then(() => undefined, (e: unknown) => e);
      assert.ok(err instanceof KubeDeployError, `the broken rollout should fail, got ${String(err)}`);
      assert.equal(err.kind, 'rolloutFailed', err.message);
      assert.match(err.message, /previous version keeps serving/, err.message);
      await waitFor(failing, 'v2', 20);
    } finally {
      await stop();
    }
    show('broken rollout v2 → v3', failing);
    assert.deepEqual([...failing.byVersion.keys()], ['v2'], 'only v2 answered while v3 crashed');
    assert.equal(update.failed, 0, `failed requests during v1 → v2: ${update.failures.join(' | ')}`);
    assert.equal(failing.failed, 0, `failed requests during the broken rollout: ${failing.failures.join(' | ')}`);
    assert.ok((update.byVersion.get('v1') ?? 0) > 0 && (update.byVersion.get('v2') ?? 0) > 0);
  });
});
