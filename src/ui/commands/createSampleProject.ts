// Writes the sample model project into a folder the user picks (a new sub-folder: nothing is overwritten).
import * as vscode from 'vscode';
import { SAMPLE_PROJECT_NAME, freeFolderName, sampleProjectFiles } from '../../core/sampleProject';
import type { UiContext } from '../uiContext';

export async function createSampleProject(ui: UiContext, parentArg?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const parent = parentArg instanceof vscode.Uri ? parentArg : await pickParentFolder();
  if (!parent) return undefined;
  const name = await freeFolderName(SAMPLE_PROJECT_NAME, (c) => exists(vscode.Uri.joinPath(parent, c)));
  const folder = vscode.Uri.joinPath(parent, name);
  for (const file of sampleProjectFiles()) {
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, file.path), Buffer.from(file.content, 'utf8'));
  }
  ui.log.info(`[sample] wrote ${sampleProjectFiles().length} files to ${folder.fsPath}`);
  ui.localModels.refresh();
  void vscode.window
    .showInformationMessage(`Sample model project created in ${name}. Train its model now (train.py, in the project's own Python environment)?`, 'Train Now', 'Open README')
    .then((choice) => {
      // The same command as on the folder: the project's venv or image, never the system python3.
      if (choice === 'Train Now') void vscode.commands.executeCommand('aksModel.trainModel', folder);
      if (choice === 'Open README') void vscode.commands.executeCommand('markdown.showPreview', vscode.Uri.joinPath(folder, 'README.md'));
    });
  return folder;
}

async function pickParentFolder(): Promise<vscode.Uri | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length > 0) {
    const choose = { label: '$(folder-opened) Choose another folder…', uri: undefined };
    const picked = await vscode.window.showQuickPick(
      [...folders.map((f) => ({ label: `$(root-folder) ${f.name}`, description: f.uri.fsPath, uri: f.uri })), choose],
      { title: 'Create Sample Project', placeHolder: 'Where should the sample model project go?' },
    );
    if (!picked) return undefined;
    if (picked.uri) return picked.uri;
  }
  const chosen = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, openLabel: 'Create Sample Here' });
  return chosen?.[0];
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
