// One TCP proxy in front of the real kube-apiserver for fault tests. By default TLS passes through untouched, so the
// client talks to the real server with its real certificates and only the address changes. A test can:
// - drop every connection (a network blip), optionally refusing new ones until allow();
// - cut: reset every connection and close the port (the API server "dies"), then restore on the same port;
// - with `decrypt` (see plainKubeConfig), see the bytes in the clear: the proxy opens TLS to the API server with the
//   kubeconfig's own client certificate and the client speaks plain HTTP to it, so a test can count what a stream
//   delivered and cut a real response in the middle of a line.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { KubeConfig } from '@kubernetes/client-node';

export interface TcpProxyOptions {
  /** Open TLS to the target with these options (the client side is then plain TCP). */
  upstreamTls?: tls.ConnectionOptions;
}

interface Pair {
  client: net.Socket;
  upstream: net.Socket;
}

export class TcpProxy {
  /** Connections accepted so far (client-node opens one per request). */
  connections = 0;
  /** Called on each new connection (before it is forwarded) with its number, from 1. */
  onConnection?: (n: number) => void;
  /** Bytes forwarded from the target to clients. */
  bytesDown = 0;
  /** Request lines ("GET /api/v1/... HTTP/1.1") seen going up; only when the proxy sees them in the clear. */
  readonly requests: string[] = [];
  private readonly pairs = new Set<Pair>();
  private refusing = false;
  private server: net.Server | undefined;
  private listenPort = 0;
  private cutter: { find: (chunk: Buffer) => number; done: (cut: string) => void } | undefined;
  private requestCutter: { match: (chunk: Buffer) => boolean; done: () => void } | undefined;

  constructor(
    private readonly target: { host: string; port: number },
    private readonly options: TcpProxyOptions = {},
  ) {}

  /** Connections open now. */
  get openConnections(): number {
    return this.pairs.size;
  }

  get port(): number {
    return this.listenPort;
  }

  /** Starts on 127.0.0.1 (a free port the first time, the same port after cut()); resolves to the port. */
  async start(): Promise<number> {
    this.server = net.createServer((client) => this.accept(client));
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(this.listenPort, '127.0.0.1', () => resolve());
    });
    this.listenPort = (this.server.address() as net.AddressInfo).port;
    return this.listenPort;
  }

  /** Breaks every open connection (with reset: unread data is lost); with refuse, new ones are cut at once until allow(). */
  drop(options: { refuse?: boolean; reset?: boolean } = {}): number {
    this.refusing = options.refuse ?? false;
    const n = this.pairs.size;
    for (const p of this.pairs) this.destroy(p, options.reset);
    return n;
  }

  allow(): void {
    this.refusing = false;
  }

  /** Resets every connection and closes the port: to a client, the server is gone. */
  async cut(): Promise<void> {
    for (const p of this.pairs) this.destroy(p, true);
    await this.closeServer();
  }

  /** Listens again on the same port after cut(). */
  restore(): Promise<number> {
    return this.start();
  }

  /**
   * Arms a cut of the next response bytes in which `find` returns an offset: the bytes before it are delivered,
   * then that connection is broken. Resolves to the text cut at (the part delivered of the chunk, from its last line).
   */
  cutDownstream(find: (chunk: Buffer) => number): Promise<string> {
    return new Promise((done) => (this.cutter = { find, done }));
  }

  /**
   * Arms a cut() at the first client bytes `match` accepts (they are not forwarded): the server "dies" at a chosen
   * request, e.g. a registry at its first layer upload. Resolves when it happened.
   */
  cutAtRequest(match: (chunk: Buffer) => boolean): Promise<void> {
    return new Promise((done) => (this.requestCutter = { match, done }));
  }

  async stop(): Promise<void> {
    this.drop();
    await this.closeServer();
  }

  private accept(client: net.Socket): void {
    this.connections += 1;
    this.onConnection?.(this.connections);
    if (this.refusing || !this.server?.listening) return void client.resetAndDestroy();
    const upstream = this.options.upstreamTls
      ? tls.connect({ host: this.target.host, port: this.target.port, ALPNProtocols: ['http/1.1'], ...this.options.upstreamTls })
      : net.connect({ host: this.target.host, port: this.target.port });
    const pair: Pair = { client, upstream };
    this.pairs.add(pair);
    for (const s of [client, upstream]) {
      s.on('error', () => s.destroy());
      s.on('close', () => {
        this.pairs.delete(pair);
        this.destroy(pair);
      });
    }
    client.on('data', (chunk: Buffer) => {
      const requestCutter = this.requestCutter;
      if (requestCutter?.match(chunk)) {
        this.requestCutter = undefined;
        void this.cut().then(requestCutter.done);
        return;
      }
      if (this.options.upstreamTls) for (const m of chunk.toString('latin1').matchAll(/^[A-Z]+ \S+ HTTP\/1\.1\r$/gm)) this.requests.push(m[0].slice(0, -1));
      if (!upstream.write(chunk)) client.pause();
    });
    upstream.on('drain', () => client.resume());
    upstream.on('data', (chunk: Buffer) => {
      const cutter = this.cutter;
      const at = cutter ? cutter.find(chunk) : -1;
      if (cutter && at >= 0) {
        this.cutter = undefined;
        const head = chunk.subarray(0, at);
        this.bytesDown += head.length;
        client.write(head, () => this.destroy(pair));
        cutter.done(head.toString('latin1').split('\n').pop() ?? '');
        return;
      }
      this.bytesDown += chunk.length;
      if (!client.write(chunk)) upstream.pause();
    });
    client.on('drain', () => upstream.resume());
  }

  private destroy(p: Pair, reset = false): void {
    for (const s of [p.client, p.upstream]) {
      // A TLS socket cannot be reset (node refuses); the upstream side is the only one that may be TLS.
      if (reset && !(s instanceof tls.TLSSocket)) s.resetAndDestroy();
      else s.destroy();
    }
  }

  private async closeServer(): Promise<void> {
    const server = this.server;
    if (server?.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/** A proxy in front of a kube test env's API server, with a kubeconfig file like its own but through the proxy. */
export async function startKubeProxy(kube: { kubeconfigPath: string; server: string }): Promise<TcpProxy & { kubeconfigPath: string }> {
  const target = new URL(kube.server);
  const proxy = new TcpProxy({ host: target.hostname, port: Number(target.port) }) as TcpProxy & { kubeconfigPath: string };
  const port = await proxy.start();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aks-tcp-proxy-'));
  proxy.kubeconfigPath = path.join(dir, 'config');
  fs.writeFileSync(proxy.kubeconfigPath, fs.readFileSync(kube.kubeconfigPath, 'utf8').split(kube.server).join(`https://127.0.0.1:${port}`));
  return proxy;
}

/** A KubeConfig for the same cluster and credentials, reached through a pass-through proxy on `port`. */
export function viaProxy(kc: KubeConfig, port: number): KubeConfig {
  const cluster = kc.getCurrentCluster()!;
  const out = new KubeConfig();
  out.loadFromOptions({
    clusters: [{ ...cluster, server: `https://127.0.0.1:${port}` }],
    users: kc.users,
    contexts: kc.contexts,
    currentContext: kc.currentContext,
  });
  return out;
}

/**
 * A proxy that sees the API server's traffic in the clear: it opens TLS with `kc`'s CA and client certificate, and
 * `kubeConfig` speaks plain HTTP to it (no credentials of its own).
 */
export async function startDecryptingProxy(kc: KubeConfig): Promise<{ proxy: TcpProxy; kubeConfig: KubeConfig }> {
  const cluster = kc.getCurrentCluster()!;
  const user = kc.getCurrentUser()!;
  const pem = (data?: string, file?: string) => (data ? Buffer.from(data, 'base64') : file ? fs.readFileSync(file) : undefined);
  const server = new URL(cluster.server);
  const proxy = new TcpProxy(
    { host: server.hostname, port: Number(server.port) },
    { upstreamTls: { ca: pem(cluster.caData, cluster.caFile), cert: pem(user.certData, user.certFile), key: pem(user.keyData, user.keyFile), servername: server.hostname === '127.0.0.1' ? undefined : server.hostname } },
  );
  const port = await proxy.start();
  return { proxy, kubeConfig: plainKubeConfig(`http://127.0.0.1:${port}`) };
}

/** A KubeConfig whose server is a plain-HTTP address with no credentials (a decrypting proxy). */
export function plainKubeConfig(server: string): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'plain', server, skipTLSVerify: true }],
    users: [{ name: 'none' }],
    contexts: [{ name: 'plain', cluster: 'plain', user: 'none' }],
    currentContext: 'plain',
  });
  return kc;
}
