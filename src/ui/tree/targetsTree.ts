// Deploy targets: this machine ("Local"), then the clusters each source knows (kubeconfig contexts; Azure joins).
// A source that fails to load shows as an error node with the reason, never as a pop-up.
import * as vscode from 'vscode';

export interface ClusterTarget {
  /** Stable across refreshes, unique across sources. */
  readonly id: string;
  readonly label: string;
  readonly description?: string;
  readonly tooltip?: string;
  readonly current?: boolean;
}

export interface ClusterSource {
  readonly id: string;
  list(): Promise<{ targets: ClusterTarget[]; problems: string[] }>;
  readonly onDidChange?: vscode.Event<void>;
}

export type TargetNode =
  | { readonly kind: 'local' }
  | { readonly kind: 'cluster'; readonly source: string; readonly target: ClusterTarget }
  | { readonly kind: 'error'; readonly source: string; readonly message: string };

export class TargetsTree implements vscode.TreeDataProvider<TargetNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TargetNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly sources: ClusterSource[] = [];
  private readonly disposables: vscode.Disposable[] = [this.changed];

  addSource(source: ClusterSource): void {
    this.sources.push(source);
    if (source.onDidChange) this.disposables.push(source.onDidChange(() => this.refresh()));
    this.refresh();
  }

  refresh(): void {
    this.changed.fire(undefined);
  }

  async getChildren(node?: TargetNode): Promise<TargetNode[]> {
    if (node) return [];
    const nodes: TargetNode[] = [{ kind: 'local' }];
    for (const source of this.sources) {
      try {
        const { targets, problems } = await source.list();
        nodes.push(...targets.map((target): TargetNode => ({ kind: 'cluster', source: source.id, target })));
        nodes.push(...problems.map((message): TargetNode => ({ kind: 'error', source: source.id, message })));
      } catch (err) {
        nodes.push({ kind: 'error', source: source.id, message: err instanceof Error ? err.message : String(err) });
      }
    }
    return nodes;
  }

  getTreeItem(node: TargetNode): vscode.TreeItem {
    switch (node.kind) {
      case 'local': {
        const item = new vscode.TreeItem('Local', vscode.TreeItemCollapsibleState.None);
        item.id = 'target:local';
        item.description = 'this machine: process or Docker';
        item.contextValue = 'localTarget';
        item.iconPath = new vscode.ThemeIcon('vm');
        return item;
      }
      case 'cluster': {
        const item = new vscode.TreeItem(node.target.label, vscode.TreeItemCollapsibleState.None);
        item.id = `target:${node.source}:${node.target.id}`;
        item.description = [node.target.current ? 'current' : '', node.target.description ?? ''].filter(Boolean).join(' · ');
        item.tooltip = node.target.tooltip;
        item.contextValue = `clusterTarget.${node.source}`;
        item.iconPath = new vscode.ThemeIcon('server-environment');
        return item;
      }
      case 'error': {
        const item = new vscode.TreeItem(node.message, vscode.TreeItemCollapsibleState.None);
        item.id = `target:${node.source}:error:${node.message}`;
        item.tooltip = node.message;
        item.contextValue = 'errorNode';
        item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
        return item;
      }
    }
  }

  dispose(): void {
    vscode.Disposable.from(...this.disposables).dispose();
  }
}
