import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { listClusterUserCredential, listManagedClusters } from '../../../src/azure/managedClusters';
import { collectPages } from '../../../src/azure/paging';
import { aksTargetFromCompute } from '../../../src/azure/aksTarget';
import { listKubernetesComputes, type KubernetesCompute } from '../../../src/azure/computes';
import { kubeConfigFromYaml } from '../../../src/kube/kubeconfig';
import { startHarness, workspace, type Harness } from './replayHarness';

describe('AKS cluster user kubeconfig in memory (ARM replay; example stand-in: 2022-01-01 ListClusterCredentialResult with a generated kubeconfig value)', () => {
  let h: Harness;
  const signal = new AbortController().signal;
  before(async () => {
    h = await startHarness();
  });
  after(async () => h?.replay.close());

  it('turns a listed AKS cluster into a parsed kubeconfig without logging it', async () => {
    const [cluster] = await collectPages(listManagedClusters(h.client, '00000000-0000-0000-0000-000000000000', signal));
    assert.ok(cluster);
    const configs = await listClusterUserCredential(h.client, cluster.id, signal, { format: 'exec' });
    assert.equal(configs[0]?.name, 'credentialName1');
    const kubeconfig = parse(configs[0]?.yaml ?? '') as {
      'current-context': string;
      clusters: { name: string; cluster: { server: string } }[];
      users: { user: { token?: string } }[];
    };
    assert.equal(kubeconfig['current-context'], 'clustername1');
    assert.equal(kubeconfig.clusters[0]?.cluster.server, 'https://clustername1-dns.hcp.eastus.azmk8s.io:443');
    const secret = kubeconfig.users[0]?.user.token;
    assert.ok(secret);
    assert.equal(h.logLines.join('\n').includes(secret), false, 'kubeconfig secret in the log');
    assert.equal(h.logLines.join('\n').includes(configs[0]?.yaml ?? 'x'), false);
  });

  it('turns a workspace AKS compute into a deploy target with an in-memory kubeconfig', async () => {
    const computes = await collectPages(listKubernetesComputes(h.client, workspace, signal));
    const target = await aksTargetFromCompute(h.client, computes[0] as KubernetesCompute, signal);
    assert.equal(target.computeName, 'compute123');
    assert.equal(target.clusterName, 'compute123-56826-c9b00420020b2');
    const kubeconfig = parse(target.kubeconfig.yaml) as { clusters: { cluster: { server: string } }[] };
    assert.equal(kubeconfig.clusters[0]?.cluster.server, 'https://compute123-56826-c9b00420020b2-dns.hcp.eastus.azmk8s.io:443');
    // The project's kube layer takes it from memory as it is (no file in between).
    const kc = kubeConfigFromYaml(target.kubeconfig.yaml);
    assert.equal(kc.getCurrentCluster()?.server, 'https://compute123-56826-c9b00420020b2-dns.hcp.eastus.azmk8s.io:443');
    assert.equal(kc.getCurrentUser()?.name, 'clusterUser_compute123-56826-c9b00420020b2');
    const arc = { ...(computes[0] as KubernetesCompute), name: 'arc', resourceId: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Kubernetes/connectedClusters/arc' };
    await assert.rejects(aksTargetFromCompute(h.client, arc, signal), /Compute "arc" is not backed by an AKS cluster/);
  });

  it('sends format only with a value the spec enumerates, and nothing off-spec', async () => {
    assert.ok(h.replay.requests.some((r) => r.operationId === 'ManagedClusters_ListClusterUserCredentials' && r.status === 200));
    assert.deepEqual(h.replay.violations, []);
  });
});
