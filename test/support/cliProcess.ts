// Runs the CLI as users do (its own process: through tsx from the sources, or the built dist/cli.js) and records when
// it exited and how.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { registerTestSecret } from './testSecrets';

const repo = path.resolve(__dirname, '../..');

export interface CliRun {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code (or the signal's name) and when it happened. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
  /** Resolves with the exit code once the process has exited and its output streams are read to their end. */
  closed: Promise<number | null>;
}

export function runCli(args: string[], env: Record<string, string>, cwd = repo): CliRun {
  return spawnCli(['--import=tsx', path.join(repo, 'src/cli/main.ts'), ...args], env, cwd);
}

/** The shipped CLI: the built `dist/cli.js` (the package's `aks-model-deploy` bin) under `node`. */
export function runBuiltCli(args: string[], env: Record<string, string>, cwd = repo): CliRun {
  const bin = path.join(repo, 'dist/cli.js');
  if (!fs.existsSync(bin)) throw new Error(`${bin} is missing: run \`npm run build\` first (npm test builds it before the tiers)`);
  return spawnCli([bin, ...args], env, cwd);
}

function spawnCli(argv: string[], env: Record<string, string>, cwd: string): CliRun {
  const child = spawn(process.execPath, argv, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, at: Date.now() })),
  );
  const closed = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exited, closed };
}

/** A real TCP listener that accepts connections and never answers (not even the TLS handshake). */
export async function startSilentServer(): Promise<{ url: string; connected: Promise<number>; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  let first: (at: number) => void = () => {};
  const connected = new Promise<number>((resolve) => (first = resolve));
  const server = net.createServer((s) => {
    sockets.add(s);
    s.on('error', () => undefined);
    s.on('close', () => sockets.delete(s));
    first(Date.now());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `https://127.0.0.1:${port}`,
    connected,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A loopback port nothing listens on (bound once to get a free number, then closed): connections are refused. */
export async function refusedUrl(): Promise<string> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `https://127.0.0.1:${port}`;
}

/** A kubeconfig file with one context (namespace "default") for `server`, a bearer token and no CA check. */
export function kubeconfigFor(server: string, token = 'not-a-real-token'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aks-kubeconfig-'));
  const file = path.join(dir, 'config');
  registerTestSecret(token);
  fs.writeFileSync(
    file,
    `apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster:\n    server: ${server}\n    insecure-skip-tls-verify: true\nusers:\n- name: u\n  user:\n    token: ${token}\n` +
      `contexts:\n- name: c\n  context:\n    cluster: c\n    user: u\n    namespace: default\ncurrent-context: c\n`,
  );
  return file;
}
