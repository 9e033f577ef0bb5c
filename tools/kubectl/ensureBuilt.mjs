// Builds kubectl from its Go module (k8s.io/kubectl, see main.go) once per machine, like
// tools/kube-testenv/ensureBuilt.mjs builds the API server, and prints the binary's path on stdout. Cached under
// ~/.cache/aks-model-deploy/kubectl/<hash of go.mod, go.sum, main.go>/kubectl. Only the apply bench uses it.
// Usage: node tools/kubectl/ensureBuilt.mjs   (also importable: ensureKubectl() → path)
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const srcDir = path.dirname(fileURLToPath(import.meta.url));
const cacheRoot = path.join(os.homedir(), '.cache/aks-model-deploy/kubectl');

export function kubectlPath() {
  const h = crypto.createHash('sha256');
  for (const f of ['go.mod', 'go.sum', 'main.go']) h.update(f).update('\0').update(fs.readFileSync(path.join(srcDir, f))).update('\0');
  return path.join(cacheRoot, h.digest('hex').slice(0, 16), 'kubectl');
}

export function ensureKubectl() {
  const bin = kubectlPath();
  if (fs.existsSync(bin)) return bin;
  const go = [process.env.GO, 'go', '/usr/local/go/bin/go'].find((g) => g && spawnSync(g, ['version']).status === 0);
  if (!go) throw new Error('building kubectl needs Go >= 1.21 (https://go.dev/dl/), or set GO to a go binary');
  fs.mkdirSync(path.dirname(bin), { recursive: true });
  // Private name then rename: an interrupted build never leaves a broken binary in the cache.
  const tmp = `${bin}.${process.pid}.tmp`;
  // nice: the machine is shared; the build reuses the Go build cache of kube-testenv (client-go, apimachinery).
  const r = spawnSync('nice', ['-n', '10', go, 'build', '-ldflags=-s -w', '-o', tmp, '.'], { cwd: srcDir, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  if (r.status !== 0) {
    fs.rmSync(tmp, { force: true });
    throw new Error(`kubectl build failed (exit ${r.status}) in ${srcDir}:\n${(r.stderr ?? '').split('\n').slice(-30).join('\n')}`);
  }
  fs.renameSync(tmp, bin);
  return bin;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    console.log(ensureKubectl());
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  }
}
