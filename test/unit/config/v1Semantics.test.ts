import assert from 'node:assert/strict';
import { resolvePlainScalar } from '../../../src/core/config/pyyamlScalar';
import { parse, problemAt } from './support';

describe('config values as Azure ML v1 read them', () => {
  it('resolves plain scalars the PyYAML 6 way (the integration tier checks PyYAML itself)', () => {
    assert.deepEqual(resolvePlainScalar('.'), { type: 'str', value: '.' });
    assert.deepEqual(resolvePlainScalar('1e3'), { type: 'str', value: '1e3' });
    assert.deepEqual(resolvePlainScalar('09'), { type: 'str', value: '09' });
    assert.deepEqual(resolvePlainScalar('0_8'), { type: 'str', value: '0_8' });
    assert.deepEqual(resolvePlainScalar('017'), { type: 'int', value: 15 });
    assert.deepEqual(resolvePlainScalar('1.0e+3'), { type: 'float', value: 1000 });
    assert.deepEqual(resolvePlainScalar('1:30'), { type: 'int', value: 90 });
    assert.deepEqual(resolvePlainScalar('off'), { type: 'bool', value: false });
    assert.deepEqual(resolvePlainScalar('y'), { type: 'str', value: 'y' });
  });

  it('reads sourceDirectory: . as text, in YAML and in JSON number position alike', () => {
    const r = parse('entryScript: score.py\nsourceDirectory: .\nruntime: python\n', 'inferenceconfig.yml');
    assert.deepEqual(r.problems.filter((p) => p.severity === 'error'), []);
    const d = parse('{"computeType": "aks", "numReplicas": 1e3, "autoScaler": {"autoscaleEnabled": false}}', 'deploymentconfig.json');
    assert.match(problemAt(d, 'numReplicas', 'error').message, /text|compared/);
  });

  it('keeps switches as v1 read them: "false" is true, with a warning that says so', () => {
    const r = parse('{"computeType": "aks", "authEnabled": "false"}', 'deploymentconfig.json');
    assert.match(problemAt(r, 'authEnabled', 'warning').message, /Azure ML v1 read it as true/);
    if (r.kind !== 'deployment' || !r.config) throw new Error('a deployment config is expected');
    assert.equal(r.config.authEnabled, true);
  });

  it('refuses what v1 refused that a typed reading would let through', () => {
    const min = parse('{"computeType": "aks", "autoScaler": {"minReplicas": 2}}', 'deploymentconfig.json');
    assert.match(problemAt(min, 'autoScaler.minReplicas', 'error').message, /without autoscaleEnabled: true/);
    const env = parse('{"entryScript": "score.py", "environment": {"name": "e", "version": "1"}}', 'inferenceconfig.json');
    assert.match(problemAt(env, 'environment', 'error').message, /only name\/version/);
    const name = parse('{"entryScript": "my-score.py", "runtime": "python"}', 'inferenceconfig.json');
    assert.match(problemAt(name, 'entryScript', 'error').message, /importable/);
  });

  it('defaults ACI key auth to off, as v1 did', () => {
    const r = parse('{"computeType": "aci"}', 'deploymentconfig.json');
    if (r.kind !== 'deployment' || !r.config) throw new Error('a deployment config is expected');
    assert.equal(r.config.authEnabled, false);
  });
});
