// Kubernetes contexts from the user's kubeconfig files, re-read when one of them changes.
import path from 'node:path';
import * as vscode from 'vscode';
import { kubeContextsReader } from '../engines';
import type { ClusterSource, ClusterTarget } from './targetsTree';

export class KubeconfigSource implements ClusterSource, vscode.Disposable {
  readonly id = 'kubeconfig';
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private watchers: vscode.Disposable[] = [];
  private watchedFiles = '';
  // Loads the reader just after activation, so that opening the view later finds it compiled.
  private readonly warm = setTimeout(() => kubeContextsReader(), 0);

  async list(): Promise<{ targets: ClusterTarget[]; problems: string[] }> {
    // Contexts only: the Kubernetes client (dist/kube.js) loads when a cluster is expanded.
    const reader = kubeContextsReader();
    const files = reader.kubeconfigFiles();
    this.watch(files);
    const loaded = reader.readKubeContexts(files);
    return {
      targets: loaded.contexts.map((c) => ({
        id: c.name,
        label: c.name,
        description: c.server ?? c.cluster,
        tooltip: `Kubernetes context ${c.name}\ncluster ${c.cluster}${c.namespace ? `\nnamespace ${c.namespace}` : ''}\nfrom ${files.join(path.delimiter)}`,
        current: c.current,
      })),
      problems: loaded.problems.map((p) => `Cannot read kubeconfig ${p.file}: ${p.message}`),
    };
  }

  private watch(files: string[]): void {
    const key = files.join('\n');
    if (key === this.watchedFiles) return;
    this.watchedFiles = key;
    vscode.Disposable.from(...this.watchers).dispose();
    this.watchers = files.map((f) => {
      const w = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(path.dirname(f)), path.basename(f)));
      const fire = () => this.changed.fire();
      w.onDidChange(fire);
      w.onDidCreate(fire);
      w.onDidDelete(fire);
      return w;
    });
  }

  dispose(): void {
    clearTimeout(this.warm);
    vscode.Disposable.from(...this.watchers, this.changed).dispose();
  }
}
