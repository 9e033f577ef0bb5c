import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_AUTH_PROXY_IMAGE } from '../../src/core/manifests/names';
import { deployService } from '../../src/kube/deploy';
import { prepareSample, type SampleModel } from '../integration/local/sampleModel';
import { planAutoscaledSample } from '../support/autoscaleSample';
import { startDockerEngine, type DockerEngine } from '../support/dockerEngine';
import { startKubeTestEnv, type KubeTestEnv } from '../support/kubeTestEnv';
import { startLocalRegistry, type LocalRegistry } from '../support/localRegistry';
import { publishSample, type PlannedSample } from '../support/realNodeHelpers';
import { startScoreLoad, type ScoreLoad } from '../support/scoreLoad';
import { expandRow, openWorkbench, runPaletteCommand, screenshot, showTargetsView, webviewFrame, type Workbench } from '../support/workbench';

// A real scale-up seen in the workbench: the sample's real image on kube-testenv's real node, its HPA fed by the
// real metrics-server, CPU load on /score through the API server's service proxy. The status panel (figures,
// utilization from real metrics, the chart) and the Targets tree follow the HPA from 1 to 3 replicas; the chart is
// captured during the scale-up.
describe('workbench: the status panel and the tree follow a real HPA scale-up on the real node', function () {
  this.timeout(1_800_000);
  let wb: Workbench;
  let kube: KubeTestEnv;
  let docker: DockerEngine;
  let registry: LocalRegistry;
  let sample: SampleModel;
  let planned: PlannedSample;
  let load: ScoreLoad | undefined;
  const namespace = 'e2e-autoscale';

  before(async () => {
    // The service proxy needs EndpointSlices of the model's Service: kube-testenv's endpointslice controller makes them.
    kube = await startKubeTestEnv({ metricsServer: true });
    docker = startDockerEngine();
    registry = await startLocalRegistry();
    kube.node!.trustPlainHttpRegistry(registry.address);
    sample = await prepareSample();
    planned = planAutoscaledSample(sample.dir, docker.baseImage);
    const storageDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aks-e2e-autoscale-'));
    const image = await publishSample(planned.spec, registry.address, docker.host, storageDir);
    const service = planned.plan.serviceName;
    const progress = deployService(kube.kubeConfig, { plan: planned.plan, serviceName: service, namespace, image, authProxyImage: DEFAULT_AUTH_PROXY_IMAGE, createNamespace: true }, { timeoutMs: 600_000 });
    for await (const step of progress) void step;
    wb = await openWorkbench(fs.mkdtempSync(path.join(os.tmpdir(), 'aks-e2e-autoscale-wb-')), { env: { KUBECONFIG: kube.kubeconfigPath } });
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && wb) await screenshot(wb.page, `failed-${this.currentTest.title.slice(0, 40).replace(/\W+/g, '-')}`);
  });
  after(async () => {
    await load?.stop();
    await wb?.close();
    if (wb) fs.rmSync(wb.folder, { recursive: true, force: true });
    await registry?.stop();
    await kube?.stop();
  });

  it('Show Status and the Targets tree: 1 replica idle, then real load on /score scales it to 3 (chart captured mid-scale-up)', async () => {
    const page = wb.page;
    const service = planned.plan.serviceName;
    const context = kube.kubeConfig.getCurrentContext();

    // The tree: the service under its cluster, with the HPA's range and target.
    await showTargetsView(page);
    const pane = page.locator('.part.sidebar .pane', { has: page.locator('.pane-header', { hasText: /^Targets/i }) });
    const targetsRow = (label: string, text: RegExp) => pane.locator('.monaco-list-row', { has: page.locator('.label-name', { hasText: label }) }).filter({ hasText: text }).first();
    const cluster = pane.locator('.monaco-list-row', { has: page.locator('.label-name', { hasText: context }) }).first();
    await cluster.waitFor({ timeout: 60_000 });
    await expandRow(cluster, `the cluster ${context}`);
    await targetsRow(service, /1\/1 ready · 1–3 · /).waitFor({ timeout: 120_000 });

    await runPaletteCommand(page, 'AKS Model Deploy: Show Status');
    const quick = page.locator('.quick-input-widget');
    await quick.locator('.monaco-list-row', { hasText: context }).first().click();
    await quick.locator('.monaco-list-row', { hasText: service }).first().click();
    const view = webviewFrame(page);
    const field = (name: string) => view.locator(`[data-field="${name}"]`);
    // Idle, with a real utilization figure from metrics-server (not "–").
    await field('util-current').filter({ hasText: /^\d+%$/ }).waitFor({ timeout: 300_000 });
    assert.equal(await field('current').innerText(), '1');
    assert.equal(await field('max').innerText(), '3');
    assert.equal(await field('util-target').innerText(), '30%');
    assert.ok(Number((await field('util-current').innerText()).replace('%', '')) < 30, 'idle utilization under the target');
    await screenshot(page, 'e2e-autoscale-idle');

    load = await startScoreLoad(kube.kubeConfig, { namespace, servicePort: `${service}:http`, body: sample.request, concurrency: 3, maxDurationMs: 900_000 });
    // Mid-scale-up: the HPA wants more replicas than are ready yet; utilization is over the target.
    await field('desired').filter({ hasText: /^[23]$/ }).waitFor({ timeout: 300_000 });
    const over = Number((await field('util-current').innerText()).replace('%', ''));
    const mid = await screenshot(page, 'e2e-autoscale-status-chart-scaling-up');
    assert.ok(fs.statSync(mid).size > 10_000, 'the screenshot has content');
    await view.locator('[data-summary]').filter({ hasText: /^3\/3 ready · 1–3 · / }).waitFor({ timeout: 600_000 });
    assert.equal(await field('current').innerText(), '3');
    assert.equal(await field('desired').innerText(), '3');
    assert.equal(await view.locator('tr[data-pod]').count(), 3);
    assert.ok(Number(await view.locator('svg[data-chart-points]').getAttribute('data-chart-points')) >= 2, 'the chart has the scale-up');
    const utilization = Number((await field('util-current').innerText()).replace('%', ''));
    assert.ok(Math.max(over, utilization) > 30, `utilization over the target during the scale-up (${over}%, ${utilization}%)`);
    await screenshot(page, 'e2e-autoscale-status-chart-3-replicas');
    const result = await load.stop();
    load = undefined;
    assert.equal(result.failed, 0, result.errors.join('\n'));

    // The tree follows too.
    await showTargetsView(page);
    await targetsRow(service, /3\/3 ready · 1–3 · /).waitFor({ timeout: 120_000 });
    await screenshot(page, 'e2e-autoscale-tree-3-replicas');
  });
});
