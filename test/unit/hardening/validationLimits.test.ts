// Issue 19: a 1 MB config with 60k keys blocked validation for seconds, 130k keys overflowed the stack and a 48 MB
// file ran the CLI out of memory. Past the size and entry limits a file is refused with one message naming the limit.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../../src/cli/main';
import { configProblemsForDocument, MAX_CONFIG_BYTES, MAX_CONFIG_ENTRIES, parseConfigFile } from '../../../src/core/config';

function manyKeys(n: number): Record<string, unknown> {
  const obj: Record<string, unknown> = { computeType: 'aks' };
  for (let i = 0; i < n; i++) obj[`k${i}`] = i;
  return obj;
}
const asYaml = (obj: Record<string, unknown>) => Object.entries(obj).map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join('\n');

describe('config validation limits', function () {
  this.timeout(120_000);
  for (const n of [60_000, 130_000]) {
    for (const [name, text] of [['deploymentconfig.json', JSON.stringify(manyKeys(n))], ['deploymentconfig.yml', asYaml(manyKeys(n))]] as const) {
      it(`${name} with ${n.toLocaleString('en-US')} keys (${(text.length / 1e6).toFixed(1)} MB) is one error naming the limit, not a stall or a stack overflow`, () => {
        const problems = configProblemsForDocument(name, text, {});
        assert.ok(problems);
        assert.equal(problems.length, 1, JSON.stringify(problems.slice(0, 3)));
        assert.equal(problems[0].severity, 'error');
        assert.match(problems[0].message, text.length > MAX_CONFIG_BYTES ? /at most 1\.00 MB \(the limit\)/ : /more than 10,000 keys and list items \(the limit/);
      });
    }
  }

  it('counts list items too, and stops at the first entry past the limit', () => {
    const list = `dependencies:\n${Array.from({ length: MAX_CONFIG_ENTRIES + 5 }, (_, i) => `  - pkg${i}`).join('\n')}\n`;
    const r = parseConfigFile(list, { fileName: 'inferenceconfig.yml', kind: 'inference' });
    assert.equal(r.problems.length, 1);
    assert.match(r.problems[0].message, /10,000 keys and list items/);
    assert.ok(r.problems[0].range.start.line > MAX_CONFIG_ENTRIES - 5, `reached on line ${r.problems[0].range.start.line}`);
  });

  it('still checks a file under the limits as before (a key list of 2,000 is read)', () => {
    const r = parseConfigFile(JSON.stringify(manyKeys(2_000)), { fileName: 'deploymentconfig.json', kind: 'deployment' });
    assert.ok(r.problems.length >= 2_000, `${r.problems.length} problems`);
    assert.ok(r.problems.every((p) => !/the limit/.test(p.message)));
  });

  it('the CLI refuses a 48 MB file before reading it: one line naming the file and the limit, exit 1', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aks-limits-'));
    try {
      const file = path.join(dir, 'deploymentconfig.json');
      // Sparse: 48 MB of size without writing 48 MB to the disk.
      const fd = fs.openSync(file, 'w');
      fs.ftruncateSync(fd, 48 * 1024 * 1024);
      fs.closeSync(fd);
      const out: string[] = [];
      const err: string[] = [];
      const code = await main(['validate', 'deploymentconfig.json'], { stdout: { write: (s: string) => out.push(s) }, stderr: { write: (s: string) => err.push(s) }, cwd: dir });
      assert.equal(code, 1);
      assert.equal(out.join(''), 'deploymentconfig.json:1:1: error: The file is 48 MB; a config file may be at most 1.00 MB (the limit), so it was not read. A config file is a few KB.\n');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
