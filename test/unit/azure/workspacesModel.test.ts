import assert from 'node:assert/strict';
import type { ModelVersion } from '../../../src/azure/models';
import type { AzureBrowser, Pages } from '../../../src/ui/azure/azureBrowser';
import { WorkspacesModel, type TreeNode } from '../../../src/ui/azure/workspacesModel';

async function* pages<T>(list: T[][], failAt = -1): AsyncGenerator<T[]> {
  for (let i = 0; i < list.length; i++) {
    if (i === failAt) throw new Error('Compute_List failed: HTTP 403 AuthorizationFailed: denied');
    yield Object.assign([...(list[i] as T[])], { hasMore: i < list.length - 1 });
  }
}

function fakeBrowser(opts: { failComputes?: boolean } = {}): AzureBrowser & { calls: string[] } {
  const calls: string[] = [];
  const track = <T>(name: string, p: AsyncGenerator<T[]>): Pages<T> => {
    calls.push(name);
    return p;
  };
  return {
    calls,
    subscriptions: () => track('subs', pages([[{ id: '/subscriptions/s1', subscriptionId: 's1', displayName: 'Dev' }, { id: '/subscriptions/s2', subscriptionId: 's2', displayName: 'Prod' }]])),
    workspaces: (sub) => track(`ws:${sub}`, pages([[{ id: 'x', subscriptionId: sub, resourceGroup: 'rg', name: 'ws1', location: 'eastus' }]])),
    models: () => track('models', pages([[{ id: 'm', name: 'sk', tags: {}, latestVersion: '3' }]])),
    modelVersions: () =>
      track('versions', pages<ModelVersion>([
        [{ id: 'v1', modelName: 'sk', version: '3', tags: { stage: 'prod' }, properties: {}, createdAt: '2025-01-02T03:04:05Z' }],
        [{ id: 'v2', modelName: 'sk', version: '2', tags: {}, properties: {} }],
      ])),
    computes: () => track('computes', pages([[{ id: 'c', name: 'aks1', computeType: 'AKS' as const }]], opts.failComputes ? 0 : -1)),
  };
}

const find = (nodes: TreeNode[], kind: string) => nodes.find((n) => n.kind === kind) as TreeNode;

describe('workspaces tree model', () => {
  it('walks subscriptions → workspaces → Models / AKS Targets', async () => {
    const model = new WorkspacesModel(fakeBrowser());
    const subs = await model.children();
    assert.deepEqual(subs.map((n) => n.label), ['Dev', 'Prod']);
    const [ws] = await model.children(subs[0]);
    assert.equal(ws?.label, 'ws1');
    assert.equal(ws?.description, 'rg · eastus');
    const folders = await model.children(ws);
    assert.deepEqual(folders.map((n) => n.label), ['Models', 'AKS Targets']);
    const targets = await model.children(folders[1]);
    assert.deepEqual(targets.map((n) => `${n.label} ${n.description}`), ['aks1 AKS']);
  });

  it('shows the first page of versions with created time and tags, then "Load more" fetches the next', async () => {
    const browser = fakeBrowser();
    const model = new WorkspacesModel(browser);
    const [sub] = await model.children();
    const [ws] = await model.children(sub);
    const [models] = await model.children(ws);
    const [sk] = await model.children(models);
    let versions = await model.children(sk);
    assert.deepEqual(versions.map((n) => n.kind), ['modelVersion', 'loadMore']);
    assert.equal(versions[0]?.description, '2025-01-02 03:04 · stage=prod');
    assert.equal(await model.loadMore(find(versions, 'loadMore')), sk);
    versions = await model.children(sk);
    assert.deepEqual(versions.map((n) => n.label), ['sk:3', 'sk:2'], 'no "Load more" after the last page');
    assert.equal(browser.calls.filter((c) => c === 'versions').length, 1, 'one lazy listing, not one per expand');
  });

  it('turns a failure into one error node whose retry starts the listing again', async () => {
    const browser = fakeBrowser({ failComputes: true });
    const model = new WorkspacesModel(browser);
    const [sub] = await model.children();
    const [ws] = await model.children(sub);
    const targetsFolder = (await model.children(ws))[1];
    const nodes = await model.children(targetsFolder);
    assert.equal(nodes.length, 1);
    assert.equal(nodes[0]?.kind, 'error');
    assert.match(nodes[0]?.label ?? '', /^Could not load: Compute_List failed: HTTP 403 AuthorizationFailed/);
    assert.equal(await model.retry(nodes[0] as TreeNode), targetsFolder);
    assert.equal(browser.calls.filter((c) => c === 'computes').length, 2);
  });

  it('filters subscriptions and says so when nothing is left', async () => {
    const model = new WorkspacesModel(fakeBrowser());
    model.setSubscriptionFilter(['s2']);
    assert.deepEqual((await model.children()).map((n) => n.label), ['Prod']);
    model.setSubscriptionFilter(['nope']);
    assert.equal((await model.children())[0]?.kind, 'empty');
  });
});
