// The Azure engine's entry point: what src/ui may use, in one module so that it can be bundled apart from the
// extension (like dist/kube.js) and loaded on first use.
export { AzureClient, defaultArmBaseUrl, storageScope, type AzureClientOptions } from './azureClient';
export { apiVersions } from './apiVersions';
export { aksTarget, aksTargetFromCompute, managedClusterIdOf, type AksTarget } from './aksTarget';
export { listKubernetesComputes, type KubernetesCompute } from './computes';
export { AzureCredentialError, AzureRequestError, AzureUsageError, isAbortError } from './errors';
export { getManagedCluster, listClusterUserCredential, listManagedClusters, type ClusterKubeconfig, type ManagedCluster } from './managedClusters';
export { downloadFolderName, downloadModel, resolveModelLocation, type DownloadProgress, type ModelDownloadOptions } from './modelDownload';
export { parseModelUri, type ModelLocation } from './modelUri';
export { getModelVersion, listModelContainers, listModelVersions, type ModelContainer, type ModelVersion, type WorkspaceRef } from './models';
export { collectPages, type Page } from './paging';
export { parseResourceId, type ResourceRef } from './resourceId';
export { listSubscriptions, listTenants, type AzureSubscription, type AzureTenant } from './subscriptions';
export { listWorkspaces, type MlWorkspace } from './workspaces';
