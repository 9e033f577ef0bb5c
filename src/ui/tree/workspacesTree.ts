// Azure ML workspaces. Until Azure sign-in is wired, the view is empty and shows its welcome content.
import * as vscode from 'vscode';

export class WorkspacesTree implements vscode.TreeDataProvider<never>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  refresh(): void {
    this.changed.fire(undefined);
  }

  getChildren(): never[] {
    return [];
  }

  getTreeItem(node: never): vscode.TreeItem {
    return node;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
