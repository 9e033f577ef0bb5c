// Which model folder a command acts on (a tree node, an Explorer Uri, else a pick) and in which local mode: shared by
// Run Locally and Train Model, in a file of its own so those two can call each other without an import cycle.
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import type { LocalMode } from '../../local';
import type { LocalModelNode } from '../tree/localModelsTree';
import type { UiContext } from '../uiContext';

export type FolderArg = LocalModelNode | vscode.Uri | undefined;

export async function pickMode(title: string): Promise<LocalMode | undefined> {
  const picked = await vscode.window.showQuickPick(
    [
      { label: '$(terminal) Process', description: 'a Python virtual environment on this machine: fastest to start', mode: 'process' as const },
      { label: '$(package) Docker', description: 'the image the cluster will run, source mounted for reload', mode: 'docker' as const },
    ],
    { title, placeHolder: title === 'Train Model' ? 'Where should train.py run?' : 'Where should the scoring server run?' },
  );
  return picked?.mode;
}

export async function modelFolderOf(ui: UiContext, arg: FolderArg): Promise<string | undefined> {
  if (arg instanceof vscode.Uri) return fs.statSync(arg.fsPath).isDirectory() ? arg.fsPath : path.dirname(arg.fsPath);
  if (arg?.kind === 'folder') return arg.model.folder;
  if (arg?.kind === 'file') return path.dirname(arg.file);
  const folders = await ui.localModels.modelFolders();
  if (folders.length === 1) return folders[0].folder;
  const picked = await vscode.window.showQuickPick(folders.map((f) => ({ label: path.basename(f.folder), description: vscode.workspace.asRelativePath(f.folder), folder: f.folder })), { title: 'Which model folder?' });
  return picked?.folder;
}
