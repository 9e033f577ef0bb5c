// Runs one test tier. unit and integration are mocha in plain Node (TypeScript through tsx);
// host and e2e are delegated to their own runners, which need code-server and Chromium.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readResults } from './results.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const tiers = {
  unit: { spec: 'test/unit/**/*.test.ts', timeout: 10_000 },
  integration: { spec: 'test/integration/**/*.test.ts', timeout: 600_000 },
  // What ships: builds the .vsix and the npm tarball itself (test/support/artifacts.ts) and runs those.
  artifacts: { spec: 'test/artifacts/**/*.test.ts', timeout: 600_000 },
  host: { script: 'tools/test/runHost.mjs' },
  e2e: { script: 'tools/test/runE2e.mjs' },
};

export function runTier(tier, extraArgs = []) {
  const def = tiers[tier];
  if (!def) throw new Error(`unknown tier ${tier}; one of ${Object.keys(tiers).join(', ')}`);
  const resultsFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), `aks-${tier}-`)), 'results.json');
  const env = { ...process.env, AKS_TEST_RESULTS_FILE: resultsFile };
  const args = def.script
    ? [def.script, ...extraArgs]
    : [
        path.join(root, 'node_modules/mocha/bin/mocha.js'),
        '--import=tsx', '--reporter', path.join(root, 'tools/test/countingReporter.cjs'),
        '--timeout', String(def.timeout), '--forbid-only', '--forbid-pending', '--recursive', def.spec, ...extraArgs,
      ];
  const started = Date.now();
  spawnSync(process.execPath, args, { cwd: root, env, stdio: 'inherit' });
  return { tier, seconds: (Date.now() - started) / 1000, ...readResults(resultsFile, tier) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const r = runTier(process.argv[2], process.argv.slice(3));
  console.log(`${r.tier}: ${r.passed} passed, ${r.failed} failed`);
  process.exit(r.failed ? 1 : 0);
}
