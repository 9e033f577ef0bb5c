import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../../src/cli/main';

const repoRoot = path.resolve(__dirname, '../../..');

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: (cwd: string) => ({ stdout: { write: (s: string) => out.push(s) }, stderr: { write: (s: string) => err.push(s) }, cwd }) };
}

describe('aks-model-deploy validate', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aks-cli-'));
    fs.writeFileSync(path.join(dir, 'score.py'), 'def init(): pass\ndef run(d): return d\n');
    fs.writeFileSync(path.join(dir, 'conda.yml'), 'dependencies:\n  - pip:\n    - azureml-defaults\n');
    fs.writeFileSync(path.join(dir, 'inferenceconfig.json'), '{"entryScript":"score.py","sourceDirectory":".","environment":{"python":{"condaDependenciesFile":"conda.yml"}}}');
    fs.writeFileSync(path.join(dir, 'deploymentconfig.json'), '{\r\n  "computeType": "aks",\r\n  "numReplicas": 0,\r\n  "autoScaler": {"autoscaleEnable": true}\r\n}\r\n');
    fs.writeFileSync(path.join(dir, 'dc.yml'), 'computeType: aks\nauthEnabled: True\n');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('prints file:line:col: severity: message (path), 1-based, and exits 1 on an error', async () => {
    const c = capture();
    const code = await main(['validate', 'deploymentconfig.json', 'inferenceconfig.json'], c.io(dir));
    assert.equal(code, 1);
    assert.deepEqual(c.out.join('').trimEnd().split('\n'), [
      'deploymentconfig.json:3:18: error: numReplicas must be greater than 0; found 0. (numReplicas)',
      'deploymentconfig.json:4:18: warning: Unknown field "autoscaleEnable"; Azure ML v1 ignores it. Did you mean "autoscaleEnabled"? (autoScaler.autoscaleEnable)',
    ]);
    assert.match(c.err.join(''), /2 file\(s\) checked: 1 error\(s\), 1 warning\(s\)/);
  });

  it('exits 0 when there are only clean files or warnings', async () => {
    const c = capture();
    assert.equal(await main(['validate', 'inferenceconfig.json', 'dc.yml'], c.io(dir)), 0);
    assert.equal(c.out.join(''), '');
  });

  it('writes JSON for machines with --format json', async () => {
    const c = capture();
    assert.equal(await main(['validate', '--format', 'json', 'deploymentconfig.json', 'missing.json'], c.io(dir)), 1);
    const reports = JSON.parse(c.out.join('')) as { file: string; kind: string | null; valid: boolean; problems: { path: string; range: { start: { line: number } } }[] }[];
    assert.deepEqual(reports.map((r) => [r.file, r.kind, r.valid]), [['deploymentconfig.json', 'deployment', false], ['missing.json', null, false]]);
    assert.equal(reports[0].problems.find((p) => p.path === 'numReplicas')?.range.start.line, 3);
    assert.match(JSON.stringify(reports[1].problems), /Cannot read the file \(ENOENT\)/);
  });

  it('answers usage mistakes with exit code 2', async () => {
    for (const argv of [[], ['frobnicate'], ['validate'], ['validate', '--format', 'xml', 'a.json'], ['validate', '--strict', 'a.json']]) {
      assert.equal(await main(argv, capture().io(dir)), 2, argv.join(' '));
    }
    assert.equal(await main(['--help'], capture().io(dir)), 0);
  });

  it('runs as a program: node --import tsx src/cli/main.ts validate', function () {
    this.timeout(20_000);
    const file = path.join(dir, 'deploymentconfig.json');
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'validate', file], { cwd: repoRoot, encoding: 'utf8' });
    assert.equal(r.status, 1, r.stderr);
    assert.ok(r.stdout.startsWith(`${file}:3:18: error: numReplicas must be greater than 0`), r.stdout);
  });
});
