import assert from 'node:assert/strict';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { applyOrder, exposureProblem, gatewayTlsListenerHint, renderService, servicePort, type RenderInput } from '../../../src/core/manifests';
import { parseDeploymentConfig, parseInferenceConfig } from '../../../src/core/config';
import { buildDeploymentPlan } from '../../../src/core/plan';
import { planFor, renderInput } from './planFixture';

// Made at run time, so the repository holds no key material: a fresh P-256 key, and certificate-shaped PEM text
// (rendering only carries it; nothing here parses a certificate).
const pem = (label: string, der: Buffer) => `-----BEGIN ${label}-----\n${der.toString('base64').match(/.{1,64}/g)!.join('\n')}\n-----END ${label}-----\n`;
const CERT = pem('CERTIFICATE', randomBytes(96));
const KEY = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const bodyOf = (text: string) => text.split('\n')[1];
const tls = { certificatePem: CERT, keyPem: KEY, cname: 'models.contoso.com' };
const input = (extra: Partial<RenderInput>): RenderInput => ({ ...renderInput, ...extra });
const proxyOf = (r: ReturnType<typeof renderService>) => r.deployment.spec!.template.spec!.containers.find((c) => c.name === 'auth-proxy');

describe('manifests: exposure (cluster, load-balancer, gateway) and TLS', () => {
  it('cluster (default): a ClusterIP Service, no route, no TLS objects', () => {
    const r = renderService(planFor({ authEnabled: true }), renderInput);
    assert.equal(r.service.spec!.type, 'ClusterIP');
    assert.equal(r.service.metadata!.annotations, undefined);
    assert.equal(r.route, undefined);
    assert.equal(r.tlsSecret, undefined);
  });

  it('load-balancer: public by default; internal with the AKS annotation and subnet', () => {
    const pub = renderService(planFor({ authEnabled: true }), input({ exposure: { kind: 'load-balancer' } }));
    assert.equal(pub.service.spec!.type, 'LoadBalancer');
    assert.equal(pub.service.metadata!.annotations, undefined);
    assert.deepEqual(pub.service.spec!.ports, [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }]);
    const internal = renderService(planFor({ authEnabled: true }), input({ exposure: { kind: 'load-balancer', internal: true, subnet: 'models-subnet' } }));
    assert.deepEqual(internal.service.metadata!.annotations, {
      'service.beta.kubernetes.io/azure-load-balancer-internal': 'true',
      'service.beta.kubernetes.io/azure-load-balancer-internal-subnet': 'models-subnet',
    });
  });

  it('load-balancer with TLS: the proxy serves HTTPS on 443 with the Secret mounted; the Secret holds the PEM', () => {
    const r = renderService(planFor({ authEnabled: true }), input({ exposure: { kind: 'load-balancer' }, tls }));
    assert.deepEqual(r.service.spec!.ports, [{ name: 'https', port: 443, targetPort: 8443, protocol: 'TCP' }]);
    const proxy = proxyOf(r)!;
    assert.ok(proxy.args!.includes('--secure-listen-address=0.0.0.0:8443'));
    assert.ok(proxy.args!.includes('--tls-cert-file=/etc/kube-rbac-proxy-tls/tls.crt'));
    assert.ok(proxy.args!.includes('--tls-private-key-file=/etc/kube-rbac-proxy-tls/tls.key'));
    assert.ok(!proxy.args!.some((a) => a.startsWith('--insecure-listen-address')));
    assert.deepEqual(r.deployment.spec!.template.spec!.volumes!.find((v) => v.name === 'auth-proxy-tls')?.secret, { secretName: 'myservice-tls' });
    assert.equal(r.tlsSecret!.type, 'kubernetes.io/tls');
    assert.equal(Buffer.from(r.tlsSecret!.data!['tls.crt'], 'base64').toString(), CERT);
    assert.equal(Buffer.from(r.tlsSecret!.data!['tls.key'], 'base64').toString(), KEY);
    // The Secret comes before the Deployment that mounts it.
    const kinds = applyOrder(r).map((o) => o.kind);
    assert.ok(kinds.indexOf('Secret') < kinds.indexOf('Deployment'), kinds.join());
    // PEM text appears in the Secret only, nowhere else in the rendered objects.
    const others = JSON.stringify(applyOrder(r).filter((o) => o.kind !== 'Secret'));
    assert.ok(!others.includes(bodyOf(CERT)) && !others.includes(bodyOf(KEY)) && !others.includes(Buffer.from(KEY).toString('base64')));
  });

  it('gateway: an HTTPRoute on v1 path to the Service plain-HTTP port, the cname as hostname with TLS', () => {
    const gateway = { namespace: 'infra', name: 'shared-gw' };
    const r = renderService(planFor({ authEnabled: true }), input({ exposure: { kind: 'gateway', gateway }, tls }));
    assert.equal(r.service.spec!.type, 'ClusterIP');
    assert.deepEqual(r.service.spec!.ports, [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }]);
    assert.ok(proxyOf(r)!.args!.includes('--insecure-listen-address=0.0.0.0:8080'), 'TLS is the Gateway listener\'s, not the proxy\'s');
    assert.deepEqual(r.route!.spec, {
      parentRefs: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', namespace: 'infra', name: 'shared-gw' }],
      hostnames: ['models.contoso.com'],
      rules: [
        {
          matches: [{ path: { type: 'PathPrefix', value: '/api/v1/service/myservice' } }],
          filters: [{ type: 'URLRewrite', urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/' } } }],
          backendRefs: [{ group: '', kind: 'Service', name: 'myservice', port: 80 }],
        },
      ],
    });
    assert.deepEqual(r.tlsReferenceGrant!.spec, { from: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', namespace: 'infra' }], to: [{ group: '', kind: 'Secret', name: 'myservice-tls' }] });
    assert.match(gatewayTlsListenerHint(input({ exposure: { kind: 'gateway', gateway }, tls }), { tlsSecret: 'myservice-tls' } as never)!, /hostname models\.contoso\.com.*certificateRefs.*myservice-tls/);
    assert.equal(applyOrder(r).at(-1)!.kind, 'HTTPRoute', 'the route comes after the Service it points at');
    // Same namespace: no ReferenceGrant is needed.
    const local = renderService(planFor({ authEnabled: true }), input({ exposure: { kind: 'gateway', gateway: { namespace: 'models', name: 'gw' } }, tls }));
    assert.equal(local.tlsReferenceGrant, undefined);
  });

  it('without auth the Service goes straight to the scoring port over HTTP', () => {
    assert.deepEqual(servicePort(planFor({ authEnabled: false }), input({ exposure: { kind: 'gateway', gateway: { namespace: 'a', name: 'b' } } })), { name: 'http', port: 80, targetPort: 5001 });
  });

  it('refuses what cannot work, naming the fix', () => {
    const plan = planFor({ authEnabled: true });
    assert.match(exposureProblem(plan, input({ exposure: { kind: 'gateway' } }))!, /needs a Gateway/);
    assert.match(exposureProblem(plan, input({ tls }))!, /inside the cluster only/);
    assert.match(exposureProblem(planFor({ authEnabled: false }), input({ exposure: { kind: 'load-balancer' }, tls }))!, /auth proxy, which runs only with auth on/);
    assert.match(exposureProblem(plan, input({ exposure: { kind: 'load-balancer', subnet: 's' } }))!, /InternalLoadBalancer/);
    assert.equal(exposureProblem(plan, input({ exposure: { kind: 'load-balancer', internal: true, subnet: 's' }, tls })), undefined);
  });

  it('an endpoint version never gets its own route or load balancer', () => {
    const r = renderService(planFor({ computeType: 'AKSENDPOINT', authEnabled: true }, 'ep'), input({ serviceName: 'ep-v1', endpoint: 'ep', exposure: { kind: 'gateway', gateway: { namespace: 'a', name: 'b' } } }));
    assert.equal(r.route, undefined);
  });
});

describe('config: v1 TLS and load balancer fields', () => {
  const problemsOf = (dc: object) => parseDeploymentConfig(JSON.stringify({ computeType: 'aks', ...dc }), { fileName: 'deploymentconfig.json' }).problems;

  it('a loadBalancerType typo, a subnet without an internal LB, sslEnabled without its files: Run Locally and deploy refuse them', () => {
    for (const [dc, text] of [
      [{ loadBalancerType: 'Internal' }, /loadBalancerType is "PublicIp" or "InternalLoadBalancer", not "Internal"/],
      [{ loadBalancerSubnet: 'sub' }, /loadBalancerSubnet needs loadBalancerType "InternalLoadBalancer"/],
      [{ sslEnabled: true, sslCertificate: 'cert.pem' }, /sslEnabled needs sslKey/],
    ] as const) {
      const p = problemsOf(dc).find((x) => text.test(x.message));
      assert.ok(p, JSON.stringify(problemsOf(dc)));
      assert.equal(p.engineRefuses, true);
    }
    assert.deepEqual(problemsOf({ loadBalancerType: 'InternalLoadBalancer', loadBalancerSubnet: 'sub', sslEnabled: true, sslCertificate: 'c.pem', sslKey: 'k.pem', cname: 'a.example.com' }), []);
  });

  it('the plan keeps the PEM file paths (relative to the deployment config) and never their text', () => {
    const files: Record<string, string> = { '/proj/conda.yml': 'dependencies:\n  - python=3.10\n', '/cfg/tls/c.pem': CERT, '/cfg/tls/k.pem': KEY };
    const ic = parseInferenceConfig(JSON.stringify({ entryScript: 'score.py', sourceDirectory: '.', environment: { python: { condaDependenciesFile: 'conda.yml' } } }), { fileName: '/proj/inferenceconfig.json', readFile: (p) => files[p] });
    const dc = parseDeploymentConfig(JSON.stringify({ computeType: 'aks', sslEnabled: true, sslCertificate: 'tls/c.pem', sslKey: 'tls/k.pem', cname: 'a.example.com', loadBalancerType: 'InternalLoadBalancer' }), { fileName: '/cfg/deploymentconfig.json' });
    const plan = (readFile: (p: string) => string | undefined) =>
      buildDeploymentPlan({ inference: ic.config!, deployment: dc.config!, models: [{ name: 'm', version: 1, localPath: '/proj/m.pkl' }], serviceName: 's1', readFile, deploymentDir: '/cfg' });
    const r = plan((p) => files[p]);
    assert.ok(r.ok, JSON.stringify(r));
    assert.deepEqual(r.plan.tls, { certificateFile: '/cfg/tls/c.pem', keyFile: '/cfg/tls/k.pem', cname: 'a.example.com' });
    assert.deepEqual(r.plan.loadBalancer, { internal: true });
    assert.ok(![bodyOf(CERT), bodyOf(KEY)].some((b) => JSON.stringify(r.plan).includes(b)), 'no PEM text in the plan');
    const missing = plan((p) => (p.endsWith('k.pem') ? undefined : files[p]));
    assert.ok(!missing.ok && missing.problems.some((m) => m.startsWith('sslKey: cannot read "tls/k.pem"')), JSON.stringify(missing));
    const notPem = plan((p) => (p.endsWith('c.pem') ? 'hello' : files[p]));
    assert.ok(!notPem.ok && notPem.problems.some((m) => /not a PEM certificate/.test(m)));
  });
});
