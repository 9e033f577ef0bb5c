import assert from 'node:assert/strict';
import { clean, noProblemAt, parse, problemAt, textAt, type Rule } from './support';

const DC = 'deploymentconfig.json';
const dc = (fields: Record<string, unknown>) => JSON.stringify({ computeType: 'aks', ...fields }, null, 2);


// Every row is one rule of shared/reference/azureml-v1.md with a file that keeps it and one that breaks it.
const rules: Rule[] = [
  { rule: 'computeType is one of aks/AKSENDPOINT/aci/local', pass: { computeType: 'AKSENDPOINT' }, fail: { computeType: 'vm' }, path: 'computeType', at: '"vm"', says: /aks, AKSENDPOINT, aci, local/ },
  { rule: 'computeType is case-insensitive', pass: { computeType: 'AKS' }, fail: { computeType: 'akss' }, path: 'computeType' },
  { rule: 'aci is read but not deployable to AKS', pass: { computeType: 'aks' }, fail: { computeType: 'ACI' }, path: 'computeType', severity: 'warning', says: /not deployable to AKS/ },
  { rule: 'autoscale cannot be combined with numReplicas', pass: { numReplicas: 3 }, fail: { numReplicas: 3, autoScaler: { autoscaleEnabled: true } }, path: 'numReplicas', at: '3' },
  { rule: 'autoscale off requires numReplicas', pass: { autoScaler: { autoscaleEnabled: false }, numReplicas: 2 }, fail: { autoScaler: { autoscaleEnabled: false } }, path: 'autoScaler.autoscaleEnabled', at: 'false', says: /numReplicas is required/ },
  { rule: 'minReplicas > 0', pass: { autoScaler: { autoscaleEnabled: true, minReplicas: 1 } }, fail: { autoScaler: { autoscaleEnabled: true, minReplicas: 0 } }, path: 'autoScaler.minReplicas', says: /greater than 0/ },
  { rule: 'maxReplicas > 0', pass: { autoScaler: { autoscaleEnabled: true, minReplicas: 1, maxReplicas: 1 } }, fail: { autoScaler: { autoscaleEnabled: true, maxReplicas: -1 } }, path: 'autoScaler.maxReplicas' },
  { rule: 'minReplicas ≤ maxReplicas', pass: { autoScaler: { autoscaleEnabled: true, minReplicas: 4, maxReplicas: 4 } }, fail: { autoScaler: { autoscaleEnabled: true, minReplicas: 5, maxReplicas: 4 } }, path: 'autoScaler.minReplicas', at: '5' },
  { rule: 'minReplicas ≤ the default maxReplicas (10)', pass: { autoScaler: { autoscaleEnabled: true, minReplicas: 10 } }, fail: { autoScaler: { autoscaleEnabled: true, minReplicas: 11 } }, path: 'autoScaler.minReplicas', severity: 'warning', says: /10, the default/ },
  { rule: 'refreshPeriodInSeconds > 0', pass: { autoScaler: { autoscaleEnabled: true, refreshPeriodInSeconds: 5 } }, fail: { autoScaler: { autoscaleEnabled: true, refreshPeriodInSeconds: 0 } }, path: 'autoScaler.refreshPeriodInSeconds' },
  { rule: 'targetUtilization > 0', pass: { autoScaler: { autoscaleEnabled: true, targetUtilization: 1 } }, fail: { autoScaler: { autoscaleEnabled: true, targetUtilization: 0 } }, path: 'autoScaler.targetUtilization' },
  { rule: 'targetUtilization ≤ 100', pass: { autoScaler: { autoscaleEnabled: true, targetUtilization: 100 } }, fail: { autoScaler: { autoscaleEnabled: true, targetUtilization: 101 } }, path: 'autoScaler.targetUtilization', severity: 'warning', says: /at most 100/ },
  { rule: 'autoscale settings only with autoscale on', pass: { numReplicas: 2 }, fail: { numReplicas: 2, autoScaler: { maxReplicas: 4 } }, path: 'autoScaler.maxReplicas', says: /only used with autoscale on/ },
  { rule: 'numReplicas > 0 (no scale to zero)', pass: { numReplicas: 1 }, fail: { numReplicas: 0 }, path: 'numReplicas' },
  { rule: 'numReplicas is a whole number', pass: { numReplicas: 2 }, fail: { numReplicas: 2.5 }, path: 'numReplicas', severity: 'warning', says: /Expected a whole number, found the number 2.5/ },
  { rule: 'authEnabled and tokenAuthEnabled exclude each other', pass: { authEnabled: false, tokenAuthEnabled: true }, fail: { authEnabled: true, tokenAuthEnabled: true }, path: 'tokenAuthEnabled' },
  { rule: 'authEnabled is a boolean', pass: { authEnabled: false }, fail: { authEnabled: 'false' }, path: 'authEnabled', severity: 'warning', says: /Expected true or false, found the text "false"\. Remove the quotes\. Azure ML v1 read it as true/ },
  { rule: 'cpu > 0', pass: { containerResourceRequirements: { cpu: 0.25 } }, fail: { containerResourceRequirements: { cpu: 0 } }, path: 'containerResourceRequirements.cpu' },
  { rule: 'memoryInGB > 0', pass: { containerResourceRequirements: { memoryInGB: 2 } }, fail: { containerResourceRequirements: { memoryInGB: -2 } }, path: 'containerResourceRequirements.memoryInGB' },
  { rule: 'cpuLimit ≥ cpu', pass: { containerResourceRequirements: { cpu: 1, cpuLimit: 1 } }, fail: { containerResourceRequirements: { cpu: 1, cpuLimit: 0.5 } }, path: 'containerResourceRequirements.cpuLimit', at: '0.5' },
  { rule: 'cpuLimit ≥ the default cpu (0.1)', pass: { containerResourceRequirements: { cpuLimit: 0.1 } }, fail: { containerResourceRequirements: { cpuLimit: 0.05 } }, path: 'containerResourceRequirements.cpuLimit', severity: 'warning', says: /0\.1, the default/ },
  { rule: 'memoryInGBLimit ≥ memoryInGB', pass: { containerResourceRequirements: { memoryInGB: 1, memoryInGBLimit: 2 } }, fail: { containerResourceRequirements: { memoryInGB: 1, memoryInGBLimit: 0.5 } }, path: 'containerResourceRequirements.memoryInGBLimit' },
  { rule: 'gpuCores ≥ 0', pass: { gpuCores: 0 }, fail: { gpuCores: -1 }, path: 'gpuCores', says: /at least 0/ },
  { rule: 'gpuCores is a whole number', pass: { gpuCores: 1 }, fail: { gpuCores: 0.5 }, path: 'gpuCores', severity: 'warning' },
  { rule: 'scoringTimeoutMs > 0', pass: { scoringTimeoutMs: 1000 }, fail: { scoringTimeoutMs: 0 }, path: 'scoringTimeoutMs' },
  { rule: 'maxConcurrentRequestsPerContainer > 0', pass: { maxConcurrentRequestsPerContainer: 2 }, fail: { maxConcurrentRequestsPerContainer: 0 }, path: 'maxConcurrentRequestsPerContainer' },
  { rule: 'maxQueueWaitMs > 0', pass: { maxQueueWaitMs: 100 }, fail: { maxQueueWaitMs: 0 }, path: 'maxQueueWaitMs' },
  { rule: 'appInsightsEnabled is a boolean', pass: { appInsightsEnabled: true }, fail: { appInsightsEnabled: 1 }, path: 'appInsightsEnabled', severity: 'warning' },
  { rule: 'dataCollection.storageEnabled is a boolean', pass: { dataCollection: { storageEnabled: true } }, fail: { dataCollection: { storageEnabled: 'yes' } }, path: 'dataCollection.storageEnabled', severity: 'warning' },
  { rule: 'keys are texts', pass: { keys: { primaryKey: 'a', secondaryKey: 'b' } }, fail: { keys: { primaryKey: 1 } }, path: 'keys.primaryKey', severity: 'warning' },
  { rule: 'namespace pattern', pass: { namespace: 'team-a1' }, fail: { namespace: 'Team_A' }, path: 'namespace', says: /lowercase/ },
  { rule: 'namespace not ending with a dash', pass: { namespace: 'a' }, fail: { namespace: 'a-' }, path: 'namespace' },
  { rule: 'computeTargetName is a text', pass: { computeTargetName: 'myaks' }, fail: { computeTargetName: ['myaks'] }, path: 'computeTargetName', severity: 'warning', says: /found a list/ },
  { rule: 'versionName follows service-name rules', pass: { computeType: 'AKSENDPOINT', versionName: 'versiona' }, fail: { computeType: 'AKSENDPOINT', versionName: '1version' }, path: 'versionName' },
  { rule: 'versionName is 3–32 characters', pass: { computeType: 'AKSENDPOINT', versionName: 'abc' }, fail: { computeType: 'AKSENDPOINT', versionName: 'ab' }, path: 'versionName' },
  { rule: 'trafficPercentile 0–100', pass: { computeType: 'AKSENDPOINT', trafficPercentile: 0 }, fail: { computeType: 'AKSENDPOINT', trafficPercentile: 100.5 }, path: 'trafficPercentile' },
  { rule: 'endpoint fields only mean something for AKSENDPOINT', pass: { computeType: 'AKSENDPOINT', trafficPercentile: 20 }, fail: { trafficPercentile: 20 }, path: 'trafficPercentile', severity: 'warning' },
  { rule: 'unknown fields suggest the nearest name', pass: { autoScaler: { autoscaleEnabled: true } }, fail: { autoScaler: { autoscaleEnable: true } }, path: 'autoScaler.autoscaleEnable', severity: 'warning', at: '"autoscaleEnable"', says: /Did you mean "autoscaleEnabled"\?/ },
  { rule: 'a written object must be an object', pass: { autoScaler: {} }, fail: { autoScaler: 5 }, path: 'autoScaler', says: /Expected an object, found the number 5/ },
];
for (const f of ['periodSeconds', 'initialDelaySeconds', 'timeoutSeconds', 'successThreshold', 'failureThreshold']) {
  rules.push({ rule: `livenessProbeRequirements.${f} > 0`, pass: { livenessProbeRequirements: { [f]: 5 } }, fail: { livenessProbeRequirements: { [f]: 0 } }, path: `livenessProbeRequirements.${f}` });
}

describe('deploymentconfig rules (azureml-v1.md)', () => {
  for (const r of rules) {
    it(r.rule, () => {
      const ok = parse(dc(r.pass), DC);
      noProblemAt(ok, r.path);
      const text = dc(r.fail);
      const bad = parse(text, DC);
      const p = problemAt(bad, r.path, r.severity ?? 'error');
      if (r.at) assert.equal(textAt(text, p), r.at);
      if (r.says) assert.match(p.message, r.says);
      if ((r.severity ?? 'error') === 'error') assert.equal(bad.config, undefined);
    });
  }

  it('needs computeType, and says so the way v1 did', () => {
    const r = parse('{"numReplicas": 1}', DC);
    assert.match(problemAt(r, 'computeType', 'error').message, /^Need to specify computeType/);
  });

  it('fills every default from the reference', () => {
    const r = parse('{"computeType": "aks"}', DC);
    clean(r);
    assert.equal(r.kind, 'deployment');
    assert.deepEqual(r.config, {
      computeType: 'aks',
      autoScaler: { autoscaleEnabled: true, minReplicas: 1, maxReplicas: 10, refreshPeriodInSeconds: 1, targetUtilization: 70 },
      authEnabled: true,
      tokenAuthEnabled: false,
      containerResourceRequirements: { cpu: 0.1, memoryInGB: 0.5 },
      gpuCores: 0,
      appInsightsEnabled: false,
      scoringTimeoutMs: 60000,
      maxConcurrentRequestsPerContainer: 1,
      maxQueueWaitMs: 500,
      dataCollection: { storageEnabled: false },
      keys: {},
      livenessProbeRequirements: { periodSeconds: 10, initialDelaySeconds: 310, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3 },
    });
  });

  it('turns autoscale off when numReplicas is set, and key auth off when only token auth is asked for', () => {
    const r = parse(dc({ numReplicas: 3, tokenAuthEnabled: true }), DC);
    clean(r);
    assert.equal(r.kind === 'deployment' && r.config?.autoScaler.autoscaleEnabled, false);
    assert.equal(r.kind === 'deployment' && r.config?.authEnabled, false);
  });

  it('accepts the sample-project deployment config unchanged', () => {
    const r = parse(
      '{"computeType":"aks","autoScaler":{"autoscaleEnabled":true,"minReplicas":1,"maxReplicas":4,"targetUtilization":70},"authEnabled":true,"containerResourceRequirements":{"cpu":0.5,"memoryInGB":1}}',
      DC,
    );
    clean(r);
  });

  it('reads YAML 1.1 booleans, CRLF line endings, and null/empty as "not set"', () => {
    const text = 'computeType: AKS\r\nautoScaler:\r\n  autoscaleEnabled: True\r\n  maxReplicas: 3\r\nnumReplicas:\r\nnamespace: ""\r\nauthEnabled: No\r\n';
    const r = parse(text, 'dc.yml');
    clean(r);
    if (r.kind !== 'deployment' || !r.config) throw new Error('deployment expected');
    assert.equal(r.config.autoScaler.maxReplicas, 3);
    assert.equal(r.config.authEnabled, false);
    assert.equal(r.config.namespace, undefined);
    const bad = parse(text.replace('maxReplicas: 3', 'maxReplicas: x'), 'dc.yml');
    const p = problemAt(bad, 'autoScaler.maxReplicas', 'error');
    assert.deepEqual(p.range, { start: { line: 3, column: 15 }, end: { line: 3, column: 16 } });
  });

  it('warns about a key written twice; the later one wins as in v1', () => {
    const r = parse('{"computeType": "aks", "numReplicas": 1, "numReplicas": 2}', DC);
    problemAt(r, 'numReplicas', 'warning');
    assert.equal(r.kind === 'deployment' && r.config?.numReplicas, 2);
  });
});
