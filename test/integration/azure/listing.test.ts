import assert from 'node:assert/strict';
import { listKubernetesComputes } from '../../../src/azure/computes';
import { getManagedCluster, listManagedClusters } from '../../../src/azure/managedClusters';
import { getModelVersion, listModelContainers, listModelVersions } from '../../../src/azure/models';
import { collectPages } from '../../../src/azure/paging';
import { listSubscriptions } from '../../../src/azure/subscriptions';
import { listWorkspaces } from '../../../src/azure/workspaces';
import { startHarness, workspace, type Harness } from './replayHarness';

describe('Azure listing against the ARM replay server (official examples, spec-checked)', () => {
  let h: Harness;
  const signal = new AbortController().signal;
  before(async () => {
    h = await startHarness();
  });
  after(async () => h?.replay.close());

  it('lists subscriptions from the Subscriptions_List example with an ARM-scoped token', async () => {
    const subs = await collectPages(listSubscriptions(h.client, signal));
    assert.deepEqual(subs.map((s) => s.displayName), ['Example Subscription', 'Example Subscription2']);
    assert.equal(subs[0]?.subscriptionId, '291bba3f-e0a5-47bc-a099-3bdcb2a50a05');
    assert.ok(h.credential.scopes.every((s) => s === `${h.replay.url}/.default`), h.credential.scopes.join());
  });

  it('lists ML workspaces of a subscription with their resource group', async () => {
    const ws = await collectPages(listWorkspaces(h.client, '00000000-1111-2222-3333-444444444444', signal));
    assert.deepEqual(ws.map((w) => `${w.resourceGroup}/${w.name}`), ['workspace-1234/testworkspace', 'workspace-5678/testworkspace']);
    assert.equal(ws[0]?.friendlyName, 'HelloName');
  });

  it('lists model containers with tags', async () => {
    const models = await collectPages(listModelContainers(h.client, workspace, signal));
    assert.equal(models[0]?.name, 'testContainer');
    assert.deepEqual(models[0]?.tags, { tag1: 'value1', tag2: 'value2' });
  });

  it('follows nextLink lazily across several pages of model versions (generated from the official example item)', async () => {
    h.replay.paginate('ModelVersions_List', { total: 25, pageSize: 10 });
    const before = h.replay.count('ModelVersions_List');
    const pages = listModelVersions(h.client, workspace, 'sklearn-model', signal);
    const first = await pages.next();
    assert.equal(first.done, false);
    assert.equal((first.value as unknown[]).length, 10);
    assert.equal(h.replay.count('ModelVersions_List') - before, 1, 'only the first page is fetched until asked for more');
    const rest = await collectPages(pages);
    assert.equal(rest.length, 15);
    assert.equal(h.replay.count('ModelVersions_List') - before, 3);
    const v = rest[14];
    assert.equal(v?.version, '25');
    assert.equal(v?.modelName, 'sklearn-model');
    assert.deepEqual(v?.tags, { string: 'string' });
    assert.deepEqual(v?.properties, { string: 'string' });
    assert.equal(v?.createdAt, '2020-01-01T12:34:56.999Z');
  });

  it('gets one model version with its model URI', async () => {
    h.replay.transform('ModelVersions_Get', (b) => ({ ...b, name: '3', properties: { ...(b.properties as object), modelUri: 'azureml://datastores/workspaceblobstore/paths/models/m/3' } }));
    const v = await getModelVersion(h.client, workspace, 'sklearn-model', '3', signal);
    assert.equal(v.version, '3');
    assert.equal(v.modelUri, 'azureml://datastores/workspaceblobstore/paths/models/m/3');
  });

  it('keeps only AKS and Kubernetes computes of a workspace', async () => {
    h.replay.transform('Compute_List', (b) => {
      const [aks] = b.value as Record<string, unknown>[];
      const other = { ...aks, name: 'cpu-cluster', properties: { computeType: 'AmlCompute' } };
      const arc = { ...aks, name: 'arc-k8s', properties: { computeType: 'Kubernetes', resourceId: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Kubernetes/connectedClusters/arc' } };
      return { ...b, value: [aks, other, arc] };
    });
    const computes = await collectPages(listKubernetesComputes(h.client, workspace, signal));
    assert.deepEqual(computes.map((c) => `${c.name}:${c.computeType}`), ['compute123:AKS', 'arc-k8s:Kubernetes']);
  });

  it('lists and gets AKS managed clusters', async () => {
    const clusters = await collectPages(listManagedClusters(h.client, '00000000-0000-0000-0000-000000000000', signal));
    assert.equal(clusters[0]?.name, 'clustername1');
    assert.equal(clusters[0]?.resourceGroup, 'rg1');
    const one = await getManagedCluster(h.client, clusters[0]?.id as string, signal);
    assert.equal(one.name, 'clustername1');
    assert.ok(one.kubernetesVersion);
  });

  it('made no request the official specs do not allow', () => {
    assert.deepEqual(h.replay.violations, []);
    assert.ok(h.replay.requests.length >= 10);
  });
});
