// Stress check for issue 20 (not part of `npm test`): runs the e2e deploy suite (test/e2e/deploy.test.ts) several
// times in a row while busy loops load every core, and prints pass/fail per run and "N/M passed".
//   node tools/test/stressE2eDeploy.mjs [--runs 5] [--loops 2]
// Needs what the e2e tier needs (code-server cache, Chromium, the private dockerd, kube-testenv). The busy loops
// are children of this script, each bounded by its own deadline, and stopped (by pid) when the runs end. Each run's
// output is kept in a temporary folder, named in the line of that run.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const runs = arg('runs', 5);
const loops = arg('loops', 2);
// A run of the suite has a 15 min ceiling (its own this.timeout); the loops never outlive all runs.
const loopDeadlineMs = runs * 20 * 60_000;
const logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aks-stress-e2e-deploy-'));

const busy = [];
function startLoops() {
  for (let i = 0; i < loops; i++) {
    const child = spawn(process.execPath, ['-e', 'const end = Date.now() + Number(process.argv[1]); while (Date.now() < end);', String(loopDeadlineMs)], { stdio: 'ignore' });
    busy.push(child);
  }
  console.log(`${loops} busy loops started (pids ${busy.map((c) => c.pid).join(', ')}), each stops itself after ${loopDeadlineMs / 60_000} min at most`);
}
function stopLoops() {
  for (const child of busy.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
}
process.on('exit', stopLoops);
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => { stopLoops(); process.exit(130); });

function runSuite(n) {
  const log = path.join(logDir, `run-${n}.log`);
  const out = fs.openSync(log, 'w');
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [
      path.join(root, 'node_modules/mocha/bin/mocha.js'), '--import=tsx', '--timeout', '180000', '--forbid-only', '--forbid-pending',
      'test/e2e/deploy.test.ts',
    ], { cwd: root, stdio: ['ignore', out, out] });
    child.on('close', (code) => {
      fs.closeSync(out);
      resolve({ ok: code === 0, seconds: Math.round((Date.now() - started) / 1000), log });
    });
  });
}

// The engine is started once for all runs, and this script holds a lease on it (test/support/dockerEngine.ts), so
// no run, nor a lease-aware suite elsewhere, stops it between runs. It is left running, as the runs found it.
const engine = spawnSync(process.execPath, [path.join(root, 'tools/setup/ensureDocker.mjs'), 'start'], { cwd: root, encoding: 'utf8' });
if (engine.status !== 0) {
  console.error(`tools/setup/ensureDocker.mjs start failed:\n${engine.stderr}`);
  process.exit(1);
}
const lease = path.join(os.homedir(), '.cache/aks-model-deploy/docker/leases', String(process.pid));
fs.mkdirSync(path.dirname(lease), { recursive: true });
fs.writeFileSync(lease, '');
process.on('exit', () => fs.rmSync(lease, { force: true }));

startLoops();
let passed = 0;
for (let n = 1; n <= runs; n++) {
  const r = await runSuite(n);
  if (r.ok) passed++;
  const failures = r.ok ? '' : `\n${fs.readFileSync(r.log, 'utf8').split('\n').filter((l) => /failing|Error|timed out|^\s+\d+\)/.test(l)).slice(0, 12).join('\n')}`;
  console.log(`run ${n}/${runs}: ${r.ok ? 'pass' : 'FAIL'} (${r.seconds} s, load ${os.loadavg()[0].toFixed(1)}; log ${r.log})${failures}`);
}
stopLoops();
console.log(`${passed}/${runs} passed`);
process.exit(passed === runs ? 0 : 1);
