// Calling an endpoint with versions (real kube-apiserver, official Gateway API CRDs): the endpoint's URI is its
// Gateway's address on v1's path ("waiting" until the Gateway has one), each version has its in-cluster URI, a call
// to the endpoint picks a version by the route's weights and a call to a version goes to that version only. The pod
// end is a real HTTP server reached through the engine's `connect` hook (the real-node test covers the tunnel).
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import { CoreV1Api, CustomObjectsApi } from '@kubernetes/client-node';
import { callService, readServiceAccess } from '../../../src/kube/call';
import { serviceLabels } from '../../../src/kube/labels';
import { useKubeTestEnv } from '../../support/kubeTestEnv';
import { uniqueName } from '../kube/helpers';
import { GATEWAY, installGatewayWithCrds, runDeploy, versionTarget } from '../endpoint/fixture';

describe('call engine: an endpoint and its versions (real kube-apiserver, Gateway API CRDs)', function () {
  const kube = useKubeTestEnv();
  const ns = uniqueName('callep');
  const endpoint = 'iris';
  let server: http.Server;
  let port = 0;

  before(async () => {
    const kc = kube().kubeConfig;
    await installGatewayWithCrds(kc);
    await runDeploy(kc, versionTarget(ns, endpoint, 'blue', { trafficPercentile: 70, numReplicas: 1 }));
    await runDeploy(kc, versionTarget(ns, endpoint, 'green', { trafficPercentile: 30, numReplicas: 1 }));
    const core = kc.makeApiClient(CoreV1Api);
    for (const v of ['blue', 'green']) {
      const name = `${endpoint}-${v}-pod`;
      await core.createNamespacedPod({ namespace: ns, body: { metadata: { name, labels: serviceLabels(endpoint, v) }, spec: { serviceAccountName: `${endpoint}-${v}`, automountServiceAccountToken: false, containers: [{ name: 'model', image: 'x' }] } } });
      const pod = await core.readNamespacedPodStatus({ namespace: ns, name });
      pod.status = { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] };
      await core.replaceNamespacedPodStatus({ namespace: ns, name, body: pod });
    }
    server = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"predictions": [0, 2]}'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as net.AddressInfo).port;
  });
  after(() => new Promise<void>((r) => (server ? server.close(() => r()) : r())));

  const call = async (version: string | undefined, random: number) => {
    const pods: string[] = [];
    const r = await callService(kube().kubeConfig, { namespace: ns, service: endpoint, version, body: '{}' }, {
      random: () => random,
      connect: async (_ns, pod) => {
        pods.push(pod);
        const socket = net.connect(port, '127.0.0.1');
        await new Promise<void>((ok, fail) => socket.once('connect', ok).once('error', fail));
        return { socket, errors: () => '', close: () => socket.destroy() };
      },
    });
    return { r, pods };
  };

  it('the endpoint URI waits for the Gateway\'s address, then is v1\'s path on it; versions have in-cluster URIs', async () => {
    const waiting = await readServiceAccess(kube().kubeConfig, { namespace: ns, service: endpoint });
    assert.equal(waiting.isEndpoint, true);
    assert.deepEqual(waiting.addresses[0], { exposure: 'gateway', waiting: 'waiting for the Gateway to get an address' });
    assert.deepEqual(waiting.addresses.slice(1).map((a) => [a.version, a.scoringUri]), [
      ['blue', `http://${endpoint}-blue.${ns}.svc.cluster.local/score`],
      ['green', `http://${endpoint}-green.${ns}.svc.cluster.local/score`],
    ]);

    // A Gateway controller reports the address in the Gateway's status.
    const custom = kube().kubeConfig.makeApiClient(CustomObjectsApi);
    const gw = (await custom.getNamespacedCustomObject({ group: 'gateway.networking.k8s.io', version: 'v1', plural: 'gateways', namespace: GATEWAY.namespace, name: GATEWAY.name })) as { status?: object };
    gw.status = { addresses: [{ type: 'IPAddress', value: '10.20.30.40' }] };
    await custom.replaceNamespacedCustomObjectStatus({ group: 'gateway.networking.k8s.io', version: 'v1', plural: 'gateways', namespace: GATEWAY.namespace, name: GATEWAY.name, body: gw });
    const routed = await readServiceAccess(kube().kubeConfig, { namespace: ns, service: endpoint });
    assert.equal(routed.scoringUri, `http://10.20.30.40/api/v1/service/${endpoint}/score`);
    assert.equal(routed.swaggerUri, `http://10.20.30.40/api/v1/service/${endpoint}/swagger.json`);

    const version = await readServiceAccess(kube().kubeConfig, { namespace: ns, service: endpoint, version: 'green' });
    assert.equal(version.scoringUri, `http://${endpoint}-green.${ns}.svc.cluster.local/score`);
    await assert.rejects(readServiceAccess(kube().kubeConfig, { namespace: ns, service: endpoint, version: 'red' }), /Version red of endpoint iris is not deployed/);
  });

  it('an endpoint call follows the route\'s weights (70/30); a version call goes to that version', async () => {
    const low = await call(undefined, 0.1);
    assert.equal(low.r.status, 200, low.r.error);
    assert.equal(low.r.version, 'blue');
    assert.deepEqual(low.pods, [`${endpoint}-blue-pod`]);
    const high = await call(undefined, 0.9);
    assert.equal(high.r.version, 'green');
    assert.deepEqual(high.pods, [`${endpoint}-green-pod`]);
    const direct = await call('blue', 0.9);
    assert.equal(direct.r.version, 'blue');
    assert.deepEqual(direct.pods, [`${endpoint}-blue-pod`]);
    assert.match(direct.r.via, new RegExp(`^port-forward to pod ${endpoint}-blue-pod, port 5001 \\(http\\)$`));
  });
});
