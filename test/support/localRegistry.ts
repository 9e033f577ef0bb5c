// A real container registry for tests: Debian's `docker-registry` (distribution v2) on 127.0.0.1:<free port>, with
// filesystem storage in a temp folder and no auth (or htpasswd auth nobody can pass). Docker treats 127.0.0.0/8 as insecure, so it pushes over http.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '../../src/local/network';

export const REGISTRY_BINARY = '/usr/bin/docker-registry';

export interface LocalRegistry {
  /** `127.0.0.1:<port>`: the registry as Docker names it. */
  readonly address: string;
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  /** Stops the registry and deletes its storage. */
  stop(): Promise<void>;
}

export interface LocalRegistryOptions {
  /**
   * Require credentials (htpasswd, Basic): the registry makes the htpasswd file itself with a random user, so
   * nobody knows a password and every unauthenticated pull or push is refused, like an ACR before `az acr login`.
   */
  readonly requireAuth?: boolean;
}

export async function startLocalRegistry(options: LocalRegistryOptions = {}): Promise<LocalRegistry> {
  if (!existsSync(REGISTRY_BINARY)) {
    throw new Error(`${REGISTRY_BINARY} is missing: apt-get install docker-registry (tools/setup/setup.mjs installs it for the tests)`);
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'aks-registry-'));
  const port = await freePort();
  const address = `127.0.0.1:${port}`;
  const config = path.join(dir, 'config.yml');
  writeFileSync(config, [
    'version: 0.1',
    'log:',
    '  level: warn',
    'storage:',
    '  filesystem:',
    `    rootdirectory: ${path.join(dir, 'data')}`,
    '  delete:',
    '    enabled: true',
    'http:',
    `  addr: ${address}`,
    ...(options.requireAuth ? ['auth:', '  htpasswd:', '    realm: aks-test', `    path: ${path.join(dir, 'htpasswd')}`] : []),
    '',
  ].join('\n'));
  const child = spawn(REGISTRY_BINARY, ['serve', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr!.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-8000)));
  const stop = async () => {
    await stopChild(child);
    rmSync(dir, { recursive: true, force: true });
  };
  const url = `http://${address}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) { await stop(); throw new Error(`docker-registry exited with ${child.exitCode}:\n${log}`); }
    const ok = await fetch(`${url}/v2/`).then((r) => r.status === (options.requireAuth ? 401 : 200), () => false);
    if (ok) return { address, url, stop };
    if (Date.now() > deadline) { await stop(); throw new Error(`docker-registry did not answer ${url}/v2/ within 20 s:\n${log}`); }
    await new Promise((r) => setTimeout(r, 100));
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => { clearTimeout(kill); resolve(); });
    child.kill('SIGTERM');
  });
}
