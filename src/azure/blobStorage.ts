// The two Blob service calls a model download needs (List Blobs, Get Blob) on the same pipeline as ARM
// (retry, abort, TLS agent). @azure/storage-blob has no supported way to pass an https.Agent and is large for
// two GETs; its XML is parsed with the SDK's own @azure/core-xml.
import fs from 'node:fs';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { apiVersions } from './apiVersions';
import type { AzureHttp } from './azureHttp';

export interface BlobItem {
  name: string;
  size: number;
}

export interface ContainerRef {
  /** e.g. https://account.blob.core.windows.net */
  endpoint: string;
  container: string;
}

const storageHeaders = { 'x-ms-version': apiVersions.blobService, accept: 'application/xml' };

export async function listBlobs(http: AzureHttp, ref: ContainerRef, prefix: string, signal: AbortSignal): Promise<BlobItem[]> {
  const { parseXML } = await import('@azure/core-xml');
  const items: BlobItem[] = [];
  let marker: string | undefined;
  do {
    const url = new URL(`${ref.endpoint}/${encodeURIComponent(ref.container)}`);
    url.searchParams.set('restype', 'container');
    url.searchParams.set('comp', 'list');
    if (prefix) url.searchParams.set('prefix', prefix);
    if (marker) url.searchParams.set('marker', marker);
    const response = await http.send({ operation: 'Blob List', method: 'GET', url: url.toString(), signal, headers: storageHeaders });
    const doc = (await parseXML(response.bodyAsText ?? '')) as {
      Blobs?: { Blob?: RawBlob | RawBlob[] } | string;
      NextMarker?: string;
    };
    const raw = typeof doc.Blobs === 'object' ? doc.Blobs.Blob : undefined;
    for (const b of raw === undefined ? [] : Array.isArray(raw) ? raw : [raw]) {
      items.push({ name: String(b.Name), size: Number(b.Properties?.['Content-Length'] ?? 0) });
    }
    marker = typeof doc.NextMarker === 'string' && doc.NextMarker ? doc.NextMarker : undefined;
  } while (marker);
  return items;
}

interface RawBlob {
  Name: string;
  Properties?: Record<string, string>;
}

/** Streams one blob into `file`, reporting bytes as they arrive. */
export async function downloadBlob(
  http: AzureHttp,
  ref: ContainerRef,
  blobName: string,
  file: string,
  signal: AbortSignal,
  onBytes: (n: number) => void,
): Promise<void> {
  const url = `${ref.endpoint}/${encodeURIComponent(ref.container)}/${blobName.split('/').map(encodeURIComponent).join('/')}`;
  const response = await http.send({
    operation: 'Blob Get',
    method: 'GET',
    url,
    signal,
    stream: true,
    headers: { ...storageHeaders, accept: '*/*' },
  });
  const body = response.readableStreamBody;
  if (!body) throw new Error(`Blob Get returned no body for ${blobName}`);
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      onBytes(chunk.length);
      done(null, chunk);
    },
  });
  await pipeline(body, counter, fs.createWriteStream(file), { signal });
}
