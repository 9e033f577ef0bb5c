import assert from 'node:assert/strict';
import { isInferenceConfigName, isModelFolderMarker } from '../../src/core/modelFolder';

describe('model folder markers', () => {
  it('recognises inference config names people use', () => {
    for (const n of ['inferenceconfig.json', 'my_inferenceconfig.json', 'inference_config.yml', 'prod-inferenceConfig.yaml']) {
      assert.equal(isInferenceConfigName(n), true, n);
    }
  });
  it('rejects other config files', () => {
    for (const n of ['deploymentconfig.json', 'inference.json', 'config.json', 'inferenceconfig.txt']) {
      assert.equal(isInferenceConfigName(n), false, n);
    }
  });
  it('treats score.py as a marker, case-insensitively', () => {
    assert.equal(isModelFolderMarker('/x/y/Score.py'), true);
    assert.equal(isModelFolderMarker('/x/y/train.py'), false);
  });
});
