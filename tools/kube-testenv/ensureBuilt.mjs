// Builds tools/kube-testenv (embedded etcd + the real kube-apiserver) once per machine and prints the binary's
// path on stdout. Next to it go the real kubelet (k8s.io/kubernetes/cmd/kubelet from the same go.mod, so the
// same Kubernetes version) and the static pause binary, both for --node. The binaries are cached outside the
// repository, keyed by a hash of go.mod, go.sum, the Go sources and the list of targets below, so only the
// first run pays the multi-minute build. Progress and errors go to stderr.
// Usage: node tools/kube-testenv/ensureBuilt.mjs   (also importable: ensureBuilt() → path)
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const srcDir = path.dirname(fileURLToPath(import.meta.url));
const cacheRoot = path.join(os.homedir(), '.cache/aks-model-deploy/kube-testenv');

// What gets built into the cache directory: [file name, package, extra env]. Part of the cache key.
const targets = [
  ['kubelet', 'k8s.io/kubernetes/cmd/kubelet', {}],
  // For --metrics-server. Its own module (./metrics-server): it pins older k8s.io libraries than kube-testenv.
  ['metrics-server', 'sigs.k8s.io/metrics-server/cmd/metrics-server', {}],
  // Static: it runs alone in the sandbox image, with no libc.
  ['pause', './pause', { CGO_ENABLED: '0' }],
  ['kube-testenv', '.', {}],
];

// The kubelet depends only on the module versions: keyed by go.mod + go.sum, so editing kube-testenv's own
// sources relinks kube-testenv but reuses the kubelet.
export function moduleHash(dir = srcDir) {
  const h = crypto.createHash('sha256');
  for (const f of ['go.mod', 'go.sum']) h.update(f).update('\0').update(fs.readFileSync(path.join(dir, f))).update('\0');
  return h.digest('hex').slice(0, 16);
}

// Binaries that depend only on their module's versions, built once per machine into a shared folder and
// hard-linked next to kube-testenv: [module folder, shared folder prefix].
const sharedBuilds = {
  kubelet: [srcDir, 'kubelet'],
  'metrics-server': [path.join(srcDir, 'metrics-server'), 'metrics-server'],
};

export function sourceHash() {
  const goFiles = (sub) => fs.readdirSync(path.join(srcDir, sub)).filter((f) => f.endsWith('.go')).sort().map((f) => path.join(sub, f));
  const files = ['go.mod', 'go.sum', 'metrics-server/go.mod', 'metrics-server/go.sum', ...goFiles('.'), ...goFiles('pause')];
  const h = crypto.createHash('sha256');
  h.update(JSON.stringify(targets)).update('\0');
  for (const f of files) {
    // The name is hashed too, so renaming a file is a new build.
    h.update(f).update('\0').update(fs.readFileSync(path.join(srcDir, f))).update('\0');
  }
  return h.digest('hex').slice(0, 16);
}

export function binaryPath() {
  return path.join(cacheRoot, sourceHash(), 'kube-testenv');
}

const goMissing = (detail) =>
  `kube-testenv needs Go >= 1.21 to build (go.mod asks for 1.26; a newer-than-1.21 go fetches that toolchain ` +
  `itself from the Go module proxy). ${detail}\n` +
  `Install it, then put it on PATH or set GO to it:\n` +
  `  - the tarball from https://go.dev/dl/ (where go.dev is reachable);\n` +
  `  - or, where only the Go module proxy is reachable, the toolchain module: download ` +
  `https://proxy.golang.org/golang.org/toolchain/@v/v0.0.1-go1.26.8.linux-amd64.zip, unzip it and use ` +
  `golang.org/toolchain@v0.0.1-go1.26.8.linux-amd64/bin/go.\n` +
  `Debian's golang-go (apt-get install golang-go) is 1.19 on Debian 12: too old to build this or to switch toolchains.`;

function findGo() {
  const candidates = [process.env.GO, 'go', '/usr/local/go/bin/go', path.join(os.homedir(), 'go/bin/go')].filter(Boolean);
  for (const go of candidates) {
    const r = spawnSync(go, ['version'], { encoding: 'utf8' });
    if (r.status !== 0) continue;
    const m = /go(\d+)\.(\d+)/.exec(r.stdout);
    if (m && (Number(m[1]) > 1 || Number(m[2]) >= 21)) return go;
    throw new Error(goMissing(`Found ${go}: ${r.stdout.trim()}.`));
  }
  throw new Error(goMissing(`No go found (tried ${candidates.join(', ')}).`));
}

export async function ensureBuilt({ log = (m) => process.stderr.write(`${m}\n`) } = {}) {
  const bin = binaryPath();
  // kube-testenv is built last, so its presence means the whole set is there.
  if (fs.existsSync(bin)) return bin;
  const go = findGo();
  fs.mkdirSync(path.dirname(bin), { recursive: true });
  for (const [name, pkg, env] of targets) {
    const out = path.join(path.dirname(bin), name);
    if (fs.existsSync(out)) continue;
    if (!sharedBuilds[name]) {
      await buildOne(go, out, pkg, env, log);
      continue;
    }
    const [moduleDir, prefix] = sharedBuilds[name];
    const shared = path.join(cacheRoot, `${prefix}-${moduleHash(moduleDir)}`, name);
    if (!fs.existsSync(shared)) {
      fs.mkdirSync(path.dirname(shared), { recursive: true });
      await buildOne(go, shared, pkg, env, log, moduleDir);
    }
    // A hard link (same file system): kube-testenv finds the kubelet next to itself.
    fs.linkSync(shared, out);
  }
  return bin;
}

async function buildOne(go, bin, pkg, env, log, cwd = srcDir) {
  // Build into a private name and rename: a concurrent or interrupted build never leaves a broken binary.
  const tmp = `${bin}.${process.pid}.tmp`;
  const args = ['build', '-ldflags=-s -w', '-o', tmp, pkg];
  const useNice = fs.existsSync('/usr/bin/nice');
  const [cmd, cmdArgs] = useNice ? ['/usr/bin/nice', ['-n', '10', go, ...args]] : [go, args];
  const shown = `${useNice ? 'nice -n 10 ' : ''}${go} ${args.join(' ')}  (in ${cwd})`;
  log(`kube-testenv: building ${pkg} into ${bin}`);
  log(`kube-testenv: no binary for these sources yet; a cold build of kube-testenv takes ~20-25 min and ~3 GiB, the kubelet ~5 min more; with a warm Go build cache, a minute or less each: ${shown}`);
  const started = Date.now();
  let stderr = '';
  const code = await new Promise((resolve, reject) => {
    const child = spawn(cmd, cmdArgs, { cwd, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env } });
    const tick = setInterval(() => log(`kube-testenv: still building (${Math.round((Date.now() - started) / 1000)} s)`), 30_000);
    child.stderr.on('data', (d) => {
      stderr = (stderr + d).slice(-8000);
    });
    child.on('error', (e) => {
      clearInterval(tick);
      reject(e);
    });
    child.on('close', (c) => {
      clearInterval(tick);
      resolve(c);
    });
  });
  if (code !== 0) {
    fs.rmSync(tmp, { force: true });
    const tail = stderr.trim().split('\n').slice(-40).join('\n');
    throw new Error(`kube-testenv build of ${pkg} failed (exit ${code}): ${shown}\n${tail}`);
  }
  fs.renameSync(tmp, bin);
  log(`kube-testenv: built ${pkg} in ${Math.round((Date.now() - started) / 1000)} s`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  ensureBuilt().then(
    (bin) => console.log(bin),
    (e) => {
      console.error(e instanceof Error ? e.message : e);
      process.exit(1);
    },
  );
}
