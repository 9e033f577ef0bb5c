// Process mode against the real azmlinfsrv from PyPI, the sample's real scikit-learn model and debugpy over DAP.
import assert from 'node:assert/strict';
import path from 'node:path';
import { debugpyAttachConfiguration } from '../../../src/local/debugConfig';
import type { LocalService } from '../../../src/local/localService';
import { startProcessService } from '../../../src/local/processRunner';
import { sendTestRequest } from '../../../src/local/testRequest';
import { hitBreakpoint } from '../../support/dapDebugpy';
import { assertInitFails, assertServesSample, editRun, nextEvent, prepareSample, processStorage, runBodyLine, testLogger, withFailingInit, type SampleModel } from './sampleModel';

describe('local engine: process mode (real azmlinfsrv)', function () {
  this.timeout(600_000);
  let sample: SampleModel;
  let service: LocalService | undefined;

  before(async () => {
    sample = await prepareSample();
    service = await startProcessService(sample.spec, { storageDir: processStorage, logger: testLogger, debug: true, hotReload: true });
  });
  after(async () => {
    await service?.stop();
  });

  it('answers / with Healthy on 127.0.0.1 and scores the sample with the trained model', async () => {
    await assertServesSample(service!, sample);
    const r = await sendTestRequest(service!.url, sample.request);
    assert.ok(r.latencyMs >= 0);
    assert.ok(r.headers['x-ms-run-fn-exec-ms'] !== undefined, JSON.stringify(r.headers));
  });

  it('returns the server log tail with a failed request', async () => {
    const r = await sendTestRequest(service!.url, { rows: [[1, 2, 3, 4]] }, { logTail: service!.logTail });
    assert.equal(r.ok, false);
    assert.equal(r.status, 500, r.body);
    assert.ok(r.logTail?.some((l) => l.includes("KeyError: 'data'")), (r.logTail ?? []).join('\n'));
  });

  it('stops at a breakpoint in run() over DAP and then answers', async () => {
    const line = runBodyLine(sample.dir);
    const config = debugpyAttachConfiguration('sklearn-iris', service!.debug!);
    const hit = await hitBreakpoint(config, path.join(sample.dir, 'score.py'), line, () => sendTestRequest(service!.url, sample.request));
    assert.equal(hit.file, path.join(sample.dir, 'score.py'));
    assert.equal(hit.line, line);
    assert.equal(hit.function, 'run');
    assert.equal(hit.result.status, 200);
  });

  it('serves a code-only edit after a hot reload', async () => {
    const reloaded = nextEvent(service!, (e) => e.type === 'reloaded', 120_000);
    editRun(sample.dir, 'hot-1');
    const e = await reloaded;
    assert.equal(e.type, 'reloaded');
    const r = await sendTestRequest(service!.url, sample.request);
    assert.equal((r.json as { edit?: string }).edit, 'hot-1', r.body);
    assert.deepEqual((r.json as { predictions: number[] }).predictions, [0, 2]);
  });

  it('reports an init() exception with its traceback and the failing line', async () => {
    const broken = withFailingInit(sample);
    const err = await assertInitFails(startProcessService(broken.spec, { storageDir: processStorage, logger: testLogger }), broken);
    assert.match(err.details.scriptError?.traceback ?? '', /Traceback \(most recent call last\)/);
  });
});
