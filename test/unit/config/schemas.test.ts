import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { parseConfigFile } from '../../../src/core/config';
import { SCHEMA_FILES, schemaText } from '../../../schemas/generate';

const root = path.resolve(__dirname, '../../..');
const load = (name: string) => JSON.parse(fs.readFileSync(path.join(root, 'schemas', name), 'utf8')) as object;
// strict: false because the schemas carry VS Code's own keywords (markdownDescription, deprecationMessage).
const ajv = new Ajv({ strict: false, allErrors: true });
const validators = {
  inference: ajv.compile(load('inferenceconfig.schema.json')),
  deployment: ajv.compile(load('deploymentconfig.schema.json')),
};

const valid: [kind: 'inference' | 'deployment', json: object][] = [
  ['deployment', { computeType: 'aks' }],
  ['deployment', { computeType: 'aks', autoScaler: { autoscaleEnabled: true, minReplicas: 1, maxReplicas: 4, targetUtilization: 70 }, authEnabled: true, containerResourceRequirements: { cpu: 0.5, memoryInGB: 1 } }],
  ['deployment', { computeType: 'AKSENDPOINT', versionName: 'versiona', trafficPercentile: 20, numReplicas: 2, namespace: 'ml-prod', keys: { primaryKey: 'k1' } }],
  ['deployment', { computeType: 'Aks', numReplicas: null, gpuCores: 0, livenessProbeRequirements: { periodSeconds: 5 }, dataCollection: { storageEnabled: true } }],
  ['inference', { entryScript: 'score.py', sourceDirectory: '.', environment: { python: { condaDependenciesFile: 'conda.yml' } } }],
  ['inference', { entryScript: 'score.py', runtime: 'python', condaFile: 'env.yml', enableGpu: true, cudaVersion: '10.0', baseImage: 'img', baseImageRegistry: 'r.azurecr.io' }],
  ['inference', { entryScript: 'src/score.py', environment: { name: 'e', version: 1, environmentVariables: { A: '1' }, docker: { baseImage: 'img', baseImageRegistry: { address: 'r', username: 'u', password: 'p' } }, python: { condaDependencies: { dependencies: [{ pip: ['azureml-defaults'] }] } } } }],
];

/** One fault each: the editor must show it once (the core's diagnostic), so the schema must not report it too. */
const faults: [kind: 'inference' | 'deployment', json: object, path: string][] = [
  ['deployment', { computeType: 'aks', autoScaler: { autoscaleEnabled: true, minReplicas: 0 } }, 'autoScaler.minReplicas'],
  ['deployment', { computeType: 'aks', numReplicas: '3' }, 'numReplicas'],
  ['deployment', { computeType: 'aks', autoScaler: { autoscaleEnabled: true, minReplicas: 1.5 } }, 'autoScaler.minReplicas'],
  ['deployment', { computeType: 'kubernetes' }, 'computeType'],
  ['deployment', { computeType: 'aks', namespace: 'Bad_NS' }, 'namespace'],
  ['deployment', { computeType: 'aks', containerResourceRequirements: { cpu: -1 } }, 'containerResourceRequirements.cpu'],
  ['deployment', { computeType: 'aks', keys: 'abc' }, 'keys'],
  ['deployment', {}, 'computeType'],
  ['deployment', { computeType: 'aks', authEnabled: 'yes' }, 'authEnabled'],
  ['deployment', { computeType: 'aks', autoScaler: { autoscaleEnabled: true, targetUtilization: 0 } }, 'autoScaler.targetUtilization'],
  ['inference', { entryScript: 42 }, 'entryScript'],
  ['inference', { entryScript: 'score.py', runtime: 'ruby' }, 'runtime'],
  ['inference', { entryScript: 'score.py', environment: [] }, 'environment'],
  ['inference', { entryScript: 'score.py', enableGpu: 'true' }, 'enableGpu'],
  ['inference', { entryScript: 'score.py', environment: { docker: { arguments: [1] } } }, 'environment.docker.arguments[0]'],
];

const VALIDATION_KEYWORDS = ['type', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'pattern', 'enum', 'const', 'required', 'anyOf', 'oneOf', 'allOf', 'additionalProperties', 'deprecationMessage'];

describe('JSON Schemas and the core parser agree', () => {
  for (const name of Object.keys(SCHEMA_FILES) as (keyof typeof SCHEMA_FILES)[]) {
    it(`schemas/${name} is up to date (regenerate: node --import tsx schemas/generate.ts)`, () => {
      assert.equal(fs.readFileSync(path.join(root, 'schemas', name), 'utf8'), schemaText(SCHEMA_FILES[name]));
    });
  }

  it('gives every field a description and a default (VS Code hovers show them)', () => {
    const missing: string[] = [];
    const walk = (schema: Record<string, unknown>, at: string) => {
      for (const [k, v] of Object.entries((schema.properties ?? {}) as Record<string, Record<string, unknown>>)) {
        if (typeof v.description !== 'string' || !('default' in v)) missing.push(`${at}${k}`);
        walk(v, `${at}${k}.`);
        for (const alt of (v.anyOf ?? []) as Record<string, unknown>[]) walk(alt, `${at}${k}.`);
      }
    };
    walk(load('inferenceconfig.schema.json') as Record<string, unknown>, '');
    walk(load('deploymentconfig.schema.json') as Record<string, unknown>, '');
    assert.deepEqual(missing, []);
  });

  for (const [kind, json] of valid) {
    it(`both accept ${kind} ${JSON.stringify(json).slice(0, 70)}`, () => {
      const validate = validators[kind];
      assert.equal(validate(json), true, JSON.stringify(validate.errors));
      const r = parseConfigFile(JSON.stringify(json), { kind });
      assert.deepEqual(r.problems.filter((p) => p.severity === 'error'), []);
    });
  }

  it('carries no validation keyword: completion and hovers only (the core reports every fault)', () => {
    const found: string[] = [];
    const walk = (schema: Record<string, unknown>, at: string) => {
      for (const k of VALIDATION_KEYWORDS) if (k in schema) found.push(`${at || '(top)'}: ${k}`);
      for (const [k, v] of Object.entries((schema.properties ?? {}) as Record<string, Record<string, unknown>>)) walk(v, `${at}${k}.`);
    };
    walk(load('inferenceconfig.schema.json') as Record<string, unknown>, '');
    walk(load('deploymentconfig.schema.json') as Record<string, unknown>, '');
    assert.deepEqual(found, []);
  });

  for (const [kind, json, at] of faults) {
    it(`one problem for the fault at ${at} in ${kind} ${JSON.stringify(json)}: the core's, none from the schema`, () => {
      const validate = validators[kind];
      assert.equal(validate(json), true, `the schema reports it too: ${JSON.stringify(validate.errors)}`);
      const r = parseConfigFile(JSON.stringify(json), { kind });
      const here = r.problems.filter((p) => p.path === at);
      assert.equal(here.length, 1, JSON.stringify(r.problems));
    });
  }
});

describe('package.json contributes the schemas', () => {
  it('maps the config file names to existing schema files', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      contributes: { jsonValidation: { fileMatch: string[]; url: string }[] };
      bin: Record<string, string>;
    };
    const byUrl = Object.fromEntries(pkg.contributes.jsonValidation.map((v) => [v.url, v.fileMatch]));
    assert.deepEqual(byUrl['./schemas/inferenceconfig.schema.json'], ['inferenceconfig.json', '*inferenceconfig*.json']);
    assert.deepEqual(byUrl['./schemas/deploymentconfig.schema.json'], ['deploymentconfig.json', '*deploymentconfig*.json', '*deployment_config*.json']);
    for (const url of Object.keys(byUrl)) assert.ok(fs.existsSync(path.join(root, url)), url);
    assert.equal(pkg.bin['aks-model-deploy'], 'dist/cli.js');
  });
});
