import assert from 'node:assert/strict';
import { clean, noProblemAt, parse, problemAt, textAt, type Rule } from './support';

const IC = '/proj/inferenceconfig.json';
const ENV = { python: { condaDependencies: { dependencies: ['python=3.10', { pip: ['azureml-defaults'] }] } } };
const ic = (fields: Record<string, unknown>) => JSON.stringify({ entryScript: 'score.py', ...fields }, null, 2);
/** A fake file system: the config sits in /proj, which holds these files. */
const files = new Set(['/proj', '/proj/score.py', '/proj/src', '/proj/src/score.py', '/proj/conda.yml', '/proj/steps.docker', '/proj/schema.json', '/proj/model.pkl']);
const fileExists = (p: string) => files.has(p);


const rules: Rule[] = [
  { rule: 'entryScript is a .py file', pass: { entryScript: 'score.py' }, fail: { entryScript: 'score.ipynb' }, path: 'entryScript', says: /Python file/ },
  { rule: 'entryScript exists under sourceDirectory', pass: { sourceDirectory: 'src' }, fail: { entryScript: 'missing.py' }, path: 'entryScript', at: '"missing.py"', says: /\/proj\/missing\.py/ },
  { rule: 'sourceDirectory exists', pass: { sourceDirectory: './src' }, fail: { sourceDirectory: 'nope' }, path: 'sourceDirectory' },
  { rule: 'condaFile exists', pass: { condaFile: 'conda.yml' }, fail: { condaFile: 'env.yml' }, path: 'condaFile' },
  { rule: 'extraDockerfileSteps exists', pass: { extraDockerfileSteps: 'steps.docker' }, fail: { extraDockerfileSteps: 'nope' }, path: 'extraDockerfileSteps' },
  { rule: 'the docs spelling extraDockerFileSteps is ignored as v1 did, with a warning', pass: { extraDockerfileSteps: 'steps.docker' }, fail: { extraDockerFileSteps: 'steps.docker' }, path: 'extraDockerFileSteps', severity: 'warning', says: /v1 ignored "extraDockerFileSteps".*rename it to extraDockerfileSteps/ },
  { rule: 'environment.python.condaDependenciesFile exists', pass: { environment: { python: { condaDependenciesFile: 'conda.yml' } } }, fail: { environment: { python: { condaDependenciesFile: 'x.yml' } } }, path: 'environment.python.condaDependenciesFile', severity: 'warning' },
  { rule: 'runtime is python or spark-py', pass: { runtime: 'Python' }, fail: { runtime: 'java' }, path: 'runtime' },
  { rule: 'cudaVersion is 9.0, 9.1 or 10.0', pass: { enableGpu: true, cudaVersion: '10.0' }, fail: { enableGpu: true, cudaVersion: '11.0' }, path: 'cudaVersion' },
  { rule: 'cudaVersion without enableGpu is ignored', pass: { enableGpu: true, cudaVersion: '9.0' }, fail: { cudaVersion: '9.0' }, path: 'cudaVersion', severity: 'warning' },
  { rule: 'enableGpu is a boolean', pass: { enableGpu: false }, fail: { enableGpu: 'True' }, path: 'enableGpu', severity: 'warning', says: /Azure ML v1 read it as true/ },
  { rule: 'baseImageRegistry is an object or an address', pass: { baseImage: 'img', baseImageRegistry: 'myacr.azurecr.io' }, fail: { baseImageRegistry: 7 }, path: 'baseImageRegistry' },
  { rule: 'schemaFile is legacy', pass: {}, fail: { schemaFile: 'schema.json' }, path: 'schemaFile', severity: 'warning', says: /older SDKs/ },
  { rule: 'dependencies is legacy', pass: {}, fail: { dependencies: ['model.pkl'] }, path: 'dependencies', severity: 'warning', says: /older SDKs/ },
  { rule: 'dependencies must exist', pass: { dependencies: ['model.pkl'] }, fail: { dependencies: ['model.pkl', 'gone.pkl'] }, path: 'dependencies[1]', severity: 'warning' },
  { rule: 'baseImage and baseDockerfile exclude each other', pass: { environment: { ...ENV, docker: { baseImage: 'x' } } }, fail: { environment: { ...ENV, docker: { baseImage: 'x', baseDockerfile: 'FROM y' } } }, path: 'environment.docker.baseDockerfile' },
  { rule: 'warns when azureml-defaults is missing from inline conda deps', pass: { environment: ENV }, fail: { environment: { python: { condaDependencies: { dependencies: ['numpy'] } } } }, path: 'environment.python.condaDependencies', severity: 'warning' },
  { rule: 'no server-package warning with user-managed dependencies', pass: { environment: { python: { userManagedDependencies: true, condaDependencies: { dependencies: [] } } } }, fail: { environment: { python: { condaDependencies: { dependencies: [] } } } }, path: 'environment.python.condaDependencies', severity: 'warning' },
  { rule: 'environment variables are scalars', pass: { environment: { ...ENV, environmentVariables: { A: '1', B: 2 } } }, fail: { environment: { ...ENV, environmentVariables: { A: { x: 1 } } } }, path: 'environment.environmentVariables.A', severity: 'warning' },
  { rule: 'unknown fields suggest the nearest name', pass: { description: 'x' }, fail: { entryScirpt: 'score.py' }, path: 'entryScirpt', severity: 'warning', says: /Did you mean "entryScript"/ },
];
for (const legacy of ['runtime', 'condaFile', 'extraDockerfileSteps', 'enableGpu', 'cudaVersion', 'baseImage']) {
  const value = { runtime: 'python', condaFile: 'conda.yml', extraDockerfileSteps: 'steps.docker', enableGpu: true, cudaVersion: '9.1', baseImage: 'img' }[legacy];
  rules.push({ rule: `environment excludes ${legacy}`, pass: legacy === 'cudaVersion' ? { enableGpu: true, cudaVersion: value } : { [legacy]: value }, fail: { environment: ENV, [legacy]: value }, path: legacy, at: `"${legacy}"`, says: /cannot be used together with environment/ });
}

describe('inferenceconfig rules (azureml-v1.md)', () => {
  for (const r of rules) {
    it(r.rule, () => {
      noProblemAt(parse(ic(r.pass), IC, { fileExists }), r.path);
      const text = ic(r.fail);
      const bad = parse(text, IC, { fileExists });
      const p = problemAt(bad, r.path, r.severity ?? 'error');
      if (r.at) assert.equal(textAt(text, p), r.at);
      if (r.says) assert.match(p.message, r.says);
    });
  }

  it('needs entryScript, and reports a null, empty or mistyped one once', () => {
    problemAt(parse('{"environment": {}}', IC), 'entryScript', 'error');
    for (const value of ['null', '""', '42']) {
      const text = `{"entryScript": ${value}, "runtime": "python"}`;
      const r = parse(text, IC);
      assert.equal(r.problems.length, 1, JSON.stringify(r.problems));
      assert.equal(textAt(text, r.problems[0]), value);
    }
  });

  it('reads paths relative to the config folder, then sourceDirectory', () => {
    const r = parse(ic({ sourceDirectory: 'src', runtime: 'python' }), IC, { fileExists });
    clean(r);
    assert.equal(r.kind === 'inference' && r.config?.resolvedSourceDirectory, '/proj/src');
  });

  it('skips existence checks when no fileExists is given (pure validation, e.g. in a webview)', () => {
    clean(parse(ic({ entryScript: 'anything.py', runtime: 'python' }), IC));
  });

  it('checks the conda file content for the server package through readFile', () => {
    const text = ic({ environment: { python: { condaDependenciesFile: 'conda.yml' } } });
    const readFile = (p: string) => (p === '/proj/conda.yml' ? 'dependencies:\n  - python=3.10\n  - pip:\n    - numpy\n' : undefined);
    problemAt(parse(text, IC, { fileExists, readFile }), 'environment.python.condaDependenciesFile', 'warning');
    const withServer = (p: string) => (p === '/proj/conda.yml' ? 'dependencies:\n  - pip:\n    - azureml-inference-server-http==1.4\n' : undefined);
    clean(parse(text, IC, { fileExists, readFile: withServer }));
  });

  it('accepts the sample-project inference config (environment needs no name in the reference)', () => {
    clean(parse('{"entryScript":"score.py","sourceDirectory":".","environment":{"python":{"condaDependenciesFile":"conda.yml"}}}', IC, { fileExists }));
  });

  it('defaults cudaVersion to 9.1 with GPU and normalises a registry address', () => {
    const r = parse(ic({ runtime: 'python', enableGpu: true, baseImage: 'img', baseImageRegistry: 'r.io' }), IC);
    clean(r);
    if (r.kind !== 'inference' || !r.config) throw new Error('inference expected');
    assert.equal(r.config.cudaVersion, '9.1');
    assert.deepEqual(r.config.baseImageRegistry, { address: 'r.io' });
  });

  it('warns when neither environment nor runtime says how to build the image', () => {
    const r = parse('{"entryScript": "score.py"}', IC);
    assert.ok(r.config);
    problemAt(r, '', 'warning');
  });
});
