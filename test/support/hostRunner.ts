// Runs the host tier: mocha inside the real VS Code extension host of code-server, driven through Chromium.
// The workbench reports the test module's exit code through window.codeAutomationExit.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot, startCodeServer } from './codeServer';
import { runExtensionHostTests } from './extensionHostTests';

const TIMEOUT_MS = 10 * 60_000;

async function main(): Promise<number> {
  const build = spawnSync(process.execPath, ['esbuild.mjs', '--tests'], { cwd: repoRoot, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('esbuild failed: the host tests were not built');
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'aks-host-ws-'));
  const grep = process.argv.indexOf('--grep');
  const server = await startCodeServer({ env: grep > 0 ? { AKS_HOST_GREP: process.argv[grep + 1] } : {} });
  try {
    return await runExtensionHostTests(server, workspace, path.join(repoRoot, 'dist-test/host/index.js'), TIMEOUT_MS);
  } catch (err) {
    console.error(`host tier failed to run: ${err instanceof Error ? err.message : err}\ncode-server output:\n${server.output().slice(-4000)}`);
    return 1;
  } finally {
    await server.stop();
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (err) => { console.error(err instanceof Error ? err.message : err); process.exit(1); },
);
