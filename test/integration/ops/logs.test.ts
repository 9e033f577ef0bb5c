// Log streaming faults: pods are discovered and watched on the REAL kube-apiserver; their logs come from the
// kubelet log STAND-IN (test/support/kubeletLogStandIn.ts) because a real kubelet cannot be made to cut a stream
// mid-line or flood on demand. Following, new and deleted replicas and tails run on the real node instead
// (test/integration/node/logs.test.ts).
import assert from 'node:assert/strict';
import { streamServiceLogs, type LogEvent } from '../../../src/kube';
import { kubeLogSource } from '../../../src/kube/logs/logSource';
import { KubeletLogStandIn } from '../../support/kubeletLogStandIn';
import { useKubeTestEnv } from '../../support/kubeTestEnv';
import { uniqueName } from '../kube/helpers';
import { createNamespace, createReplica, standInKubeConfig, takeUntil } from './opsHelpers';

describe('ops logs: kubelet log STAND-IN + real kube-apiserver pod watch', function () {
  this.timeout(600_000);
  const kube = useKubeTestEnv();
  let standIn: KubeletLogStandIn;
  let standInUrl: string;
  before(async () => {
    standIn = new KubeletLogStandIn();
    standInUrl = await standIn.start();
  });
  after(async () => {
    await standIn?.stop();
  });

  const newNamespace = async () => {
    const namespace = uniqueName('ops-logs');
    await createNamespace(kube().kubeConfig, namespace);
    return namespace;
  };
  const lines = (seen: LogEvent[]) => seen.flatMap((e) => (e.kind === 'line' ? [`${e.replica}|${e.text}`] : []));

  it('reconnects after a stream dropped mid-line with sinceTime, losing and repeating nothing', async () => {
    const namespace = await newNamespace();
    const service = 'drop';
    const pod = `${service}-a`;
    const instant = Math.floor((Date.now() - 5000) / 1000) * 1000 + 500;
    // A line earlier in the same second (replayed by sinceTime, to be dropped), then several lines at one instant:
    // the reconnect must skip exactly those already delivered.
    standIn.append(pod, ['s 0'], instant - 300);
    standIn.append(pod, ['s 1', 's 2', 's 3'], instant);
    await createReplica(kube().kubeConfig, namespace, service, pod);
    const ac = new AbortController();
    const it = streamServiceLogs(kube().kubeConfig, { namespace, service, signal: ac.signal, logSource: kubeLogSource(standInKubeConfig(standInUrl)) });
    try {
      await takeUntil(it, (s) => lines(s).length >= 4);
      const before = standIn.requests.filter((r) => r.pod === pod).length;
      assert.ok(standIn.dropConnections({ midLine: `${new Date(instant).toISOString()} half a li` }) >= 1);
      // Lines written while the stream is down, one at the very same instant as the last delivered ones.
      standIn.append(pod, ['s 4'], instant);
      standIn.append(pod, ['s 5', 's 6']);
      const seen = await takeUntil(it, (s) => lines(s).includes('drop-a|s 6'));
      assert.deepEqual(lines(seen), ['drop-a|s 4', 'drop-a|s 5', 'drop-a|s 6']);
      assert.ok(seen.some((e) => e.kind === 'retry'));
      const reconnect = standIn.requests.filter((r) => r.pod === pod)[before];
      assert.equal(reconnect?.sinceTime, new Date(Math.floor(instant / 1000) * 1000).toISOString().replace('.000Z', 'Z'));
      assert.equal(reconnect?.tailLines, undefined);
    } finally {
      ac.abort();
      await it.return(undefined);
    }
  });

  it('holds a fast log back when the consumer stalls (bounded buffer, paused socket)', async () => {
    const namespace = await newNamespace();
    const service = 'slow';
    standIn.generate(`${service}-a`, 2_000_000, Date.now() - 60_000);
    await createReplica(kube().kubeConfig, namespace, service, `${service}-a`);
    const ac = new AbortController();
    const it = streamServiceLogs(kube().kubeConfig, { namespace, service, tailLines: 2_000_000, bufferLines: 1000, signal: ac.signal, logSource: kubeLogSource(standInKubeConfig(standInUrl)) });
    try {
      const written = standIn.linesWritten;
      await takeUntil(it, (s) => lines(s).length >= 10);
      // Stall: read nothing for a while. Without backpressure the stand-in would push all 2,000,000 lines.
      await new Promise((r) => setTimeout(r, 1500));
      const stalled = standIn.linesWritten - written;
      assert.ok(stalled < 500_000, `the server wrote ${stalled} lines to a stalled reader`);
      const seen = await takeUntil(it, (s) => s.length >= 5000);
      assert.deepEqual(lines(seen).slice(-2), ['slow-a|slow-a 5008', 'slow-a|slow-a 5009']);
    } finally {
      ac.abort();
      await it.return(undefined);
    }
  });
});
