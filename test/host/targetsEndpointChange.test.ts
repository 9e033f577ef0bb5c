import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import { endpointChanged } from '../../src/ui/endpoint/endpointEvents';
import type { TargetNode } from '../../src/ui/tree/targetsTree';
import { startKubeTestEnv, type KubeTestEnv } from '../support/kubeTestEnv';
import { activateExtension, eventually } from './support';

// Issue 15: endpoint commands (Set Traffic, Make Default, Delete Version, Add Version) called targets.refresh(),
// which stopped and restarted every cluster's watch. They now report the change through endpointChanged(), which
// re-reads that endpoint's cluster only. Two contexts on one real kube-apiserver are two clusters, two watches.
describe('Targets view: an endpoint change keeps the watches running (real kube-apiserver)', function () {
  this.timeout(300_000);
  const saved = process.env.KUBECONFIG;
  let kube: KubeTestEnv;
  let dir: string;

  before(async () => {
    kube = await startKubeTestEnv();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'host-endpoint-change-'));
    const current = kube.kubeConfig.getCurrentContext();
    const ctx = kube.kubeConfig.getContextObject(current)!;
    // The same cluster and user under two context names.
    const file = path.join(dir, 'two.yaml');
    const kc = kube.kubeConfig;
    const two = {
      ...JSON.parse(kc.exportConfig()),
      contexts: ['east', 'west'].map((name) => ({ name, context: { cluster: ctx.cluster, user: ctx.user, namespace: 'default' } })),
      'current-context': 'east',
    };
    fs.writeFileSync(file, JSON.stringify(two));
    process.env.KUBECONFIG = file;
    await vscode.commands.executeCommand('aksModel.refresh');
  });
  after(async () => {
    if (saved === undefined) delete process.env.KUBECONFIG; else process.env.KUBECONFIG = saved;
    await vscode.commands.executeCommand('aksModel.refresh');
    await kube?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const clusters = async () => {
    const ui = await activateExtension();
    return (await ui.targets.getChildren()).filter((n): n is Extract<TargetNode, { kind: 'cluster' }> => n.kind === 'cluster');
  };
  /** Reads a cluster's children until its watch has listed (no "Connecting…" row). */
  const listed = async (cluster: TargetNode) => {
    const ui = await activateExtension();
    return eventually(`the services of ${String(ui.targets.getTreeItem(cluster).label)}`, async () => {
      const rows = await ui.targets.getChildren(cluster);
      return rows.every((r) => !(r.kind === 'info' && r.message === 'Connecting…')) && rows;
    });
  };

  it('re-reads only the changed endpoint\'s cluster, and restarts no watch', async () => {
    const ui = await activateExtension();
    const [east, west] = await clusters();
    assert.deepEqual([east?.target.label, west?.target.label], ['east', 'west']);
    await listed(east);
    await listed(west);
    assert.deepEqual(ui.targets.watchStarts(), { east: 1, west: 1 });

    const fired: (TargetNode | undefined)[] = [];
    const sub = ui.targets.onDidChangeTreeData((n) => fired.push(n));
    endpointChanged(ui, { cluster: east.cluster, namespace: 'default', serviceName: 'some-endpoint', version: 'v2' });
    await eventually('the tree to hear of the change', () => fired.length > 0, 30_000);
    sub.dispose();
    assert.ok(fired.every((n) => n === east), 'only the east cluster node was refreshed');
    await listed(east);
    await listed(west);
    assert.deepEqual(ui.targets.watchStarts(), { east: 1, west: 1 }, 'no watch was restarted');

    // What the endpoint commands did before: a full refresh restarts every watch (so the check above can fail).
    ui.targets.refresh();
    const [east2, west2] = await clusters();
    await listed(east2);
    await listed(west2);
    assert.deepEqual(ui.targets.watchStarts(), { east: 2, west: 2 });
  });
});
