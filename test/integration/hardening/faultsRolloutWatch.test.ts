// Hardening (issue 19, low) and the fault-injection part: a rollout watch leaked when the abort came while the
// watch was still opening (the abort listener was added after the watch's first response, to an already-aborted
// signal, so it never fired and the watch stayed open). The real kube-apiserver behind a proxy that holds the
// Deployment watch's request until the abort has happened (latency made deterministic, not a stand-in).
import assert from 'node:assert/strict';
import type http from 'node:http';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { applyService, watchRollout } from '../../../src/kube/deploy';
import { useKubeTestEnv } from '../../support/kubeTestEnv';
import { startSlowApiProxy } from '../../support/slowApiProxy';
import { target } from '../deploy/fixture';
import { uniqueName } from '../kube/helpers';

const isDeploymentWatch = (req: http.IncomingMessage) => (req.url ?? '').includes('/deployments') && (req.url ?? '').includes('watch=true');

/** Waits for a condition, checking it every 50 ms, up to a ceiling. */
async function until(what: string, ok: () => boolean, ceilingMs = 20_000): Promise<void> {
  const end = Date.now() + ceilingMs;
  while (!ok()) {
    if (Date.now() > end) assert.fail(`not within ${ceilingMs} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('hardening faults: the rollout watch (real kube-apiserver behind a holding proxy)', function () {
  const kube = useKubeTestEnv();

  it('an abort that races the watch start leaves no watch open', async () => {
    const ns = uniqueName('leak');
    const admin = kube().kubeConfig;
    await admin.makeApiClient(CoreV1Api).createNamespace({ body: { metadata: { name: ns } } });
    await applyService(admin, target(ns, { autoScaler: { autoscaleEnabled: false }, numReplicas: 1 }));
    let release: () => void = () => {};
    const released = new Promise<void>((r) => (release = r));
    const proxy = await startSlowApiProxy(kube(), (req) => (isDeploymentWatch(req) ? released : undefined));
    try {
      const kc = new KubeConfig();
      kc.loadFromString(proxy.kubeconfig('held'));
      const abort = new AbortController();
      const rollout = watchRollout(kc, { serviceName: 'scorer', namespace: ns, signal: abort.signal, timeoutMs: 120_000 });
      const first = rollout.next().then(() => undefined, (e: unknown) => e);
      await until('the Deployment watch is held', () => proxy.held >= 1);
      abort.abort();
      release();
      const err = await first;
      assert.ok(err instanceof Error && /Cancelled/.test(err.message), `expected a cancel, got ${String(err)}`);
      // The server would keep an unclosed watch for up to 30 min; the client must close it itself.
      await until('every watch the rollout opened is closed', () => proxy.open(isDeploymentWatch) === 0 && proxy.open((r) => (r.url ?? '').includes('watch=true')) === 0);
    } finally {
      release();
      await proxy.close();
    }
  });
});
