// Bench: deploy of the sample to kube-testenv's real node (containerd + kubelet), timed by phase. The first deploy
// builds the image (the private dockerd may hold the environment image aksmodel-env:<hash> from earlier runs), pushes
// it to a fresh local registry, applies, waits for Ready. Then redeploys after a one-line change to score.py until
// the new version answers /score through the Service (the API server's service proxy, which routes to ready
// endpoints): build, push, apply, rollout and the first answer of the new version, median of several, and inside
// the rollout the new pod's timeline (Inside). Target: redeploy ≤ 20 s. Prints figures; never fails on time.
// Run: npm run bench -- realNodeDeploy   (BENCH_REDEPLOYS=n for more or fewer redeploys, default 5;
// BENCH_TIMELINE=1 also prints the new pod's log lines, each at its time after the apply)
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CoreV1Api, type KubeConfig, Watch, type V1Pod } from '@kubernetes/client-node';
import { DEFAULT_AUTH_PROXY_IMAGE } from '../src/core/manifests/names';
import { deployService } from '../src/kube/deploy';
import { publishImage } from '../src/local/publishImage';
import { startDockerEngine } from '../test/support/dockerEngine';
import { startKubeTestEnv } from '../test/support/kubeTestEnv';
import { startLocalRegistry } from '../test/support/localRegistry';
import { planSample, sampleVariant, viaServiceProxy } from '../test/support/realNodeHelpers';
import { prepareSample } from '../test/integration/local/sampleModel';

const TARGET_S = 20;
const redeploys = Number(process.env.BENCH_REDEPLOYS ?? 5);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
type Phase = 'build' | 'push' | 'apply' | 'ready' | 'serving';
/**
 * The new pod's milestones as this process saw them (a pod watch, ms resolution), from the end of the apply (so a
 * pod the Deployment controller made while the apply's later objects went in is slightly negative): created, bound
 * to the node, container running, its first log line and its "listening" line (container log timestamps,
 * containerd's clock: the same machine), Ready, rollout done; and how long the image pull took (the kubelet's
 * Pulled event), which is inside scheduled → running.
 */
type Inside = { created: number; scheduled: number; running: number; firstLog: number; listening: number; ready: number; done: number; pull: number };
const MILESTONES: (keyof Inside)[] = ['created', 'scheduled', 'running', 'firstLog', 'listening', 'ready', 'done', 'pull'];
const insideText = (i: Inside) => MILESTONES.map((k) => `${k} ${s(i[k])}`).join(', ');

async function main(): Promise<void> {
  const engine = startDockerEngine();
  const registry = await startLocalRegistry();
  const env = await startKubeTestEnv({ node: true });
  const kc = env.kubeConfig;
  env.node!.trustPlainHttpRegistry(registry.address);
  const namespace = 'bench';
  const service = 'bench-iris';
  const storageDir = mkdtempSync(path.join(tmpdir(), 'aks-bench-node-'));
  try {
    const sample = await prepareSample();
    // A fresh copy with a marker in run()'s answer, so each version is told apart and each is a new image.
    const dir = sampleVariant(sample.dir, { score: (t) => t.replace(/return \{"predictions": predictions, (.*)\}$/m, `return {"predictions": predictions, $1, "version": "v0"}`) });
    const scoreFile = path.join(dir, 'score.py');

    /** One deploy of the folder as it is now, timed by phase; resolves when `marker` answers through the Service. */
    const deployOnce = async (marker: string): Promise<Record<Phase, number> & { built: boolean; pushedLayers: number; inside: Inside }> => {
      const t0 = performance.now();
      let pushStart = 0;
      let pushedLayers = 0;
      const p = planSample(dir, engine.baseImage, false);
      const published = await publishImage(p.spec, {
        registry: registry.address, storageDir, dockerHost: engine.host, logger: { trace() {}, debug() {}, info() {}, warn() {}, error() {} },
        onProgress: (e) => {
          if (e.step === 'push' && !pushStart) pushStart = performance.now();
          if (e.step === 'push' && /^layer [0-9a-f]+: pushed /.test(e.message)) pushedLayers += 1;
        },
      });
      const tPushed = performance.now();
      const seen = await watchPods(kc, namespace, env.node!.logFile);
      let tApplied = 0;
      for await (const step of deployService(kc, { plan: { ...p.plan, serviceName: service }, serviceName: service, namespace, image: published.imageRef, authProxyImage: DEFAULT_AUTH_PROXY_IMAGE, createNamespace: true }, { timeoutMs: 600_000 })) {
        if (step.step === 'rollout' && !tApplied) tApplied = performance.now();
      }
      seen.stop();
      const tReady = performance.now();
      const inside = await seen.inside(published.imageRef, tApplied, tReady);
      // The new version answers through the Service (old endpoints gone or not ready): polled, each poll one request.
      for (;;) {
        const r = await viaServiceProxy(kc, namespace, service, 80, '/score', sample.request).catch(() => undefined);
        if (r?.status === 200 && (JSON.parse(r.body) as { version?: string }).version === marker) break;
        await new Promise((res) => setTimeout(res, 100));
      }
      const tServing = performance.now();
      return {
        build: (pushStart || tPushed) - t0,
        push: tPushed - (pushStart || tPushed),
        apply: tApplied - tPushed,
        ready: tReady - tApplied,
        serving: tServing - t0,
        built: published.built,
        pushedLayers,
        inside,
      };
    };

    console.log(`first deploy (fresh registry; dockerd's layer cache as this machine has it): build, push, apply, ready, serving`);
    const first = await deployOnce('v0');
    console.log(`  build ${s(first.build)}, push ${s(first.push)} (${first.pushedLayers} layers), apply ${s(first.apply)}, rollout to Ready ${s(first.ready)}; serving after ${s(first.serving)}`);

    console.log(`    inside the rollout: ${insideText(first.inside)}`);
    const runs: (Record<Phase, number> & { pushedLayers: number; inside: Inside })[] = [];
    for (let i = 1; i <= redeploys; i++) {
      const marker = `v${i}`;
      writeFileSync(scoreFile, readFileSync(scoreFile, 'utf8').replace(/"version": "v\d+"/, `"version": "${marker}"`));
      const r = await deployOnce(marker);
      runs.push(r);
      console.log(`  redeploy ${i}: build ${s(r.build)}, push ${s(r.push)} (${r.pushedLayers} layers), apply ${s(r.apply)}, rollout ${s(r.ready)}; new version serving after ${s(r.serving)}`);
      console.log(`    inside the rollout: ${insideText(r.inside)}`);
    }
    const m = (k: Phase) => s(median(runs.map((r) => r[k])));
    const mi = (k: keyof Inside) => s(median(runs.map((r) => r.inside[k])));
    console.log(`redeploy after a one-line score.py change, median of ${runs.length}: ${m('serving')} (target ≤ ${TARGET_S} s) — build ${m('build')}, push ${m('push')}, apply ${m('apply')}, rollout ${m('ready')}`);
    console.log(`  inside the rollout, medians, from the apply: ${MILESTONES.map((k) => `${k} ${mi(k)}`).join(', ')}`);
  } finally {
    await env.stop();
    await registry.stop();
    engine.stop();
  }
}

/** A pod watch that notes when each pod first showed each milestone (performance.now()). */
async function watchPods(kc: KubeConfig, namespace: string, nodeLog: string) {
  const nodeLogFrom = statSync(nodeLog).size;
  const firsts = new Map<string, Partial<Record<'created' | 'scheduled' | 'running' | 'ready', number>>>();
  const pods = new Map<string, V1Pod>();
  const req = await new Watch(kc).watch(`/api/v1/namespaces/${namespace}/pods`, {}, (type: string, pod: V1Pod) => {
    const uid = pod.metadata?.uid ?? '';
    if (type === 'DELETED') return;
    pods.set(uid, pod);
    const f = firsts.get(uid) ?? {};
    const now = performance.now();
    f.created ??= now;
    if (pod.spec?.nodeName) f.scheduled ??= now;
    if (pod.status?.containerStatuses?.some((c) => c.name === 'model' && c.state?.running)) f.running ??= now;
    if (pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')) f.ready ??= now;
    firsts.set(uid, f);
  }, () => undefined);
  const core = kc.makeApiClient(CoreV1Api);
  // Wall clock (log timestamps) to this process's performance.now().
  const toPerf = (wall: string) => new Date(wall).getTime() - (Date.now() - performance.now());
  return {
    stop: () => req.abort(),
    async inside(image: string, tApplied: number, tDone: number): Promise<Inside> {
      const pod = [...pods.values()].find((p) => p.spec?.containers[0]?.image === image && !p.metadata?.deletionTimestamp);
      const f = (pod && firsts.get(pod.metadata?.uid ?? '')) || {};
      const name = pod?.metadata?.name ?? '';
      const events = name ? (await core.listNamespacedEvent({ namespace, fieldSelector: `involvedObject.name=${name}` })).items : [];
      // "Successfully pulled image … in 1.234s (1.234s including waiting)": the pull ends that long after it began.
      const pulledIn = events.map((e) => /Successfully pulled image .* in ([\d.]+)(m?s)/.exec(e.message ?? '')).find(Boolean);
      const pulledSecs = pulledIn ? Number(pulledIn[1]) / (pulledIn[2] === 'ms' ? 1000 : 1) : NaN;
      const log = name ? await core.readNamespacedPodLog({ name, namespace, container: 'model', timestamps: true }).catch(() => '') : '';
      const lines = log.split('\n').filter(Boolean).map((l) => ({ at: toPerf(l.slice(0, l.indexOf(' '))), text: l.slice(l.indexOf(' ') + 1) }));
      const listening = lines.find((l) => /Listening at|Booting worker/.test(l.text));
      if (process.env.BENCH_TIMELINE) {
        // The kubelet's and containerd's lines about this pod (node.log, written since the apply), then its own log.
        // Keys grow as containerd names them: the pod, its sandbox id, its containers' ids; and the image.
        const keys = new Set([name, image].filter(Boolean));
        const node = readFileSync(nodeLog, 'utf8').slice(nodeLogFrom).split('\n').filter((l) => {
          if (![...keys].some((k) => l.includes(k))) return false;
          for (const m of l.matchAll(/returns (?:sandbox|container) id \\?"([0-9a-f]{64})/g)) keys.add(m[1]);
          return true;
        });
        for (const l of node.slice(0, 60)) {
          const klog = /^[IWE](\d\d)(\d\d) (\d\d:\d\d:\d\d\.\d+)/.exec(l);
          const ctd = /time="([^"]+)"/.exec(l);
          const wall = klog ? `${new Date().getUTCFullYear()}-${klog[1]}-${klog[2]}T${klog[3]}Z` : ctd?.[1];
          console.log(`      ${wall ? s(toPerf(wall) - tApplied).padStart(7) : '       '}  node: ${l.replace(/^\S+ \S+ +\d+ /, '').slice(0, 150)}`);
        }
        for (const l of lines.slice(0, 40)) console.log(`      ${s(l.at - tApplied).padStart(7)}  ${l.text.slice(0, 140)}`);
      }
      const rel = (t: number | undefined) => (t === undefined ? NaN : t - tApplied);
      return {
        created: rel(f.created), scheduled: rel(f.scheduled), running: rel(f.running), pull: pulledSecs * 1000,
        firstLog: rel(lines[0]?.at), listening: rel(listening?.at), ready: rel(f.ready), done: tDone - tApplied,
      };
    },
  };
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
