import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AzureRequestError, AzureUsageError } from '../../../src/azure/errors';
import { downloadModel, type DownloadProgress } from '../../../src/azure/modelDownload';
import { getModelVersion } from '../../../src/azure/models';
import { startHarness, workspace, type Harness } from './replayHarness';

// ARM side (ModelVersions_Get, Datastores_Get) is spec-checked; the Blob service side is the replay server's
// HAND-WRITTEN BLOB STAND-IN (no Blob spec in the specs folder).
describe('Model download: datastore resolved through ARM, files from the hand-written Blob stand-in', () => {
  let h: Harness;
  let tmp: string;
  const signal = new AbortController().signal;
  const account = 'mlstore123';
  const container = 'azureml-blobstore-0000';
  const files: Record<string, string> = {
    'score.py': 'def init():\n    pass\n',
    'model/model.pkl': 'x'.repeat(200_000),
    'model/conda.yml': 'name: env\n',
  };

  before(async () => {
    h = await startHarness();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'aks-model-download-'));
    for (const [name, content] of Object.entries(files)) h.replay.blob.put(account, container, `models/sklearn/3/${name}`, content);
    h.replay.blob.put(account, container, 'models/sklearn/30/other.txt', 'not part of version 3');
    h.replay.blob.listPageSize = 2; // exercise the NextMarker loop
    h.replay.transform('Datastores_Get', (b) => ({ ...b, properties: { ...(b.properties as object), accountName: account, containerName: container } }));
    h.replay.transform('ModelVersions_Get', (b) => ({
      ...b,
      name: '3',
      properties: { ...(b.properties as object), modelUri: `azureml://subscriptions/${workspace.subscriptionId}/resourcegroups/${workspace.resourceGroup}/workspaces/${workspace.name}/datastores/workspaceblobstore/paths/models/sklearn/3` },
    }));
  });
  after(async () => {
    await h?.replay.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  const blobEndpoint = (a: string) => `${h.replay.url}/blob-stand-in/${a}`;

  it('downloads every file of a model version into a local folder with progress', async () => {
    const version = await getModelVersion(h.client, workspace, 'sklearn', '3', signal);
    const progress: DownloadProgress[] = [];
    const target = path.join(tmp, 'sklearn-3');
    const written = await downloadModel(h.client, workspace, version.modelUri as string, target, signal, { blobEndpoint, onProgress: (p) => progress.push(p) });
    assert.deepEqual(written.map((f) => path.relative(target, f)).sort(), Object.keys(files).map((f) => path.normalize(f)).sort());
    for (const [name, content] of Object.entries(files)) assert.equal(fs.readFileSync(path.join(target, name), 'utf8'), content);
    const last = progress[progress.length - 1];
    assert.equal(last?.filesDone, 3);
    assert.equal(last?.bytesDone, last?.bytesTotal);
    assert.ok(progress.length > 3, 'progress is reported while bytes arrive');
    assert.equal(fs.readdirSync(path.join(target, 'model')).some((f) => f.endsWith('.partial')), false);
    assert.ok(h.credential.scopes.includes('https://storage.azure.com/.default'));
    assert.deepEqual(h.replay.blob.problems, []);
  });

  it('downloads from a direct blob URL too', async () => {
    const target = path.join(tmp, 'direct');
    const written = await downloadModel(h.client, workspace, `https://${account}.blob.core.windows.net/${container}/models/sklearn/3/score.py`, target, signal, { blobEndpoint });
    assert.deepEqual(written, [path.join(target, 'score.py')]);
  });

  it('stops on abort and leaves no partial file', async () => {
    const ac = new AbortController();
    const target = path.join(tmp, 'aborted');
    await assert.rejects(
      downloadModel(h.client, workspace, 'azureml://datastores/workspaceblobstore/paths/models/sklearn/3', target, ac.signal, {
        blobEndpoint,
        onProgress: (p) => p.bytesDone > 0 && ac.abort(),
      }),
      { name: 'AbortError' },
    );
    const leftovers = fs.existsSync(target) ? fs.readdirSync(target, { recursive: true }).map(String) : [];
    assert.equal(leftovers.some((f) => f.endsWith('.partial')), false, leftovers.join());
  });

  it('says clearly when nothing is stored at the path or the URI is unsupported', async () => {
    await assert.rejects(
      downloadModel(h.client, workspace, 'azureml://datastores/workspaceblobstore/paths/models/none', path.join(tmp, 'x'), signal, { blobEndpoint }),
      (e: unknown) => e instanceof AzureUsageError && /No files found at azureml-blobstore-0000\/models\/none/.test(e.message),
    );
    await assert.rejects(
      downloadModel(h.client, workspace, 'azureml://registries/r/models/m/versions/1', path.join(tmp, 'y'), signal, { blobEndpoint }),
      AzureUsageError,
    );
  });

  it('refuses a blob name that would climb out of the target folder', async () => {
    h.replay.blob.put(account, container, 'models/evil/../../../escaped.txt', 'x');
    const target = path.join(tmp, 'evil');
    await assert.rejects(
      downloadModel(h.client, workspace, 'azureml://datastores/workspaceblobstore/paths/models/evil', target, signal, { blobEndpoint }),
      /Refusing blob name outside the target folder: models\/evil\/..\/..\/..\/escaped.txt/,
    );
    assert.equal(fs.existsSync(path.join(tmp, 'escaped.txt')), false);
  });

  it('reports a 403 on the datastore with the operation name', async () => {
    h.replay.fault('Datastores_Get', { status: 403, times: 1, code: 'AuthorizationFailed', message: 'no read on datastores' });
    await assert.rejects(
      downloadModel(h.client, workspace, 'azureml://datastores/workspaceblobstore/paths/models/sklearn/3', path.join(tmp, 'z'), signal, { blobEndpoint }),
      (e: unknown) => e instanceof AzureRequestError && e.message.startsWith('Datastores_Get failed: HTTP 403 AuthorizationFailed'),
    );
  });

  it('made no ARM request the official specs do not allow', () => {
    assert.deepEqual(h.replay.violations, []);
  });
});
