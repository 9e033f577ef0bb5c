import assert from 'node:assert/strict';
import { groupModelFolders, isDeploymentConfigName, isInferenceConfigName, isModelFolderMarker } from '../../src/core/modelFolder';

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

describe('model folder grouping', () => {
  it('groups markers by folder and attaches deployment configs only to model folders', () => {
    const folders = groupModelFolders([
      '/w/b/score.py', '/w/b/deploymentconfig.json', '/w/a/inferenceconfig.json', '/w/a/dc.yml',
      '/w/c/deploymentconfig.json', '/w/b/train.py',
    ]);
    assert.deepEqual(folders, [
      { folder: '/w/a', files: ['/w/a/dc.yml', '/w/a/inferenceconfig.json'] },
      { folder: '/w/b', files: ['/w/b/deploymentconfig.json', '/w/b/score.py'] },
    ]);
  });
  it('recognises deployment config names people use', () => {
    for (const n of ['deploymentconfig.json', 'aks_deploy.json', 'aksDeploymentConfig.yml', 'dc.yml']) assert.ok(isDeploymentConfigName(n), n);
    assert.equal(isDeploymentConfigName('inferenceconfig.json'), false);
  });
});
