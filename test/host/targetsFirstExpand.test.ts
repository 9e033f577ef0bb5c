import assert from 'node:assert/strict';
import fs from 'node:fs';
import type http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { AppsV1Api } from '@kubernetes/client-node';
import * as vscode from 'vscode';
import { serviceLabels } from '../../src/kube/labels';
import type { TargetNode } from '../../src/ui/tree/targetsTree';
import { startKubeTestEnv, type KubeTestEnv } from '../support/kubeTestEnv';
import { startSlowApiProxy, type SlowApiProxy } from '../support/slowApiProxy';
import { activateExtension, eventually } from './support';

// Issue 20: on a loaded machine the cluster watch's three lists come back far apart; the watch reports the first
// one (a change) while VS Code still waits for the cluster's children. The real Targets TreeView must then still
// show and resolve the children. The proxy holds the pods list so the lists come back 2 s apart, every time.
describe('Targets view: first expand of a cluster whose watch lists slowly (real TreeView, real kube-apiserver)', function () {
  this.timeout(300_000);
  const saved = process.env.KUBECONFIG;
  let kube: KubeTestEnv;
  let proxy: SlowApiProxy;
  let dir: string;
  let holdPods: Promise<void> | undefined;

  const isList = (plural: string) => (req: http.IncomingMessage) =>
    req.method === 'GET' && new URL(req.url ?? '/', 'http://x').pathname.endsWith(`/${plural}`) && !/[?&]watch=/.test(req.url ?? '');

  before(async () => {
    kube = await startKubeTestEnv();
    proxy = await startSlowApiProxy(kube, (req) => (isList('pods')(req) ? holdPods : undefined));
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'host-first-expand-'));
  });
  after(async () => {
    if (saved === undefined) delete process.env.KUBECONFIG; else process.env.KUBECONFIG = saved;
    await vscode.commands.executeCommand('aksModel.refresh');
    await proxy?.close();
    await kube?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Points the Targets view at a new context through the proxy and expands it in the real view, lists held. */
  async function expandFirstTime(context: string): Promise<Extract<TargetNode, { kind: 'cluster' }>> {
    const file = path.join(dir, `${context}.yaml`);
    fs.writeFileSync(file, proxy.kubeconfig(context));
    process.env.KUBECONFIG = file;
    await vscode.commands.executeCommand('aksModel.refresh');
    const ui = await activateExtension();
    const cluster = (await ui.targets.getChildren()).find((n): n is Extract<TargetNode, { kind: 'cluster' }> => n.kind === 'cluster' && n.target.id === context);
    assert.ok(cluster, `the context ${context} is a cluster in the Targets view`);
    // Injected latency (not a wait of the test): the pods list waits until the Deployments list has been answered,
    // then 2 s more, so the watch reports a change (Deployments listed) long before its first answer, as under load.
    const heldBefore = proxy.held;
    holdPods = proxy.answered(isList('deployments')).then(() => new Promise((r) => setTimeout(r, 2_000)));
    assert.ok(ui.targets.view, 'the Targets view was created');
    // The user's case: the view is on screen. An earlier test (a debug session) may have switched the side bar to
    // Run and Debug, and VS Code defers a hidden view's refreshes, so a new row there cannot be revealed.
    await vscode.commands.executeCommand('aksModel.targets.focus');
    const view = ui.targets.view;
    await eventually('the Targets view to be visible', () => view.visible, 30_000);
    await view.reveal(cluster, { expand: true, select: false, focus: false });
    await eventually('the pods list to be held', () => proxy.held > heldBefore, 60_000);
    return cluster;
  }

  /** The row, found through the provider, is revealed and selected in the real view (so VS Code registered it). */
  async function selectInView(row: TargetNode, what: string): Promise<void> {
    const ui = await activateExtension();
    const view = ui.targets.view!;
    const id = ui.targets.getTreeItem(row).id;
    // With the bug, reveal() rejects with "Element with id … is already registered" (or "Cannot resolve tree item").
    // The selection reaches the extension host a little after reveal() resolves: poll it, revealing again now and then.
    let polls = 0;
    await eventually(`${what} to be selectable in the Targets view (VS Code registered the cluster's children)`, async () => {
      if (view.selection.some((n) => ui.targets.getTreeItem(n).id === id)) return true;
      if (polls++ % 20 === 0) await view.reveal(row, { select: true, focus: false });
      return false;
    }, 30_000);
  }

  it('a cluster with no service shows "No service deployed…" (no "already registered" error)', async () => {
    const ui = await activateExtension();
    const cluster = await expandFirstTime('slow-empty');
    const row = await eventually('the info row', async () => {
      const rows = await ui.targets.getChildren(cluster);
      return rows.length === 1 && rows[0].kind === 'info' && rows[0].message.startsWith('No service') ? rows[0] : undefined;
    }, 60_000);
    await selectInView(row, 'the "No service deployed by AKS Model Deploy" row');
  });

  it('a cluster with a service shows it at once, and a service added later shows too', async () => {
    const apps = kube.kubeConfig.makeApiClient(AppsV1Api);
    const deployment = (name: string) => ({
      metadata: { name, labels: serviceLabels(name) },
      spec: {
        replicas: 1,
        selector: { matchLabels: serviceLabels(name) },
        template: { metadata: { labels: serviceLabels(name) }, spec: { containers: [{ name: 'model', image: 'example.invalid/model:never-run' }] } },
      },
    });
    await apps.createNamespacedDeployment({ namespace: 'default', body: deployment('first-model') });
    const ui = await activateExtension();
    const cluster = await expandFirstTime('slow-with-service');
    const service = (name: string) => async () => (await ui.targets.getChildren(cluster)).find((n) => (n.kind === 'service' || n.kind === 'endpoint') && n.ref.serviceName === name);
    await selectInView(await eventually('first-model in the tree', service('first-model'), 60_000), 'the first-model row');
    await apps.createNamespacedDeployment({ namespace: 'default', body: deployment('second-model') });
    await selectInView(await eventually('second-model in the tree', service('second-model'), 60_000), 'the second-model row');
  });
});
