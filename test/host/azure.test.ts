import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import { kubeConfigFromYaml } from '../../src/kube/kubeconfig';
import type { TreeNode } from '../../src/ui/azure/workspacesModel';
import { ArmReplayServer } from '../support/armReplay/replayServer';
import { FakeCredential } from '../support/armReplay/testCredential';
import { activateExtension, eventually } from './support';

// The Azure ML Workspaces view in the real host, fed by the ARM replay server (official examples, every request
// checked against the official OpenAPI specs) through a test credential instead of the Microsoft sign-in.
describe('Azure ML Workspaces view against the ARM replay server', function () {
  this.timeout(120_000);
  let replay: ArmReplayServer;
  let credential: FakeCredential;
  const savedKubeconfig = process.env.KUBECONFIG;
  let kubeconfigFile: string;

  before(async () => {
    replay = await ArmReplayServer.start();
    credential = new FakeCredential();
    kubeconfigFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'host-azure-')), 'config');
    fs.writeFileSync(kubeconfigFile, 'apiVersion: v1\nkind: Config\nclusters: []\nusers: []\ncontexts: []\n');
    process.env.KUBECONFIG = kubeconfigFile;
    const ui = await activateExtension();
    await ui.azure.session.configure({ credential, armBaseUrl: replay.url, agent: replay.agent });
  });
  after(async () => {
    const ui = await activateExtension();
    ui.azure.aksTargets.clear();
    await ui.azure.session.configure({});
    if (savedKubeconfig === undefined) delete process.env.KUBECONFIG; else process.env.KUBECONFIG = savedKubeconfig;
    await replay?.close();
  });

  const children = async (node?: TreeNode) => (await activateExtension()).azure.tree.getChildren(node) as Promise<TreeNode[]>;

  it('shows subscriptions → workspaces → Models and AKS Targets → model versions', async () => {
    const subs = await eventually('subscriptions', async () => { const c = await children(); return c.some((n) => n.kind === 'subscription') && c; }, 30_000);
    assert.deepEqual(subs.map((n) => n.label), ['Example Subscription', 'Example Subscription2']);
    const [ws] = await children(subs[0]);
    assert.equal(ws.kind, 'workspace');
    const folders = await children(ws);
    assert.deepEqual(folders.map((n) => n.label), ['Models', 'AKS Targets']);
    const [model] = await children(folders[0]);
    assert.equal(model.kind, 'model');
    const versions = await children(model);
    assert.ok(versions.some((v) => v.kind === 'modelVersion'), versions.map((v) => v.kind).join(','));
    const item = (await activateExtension()).azure.tree.getTreeItem(versions[0]);
    assert.equal(item.contextValue, 'azure.modelVersion');
  });

  it('turns an AKS compute into a deploy target in the Targets view, without touching the kubeconfig file', async () => {
    const ui = await activateExtension();
    const [sub] = await children();
    const [ws] = await children(sub);
    const [, targetsFolder] = await children(ws);
    const [compute] = await children(targetsFolder);
    assert.equal(compute.kind, 'compute');
    const before = fs.readFileSync(kubeconfigFile, 'utf8');
    await vscode.commands.executeCommand('aksModel.azure.useAsTarget', compute);
    const clusters = await eventually('the AKS target in the Targets view', async () => {
      const nodes = await ui.targets.getChildren();
      const aks = nodes.filter((n) => n.kind === 'cluster' && n.source === 'azure-aks');
      return aks.length > 0 && aks;
    });
    assert.equal(clusters.length, 1);
    assert.equal(fs.readFileSync(kubeconfigFile, 'utf8'), before, 'the user kubeconfig is unchanged');
    const yaml = ui.azure.aksTargets.kubeconfigYaml(clusters[0].kind === 'cluster' ? clusters[0].target.id : '');
    assert.ok(yaml, 'the target holds its kubeconfig in memory');
    assert.match(kubeConfigFromYaml(yaml).getCurrentCluster()?.server ?? '', /^https:\/\//, 'a kubeconfig the kube engine can load');
  });

  it('made no request the official specs do not allow', () => {
    assert.deepEqual(replay.violations, []);
    assert.ok(replay.requests.length > 5);
  });
});
