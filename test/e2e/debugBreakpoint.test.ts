import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { cacheRoot, prepareSample, runBodyLine } from '../integration/local/sampleModel';
import { startDockerEngine, type DockerEngine } from '../support/dockerEngine';
import { openWorkbench, runPaletteCommand, screenshot, type Workbench } from '../support/workbench';

// Breakpoints in score.py as a user sets them: F9 in the editor, Debug Locally, Send Test Request, the editor
// stops on that line with the request in the Variables view, F5, the answer. This code-server has no Python
// Debugger extension, so the extension's own `aksModel-python` debug type does the attaching. The workspace sits
// at a fixed path so the project's venv and image (keyed by folder) are built once per machine.
describe('workbench: a breakpoint in score.py stops Debug Locally (no Python extension)', function () {
  this.timeout(900_000);
  const root = path.join(cacheRoot, 'e2e-debug');
  const ws = path.join(root, 'ws');
  const project = path.join(ws, 'sklearn-iris');
  let wb: Workbench;
  let docker: DockerEngine;
  let line = 0;

  before(async () => {
    docker = startDockerEngine();
    const sample = await prepareSample();
    fs.rmSync(ws, { recursive: true, force: true });
    fs.cpSync(sample.dir, project, { recursive: true });
    // The line after `rows = np.array(...)`: raw_data and rows hold the request's data there.
    line = runBodyLine(project) + 1;
    fs.mkdirSync(path.join(ws, '.vscode'));
    fs.writeFileSync(path.join(ws, '.vscode/settings.json'), JSON.stringify({
      'aksModel.local.storageDir': path.join(root, 'storage'),
      'aksModel.local.dockerHost': docker.host,
      'aksModel.local.baseImage': docker.baseImage,
      // The debug views must not race the toasts for the sidebar.
      'debug.openDebug': 'openOnSessionStart',
    }));
    wb = await openWorkbench(ws);
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && wb) await screenshot(wb.page, `failed-${this.currentTest.title.slice(0, 40).replace(/\W+/g, '-')}`);
    if (wb) await stopEverything(wb.page);
  });
  after(async () => {
    await wb?.close();
  });

  it('sets a breakpoint on a line of run() with F9', async () => {
    const page = wb.page;
    await runPaletteCommand(page, 'Go to File...');
    await page.locator('.quick-input-widget input').fill('sklearn-iris/score.py');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'score.py' }).first().waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.tabs-container .tab.active', { hasText: 'score.py' }).waitFor();
    await runPaletteCommand(page, 'Go to Line/Column...');
    await page.locator('.quick-input-widget input').fill(`:${line}`);
    await page.keyboard.press('Enter');
    await page.locator('.editor-instance .monaco-editor.focused').waitFor();
    await page.keyboard.press('F9');
    const glyph = page.locator('.editor-instance .margin-view-overlays .codicon-debug-breakpoint, .editor-instance .glyph-margin-widgets .codicon-debug-breakpoint').first();
    await glyph.waitFor();
    assert.equal(await lineAt(page, glyph), line, 'the breakpoint sits on the line F9 was pressed on');
  });

  for (const mode of ['process', 'docker'] as const) {
    it(`stops on the breakpoint with the request's data, then continues and answers (${mode})`, async () => {
      const page = wb.page;
      await runPaletteCommand(page, 'AKS Model Deploy: Debug Locally');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: mode === 'process' ? 'Process' : 'Docker' }).first().click();
      // Attached: the debug toolbar shows once the session runs (Docker mode builds the image first).
      // A failed start shows an error toast instead: fail with its text rather than wait for the ceiling.
      const failed = page.locator('.notification-toast', { has: page.locator('.codicon-error') }).first();
      await page.locator('.debug-toolbar').or(failed).first().waitFor({ timeout: 600_000 });
      if (await failed.isVisible()) assert.fail(`Debug Locally (${mode}) failed: ${await failed.innerText()}`);
      // The toast that follows the attach names this run's URL: the answer must come from this service.
      const serving = page.locator('.notification-toast', { hasText: new RegExp(`serving on http://127\\.0\\.0\\.1:\\d+\\s+\\(${mode}\\)`) }).first();
      await serving.waitFor({ timeout: 60_000 });
      const url = /http:\/\/127\.0\.0\.1:\d+/.exec(await serving.innerText())![0];
      await runPaletteCommand(page, 'AKS Model Deploy: Send Test Request');

      // The editor shows score.py stopped on the line: the top-frame arrow in the margin, the line highlighted.
      const frameGlyph = page.locator('.editor-instance .codicon-debug-stackframe').first();
      await frameGlyph.waitFor({ timeout: 120_000 });
      await page.locator('.tabs-container .tab.active', { hasText: 'score.py' }).waitFor();
      await page.locator('.editor-instance .debug-top-stack-frame-line').first().waitFor();
      assert.equal(await lineAt(page, frameGlyph), line, 'the editor stopped on the breakpoint line');
      const callStack = paneRows(page, 'Call Stack');
      await callStack.filter({ hasText: 'run' }).filter({ hasText: `${line}:` }).first().waitFor();
      // The request's data in the Variables view (Locals are expanded).
      const variables = paneRows(page, 'Variables');
      const rawData = variables.filter({ hasText: 'raw_data' }).first();
      await rawData.waitFor();
      assert.match(await rawData.innerText(), /"data"[\s\S]*5\.1/);
      assert.match(await variables.filter({ hasText: /^rows/ }).first().innerText(), /5\.1/);
      await screenshot(page, `e2e-debug-stopped-${mode}`);

      // F5 continues: the answer opens beside the editor.
      await page.locator('.editor-instance .monaco-editor').first().click();
      await page.keyboard.press('F5');
      await frameGlyph.waitFor({ state: 'detached' });
      // (the editor renders spaces as no-break spaces, which \s matches)
      const answer = page.locator('.editor-instance .monaco-editor .view-lines', { hasText: new RegExp(`${url.replace(/\./g, '\\.')}/score[\\s\\S]*200\\s+in\\s+\\d+\\s+ms`) }).first();
      await answer.waitFor({ timeout: 60_000 });
      assert.match(await answer.innerText(), /"predictions"/);
      await screenshot(page, `e2e-debug-continued-${mode}`);
    });
  }

  /** Ends the debug session and the local service, so the next mode (and the next run) starts clean. */
  async function stopEverything(page: Page): Promise<void> {
    if (await page.locator('.debug-toolbar').isVisible()) {
      await runPaletteCommand(page, 'Debug: Disconnect').catch(() => runPaletteCommand(page, 'Debug: Stop'));
      await page.locator('.debug-toolbar').waitFor({ state: 'hidden', timeout: 30_000 }).catch(() => undefined);
    }
    // Its status-bar item shows while the service runs.
    if (await page.locator('.part.statusbar .statusbar-item', { hasText: /sklearn-iris (process|docker)/ }).count()) {
      await runPaletteCommand(page, 'AKS Model Deploy: Stop Local Service');
      await page.locator('.part.statusbar .statusbar-item', { hasText: /sklearn-iris (process|docker)/ }).waitFor({ state: 'detached', timeout: 60_000 });
    }
  }
});

/** The rows of a sidebar pane (Run and Debug: Variables, Call Stack...). */
function paneRows(page: Page, title: string) {
  const pane = page.locator('.part.sidebar .pane', { has: page.locator('.pane-header', { hasText: new RegExp(`^${title}`, 'i') }) });
  return pane.locator('.monaco-list-row');
}

/** The editor line number printed level with a margin decoration (what the user sees next to it). */
async function lineAt(page: Page, decoration: ReturnType<Page['locator']>): Promise<number> {
  const box = await decoration.boundingBox();
  if (!box) throw new Error('the decoration is not visible');
  const mid = box.y + box.height / 2;
  const numbers = page.locator('.editor-instance .margin-view-overlays .line-numbers');
  for (const n of await numbers.all()) {
    const b = await n.boundingBox();
    if (b && mid >= b.y && mid < b.y + b.height) return Number((await n.innerText()).trim());
  }
  throw new Error(`no line number level with y=${mid}`);
}
