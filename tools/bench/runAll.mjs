// `npm run bench`: runs every bench/*.bench.ts in turn; each prints its own figures. Never fails on time.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot, setup } from '../setup/setup.mjs';

setup({ forTests: true });
const only = process.argv.slice(2);
const benches = fs.readdirSync(path.join(repoRoot, 'bench')).filter((f) => f.endsWith('.bench.ts') && (only.length === 0 || only.some((o) => f.includes(o)))).sort();
let broken = 0;
for (const b of benches) {
  console.log(`\n=== ${b}`);
  const r = spawnSync(process.execPath, ['--import=tsx', path.join('bench', b)], { cwd: repoRoot, stdio: 'inherit' });
  if (r.status !== 0) { broken++; console.log(`(${b} could not run: exit ${r.status})`); }
}
process.exit(broken ? 1 : 0);
