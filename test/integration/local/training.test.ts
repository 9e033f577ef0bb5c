// Train Model in the engine, against real components: the sample as created (no model), Run Locally's typed
// "no trained model yet" error from the real azmlinfsrv, training with the project's own venv and with its
// Docker image (never the system python3, which has no scikit-learn here), then the trained sample scores.
import assert from 'node:assert/strict';
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sampleProjectFiles } from '../../../src/core/sampleProject';
import { LocalServiceError } from '../../../src/local/localServiceError';
import type { LocalServiceSpec } from '../../../src/local/localServiceSpec';
import { localSpecForFolder } from '../../../src/local/modelFolderSpec';
import { startProcessService } from '../../../src/local/processRunner';
import { trainModel } from '../../../src/local/training';
import { startDockerEngine, type DockerEngine } from '../../support/dockerEngine';
import { assertServesSample, cacheRoot, processStorage, testLogger } from './sampleModel';

function freshSample(): { dir: string; spec: () => LocalServiceSpec } {
  const dir = mkdtempSync(path.join(tmpdir(), 'aks-train-sample-'));
  for (const f of sampleProjectFiles()) writeFileSync(path.join(dir, f.path), f.content);
  const spec = () => {
    const r = localSpecForFolder(dir);
    if (!r.ok) throw new Error(r.problems.join('\n'));
    return { ...r.spec, name: 'sklearn-iris' };
  };
  return { dir, spec };
}

describe('local engine: Train Model (real azmlinfsrv, venv and dockerd)', function () {
  this.timeout(900_000);

  it('process mode: the untrained sample fails with modelMissing, trains in the project venv, then scores', async () => {
    const sample = freshSample();
    const err = await startProcessService(sample.spec(), { storageDir: processStorage, logger: testLogger }).then(
      async (s) => { await s.stop(); return undefined; },
      (e: unknown) => e,
    );
    assert.ok(err instanceof LocalServiceError, String(err));
    assert.equal(err.kind, 'modelMissing', err.message);
    assert.equal(err.details.trainScript, path.join(sample.dir, 'train.py'));
    assert.match(err.details.scriptError?.exception ?? '', /^FileNotFoundError: model\.pkl not found/);

    const trained = await trainModel(sample.spec(), sample.dir, 'process', { storageDir: processStorage, logger: testLogger });
    assert.equal(trained.modelDir, path.join(sample.dir, 'model'));
    assert.ok(statSync(path.join(trained.modelDir, 'model.pkl')).size > 0);
    assert.match(trained.outputTail.join('\n'), /training accuracy 0\.9/);

    const spec = sample.spec();
    assert.equal(spec.modelDirs[0].path, trained.modelDir, 'the trained model/ is what Run Locally serves now');
    const service = await startProcessService(spec, { storageDir: processStorage, logger: testLogger });
    try {
      await assertServesSample(service, { dir: sample.dir, spec, request: JSON.stringify({ data: [[5.1, 3.5, 1.4, 0.2], [6.7, 3.0, 5.2, 2.3]] }) });
    } finally {
      await service.stop();
    }
  });

  it('a failing train.py is a trainFailed error naming its line', async () => {
    const sample = freshSample();
    writeFileSync(path.join(sample.dir, 'train.py'), 'import sys\n\nraise SystemError("no data")\n');
    const err = await trainModel(sample.spec(), sample.dir, 'process', { storageDir: processStorage, logger: testLogger }).then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof LocalServiceError, String(err));
    assert.equal(err.kind, 'trainFailed');
    assert.match(err.message, /SystemError: no data at .*train\.py:3/);
  });

  describe('Docker mode', () => {
    let engine: DockerEngine | undefined;
    before(() => { engine = startDockerEngine(); });
    after(() => engine?.stop());

    it('trains in the project image with the folder mounted; the model belongs to the local user', async () => {
      const sample = freshSample();
      const spec = { ...sample.spec(), baseImage: engine!.baseImage };
      const trained = await trainModel(spec, sample.dir, 'docker', { storageDir: path.join(cacheRoot, 'docker', 'train'), dockerHost: engine!.host, logger: testLogger });
      const model = statSync(path.join(trained.modelDir, 'model.pkl'));
      assert.ok(model.size > 0);
      assert.equal(model.uid, process.getuid!());
    });
  });
});
