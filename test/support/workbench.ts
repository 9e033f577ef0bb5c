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
  readonly server: CodeServer;
  readonly folder: string;
  close(): Promise<void>;
}

/** `env` reaches the extension host (e.g. KUBECONFIG of a test cluster); `settings` are user settings from the start;
 *  `initScript` (JavaScript source: tsx would add helpers to a serialized TypeScript function) runs in the page before
 *  the workbench does. */
export async function openWorkbench(
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'aks-e2e-ws-')),
  options: { env?: NodeJS.ProcessEnv; settings?: Readonly<Record<string, unknown>>; initScript?: string } = {},
): Promise<Workbench> {
  const build = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: repoRoot, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('esbuild failed: the extension was not built');
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  try {
    server = await startCodeServer({ env: options.env, settings: options.settings });
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    if (options.initScript) await page.addInitScript({ content: options.initScript });
    await page.goto(server.workbenchUrl(folder));
    await page.waitForSelector('.monaco-workbench .part.activitybar', { timeout: 60_000 });
    // The extension's contributions arrive after the workbench shows: until its activity-bar entry is there,
    // its commands are not in the palette either.
    await page.locator('.part.activitybar [aria-label^="AKS Model Deploy"]').first().waitFor({ timeout: 60_000 });
    const [s, b] = [server, browser];
    return { page, server: s, folder, close: async () => { await b.close(); await s.stop(); } };
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
  // The row whose whole label is the title: "Color Theme" must not pick "Browse Color Themes in Marketplace".
  const exact = new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  const row = page.locator('.quick-input-list .monaco-list-row .label-name', { hasText: exact }).first();
  // Click that row: Enter would take whichever row is highlighted, which need not be it.
  await row.click();
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

/** The content frame of the active webview panel (VS Code nests it in two iframes). */
export function webviewFrame(page: Page) {
  return page.frameLocator('iframe.webview.ready').last().frameLocator('iframe#active-frame');
}

/** Switches the color theme through the theme picker, by the theme's exact label. */
export async function setColorTheme(wb: Workbench, theme: 'Light Modern' | 'Dark Modern'): Promise<void> {
  await runPaletteCommand(wb.page, 'Preferences: Color Theme');
  const row = wb.page.locator('.quick-input-list .monaco-list-row .label-name', { hasText: new RegExp(`^${theme}$`) }).first();
  await row.waitFor();
  await row.click();
  await wb.page.locator(theme.startsWith('Dark') ? '.monaco-workbench.vs-dark' : '.monaco-workbench.vs').waitFor({ timeout: 30_000 });
}
