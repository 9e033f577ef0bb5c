// An AKS cluster as a deploy target: from a workspace's AKS compute (or a cluster listed directly) to the
// cluster-user kubeconfig, held in memory. Merging it into ~/.kube/config is a separate, explicit user action.
import type { AzureClient } from './azureClient';
import type { KubernetesCompute } from './computes';
import { AzureUsageError } from './errors';
import { listClusterUserCredential, type ClusterKubeconfig } from './managedClusters';
import { parseResourceId } from './resourceId';

export interface AksTarget {
  clusterId: string;
  clusterName: string;
  resourceGroup: string;
  subscriptionId: string;
  /** The workspace compute the cluster was reached through, if any. */
  computeName?: string;
  kubeconfig: ClusterKubeconfig;
}

/** The AKS cluster behind a compute; undefined for Arc-connected (Microsoft.Kubernetes) or unknown clusters. */
export function managedClusterIdOf(compute: KubernetesCompute): string | undefined {
  const id = compute.resourceId;
  return id && /\/providers\/Microsoft\.ContainerService\/managedClusters\/[^/]+$/i.test(id) ? id : undefined;
}

export async function aksTarget(
  client: AzureClient,
  clusterId: string,
  signal: AbortSignal,
  options: { computeName?: string; format?: 'exec' | 'azure' } = {},
): Promise<AksTarget> {
  const ref = parseResourceId(clusterId);
  const [kubeconfig] = await listClusterUserCredential(client, clusterId, signal, { format: options.format });
  return {
    clusterId,
    clusterName: ref.name,
    resourceGroup: ref.resourceGroup,
    subscriptionId: ref.subscriptionId,
    computeName: options.computeName,
    kubeconfig: kubeconfig as ClusterKubeconfig,
  };
}

export async function aksTargetFromCompute(
  client: AzureClient,
  compute: KubernetesCompute,
  signal: AbortSignal,
  options: { format?: 'exec' | 'azure' } = {},
): Promise<AksTarget> {
  const clusterId = managedClusterIdOf(compute);
  if (!clusterId) {
    throw new AzureUsageError(
      `Compute "${compute.name}" is not backed by an AKS cluster (${compute.resourceId ?? 'no resource id'}); ` +
        'Arc-connected clusters need their own kubeconfig',
    );
  }
  return aksTarget(client, clusterId, signal, { ...options, computeName: compute.name });
}
