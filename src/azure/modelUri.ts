// Where a model version's files live. Azure ML gives either a datastore URI (long or workspace-relative form)
// or a direct blob URL; anything else (registries, local paths) is refused with a clear message.
import { AzureUsageError } from './errors';
import type { WorkspaceRef } from './models';

export type ModelLocation =
  | { kind: 'datastore'; workspace?: WorkspaceRef; datastore: string; path: string }
  | { kind: 'blob'; accountName: string; endpointSuffix: string; protocol: string; container: string; path: string };

const longDatastore =
  /^azureml:\/\/subscriptions\/([^/]+)\/resource[gG]roups\/([^/]+)\/(?:providers\/Microsoft\.MachineLearningServices\/)?workspaces\/([^/]+)\/datastores\/([^/]+)\/paths\/(.*)$/;
const shortDatastore = /^azureml:\/\/datastores\/([^/]+)\/paths\/(.*)$/;

export function parseModelUri(uri: string): ModelLocation {
  const trimmed = uri.trim();
  let m = longDatastore.exec(trimmed);
  if (m) {
    const [, subscriptionId, resourceGroup, name, datastore, path] = m as unknown as string[];
    return { kind: 'datastore', workspace: { subscriptionId, resourceGroup, name }, datastore, path: cleanPath(path) };
  }
  m = shortDatastore.exec(trimmed);
  if (m) return { kind: 'datastore', datastore: m[1] as string, path: cleanPath(m[2] as string) };
  if (/^(https?):\/\//i.test(trimmed)) return parseBlobUrl(trimmed);
  const wasb = /^wasbs?:\/\/([^@/]+)@([^./]+)\.blob\.([^/]+)\/?(.*)$/i.exec(trimmed);
  if (wasb) {
    const [, container, accountName, endpointSuffix, path] = wasb as unknown as string[];
    return { kind: 'blob', accountName, endpointSuffix, protocol: 'https', container, path: cleanPath(path) };
  }
  throw new AzureUsageError(
    `Cannot download a model stored at "${uri}": only azureml:// datastore URIs and Azure Blob URLs are supported`,
  );
}

function parseBlobUrl(uri: string): ModelLocation {
  const url = new URL(uri);
  const host = /^([^.]+)\.blob\.(.+)$/i.exec(url.hostname);
  const [container, ...rest] = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
  if (!host || !container) throw new AzureUsageError(`Not an Azure Blob URL: ${url.origin}${url.pathname}`);
  return {
    kind: 'blob',
    accountName: host[1] as string,
    endpointSuffix: host[2] as string,
    protocol: url.protocol.replace(':', ''),
    container,
    path: cleanPath(rest.join('/')),
  };
}

function cleanPath(p: string): string {
  return decodeURIComponent(p).replace(/^\/+|\/+$/g, '');
}
