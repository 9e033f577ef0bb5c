import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LocalServiceError } from '../../../src/local/localServiceError';
import type { LocalServiceSpec } from '../../../src/local/localServiceSpec';
import { explainMissingModel, modelMissing, trainingFor } from '../../../src/local/trainingScript';

const folder = (files: Record<string, string>): string => {
  const dir = mkdtempSync(path.join(tmpdir(), 'aks-train-unit-'));
  for (const [f, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    writeFileSync(path.join(dir, f), content);
  }
  return dir;
};
const spec = (dir: string): LocalServiceSpec => ({
  name: 'iris', sourceDirectory: dir, entryScript: 'score.py', modelDirs: [], environmentVariables: {}, scoringTimeoutMs: 60000, workerCount: 1,
});
const initFailed = () => new LocalServiceError('initFailed', 'The entry script failed while starting: FileNotFoundError: …', {
  scriptError: { exception: 'FileNotFoundError: model.pkl not found', traceback: '' }, logTail: ['Traceback …'],
});

describe('local engine: which folders can train and whether their model is missing', () => {
  it('a folder with train.py and no model/ files is missing its model; a trained one is not', () => {
    const untrained = folder({ 'train.py': '', 'score.py': '' });
    assert.equal(trainingFor(untrained)?.script, path.join(untrained, 'train.py'));
    assert.equal(modelMissing(untrained), true);
    mkdirSync(path.join(untrained, 'model'));
    assert.equal(modelMissing(untrained), true, 'an empty model/ is still missing');
    assert.equal(modelMissing(folder({ 'train.py': '', 'model/nested/model.pkl': 'x' })), false);
    assert.equal(trainingFor(folder({ 'score.py': '' })), undefined);
    assert.equal(modelMissing(folder({ 'score.py': '' })), false, 'nothing to train with: never "missing"');
  });

  it('turns an init() failure of an untrained folder into the typed modelMissing error, keeping the details', () => {
    const dir = folder({ 'train.py': '', 'score.py': '' });
    const err = explainMissingModel(initFailed(), spec(dir));
    assert.ok(err instanceof LocalServiceError);
    assert.equal(err.kind, 'modelMissing');
    assert.equal(err.details.trainScript, path.join(dir, 'train.py'));
    assert.equal(err.details.scriptError?.exception, 'FileNotFoundError: model.pkl not found');
    assert.match(err.message, /^iris has no trained model yet \(model\/ is missing, so init\(\) failed\)\. Train Model runs train\.py/);
  });

  it('leaves every other failure as it was', () => {
    const trained = folder({ 'train.py': '', 'model/model.pkl': 'x' });
    const original = initFailed();
    assert.equal(explainMissingModel(original, spec(trained)), original, 'the model is there: a real init() bug');
    assert.equal(explainMissingModel(original, spec(folder({ 'score.py': '' }))), original, 'no training script');
    const pip = new LocalServiceError('pipFailed', 'pip could not install x');
    assert.equal(explainMissingModel(pip, spec(folder({ 'train.py': '' }))), pip, 'not a start-up failure');
    const plain = new Error('boom');
    assert.equal(explainMissingModel(plain, spec(folder({ 'train.py': '' }))), plain);
  });
});
