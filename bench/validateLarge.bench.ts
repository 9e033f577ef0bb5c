// Large config files: `npm run bench -- validateLarge`. Issue 19: a 1 MB deploymentconfig.json with 60k keys blocked
// the extension host 7.8 s. Prints, for that file and for one just under the entry limit: the time to an answer in
// this thread (the CLI's path), in the worker the editor uses, and the longest stall of this thread's event loop
// meanwhile. Prints figures only; never fails on time.
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { configProblemsForDocument, MAX_CONFIG_ENTRIES } from '../src/core/config';
import { ValidationQueue } from '../src/ui/diagnostics/validationQueue';

const WORKER = path.resolve(__dirname, '../src/ui/diagnostics/configValidationWorker.ts');

function config(keys: number): string {
  const obj: Record<string, unknown> = { computeType: 'aks' };
  for (let i = 0; i < keys; i++) obj[`k${i}`] = i;
  return JSON.stringify(obj);
}

async function longestStall<T>(work: () => Promise<T>): Promise<{ ms: number; stall: number; result: T }> {
  let last = performance.now();
  let stall = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    stall = Math.max(stall, now - last);
    last = now;
  }, 1);
  const started = performance.now();
  const result = await work();
  const ms = performance.now() - started;
  clearInterval(timer);
  stall = Math.max(stall, performance.now() - last);
  return { ms, stall, result };
}

async function main(): Promise<void> {
  // The queue's worker does not hold the process open (it must not hold the extension host): this does.
  const keepAlive = setInterval(() => undefined, 1000);
  const queue = new ValidationQueue(() => new Worker(`require('tsx/cjs'); require(${JSON.stringify(WORKER)});`, { eval: true }));
  // Start the worker before measuring (the editor starts it on the first config opened).
  await queue.validate('warm', 'deploymentconfig.json', '{"computeType":"aks"}', false);
  const files: [string, string][] = [
    ['60,000 keys', config(60_000)],
    [`${(MAX_CONFIG_ENTRIES - 1).toLocaleString('en-US')} keys (just under the limit)`, config(MAX_CONFIG_ENTRIES - 1)],
    ['100 keys (a large real config)', config(100)],
  ];
  for (const [label, text] of files) {
    const size = `${(text.length / 1e6).toFixed(2)} MB`;
    const inThread = await longestStall(async () => configProblemsForDocument('deploymentconfig.json', text, {}));
    const inWorker = await longestStall(() => queue.validate(label, 'deploymentconfig.json', text, false));
    const problems = Array.isArray(inWorker.result) ? inWorker.result : [];
    const first = problems[0]?.message.slice(0, 90) ?? '';
    console.log(`${label}, ${size}: ${problems.length} problem(s) (${first}…)`);
    console.log(`  this thread (CLI): ${inThread.ms.toFixed(0)} ms, event loop blocked ${inThread.stall.toFixed(0)} ms`);
    console.log(`  worker (editor):   ${inWorker.ms.toFixed(0)} ms to the answer, longest event-loop stall ${inWorker.stall.toFixed(0)} ms`);
  }
  queue.dispose();
  clearInterval(keepAlive);
}

void main();
