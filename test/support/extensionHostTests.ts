// Runs a test module (dist-test/host/index.js) inside the extension host of a running code-server, driven through
// Chromium; the workbench reports the module's exit code through window.codeAutomationExit. Used by the host tier
// (extension in development mode) and the artifacts tier (the installed .vsix).
import { format } from 'node:util';
import { launchChromium, type CodeServer } from './codeServer';

export async function runExtensionHostTests(server: CodeServer, workspace: string, testsPath: string, timeoutMs: number): Promise<number> {
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
    await page.goto(server.workbenchUrl(workspace, testsPath));
    const timeout = new Promise<number>((_, reject) => setTimeout(() => reject(new Error(`host tests did not finish in ${timeoutMs / 1000} s`)), timeoutMs).unref());
    return await Promise.race([exit, timeout]);
  } finally {
    await browser.close();
  }
}

// Workbench start-up chatter and the offline marketplace's failures say nothing about the tests.
function isWorkbenchNoise(text: string): boolean {
  return /^(Resolving connection token|Resolved connection token|Creating a socket|Updating additional builtin|\[Service Worker\]|ChatSessionStore)/.test(text) ||
    /ENOTFOUND open-vsx\.org|vsda|^\s+at async |^\s+at \S+ \(http:/.test(text);
}
