// `npm test`: set up, run the static checks and every tier, and end with one line "N passed, N failed".
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot, setup } from '../setup/setup.mjs';

const started = Date.now();
const results = [];
// Where the tests register the secrets they used and the workbenches leave their logs: the last step greps it all.
const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aks-test-run-'));
process.env.AKS_TEST_RUN_DIR = runDir;

try {
  setup({ forTests: true });
} catch (err) {
  console.error(`\n[setup] failed: ${err instanceof Error ? err.message : err}`);
  console.log('\ntests: 0 passed, 1 failed');
  process.exit(1);
}

// Static checks count as tests: a type error or a lint error fails the run like a failing test.
for (const [name, cmd, args] of [
  ['typecheck', 'npx', ['tsc', '--noEmit', '-p', '.']],
  ['lint', 'npx', ['eslint', '.']],
  ['build', process.execPath, ['esbuild.mjs']],
]) {
  console.log(`\n=== ${name}`);
  const ok = spawnSync(cmd, args, { cwd: repoRoot, stdio: 'inherit' }).status === 0;
  results.push({ tier: name, passed: ok ? 1 : 0, failed: ok ? 0 : 1, failures: ok ? [] : [{ title: name, message: 'see above' }], seconds: 0 });
}

const { runTier } = await import('./runTier.mjs');
// artifacts builds the .vsix and the npm tarball (production) and tests those; host and e2e rebuild dist/ for themselves.
for (const tier of ['unit', 'artifacts', 'integration', 'host', 'e2e']) {
  console.log(`\n=== ${tier} tests`);
  results.push(runTier(tier));
}

console.log('\n=== secret grep');
{
  const { secretGrep } = await import('./secretGrep.mjs');
  const g = secretGrep({ runDir, roots: [path.join(repoRoot, 'test-results')] });
  console.log(`${g.secrets} registered secret(s) searched for in ${g.scanned} file(s): ${g.hits.length} hit(s)`);
  for (const h of g.hits) console.log(`  ${h.file}: ${h.secret}`);
  const ok = g.hits.length === 0;
  results.push({ tier: 'secret grep', passed: ok ? 1 : 0, failed: ok ? 0 : 1, failures: ok ? [] : [{ title: 'secret grep', message: `${g.hits.length} hit(s), first in ${g.hits[0].file}` }], seconds: 0 });
  if (ok) fs.rmSync(runDir, { recursive: true, force: true });
}

console.log('\n=== summary');
for (const r of results) {
  console.log(`${r.tier.padEnd(12)} ${String(r.passed).padStart(4)} passed ${String(r.failed).padStart(3)} failed${r.seconds ? `  (${r.seconds.toFixed(1)} s)` : ''}`);
  for (const f of r.failures) console.log(`  ✗ ${f.title}: ${f.message.split('\n')[0]}`);
}
const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
console.log(`wall time ${((Date.now() - started) / 1000).toFixed(0)} s`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
