// The one command table: id, title, where the palette offers it (a when-clause on this extension's context keys)
// and the handler. package.json contributes the same ids, titles and palette clauses (checked by
// test/unit/ui/commandRegistry.test.ts); registerCommands runs every handler in the shared error wrapper.
// To add a command: one entry here, one `contributes.commands` entry (and its menus) in package.json.
import * as vscode from 'vscode';
import { azureCommandIds } from './azure/azureCommandIds';
import { callCommandIds } from './call/callCommandIds';
import { downloadModelVersion, filterSubscriptions, mergeIntoKubeconfig, useAsTarget } from './azure/registerAzureUi';
import type { TreeNode } from './azure/workspacesModel';
import { CommandId } from './commandIds';
import { addCluster, type AddClusterWay } from './commands/addCluster';
import { createSampleProject } from './commands/createSampleProject';
import { editConfig } from './commands/editConfig';
import { openDockerfile, restartLocal, runLocally, sendTestRequestCommand, showLocalActions, stopLocal } from './commands/localCommands';
import { openConfig } from './commands/openConfig';
import { trainModel } from './commands/trainModel';
import { When } from './contextKeys';
import type { DeployChoices } from './deploy/deployChoices';
import { endpointCommandIds } from './endpoint/endpointCommandIds';
import { clusterCommands } from './lazyCommandsLoader';
import type { ServiceArg } from './kube/pickService';
import type { LocalMode } from '../local';
import type { LogCommandOptions, LogStreamHandle } from './ops/logCommands';
import { opsCommandIds } from './ops/opsCommandIds';
import { logStreams } from './ops/registerOpsUi';
import { runCommand } from './runCommand';
import type { LocalModelNode } from './tree/localModelsTree';
import type { UiContext } from './uiContext';

export interface CommandEntry {
  readonly id: string;
  /** The `contributes.commands` title (also the label of an error toast's action that runs this command). */
  readonly title: string;
  /** The `commandPalette` when-clause; absent: always in the palette; `false`: only from menus. */
  readonly palette?: string;
  readonly run: (ui: UiContext, ...args: never[]) => unknown;
}

type FolderArg = LocalModelNode | vscode.Uri;

export const commandRegistry: readonly CommandEntry[] = [
  // Local models
  { id: CommandId.createSampleProject, title: 'Create Sample Project', run: (ui, parent?: vscode.Uri) => createSampleProject(ui, parent) },
  {
    id: CommandId.refresh,
    title: 'Refresh',
    run: (ui) => {
      ui.localModels.refresh();
      ui.targets.refresh();
      ui.azure.tree.refresh();
    },
  },
  { id: CommandId.openLog, title: 'Open Log', run: (ui) => ui.log.channel.show() },
  {
    id: CommandId.revealInExplorer,
    title: 'Reveal in Explorer',
    palette: When.never,
    run: (_ui, node?: LocalModelNode) => {
      const target = node?.kind === 'folder' ? node.model.folder : node?.kind === 'file' ? node.file : undefined;
      if (target) return vscode.commands.executeCommand('revealInExplorer', vscode.Uri.file(target));
    },
  },
  { id: CommandId.openConfig, title: 'Open Config', palette: When.hasModelFolder, run: (_ui, node?: LocalModelNode) => openConfig(node) },
  { id: CommandId.editInferenceConfig, title: 'Edit Inference Config…', run: (ui, arg?: FolderArg) => editConfig(ui, 'inference', arg) },
  { id: CommandId.editDeploymentConfig, title: 'Edit Deployment Config…', run: (ui, arg?: FolderArg) => editConfig(ui, 'deployment', arg) },
  { id: CommandId.runLocally, title: 'Run Locally', palette: When.hasModelFolder, run: (ui, arg?: FolderArg, mode?: LocalMode) => runLocally(ui, arg, false, mode) },
  { id: CommandId.debugLocally, title: 'Debug Locally', palette: When.hasModelFolder, run: (ui, arg?: FolderArg, mode?: LocalMode) => runLocally(ui, arg, true, mode) },
  { id: CommandId.trainModel, title: 'Train Model', palette: When.hasModelFolder, run: (ui, arg?: FolderArg, mode?: LocalMode) => trainModel(ui, arg, mode) },
  { id: CommandId.sendTestRequest, title: 'Send Test Request', palette: When.localRunning, run: (ui, arg?: FolderArg) => sendTestRequestCommand(ui, arg) },
  { id: CommandId.stopLocal, title: 'Stop Local Service', palette: When.localRunning, run: (ui, arg?: FolderArg) => stopLocal(ui, arg) },
  { id: CommandId.restartLocal, title: 'Restart Local Service', palette: When.localRunning, run: (ui, arg?: FolderArg) => restartLocal(ui, arg) },
  { id: CommandId.showLocalActions, title: 'Local Service Actions…', palette: When.localRunning, run: (ui) => showLocalActions(ui) },
  { id: CommandId.openDockerfile, title: 'Open Generated Dockerfile', palette: When.hasModelFolder, run: (ui, arg?: FolderArg) => openDockerfile(ui, arg) },
  // Deploy and services on a cluster
  { id: CommandId.deployToAks, title: 'Deploy to AKS…', palette: When.hasModelFolder, run: (ui, arg?: FolderArg, choices?: DeployChoices) => clusterCommands().deployToAks(ui, arg, choices) },
  { id: CommandId.addCluster, title: 'Add a Cluster…', run: (_ui, way?: AddClusterWay) => addCluster(way) },
  { id: CommandId.copyPrimaryKey, title: 'Copy Primary Key', palette: When.hasCluster, run: (ui, arg?: ServiceArg) => clusterCommands().copyKey(ui, arg, 'primary') },
  { id: CommandId.copySecondaryKey, title: 'Copy Secondary Key', palette: When.hasCluster, run: (ui, arg?: ServiceArg) => clusterCommands().copyKey(ui, arg, 'secondary') },
  { id: CommandId.regenerateKey, title: 'Regenerate Key…', palette: When.hasCluster, run: (ui, arg?: ServiceArg) => clusterCommands().regenerateKey(ui, arg) },
  { id: CommandId.copyToken, title: 'Copy Token', palette: When.hasCluster, run: (ui, arg?: ServiceArg) => clusterCommands().copyToken(ui, arg) },
  { id: CommandId.deleteService, title: 'Delete Service…', palette: When.hasCluster, run: (ui, arg?: ServiceArg) => clusterCommands().deleteService(ui, arg) },
  // Operating a service
  { id: opsCommandIds.streamLogs, title: 'Stream Logs', palette: When.hasCluster, run: (ui, arg?: ServiceArg, options?: LogCommandOptions) => clusterCommands().streamLogs(ui, logStreams(ui), arg, options) },
  { id: opsCommandIds.stopStreamingLogs, title: 'Stop Streaming Logs', palette: When.streamingLogs, run: (ui, arg?: ServiceArg | LogStreamHandle) => clusterCommands().stopStreamingLogs(ui, logStreams(ui), arg) },
  { id: opsCommandIds.getLogs, title: 'Get Logs…', palette: When.hasCluster, run: (ui, arg?: ServiceArg, options?: LogCommandOptions) => clusterCommands().getLogs(ui, logStreams(ui), arg, options) },
  { id: opsCommandIds.showStatus, title: 'Show Status', palette: When.hasCluster, run: (ui, arg?: ServiceArg) => clusterCommands().showStatus(ui, arg) },
  // Calling a deployed service
  { id: callCommandIds.copyScoringUri, title: 'Copy Scoring URI', palette: When.hasCluster, run: (ui, arg?: ServiceArg) => clusterCommands().copyScoringUri(ui, arg) },
  { id: callCommandIds.openConsume, title: 'Consume', palette: When.hasCluster, run: (ui, arg?: ServiceArg) => clusterCommands().openConsume(ui, arg) },
  // Endpoints and their versions
  { id: endpointCommandIds.addVersion, title: 'Add Version…', palette: When.hasCluster, run: (ui, arg?: ServiceArg, folder?: vscode.Uri) => clusterCommands().addVersion(ui, arg, folder) },
  { id: endpointCommandIds.setTraffic, title: 'Set Traffic…', palette: When.hasCluster, run: (ui, arg?: ServiceArg) => clusterCommands().openTrafficForm(ui, arg) },
  { id: endpointCommandIds.makeDefault, title: 'Make Default', palette: When.hasCluster, run: (ui, arg?: ServiceArg) => clusterCommands().changeVersion(ui, arg, 'makeDefault') },
  { id: endpointCommandIds.markControl, title: 'Mark as Control', palette: When.hasCluster, run: (ui, arg?: ServiceArg) => clusterCommands().changeVersion(ui, arg, 'markControl') },
  { id: endpointCommandIds.markTreatment, title: 'Mark as Treatment', palette: When.hasCluster, run: (ui, arg?: ServiceArg) => clusterCommands().changeVersion(ui, arg, 'markTreatment') },
  { id: endpointCommandIds.promote, title: 'Promote to Control and Default', palette: When.hasCluster, run: (ui, arg?: ServiceArg) => clusterCommands().changeVersion(ui, arg, 'promote') },
  { id: endpointCommandIds.deleteVersion, title: 'Delete Version…', palette: When.hasCluster, run: (ui, arg?: ServiceArg) => clusterCommands().deleteVersionCommand(ui, arg) },
  // Azure
  { id: azureCommandIds.signIn, title: 'Sign in to Azure', palette: When.signedOut, run: (ui) => ui.azure.session.signIn(new AbortController().signal) },
  {
    id: azureCommandIds.signOut,
    title: 'Sign out of Azure',
    palette: When.signedIn,
    run: async (ui) => {
      ui.azure.aksTargets.clear();
      await ui.azure.session.signOut();
    },
  },
  {
    id: azureCommandIds.selectTenant,
    title: 'Select Azure Tenant…',
    palette: When.signedIn,
    run: async (ui) => {
      await ui.azure.session.chooseTenant(new AbortController().signal);
      ui.azure.tree.refresh();
    },
  },
  { id: azureCommandIds.filterSubscriptions, title: 'Select Subscriptions…', palette: When.signedIn, run: (ui) => filterSubscriptions(ui.extension, ui.azure) },
  { id: azureCommandIds.refresh, title: 'Refresh Azure', run: (ui) => ui.azure.tree.refresh() },
  { id: azureCommandIds.loadMore, title: 'Load More', palette: When.never, run: (ui, node: TreeNode) => ui.azure.tree.loadMore(node) },
  { id: azureCommandIds.retry, title: 'Retry', palette: When.never, run: (ui, node: TreeNode) => ui.azure.tree.retry(node) },
  { id: azureCommandIds.downloadModel, title: 'Download Model…', palette: When.never, run: (ui, node?: TreeNode) => downloadModelVersion(ui.azure, node) },
  { id: azureCommandIds.useAsTarget, title: 'Use as Deploy Target', palette: When.never, run: (ui, node?: TreeNode) => useAsTarget(ui.azure, node) },
  { id: azureCommandIds.mergeIntoKubeconfig, title: 'Merge into kubeconfig…', palette: When.signedIn, run: (ui, target?: { id?: string }) => mergeIntoKubeconfig(ui.azure, target?.id) },
];

/** The entry of a command id (its title labels error actions). */
export function commandEntry(id: string): CommandEntry | undefined {
  return commandRegistry.find((c) => c.id === id);
}

export function registerCommands(ui: UiContext): void {
  for (const { id, run } of commandRegistry) {
    ui.extension.subscriptions.push(vscode.commands.registerCommand(id, (...args: never[]) => runCommand(ui.log, id, () => run(ui, ...args), args)));
  }
}
