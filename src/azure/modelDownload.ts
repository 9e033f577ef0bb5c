// "Download Model": resolve a model version's URI to a blob container + prefix (through the workspace's
// datastore when it is an azureml:// URI), then list and download the blobs into a local folder.
import fs from 'node:fs';
import path from 'node:path';
import type { AzureClient } from './azureClient';
import { apiVersions } from './apiVersions';
import { downloadBlob, listBlobs, type BlobItem, type ContainerRef } from './blobStorage';
import { AzureUsageError } from './errors';
import { workspacePath, type WorkspaceRef } from './models';
import { parseModelUri } from './modelUri';

export interface BlobLocation extends ContainerRef {
  path: string;
}

export interface DownloadProgress {
  file: string;
  filesDone: number;
  filesTotal: number;
  bytesDone: number;
  bytesTotal: number;
}

export interface ModelDownloadOptions {
  /** Maps a storage account to its blob endpoint; default `{protocol}://{account}.blob.{suffix}` (tests override). */
  blobEndpoint?: (accountName: string, endpointSuffix: string, protocol: string) => string;
  onProgress?: (p: DownloadProgress) => void;
}

interface RawDatastore {
  properties?: { datastoreType?: string; accountName?: string; containerName?: string; filesystem?: string; endpoint?: string; protocol?: string };
}

/** Blob endpoint suffixes of the clouds we support: public, US Government, China. */
export const STORAGE_ENDPOINT_SUFFIXES: readonly string[] = ['core.windows.net', 'core.usgovcloudapi.net', 'core.chinacloudapi.cn'];

/**
 * The storage channel carries the user's Azure Storage bearer token. A model URI or a datastore record names the
 * host, so both are checked here before any request: https, a storage account name, a supported cloud's suffix.
 */
function checkStorageHost(accountName: string, endpointSuffix: string, protocol: string): void {
  const host = `${protocol}://${accountName}.blob.${endpointSuffix}`;
  if (protocol.toLowerCase() !== 'https' || !/^[a-z0-9]{3,24}$/.test(accountName) || !STORAGE_ENDPOINT_SUFFIXES.includes(endpointSuffix.toLowerCase())) {
    throw new AzureUsageError(
      `Refusing to send your Azure token to ${host.slice(0, 200)}: models are downloaded only over https from Azure Storage accounts of the supported clouds (*.blob.${STORAGE_ENDPOINT_SUFFIXES.join(', *.blob.')})`,
    );
  }
}

/**
 * The folder a model version downloads into, `<name>-<version>`, made from names the service returned: anything
 * but letters, digits, `.`, `_` and `-` becomes `_`, no leading dot (so never `..` or a hidden folder), at most 100
 * characters, so a hostile or odd name can neither climb out of the chosen folder nor make an unusable path.
 */
export function downloadFolderName(modelName: string, version: string): string {
  const safe = `${modelName}-${version}`.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[.]+/, '_').slice(0, 100);
  return /^[._-]*$/.test(safe) ? 'model' : safe;
}

export async function resolveModelLocation(
  client: AzureClient,
  workspace: WorkspaceRef,
  modelUri: string,
  signal: AbortSignal,
  options: Pick<ModelDownloadOptions, 'blobEndpoint'> = {},
): Promise<BlobLocation> {
  const endpointOf = options.blobEndpoint ?? ((a: string, s: string, p: string) => `${p}://${a}.blob.${s}`);
  const loc = parseModelUri(modelUri);
  if (loc.kind === 'blob') {
    checkStorageHost(loc.accountName, loc.endpointSuffix, loc.protocol);
    return { endpoint: endpointOf(loc.accountName, loc.endpointSuffix, loc.protocol), container: loc.container, path: loc.path };
  }
  const ws = loc.workspace ?? workspace;
  const url = client.armUrl(workspacePath(ws, 'datastores', loc.datastore), apiVersions.machineLearning);
  const ds = (await client.arm.getJson<RawDatastore>('Datastores_Get', url, signal)).properties ?? {};
  const container = ds.datastoreType === 'AzureDataLakeGen2' ? ds.filesystem : ds.containerName;
  if ((ds.datastoreType !== 'AzureBlob' && ds.datastoreType !== 'AzureDataLakeGen2') || !ds.accountName || !container) {
    throw new AzureUsageError(
      `Datastore "${loc.datastore}" is of type ${ds.datastoreType ?? 'unknown'}; only blob-backed datastores can be downloaded`,
    );
  }
  checkStorageHost(ds.accountName, ds.endpoint ?? 'core.windows.net', ds.protocol ?? 'https');
  return { endpoint: endpointOf(ds.accountName, ds.endpoint ?? 'core.windows.net', ds.protocol ?? 'https'), container, path: loc.path };
}

/** Downloads every blob under the location into `targetDir` (created if missing); returns the files written. */
export async function downloadModel(
  client: AzureClient,
  workspace: WorkspaceRef,
  modelUri: string,
  targetDir: string,
  signal: AbortSignal,
  options: ModelDownloadOptions = {},
): Promise<string[]> {
  const loc = await resolveModelLocation(client, workspace, modelUri, signal, options);
  const blobs = selectBlobs(await listBlobs(client.storage, loc, loc.path, signal), loc.path);
  if (blobs.length === 0) throw new AzureUsageError(`No files found at ${loc.container}/${loc.path}`);
  const root = path.resolve(targetDir);
  const progress: DownloadProgress = { file: '', filesDone: 0, filesTotal: blobs.length, bytesDone: 0, bytesTotal: blobs.reduce((n, b) => n + b.blob.size, 0) };
  const written: string[] = [];
  client.logger.info(`downloading ${blobs.length} file(s), ${progress.bytesTotal} bytes, into ${root}`);
  for (const { blob, relative } of blobs) {
    const file = path.resolve(root, relative);
    // Blob names are remote input: never let one climb out of the target folder.
    if (!file.startsWith(root + path.sep)) throw new AzureUsageError(`Refusing blob name outside the target folder: ${blob.name}`);
    await fs.promises.mkdir(path.dirname(file), { recursive: true });
    const partial = `${file}.partial`;
    progress.file = relative;
    try {
      await downloadBlob(client.storage, loc, blob.name, partial, signal, (n) => {
        progress.bytesDone += n;
        options.onProgress?.({ ...progress });
      });
      await fs.promises.rename(partial, file);
    } catch (e) {
      await fs.promises.rm(partial, { force: true });
      throw e;
    }
    progress.filesDone++;
    options.onProgress?.({ ...progress });
    written.push(file);
  }
  return written;
}

/** The path names either one blob (a single-file model) or a folder prefix. */
function selectBlobs(all: BlobItem[], prefix: string): { blob: BlobItem; relative: string }[] {
  const exact = all.find((b) => b.name === prefix);
  if (exact) return [{ blob: exact, relative: path.posix.basename(prefix) }];
  const folder = prefix ? `${prefix}/` : '';
  return all.filter((b) => b.name.startsWith(folder) && !b.name.endsWith('/')).map((blob) => ({ blob, relative: blob.name.slice(folder.length) }));
}
