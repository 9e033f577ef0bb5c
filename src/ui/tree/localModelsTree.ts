// Model folders in the open workspace: found by their entry script or inference config, kept fresh by a file watcher.
import path from 'node:path';
import * as vscode from 'vscode';
import { groupModelFolders, isModelFolderMarker, isDeploymentConfigName, type ModelFolder } from '../../core/modelFolder';
import { ContextKey } from '../contextKeys';
import type { ExtensionLog } from '../log';
import type { ViewTree } from './viewTree';

/** What the tree needs to know of the local services (src/ui/local/localServices.ts) to show a folder running. */
export interface RunningLookup {
  get(folder: string): { readonly debug: boolean; readonly service: { readonly url: string; readonly mode: string } } | undefined;
  readonly onDidChange: vscode.Event<void>;
}

const FIND_GLOB = '**/{score.py,*nference*onfig*.json,*nference*onfig*.yml,*nference*onfig*.yaml,*eploy*.json,*eploy*.yml,*eploy*.yaml,dc.json,dc.yml,dc.yaml}';
const EXCLUDE_GLOB = '**/{node_modules,.git,.venv,venv,__pycache__,site-packages,dist}/**';

export type LocalModelNode =
  | { readonly kind: 'folder'; readonly model: ModelFolder }
  | { readonly kind: 'file'; readonly file: string; readonly model?: ModelFolder };

export class LocalModelsTree implements ViewTree<LocalModelNode> {
  private readonly changed = new vscode.EventEmitter<LocalModelNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private folders: Promise<ModelFolder[]> | undefined;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private refreshTimer: NodeJS.Timeout | undefined;
  private running: RunningLookup | undefined;
  /** The Local Models view, once createView made it. */
  view: vscode.TreeView<LocalModelNode> | undefined;

  constructor(private readonly log: ExtensionLog) {
    const watcher = vscode.workspace.createFileSystemWatcher('**/*');
    const onFile = (uri: vscode.Uri) => {
      if (isModelFolderMarker(uri.fsPath) || isDeploymentConfigName(uri.fsPath) || !path.extname(uri.fsPath)) this.scheduleRefresh();
    };
    watcher.onDidCreate(onFile, undefined, this.disposables);
    watcher.onDidDelete(onFile, undefined, this.disposables);
    vscode.workspace.onDidChangeWorkspaceFolders(() => this.refresh(), undefined, this.disposables);
    this.disposables.push(watcher);
    // Scan at once: when the view opens it finds the answer ready, or on its way.
    void this.modelFolders().catch(() => undefined);
  }

  createView(viewId: string): vscode.TreeView<LocalModelNode> {
    this.view = vscode.window.createTreeView(viewId, { treeDataProvider: this });
    this.disposables.push(this.view);
    return this.view;
  }

  /** Shows which folders this window serves (and so which offer Send Test Request, Stop, Restart). */
  showRunning(running: RunningLookup): void {
    this.running = running;
    // Labels only: the folders themselves did not change, so no rescan.
    this.disposables.push(running.onDidChange(() => this.changed.fire(undefined)));
  }

  refresh(): void {
    this.folders = undefined;
    this.changed.fire(undefined);
  }

  /** All model folders currently known (used by commands and tests). */
  modelFolders(): Promise<ModelFolder[]> {
    return (this.folders ??= this.scan());
  }

  async getChildren(node?: LocalModelNode): Promise<LocalModelNode[]> {
    if (!node) return (await this.modelFolders()).map((model) => ({ kind: 'folder', model }));
    if (node.kind === 'folder') return node.model.files.map((file) => ({ kind: 'file', file, model: node.model }));
    return [];
  }

  /** A file's folder (by its id, the node VS Code holds), so `reveal` works on files too. */
  getParent(node: LocalModelNode): LocalModelNode | undefined {
    return node.kind === 'file' && node.model ? { kind: 'folder', model: node.model } : undefined;
  }

  getTreeItem(node: LocalModelNode): vscode.TreeItem {
    if (node.kind === 'file') {
      const uri = vscode.Uri.file(node.file);
      const item = new vscode.TreeItem(uri, vscode.TreeItemCollapsibleState.None);
      item.id = `localModelFile:${node.file}`;
      item.contextValue = 'modelFile';
      item.command = { command: 'vscode.open', title: 'Open', arguments: [uri] };
      return item;
    }
    const uri = vscode.Uri.file(node.model.folder);
    const item = new vscode.TreeItem(path.basename(node.model.folder), vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `localModel:${node.model.folder}`;
    item.resourceUri = uri;
    // The folder's location, when it is not at the top of the workspace (the label already names it).
    const parent = vscode.workspace.asRelativePath(path.dirname(node.model.folder), false);
    item.description = parent === path.dirname(node.model.folder) || parent === '' ? '' : parent;
    item.tooltip = node.model.folder;
    item.iconPath = new vscode.ThemeIcon('beaker');
    item.contextValue = 'modelFolder';
    const running = this.running?.get(node.model.folder);
    if (running) {
      item.description = [`${running.debug ? 'debugging' : 'running'} · ${running.service.mode} · ${running.service.url}`, item.description].filter(Boolean).join(' · ');
      item.iconPath = new vscode.ThemeIcon(running.debug ? 'debug-alt' : 'play-circle', new vscode.ThemeColor('testing.iconPassed'));
      item.contextValue = 'modelFolder.running';
    }
    return item;
  }

  dispose(): void {
    clearTimeout(this.refreshTimer);
    vscode.Disposable.from(...this.disposables).dispose();
  }

  private scheduleRefresh(): void {
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => this.refresh(), 150);
  }

  private async scan(): Promise<ModelFolder[]> {
    const started = Date.now();
    let folders: ModelFolder[] = [];
    try {
      const uris = await vscode.workspace.findFiles(FIND_GLOB, EXCLUDE_GLOB, 5000);
      folders = groupModelFolders(uris.map((u) => u.fsPath));
      this.log.debug(`[tree] ${folders.length} model folder(s) from ${uris.length} file(s) in ${Date.now() - started} ms`);
      return folders;
    } finally {
      // The view's welcome says "Looking for model folders…" until the first scan is done, and "No model folder
      // found" only when a scan found none (package.json viewsWelcome): never "nothing here" while still looking.
      void vscode.commands.executeCommand('setContext', ContextKey.modelsEmpty, folders.length === 0);
      void vscode.commands.executeCommand('setContext', ContextKey.modelsScanned, true);
      // Explorer menus: `resourcePath in aksModel.modelFolders`.
      void vscode.commands.executeCommand('setContext', ContextKey.modelFolders, folders.map((f) => f.folder));
    }
  }
}
