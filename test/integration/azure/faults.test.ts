import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { AzureClient } from '../../../src/azure/azureClient';
import { AzureCredentialError, AzureRequestError } from '../../../src/azure/errors';
import { listModelVersions } from '../../../src/azure/models';
import { collectPages } from '../../../src/azure/paging';
import { listSubscriptions } from '../../../src/azure/subscriptions';
import { listWorkspaces } from '../../../src/azure/workspaces';
import { memoryLogger } from '../../support/armReplay/testCredential';
import { startHarness, workspace, type Harness } from './replayHarness';

describe('Azure engine under faults (ARM replay server)', () => {
  let h: Harness;
  const signal = new AbortController().signal;
  before(async () => {
    h = await startHarness();
  });
  after(async () => h?.replay.close());

  it('retries a 429 after its Retry-After and then succeeds', async () => {
    h.replay.fault('Workspaces_ListBySubscription', { status: 429, times: 1, retryAfterSeconds: 1 });
    const started = Date.now();
    const ws = await collectPages(listWorkspaces(h.client, workspace.subscriptionId, signal));
    const elapsed = Date.now() - started;
    assert.equal(ws.length, 2);
    assert.deepEqual(h.replay.requests.filter((r) => r.operationId === 'Workspaces_ListBySubscription').map((r) => r.status), [429, 200]);
    assert.ok(elapsed >= 950, `waited ${elapsed} ms, Retry-After asked for 1 s`);
  });

  it('retries a 503 and then succeeds', async () => {
    h.replay.fault('ModelContainers_List', { status: 503, times: 2 });
    const before = h.replay.count('ModelContainers_List');
    const models = await import('../../../src/azure/models').then((m) => collectPages(m.listModelContainers(h.client, workspace, signal)));
    assert.equal(models.length, 1);
    assert.equal(h.replay.count('ModelContainers_List') - before, 3);
  });

  it('turns a 403 into an error naming the operation and the ARM code/message, without the token', async () => {
    const message = "The client 'u@contoso.com' with object id 'x' does not have authorization to perform action 'Microsoft.MachineLearningServices/workspaces/read'.";
    h.replay.fault('Workspaces_ListBySubscription', { status: 403, times: 1, code: 'AuthorizationFailed', message });
    const err = await listWorkspaces(h.client, workspace.subscriptionId, signal).next().then(
      () => assert.fail('expected a 403 error'),
      (e: unknown) => e,
    );
    assert.ok(err instanceof AzureRequestError);
    assert.equal(err.status, 403);
    assert.equal(err.code, 'AuthorizationFailed');
    assert.match(err.message, /^Workspaces_ListBySubscription failed: HTTP 403 AuthorizationFailed: The client 'u@contoso.com'/);
    assert.equal(h.replay.count('Workspaces_ListBySubscription') > 0, true);
    // The request really carried the token; none of the error's renderings or the log may contain it.
    assert.ok(h.replay.requests.some((r) => r.authorization === `Bearer ${h.credential.token}`));
    for (const text of [err.message, String(err.stack), inspect(err, { depth: 10 }), JSON.stringify(err), h.logLines.join('\n')]) {
      assert.equal(text.includes(h.credential.token), false, 'the bearer token leaked');
    }
  });

  it('reports a credential that throws as a sign-in error naming the operation', async () => {
    const { logger } = memoryLogger();
    const failing = new AzureClient({
      credential: { getToken: async () => Promise.reject(new Error('AADSTS700082: The refresh token has expired due to inactivity.')) },
      logger,
      armBaseUrl: h.replay.url,
      agent: h.replay.agent,
    });
    const before = h.replay.requests.length;
    await assert.rejects(listSubscriptions(failing, signal).next(), (e: unknown) => {
      assert.ok(e instanceof AzureCredentialError, String(e));
      assert.match(e.message, /^Subscriptions_List: could not get an Azure access token: AADSTS700082/);
      return true;
    });
    assert.equal(h.replay.requests.length, before, 'nothing is sent without a token');
  });

  it('cancels a listing between pages when the signal aborts', async () => {
    h.replay.paginate('ModelVersions_List', { total: 30, pageSize: 10 });
    const ac = new AbortController();
    const pages = listModelVersions(h.client, workspace, 'm', ac.signal);
    assert.equal(((await pages.next()).value as unknown[]).length, 10);
    const before = h.replay.count('ModelVersions_List');
    ac.abort();
    await assert.rejects(pages.next(), { name: 'AbortError' });
    assert.equal(h.replay.count('ModelVersions_List'), before, 'no page is requested after the abort');
  });

  it('cancels a page request in flight', async () => {
    h.replay.delay('ModelContainers_List', 3000);
    const ac = new AbortController();
    const started = Date.now();
    setTimeout(() => ac.abort(), 100);
    const { listModelContainers } = await import('../../../src/azure/models');
    await assert.rejects(listModelContainers(h.client, workspace, ac.signal).next(), { name: 'AbortError' });
    assert.ok(Date.now() - started < 2000, 'the abort did not wait for the response');
    h.replay.delay('ModelContainers_List', 0);
  });

  it('made no request the official specs do not allow', () => {
    assert.deepEqual(h.replay.violations, []);
  });
});
