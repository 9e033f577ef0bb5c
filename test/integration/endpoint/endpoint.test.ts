// Endpoints with versions against the real kube-apiserver with the official Gateway API CRDs: the seed's four
// worked examples end to end (HTTPRoute weights as stored on the server), the limits, the readiness gate, a failed
// version deploy, deleting versions, and a cluster without the Gateway API.
import assert from 'node:assert/strict';
import { AppsV1Api, CoreV1Api, CustomObjectsApi } from '@kubernetes/client-node';
import { endpointVersionDescription } from '../../../src/core/endpointModel';
import { readKeys } from '../../../src/kube/deploy';
import {
  deleteVersion,
  deployEndpointVersion,
  listGateways,
  makeDefault,
  markControl,
  markTreatment,
  NO_GATEWAY_API_MESSAGE,
  promote,
  readEndpoint,
  setTraffic,
} from '../../../src/kube/endpoint';
import { useKubeTestEnv } from '../../support/kubeTestEnv';
import { uniqueName } from '../kube/helpers';
import { installGatewayWithCrds, routeResourceVersion, routeWeights, runDeploy, setStatus, versionTarget } from './fixture';

describe('endpoint engine: versions and traffic on a Gateway API HTTPRoute (kube-apiserver + official CRDs)', function () {
  const kube = useKubeTestEnv();
  const kc = () => kube().kubeConfig;

  before(async function () {
    this.timeout(120_000);
    await installGatewayWithCrds(kc());
  });

  async function newNamespace(prefix: string): Promise<string> {
    const ns = uniqueName(prefix);
    await kc().makeApiClient(CoreV1Api).createNamespace({ body: { metadata: { name: ns } } });
    return ns;
  }

  it('lists the Gateways of the cluster', async () => {
    const { gateways } = await listGateways(kc());
    assert.deepEqual(gateways.map((g) => `${g.namespace}/${g.name} ${g.className} ${g.listeners.join(',')}`), ['gateways/shared-gw shared-gw-class http HTTP/80']);
  });

  it("the seed's four worked examples, end to end, with the weights on the server (key auth shared by the versions)", async () => {
    const ns = await newNamespace('seed');
    const ep = 'mynewendpoint';
    const key = { authEnabled: true };
    // 1. create versiona with 20 % (first ⇒ default): a gets 100 %.
    const one = await runDeploy(kc(), versionTarget(ns, ep, 'versiona', { trafficPercentile: 20, ...key }));
    assert.deepEqual(await routeWeights(kc(), ns, ep), { 'mynewendpoint-versiona': 100 });
    assert.deepEqual(one.seen.map((p) => p.step).filter((s, i, a) => a.indexOf(s) === i), ['apply', 'rollout', 'route']);
    assert.equal(one.result.model.versions[0].isDefault, true);
    const keys = await readKeys(kc(), { serviceName: ep, namespace: ns });

    // 2. add versionb with 10 %: a = 20 + 70 (remainder) = 90 %, b = 10 %.
    await runDeploy(kc(), versionTarget(ns, ep, 'versionb', { trafficPercentile: 10, ...key }));
    assert.deepEqual(await routeWeights(kc(), ns, ep), { 'mynewendpoint-versiona': 90, 'mynewendpoint-versionb': 10 });
    assert.deepEqual(await readKeys(kc(), { serviceName: ep, namespace: ns }), keys, 'the endpoint keeps one pair of keys for all versions');

    // 3. update b to 40 %, is_default=True, control: a = 20 %, b = 40 + 40 = 80 %.
    await runDeploy(kc(), versionTarget(ns, ep, 'versionb', { trafficPercentile: 40, ...key }, { isDefault: true, isControl: true }));
    assert.deepEqual(await routeWeights(kc(), ns, ep), { 'mynewendpoint-versiona': 20, 'mynewendpoint-versionb': 80 });
    const m3 = await readEndpoint(kc(), ns, ep);
    assert.equal(endpointVersionDescription(m3, 'versionb'), '80% · control · default · 2/2');
    assert.equal(endpointVersionDescription(m3, 'versiona'), '20% · treatment · 2/2');
    assert.deepEqual(m3.problems, []);

    // 4. delete b: a = 100 %. b is the default, so it goes only with a new default named (or made first).
    await assert.rejects(deleteVersion(kc(), { namespace: ns, endpoint: ep }, 'versionb'), /versionb is the default.*make another version the default first.*Nothing was changed/);
    assert.deepEqual(await routeWeights(kc(), ns, ep), { 'mynewendpoint-versiona': 20, 'mynewendpoint-versionb': 80 });
    const del = await deleteVersion(kc(), { namespace: ns, endpoint: ep }, 'versionb', { newDefault: 'versiona' });
    assert.deepEqual(await routeWeights(kc(), ns, ep), { 'mynewendpoint-versiona': 100 });
    assert.ok(del.deleted.some((d) => d.kind === 'Deployment' && d.name === 'mynewendpoint-versionb'));
    assert.ok(!del.deleted.some((d) => d.kind === 'Secret' || d.name === 'mynewendpoint-client'), 'the shared auth objects stay');
    const deployments = await kc().makeApiClient(AppsV1Api).listNamespacedDeployment({ namespace: ns });
    assert.deepEqual(deployments.items.map((d) => d.metadata!.name), ['mynewendpoint-versiona']);
    assert.deepEqual(await readKeys(kc(), { serviceName: ep, namespace: ns }), keys);
    const m4 = await readEndpoint(kc(), ns, ep);
    assert.deepEqual(m4.versions.map((v) => [v.name, v.weight, v.isDefault]), [['versiona', 100, true]]);
  });

  it('the route: official CRD schema accepts it; path prefix rewritten to /, parentRef to the picked Gateway, settings in annotations', async () => {
    const ns = await newNamespace('shape');
    await runDeploy(kc(), versionTarget(ns, 'ep', 'blue', { trafficPercentile: 30 }));
    const route = (await kc().makeApiClient(CustomObjectsApi).getNamespacedCustomObject({ group: 'gateway.networking.k8s.io', version: 'v1', plural: 'httproutes', namespace: ns, name: 'ep' })) as {
      metadata: { labels: Record<string, string>; annotations: Record<string, string>; managedFields: { manager: string }[] };
      spec: { parentRefs: unknown[]; rules: { matches: unknown[]; filters: unknown[]; backendRefs: unknown[] }[] };
    };
    assert.deepEqual(route.spec.parentRefs, [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', namespace: 'gateways', name: 'shared-gw' }]);
    assert.deepEqual(route.spec.rules[0].matches, [{ path: { type: 'PathPrefix', value: '/api/v1/service/ep' } }]);
    assert.deepEqual(route.spec.rules[0].filters, [{ type: 'URLRewrite', urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/' } } }]);
    assert.deepEqual(route.spec.rules[0].backendRefs, [{ group: '', kind: 'Service', name: 'ep-blue', port: 80, weight: 100 }]);
    assert.deepEqual(JSON.parse(route.metadata.annotations['aksmodel.io/versions']), [{ name: 'blue', trafficPercentile: 30, isDefault: true, port: 80 }]);
    assert.equal(route.metadata.labels['aksmodel.io/service'], 'ep');
    assert.deepEqual(route.metadata.managedFields.map((f) => f.manager), ['aks-model-deploy']);
    // A re-apply of the same version changes nothing on the server.
    const rv = await routeResourceVersion(kc(), ns, 'ep');
    await runDeploy(kc(), versionTarget(ns, 'ep', 'blue', { trafficPercentile: 30 }));
    assert.equal(await routeResourceVersion(kc(), ns, 'ep'), rv);
  });

  it('limits: a seventh version and a second control are refused with a clear message, nothing applied or changed', async () => {
    const ns = await newNamespace('limits');
    const ep = 'lim';
    for (let i = 1; i <= 6; i++) await runDeploy(kc(), versionTarget(ns, ep, `ver${i}`, { trafficPercentile: 10 }, { isControl: i === 1 ? true : undefined }));
    assert.deepEqual(Object.values(await routeWeights(kc(), ns, ep)), [50, 10, 10, 10, 10, 10]);
    const rv = await routeResourceVersion(kc(), ns, ep);
    await assert.rejects(runDeploy(kc(), versionTarget(ns, ep, 'ver7', { trafficPercentile: 1 })), /already has 6 versions, the most one endpoint holds.*Nothing was changed/);
    await assert.rejects(kc().makeApiClient(AppsV1Api).readNamespacedDeployment({ name: 'lim-ver7', namespace: ns }), (e: { code?: number }) => e.code === 404);
    await assert.rejects(markControl(kc(), { namespace: ns, endpoint: ep }, 'ver2'), /one control only: ver1 and ver2 would both be\. Mark ver1 as a treatment first/);
    await assert.rejects(runDeploy(kc(), versionTarget(ns, ep, 'ver3', {}, { isControl: true })), /one control only/);
    await assert.rejects(setTraffic(kc(), { namespace: ns, endpoint: ep }, { ver2: 60 }), /claim 110 % of the traffic together/);
    assert.equal(await routeResourceVersion(kc(), ns, ep), rv);
    // Moving the control the allowed way: treatment first, then control; or promote.
    await markTreatment(kc(), { namespace: ns, endpoint: ep }, 'ver1');
    const m = await markControl(kc(), { namespace: ns, endpoint: ep }, 'ver2');
    assert.deepEqual(m.versions.filter((v) => v.isControl).map((v) => v.name), ['ver2']);
    const p = await promote(kc(), { namespace: ns, endpoint: ep }, 'ver3');
    assert.deepEqual(p.versions.filter((v) => v.isControl || v.isDefault).map((v) => `${v.name} ${v.role} ${v.isDefault} ${v.weight}`), ['ver3 control true 50']);
    assert.deepEqual(Object.values(await routeWeights(kc(), ns, ep)), [10, 10, 50, 10, 10, 10]);
  });

  it('readiness gate: no traffic moves to an unready version; traffic may move away from it', async () => {
    const ns = await newNamespace('gate');
    const ep = 'gate';
    await runDeploy(kc(), versionTarget(ns, ep, 'vera', { trafficPercentile: 50 }));
    await runDeploy(kc(), versionTarget(ns, ep, 'verb', { trafficPercentile: 20 }));
    assert.deepEqual(await routeWeights(kc(), ns, ep), { 'gate-vera': 80, 'gate-verb': 20 });
    await setStatus(kc(), ns, 'gate-verb', 0);
    const rv = await routeResourceVersion(kc(), ns, ep);
    await assert.rejects(setTraffic(kc(), { namespace: ns, endpoint: ep }, { verb: 40 }), /Traffic not changed: verb \(0\/2 ready\) would gain traffic but is not ready/);
    await assert.rejects(makeDefault(kc(), { namespace: ns, endpoint: ep }, 'verb'), /verb \(0\/2 ready\) would gain traffic/);
    assert.equal(await routeResourceVersion(kc(), ns, ep), rv);
    assert.equal(endpointVersionDescription(await readEndpoint(kc(), ns, ep), 'verb'), '20% · treatment · 0/2');
    // Away from the unready version: allowed (the default, ready, gains).
    await setTraffic(kc(), { namespace: ns, endpoint: ep }, { verb: 0 });
    assert.deepEqual(await routeWeights(kc(), ns, ep), { 'gate-vera': 100, 'gate-verb': 0 });
    await setStatus(kc(), ns, 'gate-verb');
    await setTraffic(kc(), { namespace: ns, endpoint: ep }, { verb: 40 });
    assert.deepEqual(await routeWeights(kc(), ns, ep), { 'gate-vera': 60, 'gate-verb': 40 });
  });

  it('a failed version deploy leaves the route unchanged; the version shows as not routed and can be deleted', async () => {
    const ns = await newNamespace('fail');
    const ep = 'fail';
    await runDeploy(kc(), versionTarget(ns, ep, 'vera', { trafficPercentile: 50 }));
    const rv = await routeResourceVersion(kc(), ns, ep);
    const deadline = { conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded', message: 'ReplicaSet "fail-verc-1" has timed out progressing.' }] };
    await assert.rejects(
      runDeploy(kc(), versionTarget(ns, ep, 'verc', { trafficPercentile: 30 }), (w) => setStatus(kc(), ns, w, 0, deadline)),
      (e: Error & { kind?: string }) => e.kind === 'rolloutFailed' && /exceeded its progress deadline/.test(e.message),
    );
    assert.equal(await routeResourceVersion(kc(), ns, ep), rv);
    assert.deepEqual(await routeWeights(kc(), ns, ep), { 'fail-vera': 100 });
    const model = await readEndpoint(kc(), ns, ep);
    assert.deepEqual(model.unrouted.map((u) => u.name), ['verc']);
    assert.equal(endpointVersionDescription(model, 'verc'), 'not routed · 0/2');
    const del = await deleteVersion(kc(), { namespace: ns, endpoint: ep }, 'verc');
    assert.ok(del.deleted.some((d) => d.name === 'fail-verc'));
    assert.equal(await routeResourceVersion(kc(), ns, ep), rv);
    // The last version takes the endpoint with it: the route goes too.
    const last = await deleteVersion(kc(), { namespace: ns, endpoint: ep }, 'vera');
    assert.ok(last.deleted.some((d) => d.kind === 'HTTPRoute' && d.name === 'fail'));
    const left = await kc().makeApiClient(AppsV1Api).listNamespacedDeployment({ namespace: ns });
    assert.equal(left.items.length, 0);
    assert.equal((await readEndpoint(kc(), ns, ep)).routed, false);
  });

  it('deleting a non-default version while others stay; an unknown version is refused', async () => {
    const ns = await newNamespace('del');
    const ep = 'del';
    await runDeploy(kc(), versionTarget(ns, ep, 'vera', { trafficPercentile: 10 }));
    await runDeploy(kc(), versionTarget(ns, ep, 'verb', { trafficPercentile: 30 }));
    await runDeploy(kc(), versionTarget(ns, ep, 'verc', { trafficPercentile: 30 }));
    await deleteVersion(kc(), { namespace: ns, endpoint: ep }, 'verb');
    assert.deepEqual(await routeWeights(kc(), ns, ep), { 'del-vera': 70, 'del-verc': 30 });
    await assert.rejects(deleteVersion(kc(), { namespace: ns, endpoint: ep }, 'zzz'), /has no version zzz/);
  });
});

describe('endpoint engine on a cluster without the Gateway API', function () {
  const kube = useKubeTestEnv();

  it('says so, says how to enable it, and creates nothing', async () => {
    const kc = kube().kubeConfig;
    const ns = uniqueName('nogw');
    const gen = deployEndpointVersion(kc, versionTarget(ns, 'ep', 'ver1', { trafficPercentile: 10 }));
    await assert.rejects(gen.next(), (e: Error) => e.message === NO_GATEWAY_API_MESSAGE);
    assert.match(NO_GATEWAY_API_MESSAGE, /no Gateway API \(HTTPRoute.*Nothing was changed.*On AKS, enable the application routing add-on with Gateway API, or the Istio service mesh add-on/);
    await assert.rejects(kc.makeApiClient(CoreV1Api).readNamespace({ name: ns }), (e: { code?: number }) => e.code === 404);
    const any = await kc.makeApiClient(AppsV1Api).listDeploymentForAllNamespaces({ labelSelector: 'app.kubernetes.io/managed-by=aks-model-deploy' });
    assert.equal(any.items.length, 0);
    await assert.rejects(listGateways(kc), /no Gateway API/);
    await assert.rejects(setTraffic(kc, { namespace: 'default', endpoint: 'ep' }, { ver1: 5 }), /no Gateway API/);
  });
});
