// The auth proxy STAND-IN (tools/kube-testenv/authproxy-standin: kube-rbac-proxy's behaviour for our flags, on
// k8s.io/apiserver's delegating authenticator and authorizer) as an image the real node can pull: built with Go
// (cached by source hash; it reuses kube-testenv's Go build cache, so a warm machine only links), packed by the
// private dockerd onto the tests' base image (it needs libc) and pushed to the local registry.
// kube-testenv's node has no kube-proxy, so the `kubernetes` Service's ClusterIP does not route from a pod: the
// image is told a reachable address, a forwarder on the node's bridge address to the API server on 127.0.0.1.
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');
const srcDir = path.join(root, 'tools/kube-testenv');
const cacheRoot = path.join(os.homedir(), '.cache/aks-model-deploy/kube-testenv');

function sourceHash(): string {
  const h = crypto.createHash('sha256');
  for (const f of ['go.mod', 'go.sum', 'authproxy-standin/main.go']) h.update(f).update('\0').update(fs.readFileSync(path.join(srcDir, f))).update('\0');
  return h.digest('hex').slice(0, 16);
}

function findGo(): string {
  for (const go of [process.env.GO, 'go', '/usr/local/go/bin/go', path.join(os.homedir(), 'go/bin/go')].filter((g): g is string => !!g)) {
    if (spawnSync(go, ['version']).status === 0) return go;
  }
  throw new Error('the auth proxy STAND-IN needs Go (the same one that builds kube-testenv; see tools/kube-testenv/ensureBuilt.mjs)');
}

/** The STAND-IN binary, built once per source version. */
export async function ensureStandInBinary(): Promise<string> {
  const bin = path.join(cacheRoot, `authproxy-standin-${sourceHash()}`, 'authproxy-standin');
  if (fs.existsSync(bin)) return bin;
  fs.mkdirSync(path.dirname(bin), { recursive: true });
  const tmp = `${bin}.${process.pid}.tmp`;
  let stderr = '';
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn('/usr/bin/nice', ['-n', '10', findGo(), 'build', '-ldflags=-s -w', '-o', tmp, './authproxy-standin'], { cwd: srcDir, stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-8000)));
    child.on('error', reject);
    child.on('close', resolve);
  });
  if (code !== 0) throw new Error(`go build ./authproxy-standin failed (exit ${code}) in ${srcDir}:\n${stderr}`);
  fs.renameSync(tmp, bin);
  return bin;
}

export interface ApiServerBridge {
  /** https://<node IP>:<port>: the API server as a pod on the node reaches it. */
  readonly url: string;
  close(): Promise<void>;
}

/** A TCP forwarder on the node's bridge address to the API server (TLS passes through untouched). */
export async function apiServerBridge(server: string, nodeIp: string): Promise<ApiServerBridge> {
  const target = new URL(server);
  const sockets = new Set<net.Socket>();
  const listener = net.createServer((inbound) => {
    const outbound = net.connect(Number(target.port), target.hostname);
    for (const s of [inbound, outbound]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => undefined);
    }
    inbound.pipe(outbound).pipe(inbound);
    inbound.on('close', () => outbound.destroy());
    outbound.on('close', () => inbound.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    listener.once('error', reject);
    listener.listen(0, nodeIp, resolve);
  });
  const { port } = listener.address() as net.AddressInfo;
  return {
    url: `https://${nodeIp}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        listener.close(() => resolve());
      }),
  };
}

function docker(args: string[], dockerHost: string, cwd?: string): string {
  const r = spawnSync('docker', args, { cwd, encoding: 'utf8', env: { ...process.env, DOCKER_HOST: dockerHost }, timeout: 600_000 });
  if (r.status !== 0) throw new Error(`docker ${args.join(' ')} failed (exit ${r.status}):\n${r.stderr}`);
  return r.stdout;
}

/**
 * Builds the STAND-IN image (base image + binary + the API server address a pod can reach) with the private dockerd
 * and pushes it to the local registry; resolves to its reference.
 */
export async function publishStandInImage(o: { dockerHost: string; baseImage: string; registry: string; apiServerUrl: string }): Promise<string> {
  const bin = await ensureStandInBinary();
  const ctx = fs.mkdtempSync(path.join(os.tmpdir(), 'aks-standin-'));
  try {
    fs.copyFileSync(bin, path.join(ctx, 'authproxy-standin'));
    fs.writeFileSync(
      path.join(ctx, 'Dockerfile'),
      [
        `FROM ${o.baseImage}`,
        'COPY authproxy-standin /usr/local/bin/authproxy-standin',
        // 10.0.0.1 is the kubernetes Service's address: a SAN of kube-testenv's API server certificate.
        `ENV AUTHPROXY_STANDIN_APISERVER=${o.apiServerUrl} AUTHPROXY_STANDIN_APISERVER_NAME=10.0.0.1`,
        'USER 65534',
        'ENTRYPOINT ["/usr/local/bin/authproxy-standin"]',
        '',
      ].join('\n'),
    );
    const tag = crypto.createHash('sha256').update(fs.readFileSync(path.join(ctx, 'Dockerfile'))).update(sourceHash()).digest('hex').slice(0, 16);
    const ref = `${o.registry}/authproxy-standin:${tag}`;
    docker(['build', '-q', '-t', ref, '.'], o.dockerHost, ctx);
    docker(['push', ref], o.dockerHost);
    return ref;
  } finally {
    fs.rmSync(ctx, { recursive: true, force: true });
  }
}
