// With auth on, the NetworkPolicy that closes the scoring port to other pods, as the real kube-apiserver stores it:
// it selects exactly the Deployment's pods and allows only the auth proxy's ports, read back from the stored
// Deployment. It goes when auth is turned off and with the service. (Whether traffic is filtered is the CNI's
// business: kube-testenv's bridge has no policy engine and does not enforce it; AKS with Azure NPM, Calico or
// Cilium does.)
import assert from 'node:assert/strict';
import { AppsV1Api, CoreV1Api, NetworkingV1Api } from '@kubernetes/client-node';
import { AUTH_PROXY_CONTAINER, MODEL_CONTAINER } from '../../../src/core/manifests';
import { applyService, deleteService } from '../../../src/kube/deploy';
import { useKubeTestEnv } from '../../support/kubeTestEnv';
import { uniqueName } from '../kube/helpers';
import { target } from './fixture';

describe('deploy engine: the auth NetworkPolicy against kube-apiserver', function () {
  const kube = useKubeTestEnv();

  it('allows only the proxy’s ports to the service’s pods, goes with auth off and on delete', async () => {
    const kc = kube().kubeConfig;
    const ns = uniqueName('netpol');
    await kc.makeApiClient(CoreV1Api).createNamespace({ body: { metadata: { name: ns } } });
    const net = kc.makeApiClient(NetworkingV1Api);
    const apps = kc.makeApiClient(AppsV1Api);
    await applyService(kc, target(ns, { authEnabled: true }));
    await applyService(kc, target(ns, { authEnabled: true }, 'neighbour'));

    const np = await net.readNamespacedNetworkPolicy({ name: 'scorer', namespace: ns });
    const d = await apps.readNamespacedDeployment({ name: 'scorer', namespace: ns });
    const containers = d.spec!.template.spec!.containers;
    const proxyPorts = containers.find((c) => c.name === AUTH_PROXY_CONTAINER)!.ports!.map((p) => p.containerPort);
    const scoringPorts = containers.find((c) => c.name === MODEL_CONTAINER)!.ports!.map((p) => p.containerPort);
    assert.deepEqual(np.spec!.policyTypes, ['Ingress']);
    assert.equal(np.spec!.ingress!.length, 1);
    assert.equal(np.spec!.ingress![0]._from, undefined, 'from anywhere, to the proxy');
    assert.deepEqual(np.spec!.ingress![0].ports!.map((p) => p.port), proxyPorts);
    for (const p of scoringPorts) assert.ok(!np.spec!.ingress![0].ports!.some((x) => x.port === p), `scoring port ${p} must not be allowed`);
    // The selector picks this service's pod template and not the neighbour's.
    const sel = np.spec!.podSelector!.matchLabels!;
    const matches = (labels: Record<string, string>) => Object.entries(sel).every(([k, v]) => labels[k] === v);
    assert.ok(matches(d.spec!.template.metadata!.labels!));
    const neighbour = await apps.readNamespacedDeployment({ name: 'neighbour', namespace: ns });
    assert.ok(!matches(neighbour.spec!.template.metadata!.labels!));

    const off = await applyService(kc, target(ns, { authEnabled: false }));
    assert.ok(off.removed.some((o) => o.kind === 'NetworkPolicy' && o.name === 'scorer'), JSON.stringify(off.removed));
    assert.deepEqual((await net.listNamespacedNetworkPolicy({ namespace: ns })).items.map((p) => p.metadata!.name), ['neighbour']);

    const deleted = await deleteService(kc, { serviceName: 'neighbour', namespace: ns });
    assert.ok(deleted.some((o) => o.kind === 'NetworkPolicy' && o.name === 'neighbour'));
    assert.equal((await net.listNamespacedNetworkPolicy({ namespace: ns })).items.length, 0);
  });
});
