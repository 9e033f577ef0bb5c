// A model that fails on the real node, explained from what the node really did: init() raising puts the pod in
// CrashLoopBackOff and the deploy error carries the real traceback from the crashed container's log; a liveness
// probe that stops answering makes the kubelet restart the container, and the status says so.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULT_AUTH_PROXY_IMAGE } from '../../../src/core/manifests/names';
import { deployService, KubeDeployError } from '../../../src/kube/deploy';
import { formatStatusHuman, summaryLine, watchServiceStatus, type ServiceStatusSnapshot } from '../../../src/kube';
import { startDockerEngine, type DockerEngine } from '../../support/dockerEngine';
import { useKubeTestEnv } from '../../support/kubeTestEnv';
import { startLocalRegistry, type LocalRegistry } from '../../support/localRegistry';
import { planSample, publishSample, sampleVariant, type PlannedSample } from '../../support/realNodeHelpers';
import { prepareSample, withFailingInit, type SampleModel } from '../local/sampleModel';

describe('real node: a crashing init() and a failing liveness probe, explained from the real pod', function () {
  this.timeout(1_200_000);
  const env = useKubeTestEnv({ node: true });
  let engine: DockerEngine;
  let registry: LocalRegistry;
  let sample: SampleModel;
  const namespace = 'node-failures';
  const storageDir = mkdtempSync(path.join(tmpdir(), 'aks-node-failures-'));

  before(async () => {
    engine = startDockerEngine();
    registry = await startLocalRegistry();
    env().node!.trustPlainHttpRegistry(registry.address);
    sample = await prepareSample();
  });
  after(async () => {
    await registry?.stop();
  });

  const deploy = (p: PlannedSample, serviceName: string, image: string) =>
    deployService(env().kubeConfig, { plan: { ...p.plan, serviceName }, serviceName, namespace, image, authProxyImage: DEFAULT_AUTH_PROXY_IMAGE, createNamespace: true }, { timeoutMs: 600_000 });

  it('init() raising: CrashLoopBackOff explained with the real traceback from the crashed container’s log', async () => {
    const broken = withFailingInit(sample);
    const p = planSample(broken.spec.sourceDirectory, engine.baseImage, false);
    const image = await publishSample(p.spec, registry.address, engine.host, storageDir);
    const err = await (async () => {
      for await (const step of deploy(p, 'crashing', image)) void step;
    })().then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof KubeDeployError, `expected the rollout to fail, got ${String(err)}`);
    assert.equal(err.kind, 'rolloutFailed', err.message);
    assert.match(err.message, /keeps crashing \(CrashLoopBackOff\)/, err.message);
    // The container's own output: azmlinfsrv's traceback of init(), with the raise on its line of score.py.
    assert.match(err.message, /Traceback \(most recent call last\)/, err.message);
    assert.match(err.message, new RegExp(`score\\.py", line ${broken.line}, in init`), err.message);
    assert.match(err.message, /RuntimeError: model store unreachable/, err.message);
    // Not the kubelet's answer about a log file it could not open (what the explanation showed before).
    assert.doesNotMatch(err.message, /failed to try resolving symlinks|previous terminated container|could not be read/, err.message);
    // From the log through the API server and kubelet (the pod status's copy is only the fallback).
    assert.match(err.message, /Last 50 log lines of crashing-/, err.message);
    console.log(`      the deploy error:\n${err.message.split('\n').slice(0, 3).concat(['        …'], err.message.split('\n').slice(-6)).join('\n').replace(/^/gm, '        ')}`);
  });

  it('a liveness probe that stops answering: the kubelet restarts the container and the status shows the restarts', async () => {
    // 15 s after init() the worker stops itself (SIGSTOP): the process lives on but / no longer answers.
    const dir = sampleVariant(sample.dir, {
      score: (t) => t.replace('    global model\n', '    global model\n    import signal, threading\n    threading.Timer(15, lambda: os.kill(os.getpid(), signal.SIGSTOP)).start()\n'),
      // Generous start-up (a loaded machine), then quick to give up: 2 misses 3 s apart.
      deploymentConfig: { livenessProbeRequirements: { initialDelaySeconds: 30, periodSeconds: 3, timeoutSeconds: 1, failureThreshold: 2, successThreshold: 1 } },
    });
    const p = planSample(dir, engine.baseImage, false);
    assert.equal(p.plan.liveness.failureThreshold, 2);
    const image = await publishSample(p.spec, registry.address, engine.host, storageDir);
    for await (const step of deploy(p, 'unlively', image)) void step;

    const ac = new AbortController();
    const deadline = setTimeout(() => ac.abort(), 300_000);
    let last: ServiceStatusSnapshot | undefined;
    try {
      for await (const s of watchServiceStatus(env().kubeConfig, { namespace, service: 'unlively', signal: ac.signal })) {
        last = s;
        const killed = s.events.some((e) => e.reason === 'Killing' && /failed liveness probe/i.test(e.message));
        if ((s.pods[0]?.restarts ?? 0) >= 1 && killed) break;
      }
    } catch (e) {
      if (!ac.signal.aborted) throw e;
    } finally {
      clearTimeout(deadline);
      ac.abort();
    }
    assert.ok(last, 'no status snapshot');
    const report = formatStatusHuman(last);
    const pod = last.pods[0];
    assert.ok(pod && pod.restarts >= 1, report);
    assert.match(pod.lastRestart ?? '', /^model: /, report);
    assert.match(summaryLine(last), /\d+ restarts?/, report);
    assert.match(report, new RegExp(`replica +${pod.name} .*restarted ${pod.restarts}×`), report);
    // The events say why: the kubelet's own probe failures and its kill.
    assert.ok(last.events.some((e) => e.reason === 'Unhealthy' && /Liveness probe failed/.test(e.message)), report);
    assert.ok(last.events.some((e) => e.reason === 'Killing' && /failed liveness probe, will be restarted/.test(e.message)), report);
    console.log(`      status after the liveness restarts:\n${report.replace(/^/gm, '        ')}`);
  });
});
