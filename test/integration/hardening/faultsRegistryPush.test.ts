// Fault injection (issue 19): the image registry goes away in the middle of a push. The real private dockerd pushes
// the sample's real image to the real registry (Debian's docker-registry) through a TCP proxy that resets every
// connection and stops listening when the first layer upload (a PATCH of blob data) passes: the registry "dies"
// mid-push. The deploy's publish step must end with one line that names the registry, and a re-run once the
// registry is back must converge (the tag is served).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { imageContent } from '../../../src/local/imageContent';
import { LocalServiceError } from '../../../src/local/localServiceError';
import type { LocalServiceSpec } from '../../../src/local/localServiceSpec';
import { publishImage } from '../../../src/local/publishImage';
import { startDockerEngine, type DockerEngine } from '../../support/dockerEngine';
import { startLocalRegistry, type LocalRegistry } from '../../support/localRegistry';
import { TcpProxy } from '../../support/tcpProxy';
import { prepareSample, testLogger } from '../local/sampleModel';

describe('hardening faults: the image registry dies in the middle of a push (real dockerd, real registry)', function () {
  this.timeout(1_200_000);
  let engine: DockerEngine;
  let registry: LocalRegistry;
  let proxy: TcpProxy;
  let address: string;
  let cut = false;
  let spec: LocalServiceSpec;
  const storageDir = mkdtempSync(path.join(tmpdir(), 'aks-push-fault-'));
  const madeHere = new Set<string>();

  before(async () => {
    engine = startDockerEngine();
    registry = await startLocalRegistry();
    const [host, port] = registry.address.split(':');
    proxy = new TcpProxy({ host, port: Number(port) });
    address = `127.0.0.1:${await proxy.start()}`;
    // Plain HTTP/1.1: a request line starts a chunk; a PATCH carries a layer's bytes.
    void proxy.cutAtRequest((chunk) => chunk.includes('PATCH /v2/')).then(() => (cut = true));
    spec = { ...(await prepareSample()).spec, baseImage: engine.baseImage };
  });
  after(async () => {
    if (engine) for (const ref of madeHere) spawnSync('docker', ['image', 'rm', ref], { env: { ...process.env, DOCKER_HOST: engine.host } });
    await proxy?.stop();
    await registry?.stop();
    engine?.stop();
  });

  it('one line naming the registry, nothing served; the re-run once it is back pushes and converges', async () => {
    const publish = () => publishImage(spec, { registry: address, storageDir, dockerHost: engine.host, logger: testLogger });
    const err = await publish().then(() => undefined, (e: unknown) => e);
    assert.ok(cut, 'the proxy saw a layer upload and cut it');
    assert.ok(err instanceof LocalServiceError, String(err));
    assert.ok(!err.message.includes('\n'), `one line: ${err.message}`);
    assert.ok(err.message.includes(address), err.message);
    console.log(`      the deploy's publish step said: ${err.message}`);
    const content = await imageContent(spec);
    madeHere.add(content.localTag);
    const tags = async () => {
      const res = await fetch(`${registry.url}/v2/sklearn-iris/tags/list`);
      return res.status === 404 ? [] : (((await res.json()) as { tags: string[] | null }).tags ?? []);
    };
    assert.deepEqual(await tags(), [], 'no tag is served after the failed push');

    await proxy.restore();
    const again = await publish();
    madeHere.add(again.imageRef);
    assert.equal(again.pushed, true);
    assert.ok((await tags()).includes(again.tag), 'the re-run converged: the tag is served');
  });
});
