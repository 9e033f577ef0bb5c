// How the UI names a cluster, a service on it and an endpoint: plain data a tree node, a command argument and a
// webview can carry (never credentials), and the one place that turns a cluster into a KubeConfig.
import type { KubeConfig } from '@kubernetes/client-node';
import { kubeEngine } from '../engines';
import { UiError } from '../uiError';

export interface ClusterRef {
  /** The ClusterSource id: 'kubeconfig' or 'azure-aks'. */
  readonly source: string;
  /** The target id within its source: the context name, or 'aks:<cluster resource id>'. */
  readonly targetId: string;
  /** What the user sees (context or cluster name). */
  readonly label: string;
}

export interface ServiceRef {
  readonly cluster: ClusterRef;
  readonly namespace: string;
  /** The service (for an endpoint: the endpoint name; versions carry `version`). */
  readonly serviceName: string;
  /** Set for one version of an endpoint. */
  readonly version?: string;
}

export const describeService = (s: ServiceRef): string =>
  `${s.serviceName}${s.version ? `/${s.version}` : ''} (${s.namespace} on ${s.cluster.label})`;

/**
 * What kubeConfigFor reads of the UiContext: the AKS targets' kubeconfigs. Structural (a UiContext is one), so this
 * file need not import uiContext.ts, whose trees import this file: an import cycle.
 */
export interface AksKubeconfigs {
  readonly azure: { readonly aksTargets: { kubeconfigYaml(targetId: string): string | undefined } };
}

/** A fresh KubeConfig for the cluster, its current context set. Throws a clear error when the cluster is gone. */
export function kubeConfigFor(ui: AksKubeconfigs, cluster: ClusterRef): KubeConfig {
  const kube = kubeEngine();
  if (cluster.source === 'azure-aks') {
    const yaml = ui.azure.aksTargets.kubeconfigYaml(cluster.targetId);
    if (!yaml) throw new UiError('notSignedIn', `The AKS cluster ${cluster.label} is no longer a target (signed out?). Use "Use as Deploy Target" again.`);
    return kube.kubeConfigFromYaml(yaml);
  }
  const loaded = kube.loadKubeconfig();
  const kc = loaded.kubeConfig;
  if (!kc.getContextObject(cluster.targetId)) throw new Error(`The kubeconfig has no context "${cluster.targetId}" any more.`);
  kc.setCurrentContext(cluster.targetId);
  return kc;
}

/** The namespace a cluster's context names, else "default". */
export function defaultNamespace(kc: KubeConfig): string {
  return kc.getContextObject(kc.getCurrentContext())?.namespace || 'default';
}
