import assert from 'node:assert/strict';
import fs from 'node:fs';
import { apiVersions } from '../../../src/azure/apiVersions';
import { swaggerFiles } from '../../support/armReplay/specIndex';
import { specFile } from '../../support/specsDir';

describe('api-versions match the swaggers in the specs folder', () => {
  const versionOf = (needle: string) => {
    const rel = swaggerFiles.find((f) => f.includes(needle)) as string;
    return (JSON.parse(fs.readFileSync(specFile(rel), 'utf8')) as { info: { version: string } }).info.version;
  };
  it('subscriptions, machine learning and container service', () => {
    assert.equal(apiVersions.subscriptions, versionOf('subscriptions.json'));
    assert.equal(apiVersions.machineLearning, versionOf('mfe.json'));
    assert.equal(apiVersions.machineLearning, versionOf('workspaceRP.json'));
    assert.equal(apiVersions.containerService, versionOf('managedClusters.json'));
  });
});
