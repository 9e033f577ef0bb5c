import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppsV1Api } from '@kubernetes/client-node';
import { prepareSample } from '../integration/local/sampleModel';
import { startDockerEngine, type DockerEngine } from '../support/dockerEngine';
import { startKubeTestEnv, type KubeTestEnv } from '../support/kubeTestEnv';
import { addKwokNode } from '../support/kwokNode';
import { startLocalRegistry, type LocalRegistry } from '../support/localRegistry';
import { expandRow, openWorkbench, runContextMenuItem, runPaletteCommand, screenshot, showTargetsView, until, type Workbench } from '../support/workbench';

// The whole deploy from the workbench, as a user does it: palette → cluster, namespace, registry → progress →
// the service in the Targets view → Delete Service… with its modal. Real dockerd, registry and kube-apiserver
// (kwok plays the kubelet, so the replicas become Running without pulling the image).
describe('workbench: deploy the sample project to a cluster', function () {
  this.timeout(900_000);
  let wb: Workbench;
  let kube: KubeTestEnv;
  let docker: DockerEngine;
  let registry: LocalRegistry;
  const namespace = 'e2e-deploy';

  before(async () => {
    kube = await startKubeTestEnv({ controlPlane: true });
    await addKwokNode(kube.kubeConfig);
    docker = startDockerEngine();
    registry = await startLocalRegistry();
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'aks-e2e-deploy-'));
    fs.cpSync((await prepareSample()).dir, path.join(folder, 'sklearn-iris'), { recursive: true });
    fs.mkdirSync(path.join(folder, '.vscode'));
    fs.writeFileSync(path.join(folder, '.vscode/settings.json'), JSON.stringify({
      'aksModel.local.dockerHost': docker.host,
      'aksModel.local.baseImage': docker.baseImage,
      'aksModel.deploy.registries': { [kube.kubeConfig.getCurrentContext()]: registry.address },
    }));
    wb = await openWorkbench(folder, { env: { KUBECONFIG: kube.kubeconfigPath } });
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && wb) await screenshot(wb.page, `failed-${this.currentTest.title.slice(0, 40).replace(/\W+/g, '-')}`);
  });
  after(async () => {
    await wb?.close();
    if (wb) fs.rmSync(wb.folder, { recursive: true, force: true });
    await registry?.stop();
    docker?.stop();
    await kube?.stop();
  });

  // Rows of the Targets view only (Local Models lists a folder of the same name).
  const targetsRow = (label: string | RegExp, text?: RegExp) => {
    const pane = wb.page.locator('.part.sidebar .pane', { has: wb.page.locator('.pane-header', { hasText: /^Targets/i }) });
    const rows = pane.locator('.monaco-list-row', { has: wb.page.locator('.label-name', { hasText: label }) });
    return (text ? rows.filter({ hasText: text }) : rows).first();
  };

  it('deploys from the palette and shows the service, ready, under its cluster', async () => {
    const page = wb.page;
    await runPaletteCommand(page, 'AKS Model Deploy: Deploy to AKS…');
    const quick = page.locator('.quick-input-widget');
    const context = kube.kubeConfig.getCurrentContext();
    await quick.locator('.monaco-list-row', { hasText: context }).first().click();
    const input = quick.locator('input');
    // The namespace step's own prompt: the cluster step's title ("Deploy sklearn-iris") may still be showing.
    await quick.locator('.quick-input-message', { hasText: /^Namespace/ }).waitFor({ timeout: 60_000 });
    await input.fill(namespace);
    await page.keyboard.press('Enter');
    await quick.locator('.quick-input-message', { hasText: /Container registry/ }).waitFor({ timeout: 60_000 });
    await until('the registry to be filled in', async () => (await input.inputValue()) !== '', 10_000).catch(() => undefined);
    assert.equal(await input.inputValue(), registry.address, 'the registry comes from aksModel.deploy.registries');
    await page.keyboard.press('Enter');
    // How callers reach it: "Inside the cluster" comes first (the default exposure), so Enter takes it.
    const exposure = quick.locator('.monaco-list-row', { hasText: 'Inside the cluster' }).first();
    await exposure.waitFor({ timeout: 60_000 });
    assert.match(await quick.locator('.monaco-list-row').first().innerText(), /Inside the cluster/);
    await page.keyboard.press('Enter');
    // Ready, or an error toast (e.g. a push refused): a failed deploy fails the test at once, saying why.
    const ready = page.locator('.notifications-toasts', { hasText: `sklearn-iris is ready in namespace ${namespace}` });
    const failed = page.locator('.notifications-toasts .notification-list-item', { has: page.locator('.codicon-error'), hasText: /Source: AKS Model Deploy/ });
    await ready.or(failed).first().waitFor({ timeout: 600_000 });
    if (!(await ready.isVisible())) assert.fail(`the deploy failed: ${(await failed.first().innerText()).replace(/\s+/g, ' ')}`);

    await showTargetsView(page);
    const cluster = targetsRow(context);
    await cluster.waitFor({ timeout: 60_000 });
    await expandRow(cluster, `the cluster ${context}`);
    const service = targetsRow('sklearn-iris', /1\/1 ready/);
    await service.waitFor({ timeout: 60_000 });
    assert.match(await service.innerText(), /1\/1 ready · 1–4 · \?\/70% · e2e-deploy/);
    await expandRow(service, 'the service sklearn-iris');
    await targetsRow(/^sklearn-iris-/, /Running · ready/).waitFor({ timeout: 60_000 });
    const shot = await screenshot(page, 'e2e-deploy-service-in-tree');
    assert.ok(fs.statSync(shot).size > 10_000, 'the screenshot has content');
    const deployments = await kube.kubeConfig.makeApiClient(AppsV1Api).listNamespacedDeployment({ namespace });
    assert.deepEqual(deployments.items.map((d) => d.metadata?.name), ['sklearn-iris']);
  });

  it('Delete Service… asks in a modal, then removes the service from the cluster and the tree', async () => {
    const page = wb.page;
    await showTargetsView(page);
    const service = targetsRow('sklearn-iris', /ready ·/);
    await service.waitFor({ timeout: 60_000 });
    const dialog = page.locator('.monaco-dialog-box');
    await runContextMenuItem(page, service, 'Delete Service…', dialog.filter({ hasText: /Delete sklearn-iris from namespace e2e-deploy/ }));
    await screenshot(page, 'e2e-deploy-delete-confirm');
    await dialog.locator('.monaco-button', { hasText: /^Delete$/ }).click();
    await targetsRow('No service deployed by AKS Model Deploy').waitFor({ timeout: 60_000 });
    const deployments = await kube.kubeConfig.makeApiClient(AppsV1Api).listNamespacedDeployment({ namespace });
    assert.equal(deployments.items.length, 0);
  });
});
