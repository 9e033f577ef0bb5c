// Hardening (issue 19, low): a symlinked model/ folder failed the build, and relative links in the source became
// absolute host paths. Real dockerd; links are read back from the image with find -printf.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildLocalImage } from '../../../src/local/dockerRunner';
import { startDockerEngine, type DockerEngine } from '../../support/dockerEngine';
import { testLogger } from '../local/sampleModel';
import { dockerSync, hardeningStorage, projectSpec, writeProject } from './imageProbe';

describe('hardening: symbolic links in the source and model folders (real dockerd)', function () {
  this.timeout(900_000);
  let engine: DockerEngine;
  before(() => { engine = startDockerEngine(); });
  // Containers only: the engine is shared with every other suite running on this machine, so it is left running.
  after(() => engine.removeContainers());

  it('builds a model/ linked to another disk, keeps relative links relative and never writes a host path', async () => {
    const outside = mkdtempSync(path.join(tmpdir(), 'aks-hardening-disk-'));
    mkdirSync(path.join(outside, 'weights'));
    writeFileSync(path.join(outside, 'weights', 'model.txt'), 'linked weights\n');
    writeFileSync(path.join(outside, 'shared.py'), 'SHARED = 1\n');
    const dir = writeProject({ 'util.py': 'X = 1\n' });
    const model = path.join(dir, 'model');
    // writeProject made model/ a folder; replace it with a link to the other disk.
    rmSync(model, { recursive: true });
    symlinkSync(path.join(outside, 'weights'), model);
    symlinkSync('util.py', path.join(dir, 'alias.py'));
    symlinkSync(path.join(outside, 'shared.py'), path.join(dir, 'shared.py'));
    const image = await buildLocalImage(projectSpec(dir, engine.baseImage), { storageDir: hardeningStorage('symlinks'), dockerHost: engine.host, logger: testLogger });
    const listing = dockerSync(engine.host, ['run', '--rm', '--network', 'none', '--entrypoint', 'find', image.tag, '/var/azureml-app', '-mindepth', '2', '-printf', '%p %y %l\n']);
    assert.equal(listing.code, 0, listing.out);
    assert.deepEqual(listing.out.split('\n').filter(Boolean).map((l) => l.trim()).sort(), [
      '/var/azureml-app/azureml-models/hardening d',
      '/var/azureml-app/azureml-models/hardening/1 d',
      '/var/azureml-app/azureml-models/hardening/1/model.txt f',
      '/var/azureml-app/proj/alias.py l util.py',
      '/var/azureml-app/proj/score.py f',
      '/var/azureml-app/proj/shared.py f',
      '/var/azureml-app/proj/util.py f',
    ]);
    assert.ok(!listing.out.includes(tmpdir()), 'a host path is in the image');
  });
});
