// Issue 15: webviews kept no state. A hidden panel's page is unloaded and loads again when shown: unsaved input was
// lost, and after Save the page started from the state the panel opened with. Real code-server + Chromium.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sampleProjectFiles } from '../../src/core/sampleProject';
import { openWorkbench, runPaletteCommand, screenshot, until, webviewFrame, type Workbench } from '../support/workbench';

describe('workbench: a panel keeps its state across hide and show', function () {
  this.timeout(240_000);
  let wb: Workbench;
  let model: string;

  before(async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'aks-e2e-panel-'));
    model = path.join(folder, 'sklearn-iris');
    for (const f of sampleProjectFiles()) {
      fs.mkdirSync(path.dirname(path.join(model, f.path)), { recursive: true });
      fs.writeFileSync(path.join(model, f.path), f.content);
    }
    wb = await openWorkbench(folder);
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && wb) await screenshot(wb.page, `failed-${this.currentTest.title.slice(0, 40).replace(/\W+/g, '-')}`);
  });
  after(async () => {
    await wb?.close();
    if (wb) fs.rmSync(wb.folder, { recursive: true, force: true });
  });

  const field = (p: string) => webviewFrame(wb.page).locator(`vscode-textfield[data-path="${p}"] input`);
  const wizardTab = () => wb.page.locator('.tabs-container .tab', { hasText: /Deployment Config/ });

  /** Hides the wizard behind a new editor in its group, then shows it again by its tab. */
  async function hideAndShow(): Promise<void> {
    await runPaletteCommand(wb.page, 'File: New Untitled Text File');
    await until('the wizard to be hidden', async () => !(await wizardTab().first().evaluate((e) => e.classList.contains('active'))));
    await wizardTab().first().click();
    await webviewFrame(wb.page).locator('[data-status]').filter({ hasText: /No errors|error|warning/ }).waitFor({ timeout: 60_000 });
  }

  it('unsaved input is still there after the panel was hidden and shown', async () => {
    await runPaletteCommand(wb.page, 'AKS Model Deploy: Edit Deployment Config…');
    const status = webviewFrame(wb.page).locator('[data-status]');
    await status.filter({ hasText: /No errors/ }).waitFor({ timeout: 60_000 });
    assert.equal(await field('autoScaler.maxReplicas').inputValue(), '4', 'loaded from deploymentconfig.json');
    await field('autoScaler.maxReplicas').fill('7');
    await status.filter({ hasText: /No errors/ }).waitFor();

    await hideAndShow();
    assert.equal(await field('autoScaler.maxReplicas').inputValue(), '7', 'the unsaved value survived the hide and show');
    await screenshot(wb.page, 'e2e-panel-state-restored');
    assert.match(fs.readFileSync(path.join(model, 'deploymentconfig.json'), 'utf8'), /"maxReplicas": 4/, 'nothing was saved');
  });

  it('after Save, a hide and show shows the saved values (read again), not the ones the panel opened with', async () => {
    await webviewFrame(wb.page).locator('vscode-button[data-action="save"]').click();
    await webviewFrame(wb.page).locator('[data-status]').filter({ hasText: /Saved/ }).waitFor();
    assert.match(fs.readFileSync(path.join(model, 'deploymentconfig.json'), 'utf8'), /"maxReplicas": 7/);
    // Save shows the file beside the wizard; bring the wizard back to the front of its group first.
    await wizardTab().first().click();
    await hideAndShow();
    assert.equal(await field('autoScaler.maxReplicas').inputValue(), '7');
  });

  it('a misspelled key written meanwhile is listed on the next show; Rename then Save leaves one key', async () => {
    const file = path.join(model, 'deploymentconfig.json');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('"maxReplicas": 7', '"maxReplica": 9,\n    "maxReplicas": 7'));
    await hideAndShow();
    const view = webviewFrame(wb.page);
    const row = view.locator('[data-unknown="autoScaler.maxReplica"]');
    await row.waitFor({ timeout: 60_000 });
    await screenshot(wb.page, 'e2e-wizard-unknown-key');
    await row.locator('vscode-button[data-unknown-action="rename"]').click();
    await view.locator('[data-unknown-note="autoScaler.maxReplica"]').filter({ hasText: /renamed/ }).waitFor();
    assert.equal(await field('autoScaler.maxReplicas').inputValue(), '7', 'a value already in the field is kept');
    await view.locator('[data-status]').filter({ hasText: /No errors/ }).waitFor({ timeout: 60_000 });
    await view.locator('vscode-button[data-action="save"]').click();
    await view.locator('[data-status]').filter({ hasText: /Saved/ }).waitFor();
    const text = fs.readFileSync(file, 'utf8');
    assert.match(text, /"maxReplicas": 7/);
    assert.doesNotMatch(text, /"maxReplica"/, text);
  });
});
