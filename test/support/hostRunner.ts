// Runs the host tier: mocha inside the real VS Code extension host of code-server, driven through Chromium.
// The workbench reports the test module's exit code through window.codeAutomationExit.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { format } from 'node:util';
import { launchChromium, repoRoot, startCodeServer } from './codeServer';

const TIMEOUT_MS = 10 * 60_000;

async function main(): Promise<number> {
  const build = spawnSync(process.execPath, ['esbuild.mjs', '--tests'], { cwd: repoRoot, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('esbuild failed: the host tests were not built');
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'aks-host-ws-'));
  const grep = process.argv.indexOf('--grep');
  const server = await startCodeServer({ env: grep > 0 ? { AKS_HOST_GREP: process.argv[grep + 1] } : {} });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    const exit = new Promise<number>((resolve) => {
      void page.exposeFunction('codeAutomationExit', (code: number) => resolve(code));
    });
    await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
      // The workbench forwards the extension host's console calls with their printf-style arguments.
      const text = format(...(args as [unknown, ...unknown[]]));
      if (!isWorkbenchNoise(text)) (type === 'error' ? process.stderr : process.stdout).write(`${text}\n`);
    });
    await page.goto(server.workbenchUrl(workspace, path.join(repoRoot, 'dist-test/host/index.js')));
    const timeout = new Promise<number>((_, reject) => setTimeout(() => reject(new Error(`host tests did not finish in ${TIMEOUT_MS / 1000} s`)), TIMEOUT_MS).unref());
    return await Promise.race([exit, timeout]);
  } catch (err) {
    console.error(`host tier failed to run: ${err instanceof Error ? err.message : err}\ncode-server output:\n${server.output().slice(-4000)}`);
    return 1;
  } finally {
    await browser.close();
    await server.stop();
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

// Workbench start-up chatter and the offline marketplace's failures say nothing about the tests.
function isWorkbenchNoise(text: string): boolean {
  return /^(Resolving connection token|Resolved connection token|Creating a socket|Updating additional builtin|\[Service Worker\]|ChatSessionStore)/.test(text) ||
    /ENOTFOUND open-vsx\.org|vsda|^\s+at async |^\s+at \S+ \(http:/.test(text);
}

main().then(
  (code) => process.exit(code),
  (err) => { console.error(err instanceof Error ? err.message : err); process.exit(1); },
);
