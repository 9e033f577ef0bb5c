import assert from 'node:assert/strict';
import { AzureUsageError } from '../../../src/azure/errors';
import { parseModelUri } from '../../../src/azure/modelUri';

describe('model URI parsing', () => {
  it('reads the long azureml datastore form with its workspace', () => {
    assert.deepEqual(parseModelUri('azureml://subscriptions/s1/resourcegroups/rg-1/workspaces/ws/datastores/workspaceblobstore/paths/models/m/1/'), {
      kind: 'datastore',
      workspace: { subscriptionId: 's1', resourceGroup: 'rg-1', name: 'ws' },
      datastore: 'workspaceblobstore',
      path: 'models/m/1',
    });
  });
  it('reads the workspace-relative datastore form', () => {
    assert.deepEqual(parseModelUri('azureml://datastores/ds/paths/a%20b/model.pkl'), { kind: 'datastore', datastore: 'ds', path: 'a b/model.pkl' });
  });
  it('reads blob URLs, sovereign suffixes included', () => {
    assert.deepEqual(parseModelUri('https://acct.blob.core.usgovcloudapi.net/cont/dir/f.onnx'), {
      kind: 'blob', accountName: 'acct', endpointSuffix: 'core.usgovcloudapi.net', protocol: 'https', container: 'cont', path: 'dir/f.onnx',
    });
    assert.deepEqual(parseModelUri('wasbs://cont@acct.blob.core.windows.net/dir'), {
      kind: 'blob', accountName: 'acct', endpointSuffix: 'core.windows.net', protocol: 'https', container: 'cont', path: 'dir',
    });
  });
  it('refuses registry and other URIs with a message that names them', () => {
    for (const uri of ['azureml://registries/r/models/m/versions/1', 'file:///tmp/m', 'https://example.com/x', 'string']) {
      assert.throws(() => parseModelUri(uri), AzureUsageError, uri);
    }
  });
});
