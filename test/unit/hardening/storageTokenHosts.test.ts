// Hardening (issue 19, medium): the Azure Storage bearer token was sent to whatever `*.blob.<any host>` a model URI
// or a datastore named. The location is now refused before any request unless it is an https storage account of a
// supported cloud. The datastore case reads its record through a STAND-IN client (no ARM call can run here without
// the replay server; the real one is used by test/integration/azure/modelDownload.test.ts).
import assert from 'node:assert/strict';
import type { AzureClient } from '../../../src/azure/azureClient';
import { resolveModelLocation } from '../../../src/azure/modelDownload';

const ws = { subscriptionId: 's', resourceGroup: 'rg', name: 'w' };
const signal = new AbortController().signal;
const standInClient = (endpoint: string, protocol = 'https') => ({
  armUrl: () => 'https://management.azure.com/x',
  arm: { getJson: async () => ({ properties: { datastoreType: 'AzureBlob', accountName: 'acct1', containerName: 'c', endpoint, protocol } }) },
}) as unknown as AzureClient;
const blob = (uri: string) => resolveModelLocation(standInClient('core.windows.net'), ws, uri, signal);

describe('hardening: the storage token goes only to storage hosts of supported clouds', () => {
  it('accepts the public, US Government and China clouds', async () => {
    for (const suffix of ['core.windows.net', 'core.usgovcloudapi.net', 'core.chinacloudapi.cn']) {
      assert.equal((await blob(`https://acct1.blob.${suffix}/c/models/m/1`)).endpoint, `https://acct1.blob.${suffix}`);
    }
  });

  it('refuses another host, a look-alike suffix, plain http and a wasb URL to another host', async () => {
    for (const uri of ['https://acct1.blob.evil.example/c/m', 'https://acct1.blob.core.windows.net.evil.example/c/m', 'http://acct1.blob.core.windows.net/c/m', 'wasbs://c@acct1.blob.attacker.test/m']) {
      await assert.rejects(blob(uri), /Refusing to send your Azure token/, uri);
    }
  });

  it('refuses a datastore whose endpoint or protocol points elsewhere (STAND-IN client)', async () => {
    const uri = 'azureml://datastores/workspaceblobstore/paths/models/m/1';
    await assert.rejects(resolveModelLocation(standInClient('attacker.test'), ws, uri, signal), /Refusing to send your Azure token to https:\/\/acct1\.blob\.attacker\.test/);
    await assert.rejects(resolveModelLocation(standInClient('core.windows.net', 'http'), ws, uri, signal), /Refusing/);
    assert.equal((await resolveModelLocation(standInClient('core.windows.net'), ws, uri, signal)).container, 'c');
  });
});
