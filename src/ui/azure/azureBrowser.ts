// What the workspaces tree needs from Azure, as paged listings. The real one wraps the engine (src/azure);
// tests hand the tree model fakes. No vscode import: the tree model is testable in plain Node.
import type { AzureClient } from '../../azure/azureClient';
import type { KubernetesCompute } from '../../azure/computes';
import type { ModelContainer, ModelVersion, WorkspaceRef } from '../../azure/models';
import type { Page } from '../../azure/paging';
import type { AzureSubscription } from '../../azure/subscriptions';
import type { MlWorkspace } from '../../azure/workspaces';
import type { AzureEngine } from './azureEngine';

export type Pages<T> = AsyncIterator<Page<T>, void, undefined>;

export interface AzureBrowser {
  subscriptions(signal: AbortSignal): Pages<AzureSubscription>;
  workspaces(subscriptionId: string, signal: AbortSignal): Pages<MlWorkspace>;
  models(ws: WorkspaceRef, signal: AbortSignal): Pages<ModelContainer>;
  modelVersions(ws: WorkspaceRef, modelName: string, signal: AbortSignal): Pages<ModelVersion>;
  computes(ws: WorkspaceRef, signal: AbortSignal): Pages<KubernetesCompute>;
}

export function engineBrowser(engine: AzureEngine, client: AzureClient): AzureBrowser {
  const { listSubscriptions, listWorkspaces, listModelContainers, listModelVersions, listKubernetesComputes } = engine;
  return {
    subscriptions: (signal) => listSubscriptions(client, signal),
    workspaces: (id, signal) => listWorkspaces(client, id, signal),
    models: (ws, signal) => listModelContainers(client, ws, signal),
    modelVersions: (ws, name, signal) => listModelVersions(client, ws, name, signal),
    computes: (ws, signal) => listKubernetesComputes(client, ws, signal),
  };
}
