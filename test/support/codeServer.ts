// Starts code-server (the real VS Code server + workbench, installed from npm) on 127.0.0.1 with this extension
// loaded in development mode, and Debian's Chromium to drive the workbench. Used by the host tier, e2e,
// the sandbox and the activation benchmark.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const repoRoot = path.resolve(__dirname, '../..');
export const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
];

export interface CodeServer {
  readonly port: number;
  /** The user settings.json of this server's profile; the workbench applies changes to it live. */
  readonly userSettingsFile: string;
  readonly origin: string;
  /** Workbench URL that opens `folder` with the extension (and optionally a test module) in development mode. */
  workbenchUrl(folder: string, extensionTestsPath?: string): string;
  output(): string;
  stop(): Promise<void>;
}

/** Installs code-server into the user cache when missing (tools/setup/ensureCodeServer.mjs); returns entry.js. */
export function ensureCodeServerEntry(): string {
  const r = spawnSync(process.execPath, [path.join(repoRoot, 'tools/setup/ensureCodeServer.mjs')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = String(r.stdout).trim().split('\n');
  if (r.status !== 0) throw new Error(`code-server could not be installed (tools/setup/ensureCodeServer.mjs exited ${r.status}):\n${lines.slice(-15).join('\n')}`);
  return lines[lines.length - 1];
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

export interface CodeServerOptions {
  readonly env?: NodeJS.ProcessEnv;
  readonly port?: number;
  readonly userDataDir?: string;
  /** Extensions folder (default: a fresh one). */
  readonly extensionsDir?: string;
  /** The extensionDevelopmentPath of workbench URLs (default: this repository). VS Code runs extension tests only
   * with one; an empty folder adds no extension, so only the installed ones in `extensionsDir` run. */
  readonly extensionDevelopmentPath?: string;
  /** Opened by the bare URL (`/`), whatever was opened last. */
  readonly folder?: string;
  /** Packaged extensions installed (`--install-extension`) into this server's extensions folder before it starts
   * (the sandbox's own .vsix, a bench baseline). */
  readonly vsixFiles?: readonly string[];
  /** User settings on top of the quiet defaults. */
  readonly settings?: Readonly<Record<string, unknown>>;
}

export async function startCodeServer(options: CodeServerOptions = {}): Promise<CodeServer> {
  const entry = ensureCodeServerEntry();
  const port = options.port ?? (await freePort());
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'aks-code-server-'));
  const userDataDir = options.userDataDir ?? path.join(home, 'user-data');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  const userSettingsFile = path.join(userDataDir, 'User/settings.json');
  fs.writeFileSync(userSettingsFile, JSON.stringify({
    'workbench.startupEditor': 'none', 'telemetry.telemetryLevel': 'off', 'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false, 'workbench.tips.enabled': false, 'update.mode': 'none', ...options.settings,
  }));
  const config = path.join(home, 'config.yaml');
  fs.writeFileSync(config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const extensionsDir = options.extensionsDir ?? path.join(home, 'extensions');
  if (options.vsixFiles?.length) {
    try {
      for (const vsix of options.vsixFiles) installExtension(vsix, extensionsDir);
    } catch (err) {
      fs.rmSync(home, { recursive: true, force: true });
      throw err;
    }
  }
  let log = '';
  const child: ChildProcess = spawn(process.execPath, [
    entry, '--config', config, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir, '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
    ...(options.folder ? ['--ignore-last-opened', options.folder] : []),
  ], { env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const append = (d: Buffer) => { log = (log + d.toString()).slice(-200_000); };
  child.stdout!.on('data', append);
  child.stderr!.on('data', append);
  const origin = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.pid) {
      try { process.kill(-child.pid, 'SIGTERM'); } catch { /* already gone */ }
      await new Promise((r) => { const t = setTimeout(r, 3000); child.once('exit', () => { clearTimeout(t); r(undefined); }); });
      try { process.kill(-child.pid, 'SIGKILL'); } catch { /* already gone */ }
    }
    keepForSecretGrep(userDataDir, home);
    fs.rmSync(home, { recursive: true, force: true });
  };
  stopOnExit(stop);
  try {
    await waitForHealth(`${origin}/healthz`, child, () => log);
  } catch (err) {
    await stop();
    throw err;
  }
  const remote = (p: string) => `vscode-remote://127.0.0.1:${port}${p}`;
  return {
    port,
    userSettingsFile,
    origin,
    output: () => log,
    stop,
    workbenchUrl(folder, extensionTestsPath) {
      const payload: [string, string][] = [['extensionDevelopmentPath', remote(options.extensionDevelopmentPath ?? repoRoot)]];
      if (extensionTestsPath) payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
      return `${origin}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    },
  };
}

/** `code-server --install-extension <vsix>` into `extensionsDir`, as a user installs the packaged extension. */
export function installExtension(vsix: string, extensionsDir: string): void {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aks-code-server-install-'));
  // Its own --config too: without one, code-server writes ~/.config/code-server/config.yaml.
  const config = path.join(userDataDir, 'config.yaml');
  fs.writeFileSync(config, 'auth: none\ncert: false\n');
  try {
    const r = spawnSync(process.execPath, [ensureCodeServerEntry(), '--config', config, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--install-extension', vsix],
      { encoding: 'utf8', timeout: 120_000 });
    if (r.status !== 0) throw new Error(`code-server --install-extension ${vsix} exited ${r.status}:\n${r.stdout}${r.stderr}`);
  } finally {
    fs.rmSync(userDataDir, { recursive: true, force: true });
  }
}

async function waitForHealth(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode}:\n${output().slice(-3000)}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`code-server did not become healthy at ${url} in 30 s:\n${output().slice(-3000)}`);
}

const stoppers = new Set<() => Promise<void>>();
function stopOnExit(stop: () => Promise<void>): void {
  if (stoppers.size === 0) {
    // Wait for every stop (the server gone, its aks-code-server-* folder removed) before exiting: exiting at once
    // left the folder behind.
    const stopAllThenExit = (code: number) => void Promise.allSettled([...stoppers].map((s) => s())).then(() => process.exit(code));
    process.once('SIGINT', () => stopAllThenExit(130));
    process.once('SIGTERM', () => stopAllThenExit(143));
  }
  stoppers.add(stop);
}

export async function launchChromium() {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}. Install it: apt-get install -y --no-install-recommends chromium`);
  }
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS, headless: true });
}

/** Under `npm test`, the workbench's logs (output channels included) and extension state outlive its folder, for
 * the whole-run secret grep (tools/test/secretGrep.mjs). */
function keepForSecretGrep(userDataDir: string, home: string): void {
  const runDir = process.env.AKS_TEST_RUN_DIR;
  if (!runDir) return;
  for (const part of ['logs', 'User/globalStorage', 'User/workspaceStorage']) {
    const from = path.join(userDataDir, part);
    if (fs.existsSync(from)) fs.cpSync(from, path.join(runDir, 'code-server', path.basename(home), part), { recursive: true });
  }
}
