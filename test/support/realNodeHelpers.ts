// Helpers for tests on kube-testenv's real node: the sample project's real image built by the private dockerd and
// pushed to a local plain-HTTP registry the node pulls from, and a port-forward through the API server and kubelet.
import { cpSync, mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import https from 'node:https';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CoreV1Api, PortForward, type KubeConfig, type V1Pod } from '@kubernetes/client-node';
import { localSpecForFolder } from '../../src/local/modelFolderSpec';
import type { DeploymentPlan } from '../../src/core/plan';
import type { LocalServiceSpec } from '../../src/local/localServiceSpec';
import { publishImage } from '../../src/local/publishImage';
import { serviceSelector } from '../../src/kube/labels';
import { testLogger } from '../integration/local/sampleModel';

export interface PlannedSample {
  readonly plan: DeploymentPlan;
  readonly spec: LocalServiceSpec;
}

/** The sample folder's own plan and spec, with key auth switched off or on in its deploymentconfig.json. */
export function planSample(dir: string, baseImage: string, authEnabled: boolean): PlannedSample {
  const file = path.join(dir, 'deploymentconfig.json');
  const dc = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  writeFileSync(file, JSON.stringify({ ...dc, authEnabled }, null, 2));
  const r = localSpecForFolder(dir, { defaultBaseImage: baseImage });
  if (!r.ok) throw new Error(r.problems.join('\n'));
  return { plan: r.plan, spec: { ...r.spec, baseImage } };
}

/** Builds (real dockerd) and pushes (real registry) the image; resolves to its reference. */
export async function publishSample(spec: LocalServiceSpec, registry: string, dockerHost: string, storageDir: string): Promise<string> {
  const r = await publishImage(spec, { registry, storageDir, dockerHost, logger: testLogger });
  return r.imageRef;
}

/** Ready, not-deleted pods of a service. */
export async function readyPods(kc: KubeConfig, namespace: string, service: string): Promise<V1Pod[]> {
  const pods = await kc.makeApiClient(CoreV1Api).listNamespacedPod({ namespace, labelSelector: serviceSelector(service) });
  return pods.items.filter((p) => !p.metadata?.deletionTimestamp && p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'));
}

export interface Forward {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * `kubectl port-forward` done by client-node: a loopback listener whose every connection is a PortForward stream
 * through the API server to the kubelet (and containerd's stream server) into the pod.
 */
export async function portForward(kc: KubeConfig, namespace: string, pod: string, port: number): Promise<Forward> {
  const pf = new PortForward(kc, true);
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    pf.portForward(namespace, pod, [port], socket, null, socket).then(
      (ws) => socket.on('close', () => (typeof ws === 'function' ? ws() : ws)?.close()),
      () => socket.destroy(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port: local } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${local}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A copy of the sample folder with score.py and deploymentconfig.json edited (the trained model comes along). */
export function sampleVariant(dir: string, edit: { score?: (text: string) => string; deploymentConfig?: Record<string, unknown> }): string {
  const copy = mkdtempSync(path.join(tmpdir(), 'aks-node-variant-'));
  cpSync(dir, copy, { recursive: true });
  const score = path.join(copy, 'score.py');
  if (edit.score) writeFileSync(score, edit.score(readFileSync(score, 'utf8')));
  const dcFile = path.join(copy, 'deploymentconfig.json');
  if (edit.deploymentConfig) writeFileSync(dcFile, JSON.stringify({ ...(JSON.parse(readFileSync(dcFile, 'utf8')) as object), ...edit.deploymentConfig }, null, 2));
  return copy;
}

export interface ProxiedAnswer {
  readonly status: number;
  readonly body: string;
}

/**
 * One request to a Service through the API server's service proxy (`services/<name>:<port>/proxy/...`): the API
 * server picks a ready address from the Service's EndpointSlices and connects to the pod IP itself (the node's
 * bridge is a local gateway). Real Service endpoint routing, where no kube-proxy runs to make ClusterIPs route.
 */
export async function viaServiceProxy(kc: KubeConfig, namespace: string, service: string, port: number | string, route: string, body?: string, signal?: AbortSignal): Promise<ProxiedAnswer> {
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new Error('the kubeconfig has no current cluster');
  const url = new URL(`${cluster.server}/api/v1/namespaces/${namespace}/services/${service}:${port}/proxy${route}`);
  const options: https.RequestOptions = { method: body === undefined ? 'GET' : 'POST', headers: body === undefined ? {} : { 'Content-Type': 'application/json' } };
  await kc.applyToHTTPSOptions(options);
  return new Promise((resolve, reject) => {
    const req = https.request(url, { ...options, signal }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}
