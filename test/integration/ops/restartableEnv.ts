// The kube-testenv binary started on a fixed port and data dir, so it can be stopped and started again on the
// same etcd data (an API server restart). startKubeTestEnv() exposes neither option, so this spawns the same
// binary (built and cached by ensureKubeTestEnvBuilt) with --port, --data-dir and extra kube-apiserver flags.
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ensureKubeTestEnvBuilt } from '../../support/kubeTestEnv';

export interface Started {
  kubeconfigPath: string;
  server: string;
}

export class RestartableKubeEnv {
  readonly dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ops-kube-'));
  port = 0;
  private child: ChildProcessWithoutNullStreams | undefined;
  private exited: Promise<void> | undefined;

  constructor(private readonly apiserverFlags: string[] = []) {}

  async start(): Promise<Started> {
    const bin = await ensureKubeTestEnvBuilt();
    if (!this.port) this.port = await freePort();
    const child = spawn(bin, ['--exit-on-stdin-close', `--port=${this.port}`, `--data-dir=${this.dataDir}`, ...this.apiserverFlags.map((f) => `--apiserver-flag=${f}`)], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.child = child;
    this.exited = new Promise((resolve) => child.on('close', () => resolve()));
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-8000)));
    return new Promise((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`kube-testenv not ready in 120 s: ${stderr}`)), 120_000);
      void this.exited!.then(() => reject(new Error(`kube-testenv exited before ready: ${stderr}`)));
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const nl = out.indexOf('\n');
        if (nl < 0) return;
        clearTimeout(timer);
        const line = JSON.parse(out.slice(0, nl)) as { kubeconfig: string; server: string };
        resolve({ kubeconfigPath: line.kubeconfig, server: line.server });
      });
    });
  }

  async stop(): Promise<void> {
    if (!this.child || this.child.exitCode !== null) return;
    this.child.kill('SIGTERM');
    await this.exited;
    this.child.stdin.destroy();
  }

  async dispose(): Promise<void> {
    await this.stop();
    fs.rmSync(this.dataDir, { recursive: true, force: true });
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}
