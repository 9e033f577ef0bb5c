import assert from 'node:assert/strict';
import { freeFolderName, sampleProjectFiles } from '../../src/core/sampleProject';
import { isModelFolderMarker } from '../../src/core/modelFolder';

describe('sample project', () => {
  it('has the files of an Azure ML v1 model project and is recognised as a model folder', () => {
    const files = sampleProjectFiles().map((f) => f.path);
    for (const f of ['train.py', 'score.py', 'conda.yml', 'inferenceconfig.json', 'deploymentconfig.json', 'README.md']) {
      assert.ok(files.includes(f), f);
    }
    assert.ok(files.some(isModelFolderMarker));
  });
  it('writes valid JSON configs that point at existing files', () => {
    const byPath = new Map(sampleProjectFiles().map((f) => [f.path, f.content]));
    const inference = JSON.parse(byPath.get('inferenceconfig.json')!);
    assert.ok(byPath.has(inference.entryScript));
    assert.ok(byPath.has(inference.environment.python.condaDependenciesFile));
    assert.equal(JSON.parse(byPath.get('deploymentconfig.json')!).computeType, 'aks');
  });
  it('ships no binary model file', () => {
    assert.ok(sampleProjectFiles().every((f) => !/\.(pkl|joblib|onnx|pt)$/.test(f.path)));
  });
  it('picks a free folder name instead of overwriting', async () => {
    const taken = new Set(['sklearn-iris', 'sklearn-iris-2']);
    assert.equal(await freeFolderName('sklearn-iris', async (c) => taken.has(c)), 'sklearn-iris-3');
    assert.equal(await freeFolderName('other', async (c) => taken.has(c)), 'other');
  });
});
