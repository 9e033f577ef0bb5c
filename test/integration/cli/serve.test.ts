import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { cacheRoot, prepareSample } from '../local/sampleModel';

// `aks-model-deploy serve` as a user runs it: a child process, the real azmlinfsrv, Ctrl-C (SIGINT) to stop.
// Same project path and storage as the host test, so the environment is built once per machine.
describe('CLI: aks-model-deploy serve (process mode, real azmlinfsrv)', function () {
  this.timeout(900_000);
  const project = path.join(cacheRoot, 'host-project', 'sklearn-iris');
  const repo = path.resolve(__dirname, '../../..');

  before(async () => {
    const sample = await prepareSample();
    fs.rmSync(project, { recursive: true, force: true });
    fs.cpSync(sample.dir, project, { recursive: true });
  });

  it('prints the URL once healthy, scores, and stops everything on SIGINT', async () => {
    const child = spawn(process.execPath, ['--import=tsx', path.join(repo, 'src/cli/main.ts'), 'serve', project, '--storage-dir', path.join(cacheRoot, 'host-storage')], { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => { err += d; });
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d) => {
        out += d;
        const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
        if (m) resolve(m[1]);
      });
      child.once('exit', (code) => reject(new Error(`serve exited with ${code} before listening:\n${err.slice(-3000)}`)));
    });
    const scored = await fetch(`${url}/score`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: fs.readFileSync(path.join(project, 'sample-request.json')) });
    assert.equal(scored.status, 200);
    assert.deepEqual(((await scored.json()) as { predictions: number[] }).predictions, [0, 2]);
    const exited = new Promise<number | null>((r) => child.once('exit', r));
    child.kill('SIGINT');
    assert.equal(await exited, 0, err.slice(-2000));
    assert.match(err, /stopped/);
    await assert.rejects(fetch(`${url}/`), 'the server is gone');
  });

  it('refuses a folder with neither a config nor an entry script, in one clear line and exit code 1', async () => {
    const empty = fs.mkdtempSync(path.join(cacheRoot, 'empty-'));
    const child = spawn(process.execPath, ['--import=tsx', path.join(repo, 'src/cli/main.ts'), 'serve', empty], { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => { err += d; });
    const code = await new Promise<number | null>((r) => child.once('exit', r));
    fs.rmSync(empty, { recursive: true, force: true });
    assert.equal(code, 1);
    assert.match(err.trim(), /has neither an inferenceconfig\.json nor a score\.py\.$/);
  });
});
