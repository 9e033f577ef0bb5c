import assert from 'node:assert/strict';
import { mayBeConfigDocument } from '../../../src/core/config/configKind';
import { configProblemsForDocument } from '../../../src/core/config';

describe('cheap config pre-filter', () => {
  it('lets through every document the parser would treat as a config', () => {
    const configs: [string, string][] = [
      ['/p/deploymentconfig.json', '{}'],
      ['/p/dc.yml', 'computeType: aks\n'],
      ['/p/whatever.json', '{ "entryScript": "score.py" }'],
      ['/p/x.yaml', "'autoScaler':\n  minReplicas: 1\n"],
    ];
    for (const [name, text] of configs) {
      assert.ok(configProblemsForDocument(name, text) !== undefined, `parser: ${name}`);
      assert.ok(mayBeConfigDocument(name, text), `filter: ${name}`);
    }
  });
  it('skips documents that are not configs', () => {
    assert.equal(mayBeConfigDocument('/p/package.json', '{ "name": "x", "scripts": {} }'), false);
    assert.equal(mayBeConfigDocument('/p/score.py', 'computeType: 1'), false);
    assert.equal(configProblemsForDocument('/p/package.json', '{ "name": "x" }'), undefined);
  });
});
