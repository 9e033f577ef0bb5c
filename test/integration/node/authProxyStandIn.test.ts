// Key and token auth end to end on the real node, through the auth proxy STAND-IN (kube-rbac-proxy's image and Go
// module cannot be obtained here; tools/kube-testenv/authproxy-standin does what it does for our flags, on
// k8s.io/apiserver's delegating authenticator and authorizer, with its cache times). The sample's real image, the
// real engine's objects (ServiceAccounts, Role, RoleBinding, auth-delegator binding, key Secrets), the real
// TokenReview and SubjectAccessReview of the real API server; requests through a real port-forward to the proxy's
// plain-HTTP port, as `call` and Send Test Request make them.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CoreV1Api } from '@kubernetes/client-node';
import { PROXY_HTTP_PORT, serviceNames } from '../../../src/core/manifests';
import type { DeploymentPlan } from '../../../src/core/plan';
import type { Logger } from '../../../src/core/logger';
import { callService } from '../../../src/kube/call/callService';
import { deployService, getToken, readKeys, regenerateKey, type ServiceToken } from '../../../src/kube/deploy';
import { localSpecForFolder } from '../../../src/local/modelFolderSpec';
import { apiServerBridge, publishStandInImage, type ApiServerBridge } from '../../support/authProxyStandIn';
import { startDockerEngine, type DockerEngine } from '../../support/dockerEngine';
import { useKubeTestEnv } from '../../support/kubeTestEnv';
import { startLocalRegistry, type LocalRegistry } from '../../support/localRegistry';
import { portForward, publishSample, readyPods, type Forward } from '../../support/realNodeHelpers';
import { prepareSample, type SampleModel } from '../local/sampleModel';

const namespace = 'auth-standin';
/** TokenRequest's shortest lifetime: the API server refuses less than 10 minutes. */
const SHORTEST_TOKEN_SECONDS = 600;

function planWith(dir: string, baseImage: string, auth: { authEnabled: boolean; tokenAuthEnabled: boolean }, serviceName: string): DeploymentPlan {
  const file = path.join(dir, 'deploymentconfig.json');
  const dc = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  writeFileSync(file, JSON.stringify({ ...dc, ...auth }, null, 2));
  const r = localSpecForFolder(dir, { defaultBaseImage: baseImage });
  if (!r.ok) throw new Error(r.problems.join('\n'));
  return { ...r.plan, serviceName };
}

/** Polls a request once a second until its status is `want`; resolves to the seconds it took. */
async function untilStatus(what: string, want: number, send: () => Promise<Response>, ceilingMs: number): Promise<number> {
  const started = Date.now();
  let last = 0;
  while (Date.now() - started < ceilingMs) {
    last = (await send()).status;
    if (last === want) return (Date.now() - started) / 1000;
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error(`${what}: still ${last} after ${ceilingMs / 1000} s, expected ${want}`);
}

describe('real node: key and token auth through the auth proxy STAND-IN (kube-rbac-proxy behaviour for our flags)', function () {
  this.timeout(1_800_000);
  const env = useKubeTestEnv({ node: true });
  let engine: DockerEngine;
  let registry: LocalRegistry;
  let bridge: ApiServerBridge;
  let sample: SampleModel;
  let keyed: DeploymentPlan;
  let tokened: DeploymentPlan;
  const forwards: Record<string, Forward> = {};
  let token!: ServiceToken;
  let tokenFirstUsed = 0;
  const storageDir = mkdtempSync(path.join(tmpdir(), 'aks-standin-'));

  const score = (service: string, auth?: string) =>
    fetch(`${forwards[service].url}/score`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...(auth ? { Authorization: `Bearer ${auth}` } : {}) }, body: sample.request });

  before(async () => {
    const kc = env().kubeConfig;
    const node = env().node!;
    engine = startDockerEngine();
    registry = await startLocalRegistry();
    node.trustPlainHttpRegistry(registry.address);
    bridge = await apiServerBridge(env().server, node.ip);
    const proxyImage = await publishStandInImage({ dockerHost: engine.host, baseImage: engine.baseImage, registry: registry.address, apiServerUrl: bridge.url });
    sample = await prepareSample();
    keyed = planWith(sample.dir, engine.baseImage, { authEnabled: true, tokenAuthEnabled: false }, 'keyed');
    tokened = planWith(sample.dir, engine.baseImage, { authEnabled: false, tokenAuthEnabled: true }, 'tokened');
    const r = localSpecForFolder(sample.dir, { defaultBaseImage: engine.baseImage });
    if (!r.ok) throw new Error(r.problems.join('\n'));
    const image = await publishSample({ ...r.spec, baseImage: engine.baseImage }, registry.address, engine.host, storageDir);
    // Both at once: the node pulls the model image once.
    await Promise.all(
      [keyed, tokened].map(async (plan) => {
        const run = deployService(kc, { plan, serviceName: plan.serviceName, namespace, image, authProxyImage: proxyImage, createNamespace: true }, { timeoutMs: 900_000 });
        for await (const step of run) {
          // Minted as soon as its caller identity exists, with the shortest lifetime the API server grants, so its
          // refresh-by time passes during the run (the rollout's wait counts towards it).
          if (plan === tokened && step.step !== undefined && token === undefined) token = await getToken(kc, { serviceName: 'tokened', namespace }, SHORTEST_TOKEN_SECONDS);
        }
        const pods = await readyPods(kc, namespace, plan.serviceName);
        assert.equal(pods.length, 1);
        assert.equal(pods[0].spec?.containers.find((c) => c.name === 'auth-proxy')?.image, proxyImage);
        forwards[plan.serviceName] = await portForward(kc, namespace, pods[0].metadata!.name!, PROXY_HTTP_PORT);
      }),
    );
    assert.ok(token, 'the token was minted during the rollout');
  });
  after(async () => {
    for (const f of Object.values(forwards)) await f.close();
    await bridge?.close();
    await registry?.stop();
  });

  it('the Service port is plain HTTP to the proxy (port name "http"), the health route stays open', async () => {
    const svc = await env().kubeConfig.makeApiClient(CoreV1Api).readNamespacedService({ name: 'keyed', namespace });
    assert.deepEqual(svc.spec?.ports?.map((p) => [p.name, p.port, p.targetPort]), [['http', 80, PROXY_HTTP_PORT]]);
    const health = await fetch(`${forwards.keyed.url}/`);
    assert.equal(health.status, 200, 'the health route needs no key (--ignore-paths=/)');
  });

  it('key auth: no key → 401; primary and secondary keys → 200 with predictions', async () => {
    assert.equal((await score('keyed')).status, 401);
    assert.equal((await score('keyed', 'not-a-token')).status, 401);
    const keys = await readKeys(env().kubeConfig, { serviceName: 'keyed', namespace });
    for (const key of [keys.primary, keys.secondary]) {
      const res = await score('keyed', key);
      const body = await res.text();
      assert.equal(res.status, 200, body);
      assert.deepEqual((JSON.parse(body) as { predictions: number[] }).predictions, [0, 2]);
    }
  });

  it("another service's key → 401 (its audience is not this service's); its identity with this audience → 403", async () => {
    const kc = env().kubeConfig;
    // A token of the other service (token auth) is bound to that service's audience: TokenReview refuses it here.
    assert.equal((await score('keyed', token.token)).status, 401);
    // Someone allowed to mint tokens could give tokened's caller identity this service's audience: it then
    // authenticates, and the SubjectAccessReview (services/proxy "keyed", granted to keyed-client only) denies it.
    const other = await kc.makeApiClient(CoreV1Api).createNamespacedServiceAccountToken({
      name: serviceNames('tokened', namespace).client,
      namespace,
      body: { spec: { audiences: [serviceNames('keyed', namespace).audience], expirationSeconds: 600 } },
    });
    const res = await score('keyed', other.status!.token);
    assert.equal(res.status, 403, await res.text());
  });

  it('token auth: a fresh token → 200, none → 401', async () => {
    assert.equal((await score('tokened')).status, 401);
    const res = await score('tokened', token.token);
    tokenFirstUsed = Date.now();
    assert.equal(res.status, 200, await res.text());
  });

  it('the call engine (`call`, Send Test Request) adds the key or a fresh token itself: 200 with predictions, no credential in its result or log', async () => {
    const kc = env().kubeConfig;
    const lines: string[] = [];
    const logger: Logger = { trace: (m) => lines.push(String(m)), debug: (m) => lines.push(String(m)), info: (m) => lines.push(String(m)), warn: (m) => lines.push(String(m)), error: (m) => lines.push(String(m)) };
    const keys = await readKeys(kc, { serviceName: 'keyed', namespace });
    for (const [service, mode] of [['keyed', 'key'], ['tokened', 'token']] as const) {
      const r = await callService(kc, { namespace, service, body: sample.request }, { logger });
      assert.equal(r.status, 200, `${service}: ${r.body} ${r.error ?? ''}`);
      assert.equal(r.authMode, mode);
      assert.deepEqual((JSON.parse(r.body) as { predictions: number[] }).predictions, [0, 2]);
      const shown = JSON.stringify(r) + lines.join('\n');
      for (const secret of [keys.primary, keys.secondary]) assert.ok(!shown.includes(secret), `${service}: a key reached the result or the log`);
      assert.ok(!/Bearer\s+\S/.test(shown), `${service}: a bearer credential reached the result or the log`);
    }
  });

  it('a regenerated key → 401 once the API server (10 s) and the proxy (2 min, as kube-rbac-proxy) stop caching the old one', async () => {
    const kc = env().kubeConfig;
    const ref = { serviceName: 'keyed', namespace };
    const before = await readKeys(kc, ref);
    const fresh = await regenerateKey(kc, ref, 'primary');
    assert.notEqual(fresh, before.primary);
    assert.equal((await score('keyed', fresh)).status, 200, 'the new key works at once');
    const seconds = await untilStatus('the old primary key', 401, () => score('keyed', before.primary), 180_000);
    console.log(`    old primary key refused ${seconds.toFixed(1)} s after Regenerate (API server cache 10 s + proxy cache 2 min at most)`);
    assert.equal((await score('keyed', before.secondary)).status, 200, 'the other key still works');
  });

  it('a token past its refresh-by time → 401', async () => {
    assert.ok(tokenFirstUsed > 0, 'the token test ran first');
    // Wait for the clock, not a fixed time: refresh-by is the token's expiry; the proxy's 2-min cache of the one
    // successful review made at tokenFirstUsed has ended long before.
    const wait = token.refreshBy.getTime() - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait + 1000));
    assert.ok(Date.now() > token.refreshBy.getTime());
    const seconds = await untilStatus('the expired token', 401, () => score('tokened', token.token), 150_000);
    assert.ok(seconds < 150);
    const fresh = await getToken(env().kubeConfig, { serviceName: 'tokened', namespace }, SHORTEST_TOKEN_SECONDS);
    assert.equal((await score('tokened', fresh.token)).status, 200, 'a new token works');
  });
});
