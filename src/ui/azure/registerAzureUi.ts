// The Azure part of the UI: session, workspaces tree provider and the bodies of their commands (the commands
// themselves are in the one command table, src/ui/commandRegistry.ts).
import path from 'node:path';
import * as vscode from 'vscode';
import { taggedLogger } from '../../core/logger';
import { kubeEngine } from '../engines';
import type { ExtensionLog } from '../log';
import { azureEngine } from './azureEngine';
import { AzureSession, type AzureSessionOptions } from './azureSession';
import type { TreeNode } from './workspacesModel';
import { AzureWorkspacesTreeProvider } from './workspacesTreeProvider';
import { AksTargetRegistry } from './aksTargets';
import { UiError } from '../uiError';

const filterKey = 'aksModel.azure.subscriptionFilter';

export interface AzureUi {
  readonly session: AzureSession;
  readonly tree: AzureWorkspacesTreeProvider;
  /** AKS deploy targets with in-memory kubeconfigs, for the targets view. */
  readonly aksTargets: AksTargetRegistry;
}

export function registerAzureUi(context: vscode.ExtensionContext, log: ExtensionLog, options: AzureSessionOptions = {}): AzureUi {
  const session = new AzureSession(context.globalState, taggedLogger(log, 'azure'), options);
  const tree = new AzureWorkspacesTreeProvider(session, context.globalState.get<string[]>(filterKey));
  const aksTargets = new AksTargetRegistry();
  const ui: AzureUi = { session, tree, aksTargets };
  context.subscriptions.push(session, tree, aksTargets);
  void session.restore();
  return ui;
}

export async function filterSubscriptions(context: vscode.ExtensionContext, ui: AzureUi): Promise<void> {
  const client = await ui.session.client();
  if (!client) throw new UiError('notSignedIn', 'Sign in to Azure first.');
  const { collectPages, listSubscriptions } = await azureEngine();
  const current = new Set(context.globalState.get<string[]>(filterKey) ?? []);
  const subs = await vscode.window.withProgress({ location: { viewId: 'aksModel.workspaces' } }, () =>
    collectPages(listSubscriptions(client, new AbortController().signal)),
  );
  const picks = await vscode.window.showQuickPick(
    subs.map((s) => ({ label: s.displayName, description: s.subscriptionId, id: s.subscriptionId, picked: current.size === 0 || current.has(s.subscriptionId) })),
    { canPickMany: true, title: 'Subscriptions to show', ignoreFocusOut: true },
  );
  if (!picks) return;
  const ids = picks.length === subs.length ? undefined : picks.map((p) => p.id);
  await context.globalState.update(filterKey, ids);
  ui.tree.setSubscriptionFilter(ids);
}

export async function downloadModelVersion(ui: AzureUi, node: TreeNode | undefined): Promise<void> {
  const client = await ui.session.client();
  const ws = node?.workspace;
  const version = node?.version;
  if (!client || !ws || !version) throw new Error('Choose a model version in the Azure ML Workspaces view.');
  const defaultUri = vscode.workspace.workspaceFolders?.[0]?.uri;
  const picked = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, defaultUri, openLabel: 'Download Here', title: `Download ${version.modelName}:${version.version} into…` });
  const parent = picked?.[0];
  if (!parent) return;
  const { downloadFolderName, downloadModel, getModelVersion } = await azureEngine();
  // Model and version names come from the service: made safe before they become a folder name.
  const target = path.join(parent.fsPath, downloadFolderName(version.modelName, version.version));
  const written = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Downloading ${version.modelName}:${version.version}`, cancellable: true },
    async (progress, token) => {
      const abort = new AbortController();
      const sub = token.onCancellationRequested(() => abort.abort());
      try {
        const uri = version.modelUri ?? (await getModelVersion(client, ws, version.modelName, version.version, abort.signal)).modelUri;
        if (!uri) throw new Error(`Model ${version.modelName}:${version.version} has no model URI.`);
        let reported = 0;
        return await downloadModel(client, ws, uri, target, abort.signal, {
          onProgress: (p) => {
            const percent = p.bytesTotal ? (100 * p.bytesDone) / p.bytesTotal : 0;
            progress.report({ message: `${p.filesDone}/${p.filesTotal} files, ${(p.bytesDone / 2 ** 20).toFixed(1)} MiB`, increment: percent - reported });
            reported = percent;
          },
        });
      } finally {
        sub.dispose();
      }
    },
  );
  const choice = await vscode.window.showInformationMessage(`Downloaded ${written.length} file(s) into ${target}.`, 'Reveal in Explorer');
  if (choice) await vscode.commands.executeCommand('revealInExplorer', vscode.Uri.file(target));
}

export async function useAsTarget(ui: AzureUi, node: TreeNode | undefined): Promise<void> {
  const client = await ui.session.client();
  const compute = node?.compute;
  if (!client || !compute) throw new Error('Choose an AKS target in the Azure ML Workspaces view.');
  const { aksTargetFromCompute } = await azureEngine();
  const target = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Getting credentials for ${compute.name}`, cancellable: true },
    (_progress, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      return aksTargetFromCompute(client, compute, abort.signal, { format: 'exec' });
    },
  );
  ui.aksTargets.add(target);
  void vscode.window.showInformationMessage(`AKS cluster ${target.clusterName} is now a deploy target (credentials kept in memory only).`);
}

/** Explicit, confirmed: the only path by which an AKS credential reaches a file. */
export async function mergeIntoKubeconfig(ui: AzureUi, targetId: string | undefined): Promise<void> {
  const targets = await ui.aksTargets.list();
  const chosen =
    targets.targets.find((t) => t.id === targetId) ??
    (await vscode.window.showQuickPick([...targets.targets], { title: 'AKS target to merge into kubeconfig' }));
  if (!chosen) return;
  const yaml = ui.aksTargets.kubeconfigYaml(chosen.id);
  if (!yaml) throw new Error('Use an AKS cluster as a deploy target first (AKS Targets in the Azure ML Workspaces view).');
  const { mergeIntoKubeconfigFile } = kubeEngine();
  const file = kubeEngine().kubeconfigFiles()[0] as string;
  const ok = await vscode.window.showWarningMessage(
    `Merge the credentials of ${chosen.label} into ${file}? Entries with the same names are replaced and the current context switches to ${chosen.label}.`,
    { modal: true },
    'Merge',
  );
  if (ok !== 'Merge') return;
  await mergeIntoKubeconfigFile(file, yaml);
  void vscode.window.showInformationMessage(`Merged ${chosen.label} into ${file}.`);
}
