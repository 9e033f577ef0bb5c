// A private Docker engine for the local-debug tests (builtins only: runs before `npm install`).
//   node tools/setup/ensureDocker.mjs start   -> installs docker.io/debootstrap if missing, starts dockerd on a
//                                                private socket and data root, builds the base image once; prints
//                                                one JSON line {host, pid, startedHere, baseImage}
//   node tools/setup/ensureDocker.mjs stop    -> stops the dockerd this script started (by its pid file)
// Why private: the system engine (if any) belongs to other people on this machine; ours lives under
// ~/.cache/aks-model-deploy/docker and is stopped after the tests. Why a home-made base image: no container
// registry can be reached here, so `python:3.11-slim` cannot be pulled; debootstrap reaches the Debian mirror.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { hasCommand, isRoot, run } from './exec.mjs';

export const dockerRoot = path.join(os.homedir(), '.cache/aks-model-deploy/docker');
export const dockerHost = `unix://${path.join(dockerRoot, 'docker.sock')}`;
export const baseImage = 'local/aks-model-python:3.11';
const pidFile = path.join(dockerRoot, 'dockerd.pid');
const logFile = path.join(dockerRoot, 'dockerd.log');
// Our own bridge, so a second engine on this machine (default docker0) does not fight over the same interface.
const bridge = { name: 'aksmd0', cidr: '172.31.250.1/24' };

const log = (m) => process.stderr.write(`[ensureDocker] ${m}\n`);

function ensurePackages() {
  const missing = [
    { pkg: 'docker.io', present: () => hasCommand('dockerd') },
    { pkg: 'debootstrap', present: () => hasCommand('debootstrap') },
  ].filter((n) => !n.present()).map((n) => n.pkg);
  if (missing.length === 0) return;
  const line = `apt-get install -y --no-install-recommends ${missing.join(' ')}`;
  if (!isRoot()) throw new Error(`Docker for the local-debug tests is missing. Run as root: apt-get update && ${line}`);
  log(`installing ${missing.join(', ')}`);
  run('apt-get', ['update', '-qq'], { stdio: ['ignore', 'ignore', 'inherit'] });
  run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
}

const docker = (args, options = {}) =>
  spawnSync('docker', args, { encoding: 'utf8', env: { ...process.env, DOCKER_HOST: dockerHost }, ...options });

const engineAnswers = () => docker(['version', '--format', '{{.Server.Version}}'], { stdio: 'pipe' }).status === 0;

function runningPid() {
  try {
    const pid = Number(fs.readFileSync(pidFile, 'utf8').trim());
    process.kill(pid, 0);
    return pid;
  } catch {
    return undefined;
  }
}

function ensureBridge() {
  if (spawnSync('ip', ['link', 'show', bridge.name], { stdio: 'ignore' }).status === 0) return;
  run('ip', ['link', 'add', bridge.name, 'type', 'bridge']);
  run('ip', ['addr', 'add', bridge.cidr, 'dev', bridge.name]);
  run('ip', ['link', 'set', bridge.name, 'up']);
}

async function startEngine() {
  const existing = runningPid();
  if (existing && engineAnswers()) return { pid: existing, startedHere: false };
  fs.mkdirSync(dockerRoot, { recursive: true });
  ensureBridge();
  const args = [
    '--host', dockerHost, '--data-root', path.join(dockerRoot, 'data'), '--exec-root', path.join(dockerRoot, 'exec'),
    '--pidfile', pidFile, '--bridge', bridge.name, '--storage-driver', 'overlay2',
  ];
  const out = fs.openSync(logFile, 'a');
  const spawnEngine = () => {
    const c = spawn('dockerd', args, { detached: true, stdio: ['ignore', out, out] });
    c.unref();
    return c;
  };
  let child = spawnEngine();
  let attempts = 1;
  for (let i = 0; i < 150; i++) {
    await new Promise((r) => setTimeout(r, 200));
    if (engineAnswers()) return { pid: runningPid() ?? child.pid, startedHere: child.exitCode === null };
    if (child.exitCode === null) continue;
    // Ours exited: another start (on a shared machine) may own the pid file, or a dockerd was still shutting down.
    // Wait for that one; when none is left, try again.
    if (runningPid()) continue;
    if (attempts++ >= 3) break;
    child = spawnEngine();
  }
  const tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-15).join('\n');
  throw new Error(`dockerd did not start (log ${logFile}):\n${tail}`);
}

function ensureBaseImage() {
  if (docker(['image', 'inspect', baseImage], { stdio: 'ignore' }).status === 0) return;
  const started = Date.now();
  const rootfs = fs.mkdtempSync(path.join(dockerRoot, 'rootfs-'));
  try {
    log(`building ${baseImage} from debootstrap bookworm (once per machine)`);
    run('debootstrap', ['--variant=minbase', '--include=python3,python3-venv,python3-pip,ca-certificates', 'bookworm', rootfs, mirror()],
      { stdio: ['ignore', 'ignore', 'inherit'] });
    // The registries here are reached through a TLS-inspecting egress proxy whose CA the host trusts; pip inside a
    // build needs the same trust, so the host's bundle goes into this machine-local image (and PIP_CERT points at it).
    fs.copyFileSync('/etc/ssl/certs/ca-certificates.crt', path.join(rootfs, 'etc/ssl/certs/ca-certificates.crt'));
    fs.rmSync(path.join(rootfs, 'var/cache/apt/archives'), { recursive: true, force: true });
    // A shell pipe: tar streams the rootfs straight into the engine without a temporary tarball.
    const changes = ['ENV PIP_CERT=/etc/ssl/certs/ca-certificates.crt', 'ENV LANG=C.UTF-8', 'CMD ["python3"]'];
    const imp = spawnSync('sh', ['-c', 'r="$1"; shift; tar -C "$r" -c . | docker import "$@"', 'sh', rootfs, ...changes.flatMap((c) => ['-c', c]), '-', baseImage],
      { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, DOCKER_HOST: dockerHost } });
    if (imp.status !== 0) throw new Error(`docker import ${baseImage} failed`);
    log(`built ${baseImage} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  } finally {
    fs.rmSync(rootfs, { recursive: true, force: true });
  }
}

/** The Debian mirror apt uses on this machine (deb822 or one-line sources). */
function mirror() {
  const dir = '/etc/apt/sources.list.d';
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).map((f) => path.join(dir, f)) : [];
  for (const f of [...files, '/etc/apt/sources.list'].filter((f) => fs.existsSync(f))) {
    const m = /(?:URIs:\s*|^deb\s+(?:\[[^\]]*\]\s+)?)(\S+\/debian)\s*$/m.exec(fs.readFileSync(f, 'utf8'));
    if (m) return m[1];
  }
  return 'http://deb.debian.org/debian';
}

export async function start() {
  ensurePackages();
  const engine = await startEngine();
  ensureBaseImage();
  return { host: dockerHost, baseImage, ...engine };
}

export function stop() {
  const pid = runningPid();
  if (!pid) return false;
  process.kill(pid, 'SIGTERM');
  for (let i = 0; i < 100 && runningPid(); i++) spawnSync('sleep', ['0.1']);
  return true;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const cmd = process.argv[2] ?? 'start';
  if (cmd === 'start') console.log(JSON.stringify(await start()));
  else if (cmd === 'stop') console.log(JSON.stringify({ stopped: stop() }));
  else throw new Error(`usage: ensureDocker.mjs start|stop (got ${cmd})`);
}
