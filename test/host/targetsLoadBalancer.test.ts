import assert from 'node:assert/strict';
import { CoreV1Api } from '@kubernetes/client-node';
import * as vscode from 'vscode';
import { applyService } from '../../src/kube/deploy';
import type { TargetNode } from '../../src/ui/tree/targetsTree';
import { target } from '../integration/deploy/fixture';
import { startKubeTestEnv, type KubeTestEnv } from '../support/kubeTestEnv';
import { activateExtension, eventually } from './support';

// Issue 18: a service with the load-balancer exposure shows "waiting for an address" on its Targets row until its
// Service's status.loadBalancer.ingress has one, then the scoring URI. The tree watches the Services; a status
// change re-renders that row alone, and no watch restarts.
describe('Targets view: a load-balancer service row (real kube-apiserver)', function () {
  this.timeout(300_000);
  const saved = process.env.KUBECONFIG;
  const namespace = 'host-lb';
  let kube: KubeTestEnv;

  before(async () => {
    kube = await startKubeTestEnv();
    const core = kube.kubeConfig.makeApiClient(CoreV1Api);
    await core.createNamespace({ body: { metadata: { name: namespace } } });
    process.env.KUBECONFIG = kube.kubeconfigPath;
    await vscode.commands.executeCommand('aksModel.refresh');
  });
  after(async () => {
    if (saved === undefined) delete process.env.KUBECONFIG; else process.env.KUBECONFIG = saved;
    await vscode.commands.executeCommand('aksModel.refresh');
    await kube?.stop();
  });

  const context = () => kube.kubeConfig.getCurrentContext();
  const serviceRow = async (): Promise<Extract<TargetNode, { kind: 'service' | 'endpoint' }> | undefined> => {
    const ui = await activateExtension();
    const cluster = (await ui.targets.getChildren()).find((n) => n.kind === 'cluster' && n.target.id === context());
    assert.ok(cluster, `the test cluster ${context()} is in the Targets view`);
    const rows = await ui.targets.getChildren(cluster);
    return rows.find((n): n is Extract<TargetNode, { kind: 'service' | 'endpoint' }> => n.kind === 'service' && n.ref.serviceName === 'scorer');
  };

  it('says "waiting for an address", then shows the scoring URI once the Service has one, re-rendering that row alone (address set by the test through the status subresource: no cloud controller runs here)', async () => {
    const ui = await activateExtension();
    let lastEvent = Date.now();
    const fired: (TargetNode | undefined)[] = [];
    const sub = ui.targets.onDidChangeTreeData((n) => {
      lastEvent = Date.now();
      fired.push(n);
    });
    try {
      await applyService(kube.kubeConfig, { ...target(namespace, { authEnabled: false }), exposure: { kind: 'load-balancer' } });
      await eventually('the service row waiting for an address, its watches live', async () => {
        const n = await serviceRow();
        return n && n.view.status.live && /load balancer: waiting for an address/.test(String(ui.targets.getTreeItem(n).description));
      });
      // The apply and the watches' first lists re-read the cluster (coalesced, then held while VS Code reads): let
      // those land first, so that what is counted below comes from the status change alone. No controller runs on
      // this bare API server, so once they landed nothing else changes.
      await eventually('the tree to be quiet after the apply', () => Date.now() - lastEvent > 1_000, 30_000);
      fired.length = 0;
      const row = (await serviceRow())!;
      assert.match(String(ui.targets.getTreeItem(row).description), /load balancer: waiting for an address$/);
      const starts = ui.targets.watchStarts();
      // Earlier files of the tier used clusters of the same name: the count so far is theirs too; what matters is
      // that the status change below adds none.
      assert.equal(Object.keys(starts).length, 1, `one cluster in the view: ${JSON.stringify(starts)}`);
      // What the cloud controller manager does once the cloud assigned the frontend address.
      const core = kube.kubeConfig.makeApiClient(CoreV1Api);
      const svc = await core.readNamespacedService({ name: 'scorer', namespace });
      await core.replaceNamespacedServiceStatus({ name: 'scorer', namespace, body: { ...svc, status: { loadBalancer: { ingress: [{ ip: '10.240.0.7' }] } } } });
      // The same node object, not a re-read of the cluster's children: the row was re-rendered in place.
      await eventually('the row told of its address', () => fired.includes(row), 30_000);
      assert.equal(ui.targets.getTreeItem(row).description, `${row.view.summary} · ${namespace} · load balancer: http://10.240.0.7/score`);
      assert.match(String(ui.targets.getTreeItem(row).tooltip), /load balancer: http:\/\/10\.240\.0\.7\/score/);
      assert.ok(fired.every((n) => n === row), `only the service row was refreshed, not ${fired.filter((n) => n !== row).map((n) => n?.kind ?? 'the whole tree').join(', ')}`);
      assert.deepEqual(ui.targets.watchStarts(), starts, 'no watch was restarted');
      assert.match(String(ui.targets.getTreeItem((await serviceRow())!).description), /load balancer: http:\/\/10\.240\.0\.7\/score$/);
    } finally {
      sub.dispose();
    }
  });
});
