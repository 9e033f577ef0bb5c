// Run Locally / Debug Locally / Send Test Request / stop / restart: the model folder served by the real Azure ML
// inference server on 127.0.0.1, as a process or in Docker, with debugpy attached for Debug.
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import type { LocalMode } from '../../local';
import { formatTestReport } from '../call/testReport';
import { showTestResult } from '../call/resultView';
import { localEngine } from '../engines';
import { clusterCommands } from '../lazyCommandsLoader';
import type { ServiceArg } from '../kube/pickService';
import type { RunningLocal } from '../local/localServices';
import { attachDebugType } from '../local/pythonDebugAdapter';
import type { UiContext } from '../uiContext';
import { modelFolderOf, pickMode, type FolderArg } from './modelFolderArg';
import { trainModel } from './trainModel';
import { UiError } from '../uiError';

// Kept exported from here for the modules that import them from here.
export { modelFolderOf, pickMode, type FolderArg } from './modelFolderArg';

export async function runLocally(ui: UiContext, arg: FolderArg, debug: boolean, modeArg?: LocalMode): Promise<{ url: string; mode: LocalMode } | undefined> {
  const folder = await modelFolderOf(ui, arg);
  if (!folder) return undefined;
  const mode = modeArg ?? (await pickMode(debug ? 'Debug Locally' : 'Run Locally'));
  if (!mode) return undefined;
  let entry: RunningLocal;
  try {
    entry = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `${debug ? 'Debugging' : 'Running'} ${path.basename(folder)} locally (${mode})`, cancellable: true },
      (progress, token) => ui.local.start(folder, mode, debug, token, (m) => progress.report({ message: m.slice(0, 120) })),
    );
  } catch (err) {
    const engine = localEngine();
    if (!(err instanceof engine.LocalServiceError && err.kind === 'modelMissing')) throw err;
    return offerTraining(ui, folder, mode, debug, err);
  }
  if (debug) await attachDebugger(entry);
  void vscode.window.showInformationMessage(`${entry.spec.name} is serving on ${entry.service.url} (${mode}). Saving a file under its source folder restarts it.`, 'Send Test Request', 'Open Log').then((c) => {
    if (c === 'Send Test Request') void vscode.commands.executeCommand('aksModel.sendTestRequest', vscode.Uri.file(folder));
    if (c === 'Open Log') entry.channel.show();
  });
  return { url: entry.service.url, mode };
}

/** The typed "no trained model yet" error: its action trains with this mode's environment, then runs again. */
async function offerTraining(ui: UiContext, folder: string, mode: LocalMode, debug: boolean, err: Error & { details: { logTail?: readonly string[] } }) {
  ui.log.warn(`[local] ${err.message}\n${(err.details.logTail ?? []).slice(-10).join('\n')}`);
  const choice = await vscode.window.showErrorMessage(err.message, 'Train Model', 'Show Log');
  if (choice === 'Show Log') ui.log.channel.show(true);
  if (choice !== 'Train Model') return undefined;
  await trainModel(ui, vscode.Uri.file(folder), mode, false);
  return runLocally(ui, vscode.Uri.file(folder), debug, mode);
}

async function attachDebugger(entry: RunningLocal): Promise<void> {
  if (!entry.service.debug) return;
  // Without the Python Debugger extension, this extension's own debug type attaches (src/ui/local/pythonDebugAdapter.ts).
  const config = localEngine().debugpyAttachConfiguration(entry.spec.name, entry.service.debug, attachDebugType());
  const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(entry.folder));
  // No save before attaching: the server is already running, a save would restart its worker (hot reload) under
  // the attach, and an untitled editor (e.g. a test request's answer) would pop up a Save As dialog.
  const started = await vscode.debug.startDebugging(folder, { ...config, pathMappings: [...config.pathMappings] }, { suppressSaveBeforeStart: true });
  if (!started) throw new Error(`Could not attach the debugger to ${entry.spec.name} on ${config.connect.host}:${config.connect.port} (${config.type}): see the Debug Console.`);
}

export async function sendTestRequestCommand(ui: UiContext, arg: FolderArg | ServiceArg) {
  // A row of the Targets view (service, endpoint, version): the deployed service, through the cluster.
  if (arg && typeof arg === 'object' && 'ref' in arg) {
    const deployed = await clusterCommands().deployedTestRequest(ui, arg);
    if (deployed) await showTestResult(ui, deployed.report);
    return deployed?.result;
  }
  const entry = await runningOf(ui, arg as FolderArg);
  if (!entry) return undefined;
  const sample = path.join(entry.folder, 'sample-request.json');
  const bodyFile = fs.existsSync(sample)
    ? sample
    : (await vscode.window.showOpenDialog({ defaultUri: vscode.Uri.file(entry.folder), filters: { JSON: ['json'] }, openLabel: 'Send This Body' }))?.[0]?.fsPath;
  if (!bodyFile) return undefined;
  const sentAt = new Date();
  const result = await localEngine().sendTestRequest(entry.service.url, fs.readFileSync(bodyFile, 'utf8'), { logTail: (n) => entry.service.logTail(n) });
  const report = formatTestReport({ ...result, target: `POST ${entry.service.url}/score`, bodyFile: path.basename(bodyFile), sentAt });
  await showTestResult(ui, report);
  return result;
}

export async function stopLocal(ui: UiContext, arg: FolderArg): Promise<void> {
  const entry = await runningOf(ui, arg);
  if (entry) await ui.local.stop(entry.folder);
}

export async function restartLocal(ui: UiContext, arg: FolderArg): Promise<void> {
  const entry = await runningOf(ui, arg);
  if (entry) await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: `Restarting ${entry.spec.name}` }, () => entry.service.restart());
}

export async function showLocalActions(ui: UiContext): Promise<void> {
  const entry = await runningOf(ui, undefined);
  if (!entry) return;
  const actions = [
    { label: '$(debug-stop) Stop', command: 'aksModel.stopLocal' },
    { label: '$(debug-restart) Restart', command: 'aksModel.restartLocal' },
    { label: '$(output) Open Log', command: '' },
    { label: '$(send) Send Test Request', command: 'aksModel.sendTestRequest' },
  ];
  const picked = await vscode.window.showQuickPick(actions, { title: `${entry.spec.name} on ${entry.service.url}` });
  if (!picked) return;
  if (!picked.command) entry.channel.show();
  else await vscode.commands.executeCommand(picked.command, vscode.Uri.file(entry.folder));
}

async function runningOf(ui: UiContext, arg: FolderArg): Promise<RunningLocal | undefined> {
  if (arg) {
    const folder = await modelFolderOf(ui, arg);
    const entry = folder ? ui.local.get(folder) : undefined;
    if (!entry) throw new UiError('notRunning', `${folder ? path.basename(folder) : 'This folder'} is not running locally: use Run Locally first.`, { folder });
    return entry;
  }
  const all = ui.local.all();
  if (all.length === 0) throw new UiError('notRunning', 'No model is running locally: use Run Locally or Debug Locally on a model folder first.');
  if (all.length === 1) return all[0];
  return (await vscode.window.showQuickPick(all.map((r) => ({ label: r.spec.name, description: r.service.url, entry: r })), { title: 'Which local service?' }))?.entry;
}

export async function openDockerfile(ui: UiContext, arg: FolderArg): Promise<vscode.Uri | undefined> {
  const folder = await modelFolderOf(ui, arg);
  if (!folder) return undefined;
  const file = ui.local.dockerfileFor(folder);
  if (!fs.existsSync(file)) throw new UiError('notRunning', `No Dockerfile has been generated for ${path.basename(folder)} yet: use Run Locally in Docker mode first.`, { folder, mode: 'docker' });
  const uri = vscode.Uri.file(file);
  await vscode.window.showTextDocument(uri, { preview: true });
  return uri;
}
