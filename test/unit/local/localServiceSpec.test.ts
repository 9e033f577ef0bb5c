import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { condaPipPackages } from '../../../src/local/condaPipPackages';
import { imageInputsHash, sha256, venvInputsHash, type LocalServiceSpec } from '../../../src/local/localServiceSpec';

const spec = (over: Partial<LocalServiceSpec> = {}): LocalServiceSpec => ({
  name: 'iris', sourceDirectory: '/src', entryScript: 'score.py', modelDirs: [], environmentVariables: {}, scoringTimeoutMs: 60000, workerCount: 1, ...over,
});

describe('local service inputs', () => {
  it('hashes parts unambiguously', () => {
    assert.notEqual(sha256('ab', 'c'), sha256('a', 'bc'));
  });

  it('keys the venv on python version and the package set, not its order', () => {
    assert.equal(venvInputsHash('3.11', ['numpy', 'joblib']), venvInputsHash('3.11', ['joblib', 'numpy', 'debugpy']));
    assert.notEqual(venvInputsHash('3.11', ['numpy']), venvInputsHash('3.12', ['numpy']));
    assert.notEqual(venvInputsHash('3.11', ['numpy']), venvInputsHash('3.11', ['numpy==2.0']));
  });

  it('keys the image on base image, conda content and extra steps content only', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'aks-spec-'));
    const conda = path.join(dir, 'conda.yml');
    const steps = path.join(dir, 'steps.txt');
    writeFileSync(conda, 'dependencies: [python=3.11]\n');
    writeFileSync(steps, 'RUN echo one\n');
    const base = await imageInputsHash(spec({ condaFile: conda, extraDockerfileSteps: steps }));
    assert.equal(await imageInputsHash(spec({ condaFile: conda, extraDockerfileSteps: steps, entryScript: 'other.py' })), base);
    assert.notEqual(await imageInputsHash(spec({ condaFile: conda, extraDockerfileSteps: steps, baseImage: 'local/x:1' })), base);
    writeFileSync(steps, 'RUN echo two\n');
    assert.notEqual(await imageInputsHash(spec({ condaFile: conda, extraDockerfileSteps: steps })), base);
  });

  it('reads the pip section and python pin of a conda file', () => {
    const info = condaPipPackages('name: x\ndependencies:\n  - python=3.11\n  - pip\n  - libgcc\n  - pip:\n      - scikit-learn\n      - joblib==1.4\n');
    assert.deepEqual(info.pipPackages, ['scikit-learn', 'joblib==1.4']);
    assert.equal(info.pythonVersion, '3.11');
    assert.deepEqual(info.condaOnly, ['libgcc']);
  });
});
