// `npm ci` when node_modules is missing or older than package-lock.json, so a fresh clone needs no manual step.
import fs from 'node:fs';
import path from 'node:path';
import { run } from './exec.mjs';

export function ensureNodeModules(root) {
  const modules = path.join(root, 'node_modules');
  // A worktree may link node_modules to another checkout's: `npm ci` here would empty that shared folder (it did,
  // once, for every worktree linked to it). Leave a link alone; its owner installs.
  if (fs.existsSync(modules) && fs.lstatSync(modules).isSymbolicLink()) {
    console.log(`[setup] node_modules links to ${fs.realpathSync(modules)}: not running npm ci through the link`);
    return;
  }
  const marker = path.join(root, 'node_modules/.package-lock.json');
  const lock = path.join(root, 'package-lock.json');
  if (fs.existsSync(marker) && fs.statSync(marker).mtimeMs >= fs.statSync(lock).mtimeMs) return;
  console.log('[setup] npm ci');
  run('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: root });
}
