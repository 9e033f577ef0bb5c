import assert from 'node:assert/strict';
import { parseDeploymentConfig, parseInferenceConfig, type DeploymentConfig, type InferenceConfig } from '../../src/core/config';
import { buildDeploymentPlan, DEFAULT_CPU_IMAGE, type PlanInput } from '../../src/core/plan';

const files: Record<string, string> = {
  '/proj/conda.yml': 'dependencies:\n  - python=3.10\n  - pip:\n    - azureml-defaults\n',
  '/proj/steps.docker': 'RUN echo hi\n',
};
const readFile = (p: string) => files[p];

function inference(json: object): InferenceConfig {
  const r = parseInferenceConfig(JSON.stringify(json), { fileName: '/proj/inferenceconfig.json', readFile });
  assert.ok(r.config, JSON.stringify(r.problems));
  return r.config;
}
function deployment(json: object): DeploymentConfig {
  const r = parseDeploymentConfig(JSON.stringify(json), { fileName: 'deploymentconfig.json' });
  assert.ok(r.config, JSON.stringify(r.problems));
  return r.config;
}
const sampleIc = { entryScript: 'score.py', sourceDirectory: '.', environment: { python: { condaDependenciesFile: 'conda.yml' } } };
const sampleDc = { computeType: 'aks', autoScaler: { autoscaleEnabled: true, minReplicas: 1, maxReplicas: 4, targetUtilization: 70 }, authEnabled: true, containerResourceRequirements: { cpu: 0.5, memoryInGB: 1 } };
const input = (over: Partial<PlanInput> = {}): PlanInput => ({
  inference: inference(sampleIc),
  deployment: deployment(sampleDc),
  models: [{ name: 'sklearn-model', version: 3, localPath: '/proj/model.pkl' }],
  serviceName: 'myservice',
  readFile,
  ...over,
});

describe('deployment plan', () => {
  it('builds the sample project into one plan with azmlinfsrv settings', () => {
    const r = buildDeploymentPlan(input());
    assert.ok(r.ok, JSON.stringify(r));
    const p = r.plan;
    assert.deepEqual(p.scaling, { mode: 'autoscale', minReplicas: 1, maxReplicas: 4, targetUtilization: 70, refreshPeriodInSeconds: 1 });
    assert.equal(p.auth.mode, 'key');
    assert.equal(p.resources.cpu, 0.5);
    assert.equal(p.image.baseImage, DEFAULT_CPU_IMAGE);
    assert.equal(p.image.condaSpecification, files['/proj/conda.yml']);
    assert.deepEqual(p.env, {
      AML_APP_ROOT: '/var/azureml-app',
      AZUREML_ENTRY_SCRIPT: 'score.py',
      AZUREML_MODEL_DIR: '/var/azureml-app/azureml-models/sklearn-model/3',
      SCORING_TIMEOUT_MS: '60000',
      WORKER_COUNT: '1',
    });
    assert.match(p.image.contentHash, /^[0-9a-f]{64}$/);
  });

  it('is deeply immutable', () => {
    const r = buildDeploymentPlan(input());
    assert.ok(r.ok);
    assert.throws(() => {
      (r.plan.scaling as { mode: string }).mode = 'fixed';
    }, TypeError);
    assert.throws(() => {
      (r.plan.env as Record<string, string>).X = '1';
    }, TypeError);
    assert.ok(Object.isFrozen(r.plan.image));
  });

  it('keys the image by base image, conda content and Docker steps — and nothing else', () => {
    const legacy = { entryScript: 'score.py', runtime: 'python', condaFile: 'conda.yml', extraDockerfileSteps: 'steps.docker' };
    const hash = (over: Partial<PlanInput>) => {
      const r = buildDeploymentPlan(input({ inference: inference(legacy), ...over }));
      assert.ok(r.ok, JSON.stringify(r));
      return r.plan.image.contentHash;
    };
    const base = hash({});
    assert.equal(hash({ serviceName: 'other', deployment: deployment({ computeType: 'aks', numReplicas: 2 }) }), base);
    assert.notEqual(hash({ readFile: (p) => (p.endsWith('steps.docker') ? 'RUN echo bye\n' : readFile(p)) }), base);
    assert.notEqual(hash({ readFile: (p) => (p.endsWith('conda.yml') ? 'dependencies: [numpy]\n' : readFile(p)) }), base);
    assert.notEqual(hash({ inference: inference({ ...legacy, baseImage: 'my/base:1' }) }), base);
  });

  it('uses the models folder for several models, fixed replicas, token auth, and WORKER_COUNT from concurrency', () => {
    const r = buildDeploymentPlan(
      input({
        deployment: deployment({ computeType: 'aks', numReplicas: 3, tokenAuthEnabled: true, maxConcurrentRequestsPerContainer: 4, appInsightsEnabled: true }),
        models: [
          { name: 'a', version: 1, localPath: '/m/a' },
          { name: 'b', version: 2, localPath: '/m/b' },
        ],
      }),
    );
    assert.ok(r.ok);
    assert.deepEqual(r.plan.scaling, { mode: 'fixed', replicas: 3 });
    assert.equal(r.plan.auth.mode, 'token');
    assert.equal(r.plan.env.AZUREML_MODEL_DIR, '/var/azureml-app/azureml-models');
    assert.equal(r.plan.env.WORKER_COUNT, '4');
    assert.equal(r.plan.env.AML_APP_INSIGHTS_ENABLED, 'true');
  });

  it('names an endpoint version after the service unless versionName says otherwise', () => {
    const r = buildDeploymentPlan(input({ deployment: deployment({ computeType: 'AKSENDPOINT', trafficPercentile: 20 }) }));
    assert.ok(r.ok);
    assert.deepEqual(r.plan.endpoint, { versionName: 'myservice', trafficPercentile: 20 });
  });

  it('refuses ACI configs, unreadable files and more than 1,000 models', () => {
    const aci = buildDeploymentPlan(input({ deployment: deployment({ computeType: 'aci' }) }));
    assert.equal(aci.ok, false);
    const unreadable = buildDeploymentPlan(input({ readFile: () => undefined }));
    assert.ok(!unreadable.ok && /cannot read "conda.yml"/.test(unreadable.problems[0]));
    const many = Array.from({ length: 1001 }, (_, i) => ({ name: `m${i}`, version: 1, localPath: '/m' }));
    assert.equal(buildDeploymentPlan(input({ models: many })).ok, false);
  });
});
