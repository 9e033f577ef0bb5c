// e2e tier: mocha in plain Node; each test starts code-server and drives the workbench in Chromium.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// `npm run test:e2e -- test/e2e/deploy.test.ts` runs that file alone; without a file, every e2e test.
const args = process.argv.slice(2);
const files = args.filter((a) => a.endsWith('.ts'));
const r = spawnSync(process.execPath, [
  path.join(root, 'node_modules/mocha/bin/mocha.js'), '--import=tsx', '--reporter', path.join(root, 'tools/test/countingReporter.cjs'),
  '--timeout', '180000', '--forbid-only', '--forbid-pending', ...(files.length ? files : ['--recursive', 'test/e2e/**/*.test.ts']),
  ...args.filter((a) => !a.endsWith('.ts')),
], { cwd: root, stdio: 'inherit' });
process.exit(r.status ?? 1);
