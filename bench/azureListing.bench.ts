// Bench: list 5,000 model versions over 50 pages from the local ARM replay server (official example item,
// spec-checked requests). Prints time to first page (target ≤ 300 ms), total time and heap growth; it never
// fails on time. Run: node --import tsx bench/azureListing.bench.ts
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { AzureClient } from '../src/azure/azureClient';
import { listModelVersions, type ModelVersion } from '../src/azure/models';
import { silentLogger } from '../src/core/logger';
import { ArmReplayServer } from '../test/support/armReplay/replayServer';
import { FakeCredential } from '../test/support/armReplay/testCredential';

const total = 5000;
const pageSize = 100;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const heapMb = () => {
  gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
};

async function main(): Promise<void> {
  const replay = await ArmReplayServer.start();
  replay.paginate('ModelVersions_List', { total, pageSize });
  const client = new AzureClient({ credential: new FakeCredential(), logger: silentLogger, armBaseUrl: replay.url, agent: replay.agent });
  const ws = { subscriptionId: '00000000-1111-2222-3333-444444444444', resourceGroup: 'test-rg', name: 'my-aml-workspace' };
  const heapBefore = heapMb();
  const started = performance.now();
  let firstPageMs = 0;
  let pages = 0;
  const all: ModelVersion[] = [];
  for await (const page of listModelVersions(client, ws, 'bench-model', new AbortController().signal)) {
    if (pages++ === 0) firstPageMs = performance.now() - started;
    all.push(...page);
  }
  const totalMs = performance.now() - started;
  const heapAfter = heapMb();
  const violations = replay.violations.length;
  await replay.close();
  console.log(`azure listing: ${all.length} model versions in ${pages} pages`);
  console.log(`  time to first page: ${firstPageMs.toFixed(0)} ms (target ≤ 300 ms${firstPageMs <= 300 ? ', met' : ', MISSED'})`);
  console.log(`  total: ${totalMs.toFixed(0)} ms (${(totalMs / pages).toFixed(1)} ms a page)`);
  console.log(`  heap growth (after GC, items held): ${(heapAfter - heapBefore).toFixed(1)} MiB`);
  console.log(`  spec violations: ${violations}`);
  if (all.length !== total || violations) process.exitCode = 1; // wrong results fail; time never does
}

void main();
