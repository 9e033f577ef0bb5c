import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { sampleProjectFiles } from '../../src/core/sampleProject';
import { startKubeTestEnv, type KubeTestEnv } from '../support/kubeTestEnv';
import { addKwokNode } from '../support/kwokNode';
import { deploySampleService } from '../support/sampleService';
import { expandRow, openWorkbench, runPaletteCommand, screenshot, showTargetsView, until, type Workbench } from '../support/workbench';

/** The labels of the context menu a right-click on `row` opens (opened again if a re-render closed it). */
async function contextMenuOf(page: Page, row: Locator, expected: string): Promise<string[]> {
  const menu = page.locator('.context-view .monaco-menu');
  await until(`the context menu of ${await row.innerText()}`, async () => {
    if (await menu.isVisible() && (await menu.locator('.action-label', { hasText: expected }).count()) > 0) return true;
    if (await menu.isVisible()) await page.keyboard.press('Escape');
    await row.click({ button: 'right', timeout: 10_000 }).catch(() => undefined);
    return menu.locator('.action-label', { hasText: expected }).first().waitFor({ timeout: 5_000 }).then(() => true, () => false);
  });
  return (await menu.locator('.action-label').allInnerTexts()).map((t) => t.trim()).filter(Boolean);
}

// Menus follow state: a service row's context menu offers keys on a key-auth service and a token on a token-auth
// one. Both are deployed by the real engine to the real kube-apiserver (kwok as the kubelet), their rows come from
// the Targets view's live watch. Screenshots test-results/e2e-menu-key-auth.png and e2e-menu-token-auth.png.
describe('workbench: a service row\'s context menu follows its auth mode', function () {
  this.timeout(900_000);
  let wb: Workbench;
  let kube: KubeTestEnv;
  const namespace = 'e2e-menus';

  before(async () => {
    kube = await startKubeTestEnv({ controlPlane: true });
    await addKwokNode(kube.kubeConfig);
    await Promise.all([
      deploySampleService(kube.kubeConfig, namespace, 'iris-key', { numReplicas: 1, authEnabled: true }),
      deploySampleService(kube.kubeConfig, namespace, 'iris-token', { numReplicas: 1, authEnabled: false, tokenAuthEnabled: true }),
    ]);
    wb = await openWorkbench(fs.mkdtempSync(path.join(os.tmpdir(), 'aks-e2e-menus-')), { env: { KUBECONFIG: kube.kubeconfigPath } });
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && wb) await screenshot(wb.page, `failed-${this.currentTest.title.slice(0, 40).replace(/\W+/g, '-')}`);
  });
  after(async () => {
    await wb?.close();
    if (wb) fs.rmSync(wb.folder, { recursive: true, force: true });
    await kube?.stop();
  });

  const serviceRow = async (name: string) => {
    const pane = await showTargetsView(wb.page);
    const cluster = pane.locator('.monaco-list-row', { hasText: kube.kubeConfig.getCurrentContext() }).first();
    await expandRow(cluster, 'the cluster');
    const row = pane.locator('.monaco-list-row', { hasText: name }).first();
    await row.waitFor({ timeout: 120_000 });
    return row;
  };

  it('key auth: Copy Primary Key, Copy Secondary Key, Regenerate Key…, and no Copy Token', async () => {
    const labels = await contextMenuOf(wb.page, await serviceRow('iris-key'), 'Copy Primary Key');
    await screenshot(wb.page, 'e2e-menu-key-auth');
    await wb.page.keyboard.press('Escape');
    for (const l of ['Show Status', 'Stream Logs', 'Get Logs…', 'Copy Primary Key', 'Copy Secondary Key', 'Regenerate Key…', 'Delete Service…']) assert.ok(labels.includes(l), `${l} in ${labels.join(', ')}`);
    assert.ok(!labels.includes('Copy Token'), `no Copy Token in ${labels.join(', ')}`);
  });

  it('token auth: Copy Token, and no key commands', async () => {
    const labels = await contextMenuOf(wb.page, await serviceRow('iris-token'), 'Copy Token');
    await screenshot(wb.page, 'e2e-menu-token-auth');
    await wb.page.keyboard.press('Escape');
    for (const l of ['Show Status', 'Stream Logs', 'Copy Token', 'Delete Service…']) assert.ok(labels.includes(l), `${l} in ${labels.join(', ')}`);
    for (const l of ['Copy Primary Key', 'Copy Secondary Key', 'Regenerate Key…']) assert.ok(!labels.includes(l), `no ${l} in ${labels.join(', ')}`);
  });
});

// Every error offers the action that fixes it: Deploy to AKS… with no cluster at all fails with a toast whose
// "Add a Cluster…" button opens the three ways to add one. No kubeconfig exists for this workbench.
describe('workbench: an error toast offers the action that fixes it', function () {
  this.timeout(600_000);
  let wb: Workbench;

  before(async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'aks-e2e-fix-'));
    for (const f of sampleProjectFiles()) {
      fs.mkdirSync(path.dirname(path.join(folder, 'sklearn-iris', f.path)), { recursive: true });
      fs.writeFileSync(path.join(folder, 'sklearn-iris', f.path), f.content);
    }
    fs.mkdirSync(path.join(folder, 'notes'));
    fs.writeFileSync(path.join(folder, 'notes', 'todo.md'), '# not a model\n');
    wb = await openWorkbench(folder, { env: { KUBECONFIG: path.join(folder, 'no-kubeconfig') } });
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && wb) await screenshot(wb.page, `failed-${this.currentTest.title.slice(0, 40).replace(/\W+/g, '-')}`);
  });
  after(async () => {
    await wb?.close();
    if (wb) fs.rmSync(wb.folder, { recursive: true, force: true });
  });

  it('Explorer offers Run Locally, Debug Locally, Deploy to AKS… on a model folder only', async () => {
    const page = wb.page;
    await runPaletteCommand(page, 'View: Show Explorer');
    const row = (name: string) => page.locator('.explorer-folders-view .monaco-list-row', { hasText: name }).first();
    // The model folders' paths reach the menus once the first scan is done: the menu is opened again until then.
    const model = await contextMenuOf(page, row('sklearn-iris'), 'Run Locally');
    await screenshot(page, 'e2e-explorer-model-folder-menu');
    await page.keyboard.press('Escape');
    for (const l of ['Edit Inference Config…', 'Edit Deployment Config…', 'Run Locally', 'Debug Locally', 'Deploy to AKS…']) assert.ok(model.includes(l), `${l} in ${model.join(', ')}`);
    const plain = await contextMenuOf(page, row('notes'), 'Copy Path');
    await page.keyboard.press('Escape');
    for (const l of ['Run Locally', 'Debug Locally', 'Deploy to AKS…', 'Edit Inference Config…']) assert.ok(!plain.includes(l), `no ${l} in ${plain.join(', ')}`);
  });

  it('Deploy to AKS… with no cluster: the toast\'s Add a Cluster… opens the ways to add one', async () => {
    const page = wb.page;
    await runPaletteCommand(page, 'AKS Model Deploy: Deploy to AKS…');
    const toast = page.locator('.notification-toast', { hasText: 'No cluster to pick' });
    await toast.waitFor({ timeout: 120_000 });
    const buttons = (await toast.locator('.monaco-button').allInnerTexts()).map((t) => t.trim());
    assert.deepEqual(buttons.filter(Boolean), ['Add a Cluster…', 'Show Log']);
    await screenshot(page, 'e2e-error-toast-fix-action');
    await toast.locator('.monaco-button', { hasText: 'Add a Cluster…' }).click();
    const quick = page.locator('.quick-input-widget');
    await quick.locator('.monaco-list-row', { hasText: 'Use a Kubeconfig' }).waitFor();
    const rowLocators = await quick.locator('.monaco-list-row').all();
    // Each row's first label is its title (the detail line below it is a label too).
    const rows = await Promise.all(rowLocators.map(async (r) => (await r.locator('.label-name').first().innerText()).trim()));
    assert.deepEqual(rows, ['Use a Kubeconfig', 'Sign in to Azure', 'Read How to Attach AKS']);
    await screenshot(page, 'e2e-error-fix-action-clicked');
    await page.keyboard.press('Escape');
  });

  it('Targets with no cluster shows its welcome: Use a Kubeconfig, Sign in to Azure, how to attach AKS', async () => {
    const pane = await showTargetsView(wb.page);
    const welcome = pane.locator('.welcome-view-content', { hasText: 'No cluster to deploy to yet' });
    await welcome.waitFor({ timeout: 60_000 });
    const links = (await welcome.locator('a, .monaco-button').allInnerTexts()).map((t) => t.trim()).filter(Boolean);
    for (const l of ['Use a Kubeconfig', 'Sign in to Azure', 'Read how to attach AKS']) assert.ok(links.includes(l), `${l} in ${links.join(', ')}`);
    await screenshot(wb.page, 'e2e-targets-no-cluster-welcome');
  });
});
