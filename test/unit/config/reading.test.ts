import assert from 'node:assert/strict';
import { kindFromFileName, parseConfigFile, parseDeploymentConfig } from '../../../src/core/config';
import { parse, problemAt, textAt } from './support';

describe('reading config files as v1 did', () => {
  it('takes the kind from names that say it', () => {
    assert.equal(kindFromFileName('aks_deploy.json'), 'deployment');
    assert.equal(kindFromFileName('/a/b/aksDeploymentConfig.yml'), 'deployment');
    assert.equal(kindFromFileName('C:\\x\\my_inferenceconfig.yaml'), 'inference');
    assert.equal(kindFromFileName('dc.yml'), undefined);
    assert.equal(kindFromFileName('deploy.txt'), undefined);
  });

  it('takes the kind from the content when the name says nothing', () => {
    assert.equal(parse('computeType: aks\n', 'dc.yml').kind, 'deployment');
    assert.equal(parse('entryScript: score.py\nruntime: python\n', 'ic.yml').kind, 'inference');
  });

  it('reports a file whose kind cannot be told, at its first character', () => {
    const r = parse('{"description": "x"}', 'config.json');
    assert.equal(r.kind, undefined);
    assert.equal(r.problems.length, 1);
    assert.deepEqual(r.problems[0].range.start, { line: 0, column: 0 });
  });

  it('warns when name and content disagree, and trusts the name', () => {
    const r = parse('{"entryScript": "score.py"}', 'deploymentconfig.json');
    assert.equal(r.kind, 'deployment');
    assert.match(problemAt(r, '', 'warning').message, /says a deployment config but the content looks like an inference config/);
  });

  it('gives exactly one error, with the parser position, for a file that is not JSON', () => {
    const text = '{\n  "computeType": "aks",\n  "numReplicas": 2\n  "authEnabled": true\n}';
    const r = parse(text, 'deploymentconfig.json');
    assert.equal(r.problems.length, 1);
    assert.equal(r.problems[0].severity, 'error');
    assert.match(r.problems[0].message, /Not valid JSON: comma expected/);
    assert.deepEqual(r.problems[0].range.start, { line: 3, column: 2 });
  });

  it('gives exactly one error, with the parser position, for a file that is not YAML', () => {
    const r = parse('computeType: aks\nautoScaler: [1, 2\n', 'dc.yml');
    assert.equal(r.problems.length, 1);
    assert.match(r.problems[0].message, /^Not valid YAML/);
    assert.equal(r.problems[0].range.start.line, 2);
  });

  it('reads YAML 1.1 booleans as PyYAML did: yes/on/True are booleans, a bare y or n is text', () => {
    const r = parse('computeType: aks\nauthEnabled: off\nappInsightsEnabled: yes\nnamespace: n\n', 'dc.yml');
    assert.ok(r.kind === 'deployment' && r.config, JSON.stringify(r.problems));
    assert.equal(r.config.authEnabled, false);
    assert.equal(r.config.appInsightsEnabled, true);
    assert.equal(r.config.namespace, 'n');
  });

  it('explains a YAML file with several documents', () => {
    const r = parse('computeType: aks\n---\ncomputeType: aci\n', 'dc.yml');
    assert.equal(r.problems.length, 1);
    assert.match(r.problems[0].message, /several documents \(separated by ---\)/);
  });

  it('reads JSON-looking text with Python booleans as YAML 1.1 (as v1 did), with a warning', () => {
    const text = '{"computeType": "aks", "authEnabled": True}';
    const r = parse(text, 'deploymentconfig.json');
    assert.ok(r.config);
    assert.equal(r.kind === 'deployment' && r.config.authEnabled, true);
    assert.equal(textAt(text, problemAt(r, '', 'warning')), 'True');
  });

  it('accepts bytes, drops a BOM, and reports non-UTF-8 bytes at their position', () => {
    const good = Buffer.from('\uFEFF{"computeType": "aks"}', 'utf8');
    assert.ok(parseDeploymentConfig(good).config);
    const bad = Buffer.concat([Buffer.from('{"computeType": "a'), Buffer.from([0xc3, 0x28]), Buffer.from('ks"}')]);
    const r = parseDeploymentConfig(bad);
    assert.equal(r.problems.length, 1);
    assert.match(r.problems[0].message, /not UTF-8/);
    assert.deepEqual(r.problems[0].range.start, { line: 0, column: 18 });
  });

  it('refuses pathological nesting without crashing', () => {
    const text = `{"computeType": "aks", "x": ${'['.repeat(100_000)}`;
    const r = parse(text, 'dc.yml');
    assert.equal(r.problems.length, 1);
    assert.match(r.problems[0].message, /nests more than 64 levels/);
  });

  it('reports an empty file, a list, and a scalar at the top', () => {
    for (const [text, says] of [['', /empty/], ['[1]', /holds a list/], ['42', /holds a single value/]] as const) {
      const r = parseConfigFile(text, { kind: 'deployment' });
      assert.equal(r.config, undefined);
      assert.match(r.problems[0].message, says);
    }
  });

  it('points YAML problems at the key or value as written', () => {
    const text = 'computeType: aks\nautoScaler:\n  minReplicas: 3\n  maxReplica: 2\n';
    const r = parse(text, 'aksDeploymentConfig.yml');
    const p = problemAt(r, 'autoScaler.maxReplica', 'warning');
    assert.equal(textAt(text, p), 'maxReplica');
    assert.deepEqual(p.range, { start: { line: 3, column: 2 }, end: { line: 3, column: 12 } });
  });

  it('expands YAML aliases but caps them (no billion laughs)', () => {
    const lines = ['computeType: aks', 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 10; i++) lines.push(`a${i}: &a${i} [*a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}]`);
    const started = Date.now();
    const r = parse(lines.join('\n'), 'dc.yml');
    assert.ok(Date.now() - started < 2000);
    assert.ok(r.problems.every((p) => p.severity === 'warning'));
  });
});
