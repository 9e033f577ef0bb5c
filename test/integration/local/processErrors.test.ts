// The errors process mode must word well, against the real pip/PyPI and a real occupied port.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LocalServiceError } from '../../../src/local/localServiceError';
import { startProcessService } from '../../../src/local/processRunner';
import { ensureVenv } from '../../../src/local/venv';
import { prepareSample, processStorage, testLogger } from './sampleModel';

describe('local engine: process mode errors', function () {
  this.timeout(600_000);

  it('names the package pip could not install and leaves no half-built venv', async () => {
    const storageDir = mkdtempSync(path.join(tmpdir(), 'aks-venv-fail-'));
    const missing = 'aks-model-deploy-no-such-package-4711';
    const err = await ensureVenv({ storageDir, pipPackages: ['joblib', missing] }, testLogger).then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof LocalServiceError, String(err));
    assert.equal(err.kind, 'pipFailed');
    assert.equal(err.details.package, missing);
    assert.match(err.message, new RegExp(missing));
    await assert.rejects(ensureVenv({ storageDir, pipPackages: [missing] }, testLogger), /pip could not install/);
  });

  it('says the port is in use instead of starting a second server', async () => {
    const sample = await prepareSample();
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const { port } = blocker.address() as { port: number };
    try {
      await assert.rejects(startProcessService(sample.spec, { storageDir: processStorage, logger: testLogger, port }),
        (e: unknown) => e instanceof LocalServiceError && e.kind === 'portInUse' && e.message.includes(String(port)));
    } finally {
      blocker.close();
    }
  });
});
