// Hardening (issue 19, high): the image carried the user's secrets — the build context copied the whole folder and
// read no ignore file. Real dockerd; the image is inspected from the outside (docker save, a container's `find`).
import assert from 'node:assert/strict';
import { buildLocalImage } from '../../../src/local/dockerRunner';
import { startDockerEngine, type DockerEngine } from '../../support/dockerEngine';
import { testLogger } from '../local/sampleModel';
import { filesInImage, hardeningStorage, projectSpec, savedImage, writeProject } from './imageProbe';

const SECRET = 'AZURE_CLIENT_SECRET=hardening-fake-secret-5f1c9e';
const KEY = '-----BEGIN OPENSSH PRIVATE KEY-----\nhardening-fake-key-77ab31\n';

describe('hardening: the build context honours .amlignore/.gitignore and never carries secrets (real dockerd)', function () {
  this.timeout(900_000);
  let engine: DockerEngine;
  before(() => { engine = startDockerEngine(); });
  // Containers only: the engine is shared with every other suite running on this machine, so it is left running.
  after(() => engine.removeContainers());

  it('keeps .env, keys and .git out of every layer, honours .amlignore over .gitignore', async () => {
    const dir = writeProject({
      '.env': `${SECRET}\n`, 'config/.env.production': `${SECRET}\n`, 'model/id_rsa': KEY, 'deploy.pem': KEY,
      '.git/config': '[remote "origin"]\n', '.amlignore': 'notes/\n*.tmp\n', '.gitignore': 'kept-by-amlignore.txt\n',
      'notes/todo.md': 'x\n', 'scratch.tmp': 'x\n', 'kept-by-amlignore.txt': 'kept\n', 'util.py': 'X = 1\n',
    });
    const image = await buildLocalImage(projectSpec(dir, engine.baseImage), { storageDir: hardeningStorage('amlignore'), dockerHost: engine.host, logger: testLogger });
    const files = filesInImage(engine.host, image.tag, '/var/azureml-app');
    assert.deepEqual(files, [
      '/var/azureml-app/azureml-models/hardening/1/model.txt',
      '/var/azureml-app/proj/.amlignore',
      '/var/azureml-app/proj/.gitignore',
      '/var/azureml-app/proj/kept-by-amlignore.txt',
      '/var/azureml-app/proj/score.py',
      '/var/azureml-app/proj/util.py',
    ]);
    const saved = savedImage(engine.host, image.tag);
    assert.equal(saved.indexOf('hardening-fake-secret-5f1c9e'), -1, 'the .env secret is in a layer');
    assert.equal(saved.indexOf('hardening-fake-key-77ab31'), -1, 'a private key is in a layer');
  });

  it('falls back to .gitignore when there is no .amlignore; the model folder keeps its own rules', async () => {
    // A project .gitignore commonly lists the trained model: the model still goes in (it has its own layer and rules).
    const dir = writeProject({ '.gitignore': 'data/\n*.csv\n!keep.csv\nmodel/\n', 'data/big.bin': 'x\n', 'train.csv': 'a,b\n', 'keep.csv': 'a,b\n' });
    const image = await buildLocalImage(projectSpec(dir, engine.baseImage), { storageDir: hardeningStorage('gitignore'), dockerHost: engine.host, logger: testLogger });
    assert.deepEqual(filesInImage(engine.host, image.tag, '/var/azureml-app'), [
      '/var/azureml-app/azureml-models/hardening/1/model.txt', '/var/azureml-app/proj/.gitignore', '/var/azureml-app/proj/keep.csv', '/var/azureml-app/proj/score.py',
    ]);
  });
});
