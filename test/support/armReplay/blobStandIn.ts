// HAND-WRITTEN STAND-IN for Azure Blob storage: the specs folder has no Blob service spec, so this is not
// checked against one. It serves List Blobs (XML, with NextMarker paging) and Get Blob for files the test puts
// in memory, under https://127.0.0.1:<port>/blob-stand-in/<account>/<container>/<blob>, and records departures
// from what the real service requires (bearer token, x-ms-version).
import type { IncomingMessage, ServerResponse } from 'node:http';

export const blobStandInPrefix = '/blob-stand-in/';

export class BlobStandIn {
  private readonly blobs = new Map<string, Buffer>();
  /** Blobs per List Blobs page (maxresults), small in tests so that the marker loop runs. */
  listPageSize = 5000;
  readonly problems: string[] = [];
  readonly tokens: string[] = [];

  put(account: string, container: string, name: string, content: string | Buffer): void {
    this.blobs.set(`${account}/${container}/${name}`, Buffer.from(content));
  }

  handle(req: IncomingMessage, res: ServerResponse, url: URL): void {
    const [account, container, ...rest] = url.pathname.slice(blobStandInPrefix.length).split('/').map(decodeURIComponent);
    const auth = req.headers.authorization ?? '';
    if (!auth.startsWith('Bearer ')) this.problems.push(`blob ${req.method} ${url.pathname}: no bearer token`);
    else this.tokens.push(auth.slice(7));
    if (!req.headers['x-ms-version']) this.problems.push(`blob ${req.method} ${url.pathname}: no x-ms-version header`);
    if (req.method !== 'GET' || !account || !container) return xmlError(res, 400, 'UnsupportedHttpVerb', 'stand-in serves GET only');
    const key = `${account}/${container}`;
    if (rest.length === 0 && url.searchParams.get('restype') === 'container' && url.searchParams.get('comp') === 'list') {
      return this.list(res, key, url.searchParams.get('prefix') ?? '', Number(url.searchParams.get('marker') ?? 0));
    }
    const blob = this.blobs.get(`${key}/${rest.join('/')}`);
    if (!blob) return xmlError(res, 404, 'BlobNotFound', 'The specified blob does not exist.');
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': blob.length, 'x-ms-version': '2021-12-02' });
    res.end(blob);
  }

  private list(res: ServerResponse, key: string, prefix: string, start: number): void {
    const names = [...this.blobs.keys()]
      .filter((k) => k.startsWith(`${key}/${prefix}`))
      .map((k) => k.slice(key.length + 1))
      .sort();
    const page = names.slice(start, start + this.listPageSize);
    const next = start + page.length < names.length ? String(start + page.length) : '';
    const items = page
      .map((n) => `<Blob><Name>${esc(n)}</Name><Properties><Content-Length>${this.blobs.get(`${key}/${n}`)?.length ?? 0}</Content-Length></Properties></Blob>`)
      .join('');
    res.writeHead(200, { 'content-type': 'application/xml' });
    res.end(`<?xml version="1.0" encoding="utf-8"?><EnumerationResults><Prefix>${esc(prefix)}</Prefix><Blobs>${items}</Blobs><NextMarker>${next}</NextMarker></EnumerationResults>`);
  }
}

function xmlError(res: ServerResponse, status: number, code: string, message: string): void {
  res.writeHead(status, { 'content-type': 'application/xml', 'x-ms-error-code': code });
  res.end(`<?xml version="1.0" encoding="utf-8"?><Error><Code>${code}</Code><Message>${esc(message)}</Message></Error>`);
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
