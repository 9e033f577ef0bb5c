// The Python environment is a tagged image (aksmodel-env:<hash>), not an untagged build stage: a user's
// `docker image prune -f` used to delete that stage, and their next deploy reinstalled the environment (minutes).
// Real dockerd: build, prune, rebuild after a score.py change, and read the second build's own output.
import assert from 'node:assert/strict';
import { appendFileSync } from 'node:fs';
import path from 'node:path';
import { ENVIRONMENT_LABEL, buildLocalImage } from '../../../src/local/dockerRunner';
import { imageContent } from '../../../src/local/imageContent';
import { startDockerEngine, type DockerEngine } from '../../support/dockerEngine';
import { dockerSync, hardeningStorage, projectSpec, writeProject } from '../hardening/imageProbe';
import { testLogger } from './sampleModel';

describe('the Python environment image survives docker image prune (real dockerd)', function () {
  this.timeout(900_000);
  let engine: DockerEngine;
  before(() => { engine = startDockerEngine(); });
  after(() => engine.removeContainers());

  it('after docker image prune -f, a rebuild of the same environment reuses it and installs nothing', async () => {
    const dir = writeProject({});
    const spec = projectSpec(dir, engine.baseImage);
    const storageDir = hardeningStorage('environment-image');
    const build = async () => {
      const logged: string[] = [];
      const logger = { ...testLogger, info: (m: string) => { logged.push(m); testLogger.info(m); } };
      const image = await buildLocalImage(spec, { storageDir, dockerHost: engine.host, logger });
      return { image, log: logged.join('\n') };
    };
    const { environmentImage } = await imageContent(spec);
    const envId = () => dockerSync(engine.host, ['image', 'inspect', '--format', '{{.Id}}', environmentImage]);

    const first = await build();
    const before = envId();
    assert.equal(before.code, 0, `${environmentImage} is not there after the first build:\n${before.out}`);
    const label = dockerSync(engine.host, ['image', 'inspect', '--format', `{{index .Config.Labels "${ENVIRONMENT_LABEL}"}}`, environmentImage]);
    assert.equal(label.out.trim(), 'true');

    // What a user does to free space: removes every untagged image that no tagged image needs.
    const pruned = dockerSync(engine.host, ['image', 'prune', '-f']);
    assert.equal(pruned.code, 0, pruned.out);
    assert.equal(envId().out, before.out, `docker image prune removed or changed ${environmentImage}`);

    appendFileSync(path.join(dir, 'score.py'), '# a one-line change\n');
    const second = await build();
    assert.notEqual(second.image.contentHash, first.image.contentHash);
    assert.ok(second.image.built, 'the changed folder was not rebuilt');
    assert.match(second.log, new RegExp(`environment image ${environmentImage} is there; not reinstalling`));
    // pip's own output, had the environment been installed again.
    assert.doesNotMatch(second.log, /Collecting |Successfully installed|pip", "install"/, 'the second build installed the environment again');
    // The model image's venv is the environment image's: the server imports from it.
    const run = dockerSync(engine.host, ['run', '--rm', '--network', 'none', '--entrypoint', 'python', second.image.tag, '-c', 'import azureml_inference_server_http, sys; print(sys.prefix)']);
    assert.equal(run.code, 0, run.out);
    assert.equal(run.out.trim(), '/opt/aksmodel/venv');
  });
});
