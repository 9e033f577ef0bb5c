import assert from 'node:assert/strict';
import { mayBeConfigDocument } from '../../../src/core/config/configKind';
import { configProblemsForDocument } from '../../../src/core/config';

describe('cheap config pre-filter', () => {
  it('lets through every document the parser would treat as a config', () => {
    const configs: [string, string][] = [
      ['/p/deploymentconfig.json', '{}'],
      ['/p/dc.yml', 'computeType: aks\n'],
      ['/p/whatever.json', '{ "entryScript": "score.py" }'],
      ['/p/x.yaml', "'computeType': aks\nautoScaler:\n  minReplicas: 1\n"],
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

describe('cheap config pre-filter, against the parser', () => {
  it('never hides a document the parser treats as a config (superset over many shapes)', () => {
    const names = ['a.json', 'b.yml', 'deploymentconfig.json', 'my_inference.yaml', 'app.yaml', 'x.txt'];
    const keys = ['computeType', 'entryScript', 'environment', 'autoScaler', 'numReplicas', 'runtime', 'name', 'scripts'];
    let configs = 0;
    for (const name of names) {
      for (const key of keys) {
        for (const text of [`{"${key}": 1}`, `${key}: x\n`, `'${key}': {}\n`, `{ "nested": { "${key}": 2 } }`]) {
          const isConfig = configProblemsForDocument(`/p/${name}`, text) !== undefined;
          if (isConfig) configs++;
          if (isConfig) assert.ok(mayBeConfigDocument(`/p/${name}`, text), `${name}: ${text}`);
        }
      }
    }
    assert.ok(configs > 20, `the sample holds configs (${configs})`);
  });
});
