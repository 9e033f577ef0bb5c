// The kube-testenv process itself: it serves /readyz on 127.0.0.1 and leaves nothing behind when stopped.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { startKubeTestEnv, sweepStaleKubeTestEnvDirs } from '../../support/kubeTestEnv';

const portOpen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port }, () => {
      s.destroy();
      resolve(true);
    });
    s.on('error', () => resolve(false));
  });

describe('kube-testenv lifecycle', function () {
  it('starts on 127.0.0.1, and stop() closes the port and removes its temp dir', async function () {
    this.timeout(1_800_000);
    const env = await startKubeTestEnv();
    let stopped = false;
    try {
      const url = new URL(env.server);
      assert.equal(url.protocol, 'https:');
      assert.equal(url.hostname, '127.0.0.1');
      assert.ok(fs.existsSync(env.kubeconfigPath));
      assert.equal(env.kubeConfig.getCurrentCluster()?.server, env.server);
      assert.equal(await portOpen(Number(url.port)), true);

      // stop() cleans up after a crashed process and says so on stderr; the process must not need that.
      const warnings: string[] = [];
      const write = process.stderr.write.bind(process.stderr);
      process.stderr.write = ((chunk: string | Uint8Array) => (warnings.push(String(chunk)), true)) as typeof process.stderr.write;
      try {
        await env.stop();
      } finally {
        process.stderr.write = write;
      }
      stopped = true;
      assert.deepEqual(warnings.filter((w) => w.includes('left')), []);
      assert.equal(await portOpen(Number(url.port)), false);
      assert.equal(fs.existsSync(path.dirname(env.kubeconfigPath)), false, 'temp dir left behind');
      await env.stop(); // idempotent
    } finally {
      if (!stopped) await env.stop();
    }
  });

  it('sweeps temp dirs of runs whose process is gone, and only those', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sweep-test-'));
    try {
      const deadPid = spawnSync(process.execPath, ['-e', '']).pid;
      assert.ok(deadPid);
      const dead = `kube-testenv-${deadPid}-12345`;
      const live = `kube-testenv-${process.pid}-12345`;
      const foreign = 'kube-testenv-123456789';
      for (const d of [dead, live, foreign]) fs.mkdirSync(path.join(tmp, d, 'etcd'), { recursive: true });
      assert.deepEqual(sweepStaleKubeTestEnvDirs(tmp), [dead]);
      assert.deepEqual(fs.readdirSync(tmp).sort(), [foreign, live].sort());
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
