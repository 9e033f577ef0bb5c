// The integration tests' Docker engine: a private dockerd started (and stopped) through tools/setup/ensureDocker.mjs,
// with the locally built base image. Containers the tests started are removed even when a test failed.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isAlive } from './processAlive';

const root = path.resolve(__dirname, '../..');
const LABEL = 'aksmodel.io/local';

export interface DockerEngine {
  /** DOCKER_HOST of the private engine. */
  readonly host: string;
  /** The base image built from debootstrap (no registry can be reached here). */
  readonly baseImage: string;
  /** Removes every container the local engine started (label aksmodel.io/local). */
  removeContainers(): void;
  /** Removes the containers and dangling images, then stops dockerd if this run started it. */
  stop(): void;
}

function ensureDocker(cmd: 'start' | 'stop'): string {
  const r = spawnSync(process.execPath, [path.join(root, 'tools/setup/ensureDocker.mjs'), cmd], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 900_000 });
  if (r.status !== 0) {
    throw new Error(`tools/setup/ensureDocker.mjs ${cmd} failed (it needs root for apt-get install docker.io debootstrap, or both installed):\n${r.stderr}`);
  }
  return r.stdout.trim().split('\n').at(-1) ?? '{}';
}

// Every test process that uses the engine holds a lease (a file named by its pid) until it stops. The process that
// started dockerd stops it only when no other live process holds one: suites run in parallel on a shared machine
// (or a suite started while another was shutting the engine down) must not lose the engine in mid-build.
const leases = path.join(os.homedir(), '.cache/aks-model-deploy/docker/leases');
const otherLeases = () =>
  (fs.existsSync(leases) ? fs.readdirSync(leases) : []).map(Number).filter((pid) => pid !== process.pid && pid > 0 && isAlive(pid));

export function startDockerEngine(): DockerEngine {
  fs.mkdirSync(leases, { recursive: true });
  const lease = path.join(leases, String(process.pid));
  fs.writeFileSync(lease, '');
  const info = JSON.parse(ensureDocker('start')) as { host: string; baseImage: string; startedHere: boolean };
  const dockerCli = (args: string[]) => spawnSync('docker', args, { encoding: 'utf8', env: { ...process.env, DOCKER_HOST: info.host } });
  const removeContainers = () => {
    const ids = dockerCli(['ps', '-aq', '--filter', `label=${LABEL}`]).stdout.split('\n').filter(Boolean);
    if (ids.length) dockerCli(['rm', '-f', ...ids]);
  };
  return {
    host: info.host,
    baseImage: info.baseImage,
    removeContainers,
    stop() {
      removeContainers();
      // No `image prune`: suites in other processes may be building on this engine, and their steps' images are
      // untagged until the build ends. (The Python environment is a tagged image, aksmodel-env:<hash>: prune keeps it.)
      fs.rmSync(lease, { force: true });
      if (info.startedHere && otherLeases().length === 0) ensureDocker('stop');
    },
  };
}
