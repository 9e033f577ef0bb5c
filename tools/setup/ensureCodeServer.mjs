// Installs code-server from npm, offline-safe, into a cache outside the repo (see shared/notes/test-infrastructure.md).
// 4.100.3 runs on Node 20 (VS Code 1.100.3) and honours the extension-development payload without extra flags.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from './exec.mjs';
import { ensureDebianPackages } from './ensureDebianPackages.mjs';

export const CODE_SERVER_VERSION = '4.100.3';
const cacheRoot = path.join(os.homedir(), '.cache/aks-model-deploy');
const installDir = path.join(cacheRoot, `code-server-${CODE_SERVER_VERSION}`);
// npm 11 blocks dependency install scripts unless allowed; code-server's native modules need theirs.
const allowScripts = ['--dangerously-allow-all-scripts', '--no-audit', '--no-fund', '--loglevel=error'];

export function codeServerEntry() {
  return path.join(installDir, 'node_modules/code-server/out/node/entry.js');
}

export function ensureCodeServer() {
  if (fs.existsSync(path.join(installDir, '.complete'))) return codeServerEntry();
  ensureDebianPackages();
  fs.mkdirSync(cacheRoot, { recursive: true });
  const work = fs.mkdtempSync(path.join(cacheRoot, 'code-server-partial-'));
  const started = Date.now();
  console.log(`[setup] installing code-server ${CODE_SERVER_VERSION} into ${installDir} (once per machine, ~1-3 min)`);
  const env = { ...process.env, npm_config_yes: 'true' };
  const npm = (cwd, ...args) => run('npm', [...args, ...allowScripts], { cwd, env });
  fs.writeFileSync(path.join(work, 'package.json'), JSON.stringify({ name: 'code-server-cache', private: true }));
  npm(work, 'install', '--ignore-scripts', `code-server@${CODE_SERVER_VERSION}`);
  npm(work, 'rebuild', 'argon2');
  const vscodeDir = path.join(work, 'node_modules/code-server/lib/vscode');
  npm(vscodeDir, 'install', '--omit=dev', '--ignore-scripts');
  // @vscode/ripgrep's postinstall downloads from GitHub; Debian's rg in place makes it skip.
  const rgBin = path.join(vscodeDir, 'node_modules/@vscode/ripgrep/bin');
  fs.mkdirSync(rgBin, { recursive: true });
  fs.copyFileSync(run('sh', ['-c', 'command -v rg'], { quiet: true }).trim(), path.join(rgBin, 'rg'));
  fs.chmodSync(path.join(rgBin, 'rg'), 0o755);
  npm(vscodeDir, 'rebuild');
  fs.symlinkSync('node_modules', path.join(vscodeDir, 'node_modules.asar'));
  relink(path.join(vscodeDir, 'bin/remote-cli'), 'code-server', 'code-linux.sh');
  relink(path.join(vscodeDir, 'bin/helpers'), 'browser.sh', 'browser-linux.sh');
  npm(path.join(vscodeDir, 'extensions'), 'install', '--omit=dev');
  fs.rmSync(installDir, { recursive: true, force: true });
  fs.renameSync(work, installDir);
  fs.writeFileSync(path.join(installDir, '.complete'), new Date().toISOString());
  console.log(`[setup] code-server ready in ${Math.round((Date.now() - started) / 1000)} s`);
  return codeServerEntry();
}

function relink(dir, name, target) {
  if (!fs.existsSync(path.join(dir, target))) return;
  fs.rmSync(path.join(dir, name), { force: true });
  fs.symlinkSync(target, path.join(dir, name));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(ensureCodeServer());
