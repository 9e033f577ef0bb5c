import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { listClusterUserCredential, listManagedClusters } from '../../../src/azure/managedClusters';
import { collectPages } from '../../../src/azure/paging';
import { startHarness, type Harness } from './replayHarness';

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

  it('sends format only with a value the spec enumerates, and nothing off-spec', async () => {
    assert.ok(h.replay.requests.some((r) => r.operationId === 'ManagedClusters_ListClusterUserCredentials' && r.status === 200));
    assert.deepEqual(h.replay.violations, []);
  });
});
