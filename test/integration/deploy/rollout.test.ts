// The rollout waiter against the real kube-apiserver. No controllers run there, so the test plays the
// Deployment controller (status subresource) and the scheduler/kubelet (real Event objects via the Events API).
import assert from 'node:assert/strict';
import { AppsV1Api, CoreV1Api } from '@kubernetes/client-node';
import { applyService, type DeployProgress, deployService, KubeDeployError, watchRollout } from '../../../src/kube/deploy';
import { useKubeTestEnv } from '../../support/kubeTestEnv';
import { uniqueName, waitFor } from '../kube/helpers';
import { target } from './fixture';

const fixed = (n: number) => ({ authEnabled: false, autoScaler: { autoscaleEnabled: false }, numReplicas: n });

describe('deploy engine: rollout waiter and failure explainer against kube-apiserver', function () {
  const kube = useKubeTestEnv();
  let core: CoreV1Api;
  let apps: AppsV1Api;

  before(async function () {
    core = kube().kubeConfig.makeApiClient(CoreV1Api);
    apps = kube().kubeConfig.makeApiClient(AppsV1Api);
  });

  async function setStatus(ns: string, ready: number, replicas: number) {
    const d = await apps.readNamespacedDeployment({ name: 'scorer', namespace: ns });
    d.status = { observedGeneration: d.metadata!.generation, replicas, updatedReplicas: replicas, readyReplicas: ready, availableReplicas: ready };
    await apps.replaceNamespacedDeploymentStatus({ name: 'scorer', namespace: ns, body: d });
  }

  async function event(ns: string, reason: string, message: string, pod = 'scorer-5d8f7-x2k9p', container = 'model') {
    const now = new Date();
    await core.createNamespacedEvent({
      namespace: ns,
      body: {
        metadata: { name: `${pod}.${reason.toLowerCase()}.${Date.now()}` },
        involvedObject: { kind: 'Pod', name: pod, namespace: ns, apiVersion: 'v1', fieldPath: reason === 'FailedScheduling' ? undefined : `spec.containers{${container}}` },
        reason,
        message,
        type: 'Warning',
        count: 1,
        firstTimestamp: now,
        lastTimestamp: now,
        source: { component: reason === 'FailedScheduling' ? 'default-scheduler' : 'kubelet' },
      },
    });
  }

  async function newService(dc: object = fixed(2)) {
    const ns = uniqueName('roll');
    await core.createNamespace({ body: { metadata: { name: ns } } });
    const applied = await applyService(kube().kubeConfig, target(ns, dc));
    return { ns, applied };
  }

  /** Runs the waiter in the background, collecting its events; `done` settles with its outcome. */
  function collect(it: AsyncIterable<DeployProgress>) {
    const seen: DeployProgress[] = [];
    const done = (async () => {
      for await (const p of it) seen.push(p);
    })();
    done.catch(() => undefined);
    return { seen, done };
  }

  it('follows Deployment status changes from the watch until every replica is ready', async () => {
    const { ns } = await newService();
    const w = collect(watchRollout(kube().kubeConfig, { serviceName: 'scorer', namespace: ns, timeoutMs: 20_000 }));
    await waitFor('first progress', () => (w.seen.length > 0 ? true : undefined));
    await setStatus(ns, 1, 2);
    await waitFor('1/2', () => (w.seen.some((p) => p.ready === 1) ? true : undefined));
    await setStatus(ns, 2, 2);
    await w.done;
    assert.deepEqual(w.seen.map((p) => `${p.step} ${p.ready}/${p.desired}`), ['rollout 0/2', 'rollout 1/2', 'rollout 2/2']);
  });

  it('deployService streams apply steps then rollout steps', async () => {
    const ns = uniqueName('stream');
    const w = collect(deployService(kube().kubeConfig, { ...target(ns, fixed(1)), createNamespace: true }, { timeoutMs: 20_000, fetchLogs: async () => '' }));
    await waitFor('rollout step', () => (w.seen.some((p) => p.step === 'rollout') ? true : undefined));
    await setStatus(ns, 1, 1);
    await w.done;
    assert.deepEqual(w.seen.filter((p) => p.step === 'apply').map((p) => p.message), ['applied Namespace ' + ns, 'applied ServiceAccount scorer', 'applied Deployment scorer', 'applied Service scorer']);
    assert.equal(w.seen.at(-1)!.message, '1/1 ready');
  });

  it('FailedScheduling: progress says why the pod waits; the timeout explains it with the scheduler reason', async () => {
    const { ns } = await newService();
    const w = collect(watchRollout(kube().kubeConfig, { serviceName: 'scorer', namespace: ns, timeoutMs: 3_000 }));
    await waitFor('first progress', () => (w.seen.length > 0 ? true : undefined));
    await event(ns, 'FailedScheduling', '0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.');
    await assert.rejects(w.done, (e: Error) => {
      assert.ok(e instanceof KubeDeployError && e.kind === 'timeout', String(e));
      assert.match(e.message, /did not finish in 3 s \(0\/2 ready\)/);
      assert.match(e.message, /3 Insufficient cpu/);
      assert.match(e.message, /cluster may be adding nodes/);
      return true;
    });
    assert.ok(w.seen.some((p) => /Insufficient cpu.*may be adding nodes/.test(p.message)), JSON.stringify(w.seen));
  });

  it('ImagePullBackOff fails at once, naming image and registry; an update says the previous version keeps serving', async () => {
    const { ns } = await newService();
    const second = await applyService(kube().kubeConfig, target(ns, fixed(2), 'scorer', 'myacr.azurecr.io/scorer:2'));
    assert.equal(second.isUpdate, true);
    const w = collect(watchRollout(kube().kubeConfig, { serviceName: 'scorer', namespace: ns, timeoutMs: 60_000, isUpdate: second.isUpdate }));
    await waitFor('first progress', () => (w.seen.length > 0 ? true : undefined));
    await event(ns, 'BackOff', 'Back-off pulling image "myacr.azurecr.io/scorer:2"');
    await assert.rejects(w.done, (e: Error) => {
      assert.ok(e instanceof KubeDeployError && e.kind === 'rolloutFailed', String(e));
      assert.match(e.message, /Image myacr\.azurecr\.io\/scorer:2 cannot be pulled from myacr\.azurecr\.io/);
      assert.match(e.message, /previous version keeps serving/);
      return true;
    });
  });

  it('CrashLoopBackOff shows the container last 50 log lines', async () => {
    const { ns } = await newService();
    const asked: string[] = [];
    const fetchLogs = async (pod: string, container: string, tail: number) => {
      asked.push(`${pod}/${container}/${tail}`);
      return Array.from({ length: tail }, (_, i) => (i === tail - 1 ? 'ModuleNotFoundError: No module named sklearn' : `line ${i}`)).join('\n');
    };
    const w = collect(watchRollout(kube().kubeConfig, { serviceName: 'scorer', namespace: ns, timeoutMs: 60_000, fetchLogs }));
    await waitFor('first progress', () => (w.seen.length > 0 ? true : undefined));
    await event(ns, 'BackOff', 'Back-off restarting failed container model in pod scorer-5d8f7-x2k9p_' + ns);
    await assert.rejects(w.done, (e: Error) => {
      assert.match(e.message, /Container model of pod scorer-5d8f7-x2k9p keeps crashing \(CrashLoopBackOff\)/);
      assert.match(e.message, /Last 50 log lines/);
      assert.match(e.message, /ModuleNotFoundError: No module named sklearn$/);
      assert.doesNotMatch(e.message, /previous version/);
      return true;
    });
    assert.deepEqual(asked, ['scorer-5d8f7-x2k9p/model/50']);
  });

  it('a progress deadline exceeded ends the wait at once with what the events say (quota refusing pods)', async () => {
    const { ns } = await newService();
    const w = collect(watchRollout(kube().kubeConfig, { serviceName: 'scorer', namespace: ns, timeoutMs: 60_000 }));
    await waitFor('first progress', () => (w.seen.length > 0 ? true : undefined));
    await event(ns, 'FailedCreate', 'Error creating: pods "scorer-5d8f7-x2k9p" is forbidden: exceeded quota: compute, requested: cpu=200m, used: cpu=1, limited: cpu=1', 'scorer-5d8f7');
    const d = await apps.readNamespacedDeployment({ name: 'scorer', namespace: ns });
    d.status = { observedGeneration: d.metadata!.generation, conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded', message: 'ReplicaSet "scorer-5d8f7" has timed out progressing.' }] };
    await apps.replaceNamespacedDeploymentStatus({ name: 'scorer', namespace: ns, body: d });
    await assert.rejects(w.done, (e: Error) => {
      assert.ok(e instanceof KubeDeployError && e.kind === 'rolloutFailed', String(e));
      assert.match(e.message, /exceeded its progress deadline/);
      assert.match(e.message, /refuses to create pods for scorer-5d8f7: .*exceeded quota/);
      return true;
    });
  });

  it('a failing probe (Unhealthy events) is the explanation when the rollout times out', async () => {
    const { ns } = await newService();
    const w = collect(watchRollout(kube().kubeConfig, { serviceName: 'scorer', namespace: ns, timeoutMs: 3_000 }));
    await waitFor('first progress', () => (w.seen.length > 0 ? true : undefined));
    await event(ns, 'Unhealthy', 'Liveness probe failed: HTTP probe failed with statuscode: 500');
    await assert.rejects(w.done, /health probe of pod scorer-5d8f7-x2k9p fails: Liveness probe failed: HTTP probe failed with statuscode: 500/);
  });

  it('events of other objects are not taken as the reason', async () => {
    const { ns } = await newService();
    await event(ns, 'BackOff', 'Back-off pulling image "other:1"', 'another-app-1');
    const w = collect(watchRollout(kube().kubeConfig, { serviceName: 'scorer', namespace: ns, timeoutMs: 2_000 }));
    await assert.rejects(w.done, (e: Error) => e instanceof KubeDeployError && e.kind === 'timeout' && /No Kubernetes event explains it/.test(e.message));
  });

  it('cancel stops waiting and leaves the applied objects as they are', async () => {
    const { ns } = await newService();
    const before = await apps.readNamespacedDeployment({ name: 'scorer', namespace: ns });
    const ctl = new AbortController();
    const w = collect(watchRollout(kube().kubeConfig, { serviceName: 'scorer', namespace: ns, timeoutMs: 60_000, signal: ctl.signal }));
    await waitFor('first progress', () => (w.seen.length > 0 ? true : undefined));
    ctl.abort();
    await assert.rejects(w.done, (e: Error) => e instanceof KubeDeployError && e.kind === 'cancelled');
    const after = await apps.readNamespacedDeployment({ name: 'scorer', namespace: ns });
    assert.equal(after.metadata!.resourceVersion, before.metadata!.resourceVersion);
  });
});
