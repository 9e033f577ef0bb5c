// Deploy targets. This machine ("Local") is always there; Kubernetes clusters join it in later versions.
import * as vscode from 'vscode';

export interface TargetNode {
  readonly id: string;
  readonly label: string;
  readonly description: string;
  readonly contextValue: string;
  readonly icon: string;
}

const LOCAL: TargetNode = {
  id: 'target:local',
  label: 'Local',
  description: 'this machine: process or Docker',
  contextValue: 'localTarget',
  icon: 'vm',
};

export class TargetsTree implements vscode.TreeDataProvider<TargetNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TargetNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  refresh(): void {
    this.changed.fire(undefined);
  }

  getChildren(node?: TargetNode): TargetNode[] {
    return node ? [] : [LOCAL];
  }

  getTreeItem(node: TargetNode): vscode.TreeItem {
    const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
    item.id = node.id;
    item.description = node.description;
    item.contextValue = node.contextValue;
    item.iconPath = new vscode.ThemeIcon(node.icon);
    return item;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
