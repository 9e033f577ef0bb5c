// `npm test`: set up, run the static checks and every tier, and end with one line "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { repoRoot, setup } from '../setup/setup.mjs';

const started = Date.now();
const results = [];

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
