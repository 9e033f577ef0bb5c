// The whole-run secret grep (tools/test/secretGrep.mjs) must be able to fail: a registered secret planted in a log
// (plain, or base64 as in a Secret's data) is found and named by file, never printed; the registry itself is not a hit.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { registerTestSecret } from '../../support/testSecrets';

const script = path.resolve(__dirname, '../../../tools/test/secretGrep.mjs');

function grep(runDir: string, ...roots: string[]): { code: number | null; out: { secrets: number; scanned: number; hits: { file: string; secret: string }[] } } {
  const r = spawnSync(process.execPath, [script, runDir, ...roots], { encoding: 'utf8' });
  return { code: r.status, out: JSON.parse(r.stdout) };
}

describe('hardening: the whole-run secret grep', () => {
  const saved = process.env.AKS_TEST_RUN_DIR;
  afterEach(() => {
    if (saved === undefined) delete process.env.AKS_TEST_RUN_DIR;
    else process.env.AKS_TEST_RUN_DIR = saved;
  });

  it('finds registered secrets, plain or base64, in logs and artifacts, and names only their first characters', () => {
    const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aks-grep-run-'));
    const results = fs.mkdtempSync(path.join(os.tmpdir(), 'aks-grep-results-'));
    process.env.AKS_TEST_RUN_DIR = runDir;
    registerTestSecret('key-0123456789-abcdef', 'short', 'password-ZYXWVU');
    assert.equal(grep(runDir, results).code, 0, 'nothing written yet, yet a hit (the registry itself?)');
    fs.mkdirSync(path.join(runDir, 'code-server/x/logs'), { recursive: true });
    fs.writeFileSync(path.join(runDir, 'code-server/x/logs/output.log'), 'copied key key-0123456789-abcdef to the clipboard\n');
    fs.writeFileSync(path.join(results, 'state.json'), JSON.stringify({ data: Buffer.from('password-ZYXWVU').toString('base64') }));
    const r = grep(runDir, results);
    assert.equal(r.code, 1);
    assert.equal(r.out.secrets, 2, 'secrets shorter than 8 characters are not searched (too many false hits)');
    assert.deepEqual(r.out.hits.map((h) => [path.basename(h.file), h.secret]).sort(), [['output.log', 'key-…'], ['state.json', 'pass…']]);
    assert.doesNotMatch(JSON.stringify(r.out), /0123456789|ZYXWVU/);
  });
});
