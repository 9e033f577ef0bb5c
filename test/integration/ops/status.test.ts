// The live status model against the REAL kube-apiserver: statuses driven through the status subresource,
// watches broken through a TCP proxy.
import assert from 'node:assert/strict';
import { CoreV1Api, type KubeConfig } from '@kubernetes/client-node';
import { kubeErrorLine, type ServiceStatusSnapshot, streamServiceLogs, summaryLine, watchServiceStatus } from '../../../src/kube';
import { useKubeTestEnv } from '../../support/kubeTestEnv';
import { tokenKubeConfig, uniqueName } from '../kube/helpers';
import { createNamespace, takeUntil } from './opsHelpers';
import { ServiceFixture } from './statusFixture';
import { TcpProxy, viaProxy } from '../../support/tcpProxy';

const last = (s: ServiceStatusSnapshot[]) => s[s.length - 1];
const podNames = (s: ServiceStatusSnapshot | undefined) => s?.pods.map((p) => p.name) ?? [];

describe('ops status: live model from watches on the real kube-apiserver', function () {
  this.timeout(600_000);
  const kube = useKubeTestEnv();
  let proxy: TcpProxy;
  let proxied: KubeConfig;
  before(async () => {
    proxy = new TcpProxy({ host: '127.0.0.1', port: Number(new URL(kube().server).port) });
    proxied = viaProxy(kube().kubeConfig, await proxy.start());
  });
  after(async () => {
    await proxy?.stop();
  });

  it('follows the Deployment, HPA, pods and events; survives a dropped watch; never keeps a deleted replica', async () => {
    const namespace = uniqueName('ops-status');
    await createNamespace(kube().kubeConfig, namespace);
    const svc = new ServiceFixture(kube().kubeConfig, namespace, 'iris');
    await svc.deploy(3, ['a', 'b', 'c']);
    const ac = new AbortController();
    const it = watchServiceStatus(proxied, { namespace, service: 'iris', signal: ac.signal, maxBackoffMs: 500 });
    try {
      let seen = await takeUntil(it, (s) => podNames(last(s)).length === 3);
      assert.equal(last(seen)?.deployed, true);

      await svc.deploymentStatus(3, 3);
      await svc.hpaStatus(3, 3, 45, [
        { type: 'AbleToScale', status: 'True', reason: 'ReadyForNewScale', message: 'recommended size matches current size' },
        { type: 'ScalingActive', status: 'True', reason: 'ValidMetricFound', message: 'the HPA was able to compute the replica count' },
        { type: 'ScalingLimited', status: 'False', reason: 'DesiredWithinRange', message: 'the desired count is within the acceptable range' },
      ]);
      await svc.running('a');
      await svc.running('b');
      await svc.unschedulable('c', '0/3 nodes are available: 3 Insufficient cpu.');
      await svc.event('SuccessfulRescale', 'New size: 3; reason: cpu resource utilization above target');
      seen = await takeUntil(it, (s) => last(s)?.events.length === 1 && summaryLine(last(s)!) === '3/3 ready · 2–10 · 45%/70% · 1 pending');
      const snap = last(seen)!;
      assert.deepEqual(snap.conditions.map((c) => c.words), [
        'Can scale now.',
        'Autoscaling is active: the utilization metric is being read.',
        'Within its replica range: no limit applies.',
      ]);
      assert.deepEqual(snap.pending, [{ name: 'iris-c', reason: 'Unschedulable', message: '0/3 nodes are available: 3 Insufficient cpu.' }]);
      assert.equal(snap.events[0]?.reason, 'SuccessfulRescale');
      assert.ok(Object.isFrozen(snap));

      await svc.deletePod('c');
      seen = await takeUntil(it, (s) => podNames(last(s)).length === 2);
      assert.deepEqual(podNames(last(seen)), ['iris-a', 'iris-b']);

      // Drop every watch connection and refuse new ones while the cluster changes behind our back.
      assert.ok(proxy.drop({ refuse: true }) > 0);
      seen = await takeUntil(it, (s) => last(s)?.live === false);
      await svc.deletePod('b');
      await svc.deploymentStatus(2, 1);
      await svc.hpaStatus(2, 2, 30, []);
      proxy.allow();
      seen = await takeUntil(it, (s) => last(s)?.live === true && summaryLine(last(s)!) === '1/2 ready · 2–10 · 30%/70%');
      assert.deepEqual(podNames(last(seen)), ['iris-a']);
      // The chart's points: the figures before the drop and the ones after it (an intermediate point may sit between).
      const chart = last(seen)!.history.map((p) => `${p.ready}/${p.replicas}`);
      assert.ok(chart.includes('3/3'), chart.join(' '));
      assert.equal(chart[chart.length - 1], '1/2');
    } finally {
      ac.abort();
      await it.return(undefined);
    }
  });

  it('ends with one clear 403 line, instead of retrying forever, when the identity may not watch the service', async () => {
    const namespace = uniqueName('ops-forbidden');
    await createNamespace(kube().kubeConfig, namespace);
    const core = kube().kubeConfig.makeApiClient(CoreV1Api);
    await core.createNamespacedServiceAccount({ namespace, body: { metadata: { name: 'nobody' } } });
    const tr = await core.createNamespacedServiceAccountToken({ name: 'nobody', namespace, body: { spec: { audiences: [], expirationSeconds: 600 } } });
    const nobody = tokenKubeConfig(kube().kubeConfig, tr.status?.token ?? '');
    const signal = AbortSignal.timeout(20_000);
    const status = watchServiceStatus(nobody, { namespace, service: 'iris', signal });
    await assert.rejects(status.next(), (e: unknown) => /^HTTP 403: .*forbidden/.test(kubeErrorLine(e)));
    const logs = streamServiceLogs(nobody, { namespace, service: 'iris', signal });
    await assert.rejects(logs.next(), (e: unknown) => /^HTTP 403: .*forbidden/.test(kubeErrorLine(e)));
  });
});
