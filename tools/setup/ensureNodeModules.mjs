// `npm ci` when node_modules is missing or older than package-lock.json, so a fresh clone needs no manual step.
import fs from 'node:fs';
import path from 'node:path';
import { run } from './exec.mjs';

export function ensureNodeModules(root) {
  const marker = path.join(root, 'node_modules/.package-lock.json');
  const lock = path.join(root, 'package-lock.json');
  if (fs.existsSync(marker) && fs.statSync(marker).mtimeMs >= fs.statSync(lock).mtimeMs) return;
  console.log('[setup] npm ci');
  run('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: root });
}
