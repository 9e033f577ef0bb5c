// The model running on a real node (kube-testenv --node: containerd + runc + CNI bridge + the real kubelet): the
// sample's real image, built by the private dockerd and pushed to a real local registry, deployed by the real
// engine with auth off; the pod becomes Ready through the real readiness probe and POST /score through a real
// port-forward (API server -> kubelet -> containerd) returns the model's predictions.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULT_AUTH_PROXY_IMAGE, SCORING_PORT } from '../../../src/core/manifests/names';
import { deployService, KubeDeployError } from '../../../src/kube/deploy';
import { getServiceLogs } from '../../../src/kube/logs/streamLogs';
import { startDockerEngine, type DockerEngine } from '../../support/dockerEngine';
import { useKubeTestEnv } from '../../support/kubeTestEnv';
import { startLocalRegistry, type LocalRegistry } from '../../support/localRegistry';
import { planSample, portForward, publishSample, readyPods, type PlannedSample } from '../../support/realNodeHelpers';
import { prepareSample, type SampleModel } from '../local/sampleModel';

describe('real node: the sample model runs, is Ready and scores through a port-forward', function () {
  this.timeout(1_200_000);
  const env = useKubeTestEnv({ node: true });
  let engine: DockerEngine;
  let registry: LocalRegistry;
  let sample: SampleModel;
  let planned: PlannedSample;
  let image: string;
  const namespace = 'real-node';
  const storageDir = mkdtempSync(path.join(tmpdir(), 'aks-realnode-'));

  before(async () => {
    engine = startDockerEngine();
    registry = await startLocalRegistry();
    env().node!.trustPlainHttpRegistry(registry.address);
    sample = await prepareSample();
    planned = planSample(sample.dir, engine.baseImage, false);
    image = await publishSample(planned.spec, registry.address, engine.host, storageDir);
  });
  after(async () => {
    await registry?.stop();
  });

  it('deploys with auth off: Running and Ready through the readiness probe, /score answers with predictions', async () => {
    const kc = env().kubeConfig;
    const service = planned.plan.serviceName;
    assert.equal(planned.plan.auth.mode, 'none');
    const progress = deployService(kc, { plan: planned.plan, serviceName: service, namespace, image, authProxyImage: DEFAULT_AUTH_PROXY_IMAGE, createNamespace: true }, { timeoutMs: 600_000 });
    for await (const step of progress) void step;

    const pods = await readyPods(kc, namespace, service);
    assert.equal(pods.length, 1);
    const pod = pods[0];
    assert.equal(pod.status?.phase, 'Running');
    assert.equal(pod.spec?.nodeName, env().node!.name);
    assert.match(pod.status?.podIP ?? '', /^10\.244\.\d+\.\d+$/);
    const model = pod.status?.containerStatuses?.find((c) => c.name === 'model');
    assert.equal(model?.ready, true);
    assert.match(model?.imageID ?? '', /sha256:[0-9a-f]{64}/);
    // The readiness probe is what made it Ready: the kubelet's probe is an HTTP GET on the scoring port.
    assert.equal(pod.spec?.containers.find((c) => c.name === 'model')?.readinessProbe?.httpGet?.port, SCORING_PORT);

    const fwd = await portForward(kc, namespace, pod.metadata!.name!, SCORING_PORT);
    try {
      const health = await fetch(`${fwd.url}/`);
      assert.equal(health.status, 200);
      assert.match(await health.text(), /Healthy/);
      const res = await fetch(`${fwd.url}/score`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: sample.request });
      const body = await res.text();
      assert.equal(res.status, 200, body);
      assert.deepEqual((JSON.parse(body) as { predictions: number[] }).predictions, [0, 2]);
    } finally {
      await fwd.close();
    }
  });

  it('reads the real container output through the API server and the kubelet', async () => {
    const kc = env().kubeConfig;
    const service = planned.plan.serviceName;
    const lines = await getServiceLogs(kc, { namespace, service, tailLines: 200, signal: AbortSignal.timeout(60_000) });
    const text = lines.map((l) => l.text).join('\n');
    // azmlinfsrv's own start-up banner and the request it served above.
    assert.match(text, /Azure ML Inferencing HTTP server/i, text.slice(-3000));
    assert.ok(lines.every((l) => l.replica.startsWith(`${service}-`)), JSON.stringify(lines.slice(0, 3)));
  });

  const deployFailure = async (p: PlannedSample, img: string): Promise<KubeDeployError> => {
    const progress = deployService(env().kubeConfig, { plan: p.plan, serviceName: p.plan.serviceName, namespace, image: img, authProxyImage: DEFAULT_AUTH_PROXY_IMAGE, createNamespace: true }, { timeoutMs: 600_000 });
    const err = await (async () => {
      for await (const step of progress) void step;
    })().then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof KubeDeployError, `expected the rollout to fail, got ${String(err)}`);
    return err;
  };

  it('an unpullable image: ImagePullBackOff explained, naming the image', async () => {
    const p = planSample(sample.dir, engine.baseImage, false);
    const missing = `${registry.address}/no-such-model:1`;
    const err = await deployFailure({ ...p, plan: { ...p.plan, serviceName: 'unpullable' } }, missing);
    assert.equal(err.kind, 'rolloutFailed', err.message);
    assert.ok(err.message.includes(missing), err.message);
    assert.match(err.message, /pull/i);
  });
});
