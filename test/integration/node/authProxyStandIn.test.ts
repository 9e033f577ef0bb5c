// Key and token auth end to end on the real node, through the auth proxy STAND-IN (kube-rbac-proxy's image and Go
// module cannot be obtained here; tools/kube-testenv/authproxy-standin does what it does for our flags, on
// k8s.io/apiserver's delegating authenticator and authorizer, with its cache times). The sample's real image, the
// real engine's objects (ServiceAccounts, Role, RoleBinding, auth-delegator binding, key Secrets), the real
// TokenReview and SubjectAccessReview of the real API server; requests through a real port-forward to the proxy's
// plain-HTTP port, as `call` and Send Test Request make them. A third service, exposed on a load balancer with v1's
// sslEnabled (a certificate made here at run time), has the proxy serve HTTPS with the user's certificate.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import type { TLSSocket } from 'node:tls';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CoreV1Api } from '@kubernetes/client-node';
import { PROXY_HTTP_PORT, PROXY_PORT, serviceNames } from '../../../src/core/manifests';
import type { DeploymentPlan } from '../../../src/core/plan';
import type { Logger } from '../../../src/core/logger';
import { callService } from '../../../src/kube/call/callService';
import { deployService, getToken, readKeys, regenerateKey, type ServiceToken } from '../../../src/kube/deploy';
import { localSpecForFolder } from '../../../src/local/modelFolderSpec';
import { apiServerBridge, publishStandInImage, type ApiServerBridge } from '../../support/authProxyStandIn';
import { runBuiltCli } from '../../support/cliProcess';
import { startDockerEngine, type DockerEngine } from '../../support/dockerEngine';
import { useKubeTestEnv } from '../../support/kubeTestEnv';
import { startLocalRegistry, type LocalRegistry } from '../../support/localRegistry';
import { portForward, publishSample, readyPods, type Forward } from '../../support/realNodeHelpers';
import { registerTestSecret } from '../../support/testSecrets';
import { prepareSample, type SampleModel } from '../local/sampleModel';

const namespace = 'auth-standin';
/** TokenRequest's shortest lifetime: the API server refuses less than 10 minutes. */
const SHORTEST_TOKEN_SECONDS = 600;

/** The host name of the user's certificate (v1's cname) for the HTTPS service. */
const CNAME = 'secured.models.test';
/** A JWT (what a service token is): none may be printed. */
const JWT = /eyJ[\w-]{8,}\.eyJ[\w-]{8,}\.[\w-]{8,}/;

function planWith(dir: string, baseImage: string, auth: { authEnabled: boolean; tokenAuthEnabled: boolean } & Record<string, unknown>, serviceName: string): DeploymentPlan {
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
  let secured: DeploymentPlan;
  /** The user's certificate (PEM) the HTTPS service is deployed with. */
  let userCert = '';
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
    // v1's sslEnabled with the user's certificate and key files, made now (never committed), beside deploymentconfig.
    const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '1', '-subj', `/CN=${CNAME}`,
      '-addext', `subjectAltName=DNS:${CNAME}`, '-keyout', path.join(sample.dir, 'user-key.pem'), '-out', path.join(sample.dir, 'user-cert.pem')], { encoding: 'utf8' });
    assert.equal(made.status, 0, made.stderr);
    userCert = readFileSync(path.join(sample.dir, 'user-cert.pem'), 'utf8');
    registerTestSecret(readFileSync(path.join(sample.dir, 'user-key.pem'), 'utf8').split('\n').filter((l) => l && !l.startsWith('-----')).join('\n'));
    secured = planWith(sample.dir, engine.baseImage, { authEnabled: true, tokenAuthEnabled: false, sslEnabled: true, sslCertificate: 'user-cert.pem', sslKey: 'user-key.pem', cname: CNAME }, 'secured');
    assert.ok(secured.tls, 'the plan carries the TLS files');
    // All at once: the node pulls the model image once.
    await Promise.all(
      [keyed, tokened, secured].map(async (plan) => {
        const exposure = plan === secured ? { exposure: { kind: 'load-balancer' as const } } : {};
        const run = deployService(kc, { plan, serviceName: plan.serviceName, namespace, image, authProxyImage: proxyImage, createNamespace: true, ...exposure }, { timeoutMs: 900_000 });
        for await (const step of run) {
          // Minted as soon as its caller identity exists, with the shortest lifetime the API server grants, so its
          // refresh-by time passes during the run (the rollout's wait counts towards it).
          if (plan === tokened && step.step !== undefined && token === undefined) token = await getToken(kc, { serviceName: 'tokened', namespace }, SHORTEST_TOKEN_SECONDS);
        }
        const pods = await readyPods(kc, namespace, plan.serviceName);
        assert.equal(pods.length, 1);
        assert.equal(pods[0].spec?.containers.find((c) => c.name === 'auth-proxy')?.image, proxyImage);
        forwards[plan.serviceName] = await portForward(kc, namespace, pods[0].metadata!.name!, plan === secured ? PROXY_PORT : PROXY_HTTP_PORT);
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

  it('the shipped CLI (dist/cli.js) `call <service> --data @sample-request.json`, key auth and token auth: 200 with predictions, --format json; no key or token printed', async () => {
    const keys = await readKeys(env().kubeConfig, { serviceName: 'keyed', namespace });
    registerTestSecret(keys.primary, keys.secondary, token.token);
    const cli = async (...args: string[]) => {
      const run = runBuiltCli(args, { KUBECONFIG: env().kubeconfigPath }, sample.dir);
      return { code: await run.closed, out: run.stdout(), err: run.stderr() };
    };
    for (const service of ['keyed', 'tokened']) {
      const plain = await cli('call', service, '--namespace', namespace, '--data', '@sample-request.json');
      const asJson = await cli('call', service, '--namespace', namespace, '--data', '@sample-request.json', '--format', 'json');
      // The CLI read the key, or minted its own token, and printed neither.
      const printed = [plain.out, plain.err, asJson.out, asJson.err].join('\n');
      for (const secret of [keys.primary, keys.secondary, token.token]) assert.ok(!printed.includes(secret), `${service}: a key or token was printed`);
      assert.doesNotMatch(printed, JWT, `${service}: a token was printed`);
      assert.doesNotMatch(printed, /Bearer\s+\S/, `${service}: a bearer credential was printed`);

      assert.equal(plain.code, 0, `${service}: ${plain.err}`);
      assert.deepEqual((JSON.parse(plain.out) as { predictions: number[] }).predictions, [0, 2], `${service}: ${plain.out}`);
      assert.match(plain.err, new RegExp(`^200 in \\d+ ms \\(port-forward to pod ${service}-[a-z0-9-]+, port ${PROXY_HTTP_PORT} \\(http\\)\\)$`, 'm'), `${service}: ${plain.err}`);
      assert.equal(asJson.code, 0, `${service}: ${asJson.err}`);
      const parsed = JSON.parse(asJson.out) as { status: number; ok: boolean; body: { predictions: number[] }; scoringUri: string };
      assert.equal(parsed.status, 200);
      assert.equal(parsed.ok, true);
      assert.deepEqual(parsed.body.predictions, [0, 2]);
      assert.equal(parsed.scoringUri, `http://${service}.${namespace}.svc.cluster.local/score`);
    }
  });

  it('HTTPS on the proxy (load balancer + sslEnabled): it serves the user\'s certificate, 401 without a key, 200 with one; the call engine and the CLI answer 200 through it', async () => {
    const kc = env().kubeConfig;
    const svc = await kc.makeApiClient(CoreV1Api).readNamespacedService({ name: 'secured', namespace });
    assert.equal(svc.spec?.type, 'LoadBalancer');
    assert.deepEqual(svc.spec?.ports?.map((p) => [p.name, p.port, p.targetPort]), [['https', 443, PROXY_PORT]]);
    const keys = await readKeys(kc, { serviceName: 'secured', namespace });
    registerTestSecret(keys.primary, keys.secondary);

    // Verified against the user's certificate as its only CA, for its host name: nothing else passes.
    const local = new URL(forwards.secured.url);
    const post = (key?: string) =>
      new Promise<{ status: number; body: string; fingerprint: string }>((resolve, reject) => {
        const req = https.request(
          { host: local.hostname, port: Number(local.port), path: '/score', method: 'POST', servername: CNAME, ca: userCert, agent: false,
            headers: { 'Content-Type': 'application/json', ...(key ? { Authorization: `Bearer ${key}` } : {}) } },
          (res) => {
            const fingerprint = (res.socket as TLSSocket).getPeerX509Certificate()?.fingerprint256 ?? '';
            let body = '';
            res.on('data', (d: Buffer) => (body += d.toString()));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body, fingerprint }));
          },
        );
        req.on('error', reject);
        req.end(sample.request);
      });
    const none = await post();
    assert.equal(none.status, 401, none.body);
    assert.equal(none.fingerprint, new X509Certificate(userCert).fingerprint256, "the proxy serves the user's certificate");
    const withKey = await post(keys.primary);
    assert.equal(withKey.status, 200, withKey.body);
    assert.deepEqual((JSON.parse(withKey.body) as { predictions: number[] }).predictions, [0, 2]);

    // The engine reads the scheme from the Service port's name and speaks TLS inside the tunnel (unverified there:
    // src/kube/call/DECISIONS.md), adding the key itself.
    const r = await callService(kc, { namespace, service: 'secured', body: sample.request });
    assert.equal(r.status, 200, `${r.body} ${r.error ?? ''}`);
    assert.equal(r.authMode, 'key');
    assert.match(r.via, new RegExp(`^port-forward to pod secured-[a-z0-9-]+, port ${PROXY_PORT} \\(https\\)$`));
    assert.deepEqual((JSON.parse(r.body) as { predictions: number[] }).predictions, [0, 2]);

    const run = runBuiltCli(['call', 'secured', '--namespace', namespace, '--data', '@sample-request.json'], { KUBECONFIG: env().kubeconfigPath }, sample.dir);
    const code = await run.closed;
    assert.equal(code, 0, run.stderr());
    assert.deepEqual((JSON.parse(run.stdout()) as { predictions: number[] }).predictions, [0, 2]);
    assert.match(run.stderr(), /\(https\)\)$/m, run.stderr());
    const printed = run.stdout() + run.stderr();
    for (const key of [keys.primary, keys.secondary]) assert.ok(!printed.includes(key), 'a key was printed');
    assert.doesNotMatch(printed, /BEGIN [A-Z ]*PRIVATE KEY/);
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
