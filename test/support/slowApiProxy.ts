// A proxy in front of the real kube-apiserver (tools/kube-testenv) that can hold chosen requests before passing
// them on: the latency of a loaded server or network, made deterministic. Requests and responses (watch streams
// too) pass through unchanged. It serves TLS with the API server's own certificate (the kube client here speaks
// only https) and adds the admin credentials, so its kubeconfig carries none.
import fs from 'node:fs';
import type http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { KubeTestEnv } from './kubeTestEnv';

/** Returns a promise to wait on before forwarding `req`, or undefined to forward it at once. */
export type Hold = (req: http.IncomingMessage) => Promise<void> | undefined;

export interface SlowApiProxy {
  readonly url: string;
  /** Requests held so far. */
  readonly held: number;
  /** Requests matching `test` whose response is still open (a watch the client never closed is a leak). */
  open(test: (req: http.IncomingMessage) => boolean): number;
  /** Resolves when a response to a request matching `test` has been passed on in full. */
  answered(test: (req: http.IncomingMessage) => boolean): Promise<void>;
  /** A kubeconfig (YAML) with one context, named `context`, that reaches the API server through this proxy. */
  kubeconfig(context: string): string;
  close(): Promise<void>;
}

export async function startSlowApiProxy(kube: Pick<KubeTestEnv, 'kubeConfig' | 'kubeconfigPath' | 'server'>, hold: Hold): Promise<SlowApiProxy> {
  const kc = kube.kubeConfig;
  const target = new URL(kube.server);
  const pki = path.join(path.dirname(kube.kubeconfigPath), 'pki');
  const ca = fs.readFileSync(path.join(pki, 'ca.crt'));
  const tls: https.RequestOptions = {};
  await kc.applyToHTTPSOptions(tls);
  let held = 0;
  const waiters: { test: (req: http.IncomingMessage) => boolean; done: () => void }[] = [];
  const serving = { cert: fs.readFileSync(path.join(pki, 'apiserver.crt')), key: fs.readFileSync(path.join(pki, 'apiserver.key')) };
  const live = new Set<http.IncomingMessage>();
  const proxy = https.createServer(serving, (req, res) => {
    live.add(req);
    res.on('close', () => live.delete(req));
    const forward = () => {
      const up = https.request(
        { ...tls, hostname: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, ...(tls.headers ?? {}), host: target.host } },
        (r) => {
          res.writeHead(r.statusCode ?? 502, r.headers);
          // A watch's headers come long before its first event; the client waits for them.
          res.flushHeaders();
          r.pipe(res);
          r.on('end', () => {
            for (const w of waiters.filter((x) => x.test(req))) {
              waiters.splice(waiters.indexOf(w), 1);
              w.done();
            }
          });
        },
      );
      up.on('error', (e) => {
        if (!res.headersSent) res.writeHead(502);
        res.end(String(e));
      });
      res.on('close', () => up.destroy());
      req.pipe(up);
    };
    const wait = hold(req);
    if (!wait) return forward();
    held++;
    void wait.then(forward);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const url = `https://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  return {
    url,
    get held() {
      return held;
    },
    open: (test) => [...live].filter(test).length,
    answered: (test) => new Promise((done) => waiters.push({ test, done })),
    kubeconfig: (context) =>
      `apiVersion: v1\nkind: Config\nclusters:\n- name: ${context}\n  cluster:\n    server: ${url}\n    certificate-authority-data: ${ca.toString('base64')}\nusers:\n- name: ${context}\n  user: {}\n` +
      `contexts:\n- name: ${context}\n  context:\n    cluster: ${context}\n    user: ${context}\n    namespace: default\ncurrent-context: ${context}\n`,
    close: () =>
      new Promise((resolve) => {
        proxy.closeAllConnections();
        proxy.close(() => resolve());
      }),
  };
}
