// Calling a deployed model on the real node (kube-testenv --node): the scoring URI read from the rendered Service,
// the call engine's port-forward (API server -> kubelet -> pod) with no local port opened, and the CLI's `uri`,
// `call` and `status` on the same service. Auth off here; `deployAndRead` takes the auth switch and the auth-proxy
// image, so an auth-on case needs only an image the node can pull (the auth STAND-IN image, when it exists).
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { KubeConfig } from '@kubernetes/client-node';
import { main } from '../../../src/cli/main';
import { DEFAULT_AUTH_PROXY_IMAGE } from '../../../src/core/manifests/names';
import { callService, readServiceAccess, type ServiceAccess } from '../../../src/kube/call';
import { deployService } from '../../../src/kube/deploy';
import { startDockerEngine, type DockerEngine } from '../../support/dockerEngine';
import { useKubeTestEnv } from '../../support/kubeTestEnv';
import { startLocalRegistry, type LocalRegistry } from '../../support/localRegistry';
import { planSample, publishSample } from '../../support/realNodeHelpers';
import { prepareSample, type SampleModel } from '../local/sampleModel';

describe('real node: call a deployed model (scoring URI, port-forward call engine, CLI uri/call/status)', function () {
  this.timeout(1_200_000);
  const env = useKubeTestEnv({ node: true });
  let engine: DockerEngine;
  let registry: LocalRegistry;
  let sample: SampleModel;
  let image: string;
  const namespace = 'call-node';
  const storageDir = mkdtempSync(path.join(tmpdir(), 'aks-call-'));
  const saved = process.env.KUBECONFIG;

  before(async () => {
    engine = startDockerEngine();
    registry = await startLocalRegistry();
    env().node!.trustPlainHttpRegistry(registry.address);
    sample = await prepareSample();
    image = await publishSample(planSample(sample.dir, engine.baseImage, false).spec, registry.address, engine.host, storageDir);
    process.env.KUBECONFIG = env().kubeconfigPath;
  });
  after(async () => {
    if (saved === undefined) delete process.env.KUBECONFIG;
    else process.env.KUBECONFIG = saved;
    await registry?.stop();
  });

  /** Deploys the sample (auth on or off, with this auth-proxy image) and waits for the rollout; its access. */
  async function deployAndRead(kc: KubeConfig, authEnabled: boolean, authProxyImage: string): Promise<ServiceAccess> {
    const planned = planSample(sample.dir, engine.baseImage, authEnabled);
    const service = planned.plan.serviceName;
    for await (const step of deployService(kc, { plan: planned.plan, serviceName: service, namespace, image, authProxyImage, createNamespace: true }, { timeoutMs: 600_000 })) void step;
    return readServiceAccess(kc, { namespace, service });
  }

  let access: ServiceAccess;
  const cli = async (...argv: string[]) => {
    let out = '';
    let err = '';
    const code = await main(argv, { stdout: { write: (t: string) => (out += t) }, stderr: { write: (t: string) => (err += t) }, cwd: sample.dir });
    return { code, out, err };
  };

  it('reads the in-cluster scoring and swagger URIs from the rendered Service (auth off: plain HTTP on 80)', async () => {
    access = await deployAndRead(env().kubeConfig, false, DEFAULT_AUTH_PROXY_IMAGE);
    const svc = access.service;
    assert.equal(access.authMode, 'none');
    assert.equal(access.isEndpoint, false);
    assert.equal(access.scoringUri, `http://${svc}.${namespace}.svc.cluster.local/score`);
    assert.equal(access.swaggerUri, `http://${svc}.${namespace}.svc.cluster.local/swagger.json`);
    assert.deepEqual(access.addresses.map((a) => a.exposure), ['cluster']);
    assert.equal(access.backends[0].port.targetPort, 5001);
  });

  it('the call engine POSTs the sample request through the port-forward: 200 with [0, 2]', async () => {
    const logged: string[] = [];
    const logger = { trace() {}, debug() {}, info: (m: string) => logged.push(m), warn: (m: string | Error) => logged.push(String(m)), error: (m: string | Error) => logged.push(String(m)) };
    const r = await callService(env().kubeConfig, { namespace, service: access.service, body: sample.request }, { logger });
    assert.equal(r.status, 200, `${r.error ?? ''} ${r.body}`);
    assert.deepEqual((r.json as { predictions: number[] }).predictions, [0, 2]);
    assert.match(r.via, new RegExp(`^port-forward to pod ${access.service}-[a-z0-9-]+, port 5001 \\(http\\)$`));
    assert.equal(r.authMode, 'none');
    assert.ok(r.latencyMs >= 0);
    assert.ok(logged.some((l) => l.includes('200 in')), logged.join('\n'));
  });

  it('a bad body is the model\'s answer (not a transport error), with its status', async () => {
    const r = await callService(env().kubeConfig, { namespace, service: access.service, body: '{"data": "not rows"}' });
    assert.ok(r.status >= 400 && r.status < 600, `${r.status} ${r.body}`);
    assert.equal(r.error, undefined);
  });

  it('GET /swagger.json through the same tunnel (what the Consume view shows)', async () => {
    const r = await callService(env().kubeConfig, { namespace, service: access.service, path: '/swagger.json', method: 'GET' });
    // azmlinfsrv answers with its swagger document, or 404 when score.py declares no schema: both are its answers.
    assert.ok(r.status === 200 || r.status === 404, `${r.status} ${r.error ?? ''} ${r.body.slice(0, 300)}`);
    if (r.status === 200) assert.ok(typeof r.json === 'object' && r.json !== null && 'paths' in r.json, r.body.slice(0, 300));
  });

  it('CLI: uri prints the scoring URI; call --data @sample-request.json prints the predictions; --format json', async () => {
    const svc = access.service;
    const uri = await cli('uri', svc, '--namespace', namespace);
    assert.equal(uri.code, 0, uri.err);
    assert.match(uri.out, new RegExp(`^scoring_uri http://${svc}\\.${namespace}\\.svc\\.cluster\\.local/score$`, 'm'));
    assert.match(uri.out, /^auth {8}none$/m);

    const requestFile = path.join(sample.dir, 'sample-request.json');
    writeFileSync(requestFile, sample.request);
    const call = await cli('call', svc, '--namespace', namespace, '--data', '@sample-request.json');
    assert.equal(call.code, 0, call.err);
    assert.deepEqual((JSON.parse(call.out) as { predictions: number[] }).predictions, [0, 2]);
    assert.match(call.err, /^200 in \d+ ms \(port-forward to pod /);

    const asJson = await cli('call', svc, '--namespace', namespace, '--data', sample.request, '--format', 'json');
    assert.equal(asJson.code, 0, asJson.err);
    const parsed = JSON.parse(asJson.out) as { status: number; body: { predictions: number[] }; scoringUri: string };
    assert.equal(parsed.status, 200);
    assert.deepEqual(parsed.body.predictions, [0, 2]);
    assert.equal(parsed.scoringUri, access.scoringUri);

    const status = await cli('status', svc, '--namespace', namespace);
    assert.equal(status.code, 0, status.err);
    assert.match(status.out, new RegExp(`^scoring_uri ${access.scoringUri!.replace(/\./g, '\\.')}$`, 'm'));
  });

  it('CLI refusals: no --data, --data that is not JSON, a service that is not there', async () => {
    const svc = access.service;
    const none = await cli('call', svc, '--namespace', namespace);
    assert.equal(none.code, 2);
    assert.match(none.err, /--data @request\.json/);
    const bad = await cli('call', svc, '--namespace', namespace, '--data', '{not json');
    assert.equal(bad.code, 2);
    assert.match(bad.err, /--data is not JSON/);
    const missing = await cli('call', 'no-such-service', '--namespace', namespace, '--data', '{}');
    assert.equal(missing.code, 1);
    assert.match(missing.err, /Service no-such-service is not deployed in namespace call-node/);
  });
});
