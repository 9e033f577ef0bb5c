// activate(): build the context and register; nothing else. Heavy modules load on first use.
import type * as vscode from 'vscode';
import { taggedLogger } from './core/logger';
import { kubeConfigFor } from './ui/kube/clusterRef';
import { registerAzureUi } from './ui/azure/registerAzureUi';
import { registerConfigDiagnostics } from './ui/configDiagnostics';
import { registerEndpointUi } from './ui/endpoint/registerEndpointUi';
import { createExtensionLog } from './ui/log';
import { registerCommands } from './ui/commandRegistry';
import { LocalServices } from './ui/local/localServices';
import { registerOpsUi } from './ui/ops/registerOpsUi';
import { registerCallUi } from './ui/call/registerCallUi';
import { registerPythonDebugAdapter } from './ui/local/pythonDebugAdapter';
import { KubeconfigSource } from './ui/tree/kubeconfigSource';
import { LocalModelsTree } from './ui/tree/localModelsTree';
import { TargetsTree } from './ui/tree/targetsTree';
import type { UiContext } from './ui/uiContext';

// What deactivate() must clean up: set by activate().
let active: UiContext | undefined;

export function activate(context: vscode.ExtensionContext): UiContext & { activationMs: number } {
  const started = performance.now();
  const log = createExtensionLog(context);
  const ui: UiContext = {
    extension: context,
    log,
    localModels: new LocalModelsTree(log),
    targets: new TargetsTree(),
    azure: registerAzureUi(context, log),
    local: new LocalServices(context, log),
  };
  active = ui;
  context.subscriptions.push(
    ui.localModels,
    ui.targets,
    ui.local,
    ui.azure.tree.createView('aksModel.workspaces'),
    ui.localModels.createView('aksModel.localModels'),
    ui.targets.createView('aksModel.targets'),
  );
  ui.localModels.showRunning(ui.local);
  const kubeconfig = new KubeconfigSource();
  context.subscriptions.push(kubeconfig);
  ui.targets.addSource(kubeconfig);
  ui.targets.addSource(ui.azure.aksTargets);
  ui.targets.connect((cluster) => kubeConfigFor(ui, cluster), taggedLogger(log, 'targets'));
  registerConfigDiagnostics(context, log);
  registerCommands(ui);
  registerOpsUi(ui);
  registerEndpointUi(ui);
  registerCallUi(ui);
  registerPythonDebugAdapter(context);
  log.info(`[extension] activated ${context.extension.packageJSON.version}`);
  // Kept for `npm run bench`, which reads it through the extension's exports.
  return { ...ui, activationMs: performance.now() - started };
}

/**
 * Closing or reloading the window: local services run as process groups and `docker run -d` containers, which would
 * outlive the extension host, so stop them and wait. VS Code waits at most 5 s for this promise, then exits the host.
 */
export async function deactivate(): Promise<void> {
  const ui = active;
  active = undefined;
  if (!ui || ui.local.all().length === 0) return;
  const stopped = await ui.local.stopAll(4_000);
  if (!stopped) ui.log.warn('[extension] local services still stopping after 4 s when the extension host shut down');
}
