// A code-server workbench in Chromium with this extension loaded, for e2e tests and screenshots.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
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
 *  the workbench does; `userDataDir` keeps code-server's user data (logs, state) where the test can read it. */
export async function openWorkbench(
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'aks-e2e-ws-')),
  options: { env?: NodeJS.ProcessEnv; settings?: Readonly<Record<string, unknown>>; initScript?: string; userDataDir?: string } = {},
): Promise<Workbench> {
  const build = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: repoRoot, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('esbuild failed: the extension was not built');
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  try {
    server = await startCodeServer({ env: options.env, settings: options.settings, userDataDir: options.userDataDir });
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    if (options.initScript) await page.addInitScript({ content: options.initScript });
    // Every wait without its own ceiling gets this one (Playwright's default, 30 s, is short on a loaded machine).
    page.setDefaultTimeout(60_000);
    await page.goto(server.workbenchUrl(folder));
    // Ceilings, not delays: on a loaded machine the workbench and the extension host take their time.
    await page.waitForSelector('.monaco-workbench .part.activitybar', { timeout: 120_000 });
    // The extension's contributions arrive after the workbench shows: until its activity-bar entry is there,
    // its commands are not in the palette either.
    await page.locator('.part.activitybar [aria-label^="AKS Model Deploy"]').first().waitFor({ timeout: 120_000 });
    const [s, b] = [server, browser];
    return { page, server: s, folder, close: async () => { await b.close(); await s.stop(); } };
  } catch (err) {
    await browser?.close();
    await server?.stop();
    throw err;
  }
}

/** Polls `check` until it returns true (every 100 ms), or fails naming `what` after `ms`: a ceiling, not a delay. */
export async function until(what: string, check: () => Promise<boolean>, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const exactly = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);

export async function runPaletteCommand(page: Page, title: string): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  // A key pressed while the workbench is busy can be lost: press F1 again until the palette is open.
  await until('the command palette to open', async () => {
    if (await input.isVisible()) return true;
    await page.keyboard.press('F1');
    return input.waitFor({ state: 'visible', timeout: 5_000 }).then(() => true, () => false);
  });
  await input.fill(`>${title}`);
  // The row whose whole label is the title: "Color Theme" must not pick "Browse Color Themes in Marketplace".
  const row = page.locator('.quick-input-list .monaco-list-row .label-name', { hasText: exactly(title) }).first();
  // Click that row: Enter would take whichever row is highlighted, which need not be it.
  await row.click({ timeout: 60_000 });
}

/** Shows the side bar of this extension. A click on its activity-bar icon toggles it, so it is clicked only while
 * the Targets pane is not shown, and again if a click went unheard. */
export async function showTargetsView(page: Page): Promise<Locator> {
  const pane = page.locator('.part.sidebar .pane', { has: page.locator('.pane-header', { hasText: /^Targets/i }) });
  const header = pane.locator('.pane-header');
  await until('the Targets view', async () => {
    if (!(await header.isVisible())) {
      await page.locator('.part.activitybar [aria-label^="AKS Model Deploy"]').first().click();
      return header.waitFor({ timeout: 5_000 }).then(() => false, () => false);
    }
    if ((await header.getAttribute('aria-expanded')) === 'false') {
      await header.click();
      await until('the Targets pane to open', async () => (await header.getAttribute('aria-expanded')) !== 'false', 5_000).catch(() => undefined);
      return false;
    }
    return true;
  });
  return pane;
}

/** Expands a tree row. A click toggles, so it clicks only while the row is collapsed, then waits for it to open. */
export async function expandRow(row: Locator, what: string, ms = 60_000): Promise<void> {
  await until(`${what} to expand`, async () => {
    const state = await row.getAttribute('aria-expanded', { timeout: 10_000 }).catch(() => null);
    if (state === 'true') return true;
    if (state !== 'false') return false;
    await row.click({ timeout: 10_000 }).catch(() => undefined);
    await until(`${what} to open`, async () => (await row.getAttribute('aria-expanded').catch(() => null)) === 'true', 10_000).catch(() => undefined);
    return false;
  }, ms);
}

/** Runs an item of a row's context menu, and waits for `result`; a menu closed by a re-render is opened again. */
export async function runContextMenuItem(page: Page, row: Locator, item: string, result: Locator, ms = 60_000): Promise<void> {
  await until(`"${item}" from the context menu`, async () => {
    if (await result.isVisible()) return true;
    try {
      await row.click({ button: 'right', timeout: 10_000 });
      // The menu ignores a click that comes right after it opened: highlight the item, then press Enter.
      await page.locator('.context-view .action-label', { hasText: exactly(item) }).hover({ timeout: 5_000 });
      await page.locator('.context-view .action-item.focused', { hasText: exactly(item) }).waitFor({ timeout: 5_000 });
      await page.keyboard.press('Enter');
      return await result.waitFor({ timeout: 30_000 }).then(() => true, () => false);
    } catch {
      // Close only a menu left open (Escape would also cancel a dialog the item opened late).
      if (await page.locator('.context-view .monaco-menu').isVisible()) await page.keyboard.press('Escape');
      return false;
    }
  }, ms);
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
