import assert from 'node:assert/strict';
import { AutoscalingV2Api } from '@kubernetes/client-node';
import * as vscode from 'vscode';
import { readKeys } from '../../src/kube/deploy';
import { kubeLogSource } from '../../src/kube/logs/logSource';
import type { ServiceRef } from '../../src/ui/kube/clusterRef';
import type { LogStreamHandle } from '../../src/ui/ops/logCommands';
import type { StatusPanel } from '../../src/ui/ops/statusPanel';
import type { TargetNode } from '../../src/ui/tree/targetsTree';
import { standInKubeConfig } from '../integration/ops/opsHelpers';
import { KubeletLogStandIn } from '../support/kubeletLogStandIn';
import { startKubeTestEnv, type KubeTestEnv } from '../support/kubeTestEnv';
import { addKwokNode } from '../support/kwokNode';
import { deploySampleService, replicaNames } from '../support/sampleService';
import { activateExtension, eventually } from './support';
import { registerTestSecret } from '../support/testSecrets';

// Operate a deployed service from the extension host: the service is deployed by the real engine on the real
// kube-apiserver, with controller-manager (deployment, replicaset and HPA controllers), scheduler and kwok as the
// kubelet. kwok serves no pod logs (the API server's pod log endpoint answers "dial tcp 127.0.0.1:10250: connection
// refused"), so the log tests read the logs from the kubelet log STAND-IN (test/support/kubeletLogStandIn.ts),
// passed to the commands as their log source; pods are still discovered and followed through the real API server.
describe('ops: Stream Logs, Get Logs (kubelet log STAND-IN) and Show Status on a real kube-apiserver with kwok', function () {
  this.timeout(600_000);
  const namespace = 'host-ops';
  const service = 'scorer';
  const savedKubeconfig = process.env.KUBECONFIG;
  let kube: KubeTestEnv;
  let standIn: KubeletLogStandIn;
  let options: { logSource: ReturnType<typeof kubeLogSource>; onAppend: (t: string) => void };
  let appended = '';
  let ref: ServiceRef;

  before(async () => {
    await activateExtension();
    kube = await startKubeTestEnv({ controlPlane: true });
    await addKwokNode(kube.kubeConfig);
    await deploySampleService(kube.kubeConfig, namespace, service);
    standIn = new KubeletLogStandIn();
    options = { logSource: kubeLogSource(standInKubeConfig(await standIn.start())), onAppend: (t) => (appended += t) };
    process.env.KUBECONFIG = kube.kubeconfigPath;
    await vscode.commands.executeCommand('aksModel.refresh');
    const context = kube.kubeConfig.getCurrentContext();
    ref = { cluster: { source: 'kubeconfig', targetId: context, label: context }, namespace, serviceName: service };
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    if (savedKubeconfig === undefined) delete process.env.KUBECONFIG; else process.env.KUBECONFIG = savedKubeconfig;
    await vscode.commands.executeCommand('aksModel.refresh');
    await standIn?.stop();
    await kube?.stop();
  });

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

  it('Stream Logs (stand-in logs) writes every replica\'s lines prefixed with the replica, follows a new replica, and stops', async () => {
    // The Deployment starts at one replica; the HPA raises it to minReplicas 2 on its next sync (up to 15 s).
    const first = await eventually('the HPA at minReplicas 2', async () => {
      const names = await replicaNames(kube.kubeConfig, namespace, service);
      return names.length === 2 ? names : undefined;
    }, 60_000);
    for (const pod of first) standIn.append(pod, [`${pod} started`, `${pod} GET /score 200`]);
    const node = await serviceNode();
    appended = '';
    const handle = (await vscode.commands.executeCommand<LogStreamHandle>('aksModel.streamLogs', node, options))!;
    assert.equal(handle.channelName, `AKS Model Deploy: logs ${service}`);
    await eventually('both lines of every replica in the channel', () => first.every((p) => appended.includes(`[${p}] ${p} started\n[${p}] ${p} GET /score 200\n`)), 30_000);
    assert.equal(handle.lines(), 4);
    const again = await vscode.commands.executeCommand<LogStreamHandle>('aksModel.streamLogs', ref, options);
    assert.equal(again, handle, 'a second Stream Logs shows the running stream');

    await setMinReplicas(3);
    const added = await eventually('a third replica', async () => (await replicaNames(kube.kubeConfig, namespace, service)).find((p) => !first.includes(p)), 60_000);
    standIn.append(added, [`${added} started`]);
    await eventually('the new replica followed', () => appended.includes(`[${added}] replica appeared, following its log`) && appended.includes(`[${added}] ${added} started\n`), 30_000);
    standIn.append(first[0]!, ['one more']);
    await eventually('a later line of a first replica', () => appended.includes(`[${first[0]}] one more\n`), 30_000);

    const keys = await readKeys(kube.kubeConfig, { serviceName: service, namespace });
    registerTestSecret(keys.primary, keys.secondary);
    assert.ok(!appended.includes(keys.primary) && !appended.includes(keys.secondary), 'no key in the channel');
    await vscode.commands.executeCommand('aksModel.stopStreamingLogs', node);
    await handle.done;
    assert.match(appended, /--- stopped streaming the logs of scorer ---\n$/);
    await eventually('the stand-in streams closed', () => standIn.openStreams === 0, 10_000);
    const lines = handle.lines();
    standIn.append(first[0]!, ['after stop']);
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(handle.lines(), lines);
    assert.ok(!appended.includes('after stop'));
  });

  it('Get Logs… (stand-in logs) appends the last N lines of each replica once, interleaved by time', async () => {
    appended = '';
    const result = await vscode.commands.executeCommand<{ lines: number }>('aksModel.getLogs', ref, { ...options, tailLines: 1 });
    const pods = await replicaNames(kube.kubeConfig, namespace, service);
    assert.equal(result?.lines, pods.length);
    assert.match(appended, /^--- the last 1 lines of each replica of scorer \(host-ops on .+\): 3 lines from 3 replicas ---\n/);
    for (const p of pods) assert.match(appended, new RegExp(`^\\[${p}\\] `, 'm'));
    assert.match(appended, /\] after stop\n/);
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
    const scaled = await eventually('the panel at 4 of 4 ready replicas, min 4', () => {
      const s = panel.lastPosted();
      return s && s.replicas.ready === 4 && s.replicas.current === 4 && s.replicas.min === 4 && s.replicas.desired === 4 && s.conditions.length > 0 ? s : undefined;
    }, 90_000);
    const types = scaled.conditions.map((c) => c.type);
    assert.ok(types.includes('AbleToScale') && types.includes('ScalingActive'), JSON.stringify(scaled.conditions));
    for (const c of scaled.conditions) assert.match(c.words, /^[A-Z].{10,}\.\)?$/, `a plain sentence: ${JSON.stringify(c)}`);
    assert.ok(panel.postedCount() > posted);
    assert.ok(scaled.history.length > first.history.length, 'the chart history grew');
    assert.deepEqual(scaled.history.at(-1), { time: scaled.history.at(-1)!.time, replicas: 4, ready: 4 });
    assert.ok(scaled.events.some((e) => /ScalingReplicaSet|SuccessfulRescale|SuccessfulCreate/.test(e.reason)), `recent events: ${JSON.stringify(scaled.events.map((e) => e.reason))}`);

    panel.host.panel.dispose();
    await panel.done;
    assert.equal(panel.watching(), false);
    const reopened = await vscode.commands.executeCommand<StatusPanel>('aksModel.showStatus', ref);
    assert.notEqual(reopened, panel, 'a closed panel is not reused');
    reopened?.host.panel.dispose();
  });
});
