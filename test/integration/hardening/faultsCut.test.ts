// Hardening fault injection (issue 19): the API server dies mid-deploy and restarts mid-watch. The real
// kube-apiserver behind a TCP proxy the test cuts (every connection reset, the port closed) and restores on the
// same port. A deploy that loses the server says so in one line and exits non-zero; the re-run converges; a
// status watch rides out the restart and shows what changed while the server was away.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppsV1Api, CoreV1Api, PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import { main } from '../../../src/cli/main';
import { sampleProjectFiles } from '../../../src/core/sampleProject';
import { loadKubeconfig } from '../../../src/kube/kubeconfig';
import { watchServiceStatus } from '../../../src/kube/status/watchStatus';
import { useKubeTestEnv } from '../../support/kubeTestEnv';
import { startKubeProxy } from '../../support/tcpProxy';
import { uniqueName } from '../kube/helpers';

describe('hardening faults: the API server dies mid-deploy and restarts mid-watch (real kube-apiserver, cut proxy)', function () {
  const kube = useKubeTestEnv();
  const saved = process.env.KUBECONFIG;
  let proxy: Awaited<ReturnType<typeof startKubeProxy>> | undefined;
  afterEach(async () => {
    await proxy?.stop();
    proxy = undefined;
  });
  after(() => {
    if (saved === undefined) delete process.env.KUBECONFIG;
    else process.env.KUBECONFIG = saved;
  });

  it('dies mid-apply: one line, exit 1; the re-run converges to the full service', async () => {
    const ns = uniqueName('cut');
    await kube().kubeConfig.makeApiClient(CoreV1Api).createNamespace({ body: { metadata: { name: ns } } });
    const project = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'aks-cut-')), 'sklearn-iris');
    fs.mkdirSync(project);
    for (const f of sampleProjectFiles()) fs.writeFileSync(path.join(project, f.path), f.content);
    const p = (proxy = await startKubeProxy(kube()));
    process.env.KUBECONFIG = p.kubeconfigPath;
    // The server goes away once the deploy has opened a few requests (discovery, then the first objects).
    let cutting: Promise<void> | undefined;
    p.onConnection = (n) => {
      if (n === 4) cutting = p.cut();
    };
    let out = '';
    let err = '';
    const io = { stdout: { write: (t: string) => (out += t) }, stderr: { write: (t: string) => (err += t) }, cwd: process.cwd() };
    const args = ['deploy', project, '--image', 'registry.example/sklearn-iris:1', '--namespace', ns, '--no-wait', '--request-timeout', '20'];
    const code = await main(args, io);
    await cutting;
    assert.equal(code, 1, `${out}\n${err}`);
    const lines = err.trim().split('\n');
    assert.equal(lines.length, 1, err);
    assert.match(lines[0], /^aks-model-deploy deploy: .*(not reachable|did not answer)/);
    assert.doesNotMatch(err, /\n\s+at /);

    p.onConnection = undefined;
    await p.restore();
    err = '';
    assert.equal(await main(args, io), 0, err);
    const apps = kube().kubeConfig.makeApiClient(AppsV1Api);
    const d = await apps.readNamespacedDeployment({ name: 'sklearn-iris', namespace: ns });
    assert.equal(d.spec?.template.spec?.containers[0].image, 'registry.example/sklearn-iris:1');
    const services = await kube().kubeConfig.makeApiClient(CoreV1Api).listNamespacedService({ namespace: ns });
    assert.deepEqual(services.items.map((s) => s.metadata?.name), ['sklearn-iris']);
  });

  it('restarts mid-watch: status --watch comes back and shows the change made while it was away', async () => {
    const ns = uniqueName('restart');
    const admin = kube().kubeConfig;
    await admin.makeApiClient(CoreV1Api).createNamespace({ body: { metadata: { name: ns } } });
    const labels = { 'app.kubernetes.io/managed-by': 'aks-model-deploy', 'aksmodel.io/service': 'scorer' };
    const apps = admin.makeApiClient(AppsV1Api);
    await apps.createNamespacedDeployment({ namespace: ns, body: {
      metadata: { name: 'scorer', labels },
      spec: { replicas: 1, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'model', image: 'registry.example/x:1' }] } } },
    } });
    const p = (proxy = await startKubeProxy(kube()));
    const kc = loadKubeconfig([p.kubeconfigPath]).kubeConfig;
    const stop = new AbortController();
    const snapshots = watchServiceStatus(kc, { namespace: ns, service: 'scorer', signal: stop.signal, maxBackoffMs: 500 });
    try {
      const first = await snapshots.next();
      assert.equal(first.done, false);
      assert.equal(first.value.replicas.desired, 1);
      await p.cut();
      const away = await snapshots.next();
      assert.equal(away.value?.live, false, 'the view must say it is not live while the server is away');
      await apps.patchNamespacedDeployment({ name: 'scorer', namespace: ns, body: [{ op: 'replace', path: '/spec/replicas', value: 3 }] }, setHeaderOptions('Content-Type', PatchStrategy.JsonPatch));
      await p.restore();
      for (;;) {
        const next = await snapshots.next();
        assert.equal(next.done, false);
        if (next.value.live && next.value.replicas.desired === 3) break;
      }
    } finally {
      stop.abort();
      await snapshots.return(undefined);
    }
  });
});
