// activate(): build the context and register; nothing else. Heavy modules load on first use.
import * as vscode from 'vscode';
import { registerConfigDiagnostics } from './ui/configDiagnostics';
import { createExtensionLog } from './ui/log';
import { registerCommands } from './ui/registerCommands';
import { watchSettings } from './ui/settings';
import { KubeconfigSource } from './ui/tree/kubeconfigSource';
import { LocalModelsTree } from './ui/tree/localModelsTree';
import { TargetsTree } from './ui/tree/targetsTree';
import { WorkspacesTree } from './ui/tree/workspacesTree';
import type { UiContext } from './ui/uiContext';

export function activate(context: vscode.ExtensionContext): UiContext {
  const log = createExtensionLog(context);
  watchSettings(context);
  const ui: UiContext = {
    extension: context,
    log,
    localModels: new LocalModelsTree(log),
    targets: new TargetsTree(),
    workspaces: new WorkspacesTree(),
  };
  context.subscriptions.push(
    ui.localModels,
    ui.targets,
    ui.workspaces,
    vscode.window.registerTreeDataProvider('aksModel.workspaces', ui.workspaces),
    vscode.window.registerTreeDataProvider('aksModel.localModels', ui.localModels),
    vscode.window.registerTreeDataProvider('aksModel.targets', ui.targets),
  );
  const kubeconfig = new KubeconfigSource();
  context.subscriptions.push(kubeconfig);
  ui.targets.addSource(kubeconfig);
  registerConfigDiagnostics(context);
  registerCommands(ui);
  log.info(`[extension] activated ${context.extension.packageJSON.version}`);
  return ui;
}

export function deactivate(): void {}
