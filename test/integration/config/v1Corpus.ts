// The generated half of the v1 parity corpus: deployment and inference configs that put every field through wrong
// types, edge numbers, YAML 1.1 scalar spellings, misspellings, wrong case, missing and extra fields, each
// computeType, and files that are empty or hold no object. Values are written as source text, so the same token
// lands in a .json and a .yml file (v1 read both through PyYAML first).

export interface CorpusCase {
  id: string;
  kind: 'inference' | 'deployment';
  /** Files of the case, relative to its folder; the config is `config`. */
  files: Record<string, string>;
  config: string;
  /** Folder (relative to the case folder) both tools run from; '' = the case folder. */
  cwd: string;
}

/** Scalar spellings as written in the file. JSON-only readers would refuse some; PyYAML reads all of them. */
const NUMBERISH = ['1', '0', '-1', '2', '3', '2.5', '2.0', '0.1', '100', '101', '1000000', '1e3', '1E+3', '1.5e3', '1.0e+3', '09', '0_8', '1_000', '017', '0x10', '0o7', '+1', '.5', '.', '.inf', '-.inf', '.nan', '1:30', '2020-01-01'];
const BOOLISH = ['true', 'false', 'True', 'FALSE', 'yes', 'no', 'on', 'off', 'y', 'n', 'Yes', 'NO'];
const TEXTISH = ['"5"', '""', '"true"', '"false"', '"abc"', 'abc', '"0"', '" "'];
const NULLISH = ['null', '~', 'Null', 'NULL'];
const SHAPES = ['[]', '{}', '[1]', '{"a": 1}'];
const ALL_TOKENS = [...NUMBERISH, ...BOOLISH, ...TEXTISH, ...NULLISH, ...SHAPES];

/** Deployment fields by path ('a.b' nests), with the compute types they are read under. */
const DEPLOYMENT_PATHS = [
  'autoScaler.autoscaleEnabled',
  'autoScaler.minReplicas',
  'autoScaler.maxReplicas',
  'autoScaler.refreshPeriodInSeconds',
  'autoScaler.targetUtilization',
  'numReplicas',
  'authEnabled',
  'tokenAuthEnabled',
  'containerResourceRequirements.cpu',
  'containerResourceRequirements.memoryInGB',
  'containerResourceRequirements.cpuLimit',
  'containerResourceRequirements.memoryInGBLimit',
  'gpuCores',
  'appInsightsEnabled',
  'scoringTimeoutMs',
  'maxConcurrentRequestsPerContainer',
  'maxQueueWaitMs',
  'dataCollection.storageEnabled',
  'keys.primaryKey',
  'livenessProbeRequirements.periodSeconds',
  'livenessProbeRequirements.initialDelaySeconds',
  'livenessProbeRequirements.timeoutSeconds',
  'livenessProbeRequirements.successThreshold',
  'livenessProbeRequirements.failureThreshold',
  'namespace',
  'computeTargetName',
  'versionName',
  'trafficPercentile',
  'port',
  'location',
  'dnsNameLabel',
  'sslEnabled',
  // whole objects replaced by a scalar or list
  'autoScaler',
  'containerResourceRequirements',
  'livenessProbeRequirements',
  'dataCollection',
  'keys',
];

const OTHER_COMPUTE = ['AKSENDPOINT', 'aci', 'local'];

/** A JSON or YAML text for a tree whose leaves are raw tokens. */
type Tree = { [k: string]: Tree | string };

function toJsonText(t: Tree, indent = ''): string {
  const inner = `${indent}  `;
  const parts = Object.entries(t).map(([k, v]) => `${inner}${JSON.stringify(k)}: ${typeof v === 'string' ? v : toJsonText(v, inner)}`);
  return parts.length ? `{\n${parts.join(',\n')}\n${indent}}` : '{}';
}

function toYamlText(t: Tree, indent = ''): string {
  return Object.entries(t)
    .map(([k, v]) => (typeof v === 'string' ? `${indent}${k}: ${v}\n` : Object.keys(v).length ? `${indent}${k}:\n${toYamlText(v, `${indent}  `)}` : `${indent}${k}: {}\n`))
    .join('');
}

function setPath(t: Tree, path: string, raw: string): Tree {
  const copy: Tree = structuredClone(t);
  const keys = path.split('.');
  let at = copy;
  for (const k of keys.slice(0, -1)) {
    if (typeof at[k] !== 'object') at[k] = {};
    at = at[k] as Tree;
  }
  at[keys[keys.length - 1]] = raw;
  return copy;
}

function text(t: Tree, yaml: boolean): string {
  return yaml ? toYamlText(t) : `${toJsonText(t)}\n`;
}

/** Files every inference case folder has: the references resolve unless a case says otherwise. */
const SCORE = 'def init():\n    pass\n\n\ndef run(data):\n    return data\n';
const CONDA = 'name: env\ndependencies:\n  - python=3.8\n  - pip:\n    - azureml-defaults\n';
const BASE_FILES: Record<string, string> = {
  'score.py': SCORE,
  'sub/score.py': SCORE,
  'sub/conda.yml': CONDA,
  'conda.yml': CONDA,
  'steps.dockerfile': 'RUN echo hi\n',
  '1score.py': SCORE,
  'class.py': SCORE,
  'my-score.py': SCORE,
  'score.txt': SCORE,
  'broken.py': 'def init(:\n',
};

export function generateCorpus(): CorpusCase[] {
  const cases: CorpusCase[] = [];
  let n = 0;
  const add = (kind: CorpusCase['kind'], label: string, content: string, yaml: boolean, extra: Partial<CorpusCase> = {}) => {
    const name = `${kind === 'inference' ? 'inferenceconfig' : 'deploymentconfig'}.${yaml ? 'yml' : 'json'}`;
    const id = `${String(++n).padStart(4, '0')}-${label}`;
    const files = { ...(kind === 'inference' ? BASE_FILES : {}), ...(extra.files ?? {}) };
    const config = extra.config ?? name;
    files[config] = content;
    cases.push({ id, kind, files, config, cwd: extra.cwd ?? '' });
  };

  // Deployment: every field × every token, under aks and one other compute type, alternating JSON/YAML.
  let flip = 0;
  for (const path of DEPLOYMENT_PATHS) {
    ALL_TOKENS.forEach((tok, i) => {
      for (const compute of ['aks', OTHER_COMPUTE[i % OTHER_COMPUTE.length]]) {
        const yaml = flip++ % 2 === 1;
        add('deployment', `dc-${compute}-${path}=${tok}`, text(setPath({ computeType: compute }, path, tok), yaml), yaml);
      }
    });
  }
  // computeType itself: spellings, case, types.
  for (const tok of ['aks', 'AKS', 'Aks', 'AKSENDPOINT', 'aksendpoint', 'AksEndpoint', 'aci', 'ACI', 'local', 'LOCAL', 'mir', 'kubernetes', 'Standard_F2s_v2', ...NUMBERISH.slice(0, 6), ...BOOLISH.slice(0, 4), ...TEXTISH, ...NULLISH, ...SHAPES]) {
    for (const yaml of [false, true]) add('deployment', `dc-computeType=${tok}`, text({ computeType: tok }, yaml), yaml);
  }
  // Cross-field rules and defaults.
  const combos: [string, Tree][] = [
    ['autoscale+replicas', { computeType: 'aks', numReplicas: '2', autoScaler: { autoscaleEnabled: 'true' } }],
    ['autoscale-off-no-replicas', { computeType: 'aks', autoScaler: { autoscaleEnabled: 'false' } }],
    ['autoscale-off+replicas', { computeType: 'aks', numReplicas: '2', autoScaler: { autoscaleEnabled: 'false' } }],
    ['autoscale-off+min', { computeType: 'aks', numReplicas: '2', autoScaler: { autoscaleEnabled: 'false', minReplicas: '1' } }],
    ['replicas+min', { computeType: 'aks', numReplicas: '2', autoScaler: { minReplicas: '1' } }],
    ['replicas+max', { computeType: 'aks', numReplicas: '2', autoScaler: { maxReplicas: '4' } }],
    ['min-only', { computeType: 'aks', autoScaler: { minReplicas: '2' } }],
    ['min+max-unset-enabled', { computeType: 'aks', autoScaler: { minReplicas: '2', maxReplicas: '4' } }],
    ['min>max', { computeType: 'aks', autoScaler: { autoscaleEnabled: 'true', minReplicas: '5', maxReplicas: '2' } }],
    ['min>default-max', { computeType: 'aks', autoScaler: { autoscaleEnabled: 'true', minReplicas: '20' } }],
    ['min=max', { computeType: 'aks', autoScaler: { autoscaleEnabled: 'true', minReplicas: '3', maxReplicas: '3' } }],
    ['util>100', { computeType: 'aks', autoScaler: { autoscaleEnabled: 'true', targetUtilization: '150' } }],
    ['cpuLimit<cpu', { computeType: 'aks', containerResourceRequirements: { cpu: '2', cpuLimit: '1' } }],
    ['cpuLimit<default-cpu', { computeType: 'aks', containerResourceRequirements: { cpuLimit: '0.05' } }],
    ['memLimit<mem', { computeType: 'aks', containerResourceRequirements: { memoryInGB: '2', memoryInGBLimit: '1' } }],
    ['memLimit-only', { computeType: 'aks', containerResourceRequirements: { memoryInGBLimit: '0.1' } }],
    ['auth+token', { computeType: 'aks', authEnabled: 'true', tokenAuthEnabled: 'true' }],
    ['token-only', { computeType: 'aks', tokenAuthEnabled: 'true' }],
    ['aci-auth+token', { computeType: 'aci', authEnabled: 'true', tokenAuthEnabled: 'true' }],
    ['endpoint-auth+token', { computeType: 'AKSENDPOINT', authEnabled: 'true', tokenAuthEnabled: 'true' }],
    ['aci-ssl-no-cert', { computeType: 'aci', sslEnabled: 'true' }],
    ['aci-ssl-cert-only', { computeType: 'aci', sslEnabled: 'true', sslCertificate: 'cert.pem' }],
    ['aci-ssl-full', { computeType: 'aci', sslEnabled: 'true', sslCertificate: 'cert.pem', sslKey: 'key.pem', cname: 'x.example.com' }],
    ['aci-ssl-off-cert', { computeType: 'aci', sslEnabled: 'false', sslCertificate: 'cert.pem' }],
    ['aci-cmk-partial', { computeType: 'aci', vaultBaseUrl: 'https://v.vault.azure.net' }],
    ['aci-cmk-full', { computeType: 'aci', vaultBaseUrl: 'https://v.vault.azure.net', keyName: 'k', keyVersion: '1' }],
    ['aci-vnet-only', { computeType: 'aci', vnetName: 'v' }],
    ['aci-vnet-subnet', { computeType: 'aci', vnetName: 'v', subnetName: 's' }],
    ['aci-subnet-only', { computeType: 'aci', subnetName: 's' }],
    ['aci-cpu0', { computeType: 'aci', containerResourceRequirements: { cpu: '0' } }],
    ['aci-dns-underscore', { computeType: 'aci', dnsNameLabel: 'my_label' }],
    ['namespace-bad', { computeType: 'aks', namespace: 'My_NS' }],
    ['namespace-long', { computeType: 'aks', namespace: 'a'.repeat(64) }],
    ['endpoint-version-bad', { computeType: 'AKSENDPOINT', versionName: 'Bad_Name' }],
    ['endpoint-traffic-150', { computeType: 'AKSENDPOINT', trafficPercentile: '150' }],
    ['endpoint-traffic-neg', { computeType: 'AKSENDPOINT', trafficPercentile: '-5' }],
    ['local-port-0', { computeType: 'local', port: '0' }],
    ['local-port-70000', { computeType: 'local', port: '70000' }],
    ['misspelled-computetype', { computetype: 'aks' }],
    ['ComputeType', { ComputeType: 'aks' }],
    ['no-computeType', { numReplicas: '2' }],
    ['misspelled-autoscaler', { computeType: 'aks', autoscaler: { autoscaleEnabled: 'false' } }],
    ['misspelled-numreplicas', { computeType: 'aks', numreplicas: '2', autoScaler: { autoscaleEnabled: 'false' } }],
    ['extra-field', { computeType: 'aks', cpuCores: '1', memoryInGB: '2', instanceCount: '1' }],
    ['extra-nested', { computeType: 'aks', autoScaler: { autoscaleEnable: 'true' } }],
    ['gpu-in-resources', { computeType: 'aks', containerResourceRequirements: { gpu: '1' } }],
    ['full-aks', { computeType: 'aks', autoScaler: { autoscaleEnabled: 'true', minReplicas: '1', maxReplicas: '3', refreshPeriodInSeconds: '10', targetUtilization: '70' }, authEnabled: 'true', containerResourceRequirements: { cpu: '0.5', memoryInGB: '1', cpuLimit: '1', memoryInGBLimit: '2' }, appInsightsEnabled: 'true', scoringTimeoutMs: '5000', maxConcurrentRequestsPerContainer: '2', maxQueueWaitMs: '1000', livenessProbeRequirements: { periodSeconds: '5', initialDelaySeconds: '30', timeoutSeconds: '2', successThreshold: '1', failureThreshold: '3' }, namespace: 'models' }],
  ];
  for (const [label, tree] of combos) for (const yaml of [false, true]) add('deployment', `dc-combo-${label}`, text(tree, yaml), yaml);

  // Whole-file shapes and YAML variants (same text under both names).
  const shapes: [string, string, boolean][] = [
    ['empty', '', false],
    ['empty-yml', '', true],
    ['blank', '\n\n  \n', true],
    ['comment-only', '# nothing\n', true],
    ['null', 'null\n', false],
    ['tilde', '~\n', true],
    ['list', '[]\n', false],
    ['list-of-object', '[{"computeType": "aks"}]\n', false],
    ['string', '"aks"\n', false],
    ['bare-word', 'computeType\n', true],
    ['number', '42\n', false],
    ['computeType-substring', 'my computeType here\n', true],
    ['doc-marker', '---\ncomputeType: aks\n', true],
    ['doc-end', 'computeType: aks\n...\n', true],
    ['two-docs', '---\ncomputeType: aks\n---\ncomputeType: aci\n', true],
    ['crlf', 'computeType: aks\r\nnumReplicas: 2\r\nautoScaler:\r\n  autoscaleEnabled: false\r\n', true],
    ['bom', '\ufeff{"computeType": "aks"}\n', false],
    ['trailing-comma', '{"computeType": "aks",}\n', false],
    ['trailing-comma-nested', '{"computeType": "aks", "autoScaler": {"minReplicas": 2,},}\n', false],
    ['single-quotes', "{'computeType': 'aks'}\n", false],
    ['comment-in-json', '{"computeType": "aks" # x\n}\n', false],
    ['js-comment', '{"computeType": "aks" // x\n}\n', false],
    ['tab-indent-json', '{\n\t"computeType": "aks"\n}\n', false],
    ['tab-indent-yaml', 'computeType: aks\nautoScaler:\n\tminReplicas: 2\n', true],
    ['duplicate-key', '{"computeType": "aci", "computeType": "aks"}\n', false],
    ['duplicate-key-yaml', 'computeType: aks\nnumReplicas: 2\nnumReplicas: 0\n', true],
    ['anchor', 'base: &b\n  cpu: 1\ncomputeType: aks\ncontainerResourceRequirements: *b\n', true],
    ['merge-key', 'base: &b\n  cpu: 1\ncomputeType: aks\ncontainerResourceRequirements:\n  <<: *b\n  memoryInGB: 2\n', true],
    ['flow-yaml', '{computeType: aks, numReplicas: 2, autoScaler: {autoscaleEnabled: false}}\n', true],
    ['indented-root', '---\n    computeType: aks\n    numReplicas: 2\n', true],
    ['quoted-key', '"computeType": aks\n', true],
    ['single-quoted-value', "computeType: 'aks'\n", true],
    ['block-scalar', 'computeType: |\n  aks\n', true],
    ['folded-scalar', 'computeType: >-\n  aks\n', true],
    ['tagged-str', 'computeType: !!str aks\nnumReplicas: !!int "2"\nautoScaler:\n  autoscaleEnabled: false\n', true],
    ['python-tag', 'computeType: !!python/name:os.system aks\n', true],
    ['bad-indent', 'computeType: aks\n  numReplicas: 2\n', true],
    ['unclosed', '{"computeType": "aks"\n', false],
    ['key-no-value', 'computeType:\n', true],
    ['complex-key', '? [a]\n: 1\ncomputeType: aks\n', true],
    ['number-key', '{1: 2, "computeType": "aks"}\n', false],
    ['null-key', '{null: 2, "computeType": "aks"}\n', false],
    ['binary', 'computeType: aks\nkeys:\n  primaryKey: !!binary aGVsbG8=\n', true],
    ['timestamp', 'computeType: aks\nnamespace: 2020-01-01\n', true],
    ['set', 'computeType: aks\nkeys: !!set {a, b}\n', true],
    ['omap', 'computeType: aks\nkeys: !!omap [primaryKey: a]\n', true],
  ];
  for (const [label, content, yaml] of shapes) {
    add('deployment', `dc-shape-${label}`, content, yaml);
    add('inference', `ic-shape-${label}`, content.replace(/computeType: aks/g, 'entryScript: score.py').replace(/"computeType": "aks"/g, '"entryScript": "score.py"').replace(/computeType/g, 'entryScript'), yaml);
  }

  // Inference: every top-level field × tokens, with and without an environment.
  const envBlock: Tree = { python: { condaDependenciesFile: 'conda.yml' } };
  const INFERENCE_PATHS: [string, string[]][] = [
    ['entryScript', ['score.py', './score.py', 'sub/score.py', 'missing.py', 'score.txt', '1score.py', 'class.py', 'my-score.py', 'broken.py', 'SCORE.PY', '"score.py "', ...NUMBERISH.slice(0, 4), ...BOOLISH.slice(0, 3), ...NULLISH.slice(0, 2), '""', ...SHAPES]],
    ['sourceDirectory', ['.', './', 'sub', 'missing', '..', '/', ...NUMBERISH.slice(0, 3), ...BOOLISH.slice(0, 3), ...NULLISH.slice(0, 2), '""', '"."', ...SHAPES]],
    ['runtime', ['python', 'Python', 'PYTHON', 'spark-py', 'python-slim', 'java', ...NUMBERISH.slice(0, 3), ...BOOLISH.slice(0, 3), ...NULLISH.slice(0, 2), '""', ...SHAPES]],
    ['condaFile', ['conda.yml', 'missing.yml', 'sub/conda.yml', ...NUMBERISH.slice(0, 3), ...BOOLISH.slice(0, 3), ...NULLISH.slice(0, 2), '""', ...SHAPES]],
    ['extraDockerfileSteps', ['steps.dockerfile', 'missing.dockerfile', ...NUMBERISH.slice(0, 3), ...BOOLISH.slice(0, 3), ...NULLISH.slice(0, 2), '""', ...SHAPES]],
    ['extraDockerFileSteps', ['steps.dockerfile', 'missing.dockerfile', '5', 'true', '""']],
    ['enableGpu', [...BOOLISH, ...TEXTISH, ...NUMBERISH.slice(0, 5), ...NULLISH.slice(0, 2), ...SHAPES]],
    ['cudaVersion', ['9.0', '9.1', '10.0', '10', '"9.1"', '"10.0"', '"11.0"', 'abc', ...BOOLISH.slice(0, 3), ...NULLISH.slice(0, 2), '""', ...SHAPES]],
    ['baseImage', ['mcr.microsoft.com/azureml/base:latest', '"my image"', ...NUMBERISH.slice(0, 3), ...BOOLISH.slice(0, 3), ...NULLISH.slice(0, 2), '""', ...SHAPES]],
    ['baseImageRegistry', ['myreg.azurecr.io', ...NUMBERISH.slice(0, 3), ...BOOLISH.slice(0, 3), ...NULLISH.slice(0, 2), '""', '[]', '{}', '{"address": "r.io"}', '{"address": 5}', '{"adress": "r.io"}']],
    ['description', ['"text"', ...NUMBERISH.slice(0, 3), ...BOOLISH.slice(0, 3), ...NULLISH.slice(0, 2), '""', ...SHAPES]],
    ['schemaFile', ['schema.json', 'score.py', '5', 'true', 'null', '""', '[]']],
    ['dependencies', ['[]', '["conda.yml"]', '["missing.txt"]', '[5]', '"conda.yml"', '5', 'null', '{}']],
    ['entry_script', ['score.py']],
    ['EntryScript', ['score.py']],
    ['environmentt', ['{}']],
  ];
  flip = 0;
  for (const [path, tokens] of INFERENCE_PATHS) {
    for (const tok of tokens) {
      for (const withEnv of [false, true]) {
        const yaml = flip++ % 2 === 1;
        const base: Tree = path === 'entryScript' ? {} : { entryScript: 'score.py' };
        if (path === 'entry_script' || path === 'EntryScript') delete base.entryScript;
        const tree = setPath(withEnv ? { ...base, environment: envBlock } : base, path, tok);
        add('inference', `ic-${withEnv ? 'env' : 'legacy'}-${path}=${tok}`, text(tree, yaml), yaml);
      }
    }
  }
  // Inference: the environment block.
  const ENV_PATHS: [string, string[]][] = [
    ['environment', ['{}', '"myenv"', '5', 'true', 'null', '[]', '[{"name": "a"}]', '""']],
    ['environment.name', ['myenv', '5', 'true', 'null', '""', '[]', '{}']],
    ['environment.version', ['1', '"1"', '1.0', 'true', 'null', '[]', '{}']],
    ['environment.environmentVariables', ['{}', '{"A": "1"}', '{"A": 1}', '{"A": true}', '{"A": null}', '{"A": []}', '{"A": {}}', '[]', '"A=1"', '5', 'null']],
    ['environment.python', ['{}', 'null', '5', '"x"', '[]']],
    ['environment.python.userManagedDependencies', [...BOOLISH.slice(0, 6), ...TEXTISH.slice(0, 4), '1', '0', 'null', '[]', '{}']],
    ['environment.python.interpreterPath', ['python', '5', 'null', '""', '[]']],
    ['environment.python.condaDependenciesFile', ['conda.yml', 'missing.yml', 'sub/conda.yml', '5', 'true', 'null', '""', '[]', '{}']],
    ['environment.python.condaDependencies', ['{}', '{"dependencies": ["python=3.8", {"pip": ["azureml-defaults"]}]}', '{"dependencies": ["python=3.8"]}', '{"dependencies": "x"}', '{"dependencies": [5]}', '{"name": "x"}', '{"channels": 5}', '[]', '"x"', '5', 'true', 'null']],
    ['environment.python.baseCondaEnvironment', ['base', '5', 'null', '[]']],
    ['environment.docker', ['{}', 'null', '5', '"x"', '[]']],
    ['environment.docker.baseImage', ['mcr.microsoft.com/azureml/base:latest', '5', 'true', 'null', '""', '[]', '{}']],
    ['environment.docker.baseDockerfile', ['"FROM ubuntu"', 'Dockerfile', '5', 'true', 'null', '""', '[]']],
    ['environment.docker.enabled', [...BOOLISH.slice(0, 6), ...TEXTISH.slice(0, 4), '1', '0', 'null', '[]']],
    ['environment.docker.shmSize', ['2g', '5', 'null', '""', '[]']],
    ['environment.docker.arguments', ['[]', '["--a"]', '[5]', '"--a"', '5', 'null', '{}']],
    ['environment.docker.baseImageRegistry', ['{}', '{"address": "r.io"}', '{"address": 5}', '{"adress": "r.io"}', '"r.io"', '5', 'null', '[]']],
    ['environment.docker.sharedVolumes', ['true', 'false', '"x"', '5', 'null']],
    ['environment.docker.platform', ['{}', '{"os": "Linux"}', '"Linux"', '5', 'null']],
    ['environment.inferencingStackVersion', ['latest', '5', 'null', '""', '[]']],
    ['environment.spark', ['{}', '5', 'null', '"x"', '{"repositories": []}']],
    ['environment.databricks', ['{}', '5', 'null', '"x"']],
    ['environment.r', ['{}', '5', 'null', '"x"']],
    ['environment.unknownField', ['1', '{}']],
    ['environment.Python', ['{}']],
    ['environment.docker.baseimage', ['x']],
  ];
  for (const [path, tokens] of ENV_PATHS) {
    for (const tok of tokens) {
      const yaml = flip++ % 2 === 1;
      add('inference', `ic-${path}=${tok}`, text(setPath({ entryScript: 'score.py', environment: { name: 'myenv' } }, path, tok), yaml), yaml);
    }
  }
  const envCombos: [string, Tree][] = [
    ['env-image+dockerfile', { entryScript: 'score.py', environment: { docker: { baseImage: 'x', baseDockerfile: '"FROM y"' } } }],
    ['env+runtime', { entryScript: 'score.py', runtime: 'python', environment: { name: 'e' } }],
    ['env+enableGpu-false', { entryScript: 'score.py', enableGpu: 'false', environment: { name: 'e' } }],
    ['env+enableGpu-"false"', { entryScript: 'score.py', enableGpu: '"false"', environment: { name: 'e' } }],
    ['env+baseImageRegistry', { entryScript: 'score.py', baseImageRegistry: '{"address": "r.io"}', environment: { name: 'e' } }],
    ['env-name-version-only', { entryScript: 'score.py', environment: { name: 'e', version: '1' } }],
    ['env-version-only', { entryScript: 'score.py', environment: { version: '1' } }],
    ['env-name+python', { entryScript: 'score.py', environment: { name: 'e', version: '1', python: { userManagedDependencies: 'true' } } }],
    ['env-no-defaults', { entryScript: 'score.py', environment: { python: { condaDependencies: '{"dependencies": ["numpy"]}' } } }],
    ['gpu-legacy', { entryScript: 'score.py', runtime: 'python', condaFile: 'conda.yml', enableGpu: 'true' }],
    ['gpu-legacy-cuda-bad', { entryScript: 'score.py', runtime: 'python', enableGpu: 'true', cudaVersion: '"8.0"' }],
    ['cuda-without-gpu', { entryScript: 'score.py', runtime: 'python', cudaVersion: '"8.0"' }],
    ['src-sub-entry-sub', { entryScript: 'score.py', sourceDirectory: 'sub', condaFile: 'conda.yml' }],
    ['src-sub-conda-root', { entryScript: 'score.py', sourceDirectory: 'sub', runtime: 'python', condaFile: '../conda.yml' }],
    ['abs-entry', { entryScript: '/nonexistent/score.py' }],
    ['legacy-full', { entryScript: 'score.py', runtime: 'python', condaFile: 'conda.yml', extraDockerfileSteps: 'steps.dockerfile', baseImage: 'x', baseImageRegistry: '{"address": "r.io", "username": "u", "password": "p"}', description: '"d"' }],
    ['no-entry', { runtime: 'python' }],
    ['only-env', { environment: { name: 'e' } }],
  ];
  for (const [label, tree] of envCombos) for (const yaml of [false, true]) add('inference', `ic-combo-${label}`, text(tree, yaml), yaml);

  // Working directory: v1 resolved paths against it. Configs in config/ run from the parent.
  for (const yaml of [false, true]) {
    const inConfig = { config: `config/inferenceconfig.${yaml ? 'yml' : 'json'}`, cwd: '' };
    add('inference', 'ic-cwd-parent-entry', text({ entryScript: 'score.py', runtime: 'python', condaFile: 'conda.yml' }, yaml), yaml, inConfig);
    add('inference', 'ic-cwd-parent-src', text({ entryScript: 'score.py', sourceDirectory: '.' }, yaml), yaml, inConfig);
    add('inference', 'ic-cwd-parent-src-sub', text({ entryScript: 'score.py', sourceDirectory: 'sub' }, yaml), yaml, inConfig);
    add('inference', 'ic-cwd-parent-missing', text({ entryScript: 'nothere.py' }, yaml), yaml, inConfig);
    add('inference', 'ic-cwd-sub-run', text({ entryScript: 'score.py', condaFile: 'conda.yml', runtime: 'python' }, yaml), yaml, { config: `sub/inferenceconfig.${yaml ? 'yml' : 'json'}`, cwd: 'sub' });
  }
  return cases;
}
