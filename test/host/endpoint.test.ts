import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TargetNode } from '../../src/ui/tree/targetsTree';
import { installGatewayWithCrds, routeWeights, runDeploy, versionTarget } from '../integration/endpoint/fixture';
import { startKubeTestEnv, type KubeTestEnv } from '../support/kubeTestEnv';
import { activateExtension, eventually } from './support';

// An endpoint in the Targets view and its version commands, in the real extension host against the real
// kube-apiserver with the official Gateway API CRDs (no controllers run: the versions' readiness is written through
// the status subresource, as the Deployment controller would).
describe('endpoint versions in the Targets view (real kube-apiserver, Gateway API CRDs)', function () {
  this.timeout(300_000);
  const ns = 'host-endpoint';
  const ep = 'churn';
  const savedKubeconfig = process.env.KUBECONFIG;
  let kube: KubeTestEnv;

  before(async () => {
    await activateExtension();
    kube = await startKubeTestEnv();
    const kc = kube.kubeConfig;
    await installGatewayWithCrds(kc);
    await runDeploy(kc, versionTarget(ns, ep, 'versiona', { trafficPercentile: 20 }));
    await runDeploy(kc, versionTarget(ns, ep, 'versionb', { trafficPercentile: 10 }));
    process.env.KUBECONFIG = kube.kubeconfigPath;
    await vscode.commands.executeCommand('aksModel.refresh');
  });
  after(async () => {
    if (savedKubeconfig === undefined) delete process.env.KUBECONFIG; else process.env.KUBECONFIG = savedKubeconfig;
    await vscode.commands.executeCommand('aksModel.refresh');
    await kube?.stop();
  });

  /** version name → its row's description, read through the tree as the view does. */
  const versionRows = async (): Promise<{ nodes: TargetNode[]; described: Record<string, string> }> => {
    const ui = await activateExtension();
    const cluster = (await ui.targets.getChildren()).find((n) => n.kind === 'cluster' && n.target.id === kube.kubeConfig.getCurrentContext());
    assert.ok(cluster, 'the test cluster is a target');
    const endpoint = (await ui.targets.getChildren(cluster)).find((n) => n.kind === 'endpoint' && n.ref.serviceName === ep);
    assert.ok(endpoint, `endpoint ${ep} is under its cluster`);
    assert.match(String(ui.targets.getTreeItem(endpoint).description), /^2 versions · 4\/4 ready · host-endpoint$/);
    const nodes = await ui.targets.getChildren(endpoint);
    return { nodes, described: Object.fromEntries(nodes.map((n) => [String(ui.targets.getTreeItem(n).label), String(ui.targets.getTreeItem(n).description)])) };
  };

  it('shows the endpoint with each version\'s share, role, default and readiness', async () => {
    const { described } = await versionRows();
    assert.deepEqual(described, { versiona: '90% · treatment · default · 2/2', versionb: '10% · treatment · 2/2' });
  });

  it('Mark as Control, Make Default and Mark as Treatment on a version row change the route and the rows', async () => {
    const node = async () => (await versionRows()).nodes.find((n) => n.kind === 'endpointVersion' && n.ref.version === 'versionb')!;
    await vscode.commands.executeCommand('aksModel.endpoint.markControl', await node());
    await eventually('versionb the control', async () => (await versionRows()).described.versionb === '10% · control · 2/2');

    await vscode.commands.executeCommand('aksModel.endpoint.makeDefault', await node());
    // versionb takes what no version claims: its own 10 % plus the 70 % left after versiona's 20 %.
    await eventually('versionb the default', async () => (await versionRows()).described.versionb === '80% · control · default · 2/2');
    assert.deepEqual(await routeWeights(kube.kubeConfig, ns, ep), { 'churn-versiona': 20, 'churn-versionb': 80 });

    await vscode.commands.executeCommand('aksModel.endpoint.markTreatment', await node());
    const { described } = await eventually('versionb a treatment again', async () => {
      const rows = await versionRows();
      return rows.described.versionb === '80% · treatment · default · 2/2' ? rows : undefined;
    });
    assert.equal(described.versiona, '20% · treatment · 2/2');
  });
});
