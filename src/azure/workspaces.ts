// Azure ML workspaces of a subscription (Microsoft.MachineLearningServices 2025-12-01, Workspaces_ListBySubscription).
import type { AzureClient } from './azureClient';
import { apiVersions } from './apiVersions';
import { armPages, type Page } from './paging';
import { armPath, parseResourceId, type ResourceRef } from './resourceId';

export interface MlWorkspace extends ResourceRef {
  location?: string;
  friendlyName?: string;
  kind?: string;
}

interface RawWorkspace {
  id?: string;
  location?: string;
  kind?: string;
  properties?: { friendlyName?: string };
}

export function listWorkspaces(client: AzureClient, subscriptionId: string, signal: AbortSignal): AsyncGenerator<Page<MlWorkspace>> {
  const path = armPath('subscriptions', subscriptionId, 'providers', 'Microsoft.MachineLearningServices', 'workspaces');
  const url = client.armUrl(path, apiVersions.machineLearning);
  return armPages<RawWorkspace, MlWorkspace>(client, 'Workspaces_ListBySubscription', url, signal, (w) => {
    if (!w.id) return undefined;
    return { ...parseResourceId(w.id), location: w.location, kind: w.kind, friendlyName: w.properties?.friendlyName };
  });
}
