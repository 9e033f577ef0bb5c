// The kube-testenv process itself: it serves /readyz on 127.0.0.1 and leaves nothing behind when stopped.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { startKubeTestEnv } from '../../support/kubeTestEnv';

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

      await env.stop();
      stopped = true;
      assert.equal(await portOpen(Number(url.port)), false);
      assert.equal(fs.existsSync(path.dirname(env.kubeconfigPath)), false, 'temp dir left behind');
      await env.stop(); // idempotent
    } finally {
      if (!stopped) await env.stop();
    }
  });
});
