// Service logs from the real node: replicas are real containers (the debootstrap base image, pushed to a real
// local registry and pulled by containerd) writing real output; the kubelet serves it through the API server.
// Faults too: a stream cut in the middle of a line (a TCP proxy that sees the API server's response in the clear
// breaks it after half a line) and a flood held back by a stalled reader (a real log of 180,000 lines).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { CoreV1Api, type KubeConfig } from '@kubernetes/client-node';
import { getServiceLogs, streamServiceLogs, type LogEvent } from '../../../src/kube';
import { kubeLogSource } from '../../../src/kube/logs/logSource';
import { serviceLabels } from '../../../src/kube/labels';
import { startDockerEngine, type DockerEngine } from '../../support/dockerEngine';
import { useKubeTestEnv } from '../../support/kubeTestEnv';
import { startLocalRegistry, type LocalRegistry } from '../../support/localRegistry';
import { startDecryptingProxy, type TcpProxy } from '../../support/tcpProxy';
import { uniqueName } from '../kube/helpers';
import { takeUntil } from '../ops/opsHelpers';

describe('real node: service logs are the containers’ real output (kubelet through the API server)', function () {
  this.timeout(900_000);
  const env = useKubeTestEnv({ node: true });
  let engine: DockerEngine;
  let registry: LocalRegistry;
  let image: string;
  const docker = (...args: string[]) => spawnSync('docker', args, { encoding: 'utf8', env: { ...process.env, DOCKER_HOST: engine.host } });

  before(async () => {
    engine = startDockerEngine();
    registry = await startLocalRegistry();
    env().node!.trustPlainHttpRegistry(registry.address);
    image = `${registry.address}/shell:1`;
    assert.equal(docker('tag', engine.baseImage, image).status, 0);
    const pushed = docker('push', image);
    assert.equal(pushed.status, 0, pushed.stderr);
  });
  after(async () => {
    if (engine && image) docker('image', 'rm', image);
    await registry?.stop();
  });

  const newNamespace = async (kc: KubeConfig) => {
    const namespace = uniqueName('node-logs');
    const core = kc.makeApiClient(CoreV1Api);
    await core.createNamespace({ body: { metadata: { name: namespace } } });
    // The service-account controller makes it too; whoever is first wins (pods need it to be admitted).
    await core.createNamespacedServiceAccount({ namespace, body: { metadata: { name: 'default' } } }).catch(() => undefined);
    return namespace;
  };
  const runReplica = (kc: KubeConfig, namespace: string, service: string, name: string, script: string) =>
    kc.makeApiClient(CoreV1Api).createNamespacedPod({
      namespace,
      body: {
        metadata: { name, labels: serviceLabels(service, 'v1') },
        spec: { terminationGracePeriodSeconds: 0, containers: [{ name: 'model', image, command: ['/bin/sh', '-c', script] }] },
      },
    });
  const lines = (seen: LogEvent[]) => seen.flatMap((e) => (e.kind === 'line' ? [`${e.replica}|${e.text}`] : []));
  const counter = (prefix: string) => `i=0; while :; do i=$((i+1)); echo "${prefix} $i"; sleep 0.2; done`;
  // Numbers a replica printed, in the order they arrived.
  const numbers = (seen: LogEvent[], replica: string) =>
    lines(seen).filter((l) => l.startsWith(`${replica}|`)).map((l) => Number(l.split(' ').pop()));

  it('follows a replica from its tail with nothing lost or repeated, picks up a new replica and drops a deleted one', async () => {
    const kc = env().kubeConfig;
    const namespace = await newNamespace(kc);
    const service = 'svc';
    await runReplica(kc, namespace, service, 'svc-a', counter('a'));
    const ac = new AbortController();
    const it = streamServiceLogs(kc, { namespace, service, tailLines: 2, signal: ac.signal });
    try {
      // The first start pulls the image on a busy machine: a generous ceiling, not a wait.
      let seen = await takeUntil(it, (s) => numbers(s, 'svc-a').length >= 5, 240_000);
      await runReplica(kc, namespace, service, 'svc-b', counter('b'));
      seen = seen.concat(await takeUntil(it, (s) => lines(s).includes('svc-b|b 3'), 120_000));
      assert.ok(seen.some((e) => e.kind === 'replica' && e.replica === 'svc-b' && e.change === 'added'));
      // b is followed from its start (it appeared after the stream began): its first line is 1.
      assert.deepEqual(numbers(seen, 'svc-b').slice(0, 3), [1, 2, 3]);
      await kc.makeApiClient(CoreV1Api).deleteNamespacedPod({ namespace, name: 'svc-b', gracePeriodSeconds: 0 });
      seen = seen.concat(await takeUntil(it, (s) => s.some((e) => e.kind === 'replica' && e.replica === 'svc-b' && e.change === 'removed'), 120_000));
      const a = numbers(seen, 'svc-a');
      // Consecutive: no line lost, none repeated, across the whole follow.
      assert.deepEqual(a, a.map((_, i) => a[0] + i), JSON.stringify(a));
    } finally {
      ac.abort();
      await it.return(undefined);
    }
  });

  it('follows a replica across a container restart: the new container’s lines, none lost or repeated', async () => {
    const kc = env().kubeConfig;
    const namespace = await newNamespace(kc);
    const service = 'restarting';
    // Each run of the container counts itself in an emptyDir (it survives container restarts), prints four
    // numbered lines and fails: the kubelet restarts it (after its back-off) in the same pod.
    const script = 'n=$(cat /counter/n 2>/dev/null || echo 0); n=$((n+1)); echo $n > /counter/n; for i in 1 2 3 4; do echo "run $n line $i"; sleep 0.3; done; exit 1';
    await kc.makeApiClient(CoreV1Api).createNamespacedPod({
      namespace,
      body: {
        metadata: { name: 'restarting-a', labels: serviceLabels(service, 'v1') },
        spec: {
          terminationGracePeriodSeconds: 0,
          volumes: [{ name: 'counter', emptyDir: {} }],
          containers: [{ name: 'model', image, command: ['/bin/sh', '-c', script], volumeMounts: [{ name: 'counter', mountPath: '/counter' }] }],
        },
      },
    });
    const ac = new AbortController();
    const it = streamServiceLogs(kc, { namespace, service, tailLines: 100, signal: ac.signal });
    try {
      // Run 3 comes after two back-offs (10 s, 20 s) on top of the first pull: a generous ceiling, not a wait.
      const seen = await takeUntil(it, (s) => lines(s).includes('restarting-a|run 3 line 4'), 300_000);
      const got = lines(seen).filter((l) => l.startsWith('restarting-a|')).map((l) => l.slice('restarting-a|'.length));
      const expected = [1, 2, 3].flatMap((run) => [1, 2, 3, 4].map((i) => `run ${run} line ${i}`));
      assert.deepEqual(got, expected, JSON.stringify(seen.filter((e) => e.kind !== 'line')));
      const pod = await kc.makeApiClient(CoreV1Api).readNamespacedPod({ namespace, name: 'restarting-a' });
      assert.ok((pod.status?.containerStatuses?.[0]?.restartCount ?? 0) >= 2, 'the lines came from restarted containers');
    } finally {
      ac.abort();
      await it.return(undefined);
    }
  });

  it('getServiceLogs returns the last N lines of every replica, interleaved by time', async () => {
    const kc = env().kubeConfig;
    const namespace = await newNamespace(kc);
    const service = 'tail';
    await runReplica(kc, namespace, service, 'tail-a', 'echo "a 1"; echo "a 2"; echo "a 3"; sleep 1; echo "a 4"; exec sleep 100000');
    await runReplica(kc, namespace, service, 'tail-b', 'sleep 0.5; echo "b 1"; echo "b 2"; exec sleep 100000');
    let got: Awaited<ReturnType<typeof getServiceLogs>> = [];
    const deadline = Date.now() + 240_000;
    // Each poll is one real request per replica; it ends as soon as both have written everything.
    while (Date.now() < deadline) {
      got = await getServiceLogs(kc, { namespace, service, tailLines: 2, signal: AbortSignal.timeout(30_000) }).catch(() => []);
      if (got.some((l) => l.text === 'a 4') && got.some((l) => l.text === 'b 2')) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    assert.deepEqual(got.map((l) => `${l.replica}|${l.text}`).sort(), ['tail-a|a 3', 'tail-a|a 4', 'tail-b|b 1', 'tail-b|b 2']);
    const times = got.map((l) => Date.parse(l.time));
    assert.deepEqual(times, [...times].sort((x, y) => x - y), 'interleaved by the kubelet timestamps');
    // a 4 came a second after a 3, b's lines in between: the order proves interleaving by time, not by replica.
    assert.equal(got.at(-1)?.text, 'a 4');
  });

  // The second a reconnect's sinceTime names: the kubelet takes whole seconds, so the engine must skip the lines of
  // that second it already delivered.
  const second = (time: string) => `${time.slice(0, 19)}Z`;

  it('reconnects after a real stream cut mid-line with sinceTime, losing and repeating nothing', async () => {
    const kc = env().kubeConfig;
    const namespace = await newNamespace(kc);
    const service = 'cut';
    // About 20 lines a second: a reconnect's sinceTime replays up to a second of lines already delivered.
    await runReplica(kc, namespace, service, 'cut-a', 'i=0; while :; do i=$((i+1)); echo "s $i"; sleep 0.05; done');
    const { proxy, kubeConfig: plain } = await startDecryptingProxy(kc);
    const ac = new AbortController();
    // Pods are watched directly; only the log stream goes through the proxy.
    const it = streamServiceLogs(kc, { namespace, service, tailLines: 1000, signal: ac.signal, logSource: kubeLogSource(plain) });
    try {
      let seen = await takeUntil(it, (s) => numbers(s, 'cut-a').length >= 10, 240_000);
      // Cut the next line that goes by after its first digit ("…Z s 1" of "…Z s 123"): a partial line that would
      // read as another number if it were delivered.
      const cutAt = proxy.cutDownstream((chunk) => {
        const m = /Z s (\d{2,})\n/.exec(chunk.toString('latin1'));
        return m ? m.index + 5 : -1;
      });
      const requestsBefore = proxy.requests.length;
      seen = seen.concat(await takeUntil(it, (s) => s.some((e) => e.kind === 'retry'), 60_000));
      const partial = await cutAt;
      assert.match(partial, /Z s \d$/, `the stream was cut in the middle of a line: ${JSON.stringify(partial)}`);
      const lastBefore = seen.filter((e): e is Extract<LogEvent, { kind: 'line' }> => e.kind === 'line').at(-1)!;
      const cutNumber = Number(lastBefore.text.split(' ')[1]);
      seen = seen.concat(await takeUntil(it, (s) => numbers(s, 'cut-a').some((n) => n >= cutNumber + 40), 120_000));
      const got = numbers(seen, 'cut-a');
      // Consecutive: the partial line was not delivered, and nothing was lost or repeated across the reconnect.
      assert.deepEqual(got, got.map((_, i) => got[0]! + i), JSON.stringify(got));
      const reconnect = proxy.requests.slice(requestsBefore).find((r) => r.includes('/pods/cut-a/log'));
      assert.ok(reconnect, `a reconnect went through the proxy: ${JSON.stringify(proxy.requests)}`);
      const query = new URL(reconnect.split(' ')[1]!, 'http://x').searchParams;
      assert.equal(query.get('sinceTime'), second(lastBefore.time));
      assert.equal(query.get('tailLines'), null);
    } finally {
      ac.abort();
      await it.return(undefined);
      await proxy.stop();
    }
  });

  it('holds a flood back when the consumer stalls (bounded buffer, paused socket, back to the kubelet)', async () => {
    const kc = env().kubeConfig;
    const namespace = await newNamespace(kc);
    const service = 'flood';
    const total = 200_000; // about 9.7 MB of CRI log: under the kubelet's 10 MiB rotation, so one file holds it all
    await runReplica(kc, namespace, service, 'flood-a', `python3 -c "import sys; sys.stdout.writelines('f %d\\n' % i for i in range(${total}))"; exec sleep 100000`);
    const core = kc.makeApiClient(CoreV1Api);
    // The whole flood is written before anyone reads (one request per poll, ended by the last line).
    const deadline = Date.now() + 240_000;
    while ((await core.readNamespacedPodLog({ namespace, name: 'flood-a', tailLines: 1 }).catch(() => '')).trim() !== `f ${total - 1}`) {
      assert.ok(Date.now() < deadline, 'the flood was written within 240 s');
      await new Promise((r) => setTimeout(r, 500));
    }
    const ac = new AbortController();
    const started = await startDecryptingProxy(kc);
    const proxy: TcpProxy = started.proxy;
    const it = streamServiceLogs(kc, { namespace, service, tailLines: total, bufferLines: 1000, signal: ac.signal, logSource: kubeLogSource(started.kubeConfig) });
    try {
      let seen = await takeUntil(it, (s) => lines(s).length >= 10, 60_000);
      const first = seen.find((e): e is Extract<LogEvent, { kind: 'line' }> => e.kind === 'line')!;
      const lineBytes = `${first.time} f 100000\n`.length;
      // Stall: read nothing. The engine's queue (1,000 lines) fills, its socket pauses, and TCP pushes back through
      // the proxy to the API server and the kubelet: the bytes sent stop growing while most of the log is unsent.
      // Without backpressure they would grow until the whole log was sent. Sampled every 250 ms until flat for 1 s.
      const whole = total * lineBytes;
      const samples = [proxy.bytesDown];
      const stallDeadline = Date.now() + 60_000;
      while (samples.length < 5 || samples.at(-1) !== samples.at(-5)) {
        assert.ok(Date.now() < stallDeadline, `the bytes sent to a stalled reader kept growing: ${samples.join(', ')} of ${whole}`);
        await new Promise((r) => setTimeout(r, 250));
        samples.push(proxy.bytesDown);
      }
      const held = samples.at(-1)!;
      assert.ok(held < whole * 0.8, `the API server sent ${held} bytes of about ${whole} to a stalled reader`);
      seen = seen.concat(await takeUntil(it, (s) => s.length >= 5000, 120_000));
      const got = numbers(seen, 'flood-a');
      assert.deepEqual(got, got.map((_, i) => i), 'the tail from the first line, none lost or repeated');
      assert.ok(got.length >= 5000);
      console.log(`      flood: sending stopped at ${held.toLocaleString('en')} bytes of about ${whole.toLocaleString('en')} while the reader stalled`);
    } finally {
      ac.abort();
      await it.return(undefined);
      await proxy.stop();
    }
  });
});
