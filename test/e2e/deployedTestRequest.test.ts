import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_AUTH_PROXY_IMAGE } from '../../src/core/manifests/names';
import { deployService } from '../../src/kube/deploy';
import { prepareSample } from '../integration/local/sampleModel';
import { startDockerEngine, type DockerEngine } from '../support/dockerEngine';
import { startKubeTestEnv, type KubeTestEnv } from '../support/kubeTestEnv';
import { startLocalRegistry, type LocalRegistry } from '../support/localRegistry';
import { planSample, publishSample } from '../support/realNodeHelpers';
import { expandRow, openWorkbench, runContextMenuItem, screenshot, showTargetsView, webviewFrame, type Workbench } from '../support/workbench';

// A deployed model called from the Targets view, on the real node (kube-testenv --node: containerd, runc, the real
// kubelet): Send Test Request on the service row goes through the port-forward and shows status, time and body in
// the one reused result view; Consume shows the scoring URI, auth mode, snippets and schema. Auth off (the auth
// proxy's image cannot be pulled here).
describe('workbench: call a model deployed on the real node (Send Test Request, Consume)', function () {
  this.timeout(1_200_000);
  let wb: Workbench;
  let kube: KubeTestEnv;
  let docker: DockerEngine;
  let registry: LocalRegistry;
  const namespace = 'e2e-call';
  let service = '';

  before(async () => {
    kube = await startKubeTestEnv({ node: true });
    docker = startDockerEngine();
    registry = await startLocalRegistry();
    kube.node!.trustPlainHttpRegistry(registry.address);
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'aks-e2e-call-'));
    const dir = path.join(folder, 'sklearn-iris');
    fs.cpSync((await prepareSample()).dir, dir, { recursive: true });
    const planned = planSample(dir, docker.baseImage, false);
    service = planned.plan.serviceName;
    const image = await publishSample(planned.spec, registry.address, docker.host, fs.mkdtempSync(path.join(os.tmpdir(), 'aks-e2e-call-build-')));
    for await (const step of deployService(kube.kubeConfig, { plan: planned.plan, serviceName: service, namespace, image, authProxyImage: DEFAULT_AUTH_PROXY_IMAGE, createNamespace: true }, { timeoutMs: 600_000 })) void step;
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

  const targetsRow = (label: string | RegExp, text?: RegExp) => {
    const pane = wb.page.locator('.part.sidebar .pane', { has: wb.page.locator('.pane-header', { hasText: /^Targets/i }) });
    const rows = pane.locator('.monaco-list-row', { has: wb.page.locator('.label-name', { hasText: label }) });
    return (text ? rows.filter({ hasText: text }) : rows).first();
  };

  async function serviceRow() {
    const page = wb.page;
    await showTargetsView(page);
    const context = kube.kubeConfig.getCurrentContext();
    const cluster = targetsRow(context);
    await cluster.waitFor({ timeout: 60_000 });
    await expandRow(cluster, `the cluster ${context}`);
    const row = targetsRow(service, /1\/1 ready/);
    await row.waitFor({ timeout: 120_000 });
    return row;
  }

  it('Send Test Request on the service row: 200 with the predictions in the one reused result view', async () => {
    const page = wb.page;
    const row = await serviceRow();
    const tab = page.locator('.tabs-container .tab', { hasText: 'Test Request Result.log' });
    const editorText = page.locator('.editor-group-container.active .monaco-editor .view-lines');
    await runContextMenuItem(page, row, 'Send Test Request', tab, 180_000);
    // Monaco renders spaces as no-break spaces: \s in the patterns, and the read text normalized.
    await editorText.filter({ hasText: /POST\s+http:\/\/sklearn-iris\.e2e-call\.svc\.cluster\.local\/score/ }).waitFor({ timeout: 120_000 });
    await editorText.filter({ hasText: /200\s+in\s+\d+\s+ms/ }).waitFor({ timeout: 60_000 });
    const text = (await editorText.innerText()).replace(/\u00a0/g, ' ');
    assert.match(text, /via port-forward to pod sklearn-iris-/, text);
    assert.match(text, /"predictions": \[\s*0,\s*2\s*\]/, text);
    const shot = await screenshot(page, 'e2e-deployed-test-request');
    assert.ok(fs.statSync(shot).size > 10_000, 'the screenshot has content');

    // Again: the same view shows the new answer (its first line carries the time it was sent); no second tab, no
    // untitled document.
    const firstLine = text.split('\n')[0];
    assert.match(firstLine, /\(\S+\.\d{3}\)$/, firstLine);
    const updated = editorText.filter({ hasText: /200\s+in\s+\d+\s+ms/ }).filter({ hasNotText: firstLine });
    await runContextMenuItem(page, row, 'Send Test Request', updated, 180_000);
    assert.equal(await page.locator('.tabs-container .tab', { hasText: 'Test Request Result.log' }).count(), 1);
    assert.equal(await page.locator('.tabs-container .tab', { hasText: /^Untitled/ }).count(), 0);
  });

  it('Consume: scoring URI, auth mode, snippets with the URI, and the schema section', async () => {
    const page = wb.page;
    const row = await serviceRow();
    const view = webviewFrame(page);
    const heading = view.locator('h1', { hasText: `Consume ${service}` });
    await runContextMenuItem(page, row, 'Consume', page.locator('.tabs-container .tab', { hasText: `Consume: ${service}` }), 180_000);
    await heading.waitFor({ timeout: 120_000 });
    const uri = `http://${service}.${namespace}.svc.cluster.local/score`;
    assert.equal(await view.locator('.uri-row code').first().innerText(), uri);
    assert.equal(await view.locator('[data-auth]').getAttribute('data-auth'), 'none');
    const curl = await view.locator('pre[data-snippet="curl"]').innerText();
    assert.ok(curl.includes(`curl -X POST '${uri}'`), curl);
    assert.doesNotMatch(curl, /Authorization/);
    await view.locator('[data-schema]').waitFor();
    const shot = await screenshot(page, 'e2e-deployed-consume');
    assert.ok(fs.statSync(shot).size > 10_000, 'the screenshot has content');
  });
});
