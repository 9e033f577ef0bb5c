// Hardening (issue 19, medium/low): a folder named "My Model" broke the Dockerfile, and `$(…)` in a conda pip line
// ran in the shell during `docker build`. Real dockerd; the result is read from the image and the build error.
import assert from 'node:assert/strict';
import { buildLocalImage } from '../../../src/local/dockerRunner';
import { LocalServiceError } from '../../../src/local/localServiceError';
import { startDockerEngine, type DockerEngine } from '../../support/dockerEngine';
import { testLogger } from '../local/sampleModel';
import { dockerSync, filesInImage, hardeningStorage, projectSpec, writeProject } from './imageProbe';

describe('hardening: Dockerfile injection through names and pip lines (real dockerd)', function () {
  this.timeout(900_000);
  let engine: DockerEngine;
  before(() => { engine = startDockerEngine(); });
  // Containers only: the engine is shared with every other suite running on this machine, so it is left running.
  after(() => engine.removeContainers());

  it('builds a folder named "My Model", with ENV values kept literal ($ and quotes not expanded)', async () => {
    const dir = writeProject({}, 'My Model');
    const spec = projectSpec(dir, engine.baseImage, { environmentVariables: { GREETING: 'say "hi" to $HOME' } });
    const image = await buildLocalImage(spec, { storageDir: hardeningStorage('my-model'), dockerHost: engine.host, logger: testLogger });
    assert.ok(filesInImage(engine.host, image.tag, '/var/azureml-app').includes('/var/azureml-app/My_Model/score.py'));
    const env = JSON.parse(dockerSync(engine.host, ['image', 'inspect', '--format', '{{json .Config.Env}}', image.tag]).out) as string[];
    assert.ok(env.includes('GREETING=say "hi" to $HOME'), env.join('\n'));
    assert.ok(env.includes('AZUREML_ENTRY_SCRIPT=/var/azureml-app/My_Model/score.py'), env.join('\n'));
  });

  it('hands a conda pip line with $(…) to pip as one literal argument: no shell runs it', async () => {
    const spec = projectSpec(writeProject({}), engine.baseImage, { pipPackages: ['debugpy$(touch /tmp/hardening-pwned)'] });
    const err = await buildLocalImage(spec, { storageDir: hardeningStorage('pip-subshell'), dockerHost: engine.host, logger: testLogger }).then(() => undefined, (e: unknown) => e);
    // Through a shell, `touch` ran and pip installed plain "debugpy": the build passed. As one argument pip refuses it.
    assert.ok(err instanceof LocalServiceError, `the build passed: the shell ran $(…) (${String(err)})`);
    assert.equal(err.kind, 'buildFailed');
    assert.match(err.details.step ?? '', /"debugpy\$\(touch \/tmp\/hardening-pwned\)"/);
  });
});
