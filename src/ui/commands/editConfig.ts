// "Edit Inference Config…" / "Edit Deployment Config…": opens the wizard on the model folder's config of that kind,
// or on a new file when the folder has none. Reached from the tree, the Explorer, an open config and the palette.
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import type { ConfigKind } from '../../core/config/configKind';
import { kindFromFileName } from '../../core/config/configKind';
import { isDeploymentConfigName, isInferenceConfigName } from '../../core/modelFolder';
import type { LocalModelNode } from '../tree/localModelsTree';
import type { UiContext } from '../uiContext';
import { openConfigWizard } from '../webviews/configWizardPanel';

const CANONICAL: Record<ConfigKind, string> = { inference: 'inferenceconfig.json', deployment: 'deploymentconfig.json' };

export async function editConfig(ui: UiContext, kind: ConfigKind, arg?: LocalModelNode | vscode.Uri) {
  const file = await configFileFor(ui, kind, arg);
  return file ? openConfigWizard(ui, kind, file) : undefined;
}

async function configFileFor(ui: UiContext, kind: ConfigKind, arg?: LocalModelNode | vscode.Uri): Promise<vscode.Uri | undefined> {
  let target: string | undefined;
  if (arg instanceof vscode.Uri) target = arg.fsPath;
  else if (arg?.kind === 'folder') target = arg.model.folder;
  else if (arg?.kind === 'file') target = arg.file;
  else {
    const active = vscode.window.activeTextEditor?.document;
    if (active?.uri.scheme === 'file' && kindFromFileName(active.fileName) === kind) return active.uri;
    target = await pickModelFolder(ui);
  }
  if (!target) return undefined;
  if (!isDirectory(target)) {
    if (kindFromFileName(target) === kind) return vscode.Uri.file(target);
    target = path.dirname(target);
  }
  return vscode.Uri.file(existingConfig(target, kind) ?? path.join(target, CANONICAL[kind]));
}

function existingConfig(folder: string, kind: ConfigKind): string | undefined {
  const matches = (name: string) => (kind === 'inference' ? isInferenceConfigName(name) : isDeploymentConfigName(name) && !isInferenceConfigName(name));
  const names = fs.readdirSync(folder).filter(matches).sort((a, b) => Number(b === CANONICAL[kind]) - Number(a === CANONICAL[kind]) || a.localeCompare(b));
  return names.length ? path.join(folder, names[0]) : undefined;
}

async function pickModelFolder(ui: UiContext): Promise<string | undefined> {
  const folders = await ui.localModels.modelFolders();
  if (folders.length === 1) return folders[0].folder;
  if (folders.length > 1) {
    const picked = await vscode.window.showQuickPick(
      folders.map((f) => ({ label: path.basename(f.folder), description: vscode.workspace.asRelativePath(f.folder), folder: f.folder })),
      { title: 'Which model folder?' },
    );
    return picked?.folder;
  }
  const chosen = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, openLabel: 'Use This Model Folder' });
  return chosen?.[0].fsPath;
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}
