// Operate-a-service bench: `node --import tsx bench/opsStreaming.bench.ts`. Prints figures; never fails on time.
// 1. Log throughput: 10 replicas on kube-testenv's real node (real containers, each printing 100,000 lines before
//    the stream opens), read through the kubelet and the API server into a counting sink, 1,000,000 lines in all,
//    with every stream reset half way (through a proxy that sees the traffic in the clear); checks no line is lost
//    or repeated. Target ≥ 50,000 lines/s. The kubelet and the API server share the machine, so their cost counts.
// 2. Heap after those 1,000,000 lines (bounded: the queue holds at most 10,000 lines).
// 3. Watch-event-to-model latency: a Deployment status write on the real kube-apiserver until the snapshot
//    shows it (so it includes the write's round trip). Target ≤ 200 ms.
// 4. The same two through the extension's UI path (src/ui/ops, minus VS Code itself): log events formatted with the
//    replica prefix (formatLogEvent) and batched (LogBatcher) into an output sink that parses every line back, so
//    loss and duplication are checked on what would reach the output channel; status snapshots through the panel's
//    LatestThrottle (≤ 10 per second) and serialized as postMessage would, until "posted".
import { spawnSync } from 'node:child_process';
import v8 from 'node:v8';
import vm from 'node:vm';
import { CoreV1Api } from '@kubernetes/client-node';
import { formatLogEvent, streamServiceLogs, summaryLine, watchServiceStatus, type ServiceStatusSnapshot } from '../src/kube';
import { serviceLabels } from '../src/kube/labels';
import { LatestThrottle, STATUS_POST_INTERVAL_MS } from '../src/ui/ops/latestThrottle';
import { LogBatcher } from '../src/ui/ops/logBatcher';
import { kubeLogSource } from '../src/kube/logs/logSource';
import { ServiceFixture } from '../test/integration/ops/statusFixture';
import { startDockerEngine } from '../test/support/dockerEngine';
import { startKubeTestEnv } from '../test/support/kubeTestEnv';
import { startLocalRegistry } from '../test/support/localRegistry';
import { startDecryptingProxy } from '../test/support/tcpProxy';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
const heap = () => {
  gc();
  return process.memoryUsage().heapUsed;
};

const REPLICAS = 10;
const PER_REPLICA = 100_000;

/** A namespace with the `default` service account (the node's controller makes it too; whoever is first wins). */
async function createNamespace(kc: Awaited<ReturnType<typeof startKubeTestEnv>>['kubeConfig'], namespace: string): Promise<void> {
  const core = kc.makeApiClient(CoreV1Api);
  await core.createNamespace({ body: { metadata: { name: namespace } } });
  await core.createNamespacedServiceAccount({ namespace, body: { metadata: { name: 'default' } } }).catch(() => undefined);
}

async function logThroughput(env: Awaited<ReturnType<typeof startKubeTestEnv>>, image: string, through: 'engine' | 'ui'): Promise<void> {
  const namespace = `bench-logs-${through}`;
  const service = 'bench';
  await createNamespace(env.kubeConfig, namespace);
  const core = env.kubeConfig.makeApiClient(CoreV1Api);
  // Each replica writes "<pod> <i>" for i < PER_REPLICA (about 5 MB of CRI log: one file, under the 10 MiB rotation).
  const flood = `python3 -c "import os, sys; n = os.environ['HOSTNAME']; sys.stdout.writelines('%s %d\\n' % (n, i) for i in range(${PER_REPLICA}))"; exec sleep 100000`;
  for (let r = 0; r < REPLICAS; r++) {
    await core.createNamespacedPod({
      namespace,
      body: { metadata: { name: `${service}-${r}`, labels: serviceLabels(service, 'v1') }, spec: { terminationGracePeriodSeconds: 0, containers: [{ name: 'model', image, command: ['/bin/sh', '-c', flood] }] } },
    });
  }
  for (let r = 0; r < REPLICAS; r++) {
    const last = `${service}-${r} ${PER_REPLICA - 1}`;
    while ((await core.readNamespacedPodLog({ namespace, name: `${service}-${r}`, tailLines: 1 }).catch(() => '')).trim() !== last) await new Promise((res) => setTimeout(res, 500));
  }
  const { proxy, kubeConfig: viaProxy } = await startDecryptingProxy(env.kubeConfig);
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
  const onLine = (replica: string, i: number) => {
    const want = next.get(replica) ?? 0;
    if (i < want) duplicated++;
    else {
      lost += i - want;
      next.set(replica, i + 1);
      if (i + 1 === PER_REPLICA && ++complete === REPLICAS) ac.abort();
    }
    lines++;
    if (lines === total / 2) dropped = proxy.drop({ reset: true });
  };
  // The UI path: what the output channel would be handed, parsed back line by line ("[replica] replica i").
  let outputChars = 0;
  let appends = 0;
  const batcher = new LogBatcher((text) => {
    appends++;
    outputChars += text.length;
    let start = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; start = nl + 1, nl = text.indexOf('\n', start)) {
      if (text.charCodeAt(start) !== 91 /* [ */) continue; // replica and retry notices
      const close = text.indexOf('] ', start);
      const lineText = text.slice(close + 2, nl);
      if (lineText.includes('replica appeared') || lineText.includes('log stream interrupted')) continue;
      onLine(text.slice(start + 1, close), Number(lineText.slice(lineText.lastIndexOf(' ') + 1)));
    }
  });
  for await (const ev of streamServiceLogs(env.kubeConfig, { namespace, service, tailLines: PER_REPLICA, signal: ac.signal, logSource: kubeLogSource(viaProxy) })) {
    if (!first) first = performance.now();
    if (through === 'ui') batcher.add(formatLogEvent(ev).text);
    else if (ev.kind === 'line') onLine(ev.replica, Number(ev.text.slice(ev.text.lastIndexOf(' ') + 1)));
    if (complete === REPLICAS) break;
  }
  batcher.flush();
  const seconds = (performance.now() - first) / 1000;
  clearInterval(sampler);
  ac.abort();
  await proxy.stop();
  const heapAfter = heap();
  console.log(`log streaming (${through === 'ui' ? 'UI path: formatLogEvent + LogBatcher into an output sink' : 'engine into a counting sink'}): ${lines.toLocaleString('en')} lines from ${REPLICAS} replicas in ${seconds.toFixed(2)} s = ${Math.round(lines / seconds).toLocaleString('en')} lines/s (target ≥ 50,000)`);
  console.log(`  forced reconnect: ${dropped} streams reset half way; lost ${lost}, duplicated ${duplicated} (must be 0, 0); reconnects with sinceTime: ${proxy.requests.filter((r) => r.includes('sinceTime=')).length}`);
  if (through === 'ui') console.log(`  output: ${appends.toLocaleString('en')} appends, ${mb(outputChars)} of text (${Math.round(outputChars / appends).toLocaleString('en')} chars per append)`);
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

/** Status write → snapshot → the panel's throttle → serialized for postMessage. Writes back to back (each once the
 *  previous one was posted: the throttle holds them to its interval) and spaced 300 ms apart (as real changes come). */
async function uiStatusLatency(env: Awaited<ReturnType<typeof startKubeTestEnv>>, spacingMs: number): Promise<void> {
  const namespace = `bench-ui-status-${spacingMs}`;
  await createNamespace(env.kubeConfig, namespace);
  const svc = new ServiceFixture(env.kubeConfig, namespace, 'iris');
  await svc.deploy(1, ['a']);
  const ac = new AbortController();
  let posted: { ready: number; at: number } | undefined;
  let wake: (() => void) | undefined;
  let bytes = 0;
  const throttle = new LatestThrottle<{ snapshot: ServiceStatusSnapshot; summary: string }>(STATUS_POST_INTERVAL_MS, (u) => {
    bytes = JSON.stringify({ kind: 'event', name: 'status', payload: u }).length;
    posted = { ready: u.snapshot.replicas.ready, at: performance.now() };
    wake?.();
  });
  const pump = (async () => {
    for await (const snapshot of watchServiceStatus(env.kubeConfig, { namespace, service: 'iris', signal: ac.signal })) throttle.push({ snapshot, summary: summaryLine(snapshot) });
  })();
  const waitPosted = async (ready: number) => {
    while (posted?.ready !== ready) await new Promise<void>((r) => (wake = r));
    return posted.at;
  };
  await waitPosted(0);
  const samples: number[] = [];
  for (let k = 1; k <= 30; k++) {
    if (spacingMs) await new Promise((r) => setTimeout(r, spacingMs));
    const t0 = performance.now();
    await svc.deploymentStatus(k, k);
    samples.push((await waitPosted(k)) - t0);
  }
  ac.abort();
  throttle.dispose();
  await pump.catch(() => {});
  samples.sort((a, b) => a - b);
  const p = (q: number) => samples[Math.min(samples.length - 1, Math.ceil(q * samples.length) - 1)]!.toFixed(1);
  console.log(`status latency to the panel (status write → snapshot → throttle ${STATUS_POST_INTERVAL_MS} ms → serialized, ${spacingMs ? `writes ${spacingMs} ms apart` : 'writes back to back'}, ${samples.length} changes): p50 ${p(0.5)} ms, p95 ${p(0.95)} ms, max ${p(1)} ms (target ≤ 200 ms); message ${bytes.toLocaleString('en')} bytes`);
}

async function main(): Promise<void> {
  const env = await startKubeTestEnv({ node: true });
  const engine = startDockerEngine();
  const registry = await startLocalRegistry();
  const docker = (...args: string[]) => spawnSync('docker', args, { encoding: 'utf8', env: { ...process.env, DOCKER_HOST: engine.host } });
  const image = `${registry.address}/shell:1`;
  try {
    env.node!.trustPlainHttpRegistry(registry.address);
    for (const args of [['tag', engine.baseImage, image], ['push', image]]) {
      const r = docker(...args);
      if (r.status !== 0) throw new Error(`docker ${args.join(' ')}: ${r.stderr}`);
    }
    await logThroughput(env, image, 'engine');
    await logThroughput(env, image, 'ui');
  } finally {
    await env.stop();
    docker('image', 'rm', image);
    await registry.stop();
  }
  // Status writes are the bench's own: an API server without controllers, so no controller rewrites them.
  const plain = await startKubeTestEnv();
  try {
    await statusLatency(plain);
    await uiStatusLatency(plain, 300);
    await uiStatusLatency(plain, 0);
  } finally {
    await plain.stop();
  }
}

void main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
