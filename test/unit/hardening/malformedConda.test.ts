// Hardening (issue 19, low): a malformed conda file passed `validate`, then made `serve`/`deploy` print a raw
// YAMLParseError stack trace. Now both say the same one line, naming the file and its line.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { main } from '../../../src/cli/main';
import { localSpecForFolder } from '../../../src/local/modelFolderSpec';

const folder = (ic: object) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'aks-conda-'));
  writeFileSync(path.join(dir, 'score.py'), 'def init(): pass\ndef run(d): return d\n');
  writeFileSync(path.join(dir, 'conda.yml'), 'name: x\ndependencies:\n  - python=3.11\n  - pip:\n    - numpy\n   - [broken\n');
  writeFileSync(path.join(dir, 'inferenceconfig.json'), JSON.stringify({ entryScript: 'score.py', ...ic }));
  return dir;
};
const run = async (argv: string[]) => {
  let out = '';
  const w = { write: (t: string) => (out += t) };
  const code = await main(argv, { stdout: w, stderr: w, cwd: process.cwd() });
  return { code, out };
};
const ONE_LINE = /condaDependenciesFile: the conda file cannot be read: conda\.yml line 6: Not valid YAML/;

describe('hardening: a malformed conda file is one clear line, the same in validate, serve and deploy', () => {
  // Azure ML v1 accepted such a file (azureml-core's own check, issue 16): validate warns and exits 0; serve and
  // deploy, which must read the conda file, refuse it with the same line.
  it('validate reports it at the field, naming the conda file and its line', async () => {
    const dir = folder({ environment: { python: { condaDependenciesFile: 'conda.yml' } } });
    const r = await run(['validate', path.join(dir, 'inferenceconfig.json')]);
    assert.equal(r.code, 0);
    assert.match(r.out, /warning: .*Run Locally and deploy refuse it/);
    assert.match(r.out, ONE_LINE);
  });

  it('serve and the deploy spec say the same, without a stack trace', async () => {
    const dir = folder({ environment: { python: { condaDependenciesFile: 'conda.yml' } } });
    const spec = localSpecForFolder(dir);
    assert.equal(spec.ok, false);
    assert.match(spec.ok ? '' : spec.problems.join('\n'), ONE_LINE);
    const r = await run(['serve', dir]);
    assert.notEqual(r.code, 0);
    assert.match(r.out, ONE_LINE);
    assert.doesNotMatch(r.out, /YAMLParseError|\n\s+at /);
  });

  it('the legacy condaFile field is checked too', async () => {
    const r = await run(['validate', path.join(folder({ condaFile: 'conda.yml' }), 'inferenceconfig.json')]);
    assert.match(r.out, /condaFile: the conda file cannot be read: conda\.yml line 6/);
  });
});
