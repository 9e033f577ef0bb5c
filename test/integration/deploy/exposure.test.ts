// Exposures and TLS against the real kube-apiserver: the load-balancer Service (its address is set by the test
// through the status subresource, as a cloud controller would: none runs here), the gateway exposure's HTTPRoute and
// ReferenceGrant admitted by the official standard-channel Gateway API CRDs (no Gateway implementation runs here),
// the TLS Secret from v1's PEM files, and no PEM text in any log line.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CoreV1Api, CustomObjectsApi } from '@kubernetes/client-node';
import type { Logger } from '../../../src/core/logger';
import { applyService, KubeDeployError } from '../../../src/kube/deploy';
import { readServiceExposure, WAITING_FOR_ADDRESS } from '../../../src/kube/services/exposureState';
import { createTestGateway, installGatewayApiCrds } from '../../support/gatewayApiCrds';
import { useKubeTestEnv } from '../../support/kubeTestEnv';
import { uniqueName } from '../kube/helpers';
import { target } from './fixture';

function recordingLogger(lines: string[]): Logger {
  const put = (m: string | Error) => lines.push(m instanceof Error ? `${m.message}\n${m.stack}` : m);
  return { trace: put, debug: put, info: put, warn: put, error: put };
}

/** A real self-signed certificate and key, as a v1 user's sslCertificate/sslKey files. */
function pemFiles(cname: string): { certificateFile: string; keyFile: string; cert: string; key: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'aks-tls-'));
  const certificateFile = path.join(dir, 'cert.pem');
  const keyFile = path.join(dir, 'key.pem');
  const r = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', `/CN=${cname}`, '-keyout', keyFile, '-out', certificateFile], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return { certificateFile, keyFile, cert: readFileSync(certificateFile, 'utf8'), key: readFileSync(keyFile, 'utf8') };
}

describe('deploy engine: exposure (load-balancer, gateway) and TLS against kube-apiserver with the Gateway API CRDs', function () {
  const kube = useKubeTestEnv();
  let core: CoreV1Api;
  let custom: CustomObjectsApi;

  before(async function () {
    this.timeout(120_000);
    core = kube().kubeConfig.makeApiClient(CoreV1Api);
    custom = kube().kubeConfig.makeApiClient(CustomObjectsApi);
    await installGatewayApiCrds(kube().kubeConfig);
    await core.createNamespace({ body: { metadata: { name: 'infra' } } });
    await createTestGateway(kube().kubeConfig, 'infra');
  });

  it('load-balancer: internal with the subnet from deploymentconfig; "waiting for an address" until one is set (address set by the test: no cloud controller runs here)', async () => {
    const ns = uniqueName('lb');
    await core.createNamespace({ body: { metadata: { name: ns } } });
    const t = target(ns, { authEnabled: true, loadBalancerType: 'InternalLoadBalancer', loadBalancerSubnet: 'models-subnet' });
    await applyService(kube().kubeConfig, { ...t, exposure: { kind: 'load-balancer' } });
    const svc = await core.readNamespacedService({ name: 'scorer', namespace: ns });
    assert.equal(svc.spec?.type, 'LoadBalancer');
    assert.equal(svc.metadata?.annotations?.['service.beta.kubernetes.io/azure-load-balancer-internal'], 'true');
    assert.equal(svc.metadata?.annotations?.['service.beta.kubernetes.io/azure-load-balancer-internal-subnet'], 'models-subnet');
    const waiting = await readServiceExposure(kube().kubeConfig, ns, 'scorer');
    assert.equal(waiting.waiting, true);
    assert.equal(waiting.text, `internal load balancer: ${WAITING_FOR_ADDRESS}`);
    assert.equal(waiting.scoringUri, undefined);

    // What the cloud controller manager would do once Azure assigned the frontend address.
    await core.replaceNamespacedServiceStatus({ name: 'scorer', namespace: ns, body: { ...svc, status: { loadBalancer: { ingress: [{ ip: '10.240.0.7' }] } } } });
    const ready = await readServiceExposure(kube().kubeConfig, ns, 'scorer');
    assert.equal(ready.waiting, false);
    assert.equal(ready.address, '10.240.0.7');
    assert.equal(ready.scheme, 'http');
    assert.equal(ready.scoringUri, 'http://10.240.0.7/score');
  });

  it('load-balancer with TLS: the proxy serves HTTPS with the TLS Secret; the Service port is named https', async () => {
    const ns = uniqueName('lbtls');
    await core.createNamespace({ body: { metadata: { name: ns } } });
    const pem = pemFiles('models.contoso.com');
    const lines: string[] = [];
    const t = target(ns, { authEnabled: true });
    await applyService(kube().kubeConfig, { ...t, plan: { ...t.plan, tls: { certificateFile: pem.certificateFile, keyFile: pem.keyFile, cname: 'models.contoso.com' } }, exposure: { kind: 'load-balancer' } }, { logger: recordingLogger(lines) });
    const secret = await core.readNamespacedSecret({ name: 'scorer-tls', namespace: ns });
    assert.equal(secret.type, 'kubernetes.io/tls');
    assert.equal(Buffer.from(secret.data!['tls.crt'], 'base64').toString(), pem.cert);
    assert.equal(Buffer.from(secret.data!['tls.key'], 'base64').toString(), pem.key);
    const state = await readServiceExposure(kube().kubeConfig, ns, 'scorer');
    assert.equal(state.scheme, 'https');
    assert.equal(state.port, 443);
    assertNoPem(lines, pem);
  });

  it('gateway with TLS: HTTPRoute on v1 path and a ReferenceGrant admitted by the official CRDs; switching back to cluster removes them', async () => {
    const ns = uniqueName('gw');
    await core.createNamespace({ body: { metadata: { name: ns } } });
    const pem = pemFiles('models.contoso.com');
    const lines: string[] = [];
    const t = target(ns, { authEnabled: true });
    const withTls = { ...t, plan: { ...t.plan, tls: { certificateFile: pem.certificateFile, keyFile: pem.keyFile, cname: 'models.contoso.com' } } };
    const r = await applyService(kube().kubeConfig, { ...withTls, exposure: { kind: 'gateway', gateway: { namespace: 'infra', name: 'shared-gw' } } }, { logger: recordingLogger(lines) });
    assert.ok(r.applied.some((a) => a.kind === 'HTTPRoute'));
    const route = (await custom.getNamespacedCustomObject({ group: 'gateway.networking.k8s.io', version: 'v1', plural: 'httproutes', namespace: ns, name: 'scorer' })) as {
      spec: { hostnames: string[]; rules: { matches: { path: { value: string } }[]; backendRefs: { name: string; port: number }[] }[] };
    };
    assert.deepEqual(route.spec.hostnames, ['models.contoso.com']);
    assert.equal(route.spec.rules[0].matches[0].path.value, '/api/v1/service/scorer');
    assert.deepEqual(route.spec.rules[0].backendRefs.map((b) => [b.name, b.port]), [['scorer', 80]]);
    await custom.getNamespacedCustomObject({ group: 'gateway.networking.k8s.io', version: 'v1beta1', plural: 'referencegrants', namespace: ns, name: 'scorer-tls' });
    const state = await readServiceExposure(kube().kubeConfig, ns, 'scorer');
    assert.equal(state.kind, 'gateway');
    assert.equal(state.text, 'gateway infra/shared-gw: https://models.contoso.com/api/v1/service/scorer/score');
    // The proxy inside serves plain HTTP: TLS ends at the Gateway listener.
    const svc = await core.readNamespacedService({ name: 'scorer', namespace: ns });
    assert.deepEqual(svc.spec?.ports?.map((p) => [p.name, p.port]), [['http', 80]]);
    assertNoPem(lines, pem);

    const back = await applyService(kube().kubeConfig, t);
    assert.deepEqual(back.removed.map((o) => o.kind).sort(), ['HTTPRoute', 'ReferenceGrant', 'Secret']);
    assert.equal((await readServiceExposure(kube().kubeConfig, ns, 'scorer')).kind, 'cluster');
  });

  it('refuses TLS inside the cluster only, and a gateway exposure without a Gateway, before applying anything', async () => {
    const ns = uniqueName('refuse');
    await core.createNamespace({ body: { metadata: { name: ns } } });
    const pem = pemFiles('x.example.com');
    const t = target(ns, { authEnabled: true });
    await assert.rejects(applyService(kube().kubeConfig, { ...t, plan: { ...t.plan, tls: { certificateFile: pem.certificateFile, keyFile: pem.keyFile } } }), (e: Error) => {
      assert.ok(e instanceof KubeDeployError);
      assert.match(e.message, /inside the cluster only.*Nothing was applied/);
      assert.ok(!e.message.includes('BEGIN'));
      return true;
    });
    await assert.rejects(applyService(kube().kubeConfig, { ...t, exposure: { kind: 'gateway' } }), /needs a Gateway/);
    const deployments = await kube().kubeConfig.makeApiClient(CoreV1Api).listNamespacedServiceAccount({ namespace: ns });
    assert.equal(deployments.items.filter((s) => s.metadata?.name === 'scorer').length, 0, 'nothing applied');
  });
});

function assertNoPem(lines: readonly string[], pem: { cert: string; key: string }): void {
  assert.ok(lines.length > 0, 'the logger was used');
  const keyBody = pem.key.split('\n')[1];
  const certBody = pem.cert.split('\n')[1];
  for (const l of lines) {
    assert.ok(!l.includes('BEGIN') && !l.includes(keyBody) && !l.includes(certBody), `PEM text in a log line: ${l.slice(0, 80)}`);
    assert.ok(!l.includes(Buffer.from(pem.key).toString('base64').slice(0, 40)), 'base64 PEM in a log line');
  }
}
