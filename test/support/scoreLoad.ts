// CPU load on a deployed model's /score through the API server's service proxy (there is no kube-proxy on the
// test node, so the Service's ClusterIP does not route; the API server picks a ready endpoint per request, as
// kube-proxy would). Bounded in requests and time, and it stops by itself.
import https from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';

export interface ScoreLoad {
  /** Stops sending; resolves once every request in flight has ended. */
  stop(): Promise<ScoreLoadResult>;
  /** Requests answered so far (any status). */
  answered(): number;
}

export interface ScoreLoadResult {
  readonly ok: number;
  readonly failed: number;
  /** The first few failures, for a test's message. */
  readonly errors: readonly string[];
}

export interface ScoreLoadOptions {
  namespace: string;
  /** The Service's name and port name, e.g. `sklearn-iris:http`. */
  servicePort: string;
  body: string;
  /** Requests in flight at once (default 3). */
  concurrency?: number;
  /** Ceilings: it stops by itself after this many requests or this long (defaults 100,000 and 10 min). */
  maxRequests?: number;
  maxDurationMs?: number;
}

/** The service-proxy URL of a path on a Service port. */
export function serviceProxyUrl(kc: KubeConfig, namespace: string, servicePort: string, path: string): string {
  const server = kc.getCurrentCluster()?.server;
  if (!server) throw new Error('the kubeconfig has no current cluster');
  return `${server}/api/v1/namespaces/${namespace}/services/${servicePort}/proxy/${path.replace(/^\//, '')}`;
}

export async function startScoreLoad(kc: KubeConfig, o: ScoreLoadOptions): Promise<ScoreLoad> {
  const url = new URL(serviceProxyUrl(kc, o.namespace, o.servicePort, 'score'));
  const base: https.RequestOptions = { method: 'POST', headers: { 'Content-Type': 'application/json' } };
  await kc.applyToHTTPSOptions(base);
  const agent = new https.Agent({ keepAlive: true, maxSockets: o.concurrency ?? 3, ca: base.ca, cert: base.cert, key: base.key });
  const maxRequests = o.maxRequests ?? 100_000;
  const deadline = Date.now() + (o.maxDurationMs ?? 600_000);
  let ok = 0;
  let failed = 0;
  let sent = 0;
  let stopped = false;
  const errors: string[] = [];
  const fail = (e: string) => {
    failed++;
    if (errors.length < 5) errors.push(e);
  };
  const once = () =>
    new Promise<void>((resolve) => {
      const req = https.request(url, { ...base, agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (d: Buffer) => chunks.push(d));
        res.on('end', () => {
          if (res.statusCode === 200) ok++;
          else fail(`${res.statusCode} ${Buffer.concat(chunks).toString().slice(0, 300)}`);
          resolve();
        });
        res.on('error', (e) => {
          fail(String(e));
          resolve();
        });
      });
      req.setTimeout(30_000, () => req.destroy(new Error('no answer within 30 s')));
      req.on('error', (e) => {
        fail(String(e));
        resolve();
      });
      req.end(o.body);
    });
  const worker = async () => {
    while (!stopped && sent < maxRequests && Date.now() < deadline) {
      sent++;
      await once();
    }
  };
  const workers = Array.from({ length: o.concurrency ?? 3 }, () => worker());
  const done = Promise.all(workers).then(() => agent.destroy());
  return {
    answered: () => ok + failed,
    stop: async () => {
      stopped = true;
      await done;
      return { ok, failed, errors };
    },
  };
}
