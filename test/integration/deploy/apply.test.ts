// Deploy engine against the real kube-apiserver: rendered objects accepted, idempotent apply, updates in place,
// keys that survive redeploys, and delete by label.
import assert from 'node:assert/strict';
import { AppsV1Api, AutoscalingV2Api, CoreV1Api, RbacAuthorizationV1Api } from '@kubernetes/client-node';
import { serviceNames } from '../../../src/core/manifests';
import { applyService, deleteService, readKeys } from '../../../src/kube/deploy';
import { serviceLabels } from '../../../src/kube/labels';
import { useKubeTestEnv } from '../../support/kubeTestEnv';
import { uniqueName } from '../kube/helpers';
import { target } from './fixture';

describe('deploy engine: apply and delete against kube-apiserver', function () {
  const kube = useKubeTestEnv();
  let core: CoreV1Api;
  let apps: AppsV1Api;
  let hpa: AutoscalingV2Api;
  let rbac: RbacAuthorizationV1Api;

  before(async function () {
    core = kube().kubeConfig.makeApiClient(CoreV1Api);
    apps = kube().kubeConfig.makeApiClient(AppsV1Api);
    hpa = kube().kubeConfig.makeApiClient(AutoscalingV2Api);
    rbac = kube().kubeConfig.makeApiClient(RbacAuthorizationV1Api);
  });

  it('dry-run: the server admits every object and stores none', async () => {
    const ns = uniqueName('dry');
    await core.createNamespace({ body: { metadata: { name: ns } } });
    const r = await applyService(kube().kubeConfig, target(ns, { authEnabled: true, gpuCores: 1 }), { dryRun: true });
    assert.deepEqual(r.applied.map((a) => a.kind), ['ServiceAccount', 'ServiceAccount', 'ConfigMap', 'Role', 'RoleBinding', 'ClusterRoleBinding', 'NetworkPolicy', 'Deployment', 'Service', 'HorizontalPodAutoscaler']);
    assert.equal((await apps.listNamespacedDeployment({ namespace: ns })).items.length, 0);
    assert.equal((await core.listNamespacedSecret({ namespace: ns })).items.length, 0);
  });

  it('applies for real (namespace included); a second identical deploy changes no resourceVersion and keeps the keys', async () => {
    const ns = uniqueName('idem');
    const t = { ...target(ns, { authEnabled: true, gpuCores: 1 }), createNamespace: true };
    const first = await applyService(kube().kubeConfig, t);
    assert.deepEqual(first.keys, { primary: 'created', secondary: 'created' });
    const d = await apps.readNamespacedDeployment({ name: 'scorer', namespace: ns });
    assert.equal(d.spec!.template.spec!.containers[0].resources!.limits!['nvidia.com/gpu'], '1');
    assert.equal(d.spec!.template.spec!.containers[1].name, 'auth-proxy');
    const keys = await readKeys(kube().kubeConfig, { serviceName: 'scorer', namespace: ns });
    assert.notEqual(keys.primary, keys.secondary);

    const second = await applyService(kube().kubeConfig, t);
    assert.deepEqual(second.keys, { primary: 'kept', secondary: 'kept' });
    // The namespace is created once and left alone afterwards (it may be shared with others).
    assert.equal(first.applied[0].kind, 'Namespace');
    assert.ok(!second.applied.some((a) => a.kind === 'Namespace'));
    assert.deepEqual(second.applied.map((a) => a.resourceVersion), first.applied.slice(1).map((a) => a.resourceVersion));
    assert.deepEqual(await readKeys(kube().kubeConfig, { serviceName: 'scorer', namespace: ns }), keys);
  });

  it('a changed config updates in place: new replicas/limits, HPA gone when autoscale is turned off', async () => {
    const ns = uniqueName('upd');
    await core.createNamespace({ body: { metadata: { name: ns } } });
    const first = await applyService(kube().kubeConfig, target(ns, { authEnabled: true }));
    const keys = await readKeys(kube().kubeConfig, { serviceName: 'scorer', namespace: ns });
    const uid = (await apps.readNamespacedDeployment({ name: 'scorer', namespace: ns })).metadata!.uid;
    assert.equal(first.isUpdate, false);
    await hpa.readNamespacedHorizontalPodAutoscaler({ name: 'scorer', namespace: ns });

    const second = await applyService(kube().kubeConfig, target(ns, { authEnabled: true, autoScaler: { autoscaleEnabled: false }, numReplicas: 3, containerResourceRequirements: { cpu: 1, memoryInGB: 2 } }, 'scorer', 'registry.example:5000/scorer:2'));
    const d = await apps.readNamespacedDeployment({ name: 'scorer', namespace: ns });
    assert.equal(d.metadata!.uid, uid, 'updated in place, not re-created');
    assert.equal(second.isUpdate, true);
    assert.equal(d.spec!.replicas, 3);
    assert.equal(d.spec!.template.spec!.containers[0].image, 'registry.example:5000/scorer:2');
    assert.deepEqual(d.spec!.template.spec!.containers[0].resources!.requests, { cpu: '1', memory: '2G' });
    assert.deepEqual(second.removed.map((o) => o.kind), ['HorizontalPodAutoscaler']);
    assert.equal((await hpa.listNamespacedHorizontalPodAutoscaler({ namespace: ns })).items.length, 0);
    assert.deepEqual(await readKeys(kube().kubeConfig, { serviceName: 'scorer', namespace: ns }), keys, 'keys survive a changed redeploy');
  });

  it('delete removes exactly the labelled objects of this service, not the decoys', async () => {
    const ns = uniqueName('del');
    const other = uniqueName('del-other');
    await core.createNamespace({ body: { metadata: { name: ns } } });
    await core.createNamespace({ body: { metadata: { name: other } } });
    await applyService(kube().kubeConfig, target(ns, { authEnabled: true }));
    await applyService(kube().kubeConfig, target(ns, { authEnabled: true }, 'neighbour'));
    await applyService(kube().kubeConfig, target(other, { authEnabled: true }));
    // Unlabelled, same name prefix: must stay.
    await core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: 'scorer-notes' }, data: { a: 'b' } } });
    // Labelled like another service: must stay.
    await core.createNamespacedSecret({ namespace: ns, body: { metadata: { name: 'decoy', labels: serviceLabels('scorer2') } } });

    const deleted = await deleteService(kube().kubeConfig, { serviceName: 'scorer', namespace: ns });
    assert.deepEqual(deleted.map((d) => `${d.kind}/${d.name}`).sort(), [
      `ClusterRoleBinding/${serviceNames('scorer', ns).authDelegator}`,
      'ConfigMap/scorer-auth-proxy',
      'Deployment/scorer',
      'HorizontalPodAutoscaler/scorer',
      'NetworkPolicy/scorer',
      'Role/scorer-caller',
      'RoleBinding/scorer-caller',
      'Secret/scorer-key-primary',
      'Secret/scorer-key-secondary',
      'Service/scorer',
      'ServiceAccount/scorer',
      'ServiceAccount/scorer-client',
    ]);
    assert.deepEqual((await apps.listNamespacedDeployment({ namespace: ns })).items.map((d) => d.metadata!.name), ['neighbour']);
    assert.ok((await core.readNamespacedConfigMap({ name: 'scorer-notes', namespace: ns })).metadata);
    assert.ok((await core.readNamespacedSecret({ name: 'decoy', namespace: ns })).metadata);
    assert.ok((await apps.readNamespacedDeployment({ name: 'scorer', namespace: other })).metadata);
    assert.ok((await rbac.readClusterRoleBinding({ name: serviceNames('scorer', other).authDelegator })).metadata);
    assert.equal((await core.listNamespacedSecret({ namespace: ns, labelSelector: 'aksmodel.io/service=neighbour' })).items.length, 2);
  });
});
