// The host tier in VS Code desktop through @vscode/test-electron, for machines with internet access (it downloads
// VS Code). Offline, `npm run test:host` runs the same bundle in code-server instead.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTests } from '@vscode/test-electron';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
if (spawnSync(process.execPath, ['esbuild.mjs', '--tests'], { cwd: root, stdio: 'inherit' }).status !== 0) process.exit(1);
try {
  await runTests({
    version: process.env.VSCODE_VERSION ?? 'stable',
    extensionDevelopmentPath: root,
    extensionTestsPath: path.join(root, 'dist-test/host/index.js'),
    // The tests write into the open folder: give them a fresh temporary one.
    launchArgs: [fs.mkdtempSync(path.join(os.tmpdir(), 'aks-host-ws-')), '--disable-extensions', '--disable-workspace-trust'],
  });
} catch (err) {
  console.error(`host tests in VS Code desktop failed: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
}
