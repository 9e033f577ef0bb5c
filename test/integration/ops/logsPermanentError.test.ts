// Stream Logs on a replica whose log the API server cannot get: the pod is on a node whose kubelet refuses
// connections, so the REAL kube-apiserver answers every log request with HTTP 500 "… connection refused" (the
// error seen by users). Before the fix the stream retried it for ever in silence; now it gives the replica up
// after a bounded number of failures, says why, and ends with that reason.
import assert from 'node:assert/strict';
import net from 'node:net';
import { CoreV1Api } from '@kubernetes/client-node';
import { streamServiceLogs, type LogEvent } from '../../../src/kube';
import { serviceLabels } from '../../../src/kube/labels';
import { useKubeTestEnv } from '../../support/kubeTestEnv';
import { uniqueName } from '../kube/helpers';
import { createNamespace } from './opsHelpers';

/** A loopback port nothing listens on (taken, then released). */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('ops logs: a permanent error from the real kube-apiserver', function () {
  this.timeout(600_000);
  const kube = useKubeTestEnv();

  it('gives a replica up after repeated HTTP 500 (kubelet refusing) and ends the stream with the reason', async () => {
    const kc = kube().kubeConfig;
    const core = kc.makeApiClient(CoreV1Api);
    const namespace = uniqueName('ops-logs-500');
    await createNamespace(kc, namespace);
    const node = uniqueName('refusing-node');
    await core.createNode({
      body: {
        metadata: { name: node },
        status: { addresses: [{ type: 'InternalIP', address: '127.0.0.1' }], daemonEndpoints: { kubeletEndpoint: { Port: await closedPort() } } },
      },
    });
    const service = 'broken';
    const pod = `${service}-a`;
    await core.createNamespacedPod({
      namespace,
      body: { metadata: { name: pod, labels: serviceLabels(service, 'v1') }, spec: { nodeName: node, containers: [{ name: 'model', image: 'example.invalid/model:1' }] } },
    });
    const ac = new AbortController();
    const seen: LogEvent[] = [];
    let ended: unknown = 'still streaming';
    const started = Date.now();
    const timer = setTimeout(() => ac.abort(), 120_000);
    try {
      for await (const ev of streamServiceLogs(kc, { namespace, service, signal: ac.signal, maxFailures: 4 })) seen.push(ev);
      ended = ac.signal.aborted ? 'aborted by the test after 120 s' : 'ended without an error';
    } catch (e) {
      ended = e;
    } finally {
      clearTimeout(timer);
      await core.deleteNode({ name: node }).catch(() => undefined);
    }
    assert.ok(ended instanceof Error, `the stream ended with an error (it ${String(ended)}); events: ${JSON.stringify(seen.slice(-3))}`);
    assert.match(ended.message, /HTTP 500: .*connection refused/);
    const retries = seen.filter((e) => e.kind === 'retry');
    assert.equal(retries.length, 3, 'three reconnects, then given up');
    assert.ok(retries.every((r) => r.kind === 'retry' && /HTTP 500/.test(r.reason)));
    const failed = seen.find((e) => e.kind === 'failed');
    assert.equal(failed?.kind === 'failed' && failed.replica, pod);
    assert.ok(Date.now() - started < 60_000);
  });
});
