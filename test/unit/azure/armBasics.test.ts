import assert from 'node:assert/strict';
import { AzureClient } from '../../../src/azure/azureClient';
import { AzureRequestError, AzureUsageError, armErrorDetails } from '../../../src/azure/errors';
import { armPath, parseResourceId } from '../../../src/azure/resourceId';
import { silentLogger } from '../../../src/core/logger';

const credential = { getToken: async () => ({ token: 't', expiresOnTimestamp: Date.now() + 60_000 }) };

describe('ARM basics', () => {
  it('parses resource ids case-insensitively', () => {
    const r = parseResourceId('/subscriptions/s/resourcegroups/RG/providers/Microsoft.ContainerService/managedClusters/aks%201');
    assert.deepEqual({ ...r, id: undefined }, { id: undefined, subscriptionId: 's', resourceGroup: 'RG', name: 'aks 1' });
    assert.throws(() => parseResourceId('string'), AzureUsageError);
  });
  it('escapes path segments', () => {
    assert.equal(armPath('models', 'a/b', 'versions'), '/models/a%2Fb/versions');
  });
  it('builds URLs on the base with the api-version and derives the token scope from it', () => {
    const c = new AzureClient({ credential, logger: silentLogger, armBaseUrl: 'https://management.usgovcloudapi.net/' });
    assert.equal(c.armUrl('/subscriptions', '2022-12-01'), 'https://management.usgovcloudapi.net/subscriptions?api-version=2022-12-01');
  });
  it('refuses http base URLs and nextLinks to another host (the token must not travel)', () => {
    assert.throws(() => new AzureClient({ credential, logger: silentLogger, armBaseUrl: 'http://127.0.0.1:1' }), AzureUsageError);
    const c = new AzureClient({ credential, logger: silentLogger });
    assert.equal(c.checkNextLink('https://management.azure.com/x?$skip=2', 'op'), 'https://management.azure.com/x?$skip=2');
    assert.throws(() => c.checkNextLink('https://evil.example/x', 'op'), /refusing to follow a nextLink to another host/);
  });
  it('reads ARM and storage error bodies', () => {
    assert.deepEqual(armErrorDetails({ error: { code: 'AuthorizationFailed', message: 'no\nmore' } }), { code: 'AuthorizationFailed', message: 'no' });
    assert.deepEqual(armErrorDetails({ Code: 'BlobNotFound', Message: 'gone' }), { code: 'BlobNotFound', message: 'gone' });
    assert.deepEqual(armErrorDetails('x'), {});
  });
  it('formats request errors with operation, status, code and request id', () => {
    const e = new AzureRequestError('Compute_List', 404, 'ResourceNotFound', 'not here', 'rid-1');
    assert.equal(e.message, 'Compute_List failed: HTTP 404 ResourceNotFound: not here (request id rid-1)');
  });
});
