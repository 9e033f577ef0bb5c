// A workspace's compute targets that can host a Kubernetes deployment: AKS and attached Kubernetes (Arc) computes.
import type { AzureClient } from './azureClient';
import { apiVersions } from './apiVersions';
import { workspacePath, type WorkspaceRef } from './models';
import { armPages, type Page } from './paging';

export interface KubernetesCompute {
  id: string;
  name: string;
  computeType: 'AKS' | 'Kubernetes';
  /** The ARM id of the AKS cluster (or Arc cluster) behind the compute, when Azure says. */
  resourceId?: string;
  provisioningState?: string;
  location?: string;
  description?: string;
}

interface RawCompute {
  id?: string;
  name?: string;
  location?: string;
  properties?: { computeType?: string; resourceId?: string; provisioningState?: string; description?: string | null };
}

export function listKubernetesComputes(
  client: AzureClient,
  ws: WorkspaceRef,
  signal: AbortSignal,
): AsyncGenerator<Page<KubernetesCompute>> {
  const url = client.armUrl(workspacePath(ws, 'computes'), apiVersions.machineLearning);
  // A page may come back empty after filtering; the iterator still yields it so "Load more" logic stays simple.
  return armPages<RawCompute, KubernetesCompute>(client, 'Compute_List', url, signal, (c) => {
    const type = c.properties?.computeType;
    if (!c.name || (type !== 'AKS' && type !== 'Kubernetes')) return undefined;
    return {
      id: c.id ?? workspacePath(ws, 'computes', c.name),
      name: c.name,
      computeType: type,
      resourceId: c.properties?.resourceId,
      provisioningState: c.properties?.provisioningState,
      location: c.location,
      description: c.properties?.description ?? undefined,
    };
  });
}
