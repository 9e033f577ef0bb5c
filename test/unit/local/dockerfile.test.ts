import assert from 'node:assert/strict';
import { containerSourceDir, environmentImageTag, failingBuildStep, renderDockerfile, renderEnvironmentDockerfile } from '../../../src/local/dockerfile';
import type { LocalServiceSpec } from '../../../src/local/localServiceSpec';

const spec: LocalServiceSpec = {
  name: 'iris', sourceDirectory: '/home/me/iris', entryScript: 'score.py',
  modelDirs: [{ name: 'iris-model', version: '3', path: '/home/me/iris/model' }],
  pipPackages: ['scikit-learn', 'joblib'], condaFile: '/home/me/iris/conda.yml',
  environmentVariables: { GREETING: 'hello world' }, scoringTimeoutMs: 5000, workerCount: 2,
};

describe('Dockerfile rendering', () => {
  const envText = renderEnvironmentDockerfile(spec);
  const envImage = environmentImageTag(envText, {});
  const text = renderDockerfile({ spec, inputsHash: 'abcdef0123456789', extraSteps: 'RUN echo extra\n', environmentImage: envImage });
  const lines = text.split('\n');
  const at = (re: RegExp) => lines.findIndex((l) => re.test(l));

  it('starts FROM the public default image unless the spec names one', () => {
    assert.deepEqual(lines.filter((l) => l.startsWith('FROM ')), ['FROM python:3.11-slim']);
    assert.deepEqual(envText.split('\n').filter((l) => l.startsWith('FROM ')), ['FROM python:3.11-slim']);
    assert.match(renderDockerfile({ spec: { ...spec, baseImage: 'local/x:1' }, inputsHash: 'h', environmentImage: envImage }), /^FROM local\/x:1$/m);
    assert.match(renderEnvironmentDockerfile({ ...spec, baseImage: 'local/x:1' }), /^FROM local\/x:1$/m);
  });

  it('installs the pip section plus the server and debugpy in the environment image, with pass-through index args', () => {
    assert.match(envText, /^RUN \["\/opt\/aksmodel\/venv\/bin\/pip", "install", .*"scikit-learn", "joblib", "azureml-inference-server-http", "debugpy"\]$/m);
    const envLines = envText.split('\n');
    assert.ok(envLines.indexOf('ARG PIP_INDEX_URL') < envLines.findIndex((l) => /^RUN \[".*pip", "install"/.test(l)));
    // The index settings stay in the environment image: the model image only copies the finished venv.
    assert.ok(!text.includes('PIP_'));
    assert.ok(lines.includes(`COPY --from=${envImage} ["/opt/aksmodel/venv", "/opt/aksmodel/venv"]`));
  });

  it('tags the environment by its content and index settings, the same for every folder with the same packages', () => {
    assert.match(envImage, /^aksmodel-env:[0-9a-f]{16}$/);
    assert.equal(environmentImageTag(renderEnvironmentDockerfile({ ...spec, name: 'other', sourceDirectory: '/x' }), {}), envImage);
    assert.notEqual(environmentImageTag(renderEnvironmentDockerfile({ ...spec, pipPackages: ['scikit-learn'] }), {}), envImage);
    assert.notEqual(environmentImageTag(envText, { PIP_INDEX_URL: 'https://mirror.example/simple' }), envImage);
    assert.ok(!environmentImageTag(envText, { PIP_INDEX_URL: 'https://u:secret@mirror.example/simple' }).includes('secret'));
  });

  it('lays out the app and models as Azure ML does, settings before files, the source last', () => {
    assert.equal(containerSourceDir(spec), '/var/azureml-app/iris');
    assert.ok(lines.includes('COPY ["models/iris-model/3/", "/var/azureml-app/azureml-models/iris-model/3/"]'));
    assert.ok(lines.includes('COPY ["src/", "/var/azureml-app/iris/"]'));
    assert.ok(at(/^COPY --from=/) < at(/^RUN echo extra$/));
    assert.ok(at(/^RUN echo extra$/) < at(/^COPY \["src\//));
    // A score.py change re-runs one step: the source COPY is the last instruction.
    assert.equal(lines.filter((l) => /^[A-Z]+ /.test(l)).at(-1), 'COPY ["src/", "/var/azureml-app/iris/"]');
    for (const re of [/^WORKDIR /, /^ENV AML_APP_ROOT/, /^EXPOSE /, /^CMD /, /^COPY \["models\//]) assert.ok(at(re) < at(/^COPY \["src\//), String(re));
    assert.match(text, /AZUREML_MODEL_DIR="\/var\/azureml-app\/azureml-models\/iris-model\/3" /);
    assert.match(text, /ENV GREETING="hello world"/);
  });

  it('runs azmlinfsrv on 5001 as PID 1 with the gunicorn hooks', () => {
    assert.match(text, /^CMD \["azmlinfsrv", "--entry_script", "\/var\/azureml-app\/iris\/score.py", "--model_dir", "\/var\/azureml-app\/azureml-models\/iris-model\/3", "--port", "5001"\]$/m);
    assert.match(text, /GUNICORN_CMD_ARGS="--config \/opt\/aksmodel\/aksmodel_gunicorn_hooks.py"/);
    assert.match(text, /WORKER_COUNT="2"/);
  });

  it('points AZUREML_MODEL_DIR at the models root when there are several', () => {
    const two = renderDockerfile({ spec: { ...spec, modelDirs: [...spec.modelDirs, { name: 'b', version: '1', path: '/b' }] }, inputsHash: 'h', environmentImage: envImage });
    assert.match(two, /AZUREML_MODEL_DIR="\/var\/azureml-app\/azureml-models" /);
  });

  it('names the failing build step for both builders', () => {
    assert.equal(failingBuildStep('Step 4/9 : RUN python3 -m venv /opt/v\n ---> abc\nStep 5/9 : RUN pip install "nopkg"\nThe command ... returned a non-zero code: 1'), 'RUN pip install "nopkg"');
    assert.equal(failingBuildStep('#7 ERROR [3/6] RUN pip install nopkg\nfailed to solve: process "/bin/sh -c pip install nopkg" did not complete successfully'), 'RUN pip install nopkg');
  });
});
