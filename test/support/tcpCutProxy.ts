// A TCP proxy in front of the real kube-apiserver that a test can cut (every connection reset, the port closed:
// the API server "dies") and restore on the same port (it "comes back"). TLS passes through untouched, so the
// client talks to the real server with its real certificates; only the address in the kubeconfig changes.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface TcpCutProxy {
  /** A kubeconfig file like the API server's, but through this proxy. */
  kubeconfigPath: string;
  /** Connections accepted so far (client-node opens one per request). */
  readonly connections: number;
  /** Called on each new connection (before it is forwarded) with its number, from 1. */
  onConnection?: (n: number) => void;
  cut(): Promise<void>;
  restore(): Promise<void>;
  close(): Promise<void>;
}

export async function startTcpCutProxy(kube: { kubeconfigPath: string; server: string }): Promise<TcpCutProxy> {
  const target = new URL(kube.server);
  const sockets = new Set<net.Socket>();
  let connections = 0;
  const track = (s: net.Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => s.destroy());
  };
  let server: net.Server;
  const proxy: TcpCutProxy = {
    kubeconfigPath: '',
    get connections() {
      return connections;
    },
    cut: async () => {
      for (const s of sockets) s.resetAndDestroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
    restore: () => listen(port),
    close: async () => {
      for (const s of sockets) s.destroy();
      if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const listen = (p: number) =>
    new Promise<void>((resolve, reject) => {
      server = net.createServer((client) => {
        connections += 1;
        proxy.onConnection?.(connections);
        if (!server.listening) return client.resetAndDestroy();
        track(client);
        const up = net.connect(Number(target.port), target.hostname);
        track(up);
        client.pipe(up);
        up.pipe(client);
        client.on('close', () => up.destroy());
        up.on('close', () => client.destroy());
      });
      server.once('error', reject);
      server.listen(p, '127.0.0.1', () => resolve());
    });
  await listen(0);
  const port = (server!.address() as net.AddressInfo).port;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aks-cut-proxy-'));
  proxy.kubeconfigPath = path.join(dir, 'config');
  fs.writeFileSync(proxy.kubeconfigPath, fs.readFileSync(kube.kubeconfigPath, 'utf8').split(kube.server).join(`https://127.0.0.1:${port}`));
  return proxy;
}
