// The one shape of the three views (Azure ML Workspaces, Local Models, Targets): nodes are tagged plain data, and
// every provider answers getParent, so `TreeView.reveal` works on any node of any view.
import type * as vscode from 'vscode';

/** A node of one of our views: plain data tagged by `kind` (menus read it through the item's contextValue). */
export interface ViewNode {
  readonly kind: string;
}

export interface ViewTree<N extends ViewNode> extends vscode.TreeDataProvider<N>, vscode.Disposable {
  getChildren(node?: N): Promise<N[]>;
  getTreeItem(node: N): vscode.TreeItem;
  /** The node that lists `node` (undefined at the top): `reveal` walks it up, then finds each row again by its id. */
  getParent(node: N): N | undefined;
  /** The view, once createView made it. */
  readonly view: vscode.TreeView<N> | undefined;
  /** Registers the view with this provider and keeps it, so that its nodes can be revealed. */
  createView(viewId: string): vscode.TreeView<N>;
}

