// The status model across an expired resourceVersion (410 Gone → relist) and an API server restart, on a
// kube-apiserver of its own: fixed port and data dir (so it can restart on the same etcd data), watch cache off
// and etcd compacted every second (so a resourceVersion held during an outage really expires).
import assert from 'node:assert/strict';
import { CoreV1Api, KubeConfig, Watch } from '@kubernetes/client-node';
import { type ServiceStatusSnapshot, summaryLine, watchServiceStatus } from '../../../src/kube';
import { createNamespace, takeUntil } from './opsHelpers';
import { RestartableKubeEnv } from './restartableEnv';
import { ServiceFixture } from './statusFixture';
import { TcpProxy, viaProxy } from '../../support/tcpProxy';

const last = (s: ServiceStatusSnapshot[]) => s[s.length - 1];
const summary = (s: ServiceStatusSnapshot[]) => (s.length ? summaryLine(s[s.length - 1]!) : '');
const podNames = (s: ServiceStatusSnapshot | undefined) => s?.pods.map((p) => p.name) ?? [];

/** What a watch from `resourceVersion` gets: 'ok' when it starts, else the error code (410 when expired). */
async function watchFrom(kc: KubeConfig, path: string, resourceVersion: string): Promise<number | 'ok'> {
  return new Promise((resolve) => {
    let controller: AbortController | undefined;
    const timer = setTimeout(() => {
      controller?.abort();
      resolve('ok');
    }, 1500);
    const finish = (r: number | 'ok') => {
      clearTimeout(timer);
      controller?.abort();
      resolve(r);
    };
    void new Watch(kc)
      .watch(path, { resourceVersion }, (type, obj: { code?: number }) => {
        if (type === 'ERROR') finish(obj.code ?? 500);
      }, (err: { statusCode?: number } | null) => {
        if (err?.statusCode) finish(err.statusCode);
      })
      .then((c) => (controller = c));
  });
}

describe('ops status: 410 Gone relist and API server restart (own kube-apiserver)', function () {
  this.timeout(600_000);
  const env = new RestartableKubeEnv(['--watch-cache=false', '--etcd-compaction-interval=1s']);
  const direct = new KubeConfig();
  let proxy: TcpProxy;
  let proxied: KubeConfig;
  let proxyPort: number;
  const load = (kubeconfigPath: string) => {
    // The test env makes new certificates on every start; a real cluster keeps its CA. Loading the new ones into
    // the same KubeConfig objects is what a user's refreshed kubeconfig would do; the clients made from them stay.
    direct.loadFromFile(kubeconfigPath);
    const p = viaProxy(direct, proxyPort);
    proxied.loadFromOptions({ clusters: p.clusters, users: p.users, contexts: p.contexts, currentContext: p.currentContext });
  };
  before(async () => {
    const started = await env.start();
    proxy = new TcpProxy({ host: '127.0.0.1', port: env.port });
    proxyPort = await proxy.start();
    proxied = new KubeConfig();
    load(started.kubeconfigPath);
  });
  after(async () => {
    await proxy?.stop();
    await env.dispose();
  });

  it('relists after 410 Gone (no stale replica), then comes back live after a restart on the same data', async () => {
    const namespace = 'ops-restart';
    await createNamespace(direct, namespace);
    const svc = new ServiceFixture(direct, namespace, 'iris');
    await svc.deploy(3, ['a', 'b', 'c']);
    for (const p of ['a', 'b', 'c']) await svc.running(p);
    await svc.deploymentStatus(3, 3);
    await svc.hpaStatus(3, 3, 45, []);
    const ac = new AbortController();
    const it = watchServiceStatus(proxied, { namespace, service: 'iris', signal: ac.signal, maxBackoffMs: 500 });
    try {
      let seen = await takeUntil(it, (s) => summary(s) === '3/3 ready · 2–10 · 45%/70%' && podNames(last(s)).length === 3);

      // Outage: the model holds resourceVersions from before it; the cluster moves on and compacts them away.
      proxy.drop({ refuse: true });
      const core = direct.makeApiClient(CoreV1Api);
      const heldRv = (await core.listNamespacedPod({ namespace })).metadata?.resourceVersion ?? '';
      await svc.deletePod('c');
      await svc.deploymentStatus(2, 2);
      await svc.hpaStatus(2, 2, 20, []);
      const deadline = Date.now() + 20_000;
      let code: number | 'ok' = 'ok';
      while (code !== 410 && Date.now() < deadline) {
        await svc.event('Tick', 'advance the revision so the compactor has something to compact');
        await new Promise((r) => setTimeout(r, 500));
        code = await watchFrom(direct, `/api/v1/namespaces/${namespace}/pods`, heldRv);
      }
      assert.equal(code, 410, 'the resourceVersion held through the outage should have expired');
      proxy.allow();
      seen = await takeUntil(it, (s) => last(s)?.live === true && summary(s) === '2/2 ready · 2–10 · 20%/70%', 30_000);
      assert.deepEqual(podNames(last(seen)), ['iris-a', 'iris-b']);

      // Restart: same port, same etcd data. The model goes not-live, then follows changes made after the restart.
      await env.stop();
      seen = await takeUntil(it, (s) => last(s)?.live === false, 30_000);
      assert.match(summary(seen), /reconnecting/);
      load((await env.start()).kubeconfigPath);
      await svc.deletePod('b');
      await svc.deploymentStatus(1, 1);
      seen = await takeUntil(it, (s) => last(s)?.live === true && podNames(last(s)).join() === 'iris-a' && last(s)?.replicas.ready === 1, 60_000);
      assert.equal(last(seen)?.deployed, true);
    } finally {
      ac.abort();
      await it.return(undefined);
    }
  });
});
