// Bench: 5,000 model versions over 50 pages from the local ARM replay server (official example item,
// spec-checked requests), listed through the workspaces tree model as the view does (expand, then "Load more"),
// and once straight through the engine on a cold connection. Prints time to first page (target ≤ 300 ms),
// total time and heap growth; it never fails on time. Run: node --import tsx bench/azureListing.bench.ts
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { AzureClient } from '../src/azure/azureClient';
import { listModelVersions } from '../src/azure/models';
import { silentLogger } from '../src/core/logger';
import * as engine from '../src/azure';
import { engineBrowser } from '../src/ui/azure/azureBrowser';
import { WorkspacesModel, type TreeNode } from '../src/ui/azure/workspacesModel';
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
const ms = (n: number) => `${n.toFixed(0)} ms`;

async function main(): Promise<void> {
  const replay = await ArmReplayServer.start();
  replay.paginate('ModelVersions_List', { total, pageSize });
  const client = () => new AzureClient({ credential: new FakeCredential(), logger: silentLogger, armBaseUrl: replay.url, agent: replay.agent });

  // 1. Engine only, cold: new client, new TLS connection, first token.
  const ws = { subscriptionId: '00000000-1111-2222-3333-444444444444', resourceGroup: 'test-rg', name: 'my-aml-workspace' };
  let started = performance.now();
  const first = await listModelVersions(client(), ws, 'bench-model', new AbortController().signal).next();
  const engineFirst = performance.now() - started;
  if (first.done || first.value.length !== pageSize) throw new Error('engine listing returned no first page');

  // 2. The tree model, as the view uses it.
  const model = new WorkspacesModel(engineBrowser(engine, client()));
  const [sub] = await model.children();
  const [wsNode] = await model.children(sub);
  const [modelsFolder] = await model.children(wsNode);
  const [container] = await model.children(modelsFolder);
  const heapBefore = heapMb();
  started = performance.now();
  let nodes = await model.children(container);
  const treeFirst = performance.now() - started;
  let pages = 1;
  while (nodes[nodes.length - 1]?.kind === 'loadMore') {
    await model.loadMore(nodes[nodes.length - 1] as TreeNode);
    nodes = await model.children(container);
    pages++;
  }
  const treeTotal = performance.now() - started;
  const heapGrowth = heapMb() - heapBefore;
  const versions = nodes.filter((n) => n.kind === 'modelVersion').length;
  const violations = replay.violations.length;
  await replay.close();

  console.log(`azure listing bench: ${versions} model versions in ${pages} pages of ${pageSize} (ARM replay server, 127.0.0.1)`);
  console.log(`  tree model, time to first page: ${ms(treeFirst)} (target ≤ 300 ms: ${treeFirst <= 300 ? 'met' : 'MISSED'})`);
  console.log(`  engine, cold first page (new TLS connection + token): ${ms(engineFirst)}`);
  console.log(`  tree model, total for all pages: ${ms(treeTotal)} (${(treeTotal / pages).toFixed(1)} ms a page)`);
  console.log(`  heap growth with all nodes held (after GC): ${heapGrowth.toFixed(1)} MiB`);
  console.log(`  spec violations: ${violations}`);
  if (versions !== total || violations) process.exitCode = 1; // wrong results fail; time never does
}

void main();
