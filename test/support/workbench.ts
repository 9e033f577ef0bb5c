// A code-server workbench in Chromium with this extension loaded, for e2e tests and screenshots.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, repoRoot, startCodeServer, type CodeServer } from './codeServer';

export const RESULTS_DIR = path.join(repoRoot, 'test-results');

export interface Workbench {
  readonly page: Page;
  readonly folder: string;
  close(): Promise<void>;
}

export async function openWorkbench(folder = fs.mkdtempSync(path.join(os.tmpdir(), 'aks-e2e-ws-'))): Promise<Workbench> {
  const build = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: repoRoot, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('esbuild failed: the extension was not built');
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  try {
    server = await startCodeServer();
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(server.workbenchUrl(folder));
    await page.waitForSelector('.monaco-workbench .part.activitybar', { timeout: 60_000 });
    const [s, b] = [server, browser];
    return { page, folder, close: async () => { await b.close(); await s.stop(); } };
  } catch (err) {
    await browser?.close();
    await server?.stop();
    throw err;
  }
}

export async function runPaletteCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title.split(': ').pop()! }).first().waitFor();
  await page.keyboard.press('Enter');
}

export async function sidebarLabels(page: Page): Promise<string[]> {
  return page.locator('.part.sidebar .monaco-list-row .label-name').allInnerTexts();
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}
