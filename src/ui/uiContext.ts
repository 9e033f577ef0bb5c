// What commands get: the extension context, the log and the trees (so a command refreshes only what it changed).
import type * as vscode from 'vscode';
import type { ExtensionLog } from './log';
import type { LocalModelsTree } from './tree/localModelsTree';
import type { TargetsTree } from './tree/targetsTree';
import type { AzureUi } from './azure/registerAzureUi';
import type { LocalServices } from './local/localServices';

export interface UiContext {
  readonly extension: vscode.ExtensionContext;
  readonly log: ExtensionLog;
  readonly localModels: LocalModelsTree;
  readonly targets: TargetsTree;
  readonly azure: AzureUi;
  readonly local: LocalServices;
}
