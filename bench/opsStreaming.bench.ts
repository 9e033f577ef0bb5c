// Operate-a-service bench: `node --import tsx bench/opsStreaming.bench.ts`. Prints figures; never fails on time.
// 1. Log throughput: 10 replicas' streams (pods watched on the real kube-apiserver, logs from the kubelet log
//    STAND-IN in this same process, so its cost is counted too) into a counting sink, 1,000,000 lines in all,
//    with every stream dropped mid-line half way; checks no line is lost or repeated. Target ≥ 50,000 lines/s.
// 2. Heap after those 1,000,000 lines (bounded: the queue holds at most 10,000 lines).
// 3. Watch-event-to-model latency: a Deployment status write on the real kube-apiserver until the snapshot
//    shows it (so it includes the write's round trip). Target ≤ 200 ms.
import v8 from 'node:v8';
import vm from 'node:vm';
import { streamServiceLogs, watchServiceStatus } from '../src/kube';
import { kubeLogSource } from '../src/kube/logs/logSource';
import { createNamespace, createReplica, standInKubeConfig } from '../test/integration/ops/opsHelpers';
import { ServiceFixture } from '../test/integration/ops/statusFixture';
import { KubeletLogStandIn } from '../test/support/kubeletLogStandIn';
import { startKubeTestEnv } from '../test/support/kubeTestEnv';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
const heap = () => {
  gc();
  return process.memoryUsage().heapUsed;
};

const REPLICAS = 10;
const PER_REPLICA = 100_000;

async function logThroughput(env: Awaited<ReturnType<typeof startKubeTestEnv>>): Promise<void> {
  const namespace = 'bench-logs';
  const service = 'bench';
  await createNamespace(env.kubeConfig, namespace);
  const standIn = new KubeletLogStandIn();
  const url = await standIn.start();
  const startMs = Date.now() - 60_000;
  for (let r = 0; r < REPLICAS; r++) {
    standIn.generate(`${service}-${r}`, PER_REPLICA, startMs);
    await createReplica(env.kubeConfig, namespace, service, `${service}-${r}`);
  }
  const heapBefore = heap();
  const next = new Map<string, number>();
  let lines = 0;
  let lost = 0;
  let duplicated = 0;
  let dropped = 0;
  let peak = 0;
  let complete = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 50);
  const ac = new AbortController();
  let first = 0;
  const total = REPLICAS * PER_REPLICA;
  for await (const ev of streamServiceLogs(env.kubeConfig, { namespace, service, tailLines: PER_REPLICA, signal: ac.signal, logSource: kubeLogSource(standInKubeConfig(url)) })) {
    if (ev.kind !== 'line') continue;
    if (!first) first = performance.now();
    const i = Number(ev.text.slice(ev.text.lastIndexOf(' ') + 1));
    const want = next.get(ev.replica) ?? 0;
    if (i < want) duplicated++;
    else {
      lost += i - want;
      next.set(ev.replica, i + 1);
      if (i + 1 === PER_REPLICA) complete++;
    }
    lines++;
    if (lines === total / 2) dropped = standIn.dropConnections({ midLine: '2020-01-01T00:00:00.5Z cut in the mid' });
    if (complete === REPLICAS) break;
  }
  const seconds = (performance.now() - first) / 1000;
  clearInterval(sampler);
  ac.abort();
  await standIn.stop();
  const heapAfter = heap();
  console.log(`log streaming: ${lines.toLocaleString('en')} lines from ${REPLICAS} replicas in ${seconds.toFixed(2)} s = ${Math.round(lines / seconds).toLocaleString('en')} lines/s (target ≥ 50,000)`);
  console.log(`  forced reconnect: ${dropped} streams dropped mid-line half way; lost ${lost}, duplicated ${duplicated} (must be 0, 0); reconnects with sinceTime: ${standIn.requests.filter((r) => r.sinceTime).length}`);
  console.log(`  heap: ${mb(heapBefore)} before, peak ${mb(peak)} while streaming, ${mb(heapAfter)} after 1,000,000 lines (after GC)`);
}

async function statusLatency(env: Awaited<ReturnType<typeof startKubeTestEnv>>): Promise<void> {
  const namespace = 'bench-status';
  await createNamespace(env.kubeConfig, namespace);
  const svc = new ServiceFixture(env.kubeConfig, namespace, 'iris');
  await svc.deploy(1, ['a']);
  const ac = new AbortController();
  const it = watchServiceStatus(env.kubeConfig, { namespace, service: 'iris', signal: ac.signal })[Symbol.asyncIterator]();
  await it.next();
  const samples: number[] = [];
  for (let k = 1; k <= 30; k++) {
    const t0 = performance.now();
    await svc.deploymentStatus(k, k);
    for (;;) {
      const r = await it.next();
      if (r.done) throw new Error('status stream ended');
      if (r.value.replicas.ready === k) break;
    }
    samples.push(performance.now() - t0);
  }
  ac.abort();
  await it.return?.(undefined);
  samples.sort((a, b) => a - b);
  const p = (q: number) => samples[Math.min(samples.length - 1, Math.ceil(q * samples.length) - 1)]!.toFixed(1);
  console.log(`status latency (status write → snapshot, real kube-apiserver, ${samples.length} changes): p50 ${p(0.5)} ms, p95 ${p(0.95)} ms, max ${p(1)} ms (target ≤ 200 ms)`);
}

async function main(): Promise<void> {
  const env = await startKubeTestEnv();
  try {
    await logThroughput(env);
    await statusLatency(env);
  } finally {
    await env.stop();
  }
}

void main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
