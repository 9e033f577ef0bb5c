// A DeploymentPlan built through the real parsers and planner, so the rendering tests start where deploy does.
import assert from 'node:assert/strict';
import { parseDeploymentConfig, parseInferenceConfig } from '../../../src/core/config';
import { buildDeploymentPlan, type DeploymentPlan } from '../../../src/core/plan';

const files: Record<string, string> = { '/proj/conda.yml': 'dependencies:\n  - python=3.10\n  - pip:\n    - azureml-defaults\n' };
const readFile = (p: string) => files[p];

export function planFor(dc: object, serviceName = 'myservice'): DeploymentPlan {
  const ic = parseInferenceConfig(JSON.stringify({ entryScript: 'score.py', sourceDirectory: '.', environment: { python: { condaDependenciesFile: 'conda.yml' } } }), {
    fileName: '/proj/inferenceconfig.json',
    readFile,
  });
  const d = parseDeploymentConfig(JSON.stringify({ computeType: 'aks', ...dc }), { fileName: 'deploymentconfig.json' });
  assert.ok(ic.config && d.config, JSON.stringify([ic.problems, d.problems]));
  const r = buildDeploymentPlan({ inference: ic.config, deployment: d.config, models: [{ name: 'm', version: 1, localPath: '/proj/m.pkl' }], serviceName, readFile });
  assert.ok(r.ok, JSON.stringify(r));
  return r.plan;
}

export const renderInput = { serviceName: 'myservice', namespace: 'models', image: 'registry.example/myservice:abc', authProxyImage: 'quay.io/brancz/kube-rbac-proxy:v0.22.0' };
