import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseDeploymentConfig, parseInferenceConfig } from '../../src/core/config';
import { sampleProjectFiles } from '../../src/core/sampleProject';
import { openWorkbench, runPaletteCommand, screenshot, setColorTheme, webviewFrame, type Workbench } from '../support/workbench';

describe('workbench: the config wizards', function () {
  this.timeout(240_000);
  let wb: Workbench;
  let model: string;

  before(async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'aks-e2e-wizard-'));
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

  it('deployment wizard: loads the file, shows a live error, plans capacity, saves a file that validates', async () => {
    await setColorTheme(wb, 'Light Modern');
    await runPaletteCommand(wb.page, 'AKS Model Deploy: Edit Deployment Config…');
    const view = webviewFrame(wb.page);
    const status = view.locator('[data-status]');
    await status.filter({ hasText: /No errors/ }).waitFor({ timeout: 60_000 });
    const field = (p: string) => view.locator(`vscode-textfield[data-path="${p}"] input`);
    assert.equal(await field('autoScaler.maxReplicas').inputValue(), '4', 'loaded from deploymentconfig.json');

    await field('autoScaler.minReplicas').fill('9');
    await view.locator('[data-field="autoScaler.minReplicas"] .message.error').waitFor();
    await status.filter({ hasText: /error/ }).waitFor();
    assert.equal(await view.locator('vscode-button[data-action="save"]').getAttribute('disabled'), '', 'Save is disabled while errors exist');
    await view.locator('[data-field="autoScaler.minReplicas"]').scrollIntoViewIfNeeded();
    await screenshot(wb.page, 'wizard-deployment-light-error');

    await field('autoScaler.minReplicas').fill('2');
    await view.locator('vscode-textfield[data-planner="rps"] input').fill('20');
    await view.locator('vscode-textfield[data-planner="seconds"] input').fill('1');
    const result = view.locator('[data-planner="result"]');
    await result.filter({ hasText: '29' }).waitFor();
    await view.locator('vscode-button[data-planner="apply"]').click();
    assert.equal(await field('autoScaler.maxReplicas').inputValue(), '29');
    await status.filter({ hasText: /No errors/ }).waitFor();
    await view.locator('vscode-button[data-action="save"]').click();
    await status.filter({ hasText: /Saved/ }).waitFor();

    const text = fs.readFileSync(path.join(model, 'deploymentconfig.json'), 'utf8');
    const parsed = parseDeploymentConfig(text, { fileName: path.join(model, 'deploymentconfig.json') });
    assert.deepEqual(parsed.problems.filter((p) => p.severity === 'error'), []);
    assert.equal(parsed.config?.autoScaler.minReplicas, 2);
    assert.equal(parsed.config?.autoScaler.maxReplicas, 29);
    await setColorTheme(wb, 'Dark Modern');
    await screenshot(wb.page, 'wizard-deployment-dark');
  });

  it('inference wizard: a missing entry script is an error at its field; a real one saves', async () => {
    await runPaletteCommand(wb.page, 'AKS Model Deploy: Edit Inference Config…');
    const view = webviewFrame(wb.page);
    const status = view.locator('[data-status]');
    const entry = view.locator('vscode-textfield[data-path="entryScript"] input');
    await entry.waitFor({ timeout: 60_000 });
    assert.equal(await entry.inputValue(), 'score.py');
    await entry.fill('missing.py');
    await view.locator('[data-field="entryScript"] .message.error', { hasText: /does not exist/ }).waitFor();
    await view.locator('[data-field="entryScript"]').scrollIntoViewIfNeeded();
    await screenshot(wb.page, 'wizard-inference-dark-error');
    await entry.fill('train.py');
    await view.locator('vscode-textfield[data-path="description"] input').fill('Iris classifier');
    await status.filter({ hasText: /No errors/ }).waitFor();
    await view.locator('vscode-button[data-action="save"]').click();
    await status.filter({ hasText: /Saved/ }).waitFor();
    const file = path.join(model, 'inferenceconfig.json');
    const parsed = parseInferenceConfig(fs.readFileSync(file, 'utf8'), { fileName: file, fileExists: fs.existsSync });
    assert.deepEqual(parsed.problems.filter((p) => p.severity === 'error'), []);
    assert.equal(parsed.config?.entryScript, 'train.py');
    assert.equal(JSON.parse(fs.readFileSync(file, 'utf8')).description, 'Iris classifier');
    await setColorTheme(wb, 'Light Modern');
    await screenshot(wb.page, 'wizard-inference-light');
  });
});
