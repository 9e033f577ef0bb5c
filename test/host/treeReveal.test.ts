import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import type { TreeNode } from '../../src/ui/azure/workspacesModel';
import type { LocalModelNode } from '../../src/ui/tree/localModelsTree';
import type { ViewNode, ViewTree } from '../../src/ui/tree/viewTree';
import { ArmReplayServer } from '../support/armReplay/replayServer';
import { FakeCredential } from '../support/armReplay/testCredential';
import { activateExtension, eventually, workspaceRoot } from './support';

// Issue 15: the three views share one node shape, and every node answers getParent, so `TreeView.reveal` finds any
// row. Revealed in the real views of the real host; the Azure rows come from the ARM replay server (the official
// REST examples, each request checked against the official OpenAPI specs) through a test credential.
describe('Tree views: reveal a deep node (one node shape with getParent)', function () {
  this.timeout(180_000);
  let replay: ArmReplayServer;
  let modelDir: string | undefined;

  before(async () => {
    replay = await ArmReplayServer.start();
    const ui = await activateExtension();
    await ui.azure.session.configure({ credential: new FakeCredential(), armBaseUrl: replay.url, agent: replay.agent });
  });
  after(async () => {
    const ui = await activateExtension();
    await ui.azure.session.configure({});
    await replay?.close();
    if (modelDir) fs.rmSync(modelDir, { recursive: true, force: true });
    ui.localModels.refresh();
  });

  /**
   * Reveals `node` in the real view and waits until the view reports it selected: VS Code resolved the chain of
   * getParent answers back to rows it holds. The selection reaches the extension host a little after reveal()
   * resolves, so it is polled, revealing again now and then.
   */
  async function revealAndSelect<N extends ViewNode>(tree: ViewTree<N>, focusCommand: string, node: N, what: string): Promise<void> {
    const view = tree.view;
    assert.ok(view, `the view of ${what} was created (createView)`);
    await vscode.commands.executeCommand(focusCommand);
    await eventually(`the view of ${what} to be visible`, () => view.visible, 30_000);
    const id = tree.getTreeItem(node).id;
    let polls = 0;
    await eventually(`${what} to be revealed and selected`, async () => {
      if (view.selection.some((n) => tree.getTreeItem(n).id === id)) return true;
      if (polls++ % 20 === 0) await view.reveal(node, { select: true, focus: false, expand: false });
      return false;
    }, 60_000);
  }

  it('Azure ML Workspaces: getParent leads a model version back to its subscription, and reveal selects it', async () => {
    const ui = await activateExtension();
    const tree = ui.azure.tree;
    const children = (node?: TreeNode) => tree.getChildren(node);
    const subs = await eventually('subscriptions', async () => { const c = await children(); return c.some((n) => n.kind === 'subscription') && c; }, 30_000);
    const [ws] = await children(subs[0]);
    const [modelsFolder] = await children(ws);
    const [model] = await children(modelsFolder);
    const [version] = await children(model);
    assert.equal(version.kind, 'modelVersion', `a model version under ${model.label}`);
    // The chain reveal walks, from the row up to the top.
    const chain: string[] = [];
    for (let n: TreeNode | undefined = version; n; n = tree.getParent(n)) chain.push(n.kind);
    assert.deepEqual(chain, ['modelVersion', 'model', 'modelsFolder', 'workspace', 'subscription']);
    assert.equal(tree.getParent(subs[0]), undefined, 'a subscription is at the top');
    assert.equal(tree.getParent(model)?.id, modelsFolder.id);
    await revealAndSelect(tree, 'aksModel.workspaces.focus', model, `the model ${model.label}`);
    await revealAndSelect(tree, 'aksModel.workspaces.focus', version, `the version ${version.label}`);
  });

  it('Local Models: a file row of a model folder is revealed under its folder', async () => {
    const ui = await activateExtension();
    modelDir = fs.mkdtempSync(path.join(workspaceRoot().fsPath, 'reveal-model-'));
    const score = path.join(modelDir, 'score.py');
    fs.writeFileSync(score, 'def init():\n    pass\n\n\ndef run(data):\n    return data\n');
    ui.localModels.refresh();
    const tree = ui.localModels;
    const folder = await eventually('the new model folder in Local Models', async () =>
      (await tree.getChildren()).find((n): n is Extract<LocalModelNode, { kind: 'folder' }> => n.kind === 'folder' && n.model.folder === modelDir), 30_000);
    const file = (await tree.getChildren(folder)).find((n) => n.kind === 'file' && n.file === score);
    assert.ok(file, 'score.py is a row of its folder');
    assert.equal(tree.getParent(file)?.kind, 'folder');
    await revealAndSelect(tree, 'aksModel.localModels.focus', file, 'score.py');
  });

  it('made no request the official specs do not allow', () => {
    assert.deepEqual(replay.violations, []);
  });
});
