// The one command table: id → handler. Every handler runs in the shared error wrapper.
import * as vscode from 'vscode';
import { CommandId } from './commandIds';
import { createSampleProject } from './commands/createSampleProject';
import { editConfig } from './commands/editConfig';
import { openDockerfile, restartLocal, runLocally, sendTestRequestCommand, showLocalActions, stopLocal } from './commands/localCommands';
import type { LocalMode } from '../local';
import { openConfig } from './commands/openConfig';
import { trainModel } from './commands/trainModel';
import type { DeployChoices } from './deploy/deployChoices';
import { clusterCommands } from './lazyCommandsLoader';
import type { ServiceArg } from './kube/pickService';
import { runCommand } from './runCommand';
import type { LocalModelNode } from './tree/localModelsTree';
import type { UiContext } from './uiContext';

type Handler = (ui: UiContext, ...args: never[]) => unknown;

const table: Record<CommandId, Handler> = {
  [CommandId.createSampleProject]: (ui, parent?: vscode.Uri) => createSampleProject(ui, parent),
  [CommandId.refresh]: (ui) => {
    ui.localModels.refresh();
    ui.targets.refresh();
    ui.azure.tree.refresh();
  },
  [CommandId.openLog]: (ui) => ui.log.channel.show(),
  [CommandId.revealInExplorer]: (_ui, node?: LocalModelNode) => {
    const target = node?.kind === 'folder' ? node.model.folder : node?.kind === 'file' ? node.file : undefined;
    if (target) return vscode.commands.executeCommand('revealInExplorer', vscode.Uri.file(target));
  },
  [CommandId.openConfig]: (_ui, node?: LocalModelNode) => openConfig(node),
  [CommandId.editInferenceConfig]: (ui, arg?: LocalModelNode | vscode.Uri) => editConfig(ui, 'inference', arg),
  [CommandId.editDeploymentConfig]: (ui, arg?: LocalModelNode | vscode.Uri) => editConfig(ui, 'deployment', arg),
  [CommandId.runLocally]: (ui, arg?: LocalModelNode | vscode.Uri, mode?: LocalMode) => runLocally(ui, arg, false, mode),
  [CommandId.debugLocally]: (ui, arg?: LocalModelNode | vscode.Uri, mode?: LocalMode) => runLocally(ui, arg, true, mode),
  [CommandId.trainModel]: (ui, arg?: LocalModelNode | vscode.Uri, mode?: LocalMode) => trainModel(ui, arg, mode),
  [CommandId.sendTestRequest]: (ui, arg?: LocalModelNode | vscode.Uri) => sendTestRequestCommand(ui, arg),
  [CommandId.stopLocal]: (ui, arg?: LocalModelNode | vscode.Uri) => stopLocal(ui, arg),
  [CommandId.restartLocal]: (ui, arg?: LocalModelNode | vscode.Uri) => restartLocal(ui, arg),
  [CommandId.showLocalActions]: (ui) => showLocalActions(ui),
  [CommandId.openDockerfile]: (ui, arg?: LocalModelNode | vscode.Uri) => openDockerfile(ui, arg),
  [CommandId.deployToAks]: (ui, arg?: LocalModelNode | vscode.Uri, choices?: DeployChoices) => clusterCommands().deployToAks(ui, arg, choices),
  [CommandId.copyPrimaryKey]: (ui, arg?: ServiceArg) => clusterCommands().copyKey(ui, arg, 'primary'),
  [CommandId.copySecondaryKey]: (ui, arg?: ServiceArg) => clusterCommands().copyKey(ui, arg, 'secondary'),
  [CommandId.regenerateKey]: (ui, arg?: ServiceArg) => clusterCommands().regenerateKey(ui, arg),
  [CommandId.copyToken]: (ui, arg?: ServiceArg) => clusterCommands().copyToken(ui, arg),
  [CommandId.deleteService]: (ui, arg?: ServiceArg) => clusterCommands().deleteService(ui, arg),
};

export function registerCommands(ui: UiContext): void {
  for (const [id, handler] of Object.entries(table) as [CommandId, Handler][]) {
    ui.extension.subscriptions.push(
      vscode.commands.registerCommand(id, (...args: never[]) => runCommand(ui.log, id, () => handler(ui, ...args))),
    );
  }
}
