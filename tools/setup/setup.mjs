// Everything a run needs on a fresh machine. The sandbox needs npm packages and code-server; the tests also need
// Docker (a private dockerd and a base image built once), Python that can make venvs, and the kube-apiserver
// test binary (built once from Go modules). Each step is cached, so later runs pass through in seconds.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureCodeServer } from './ensureCodeServer.mjs';
import { ensureDebianPackages } from './ensureDebianPackages.mjs';
import { ensureNodeModules } from './ensureNodeModules.mjs';
import { ensurePython } from './ensurePython.mjs';
import { hasCommand } from './exec.mjs';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const step = (name, fn) => {
  const started = Date.now();
  const result = fn();
  const seconds = (Date.now() - started) / 1000;
  if (seconds > 1) console.log(`[setup] ${name}: ${seconds.toFixed(0)} s`);
  return result;
};

export function setup({ forTests = false } = {}) {
  step('npm packages', () => ensureNodeModules(repoRoot));
  const testPackages = forTests
    ? [
        { pkg: 'docker.io', present: () => hasCommand('dockerd') },
        { pkg: 'debootstrap', present: () => hasCommand('debootstrap') },
        // A real registry for the image push tests (test/support/localRegistry.ts).
        { pkg: 'docker-registry', present: () => fs.existsSync('/usr/bin/docker-registry') },
        // CNI plugins (bridge, host-local, loopback) for the real node of kube-testenv --node.
        { pkg: 'containernetworking-plugins', present: () => fs.existsSync('/usr/lib/cni/bridge') },
      ]
    : [];
  step('Debian packages', () => ensureDebianPackages(testPackages));
  step('code-server', () => ensureCodeServer());
  if (!forTests) return;
  step('Python', () => ensurePython());
  // Stops the engine only when this step started it: a running one is in use by suites or benches run in parallel
  // (an unconditional stop here, from every `npm run bench`, was what killed dockerd under other suites' pushes).
  step('Docker base image', () => dockerStartedHere() ? runScript('tools/setup/ensureDocker.mjs', 'stop') : true);
  step('kube-apiserver, kubelet and pause test binaries', () => runScript('tools/kube-testenv/ensureBuilt.mjs'));
  step('API specs', () => ensureSpecs());
  // azureml-core for the config parity test (its oracle); built here so the test run does not pay for it.
  step('Azure ML v1 oracle venv', () => runScript('tools/parity/ensureV1Venv.mjs'));
}

/** The specs the tests read: AKS_MODEL_SPECS_DIR, ../shared/specs in the team's workplace, else downloaded at the
 * pinned commits into the cache (test/support/specsDir.ts looks in the same three places). */
function ensureSpecs() {
  const shared = [process.env.AKS_MODEL_SPECS_DIR, path.resolve(repoRoot, '../shared/specs')].filter(Boolean);
  if (shared.some((dir) => fs.existsSync(path.join(dir, 'azure')) && fs.existsSync(path.join(dir, 'k8s')))) return true;
  return runScript('tools/specs/fetchSpecs.mjs');
}

/** Runs a set-up script as its own process (some are async); throws with its name when it fails. */
/** Starts the private dockerd (and builds its base image) if needed; whether this call started it. */
function dockerStartedHere() {
  const script = 'tools/setup/ensureDocker.mjs';
  if (!fs.existsSync(path.join(repoRoot, script))) return false;
  const r = spawnSync(process.execPath, [script, 'start'], { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (r.status !== 0) throw new Error(`${script} start failed (exit ${r.status}); its output is above`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1) ?? '{}').startedHere === true;
}

function runScript(script, ...args) {
  if (!fs.existsSync(path.join(repoRoot, script))) return true;
  const r = spawnSync(process.execPath, [script, ...args], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new Error(`${script} ${args.join(' ')} failed (exit ${r.status}); its output is above`);
  return true;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) setup({ forTests: process.argv.includes('--tests') });
