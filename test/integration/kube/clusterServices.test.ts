// What the Targets tree shows under a cluster, against the REAL kube-apiserver: services found by label across
// namespaces, their replicas, live changes through the watches, and the fall-back to one namespace for a user
// who may not list the others.
import assert from 'node:assert/strict';
import { AppsV1Api, CoreV1Api, type KubeConfig, RbacAuthorizationV1Api } from '@kubernetes/client-node';
import { type ClusterServicesView, listServices, watchClusterServices } from '../../../src/kube';
import { serviceLabels } from '../../../src/kube/labels';
import { useKubeTestEnv } from '../../support/kubeTestEnv';
import { createNamespace } from '../ops/opsHelpers';
import { tokenKubeConfig, uniqueName, waitFor } from './helpers';

async function deployLabelled(kc: KubeConfig, namespace: string, service: string, pods: string[], version?: string): Promise<void> {
  const labels = serviceLabels(service, version);
  const name = version ? `${service}-${version}` : service;
  await kc.makeApiClient(AppsV1Api).createNamespacedDeployment({
    namespace,
    body: {
      metadata: { name, labels },
      spec: { replicas: pods.length, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'model', image: 'example.invalid/m:1' }] } } },
    },
  });
  for (const p of pods) {
    await kc.makeApiClient(CoreV1Api).createNamespacedPod({ namespace, body: { metadata: { name: `${name}-${p}`, labels }, spec: { containers: [{ name: 'model', image: 'example.invalid/m:1' }] } } });
  }
}

describe('cluster services: the Targets tree model on the real kube-apiserver', function () {
  this.timeout(120_000);
  const kube = useKubeTestEnv();
  let a: string;
  let b: string;

  before(async () => {
    a = uniqueName('tree-a');
    b = uniqueName('tree-b');
    await createNamespace(kube().kubeConfig, a);
    await createNamespace(kube().kubeConfig, b);
    await deployLabelled(kube().kubeConfig, a, 'iris', ['x', 'y']);
    await deployLabelled(kube().kubeConfig, b, 'churn', ['x'], 'blue');
    await deployLabelled(kube().kubeConfig, b, 'churn', ['x'], 'green');
    // Not ours: no managed-by label, so neither listed nor watched.
    await kube().kubeConfig.makeApiClient(AppsV1Api).createNamespacedDeployment({
      namespace: a,
      body: { metadata: { name: 'other' }, spec: { selector: { matchLabels: { app: 'o' } }, template: { metadata: { labels: { app: 'o' } }, spec: { containers: [{ name: 'c', image: 'x' }] } } } },
    });
  });

  const ours = (v: ClusterServicesView) => v.services.filter((s) => s.namespace === a || s.namespace === b);

  it('lists the services across namespaces, endpoints with their versions, and only ours', async () => {
    const { services } = await listServices(kube().kubeConfig, 'default');
    const mine = services.filter((s) => s.namespace === a || s.namespace === b);
    assert.deepEqual(mine.map((s) => [s.namespace, s.serviceName, s.versions]), [[a, 'iris', []], [b, 'churn', ['blue', 'green']]].sort((x, y) => String(x[0]).localeCompare(String(y[0]))));
  });

  it('watches: replicas per service and version, a new replica and a deleted service show without a relist', async () => {
    const stop = new AbortController();
    let changes = 0;
    const watch = watchClusterServices(kube().kubeConfig, { signal: stop.signal, fallbackNamespace: 'default', onChange: () => changes++ });
    try {
      await watch.synced;
      const first = ours(watch.view());
      const iris = first.find((s) => s.serviceName === 'iris')!;
      assert.deepEqual(iris.status.pods.map((p) => p.name), ['iris-x', 'iris-y']);
      assert.equal(iris.summary, '0/0 ready · 2 pending', 'no controller runs here: no Deployment status, pods Pending');
      const churn = first.find((s) => s.serviceName === 'churn')!;
      assert.deepEqual(churn.versions.map((v) => [v.version, v.status.pods.map((p) => p.name)]), [['blue', ['churn-blue-x']], ['green', ['churn-green-x']]]);
      assert.equal(churn.summary, '2 versions · 0/0 ready');

      const before = changes;
      await kube().kubeConfig.makeApiClient(CoreV1Api).createNamespacedPod({ namespace: a, body: { metadata: { name: 'iris-z', labels: serviceLabels('iris') }, spec: { containers: [{ name: 'model', image: 'x' }] } } });
      await waitFor('the new replica', () => (ours(watch.view()).find((s) => s.serviceName === 'iris')?.status.pods.length === 3 ? true : undefined));
      assert.ok(changes > before, 'onChange fired');

      await kube().kubeConfig.makeApiClient(AppsV1Api).deleteNamespacedDeployment({ name: 'churn-green', namespace: b });
      await waitFor('version green gone', () => (ours(watch.view()).find((s) => s.serviceName === 'churn')?.versions.length === 1 ? true : undefined));
    } finally {
      stop.abort();
    }
  });

  it('falls back to the context namespace when listing across namespaces is forbidden, and says so', async () => {
    const admin = kube().kubeConfig;
    const core = admin.makeApiClient(CoreV1Api);
    const rbac = admin.makeApiClient(RbacAuthorizationV1Api);
    await core.createNamespacedServiceAccount({ namespace: a, body: { metadata: { name: 'viewer' } } });
    await rbac.createNamespacedRole({ namespace: a, body: { metadata: { name: 'viewer' }, rules: [
      { apiGroups: ['apps'], resources: ['deployments'], verbs: ['list', 'watch'] },
      { apiGroups: ['autoscaling'], resources: ['horizontalpodautoscalers'], verbs: ['list', 'watch'] },
      { apiGroups: [''], resources: ['pods'], verbs: ['list', 'watch'] },
    ] } });
    await rbac.createNamespacedRoleBinding({ namespace: a, body: { metadata: { name: 'viewer' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'viewer' }, subjects: [{ kind: 'ServiceAccount', name: 'viewer', namespace: a }] } });
    const token = await core.createNamespacedServiceAccountToken({ name: 'viewer', namespace: a, body: { spec: { audiences: [], expirationSeconds: 600 } } });
    const viewer = tokenKubeConfig(admin, token.status!.token);

    const listed = await listServices(viewer, a);
    assert.equal(listed.onlyNamespace, a);
    assert.deepEqual(listed.services.map((s) => s.serviceName), ['iris']);

    const stop = new AbortController();
    const watch = watchClusterServices(viewer, { signal: stop.signal, fallbackNamespace: a, onChange: () => {} });
    try {
      const view = await waitFor('the namespaced view', () => {
        const v = watch.view();
        return v.synced && v.onlyNamespace === a && v.services.length > 0 ? v : undefined;
      });
      assert.deepEqual(view.services.map((s) => `${s.namespace}/${s.serviceName}`), [`${a}/iris`]);
      assert.equal(view.error, undefined);
    } finally {
      stop.abort();
    }
  });

  it('names the namespace when even it may not be watched', async () => {
    const core = kube().kubeConfig.makeApiClient(CoreV1Api);
    await core.createNamespacedServiceAccount({ namespace: b, body: { metadata: { name: 'nobody' } } });
    const token = await core.createNamespacedServiceAccountToken({ name: 'nobody', namespace: b, body: { spec: { audiences: [], expirationSeconds: 600 } } });
    const nobody = tokenKubeConfig(kube().kubeConfig, token.status!.token);
    const stop = new AbortController();
    const watch = watchClusterServices(nobody, { signal: stop.signal, fallbackNamespace: b, onChange: () => {} });
    try {
      const view = await waitFor('the error view', () => (watch.view().error ? watch.view() : undefined));
      assert.match(view.error!, new RegExp(`^You may not watch the services in namespace ${b}: .*forbidden`));
      assert.deepEqual(view.services, []);
    } finally {
      stop.abort();
    }
  });
});
