// Issue 21: opening the container right away on a folder that holds a model must never show "No model folder
// found" in Local Models, not even for one frame before the first scan has finished. Every frame the view
// paints is sampled in the page (requestAnimationFrame from document start), so the assertion is on the DOM text
// of each painted frame, the first one included; screenshots are kept in test-results/.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openWorkbench, screenshot, type Workbench } from '../support/workbench';

interface PaintedState { t: number; text: string }

/** Runs in the page before the workbench: records the Local Models body text of every frame that changes it. */
const recordLocalModelsFrames = `
  window.__aksFrames = [];
  let last;
  const sample = () => {
    for (const header of document.querySelectorAll('.part.sidebar .pane-header h3.title')) {
      if (header.textContent.trim().toLowerCase() !== 'local models') continue;
      const body = header.closest('.pane')?.querySelector('.pane-body');
      const text = body ? body.innerText.trim() : '';
      if (text !== last) {
        last = text;
        window.__aksFrames.push({ t: performance.now(), text });
      }
    }
    requestAnimationFrame(sample);
  };
  requestAnimationFrame(sample);
`;

describe('workbench: Local Models right after opening', function () {
  this.timeout(180_000);
  let wb: Workbench;
  let folder: string;

  before(async () => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'aks-e2e-first-'));
    fs.mkdirSync(path.join(folder, 'iris'));
    fs.writeFileSync(path.join(folder, 'iris', 'score.py'), 'def init():\n    pass\n\ndef run(data):\n    return data\n');
    fs.writeFileSync(path.join(folder, 'iris', 'inferenceconfig.json'), JSON.stringify({ entryScript: 'score.py', runtime: 'python' }));
    wb = await openWorkbench(folder, { initScript: recordLocalModelsFrames });
  });
  after(async () => {
    await wb?.close();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('never paints "No model folder found" for a folder that holds a model, from its first frame on', async () => {
    const page = wb.page;
    // As soon as the icon is there, as a user who opens the view at once (before the first scan is done).
    await page.locator('.part.activitybar [aria-label^="AKS Model Deploy"]').first().click();
    const pane = page.locator('.part.sidebar .pane', { has: page.locator('.pane-header h3.title', { hasText: /^Local Models$/i }) });
    await pane.locator('.pane-body').waitFor();
    await screenshot(page, 'e2e-local-models-first-paint');
    await pane.locator('.monaco-list-row .label-name', { hasText: /^iris$/ }).first().waitFor({ timeout: 60_000 });
    const shot = await screenshot(page, 'e2e-local-models-listed');
    assert.ok(fs.statSync(shot).size > 10_000, 'the screenshot has content');

    const frames = await page.evaluate(() => (window as unknown as { __aksFrames: PaintedState[] }).__aksFrames);
    const seen = frames.map((f) => JSON.stringify(f.text)).join(' → ');
    assert.ok(frames.length > 0, 'no frame of Local Models was recorded');
    assert.ok(!frames[0].text.includes('No model folder found'), `first paint: ${seen}`);
    assert.ok(frames.every((f) => !f.text.includes('No model folder found')), `a frame said there is no model: ${seen}`);
    assert.ok(frames[frames.length - 1].text.includes('iris'), `the model is listed last: ${seen}`);
  });
});

describe('workbench: Local Models on a folder without a model', function () {
  this.timeout(180_000);
  let wb: Workbench;

  before(async () => {
    wb = await openWorkbench(undefined, { initScript: recordLocalModelsFrames });
  });
  after(async () => {
    await wb?.close();
    if (wb) fs.rmSync(wb.folder, { recursive: true, force: true });
  });

  it('says "No model folder found" once the scan has found none, and never before', async () => {
    const page = wb.page;
    await page.locator('.part.activitybar [aria-label^="AKS Model Deploy"]').first().click();
    const pane = page.locator('.part.sidebar .pane', { has: page.locator('.pane-header h3.title', { hasText: /^Local Models$/i }) });
    await pane.getByText('No model folder found', { exact: false }).waitFor({ timeout: 60_000 });
    await screenshot(page, 'e2e-local-models-none');
    const frames = await page.evaluate(() => (window as unknown as { __aksFrames: PaintedState[] }).__aksFrames);
    const seen = frames.map((f) => JSON.stringify(f.text)).join(' → ');
    const first = frames.findIndex((f) => f.text.includes('No model folder found'));
    // Before it: the "looking" state or an empty body, nothing else.
    assert.ok(frames.slice(0, first).every((f) => f.text === '' || f.text.startsWith('Looking for model folders')), seen);
    assert.ok((await pane.innerText()).includes('Create Sample Project'), seen);
  });
});
