import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { AppsV1Api, AutoscalingV2Api } from '@kubernetes/client-node';
import * as vscode from 'vscode';
import { readKeys } from '../../src/kube/deploy';
import type { DeployOutcome } from '../../src/ui/deploy/deployModel';
import type { TargetNode } from '../../src/ui/tree/targetsTree';
import { cacheRoot, prepareSample } from '../integration/local/sampleModel';
import { startDockerEngine, type DockerEngine } from '../support/dockerEngine';
import { startKubeTestEnv, type KubeTestEnv } from '../support/kubeTestEnv';
import { addKwokNode } from '../support/kwokNode';
import { startLocalRegistry, type LocalRegistry } from '../support/localRegistry';
import { GATEWAY, installGatewayWithCrds, routeWeights } from '../integration/endpoint/fixture';
import { activateExtension, eventually } from './support';
import { registerTestSecret } from '../support/testSecrets';

// Deploy from the UI against real components: the private dockerd builds the image, Debian's docker-registry
// receives the push, the real kube-apiserver (with controller-manager, scheduler, and kwok as the kubelet) runs
// the rollout; the Targets tree follows it through watches.
describe('Deploy to AKS (real dockerd, registry and kube-apiserver)', function () {
  this.timeout(900_000);
  const project = path.join(cacheRoot, 'host-deploy', 'sklearn-iris');
  const namespace = 'host-deploy';
  const config = () => vscode.workspace.getConfiguration('aksModel');
  const savedKubeconfig = process.env.KUBECONFIG;
  let kube: KubeTestEnv;
  let docker: DockerEngine;
  let registry: LocalRegistry;
  let outcome: DeployOutcome;

  before(async () => {
    await activateExtension();
    kube = await startKubeTestEnv({ controlPlane: true });
    await addKwokNode(kube.kubeConfig);
    docker = startDockerEngine();
    registry = await startLocalRegistry();
    const sample = await prepareSample();
    fs.rmSync(project, { recursive: true, force: true });
    fs.cpSync(sample.dir, project, { recursive: true });
    await config().update('local.storageDir', path.join(cacheRoot, 'host-storage'), vscode.ConfigurationTarget.Global);
    await config().update('local.dockerHost', docker.host, vscode.ConfigurationTarget.Global);
    await config().update('local.baseImage', docker.baseImage, vscode.ConfigurationTarget.Global);
    process.env.KUBECONFIG = kube.kubeconfigPath;
    await vscode.commands.executeCommand('aksModel.refresh');
  });
  after(async () => {
    for (const key of ['local.storageDir', 'local.dockerHost', 'local.baseImage', 'endpoint.gateways']) await config().update(key, undefined, vscode.ConfigurationTarget.Global);
    if (savedKubeconfig === undefined) delete process.env.KUBECONFIG; else process.env.KUBECONFIG = savedKubeconfig;
    await vscode.commands.executeCommand('aksModel.refresh');
    await registry?.stop();
    docker?.stop();
    await kube?.stop();
  });

  const context = () => kube.kubeConfig.getCurrentContext();
  const choices = () => ({ cluster: { source: 'kubeconfig', targetId: context(), label: context() }, namespace, registry: registry.address });

  const serviceNode = async (): Promise<Extract<TargetNode, { kind: 'service' }> | undefined> => {
    const ui = await activateExtension();
    const cluster = (await ui.targets.getChildren()).find((n) => n.kind === 'cluster' && n.target.id === context());
    assert.ok(cluster, `the test cluster ${context()} is in the Targets view`);
    const children = await ui.targets.getChildren(cluster);
    return children.find((n): n is Extract<TargetNode, { kind: 'service' }> => n.kind === 'service' && n.ref.serviceName === 'sklearn-iris');
  };

  it('builds, pushes, applies and waits for the rollout; the service shows under its cluster, ready', async () => {
    outcome = (await vscode.commands.executeCommand<DeployOutcome>('aksModel.deployToAks', vscode.Uri.file(project), choices()))!;
    assert.ok(outcome, 'the deploy finished (a failure would have been shown and returned nothing)');
    assert.match(outcome.image, new RegExp(`^${registry.address.replace(/\./g, '\\.')}/sklearn-iris:[0-9a-f]{32}$`));
    const tags = (await (await fetch(`${registry.url}/v2/sklearn-iris/tags/list`)).json()) as { tags: string[] };
    assert.ok(tags.tags.includes(outcome.image.split(':').at(-1)!), 'the registry has the pushed tag');
    const deployment = await kube.kubeConfig.makeApiClient(AppsV1Api).readNamespacedDeployment({ name: 'sklearn-iris', namespace });
    assert.ok(deployment.spec?.template.spec?.containers.some((c) => c.image === outcome.image), 'the Deployment runs the pushed image');

    const ui = await activateExtension();
    const node = (await eventually('the service node with its ready replica', async () => {
      const n = await serviceNode();
      return n && /^1\/1 ready/.test(String(ui.targets.getTreeItem(n).description)) ? n : undefined;
    }, 60_000))!;
    assert.match(String(ui.targets.getTreeItem(node).description), /1–4 · \?\/70% · host-deploy$/);
    const replicas = await ui.targets.getChildren(node);
    assert.equal(replicas.length, 1);
    assert.match(String(ui.targets.getTreeItem(replicas[0]).description), /^Running · ready$/);
  });

  it('Copy Primary Key puts the service key on the clipboard', async () => {
    const node = (await serviceNode())!;
    await vscode.env.clipboard.writeText('');
    await vscode.commands.executeCommand('aksModel.copyPrimaryKey', node);
    const keys = await readKeys(kube.kubeConfig, { serviceName: 'sklearn-iris', namespace });
    registerTestSecret(keys.primary, keys.secondary);
    assert.ok(keys.primary.length > 100, 'a key is a long token');
    assert.equal(await vscode.env.clipboard.readText(), keys.primary);
  });

  it('a second deploy of the same folder builds and pushes nothing and changes nothing', async () => {
    const apps = kube.kubeConfig.makeApiClient(AppsV1Api);
    const before = (await apps.readNamespacedDeployment({ name: 'sklearn-iris', namespace })).metadata?.resourceVersion;
    const again = await vscode.commands.executeCommand<DeployOutcome>('aksModel.deployToAks', vscode.Uri.file(project), choices());
    assert.equal(again?.image, outcome.image);
    assert.equal((await apps.readNamespacedDeployment({ name: 'sklearn-iris', namespace })).metadata?.resourceVersion, before);
  });

  it('the tree follows the cluster through its watch: a scale-up shows without a refresh', async () => {
    const ui = await activateExtension();
    let changes = 0;
    const sub = ui.targets.onDidChangeTreeData(() => { changes++; });
    try {
      // The HPA controller enforces minReplicas even without metrics: the Deployment goes to 2 replicas.
      const autoscaling = kube.kubeConfig.makeApiClient(AutoscalingV2Api);
      const hpa = await autoscaling.readNamespacedHorizontalPodAutoscaler({ name: 'sklearn-iris', namespace });
      hpa.spec!.minReplicas = 2;
      await autoscaling.replaceNamespacedHorizontalPodAutoscaler({ name: 'sklearn-iris', namespace, body: hpa });
      const node = (await eventually('2/2 ready in the tree', async () => {
        const n = await serviceNode();
        return n && /^2\/2 ready · 2–4/.test(String(ui.targets.getTreeItem(n).description)) ? n : undefined;
      }, 60_000))!;
      assert.equal((await ui.targets.getChildren(node)).length, 2);
      // The view reads the watch cache at once; the tree is told after a 150 ms coalescing window (and after any
      // read of the cluster's children in flight), so this waits for the event rather than expecting it at once.
      await eventually('the tree told about the change by the watch', () => changes > 0, 30_000);
    } finally {
      sub.dispose();
    }
  });

  it('a folder whose config does not validate is not deployed', async () => {
    const broken = path.join(cacheRoot, 'host-deploy', 'broken-model');
    fs.rmSync(broken, { recursive: true, force: true });
    fs.cpSync(project, broken, { recursive: true });
    const dc = path.join(broken, 'deploymentconfig.json');
    fs.writeFileSync(dc, fs.readFileSync(dc, 'utf8').replace('"maxReplicas": 4', '"maxReplicas": "four"'));
    const result = await vscode.commands.executeCommand('aksModel.deployToAks', vscode.Uri.file(broken), choices());
    assert.equal(result, undefined);
    const list = await kube.kubeConfig.makeApiClient(AppsV1Api).listNamespacedDeployment({ namespace });
    assert.deepEqual(list.items.map((d) => d.metadata?.name), ['sklearn-iris'], 'nothing of broken-model reached the cluster');
  });

  it('an AKSENDPOINT config deploys a version behind an HTTPRoute; the endpoint and its version show in the tree', async () => {
    const kc = kube.kubeConfig;
    await installGatewayWithCrds(kc);
    await config().update('endpoint.gateways', { [context()]: `${GATEWAY.namespace}/${GATEWAY.name}` }, vscode.ConfigurationTarget.Global);
    const folder = path.join(cacheRoot, 'host-deploy', 'churn-endpoint');
    fs.rmSync(folder, { recursive: true, force: true });
    fs.cpSync(project, folder, { recursive: true });
    const dcFile = path.join(folder, 'deploymentconfig.json');
    fs.writeFileSync(dcFile, JSON.stringify({ ...JSON.parse(fs.readFileSync(dcFile, 'utf8')), computeType: 'AKSENDPOINT', versionName: 'blue' }, null, 2));

    const done = await vscode.commands.executeCommand<DeployOutcome>('aksModel.deployToAks', vscode.Uri.file(folder), choices());
    assert.ok(done, 'the version deploy finished');
    assert.deepEqual(await routeWeights(kc, namespace, 'churn-endpoint'), { 'churn-endpoint-blue': 100 }, 'the first version is the default and takes all traffic');

    const ui = await activateExtension();
    const cluster = (await ui.targets.getChildren()).find((n) => n.kind === 'cluster' && n.target.id === context())!;
    const endpoint = await eventually('the endpoint in the tree', async () =>
      (await ui.targets.getChildren(cluster)).find((n) => n.kind === 'endpoint' && n.ref.serviceName === 'churn-endpoint'), 60_000);
    const versions = await eventually('version blue ready', async () => {
      const rows = await ui.targets.getChildren(endpoint);
      return rows.length === 1 && String(ui.targets.getTreeItem(rows[0]).description) === '100% · treatment · default · 1/1' ? rows : undefined;
    }, 60_000);
    assert.equal(String(ui.targets.getTreeItem(versions[0]).label), 'blue');
  });
});
