import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import type { TargetNode } from '../../src/ui/tree/targetsTree';
import { activateExtension, eventually } from './support';

const kubeconfig = (context: string, server: string) =>
  `apiVersion: v1\nkind: Config\nclusters:\n- name: ${context}\n  cluster:\n    server: ${server}\nusers:\n- name: u\n  user:\n    token: t\ncontexts:\n- name: ${context}\n  context:\n    cluster: ${context}\n    user: u\ncurrent-context: ${context}\n`;

describe('targets view', () => {
  const saved = process.env.KUBECONFIG;
  let dir: string;
  before(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'host-kubeconfig-')); });
  after(async () => {
    if (saved === undefined) delete process.env.KUBECONFIG; else process.env.KUBECONFIG = saved;
    (await activateExtension()).targets.refresh();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const labels = async (): Promise<string[]> => {
    const ui = await activateExtension();
    const nodes: TargetNode[] = await ui.targets.getChildren();
    return nodes.map((n) => String(ui.targets.getTreeItem(n).label));
  };

  it('lists Local and every context of a KUBECONFIG made of several files, the first file winning', async () => {
    const a = path.join(dir, 'a.yaml');
    const b = path.join(dir, 'b.yaml');
    fs.writeFileSync(a, kubeconfig('aks-prod', 'https://prod.example:443'));
    fs.writeFileSync(b, kubeconfig('kind-dev', 'https://127.0.0.1:6443'));
    process.env.KUBECONFIG = [a, b].join(path.delimiter);
    await vscode.commands.executeCommand('aksModel.refresh');
    assert.deepEqual(await labels(), ['Local', 'aks-prod', 'kind-dev']);
    const ui = await activateExtension();
    const prod = (await ui.targets.getChildren()).find((n) => n.kind === 'cluster' && n.target.id === 'aks-prod')!;
    assert.match(String(ui.targets.getTreeItem(prod).description), /current · https:\/\/prod\.example:443/);
  });

  it('shows a broken kubeconfig as an error node naming the file', async () => {
    const bad = path.join(dir, 'bad.yaml');
    fs.writeFileSync(bad, 'clusters: [unclosed');
    process.env.KUBECONFIG = bad;
    await vscode.commands.executeCommand('aksModel.refresh');
    const all = await labels();
    assert.equal(all.length, 2);
    assert.match(all[1], new RegExp(`Cannot read kubeconfig ${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  });

  it('lists nothing when there is no cluster, so that the welcome (Add a Cluster) shows', async () => {
    process.env.KUBECONFIG = path.join(dir, 'missing.yaml');
    await vscode.commands.executeCommand('aksModel.refresh');
    assert.deepEqual(await labels(), []);
  });

  it('refreshes by itself when a kubeconfig file changes', async () => {
    const f = path.join(dir, 'live.yaml');
    fs.writeFileSync(f, kubeconfig('first', 'https://one:443'));
    process.env.KUBECONFIG = f;
    const ui = await activateExtension();
    await vscode.commands.executeCommand('aksModel.refresh');
    assert.deepEqual(await labels(), ['Local', 'first']);
    let fired = false;
    const sub = ui.targets.onDidChangeTreeData(() => { fired = true; });
    // The file watcher starts when the list is first read; under load it may miss a write made at once, so the
    // change is repeated until the tree hears of it (what is tested is that a change refreshes, not how fast).
    let n = 0;
    await eventually('the tree to refresh after the kubeconfig changed', () => {
      if (n++ % 10 === 0) fs.writeFileSync(f, kubeconfig('second', `https://two:${443 + n}`));
      return fired;
    }, 30_000);
    sub.dispose();
    assert.deepEqual(await labels(), ['Local', 'second']);
  });
});
