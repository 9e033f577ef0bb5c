// Installs the Debian packages the test tiers need when they are missing; as non-root, prints the exact line.
import fs from 'node:fs';
import { hasCommand, isRoot, run } from './exec.mjs';

const needs = [
  { pkg: 'chromium', present: () => fs.existsSync('/usr/bin/chromium') },
  { pkg: 'ripgrep', present: () => hasCommand('rg') },
  { pkg: 'libkrb5-dev', present: () => fs.existsSync('/usr/include/gssapi/gssapi.h') },
];

export function ensureDebianPackages(extra = []) {
  const missing = [...needs, ...extra].filter((n) => !n.present()).map((n) => n.pkg);
  if (missing.length === 0) return;
  const line = `apt-get install -y --no-install-recommends ${missing.join(' ')}`;
  if (!isRoot()) throw new Error(`Missing Debian packages. Run as root: apt-get update && ${line}`);
  console.log(`[setup] installing ${missing.join(', ')}`);
  run('apt-get', ['update', '-qq']);
  run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}
