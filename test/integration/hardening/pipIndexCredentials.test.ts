// Hardening (issue 19, medium): a PIP_INDEX_URL with credentials was recorded in the image history through a build
// argument. Real dockerd; the pushed-to-be image is read from the outside (history, config, every layer).
import assert from 'node:assert/strict';
import { buildLocalImage } from '../../../src/local/dockerRunner';
import { startDockerEngine, type DockerEngine } from '../../support/dockerEngine';
import { testLogger } from '../local/sampleModel';
import { registerTestSecret } from '../../support/testSecrets';
import { dockerSync, hardeningStorage, projectSpec, savedImage, writeProject } from './imageProbe';

const PASSWORD = 'hardening-pip-pass-93d2e1';

describe('hardening: pip index credentials never reach the image history or layers (real dockerd)', function () {
  this.timeout(900_000);
  let engine: DockerEngine;
  const saved = { index: process.env.PIP_INDEX_URL, extra: process.env.PIP_EXTRA_INDEX_URL };
  before(() => { engine = startDockerEngine(); });
  after(() => {
    for (const [k, v] of [['PIP_INDEX_URL', saved.index], ['PIP_EXTRA_INDEX_URL', saved.extra]] as const) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    // Containers only: the engine is shared with every other suite running on this machine, so it is left running.
    engine.removeContainers();
  });

  it('installs through the credentialled index and leaves no trace of it in docker history, config or layers', async () => {
    // PyPI ignores the basic-auth user, so the build really goes through this URL and must still succeed.
    registerTestSecret(PASSWORD);
    process.env.PIP_INDEX_URL = `https://hardening-user:${PASSWORD}@pypi.org/simple/`;
    process.env.PIP_EXTRA_INDEX_URL = `https://extra-user:${PASSWORD}-extra@pypi.org/simple/`;
    const logged: string[] = [];
    const logger = { ...testLogger, info: (m: string) => { logged.push(m); testLogger.info(m); } };
    const image = await buildLocalImage(projectSpec(writeProject({}), engine.baseImage), { storageDir: hardeningStorage('pip-credentials'), dockerHost: engine.host, logger });
    const history = dockerSync(engine.host, ['history', '--no-trunc', '--format', '{{.CreatedBy}}', image.tag]);
    assert.equal(history.code, 0, history.out);
    assert.ok(!history.out.includes(PASSWORD), `docker history shows the password:\n${history.out}`);
    const config = dockerSync(engine.host, ['image', 'inspect', image.tag]);
    assert.ok(!config.out.includes(PASSWORD), 'the image config holds the password');
    assert.equal(savedImage(engine.host, image.tag).indexOf(PASSWORD), -1, 'a layer holds the password');
    assert.ok(!logged.join('\n').includes(PASSWORD), 'the build log shows the password');
  });
});
