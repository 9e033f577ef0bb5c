// Adapts the workspaces tree model to VS Code's TreeDataProvider for the `aksModel.workspaces` view. Signed
// out, it has no children, so the view shows its welcome content. Only the node that changed is refreshed.
import * as vscode from 'vscode';
import { engineBrowser } from './azureBrowser';
import { azureEngine } from './azureEngine';
import type { AzureSession } from './azureSession';
import { WorkspacesModel, type NodeKind, type TreeNode } from './workspacesModel';
import { azureCommandIds } from './azureCommandIds';
import type { ViewTree } from '../tree/viewTree';

const icons: Record<NodeKind, string> = {
  subscription: 'key',
  workspace: 'beaker',
  modelsFolder: 'package',
  targetsFolder: 'server-environment',
  model: 'symbol-class',
  modelVersion: 'versions',
  compute: 'server',
  loadMore: 'ellipsis',
  error: 'error',
  empty: 'info',
  loading: 'loading~spin',
};

export class AzureWorkspacesTreeProvider implements ViewTree<TreeNode> {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private model: WorkspacesModel | undefined;
  private readonly sessionListener: vscode.Disposable;
  /** The Azure ML Workspaces view, once createView made it. */
  view: vscode.TreeView<TreeNode> | undefined;

  constructor(
    private readonly session: AzureSession,
    private subscriptionFilter: readonly string[] | undefined,
  ) {
    this.sessionListener = session.onDidChange(() => this.refresh());
  }

  createView(viewId: string): vscode.TreeView<TreeNode> {
    this.view = vscode.window.createTreeView(viewId, { treeDataProvider: this });
    return this.view;
  }

  setSubscriptionFilter(ids: readonly string[] | undefined): void {
    this.subscriptionFilter = ids;
    this.model?.setSubscriptionFilter(ids);
    this.changed.fire(undefined);
  }

  /** Drops everything loaded (and cancels it), e.g. after sign-in, tenant change or "Refresh". */
  refresh(): void {
    this.model?.reset();
    this.model = undefined;
    this.changed.fire(undefined);
  }

  async loadMore(node: TreeNode): Promise<void> {
    const parent = await this.model?.loadMore(node);
    this.changed.fire(parent);
  }

  async retry(node: TreeNode): Promise<void> {
    const parent = await this.model?.retry(node);
    this.changed.fire(parent);
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    const model = await this.currentModel();
    return model ? model.children(node) : [];
  }

  /** Every node is made by its parent's listing and keeps it: subscription → workspace → folder → model → version. */
  getParent(node: TreeNode): TreeNode | undefined {
    return node.parent;
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    const item = new vscode.TreeItem(node.label, node.expandable ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.id = node.id;
    item.description = node.description;
    item.tooltip = node.tooltip;
    item.contextValue = `azure.${node.kind}`;
    item.iconPath = node.kind === 'error' ? new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground')) : new vscode.ThemeIcon(icons[node.kind]);
    if (node.kind === 'loadMore') item.command = { command: azureCommandIds.loadMore, title: 'Load more', arguments: [node] };
    if (node.kind === 'error') item.command = { command: azureCommandIds.retry, title: 'Retry', arguments: [node] };
    return item;
  }

  dispose(): void {
    this.model?.reset();
    this.view?.dispose();
    this.sessionListener.dispose();
    this.changed.dispose();
  }

  private async currentModel(): Promise<WorkspacesModel | undefined> {
    const client = await this.session.client();
    if (!client) return undefined;
    if (!this.model) {
      this.model = new WorkspacesModel(engineBrowser(await azureEngine(), client));
      this.model.setSubscriptionFilter(this.subscriptionFilter);
    }
    return this.model;
  }
}
