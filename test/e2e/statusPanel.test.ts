import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AutoscalingV2Api } from '@kubernetes/client-node';
import { startKubeTestEnv, type KubeTestEnv } from '../support/kubeTestEnv';
import { addKwokNode } from '../support/kwokNode';
import { autoscaled, deploySampleService } from '../support/sampleService';
import { openWorkbench, runPaletteCommand, screenshot, setColorTheme, webviewFrame, type Workbench } from '../support/workbench';

// The autoscaling status panel in Chromium while the replicas change: a service deployed by the engine on the real
// kube-apiserver (controller-manager with the HPA controller, scheduler, kwok as the kubelet), opened from the
// palette through the cluster and service quick picks; the HPA's minimum is raised and the panel and its chart
// follow. Screenshots in the Dark and Light themes.
describe('workbench: the status panel follows a service while its replicas change', function () {
  this.timeout(900_000);
  let wb: Workbench;
  let kube: KubeTestEnv;
  const namespace = 'e2e-status';
  const service = 'iris-status';

  before(async () => {
    kube = await startKubeTestEnv({ controlPlane: true });
    await addKwokNode(kube.kubeConfig);
    await deploySampleService(kube.kubeConfig, namespace, service, autoscaled(1, 4));
    wb = await openWorkbench(fs.mkdtempSync(path.join(os.tmpdir(), 'aks-e2e-status-')), { env: { KUBECONFIG: kube.kubeconfigPath } });
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && wb) await screenshot(wb.page, `failed-${this.currentTest.title.slice(0, 40).replace(/\W+/g, '-')}`);
  });
  after(async () => {
    await wb?.close();
    if (wb) fs.rmSync(wb.folder, { recursive: true, force: true });
    await kube?.stop();
  });

  it('Show Status from the palette: replicas, autoscaler and chart, then a scale-up from 1 to 3, in both themes', async () => {
    const page = wb.page;
    await setColorTheme(wb, 'Dark Modern');
    await runPaletteCommand(page, 'AKS Model Deploy: Show Status');
    const quick = page.locator('.quick-input-widget');
    await quick.locator('.monaco-list-row', { hasText: kube.kubeConfig.getCurrentContext() }).first().click();
    await quick.locator('.monaco-list-row', { hasText: service }).first().click();

    const view = webviewFrame(page);
    const field = (name: string) => view.locator(`[data-field="${name}"]`);
    await field('ready').filter({ hasText: /^1$/ }).waitFor({ timeout: 60_000 });
    assert.equal(await field('current').innerText(), '1');
    assert.equal(await field('min').innerText(), '1');
    assert.equal(await field('max').innerText(), '4');
    assert.equal(await field('util-target').innerText(), '70%');
    assert.equal(await view.locator('[data-live]').innerText(), 'live');
    assert.match(await view.locator('[data-summary]').innerText(), /^1\/1 ready · 1–4 · /);
    await view.locator('[data-condition]').first().waitFor({ timeout: 60_000 });
    const pointsBefore = Number(await view.locator('svg[data-chart-points]').getAttribute('data-chart-points'));
    await screenshot(page, 'status-panel-dark-1-replica');

    const autoscaling = kube.kubeConfig.makeApiClient(AutoscalingV2Api);
    const hpa = await autoscaling.readNamespacedHorizontalPodAutoscaler({ name: service, namespace });
    hpa.spec!.minReplicas = 3;
    await autoscaling.replaceNamespacedHorizontalPodAutoscaler({ name: service, namespace, body: hpa });

    // The HPA's currentReplicas (the "current" figure) may trail the Deployment's ready count by one HPA sync.
    await view.locator('[data-summary]').filter({ hasText: /^3\/3 ready · 3–4 · / }).waitFor({ timeout: 90_000 });
    assert.equal(await field('ready').innerText(), '3');
    assert.equal(await field('current').innerText(), '3');
    assert.equal(await field('min').innerText(), '3');
    assert.equal(await field('desired').innerText(), '3');
    const pointsAfter = Number(await view.locator('svg[data-chart-points]').getAttribute('data-chart-points'));
    assert.ok(pointsAfter > pointsBefore, `the chart gained points (${pointsBefore} → ${pointsAfter})`);
    assert.equal(await view.locator('tr[data-pod]').count(), 3);
    assert.ok(await view.locator('tr[data-event]').count() > 0, 'recent events are listed');
    const dark = await screenshot(page, 'status-panel-dark-3-replicas');
    assert.ok(fs.statSync(dark).size > 10_000, 'the screenshot has content');

    await setColorTheme(wb, 'Light Modern');
    await field('ready').filter({ hasText: /^3$/ }).waitFor();
    await screenshot(page, 'status-panel-light-3-replicas');
  });
});
