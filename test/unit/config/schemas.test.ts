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

/** ajv reports "/autoScaler/minReplicas"; the core reports "autoScaler.minReplicas". */
const ajvPaths = (errors: { instancePath: string }[] | null | undefined) =>
  new Set((errors ?? []).map((e) => e.instancePath.replace(/^\//, '').replace(/\/(\d+)(?=\/|$)/g, '[$1]').replace(/\//g, '.')));

const valid: [kind: 'inference' | 'deployment', json: object][] = [
  ['deployment', { computeType: 'aks' }],
  ['deployment', { computeType: 'aks', autoScaler: { autoscaleEnabled: true, minReplicas: 1, maxReplicas: 4, targetUtilization: 70 }, authEnabled: true, containerResourceRequirements: { cpu: 0.5, memoryInGB: 1 } }],
  ['deployment', { computeType: 'AKSENDPOINT', versionName: 'versiona', trafficPercentile: 20, numReplicas: 2, namespace: 'ml-prod', keys: { primaryKey: 'k1' } }],
  ['deployment', { computeType: 'Aks', numReplicas: null, gpuCores: 0, livenessProbeRequirements: { periodSeconds: 5 }, dataCollection: { storageEnabled: true } }],
  ['inference', { entryScript: 'score.py', sourceDirectory: '.', environment: { python: { condaDependenciesFile: 'conda.yml' } } }],
  ['inference', { entryScript: 'score.py', runtime: 'python', condaFile: 'env.yml', enableGpu: true, cudaVersion: '10.0', baseImage: 'img', baseImageRegistry: 'r.azurecr.io' }],
  ['inference', { entryScript: 'src/score.py', environment: { name: 'e', version: 1, environmentVariables: { A: '1' }, docker: { baseImage: 'img', baseImageRegistry: { address: 'r', username: 'u', password: 'p' } }, python: { condaDependencies: { dependencies: [{ pip: ['azureml-defaults'] }] } } } }],
];

const typeErrors: [kind: 'inference' | 'deployment', json: object, path: string][] = [
  ['deployment', { computeType: 'aks', numReplicas: '3' }, 'numReplicas'],
  ['deployment', { computeType: 'aks', autoScaler: { minReplicas: 1.5 } }, 'autoScaler.minReplicas'],
  ['deployment', { computeType: 'kubernetes' }, 'computeType'],
  ['deployment', { computeType: 'aks', namespace: 'Bad_NS' }, 'namespace'],
  ['deployment', { computeType: 'aks', containerResourceRequirements: { cpu: -1 } }, 'containerResourceRequirements.cpu'],
  ['deployment', { computeType: 'aks', keys: 'abc' }, 'keys'],
  ['deployment', {}, 'computeType'],
  ['inference', { entryScript: 42 }, 'entryScript'],
  ['inference', { entryScript: 'score.py', runtime: 'ruby' }, 'runtime'],
  ['inference', { entryScript: 'score.py', environment: [] }, 'environment'],
];

/** The schema (an editor's strict view) refuses these; Azure ML v1 accepted them, so the parser warns. */
const v1Accepted: [kind: 'inference' | 'deployment', json: object, path: string][] = [
  ['deployment', { computeType: 'aks', authEnabled: 'yes' }, 'authEnabled'],
  ['deployment', { computeType: 'aks', autoScaler: { targetUtilization: 0 } }, 'autoScaler.targetUtilization'],
  ['inference', { entryScript: 'score.py', enableGpu: 'true' }, 'enableGpu'],
  ['inference', { entryScript: 'score.py', environment: { docker: { arguments: [1] } } }, 'environment.docker.arguments[0]'],
];

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

  for (const [kind, json, at] of typeErrors) {
    it(`both reject ${kind} ${JSON.stringify(json)} at ${at}`, () => {
      const validate = validators[kind];
      assert.equal(validate(json), false);
      const schemaPaths = ajvPaths(validate.errors);
      // ajv names a missing required property on its parent object ("" for the top).
      assert.ok(schemaPaths.has(at) || (at === 'computeType' && schemaPaths.has('')), `ajv paths: ${[...schemaPaths].join(', ')}`);
      const r = parseConfigFile(JSON.stringify(json), { kind });
      assert.ok(r.problems.some((p) => p.severity === 'error' && p.path === at), JSON.stringify(r.problems));
    });
  }

  for (const [kind, json, at] of v1Accepted) {
    it(`the schema rejects and the parser warns (v1 accepted) ${kind} ${JSON.stringify(json)} at ${at}`, () => {
      assert.equal(validators[kind](json), false);
      const r = parseConfigFile(JSON.stringify(json), { kind });
      assert.deepEqual(r.problems.filter((p) => p.severity === 'error'), []);
      assert.ok(r.problems.some((p) => p.severity === 'warning' && p.path === at), JSON.stringify(r.problems));
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
