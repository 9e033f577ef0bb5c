import assert from 'node:assert/strict';
import { parseDeploymentConfig, parseInferenceConfig } from '../../../src/core/config';
import { writeFormToText } from '../../../src/core/config/configWriter';
import { SECRET_KEPT, documentFromFormValues, formFields, formValuesFromDocument, problemsByField } from '../../../src/core/config/formModel';
import { DEPLOYMENT_FIELDS } from '../../../src/core/config/deploymentFields';

const deployment = formFields('deployment');
const inference = formFields('inference');

describe('wizard form ↔ config mapping', () => {
  it('covers every deployment field of the reference, grouped by section', () => {
    const paths = deployment.map((f) => f.path);
    for (const p of ['computeType', 'numReplicas', 'autoScaler.minReplicas', 'autoScaler.targetUtilization', 'containerResourceRequirements.cpuLimit',
      'livenessProbeRequirements.failureThreshold', 'keys.primaryKey', 'dataCollection.storageEnabled', 'namespace', 'versionName', 'trafficPercentile', 'gpuCores']) {
      assert.ok(paths.includes(p), p);
    }
    const topLevelScalars = DEPLOYMENT_FIELDS.filter((f) => f.type !== 'object').length;
    assert.equal(deployment.filter((f) => f.group === 'general').length, topLevelScalars);
    assert.equal(deployment.find((f) => f.path === 'autoScaler.maxReplicas')?.group, 'autoScaler');
  });

  it('covers the inference fields, both the environment form and the legacy form', () => {
    const paths = inference.map((f) => f.path);
    for (const p of ['entryScript', 'sourceDirectory', 'environment.python.condaDependenciesFile', 'environment.docker.baseImage', 'environment.environmentVariables', 'runtime', 'condaFile', 'extraDockerfileSteps', 'enableGpu', 'cudaVersion']) {
      assert.ok(paths.includes(p), p);
    }
    assert.ok(!paths.includes('extraDockerFileSteps'), 'the misspelt alias is not a form field');
  });

  it('round-trips every field: document → form → document', () => {
    const doc = {
      computeType: 'aks', numReplicas: 3, authEnabled: false, tokenAuthEnabled: true, gpuCores: 1, appInsightsEnabled: true,
      scoringTimeoutMs: 1000, maxConcurrentRequestsPerContainer: 2, maxQueueWaitMs: 100, namespace: 'ml',
      containerResourceRequirements: { cpu: 1.5, memoryInGB: 2, cpuLimit: 2, memoryInGBLimit: 4 },
      livenessProbeRequirements: { periodSeconds: 5, initialDelaySeconds: 10, timeoutSeconds: 2, successThreshold: 1, failureThreshold: 4 },
      dataCollection: { storageEnabled: true }, computeTargetName: 'aks1',
    };
    assert.deepEqual(documentFromFormValues(formValuesFromDocument(doc, deployment), deployment), doc);
    const inf = { entryScript: 'score.py', sourceDirectory: 'src', environment: { name: 'e', environmentVariables: { A: '1', B: 'x=y' }, python: { condaDependenciesFile: 'conda.yml' }, docker: { baseImage: 'python:3.11', arguments: ['--shm-size', '1g'] } } };
    assert.deepEqual(documentFromFormValues(formValuesFromDocument(inf, inference), inference), inf);
  });

  it('keeps secrets out of the form and out of what the webview validates', () => {
    const values = formValuesFromDocument({ computeType: 'aks', keys: { primaryKey: 'super-secret-1', secondaryKey: 'super-secret-2' } }, deployment);
    assert.equal(values['keys.primaryKey'], SECRET_KEPT);
    assert.ok(!JSON.stringify(values).includes('super-secret'));
    assert.deepEqual(documentFromFormValues(values, deployment), { computeType: 'aks' });
  });

  it('keeps text that is not a number, so the validator names the type error at the field', () => {
    const doc = documentFromFormValues({ computeType: 'aks', 'autoScaler.minReplicas': 'two' }, deployment);
    const { byField } = problemsByField(parseDeploymentConfig(JSON.stringify(doc)).problems, deployment);
    assert.match(byField.get('autoScaler.minReplicas')?.[0].message ?? '', /two|number|integer/i);
  });

  it('places cross-field problems in the general list', () => {
    const doc = documentFromFormValues({ computeType: 'aks', numReplicas: '2', 'autoScaler.autoscaleEnabled': 'true' }, deployment);
    const problems = parseDeploymentConfig(JSON.stringify(doc)).problems.filter((p) => p.severity === 'error');
    assert.ok(problems.length > 0);
    const { byField, general } = problemsByField(problems, deployment);
    assert.equal([...byField.values()].flat().length + general.length, problems.length);
  });
});

describe('writing a form into a config file', () => {
  it('changes only the managed fields of a JSON file: unknown fields, order and CRLF stay', () => {
    const original = '{\r\n    "computeType": "aks",\r\n    "myTeamNote": "keep me",\r\n    "autoScaler": {\r\n        "minReplicas": 1,\r\n        "maxReplicas": 4\r\n    },\r\n    "keys": { "primaryKey": "secret-a" }\r\n}\r\n';
    const values = formValuesFromDocument(JSON.parse(original), deployment);
    values['autoScaler.maxReplicas'] = '8';
    delete values['autoScaler.minReplicas'];
    const out = writeFormToText(original, 'deploymentconfig.json', values, deployment);
    assert.deepEqual(JSON.parse(out), { computeType: 'aks', myTeamNote: 'keep me', autoScaler: { maxReplicas: 8 }, keys: { primaryKey: 'secret-a' } });
    assert.ok(out.includes('\r\n        "maxReplicas": 8'), out);
    assert.ok(!/\n(?<!\r)/.test(out.replace(/\r\n/g, '')), 'only CRLF line ends');
  });

  it('removes a section the form emptied', () => {
    const out = writeFormToText('{ "computeType": "aks", "autoScaler": { "minReplicas": 1 } }', 'dc.json', { computeType: 'aks' }, deployment);
    assert.deepEqual(JSON.parse(out), { computeType: 'aks' });
  });

  it('creates a new file from an empty one, valid for the parser', () => {
    const out = writeFormToText('', 'inferenceconfig.json', { entryScript: 'score.py', 'environment.python.condaDependenciesFile': 'conda.yml' }, inference);
    assert.deepEqual(JSON.parse(out), { entryScript: 'score.py', environment: { python: { condaDependenciesFile: 'conda.yml' } } });
    assert.deepEqual(parseInferenceConfig(out).problems.filter((p) => p.severity === 'error'), []);
  });

  it('keeps comments and unknown fields of a YAML file', () => {
    const original = '# prod settings\ncomputeType: aks\nowner: team-x # who to call\nautoScaler:\n  minReplicas: 1\n';
    const values = formValuesFromDocument({ computeType: 'aks', autoScaler: { minReplicas: 1 } }, deployment);
    values['autoScaler.minReplicas'] = '2';
    values.numReplicas = '';
    const out = writeFormToText(original, 'dc.yml', values, deployment);
    assert.match(out, /# prod settings/);
    assert.match(out, /owner: team-x # who to call/);
    assert.match(out, /minReplicas: 2/);
  });
});
