import assert from 'node:assert/strict';
import { collectPages } from '../../../src/azure/paging';
import { listTenants } from '../../../src/azure/subscriptions';
import * as engine from '../../../src/azure';
import { engineBrowser } from '../../../src/ui/azure/azureBrowser';
import { WorkspacesModel, type TreeNode } from '../../../src/ui/azure/workspacesModel';
import { startHarness, type Harness } from './replayHarness';

describe('Workspaces tree model against the ARM replay server (official examples, spec-checked)', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
    h.replay.paginate('ModelVersions_List', { total: 120, pageSize: 50 });
    h.replay.paginate('Workspaces_ListBySubscription', {
      total: 3,
      pageSize: 2,
      item: (t, i, p) => ({ ...t, name: `ws-${i}`, id: `/subscriptions/${p.subscriptionId}/resourceGroups/rg-${i}/providers/Microsoft.MachineLearningServices/workspaces/ws-${i}` }),
    });
  });
  after(async () => h?.replay.close());

  it('loads the whole tree: subscriptions → workspaces (2 pages) → Models → versions (3 pages) and AKS Targets', async () => {
    const model = new WorkspacesModel(engineBrowser(engine, h.client));
    const subs = await model.children();
    assert.deepEqual(subs.map((n) => n.label), ['Example Subscription', 'Example Subscription2']);
    let workspaces = await model.children(subs[0]);
    assert.deepEqual(workspaces.map((n) => n.kind), ['workspace', 'workspace', 'loadMore']);
    await model.loadMore(workspaces[2] as TreeNode);
    workspaces = await model.children(subs[0]);
    assert.deepEqual(workspaces.map((n) => n.label), ['ws-0', 'ws-1', 'ws-2']);
    const [modelsFolder, targetsFolder] = await model.children(workspaces[0]);
    const [container] = await model.children(modelsFolder);
    assert.equal(container?.label, 'testContainer');
    let versions = await model.children(container);
    assert.equal(versions.length, 51);
    while (versions[versions.length - 1]?.kind === 'loadMore') {
      await model.loadMore(versions[versions.length - 1] as TreeNode);
      versions = await model.children(container);
    }
    assert.equal(versions.length, 120);
    assert.match(versions[0]?.description ?? '', /^2020-01-01 12:34 · string=string$/);
    const targets = await model.children(targetsFolder);
    assert.deepEqual(targets.map((n) => `${n.label}:${n.description}`), ['compute123:AKS · Succeeded', 'compute1234:AKS · Succeeded']);
  });

  it('shows a 403 as an error node and recovers on retry', async () => {
    h.replay.fault('Compute_List', { status: 403, times: 1, code: 'AuthorizationFailed', message: 'no compute read' });
    const model = new WorkspacesModel(engineBrowser(engine, h.client));
    const [sub] = await model.children();
    const [ws] = await model.children(sub);
    const targetsFolder = (await model.children(ws))[1];
    const [err] = await model.children(targetsFolder);
    assert.equal(err?.kind, 'error');
    assert.match(err?.label ?? '', /^Could not load: Compute_List failed: HTTP 403 AuthorizationFailed: no compute read \(request id replay-\d+\)$/);
    await model.retry(err as TreeNode);
    assert.equal((await model.children(targetsFolder))[0]?.kind, 'compute');
  });

  it('lists tenants for the tenant choice (GENERATED body: no Tenants_List example in the specs folder)', async () => {
    h.replay.respondWith('Tenants_List', { value: [{ id: '/tenants/t1', tenantId: 't1', displayName: 'Contoso', defaultDomain: 'contoso.onmicrosoft.com' }] });
    const tenants = await collectPages(listTenants(h.client, new AbortController().signal));
    assert.deepEqual(tenants, [{ tenantId: 't1', displayName: 'Contoso', defaultDomain: 'contoso.onmicrosoft.com' }]);
  });

  it('made no request the official specs do not allow', () => {
    assert.deepEqual(h.replay.violations, []);
  });
});
