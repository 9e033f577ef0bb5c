import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { openWorkbench, runPaletteCommand, screenshot, showTargetsView, sidebarLabels, type Workbench } from '../support/workbench';

describe('workbench: the AKS Model Deploy container', function () {
  this.timeout(180_000);
  let wb: Workbench;

  before(async () => {
    wb = await openWorkbench();
  });
  after(async () => {
    await wb?.close();
    if (wb) fs.rmSync(wb.folder, { recursive: true, force: true });
  });

  it('shows the three views behind its activity-bar icon', async () => {
    await showTargetsView(wb.page);
    const headers = wb.page.locator('.part.sidebar .pane-header h3.title');
    await headers.filter({ hasText: 'Targets' }).waitFor();
    const titles = (await headers.allInnerTexts()).map((t) => t.trim().toUpperCase());
    for (const v of ['AZURE ML WORKSPACES', 'LOCAL MODELS', 'TARGETS']) assert.ok(titles.includes(v), `views: ${titles.join(', ')}`);
    await wb.page.locator('.part.sidebar .monaco-list-row .label-name', { hasText: 'Local' }).first().waitFor();
  });

  it('creates the sample project from the command palette and lists it', async () => {
    await runPaletteCommand(wb.page, 'AKS Model Deploy: Create Sample Project');
    const pick = wb.page.locator('.quick-input-widget .monaco-list-row', { hasText: path.basename(wb.folder) });
    await pick.first().waitFor();
    await wb.page.keyboard.press('Enter');
    await wb.page.locator('.part.sidebar .monaco-list-row .label-name', { hasText: 'sklearn-iris' }).first().waitFor({ timeout: 30_000 });
    assert.ok((await sidebarLabels(wb.page)).includes('sklearn-iris'));
    assert.ok(fs.existsSync(path.join(wb.folder, 'sklearn-iris', 'score.py')));
    const shot = await screenshot(wb.page, 'e2e-sample-project');
    assert.ok(fs.statSync(shot).size > 10_000, 'the screenshot has content');
  });
});
