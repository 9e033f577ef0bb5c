// Everything the test tiers need on a fresh machine: npm dependencies, Debian packages, code-server.
// Later components (Go for the kube-apiserver, Docker, Python) are installed by their own ensure* scripts.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureCodeServer } from './ensureCodeServer.mjs';
import { ensureDebianPackages } from './ensureDebianPackages.mjs';
import { ensureNodeModules } from './ensureNodeModules.mjs';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export function setup() {
  ensureNodeModules(repoRoot);
  ensureDebianPackages();
  ensureCodeServer();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) setup();
