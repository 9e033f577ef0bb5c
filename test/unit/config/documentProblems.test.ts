import assert from 'node:assert/strict';
import { configProblemsForDocument } from '../../../src/core/config';

describe('which editor documents get config diagnostics', () => {
  it('checks files whose name says they are configs, even when broken', () => {
    const p = configProblemsForDocument('/w/deploymentconfig.json', '{"computeType": ');
    assert.ok(p && p.length === 1 && p[0].severity === 'error');
    assert.deepEqual(configProblemsForDocument('/w/my_inferenceconfig.yml', 'entryScript: score.py\nruntime: python\n'), []);
  });

  it('checks other JSON/YAML files only when their content is a config', () => {
    assert.equal(configProblemsForDocument('/w/package.json', '{"name": "x", "version": "1.0.0"}'), undefined);
    assert.equal(configProblemsForDocument('/w/broken.json', '{'), undefined);
    assert.equal(configProblemsForDocument('/w/notes.md', 'computeType: aks'), undefined);
    assert.equal(configProblemsForDocument('/w/.github/workflows/deploy.yml', 'on: push\njobs: {}\n'), undefined);
    assert.equal(configProblemsForDocument('/w/aks_deploy.json', '{"computeType": "aks"}')?.length, 0);
    assert.equal(configProblemsForDocument('/w/app.yaml', 'runtime: python39\nhandlers: []\n'), undefined);
    assert.equal(configProblemsForDocument('/w/conda.yml', 'name: x\ndependencies: [numpy]\n'), undefined);
    const p = configProblemsForDocument('/w/dc.yml', 'computeType: aks\nnumReplicas: -1\n');
    assert.equal(p?.[0].path, 'numReplicas');
  });

  it('passes the file access through (existence checks only when given)', () => {
    const text = '{"entryScript": "score.py", "runtime": "python"}';
    assert.deepEqual(configProblemsForDocument('/w/inferenceconfig.json', text), []);
    const p = configProblemsForDocument('/w/inferenceconfig.json', text, { fileExists: () => false });
    assert.equal(p?.[0].path, 'entryScript');
  });
});
