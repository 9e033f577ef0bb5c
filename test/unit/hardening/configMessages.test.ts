// Hardening (issue 19, low): odd validation messages — "too large" for -Infinity and NaN, and a 10 MB YAML key
// echoed into 20 MB of output by `validate`.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { main } from '../../../src/cli/main';
import { parseDeploymentConfig } from '../../../src/core/config';

const capture = () => {
  let text = '';
  return { write: (s: string) => { text += s; return true; }, get text() { return text; } };
};

describe('hardening: validation messages stay short and say the right thing', () => {
  it('calls -Infinity too far below zero and NaN not a number (never "too large")', () => {
    const neg = parseDeploymentConfig('computeType: aks\nautoScaler:\n  minReplicas: -.inf\n', { fileName: 'd.yml' }).problems.find((p) => p.path === 'autoScaler.minReplicas');
    assert.match(neg?.message ?? '', /too far below zero to be meaningful \(-Infinity\)/);
    const nan = parseDeploymentConfig('computeType: aks\nautoScaler:\n  minReplicas: .nan\n', { fileName: 'd.yml' }).problems.find((p) => p.path === 'autoScaler.minReplicas');
    assert.match(nan?.message ?? '', /found NaN \(not a number\)/);
    assert.doesNotMatch(`${neg?.message} ${nan?.message}`, /too large/);
    const big = parseDeploymentConfig('computeType: aks\nautoScaler:\n  minReplicas: .inf\n', { fileName: 'd.yml' }).problems.find((p) => p.path === 'autoScaler.minReplicas');
    assert.match(big?.message ?? '', /too large/);
  });

  // A 10 MB key is now refused by the size limit (validationLimits.test.ts); the longest key under it is still cut.
  it('does not echo a 400 KB key: validate prints a few lines that name its length', async function () {
    this.timeout(60_000);
    const key = 'k'.repeat(400 * 1024);
    const dir = mkdtempSync(path.join(tmpdir(), 'aks-bigkey-'));
    writeFileSync(path.join(dir, 'deploymentconfig.yml'), `computeType: aks\n${key}: 1\n${key}: 2\n`);
    const stdout = capture();
    const stderr = capture();
    await main(['validate', 'deploymentconfig.yml'], { stdout, stderr, cwd: dir });
    const out = stdout.text + stderr.text;
    assert.ok(out.length < 4000, `validate printed ${out.length} characters`);
    assert.match(out, /\(409600 characters\)/);
  });
});
