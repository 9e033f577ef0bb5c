// Where pod logs come from. The default asks the API server's pod log endpoint (which proxies to the kubelet);
// the source is a parameter so that tests and the bench can point the same code at a kubelet stand-in.
import http from 'node:http';
import https from 'node:https';
import type { Readable } from 'node:stream';
import type { KubeConfig } from '@kubernetes/client-node';

export interface LogRequest {
  namespace: string;
  pod: string;
  container?: string;
  follow: boolean;
  tailLines?: number;
  /** RFC3339, whole seconds: the kubelet returns lines at or after this instant. */
  sinceTime?: string;
  signal: AbortSignal;
}

/** The log endpoint answered with an error status (401/403: not allowed; 400: the container is not started yet;
 *  500: the API server could not reach the kubelet). */
export class LogSourceError extends Error {
  override readonly name = 'LogSourceError';
  constructor(message: string, readonly status: number) {
    super(message);
  }
}

/** Opens one pod's log (always with timestamps=true) as a byte stream; rejects with one clear line on failure. */
export type LogSource = (request: LogRequest) => Promise<Readable>;

/** The pod log endpoint of the cluster `kubeConfig` points at (its current context's server and credentials). */
export function kubeLogSource(kubeConfig: KubeConfig): LogSource {
  return async (req) => {
    const cluster = kubeConfig.getCurrentCluster();
    if (!cluster) throw new Error('the kubeconfig has no current cluster');
    const url = new URL(`${cluster.server}/api/v1/namespaces/${encodeURIComponent(req.namespace)}/pods/${encodeURIComponent(req.pod)}/log`);
    url.searchParams.set('timestamps', 'true');
    if (req.follow) url.searchParams.set('follow', 'true');
    if (req.container) url.searchParams.set('container', req.container);
    if (req.tailLines !== undefined) url.searchParams.set('tailLines', String(req.tailLines));
    if (req.sinceTime) url.searchParams.set('sinceTime', req.sinceTime);
    const options: https.RequestOptions = { method: 'GET', headers: {} };
    await kubeConfig.applyToHTTPSOptions(options);
    const secure = url.protocol === 'https:';
    // applyToHTTPSOptions builds an https agent; a plain-http server (a proxy, a stand-in) needs Node's default one.
    if (!secure) delete options.agent;
    return new Promise<Readable>((resolve, reject) => {
      const request = (secure ? https : http).request(url, { ...options, signal: req.signal }, (res) => {
        if (res.statusCode === 200) return resolve(res);
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (body = (body + d).slice(0, 2000)));
        res.on('end', () => reject(new LogSourceError(`logs of pod ${req.pod}: HTTP ${res.statusCode}: ${statusMessage(body)}`, res.statusCode ?? 0)));
        res.on('error', reject);
      });
      request.on('error', reject);
      request.end();
    });
  };
}

function statusMessage(body: string): string {
  try {
    const status = JSON.parse(body) as { message?: unknown };
    if (typeof status.message === 'string') return status.message;
  } catch {
    // not a Status object: show the text itself
  }
  return body.trim().split('\n')[0] ?? '';
}
