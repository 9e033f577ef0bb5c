import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import type { TestRequestResult, TrainResult } from '../../src/local';
import { cacheRoot } from '../integration/local/sampleModel';
import { activateExtension } from './support';

// The first hour without leaving the extension: a sample created by the command has no model; Train Model trains it
// with the venv Run Locally builds (the system python3 here has no scikit-learn, so only that venv can succeed),
// then Run Locally serves it with the real azmlinfsrv and Send Test Request scores it. The parent folder is fixed so
// the project's venv (keyed by folder) is built once per machine.
describe('Train Model on a freshly created sample (process mode, real azmlinfsrv)', function () {
  this.timeout(900_000);
  const parent = path.join(cacheRoot, 'host-train');
  const config = () => vscode.workspace.getConfiguration('aksModel');
  let folder: vscode.Uri | undefined;

  before(async () => {
    await activateExtension();
    fs.rmSync(path.join(parent, 'sklearn-iris'), { recursive: true, force: true });
    fs.mkdirSync(parent, { recursive: true });
    await config().update('local.storageDir', path.join(cacheRoot, 'host-storage'), vscode.ConfigurationTarget.Global);
  });
  after(async () => {
    if (folder) await vscode.commands.executeCommand('aksModel.stopLocal', folder).then(undefined, () => undefined);
    await config().update('local.storageDir', undefined, vscode.ConfigurationTarget.Global);
  });

  it('Create Sample Project writes no model; Train Model makes model/model.pkl with the project venv', async () => {
    folder = await vscode.commands.executeCommand<vscode.Uri>('aksModel.createSampleProject', vscode.Uri.file(parent));
    assert.equal(folder.fsPath, path.join(parent, 'sklearn-iris'));
    assert.ok(!fs.existsSync(path.join(folder.fsPath, 'model')), 'the sample ships no model');
    const trained = await vscode.commands.executeCommand<TrainResult | undefined>('aksModel.trainModel', folder, 'process');
    assert.ok(trained, 'Train Model reports its result (it failed otherwise: see the AKS Model Deploy log)');
    assert.equal(trained.mode, 'process');
    assert.equal(trained.modelDir, path.join(folder.fsPath, 'model'));
    assert.ok(fs.statSync(path.join(trained.modelDir, 'model.pkl')).size > 0);
    assert.match(trained.outputTail.join('\n'), /training accuracy/);
  });

  it('Run Locally then serves the trained sample and Send Test Request scores it', async () => {
    assert.ok(folder, 'the sample was created');
    const started = await vscode.commands.executeCommand<{ url: string; mode: string } | undefined>('aksModel.runLocally', folder, 'process');
    assert.ok(started, 'Run Locally reports the running service');
    const result = await vscode.commands.executeCommand<TestRequestResult>('aksModel.sendTestRequest', folder);
    assert.equal(result.status, 200, result.body);
    assert.deepEqual(result.json, { predictions: [0, 2], classes: ['setosa', 'virginica'] });
  });
});
