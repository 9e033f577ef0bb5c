// Issue 21: opening the container and listing Targets must not load the kube engine bundle (dist/kube.js, 2 MB);
// only expanding a cluster does. Runs first in a fresh extension host (index.ts orders *.cold.test files first),
// and reads Node's module cache of this very host, where the extension's bundles are required.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import type { TargetNode } from '../../src/ui/tree/targetsTree';
import { EXTENSION_ID, activateExtension, eventually } from './support';

const loaded = (bundle: string): boolean => {
  const file = path.join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'dist', bundle);
  return Object.keys(require.cache).some((k) => path.resolve(k) === file);
};

describe('first content of the views (a fresh host)', () => {
  const saved = process.env.KUBECONFIG;
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'host-cold-'));
    const kubeconfig = path.join(dir, 'config');
    fs.writeFileSync(kubeconfig, 'apiVersion: v1\nkind: Config\nclusters:\n- name: cold\n  cluster:\n    server: https://127.0.0.1:1\nusers:\n- name: u\n  user:\n    token: t\ncontexts:\n- name: cold-ctx\n  context:\n    cluster: cold\n    user: u\ncurrent-context: cold-ctx\n');
    process.env.KUBECONFIG = kubeconfig;
  });
  after(async () => {
    if (saved === undefined) delete process.env.KUBECONFIG; else process.env.KUBECONFIG = saved;
    (await activateExtension()).targets.refresh();
    await vscode.commands.executeCommand('workbench.view.explorer');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('opens the container and lists Targets without loading dist/kube.js; expanding a cluster loads it', async () => {
    assert.equal(loaded('kube.js'), false, 'dist/kube.js was loaded before the container was opened (by an earlier test, or at activation)');
    const ui = await activateExtension();
    assert.equal(loaded('kube.js'), false, 'activation loaded dist/kube.js');
    // What the view is given, as the view asks for it (this test never lists the roots itself).
    const listed: TargetNode[][] = [];
    const getChildren = ui.targets.getChildren.bind(ui.targets);
    ui.targets.getChildren = async (node?: TargetNode) => {
      const children = await getChildren(node);
      if (!node) listed.push(children);
      return children;
    };
    await vscode.commands.executeCommand('workbench.view.extension.aksModel');
    const roots = await eventually('the Targets view to list the kubeconfig context', () =>
      listed.find((nodes) => nodes.some((n) => n.kind === 'cluster' && n.target.id === 'cold-ctx')), 30_000);
    assert.equal(loaded('kubeContexts.js'), true, 'the contexts came from dist/kubeContexts.js');
    assert.equal(loaded('kube.js'), false, 'listing the kubeconfig contexts loaded dist/kube.js');
    assert.deepEqual((await ui.localModels.modelFolders()).length, 0);
    assert.equal(loaded('kube.js'), false, 'Local Models loaded dist/kube.js');

    // The check can fail: expanding the cluster is what needs the Kubernetes client.
    const cluster = roots.find((n) => n.kind === 'cluster')!;
    void ui.targets.getChildren(cluster).catch(() => undefined);
    assert.equal(loaded('kube.js'), true, 'expanding a cluster did not load dist/kube.js');
  });
});
