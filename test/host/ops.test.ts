import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { AutoscalingV2Api, CoreV1Api } from '@kubernetes/client-node';
import * as vscode from 'vscode';
import { readKeys } from '../../src/kube/deploy';
import { kubeLogSource } from '../../src/kube/logs/logSource';
import type { ServiceRef } from '../../src/ui/kube/clusterRef';
import type { LogStreamHandle } from '../../src/ui/ops/logCommands';
import type { StatusPanel } from '../../src/ui/ops/statusPanel';
import type { TargetNode } from '../../src/ui/tree/targetsTree';
import { startDockerEngine, type DockerEngine } from '../support/dockerEngine';
import { startKubeTestEnv, type KubeTestEnv } from '../support/kubeTestEnv';
import { deploySampleService, replicaNames } from '../support/sampleService';
import { TcpProxy, viaProxy } from '../support/tcpProxy';
import { activateExtension, eventually } from './support';
import { registerTestSecret } from '../support/testSecrets';

// Operate a deployed service from the extension host: the service is deployed by the real engine on kube-testenv's
// real node (kubelet, containerd, runc), with controller-manager (deployment, replicaset and HPA controllers) and
// scheduler. Its replicas are real containers whose output is real: each prints "<pod> started", then serves the
// readiness and liveness probes with Python's http.server, which logs every probe. The image is the tests' base
// image with that entrypoint, imported into the node's containerd; the auth sidecar's image is the same one idling
// (kube-rbac-proxy cannot be pulled here, and no request goes through the sidecar in this file). Logs come through
// the API server from the kubelet, over a pass-through TCP proxy that shows when the streams are closed.
describe('ops: Stream Logs, Get Logs and Show Status on a real node (kubelet, containerd) and a real kube-apiserver', function () {
  this.timeout(900_000);
  const namespace = 'host-ops';
  const service = 'scorer';
  const savedKubeconfig = process.env.KUBECONFIG;
  let kube: KubeTestEnv;
  let engine: DockerEngine;
  let image = '';
  let proxy: TcpProxy;
  let options: { logSource: ReturnType<typeof kubeLogSource>; onAppend: (t: string) => void; tailLines: number };
  let appended = '';
  let ref: ServiceRef;
  // Not spawnSync: it would block the extension host's thread for the whole build and import.
  const run = (command: string, args: string[], input?: string) =>
    new Promise<{ status: number | null; stderr: string }>((resolve) => {
      const child = spawn(command, args, { env: { ...process.env, DOCKER_HOST: engine.host }, stdio: ['pipe', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('error', (e) => resolve({ status: null, stderr: String(e) }));
      child.on('close', (status) => resolve({ status, stderr }));
      child.stdin.end(input ?? '');
    });
  const docker = (args: string[], input?: string) => run('docker', args, input);

  before(async function () {
    this.timeout(1_800_000);
    await activateExtension();
    kube = await startKubeTestEnv({ node: true });
    engine = startDockerEngine();
    image = 'aksmodel-local/ops-replica:1';
    // With arguments (the sidecar's flags) it idles; without (the model container) it logs and serves the probes.
    const entry = 'if [ $# -gt 0 ]; then exec sleep 100000; fi; echo "$HOSTNAME started"; cd /tmp && exec python3 -m http.server 5001';
    const built = await docker(['build', '-q', '-t', image, '-'], `FROM ${engine.baseImage}\nENTRYPOINT ["/bin/sh", "-c", ${JSON.stringify(entry)}, "replica"]\n`);
    assert.equal(built.status, 0, built.stderr);
    // Handed to the node's containerd directly (the kubelet finds it and pulls nothing: the tag is not :latest).
    // Pushing the 241 MB base image to a fresh registry took over two minutes on a loaded machine; pulls from the
    // local registry are tested by test/integration/node/*.
    const imported = await run('/bin/sh', ['-c', `docker save ${image} | ctr --address ${kube.node!.containerdSocket} -n k8s.io images import -`]);
    assert.equal(imported.status, 0, imported.stderr);
    // 0.1 CPU each: four replicas fit on the node's two cores.
    const dc = { autoScaler: { autoscaleEnabled: true, minReplicas: 2, maxReplicas: 4, targetUtilization: 70 }, containerResourceRequirements: { cpu: 0.1, memoryInGB: 0.25 } };
    await deploySampleService(kube.kubeConfig, namespace, service, dc, { image, authProxyImage: image });
    proxy = new TcpProxy({ host: '127.0.0.1', port: Number(new URL(kube.server).port) });
    // A tail longer than any replica's log here: the channel must show each replica's log from its first line.
    options = { logSource: kubeLogSource(viaProxy(kube.kubeConfig, await proxy.start())), onAppend: (t) => (appended += t), tailLines: 1000 };
    process.env.KUBECONFIG = kube.kubeconfigPath;
    await vscode.commands.executeCommand('aksModel.refresh');
    const context = kube.kubeConfig.getCurrentContext();
    ref = { cluster: { source: 'kubeconfig', targetId: context, label: context }, namespace, serviceName: service };
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    if (savedKubeconfig === undefined) delete process.env.KUBECONFIG; else process.env.KUBECONFIG = savedKubeconfig;
    await vscode.commands.executeCommand('aksModel.refresh');
    await proxy?.stop();
    await kube?.stop();
    if (engine && image) await docker(['image', 'rm', image]);
  });

  /** The log lines a replica's container wrote so far, read straight from the API server. */
  const realLog = async (pod: string) => (await kube.kubeConfig.makeApiClient(CoreV1Api).readNamespacedPodLog({ namespace, name: pod, container: 'model' })).split('\n').filter(Boolean);
  /** The log lines the channel shows for a replica (its notices left out). */
  const channelLines = (pod: string) =>
    appended.split('\n').filter((l) => l.startsWith(`[${pod}] `)).map((l) => l.slice(pod.length + 3)).filter((l) => !/^(replica appeared, following its log|replica gone|log stream interrupted .*)$/.test(l));

  type ServiceNode = Extract<TargetNode, { kind: 'service' }>;
  const serviceNode = async (): Promise<ServiceNode> => {
    const ui = await activateExtension();
    return eventually<ServiceNode>('the service node in Targets', async () => {
      const cluster = (await ui.targets.getChildren()).find((n) => n.kind === 'cluster' && n.target.id === ref.cluster.targetId);
      if (!cluster) return undefined;
      return (await ui.targets.getChildren(cluster)).find((n): n is ServiceNode => n.kind === 'service' && n.ref.serviceName === service);
    }, 30_000);
  };
  const setMinReplicas = async (min: number) => {
    const autoscaling = kube.kubeConfig.makeApiClient(AutoscalingV2Api);
    const hpa = await autoscaling.readNamespacedHorizontalPodAutoscaler({ name: service, namespace });
    hpa.spec!.minReplicas = min;
    await autoscaling.replaceNamespacedHorizontalPodAutoscaler({ name: service, namespace, body: hpa });
  };

  it('Stream Logs writes every replica\'s real lines prefixed with the replica, follows a new replica, and stops', async () => {
    // The Deployment starts at one replica; the HPA raises it to minReplicas 2 on its next sync (up to 15 s).
    const first = await eventually('the HPA at minReplicas 2', async () => {
      const names = await replicaNames(kube.kubeConfig, namespace, service);
      return names.length === 2 ? names : undefined;
    }, 60_000);
    const node = await serviceNode();
    appended = '';
    const handle = (await vscode.commands.executeCommand<LogStreamHandle>('aksModel.streamLogs', node, options))!;
    assert.equal(handle.channelName, `AKS Model Deploy: logs ${service}`);
    // Each replica's first line, then at least one probe logged by its server.
    await eventually('two lines of every replica in the channel', () => first.every((p) => appended.includes(`[${p}] ${p} started\n`) && channelLines(p).length >= 2), 120_000);
    const again = await vscode.commands.executeCommand<LogStreamHandle>('aksModel.streamLogs', ref, options);
    assert.equal(again, handle, 'a second Stream Logs shows the running stream');

    await setMinReplicas(3);
    const added = await eventually('a third replica', async () => (await replicaNames(kube.kubeConfig, namespace, service)).find((p) => !first.includes(p)), 60_000);
    await eventually('the new replica followed', () => appended.includes(`[${added}] replica appeared, following its log`) && appended.includes(`[${added}] ${added} started\n`), 120_000);
    const sofar = channelLines(first[0]!).length;
    await eventually('a later line of a first replica', () => channelLines(first[0]!).length > sofar, 30_000);

    const keys = await readKeys(kube.kubeConfig, { serviceName: service, namespace });
    registerTestSecret(keys.primary, keys.secondary);
    assert.ok(!appended.includes(keys.primary) && !appended.includes(keys.secondary), 'no key in the channel');
    await vscode.commands.executeCommand('aksModel.stopStreamingLogs', node);
    await handle.done;
    assert.match(appended, /--- stopped streaming the logs of scorer ---\n$/);
    await eventually('the log streams closed', () => proxy.openConnections === 0, 10_000);
    const lines = handle.lines();
    const shown = [...first, added].map((p) => channelLines(p));
    // The channel holds each replica's log from its first line, in order, none lost or repeated.
    for (const [i, p] of [...first, added].entries()) {
      const real = await realLog(p);
      assert.deepEqual(shown[i], real.slice(0, shown[i]!.length), `the channel's lines of ${p} are its real log from the start`);
    }
    assert.equal(lines, shown.reduce((n, l) => n + l.length, 0));
    // The replicas go on logging (a probe every 2 s); none of it reaches the stopped channel.
    const before = (await realLog(first[0]!)).length;
    await eventually(`${first[0]} logged again after the stop`, async () => (await realLog(first[0]!)).length > before, 30_000);
    assert.equal(handle.lines(), lines);
    assert.deepEqual(channelLines(first[0]!), shown[0]);
  });

  it('Get Logs… appends the last N lines of each replica once, interleaved by time', async () => {
    appended = '';
    const result = await vscode.commands.executeCommand<{ lines: number }>('aksModel.getLogs', ref, { ...options, tailLines: 1 });
    const pods = await replicaNames(kube.kubeConfig, namespace, service);
    assert.equal(result?.lines, pods.length);
    assert.match(appended, /^--- the last 1 lines of each replica of scorer \(host-ops on .+\): 3 lines from 3 replicas ---\n/);
    for (const p of pods) {
      const got = channelLines(p);
      assert.equal(got.length, 1, `one line of ${p}`);
      assert.ok((await realLog(p)).includes(got[0]!), `${JSON.stringify(got[0])} is a line of ${p}'s real log`);
    }
    const invalid = await vscode.commands.executeCommand('aksModel.getLogs', ref, { ...options, tailLines: 0 });
    assert.equal(invalid, undefined, 'an invalid N is refused (shown as an error)');
  });

  it('Show Status opens one panel per service whose snapshots follow an HPA change, and stops watching when closed', async () => {
    const node = await serviceNode();
    const panel = (await vscode.commands.executeCommand<StatusPanel>('aksModel.showStatus', node))!;
    assert.ok(panel, 'the panel opened');
    await panel.host.ready;
    const first = await eventually('a snapshot with 3 ready replicas in the panel', () => {
      const s = panel.lastPosted();
      return s && s.replicas.ready === 3 && s.replicas.current === 3 ? s : undefined;
    }, 60_000);
    assert.deepEqual([first.replicas.min, first.replicas.max, first.utilization?.target], [3, 4, 70]);
    assert.equal(await vscode.commands.executeCommand('aksModel.showStatus', ref), panel, 'a second Show Status reveals the same panel');

    const posted = panel.postedCount();
    await setMinReplicas(4);
    // On a real node the kubelet's events (pulled, started, probes) soon push the controllers' out of the panel's
    // ten most recent: collect the reasons every snapshot showed on the way.
    const reasons = new Set<string>();
    const scaled = await eventually('the panel at 4 of 4 ready replicas, min 4', () => {
      const s = panel.lastPosted();
      for (const e of s?.events ?? []) reasons.add(e.reason);
      return s && s.replicas.ready === 4 && s.replicas.current === 4 && s.replicas.min === 4 && s.replicas.desired === 4 && s.conditions.length > 0 ? s : undefined;
    }, 90_000);
    const types = scaled.conditions.map((c) => c.type);
    assert.ok(types.includes('AbleToScale') && types.includes('ScalingActive'), JSON.stringify(scaled.conditions));
    for (const c of scaled.conditions) assert.match(c.words, /^[A-Z].{10,}\.\)?$/, `a plain sentence: ${JSON.stringify(c)}`);
    assert.ok(panel.postedCount() > posted);
    assert.ok(scaled.history.length > first.history.length, 'the chart history grew');
    assert.deepEqual(scaled.history.at(-1), { time: scaled.history.at(-1)!.time, replicas: 4, ready: 4 });
    assert.ok([...reasons].some((r) => /ScalingReplicaSet|SuccessfulRescale|SuccessfulCreate/.test(r)), `events shown: ${JSON.stringify([...reasons])}`);

    panel.host.panel.dispose();
    await panel.done;
    assert.equal(panel.watching(), false);
    const reopened = await vscode.commands.executeCommand<StatusPanel>('aksModel.showStatus', ref);
    assert.notEqual(reopened, panel, 'a closed panel is not reused');
    reopened?.host.panel.dispose();
  });
});
