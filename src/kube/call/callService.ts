// Calls a deployed service (v1's `service.run()` / `az ml service run`): POST a body to /score of one ready pod,
// through a port-forward tunnel to the port its Service targets (the auth proxy's when auth is on), with the key
// or token added here and never shown. An endpoint call picks a version by the route's weights, as the Gateway
// would; a version call goes to that version only. TLS inside the tunnel is not verified (DECISIONS.md).
import http from 'node:http';
import type { Duplex } from 'node:stream';
import tls from 'node:tls';
import { CoreV1Api, type KubeConfig, type V1Pod } from '@kubernetes/client-node';
import { type Logger, silentLogger } from '../../core/logger';
import type { HttpAnswer } from '../../core/httpAnswer';
import { explainApiError, KubeDeployError } from '../deploy/errors';
import { getToken, readKeys } from '../deploy/keys';
import { openPodTunnel } from './podTunnel';
import { type AccessRef, type Backend, readServiceAccess, type ServiceAccess } from './readAccess';

export interface CallRequest extends AccessRef {
  /** The request body (JSON text); unset for a GET. */
  readonly body?: string;
  /** Default /score. */
  readonly path?: string;
  readonly method?: 'POST' | 'GET';
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

export interface CallResult extends HttpAnswer {
  /** The scoring URI the service has (what a caller in its reach would use). */
  readonly scoringUri?: string;
  /** How the request went, e.g. "port-forward to pod x, port 8443 (https)". */
  readonly via: string;
  readonly version?: string;
  readonly pod: string;
  readonly authMode: ServiceAccess['authMode'];
}

export interface CallOptions {
  readonly logger?: Logger;
  /** Picks a version by weight: a number in [0, 1). Tests pass a fixed one. */
  readonly random?: () => number;
  /** The stream into the pod; the default is the API server's port-forward. */
  readonly connect?: (namespace: string, pod: string, port: number) => Promise<{ socket: Duplex; errors(): string; close(): void }>;
  /** Already read access (the UI reads it for the URI anyway). */
  readonly access?: ServiceAccess;
}

export async function callService(kc: KubeConfig, req: CallRequest, options: CallOptions = {}): Promise<CallResult> {
  const log = options.logger ?? silentLogger;
  const access = options.access ?? (await readServiceAccess(kc, req));
  const backend = pickBackend(access, options.random ?? Math.random);
  const pod = await readyPod(kc, access.namespace, backend);
  const port = targetPortOf(pod, backend);
  const headers = await credentialHeaders(kc, access);
  const via = `port-forward to pod ${pod.metadata!.name}, port ${port} (${backend.port.scheme})`;
  log.info(`[call] ${req.method ?? 'POST'} ${req.path ?? '/score'} of ${access.service}${backend.version ? `/${backend.version}` : ''} in ${access.namespace}: ${via}, auth ${access.authMode}`);
  const tunnel = await (options.connect ?? ((ns, p, n) => openPodTunnel(kc, ns, p, n)))(access.namespace, pod.metadata!.name!, port);
  try {
    const answer = await exchange(tunnel.socket, backend.port.scheme, {
      method: req.method ?? 'POST',
      path: req.path ?? '/score',
      host: `${backend.workload}.${access.namespace}.svc.cluster.local`,
      headers,
      body: req.body,
      timeoutMs: req.timeoutMs ?? 120_000,
      signal: req.signal,
    });
    const kubeletSaid = tunnel.errors();
    const error = answer.error && kubeletSaid ? `${answer.error} (the kubelet: ${kubeletSaid})` : answer.error;
    log.info(`[call] ${access.service}: ${answer.status || 'no answer'} in ${answer.latencyMs} ms`);
    return { ...answer, error, scoringUri: access.scoringUri, via, version: backend.version, pod: pod.metadata!.name!, authMode: access.authMode };
  } finally {
    tunnel.close();
  }
}

/** A version call or a single service: its one backend; an endpoint: by the route's weights (zero weight: never). */
export function pickBackend(access: ServiceAccess, random: () => number): Backend {
  const all = access.backends;
  if (all.length === 1 || access.version) return all[0];
  const weighted = all.filter((b) => (b.weight ?? 0) > 0);
  if (weighted.length === 0) return all[0];
  const total = weighted.reduce((n, b) => n + (b.weight ?? 0), 0);
  let x = random() * total;
  for (const b of weighted) {
    x -= b.weight ?? 0;
    if (x < 0) return b;
  }
  return weighted[weighted.length - 1];
}

async function readyPod(kc: KubeConfig, namespace: string, backend: Backend): Promise<V1Pod> {
  const labelSelector = Object.entries(backend.selector).map(([k, v]) => `${k}=${v}`).join(',');
  if (!labelSelector) throw new KubeDeployError(`Service ${backend.workload} selects no pods.`, 'other');
  let pods: V1Pod[];
  try {
    pods = (await kc.makeApiClient(CoreV1Api).listNamespacedPod({ namespace, labelSelector })).items;
  } catch (e) {
    throw explainApiError(e, { verb: 'list', kind: 'Pod', namespace });
  }
  const ready = pods.filter((p) => !p.metadata?.deletionTimestamp && p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'));
  if (ready.length === 0) {
    throw new KubeDeployError(`${backend.workload} has no ready replica (${pods.length} pod(s), none ready): see its status.`, 'other');
  }
  return ready[0];
}

/** The Service's targetPort in the pod: a number, or a named container port. */
function targetPortOf(pod: V1Pod, backend: Backend): number {
  const t = backend.port.targetPort;
  if (typeof t === 'number') return t;
  if (/^\d+$/.test(t)) return Number(t);
  for (const c of pod.spec?.containers ?? []) {
    const found = c.ports?.find((p) => p.name === t);
    if (found) return found.containerPort;
  }
  throw new KubeDeployError(`No container of pod ${pod.metadata?.name} has a port named "${t}" (Service ${backend.workload}).`, 'other');
}

/** v1's header: `Authorization: Bearer <key or token>`. The value goes into the request only. */
export async function credentialHeaders(kc: KubeConfig, access: Pick<ServiceAccess, 'authMode' | 'service' | 'namespace'>): Promise<Record<string, string>> {
  const ref = { serviceName: access.service, namespace: access.namespace };
  if (access.authMode === 'key') return { authorization: `Bearer ${(await readKeys(kc, ref)).primary}` };
  if (access.authMode === 'token') return { authorization: `Bearer ${(await getToken(kc, ref)).token}` };
  return {};
}

export interface Exchange {
  readonly method: string;
  readonly path: string;
  readonly host: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
}

export type ExchangeResult = Pick<CallResult, 'ok' | 'status' | 'latencyMs' | 'headers' | 'body' | 'json' | 'error'>;

/** One HTTP(S) request over an already open stream; a failure is a result (status 0), never a throw. */
export function exchange(socket: Duplex, scheme: 'http' | 'https', x: Exchange): Promise<ExchangeResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  return new Promise((resolve) => {
    // The tunnel is authenticated by the API server and ends in the pod we chose; the proxy's certificate is
    // self-signed for the pod, so there is nothing to verify it against (DECISIONS.md).
    const connection = scheme === 'https' ? tls.connect({ socket, rejectUnauthorized: false }) : socket;
    const payload = x.body === undefined ? undefined : Buffer.from(x.body, 'utf8');
    // An agent of our own that hands out this one connection, and the ClientRequest constructor rather than
    // http.request: VS Code's extension host wraps http.request for its proxy support and swaps the agent there
    // (a createConnection option alone was ignored: the request went to 127.0.0.1:80).
    const agent = Object.assign(new http.Agent({ keepAlive: false, maxSockets: 1 }), { createConnection: () => connection });
    const request = new http.ClientRequest({
      method: x.method,
      path: x.path,
      agent,
      headers: {
        host: x.host,
        connection: 'close',
        ...(payload ? { 'content-type': 'application/json', 'content-length': String(payload.length) } : {}),
        ...x.headers,
      },
      signal: x.signal ? AbortSignal.any([x.signal, AbortSignal.timeout(x.timeoutMs)]) : AbortSignal.timeout(x.timeoutMs),
    });
    request.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', (e) => resolve(failed(e, elapsed())));
      res.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try {
          json = JSON.parse(body);
        } catch {
          json = undefined;
        }
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
        const status = res.statusCode ?? 0;
        resolve({ ok: status > 0 && status < 400, status, latencyMs: elapsed(), headers, body, json });
      });
    });
    request.on('error', (e) => resolve(failed(e, elapsed())));
    request.end(payload);
  });
}

function failed(e: Error, latencyMs: number): ExchangeResult {
  const error = e.name === 'AbortError' || e.name === 'TimeoutError' ? 'no answer in time (cancelled or timed out)' : e.message;
  return { ok: false, status: 0, latencyMs, headers: {}, body: '', error };
}
