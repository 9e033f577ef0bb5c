// The command line as users run it: the built dist/cli.js under `node`, and the `aks-model-deploy` bin installed
// from the `npm pack` tarball into a temporary prefix. test/unit/cli/validate.test.ts covers the sources.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { packagedArtifacts, run } from '../support/artifacts';
import { repoRoot } from '../support/codeServer';

const BAD = '{\n  "computeType": "aks",\n  "numReplicas": 0\n}\n';
const GOOD = '{\n  "computeType": "aks",\n  "numReplicas": 2\n}\n';

function exec(file: string, args: string[], cwd: string) {
  return spawnSync(file, args, { cwd, encoding: 'utf8', timeout: 60_000 });
}

/** The same checks on any way of starting the CLI: help, validate with exit codes 0/1/2, and JSON output. */
function behavesAsDocumented(start: () => { file: string; prefix: string[] }) {
  let dir: string;
  const cli = (...args: string[]) => exec(start().file, [...start().prefix, ...args], dir);
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aks-cli-artifact-'));
    fs.mkdirSync(path.join(dir, 'bad'));
    fs.mkdirSync(path.join(dir, 'good'));
    fs.writeFileSync(path.join(dir, 'bad/deploymentconfig.json'), BAD);
    fs.writeFileSync(path.join(dir, 'good/deploymentconfig.json'), GOOD);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('--help prints the usage and exits 0', () => {
    const r = cli('--help');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^Usage: aks-model-deploy validate/);
  });

  it('validate: a clean config exits 0, a broken one exits 1 with file:line:col, a usage mistake exits 2', () => {
    const good = cli('validate', 'good/deploymentconfig.json');
    assert.equal(good.status, 0, good.stdout + good.stderr);
    assert.match(good.stderr, /1 file\(s\) checked: 0 error\(s\)/);
    const bad = cli('validate', 'bad/deploymentconfig.json');
    assert.equal(bad.status, 1, bad.stdout + bad.stderr);
    assert.equal(bad.stdout.trimEnd(), 'bad/deploymentconfig.json:3:18: error: numReplicas must be greater than 0; found 0. (numReplicas)');
    const usage = cli('validate', '--format', 'xml', 'good/deploymentconfig.json');
    assert.equal(usage.status, 2, usage.stderr);
  });

  it('validate --format json reports each file for machines', () => {
    const r = cli('validate', '--format', 'json', 'good/deploymentconfig.json', 'bad/deploymentconfig.json');
    assert.equal(r.status, 1, r.stderr);
    const reports = JSON.parse(r.stdout) as { file: string; kind: string; valid: boolean; problems: { path: string; range: { start: { line: number } } }[] }[];
    assert.deepEqual(reports.map((x) => [x.file, x.kind, x.valid]), [['good/deploymentconfig.json', 'deployment', true], ['bad/deploymentconfig.json', 'deployment', false]]);
    assert.equal(reports[1].problems.find((p) => p.path === 'numReplicas')?.range.start.line, 3);
  });
}

describe('the built CLI: node dist/cli.js', function () {
  this.timeout(300_000);
  const cliJs = path.join(repoRoot, 'dist/cli.js');
  before(() => packagedArtifacts());

  it('starts with exactly one #! line and is executable', () => {
    const lines = fs.readFileSync(cliJs, 'utf8').split('\n', 3);
    assert.equal(lines[0], '#!/usr/bin/env node');
    assert.ok(!lines[1].startsWith('#!'), `a second #! line: ${lines[1].slice(0, 40)}`);
    assert.ok(fs.statSync(cliJs).mode & 0o111, 'dist/cli.js is not executable');
  });

  describe('under node', () => behavesAsDocumented(() => ({ file: process.execPath, prefix: [cliJs] })));
});

describe('the installed CLI: the aks-model-deploy bin from the npm pack tarball', function () {
  this.timeout(300_000);
  let prefix: string;
  before(() => {
    prefix = fs.mkdtempSync(path.join(os.tmpdir(), 'aks-cli-prefix-'));
    // As a user installs the tarball; any runtime dependency it declares comes from the npm registry.
    run('npm', ['install', '--global', '--prefix', prefix, packagedArtifacts().tarball], os.tmpdir());
  });
  after(() => fs.rmSync(prefix, { recursive: true, force: true }));

  it('ships the bin and its docs, not the sources, tests or the extension (.npmignore)', () => {
    assert.deepEqual(packagedArtifacts().tarballFiles, ['LICENSE', 'README.md', 'dist/cli.js', 'package.json']);
  });

  it('is self-contained: the installed package holds no node_modules the bundle could lean on', () => {
    const pkg = path.join(prefix, 'lib/node_modules/aks-model-deploy');
    assert.ok(fs.existsSync(path.join(pkg, 'dist/cli.js')), `${pkg}/dist/cli.js`);
    assert.equal(fs.existsSync(path.join(pkg, 'node_modules')), false, 'the package declares runtime dependencies, yet every bundle carries its own');
  });

  describe('<prefix>/bin/aks-model-deploy', () => behavesAsDocumented(() => ({ file: path.join(prefix, 'bin/aks-model-deploy'), prefix: [] })));
});
