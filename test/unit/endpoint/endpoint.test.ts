// Pure parts of the endpoint feature: a version's render (shared auth objects, labels), the route's render from
// effectiveTraffic, and the tree's description of a version.
import assert from 'node:assert/strict';
import { endpointVersionDescription, parseGatewayRef, type EndpointModel } from '../../../src/core/endpointModel';
import { applyOrder, renderService } from '../../../src/core/manifests';
import { effectiveTraffic } from '../../../src/core/traffic';
import { renderRoute, type VersionRecord } from '../../../src/kube/endpoint/route';
import { SERVICE_LABEL, VERSION_LABEL } from '../../../src/kube/labels';
import { planFor, renderInput } from '../manifests/planFixture';

describe('endpoint: a version renders like a service, with the endpoint’s shared auth', () => {
  const plan = planFor({ computeType: 'AKSENDPOINT', versionName: 'versionb', authEnabled: true }, 'ep');
  const r = renderService(plan, { ...renderInput, serviceName: 'ep-versionb', endpoint: 'ep' });

  it('names its own objects <endpoint>-<version> and labels them with endpoint and version', () => {
    assert.equal(r.deployment.metadata!.name, 'ep-versionb');
    assert.equal(r.service.metadata!.name, 'ep-versionb');
    assert.deepEqual([r.deployment.metadata!.labels![SERVICE_LABEL], r.deployment.metadata!.labels![VERSION_LABEL]], ['ep', 'versionb']);
    assert.match(r.authDelegator!.metadata!.name!, /^aksmodel-models-ep-versionb-[0-9a-f]{10}-auth-delegator$/);
  });

  it('shares the client identity, keys, caller Role and audience of the endpoint (no version label on them)', () => {
    assert.equal(r.clientServiceAccount!.metadata!.name, 'ep-client');
    assert.deepEqual(r.keySecrets.map((s) => s.metadata!.name), ['ep-key-primary', 'ep-key-secondary']);
    assert.equal(r.callerRole!.metadata!.name, 'ep-caller');
    assert.deepEqual(r.callerRole!.rules![0].resourceNames, ['ep']);
    for (const o of [r.clientServiceAccount!, r.callerRole!, r.callerRoleBinding!, ...r.keySecrets]) assert.equal(o.metadata!.labels![VERSION_LABEL], undefined, `${o.kind}`);
    const proxy = r.deployment.spec!.template.spec!.containers.find((c) => c.name === 'auth-proxy')!;
    assert.ok(proxy.args!.includes('--auth-token-audiences=aksmodel.io/models/ep'));
    assert.match(r.authProxyConfig!.data!['config.yaml'], /name: ep\n/);
  });

  it('leaves a single service exactly as before', () => {
    const single = renderService(planFor({ authEnabled: true }), renderInput);
    assert.deepEqual(single.callerRole!.rules![0].resourceNames, ['myservice']);
    assert.ok(applyOrder(single).every((o) => o.metadata.labels[VERSION_LABEL] === undefined));
  });
});

describe('endpoint: the HTTPRoute', () => {
  it('carries effectiveTraffic weights, the settings in an annotation, and the Gateway as parent', () => {
    const records: VersionRecord[] = [
      { name: 'versiona', trafficPercentile: 20, port: 443 },
      { name: 'versionb', trafficPercentile: 40, isDefault: true, isControl: true, port: 443 },
    ];
    const t = effectiveTraffic(records);
    assert.ok(t.ok);
    const route = renderRoute({ endpoint: 'ep', namespace: 'models', gateway: { namespace: 'gw', name: 'main' }, authMode: 'key', records, shares: t.shares });
    assert.deepEqual(route.spec!.rules![0].backendRefs!.map((b) => [b.name, b.port, b.weight]), [['ep-versiona', 443, 20], ['ep-versionb', 443, 80]]);
    assert.deepEqual(JSON.parse(route.metadata!.annotations!['aksmodel.io/versions']), [
      { name: 'versiona', trafficPercentile: 20, port: 443 },
      { name: 'versionb', trafficPercentile: 40, isDefault: true, isControl: true, port: 443 },
    ]);
    assert.equal(route.metadata!.resourceVersion, undefined);
  });

  it('parses "namespace/name" gateway references', () => {
    assert.deepEqual(parseGatewayRef('gw/main', 'x'), { namespace: 'gw', name: 'main' });
    assert.deepEqual(parseGatewayRef('main', 'x'), { namespace: 'x', name: 'main' });
    assert.equal(parseGatewayRef('a/b/c', 'x'), undefined);
  });
});

describe('endpoint: the tree description of a version', () => {
  const readiness = (ready: number, desired: number) => ({ ready, desired, isReady: ready === desired && ready > 0 });
  const model: EndpointModel = {
    namespace: 'models',
    endpoint: 'ep',
    routed: true,
    versions: [
      { name: 'versiona', trafficPercentile: 20, isDefault: false, isControl: false, role: 'treatment', weight: 20, exact: 20, explanation: '', readiness: readiness(1, 1) },
      { name: 'versionb', trafficPercentile: 40, isDefault: true, isControl: true, role: 'control', weight: 80, exact: 80, explanation: '', readiness: readiness(2, 2) },
    ],
    unrouted: [{ name: 'versionc', readiness: readiness(0, 1) }],
    problems: [],
  };
  it('share · role · default · ready/desired; not routed for a version outside the route', () => {
    assert.equal(endpointVersionDescription(model, 'versionb'), '80% · control · default · 2/2');
    assert.equal(endpointVersionDescription(model, 'versiona'), '20% · treatment · 1/1');
    assert.equal(endpointVersionDescription(model, 'versionc'), 'not routed · 0/1');
    assert.equal(endpointVersionDescription(model, 'nope'), '');
  });
});
