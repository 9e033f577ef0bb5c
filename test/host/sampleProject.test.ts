import assert from 'node:assert/strict';
import path from 'node:path';
import * as vscode from 'vscode';
import { activateExtension, eventually, workspaceRoot } from './support';

describe('sample project and the local models view', () => {
  it('writes a sample project that the local models view then lists', async () => {
    const ui = await activateExtension();
    const folder = await vscode.commands.executeCommand<vscode.Uri>('aksModel.createSampleProject', workspaceRoot());
    assert.ok(folder, 'the command returns the new folder');
    for (const f of ['score.py', 'train.py', 'conda.yml', 'inferenceconfig.json', 'deploymentconfig.json', 'README.md']) {
      await vscode.workspace.fs.stat(vscode.Uri.joinPath(folder, f));
    }
    const nodes = await eventually('the sample folder in the tree', async () => {
      const roots = await ui.localModels.getChildren();
      return roots.some((n) => n.kind === 'folder' && n.model.folder === folder.fsPath) && roots;
    });
    const node = nodes.find((n) => n.kind === 'folder' && n.model.folder === folder.fsPath)!;
    const item = ui.localModels.getTreeItem(node);
    assert.equal(item.label, path.basename(folder.fsPath));
    assert.equal(item.contextValue, 'modelFolder');
  });

  it('never overwrites: a second sample goes into a new folder', async () => {
    await activateExtension();
    const a = await vscode.commands.executeCommand<vscode.Uri>('aksModel.createSampleProject', workspaceRoot());
    const b = await vscode.commands.executeCommand<vscode.Uri>('aksModel.createSampleProject', workspaceRoot());
    assert.notEqual(a.fsPath, b.fsPath);
  });

  it('follows file changes: a new score.py adds a folder, deleting it removes the folder', async () => {
    const ui = await activateExtension();
    const folder = vscode.Uri.joinPath(workspaceRoot(), 'watched-model');
    const listed = async () => (await ui.localModels.getChildren()).some((n) => n.kind === 'folder' && n.model.folder === folder.fsPath);
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, 'score.py'), Buffer.from('def init():\n    pass\n\ndef run(raw):\n    return raw\n'));
    await eventually('the new model folder to appear', listed);
    await vscode.workspace.fs.delete(folder, { recursive: true });
    await eventually('the deleted model folder to disappear', async () => !(await listed()));
  });

  it('opens the config of a model folder', async () => {
    const ui = await activateExtension();
    const folder = await vscode.commands.executeCommand<vscode.Uri>('aksModel.createSampleProject', workspaceRoot());
    const node = await eventually('the folder node', async () =>
      (await ui.localModels.getChildren()).find((n) => n.kind === 'folder' && n.model.folder === folder.fsPath));
    // Two configs in the folder: the command asks which one, and the user takes the first.
    let finished = false;
    const done = Promise.resolve(vscode.commands.executeCommand('aksModel.openConfig', node)).finally(() => { finished = true; });
    await eventually('the quick pick to be answered', async () => {
      if (!finished) await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      return finished;
    });
    await done;
    const opened = vscode.window.activeTextEditor?.document.uri.fsPath ?? '';
    assert.ok(opened.startsWith(folder.fsPath) && /config\.json$/.test(opened), `opened ${opened}`);
  });
});
