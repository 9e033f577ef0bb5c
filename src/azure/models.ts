// Registered models of a workspace: containers (one per model name) and their versions.
import type { AzureClient } from './azureClient';
import { apiVersions } from './apiVersions';
import { armPages, type Page } from './paging';
import { resourceGroupPath, type ResourceRef } from './resourceId';

export type WorkspaceRef = Pick<ResourceRef, 'subscriptionId' | 'resourceGroup' | 'name'>;

export interface ModelContainer {
  id: string;
  name: string;
  description?: string;
  tags: Record<string, string>;
  latestVersion?: string;
  createdAt?: string;
}

export interface ModelVersion {
  id: string;
  modelName: string;
  version: string;
  description?: string;
  tags: Record<string, string>;
  properties: Record<string, string>;
  createdAt?: string;
  modelUri?: string;
  modelType?: string;
}

interface RawAsset {
  id?: string;
  name?: string;
  properties?: {
    description?: string | null;
    tags?: Record<string, string> | null;
    properties?: Record<string, string> | null;
    latestVersion?: string | null;
    modelUri?: string | null;
    modelType?: string | null;
  };
  systemData?: { createdAt?: string };
}

function workspacePath(ws: WorkspaceRef, ...rest: string[]): string {
  return resourceGroupPath(ws, 'providers', 'Microsoft.MachineLearningServices', 'workspaces', ws.name, ...rest);
}

export function listModelContainers(client: AzureClient, ws: WorkspaceRef, signal: AbortSignal): AsyncGenerator<Page<ModelContainer>> {
  const url = client.armUrl(workspacePath(ws, 'models'), apiVersions.machineLearning);
  return armPages<RawAsset, ModelContainer>(client, 'ModelContainers_List', url, signal, (m) => {
    if (!m.name) return undefined;
    return {
      id: m.id ?? workspacePath(ws, 'models', m.name),
      name: m.name,
      description: m.properties?.description ?? undefined,
      tags: m.properties?.tags ?? {},
      latestVersion: m.properties?.latestVersion ?? undefined,
      createdAt: m.systemData?.createdAt,
    };
  });
}

export function listModelVersions(
  client: AzureClient,
  ws: WorkspaceRef,
  modelName: string,
  signal: AbortSignal,
): AsyncGenerator<Page<ModelVersion>> {
  // Newest first, as a tree wants it; $orderBy is a declared query parameter of ModelVersions_List.
  const url = client.armUrl(workspacePath(ws, 'models', modelName, 'versions'), apiVersions.machineLearning, {
    $orderBy: 'createdtime desc',
  });
  return armPages<RawAsset, ModelVersion>(client, 'ModelVersions_List', url, signal, (v) => toModelVersion(ws, modelName, v));
}

export async function getModelVersion(
  client: AzureClient,
  ws: WorkspaceRef,
  modelName: string,
  version: string,
  signal: AbortSignal,
): Promise<ModelVersion> {
  const url = client.armUrl(workspacePath(ws, 'models', modelName, 'versions', version), apiVersions.machineLearning);
  const raw = await client.arm.getJson<RawAsset>('ModelVersions_Get', url, signal);
  return toModelVersion(ws, modelName, { ...raw, name: raw.name ?? version }) as ModelVersion;
}

function toModelVersion(ws: WorkspaceRef, modelName: string, v: RawAsset): ModelVersion | undefined {
  if (!v.name) return undefined;
  return {
    id: v.id ?? workspacePath(ws, 'models', modelName, 'versions', v.name),
    modelName,
    version: v.name,
    description: v.properties?.description ?? undefined,
    tags: v.properties?.tags ?? {},
    properties: v.properties?.properties ?? {},
    createdAt: v.systemData?.createdAt,
    modelUri: v.properties?.modelUri ?? undefined,
    modelType: v.properties?.modelType ?? undefined,
  };
}

export { workspacePath };
