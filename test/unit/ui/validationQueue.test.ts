// Issue 19: config validation ran synchronously in the extension host (a 1 MB file blocked it for seconds). The
// queue runs it in a real worker thread (the worker module the extension bundles as dist/configWorker.js).
import assert from 'node:assert/strict';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { ValidationQueue } from '../../../src/ui/diagnostics/validationQueue';

const WORKER = path.resolve(__dirname, '../../../src/ui/diagnostics/configValidationWorker.ts');
// The TypeScript source through tsx's CommonJS hook (the extension starts the bundled .js).
const startWorker = () => new Worker(`require('tsx/cjs'); require(${JSON.stringify(WORKER)});`, { eval: true });

/** A deploymentconfig.json with thousands of unknown keys, slow to check (seconds). */
function slowConfig(keys: number): string {
  const obj: Record<string, unknown> = { computeType: 'aks' };
  for (let i = 0; i < keys; i++) obj[`unknownKey${i}`] = i;
  return JSON.stringify(obj);
}

describe('config validation queue (worker thread)', function () {
  this.timeout(120_000);
  let queue: ValidationQueue;
  beforeEach(() => (queue = new ValidationQueue(startWorker)));
  afterEach(() => queue.dispose());

  it('answers with the core problems, undefined for a file that is no config', async () => {
    const problems = await queue.validate('a', 'deploymentconfig.json', '{"computeType":"aks","numReplicas":0}', false);
    assert.ok(Array.isArray(problems));
    assert.deepEqual(problems.map((p) => p.path), ['numReplicas']);
    assert.equal(await queue.validate('b', 'package.json', '{"name":"x"}', false), undefined);
  });

  it('keeps the calling thread free while a large file is checked', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    try {
      const problems = await queue.validate('big', 'deploymentconfig.json', slowConfig(4_000), false);
      assert.ok(Array.isArray(problems) && problems.length >= 4_000);
    } finally {
      clearInterval(timer);
    }
    // Run in this thread, the check blocks the loop: not one tick until it returns.
    assert.ok(ticks > 5, `the event loop ran ${ticks} times during validation`);
  });

  it('an edit cancels the stale run of the same document: the old one is superseded, the new one answers', async () => {
    const stale = queue.validate('doc', 'deploymentconfig.json', slowConfig(4_000), false);
    // Let the worker start on it, then edit.
    await new Promise((r) => setTimeout(r, 200));
    const fresh = queue.validate('doc', 'deploymentconfig.json', '{"computeType":"aks","numReplicas":0}', false);
    assert.equal(await stale, 'superseded');
    const problems = await fresh;
    assert.ok(Array.isArray(problems));
    assert.deepEqual(problems.map((p) => p.path), ['numReplicas']);
    assert.equal(queue.cancelled, 1);
  });

  it('a document waiting behind another keeps only its newest version', async () => {
    const busy = queue.validate('x', 'deploymentconfig.json', slowConfig(3_000), false);
    const v1 = queue.validate('y', 'deploymentconfig.json', '{"computeType":"aks","numReplicas":0}', false);
    const v2 = queue.validate('y', 'deploymentconfig.json', '{"computeType":"aks"}', false);
    assert.equal(await v1, 'superseded');
    assert.deepEqual(await v2, []);
    assert.ok(Array.isArray(await busy));
    assert.equal(queue.cancelled, 0);
  });
});
