// The action an error toast offers, picked from the error's type and kind as the engines and the UI report them
// (never from its text), then "Show Log" last. Engines are bundled apart, so their errors are recognised by the
// `name` their classes set, not by `instanceof` across bundles.
import * as vscode from 'vscode';
import { azureCommandIds } from './azure/azureCommandIds';
import { CommandId } from './commandIds';
import type { UiErrorKind } from './uiError';

export interface FixAction {
  readonly title: string;
  readonly run: () => Thenable<unknown>;
}

type Named = { readonly name?: unknown; readonly kind?: unknown; readonly details?: { readonly folder?: string; readonly mode?: string; readonly setting?: string } };

const command = (title: string, id: string, ...args: unknown[]): FixAction => ({ title, run: () => vscode.commands.executeCommand(id, ...args) });
const openSetting = (setting: string): FixAction => ({ title: 'Open Settings', run: () => vscode.commands.executeCommand('workbench.action.openSettings', setting) });

/** The local engine's kinds (src/local/localServiceError.ts) that a setting fixes. */
const LOCAL_SETTING: Readonly<Record<string, string>> = {
  pythonMissing: 'aksModel.python.path',
  pipFailed: 'aksModel.python.path',
  dockerMissing: 'aksModel.local.dockerHost',
  registryAuth: 'aksModel.deploy.registries',
  registryUnreachable: 'aksModel.deploy.registries',
  pushFailed: 'aksModel.deploy.registries',
};

/** The kube engine's kinds (src/kube/deploy/errors.ts) whose fix is a (working) cluster. */
const KUBE_CLUSTER = new Set(['unauthorized', 'unreachable']);

/** The fixes for `err`, best first; `args` are the failed command's own arguments (e.g. the folder it ran on). */
export function fixActionsFor(err: unknown, args: readonly unknown[] = []): FixAction[] {
  const e = (err && typeof err === 'object' ? err : {}) as Named;
  const folderArg = args[0];
  switch (e.name) {
    case 'UiError':
      return uiFixes(e.kind as UiErrorKind, e.details?.folder, e.details?.mode);
    case 'LocalServiceError': {
      if (e.kind === 'modelMissing' && folderArg) return [command('Train Model', CommandId.trainModel, folderArg)];
      const setting = typeof e.kind === 'string' ? LOCAL_SETTING[e.kind] : undefined;
      return setting ? [openSetting(setting)] : [];
    }
    case 'KubeDeployError':
    case 'EndpointRefusal':
      if (typeof e.kind === 'string' && KUBE_CLUSTER.has(e.kind)) return [command('Add a Cluster…', CommandId.addCluster)];
      if (e.kind === 'timeout') return [openSetting('aksModel.deploy.rolloutTimeoutSeconds')];
      return [];
    case 'NotSignedInError':
    case 'AzureCredentialError':
      return [command('Sign in to Azure', azureCommandIds.signIn)];
    default:
      return [];
  }
}

function uiFixes(kind: UiErrorKind, folder: string | undefined, mode: string | undefined): FixAction[] {
  switch (kind) {
    case 'notRunning':
      return [{ title: 'Run Locally', run: () => vscode.commands.executeCommand(CommandId.runLocally, ...(folder ? [vscode.Uri.file(folder), ...(mode ? [mode] : [])] : [])) }];
    case 'noCluster':
      return [command('Add a Cluster…', CommandId.addCluster)];
    case 'notSignedIn':
      return [command('Sign in to Azure', azureCommandIds.signIn)];
    case 'configInvalid':
      return [command('Show Problems', 'workbench.actions.view.problems')];
  }
}
