// AKS clusters the user turned into deploy targets during this session. Their kubeconfigs live only here, in
// memory (never in globalState, settings or files); the targets view lists them through `onDidChange`.
import * as vscode from 'vscode';
import type { AksTarget } from '../../azure/aksTarget';

export class AksTargetRegistry implements vscode.Disposable {
  private readonly targets = new Map<string, AksTarget>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  add(target: AksTarget): void {
    this.targets.set(target.clusterId.toLowerCase(), target);
    this.changed.fire();
  }

  remove(clusterId: string): void {
    if (this.targets.delete(clusterId.toLowerCase())) this.changed.fire();
  }

  list(): AksTarget[] {
    return [...this.targets.values()];
  }

  /** On sign-out the credentials of that account must go too. */
  clear(): void {
    this.targets.clear();
    this.changed.fire();
  }

  dispose(): void {
    this.targets.clear();
    this.changed.dispose();
  }
}
