// AKS clusters the user turned into deploy targets during this session. Their kubeconfigs live only here, in
// memory (never in globalState, settings or files). It is a ClusterSource: `targets.addSource(registry)`.
import * as vscode from 'vscode';
import type { AksTarget } from '../../azure/aksTarget';
import type { ClusterSource, ClusterTarget } from '../tree/targetsTree';

export class AksTargetRegistry implements ClusterSource, vscode.Disposable {
  readonly id = 'azure-aks';
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

  all(): AksTarget[] {
    return [...this.targets.values()];
  }

  /** The in-memory kubeconfig YAML of a target (for the kube engine's kubeConfigFromYaml). Secret. */
  kubeconfigYaml(targetId: string): string | undefined {
    return this.targets.get(targetId.replace(/^aks:/, ''))?.kubeconfig.yaml;
  }

  async list(): Promise<{ targets: ClusterTarget[]; problems: string[] }> {
    return {
      targets: this.all().map((t) => ({
        id: `aks:${t.clusterId.toLowerCase()}`,
        label: t.clusterName,
        description: `AKS · ${t.resourceGroup}`,
        tooltip: `AKS cluster ${t.clusterName}${t.computeName ? ` (workspace compute ${t.computeName})` : ''}\n` +
          `subscription ${t.subscriptionId}\ncredentials held in memory; not in your kubeconfig`,
      })),
      problems: [],
    };
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
