// Hardening (issue 19, medium): Dockerfile injection. A newline in an environmentVariables key or in the model
// folder's name started a new Dockerfile instruction, `validate` passed it, and "My Model" broke the Dockerfile.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseInferenceConfig } from '../../../src/core/config';
import { containerSourceDir, renderDockerfile, renderEnvironmentDockerfile } from '../../../src/local/dockerfile';
import type { LocalServiceSpec } from '../../../src/local/localServiceSpec';
import { localSpecForFolder } from '../../../src/local/modelFolderSpec';

const spec: LocalServiceSpec = {
  name: 'iris', sourceDirectory: '/home/me/My Model', entryScript: 'score.py', modelDirs: [{ name: 'iris', version: '1', path: '/home/me/My Model/model' }],
  environmentVariables: {}, scoringTimeoutMs: 5000, workerCount: 1,
};
// Both generated Dockerfiles: the environment image's (packages, conda file name) and the model image's.
const render = (over: Partial<LocalServiceSpec>) =>
  renderEnvironmentDockerfile({ ...spec, ...over }) + renderDockerfile({ spec: { ...spec, ...over }, inputsHash: 'h', environmentImage: 'aksmodel-env:0123456789abcdef' });
const instructions = (text: string) => text.split('\n').filter((l) => l && !l.startsWith('#') && !l.startsWith(' ')).map((l) => l.split(' ')[0]);

describe('hardening: Dockerfile text comes only from checked, quoted values', () => {
  // Azure ML v1 accepted these files (azureml-core's own check, issue 16), so validate warns; the build and deploy
  // refuse them (engineRefuses), because the value would become Dockerfile text.
  it('validate flags an environmentVariables key with a newline, naming field, file and line; the engine refuses it', () => {
    const text = '{\n  "entryScript": "score.py",\n  "environment": {\n    "environmentVariables": {\n      "A\\nRUN touch /pwned": "1"\n    }\n  }\n}\n';
    const r = parseInferenceConfig(text, { fileName: '/proj/inferenceconfig.json' });
    const p = r.problems.find((x) => x.engineRefuses);
    assert.ok(p, 'no refusal reported');
    assert.equal(p.severity, 'warning');
    assert.equal(p.path, 'environment.environmentVariables');
    assert.equal(p.range.start.line, 4);
    assert.match(p.message, /"A\\nRUN touch \/pwned" is not a valid variable name.*Run Locally and deploy refuse it/);
  });

  it('the engine refuses illegal characters in a key and a line break in a value', () => {
    const bad = parseInferenceConfig(JSON.stringify({ entryScript: 'score.py', environment: { environmentVariables: { 'A B': '1', C: 'x\ny' } } }), { fileName: 'ic.json' });
    assert.deepEqual(bad.problems.filter((p) => p.engineRefuses).map((p) => p.path), ['environment.environmentVariables', 'environment.environmentVariables.C']);
    const good = parseInferenceConfig(JSON.stringify({ entryScript: 'score.py', environment: { environmentVariables: { 'my.var-1': '$HOME "q"', _X: '' } } }), { fileName: 'ic.json' });
    assert.deepEqual(good.problems.filter((p) => p.severity === 'error' || p.engineRefuses), []);
  });

  it('never lets a key, value, name or path add an instruction, and quotes $ and " in ENV values', () => {
    const normal = instructions(render({}));
    assert.throws(() => render({ environmentVariables: { 'A\nRUN touch /pwned': '1' } }), /not a valid environment variable name/);
    assert.throws(() => render({ environmentVariables: { A: '1\nRUN touch /pwned' } }), /line break/);
    assert.throws(() => render({ modelDirs: [{ name: 'm\nRUN touch /pwned', version: '1', path: '/m' }] }), /model name/);
    assert.throws(() => render({ baseImage: 'python:3.11\nRUN touch /pwned' }), /not an image reference/);
    assert.throws(() => render({ entryScript: 'score.py\nRUN touch /pwned' }), /line break/);
    assert.deepEqual(instructions(render({ name: 'x\nRUN touch /pwned', condaFile: '/p/c\nRUN x.yml' })), normal);
    assert.match(render({ environmentVariables: { GREETING: 'a "b" $HOME \\' } }), /^ENV GREETING="a \\"b\\" \\\$HOME \\\\"$/m);
  });

  it('puts a folder with a space under a plain container path, every COPY and RUN in JSON form', () => {
    assert.equal(containerSourceDir(spec), '/var/azureml-app/My_Model');
    const text = render({ pipPackages: ['numpy; $(touch /pwned)'] });
    for (const l of text.split('\n').filter((x) => /^(COPY|RUN|CMD) /.test(x))) assert.match(l, /^(COPY|RUN|CMD) (--from=[\w:-]+ )?\[".*"\]$/, l);
    assert.match(text, /"numpy; \$\(touch \/pwned\)"/);
  });

  it('serves a folder named "My Model" and refuses one with a line break, saying so', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'aks-names-'));
    const folder = (name: string) => {
      const dir = path.join(root, name);
      mkdirSync(dir);
      writeFileSync(path.join(dir, 'score.py'), 'def init(): pass\ndef run(d): return d\n');
      return dir;
    };
    const ok = localSpecForFolder(folder('My Model'));
    assert.ok(ok.ok, JSON.stringify(ok));
    assert.equal(ok.spec.name, 'my-model');
    const bad = localSpecForFolder(folder('bad\nRUN touch x'));
    assert.equal(bad.ok, false);
    assert.match(bad.ok ? '' : bad.problems.join('\n'), /folder name "bad\\nRUN touch x" holds a line break or control character/);
  });
});
