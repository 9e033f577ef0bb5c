// Opens a model folder's config: the one file there is, or a quick pick when there are several.
import path from 'node:path';
import * as vscode from 'vscode';
import { isDeploymentConfigName, isInferenceConfigName } from '../../core/modelFolder';
import type { LocalModelNode } from '../tree/localModelsTree';

export async function openConfig(node?: LocalModelNode): Promise<void> {
  const files = node?.kind === 'folder' ? node.model.files : node?.kind === 'file' ? [node.file] : await pickFromWorkspace();
  const configs = files.filter((f) => isInferenceConfigName(f) || isDeploymentConfigName(f));
  const candidates = configs.length ? configs : files;
  if (candidates.length === 0) {
    void vscode.window.showInformationMessage('This model folder has no inferenceconfig.json or deploymentconfig.json yet.');
    return;
  }
  const file =
    candidates.length === 1
      ? candidates[0]
      : (await vscode.window.showQuickPick(candidates.map((f) => ({ label: path.basename(f), description: f, file: f })), { title: 'Open Config' }))?.file;
  if (file) await vscode.window.showTextDocument(vscode.Uri.file(file));
}

async function pickFromWorkspace(): Promise<string[]> {
  const uris = await vscode.workspace.findFiles('**/*onfig*.{json,yml,yaml}', '**/node_modules/**', 200);
  return uris.map((u) => u.fsPath);
}
