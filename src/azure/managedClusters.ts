// AKS clusters (Microsoft.ContainerService 2026-01-01) and their user kubeconfig, held in memory only:
// it is returned to the caller and never written to disk or logged.
import type { AzureClient } from './azureClient';
import { apiVersions } from './apiVersions';
import { AzureUsageError } from './errors';
import { armPages, type Page } from './paging';
import { armPath, parseResourceId, resourceGroupPath, type ResourceRef } from './resourceId';

export interface ManagedCluster extends ResourceRef {
  location?: string;
  kubernetesVersion?: string;
  fqdn?: string;
  provisioningState?: string;
  powerState?: string;
  aadEnabled: boolean;
}

export interface ClusterKubeconfig {
  /** The credential name ARM gives, e.g. "clusterUser". */
  name: string;
  /** The kubeconfig YAML text (decoded from base64). Secret: do not log or persist. */
  yaml: string;
}

interface RawCluster {
  id?: string;
  location?: string;
  properties?: {
    kubernetesVersion?: string;
    fqdn?: string;
    provisioningState?: string;
    powerState?: { code?: string };
    aadProfile?: unknown;
  };
}

function toCluster(c: RawCluster): ManagedCluster | undefined {
  if (!c.id) return undefined;
  return {
    ...parseResourceId(c.id),
    location: c.location,
    kubernetesVersion: c.properties?.kubernetesVersion,
    fqdn: c.properties?.fqdn,
    provisioningState: c.properties?.provisioningState,
    powerState: c.properties?.powerState?.code,
    aadEnabled: !!c.properties?.aadProfile,
  };
}

function clusterPath(ref: Pick<ResourceRef, 'subscriptionId' | 'resourceGroup' | 'name'>, ...rest: string[]): string {
  return resourceGroupPath(ref, 'providers', 'Microsoft.ContainerService', 'managedClusters', ref.name, ...rest);
}

export function listManagedClusters(client: AzureClient, subscriptionId: string, signal: AbortSignal): AsyncGenerator<Page<ManagedCluster>> {
  const path = armPath('subscriptions', subscriptionId, 'providers', 'Microsoft.ContainerService', 'managedClusters');
  return armPages<RawCluster, ManagedCluster>(client, 'ManagedClusters_List', client.armUrl(path, apiVersions.containerService), signal, toCluster);
}

export async function getManagedCluster(client: AzureClient, clusterId: string, signal: AbortSignal): Promise<ManagedCluster> {
  const url = client.armUrl(clusterPath(parseResourceId(clusterId)), apiVersions.containerService);
  const cluster = toCluster(await client.arm.getJson<RawCluster>('ManagedClusters_Get', url, signal));
  if (!cluster) throw new AzureUsageError(`ManagedClusters_Get returned no cluster id for ${clusterId}`);
  return cluster;
}

/**
 * The cluster-user kubeconfig(s). `format: 'exec'` asks for a kubelogin exec kubeconfig on AAD clusters
 * (the 'azure' auth-provider format is gone since Kubernetes 1.26).
 */
export async function listClusterUserCredential(
  client: AzureClient,
  clusterId: string,
  signal: AbortSignal,
  options: { format?: 'exec' | 'azure' } = {},
): Promise<ClusterKubeconfig[]> {
  const url = client.armUrl(clusterPath(parseResourceId(clusterId), 'listClusterUserCredential'), apiVersions.containerService, {
    format: options.format,
  });
  const body = await client.arm.postJson<{ kubeconfigs?: { name?: string; value?: string }[] }>(
    'ManagedClusters_ListClusterUserCredentials',
    url,
    signal,
  );
  const configs = (body.kubeconfigs ?? []).flatMap((k) =>
    k.value ? [{ name: k.name ?? 'clusterUser', yaml: Buffer.from(k.value, 'base64').toString('utf8') }] : [],
  );
  if (configs.length === 0) throw new AzureUsageError(`ManagedClusters_ListClusterUserCredentials returned no kubeconfig for ${clusterId}`);
  return configs;
}
