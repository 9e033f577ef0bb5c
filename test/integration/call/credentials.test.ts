// The call engine's auth against the real kube-apiserver: the auth mode read from the deployed objects, the key
// (or a fresh token) minted by the API server and sent as `Authorization: Bearer …` to the pod, and nowhere else —
// not in the log, the result or an error. The pod end is a real HTTP(S) server on loopback reached through the
// engine's `connect` hook (in place of the API server's port-forward, which needs a running pod: the real-node
// test covers that path), speaking the scheme the rendered Service port names.
import assert from 'node:assert/strict';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { AuthenticationV1Api, CoreV1Api } from '@kubernetes/client-node';
import type { Logger } from '../../../src/core/logger';
import { serviceNames } from '../../../src/core/manifests';
import { callService, readServiceAccess } from '../../../src/kube/call';
import { applyService, readKeys } from '../../../src/kube/deploy';
import { serviceLabels } from '../../../src/kube/labels';
import { makeLocalhostCert } from '../../support/armReplay/cert';
import { useKubeTestEnv } from '../../support/kubeTestEnv';
import { uniqueName } from '../kube/helpers';
import { target } from '../deploy/fixture';

function recordingLogger(lines: string[]): Logger {
  const put = (m: string | Error) => lines.push(m instanceof Error ? m.message : m);
  return { trace: put, debug: put, info: put, warn: put, error: put };
}

interface PodEnd {
  port: number;
  seen: { authorization?: string; path?: string; body: string }[];
  close(): Promise<void>;
}

/** A real server standing where the pod's serving port is: records what arrives, answers like azmlinfsrv. */
async function podEnd(scheme: 'http' | 'https'): Promise<PodEnd> {
  const seen: PodEnd['seen'] = [];
  const handler: http.RequestListener = (req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      seen.push({ authorization: req.headers.authorization, path: req.url, body });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"predictions": [0, 2]}');
    });
  };
  const cert = scheme === 'https' ? await makeLocalhostCert() : undefined;
  const server = cert ? https.createServer({ cert: cert.cert, key: cert.key }, handler) : http.createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { port: (server.address() as net.AddressInfo).port, seen, close: () => new Promise((r) => server.close(() => r())) };
}

describe('call engine: auth mode, key and token sent to the pod and never logged (real kube-apiserver)', function () {
  const kube = useKubeTestEnv();
  let core: CoreV1Api;
  before(() => {
    core = kube().kubeConfig.makeApiClient(CoreV1Api);
  });

  /** A Ready pod of the service (no kubelet here: its status is written through the API as a kubelet would). */
  async function readyPod(ns: string, service: string): Promise<void> {
    const name = `${service}-pod`;
    await core.createNamespacedPod({ namespace: ns, body: { metadata: { name, labels: serviceLabels(service) }, spec: { serviceAccountName: service, automountServiceAccountToken: false, containers: [{ name: 'model', image: 'x', ports: [{ name: 'scoring', containerPort: 5001 }] }] } } });
    const pod = await core.readNamespacedPodStatus({ namespace: ns, name });
    pod.status = { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] };
    await core.replaceNamespacedPodStatus({ namespace: ns, name, body: pod });
  }

  async function deployed(dc: object): Promise<string> {
    const ns = uniqueName('call');
    await core.createNamespace({ body: { metadata: { name: ns } } });
    await applyService(kube().kubeConfig, target(ns, dc));
    await readyPod(ns, 'scorer');
    return ns;
  }

  async function callThroughPodEnd(ns: string, lines: string[]) {
    const access = await readServiceAccess(kube().kubeConfig, { namespace: ns, service: 'scorer' });
    const end = await podEnd(access.backends[0].port.scheme);
    const forwarded: { pod: string; port: number }[] = [];
    try {
      const result = await callService(kube().kubeConfig, { namespace: ns, service: 'scorer', body: '{"data": [[1, 2, 3, 4]]}' }, {
        logger: recordingLogger(lines),
        connect: async (_ns, pod, port) => {
          forwarded.push({ pod, port });
          const socket = net.connect(end.port, '127.0.0.1');
          await new Promise<void>((r, j) => socket.once('connect', r).once('error', j));
          return { socket, errors: () => '', close: () => socket.destroy() };
        },
      });
      return { access, result, seen: end.seen, forwarded };
    } finally {
      await end.close();
    }
  }

  it('key auth: the primary key goes in Authorization: Bearer to the Service\'s target port; not in the log or result', async () => {
    const ns = await deployed({ authEnabled: true });
    const lines: string[] = [];
    const { access, result, seen, forwarded } = await callThroughPodEnd(ns, lines);
    assert.equal(access.authMode, 'key');
    const svc = await core.readNamespacedService({ namespace: ns, name: 'scorer' });
    assert.deepEqual(forwarded, [{ pod: 'scorer-pod', port: svc.spec!.ports![0].targetPort }]);
    assert.equal(access.scoringUri, `${access.backends[0].port.scheme}://scorer.${ns}.svc.cluster.local${[80, 443].includes(svc.spec!.ports![0].port) ? '' : `:${svc.spec!.ports![0].port}`}/score`);
    assert.equal(result.status, 200, result.error);
    assert.deepEqual(result.json, { predictions: [0, 2] });
    const keys = await readKeys(kube().kubeConfig, { serviceName: 'scorer', namespace: ns });
    assert.equal(seen.length, 1);
    assert.equal(seen[0].authorization, `Bearer ${keys.primary}`);
    assert.equal(seen[0].path, '/score');
    assert.equal(seen[0].body, '{"data": [[1, 2, 3, 4]]}');
    assert.ok(lines.some((l) => l.includes('auth key')), lines.join('\n'));
    for (const k of [keys.primary, keys.secondary]) {
      assert.ok(!lines.some((l) => l.includes(k)), 'the key reached the log');
      assert.ok(!JSON.stringify(result).includes(k), 'the key reached the result');
    }
  });

  it('token auth: a fresh token the API server accepts for this service\'s audience; not in the log', async () => {
    const ns = await deployed({ authEnabled: false, tokenAuthEnabled: true });
    const lines: string[] = [];
    const { access, result, seen } = await callThroughPodEnd(ns, lines);
    assert.equal(access.authMode, 'token');
    assert.equal(result.status, 200, result.error);
    const token = /^Bearer (.+)$/.exec(seen[0].authorization ?? '')?.[1];
    assert.ok(token, `no bearer token: ${seen[0].authorization}`);
    const review = await kube().kubeConfig.makeApiClient(AuthenticationV1Api).createTokenReview({ body: { spec: { token, audiences: [serviceNames('scorer', ns).audience] } } });
    assert.equal(review.status?.authenticated, true, JSON.stringify(review.status));
    assert.ok(!lines.some((l) => l.includes(token)), 'the token reached the log');
  });

  it('auth off: no Authorization header; plain HTTP to the model\'s own port', async () => {
    const ns = await deployed({ authEnabled: false });
    const { access, result, seen, forwarded } = await callThroughPodEnd(ns, []);
    assert.equal(access.authMode, 'none');
    assert.equal(access.scoringUri, `http://scorer.${ns}.svc.cluster.local/score`);
    assert.equal(result.status, 200, result.error);
    assert.equal(seen[0].authorization, undefined);
    assert.equal(forwarded[0].port, 5001);
  });

  it('no ready replica: one sentence naming the service; a service that is not there: not deployed', async () => {
    const ns = uniqueName('call');
    await core.createNamespace({ body: { metadata: { name: ns } } });
    await applyService(kube().kubeConfig, target(ns, { authEnabled: false }));
    await assert.rejects(callService(kube().kubeConfig, { namespace: ns, service: 'scorer', body: '{}' }), /scorer has no ready replica \(0 pod\(s\), none ready\)/);
    await assert.rejects(readServiceAccess(kube().kubeConfig, { namespace: ns, service: 'nope' }), /Service nope is not deployed in namespace/);
  });
});
