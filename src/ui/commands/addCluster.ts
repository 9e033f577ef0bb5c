// Add a Cluster…: the three ways to get a deploy target (Targets' welcome, its title bar, and the action of a
// "no cluster" error): a kubeconfig file, an AKS cluster through Azure sign-in, or the docs on attaching AKS.
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { azureCommandIds } from '../azure/azureCommandIds';
import { kubeContextsReader } from '../engines';

export type AddClusterWay = 'kubeconfig' | 'azure' | 'docs';

export const ATTACH_AKS_DOCS = 'https://learn.microsoft.com/azure/aks/control-kubeconfig-access';
const EMPTY_KUBECONFIG = 'apiVersion: v1\nkind: Config\nclusters: []\ncontexts: []\nusers: []\ncurrent-context: ""\n';

export async function addCluster(way?: AddClusterWay): Promise<void> {
  const chosen = way ?? (await vscode.window.showQuickPick(
    [
      { label: '$(file-code) Use a Kubeconfig', detail: 'Open the kubeconfig file (KUBECONFIG, else ~/.kube/config); `az aks get-credentials` or `kind` write it too.', way: 'kubeconfig' as const },
      { label: '$(azure) Sign in to Azure', detail: 'Pick an AKS cluster of your subscriptions in the Azure ML Workspaces view.', way: 'azure' as const },
      { label: '$(book) Read How to Attach AKS', detail: ATTACH_AKS_DOCS, way: 'docs' as const },
    ],
    { title: 'Add a Cluster' },
  ))?.way;
  if (chosen === 'kubeconfig') await openKubeconfig();
  else if (chosen === 'azure') await vscode.commands.executeCommand(azureCommandIds.signIn);
  else if (chosen === 'docs') await vscode.env.openExternal(vscode.Uri.parse(ATTACH_AKS_DOCS));
}

/** Opens the first kubeconfig file; a missing one is created (empty, owner-only) only when the user agrees. */
async function openKubeconfig(): Promise<void> {
  const file = kubeContextsReader().kubeconfigFiles()[0] as string;
  if (!fs.existsSync(file)) {
    const create = await vscode.window.showInformationMessage(`There is no kubeconfig at ${file} yet. Create an empty one to fill in?`, { modal: true }, 'Create');
    if (create !== 'Create') return;
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, EMPTY_KUBECONFIG, { mode: 0o600, flag: 'wx' });
  }
  await vscode.window.showTextDocument(vscode.Uri.file(file));
}
