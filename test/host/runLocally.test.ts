import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import type { ModelFolder } from '../../src/core/modelFolder';
import type { TestRequestResult } from '../../src/local';
import { cacheRoot, prepareSample } from '../integration/local/sampleModel';
import { startDockerEngine, type DockerEngine } from '../support/dockerEngine';
import { activateExtension } from './support';

// Run Locally from the UI: the sample model served by the real azmlinfsrv in a venv, scored through Send Test
// Request. The project sits at a fixed path so its environment (keyed by folder) is built once per machine.
describe('Run Locally (process mode, real azmlinfsrv)', function () {
  this.timeout(900_000);
  const project = path.join(cacheRoot, 'host-project', 'sklearn-iris');
  const config = () => vscode.workspace.getConfiguration('aksModel');

  before(async () => {
    await activateExtension();
    const sample = await prepareSample();
    fs.rmSync(project, { recursive: true, force: true });
    fs.cpSync(sample.dir, project, { recursive: true });
    await config().update('local.storageDir', path.join(cacheRoot, 'host-storage'), vscode.ConfigurationTarget.Global);
  });
  after(async () => {
    await vscode.commands.executeCommand('aksModel.stopLocal', vscode.Uri.file(project)).then(undefined, () => undefined);
    await config().update('local.storageDir', undefined, vscode.ConfigurationTarget.Global);
  });

  /** The folder's row in Local Models: its menus (viewItem) and description follow whether it runs. */
  const folderRow = async () => (await activateExtension()).localModels.getTreeItem({ kind: 'folder', model: { folder: project, files: [] } as unknown as ModelFolder });

  let url = '';
  it('serves the model folder on 127.0.0.1 and the health route answers', async () => {
    assert.equal((await folderRow()).contextValue, 'modelFolder');
    const started = await vscode.commands.executeCommand<{ url: string; mode: string }>('aksModel.runLocally', vscode.Uri.file(project), 'process');
    assert.ok(started, 'the command reports the running service');
    assert.equal(started.mode, 'process');
    assert.match(started.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    url = started.url;
    const health = await fetch(`${url}/`);
    assert.equal(health.status, 200);
    const row = await folderRow();
    assert.equal(row.contextValue, 'modelFolder.running', 'Send Test Request, Stop and Restart show on the running folder');
    assert.match(String(row.description), new RegExp(`^running · process · ${url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  });

  it('Send Test Request scores sample-request.json with the real model', async () => {
    const result = await vscode.commands.executeCommand<TestRequestResult>('aksModel.sendTestRequest', vscode.Uri.file(project));
    assert.equal(result.status, 200, result.body);
    assert.deepEqual((result.json as { predictions: number[] }).predictions, [0, 2]);
    const shown = vscode.window.activeTextEditor?.document.getText() ?? '';
    assert.match(shown, /200 in \d+ ms/);
  });

  it('Stop Local Service stops the server', async () => {
    await vscode.commands.executeCommand('aksModel.stopLocal', vscode.Uri.file(project));
    await assert.rejects(fetch(`${url}/`), 'nothing listens any more');
    assert.equal((await folderRow()).contextValue, 'modelFolder');
  });
});

// The same from the UI in Docker mode: a private dockerd (the test support starts it), an image FROM the locally
// built base image, the real azmlinfsrv inside it.
describe('Run Locally (Docker mode, real dockerd and azmlinfsrv)', function () {
  this.timeout(900_000);
  const project = path.join(cacheRoot, 'host-project', 'sklearn-iris');
  const config = () => vscode.workspace.getConfiguration('aksModel');
  let engine: DockerEngine | undefined;

  before(async () => {
    await activateExtension();
    engine = startDockerEngine();
    if (!fs.existsSync(path.join(project, 'model'))) {
      const sample = await prepareSample();
      fs.cpSync(sample.dir, project, { recursive: true });
    }
    await config().update('local.storageDir', path.join(cacheRoot, 'host-storage'), vscode.ConfigurationTarget.Global);
    await config().update('local.dockerHost', engine.host, vscode.ConfigurationTarget.Global);
    await config().update('local.baseImage', engine.baseImage, vscode.ConfigurationTarget.Global);
  });
  after(async () => {
    await vscode.commands.executeCommand('aksModel.stopLocal', vscode.Uri.file(project)).then(undefined, () => undefined);
    for (const key of ['local.storageDir', 'local.dockerHost', 'local.baseImage']) await config().update(key, undefined, vscode.ConfigurationTarget.Global);
    engine?.stop();
  });

  it('builds and runs the image, scores the sample, and opens the generated Dockerfile', async () => {
    const started = await vscode.commands.executeCommand<{ url: string; mode: string }>('aksModel.runLocally', vscode.Uri.file(project), 'docker');
    assert.equal(started?.mode, 'docker');
    const result = await vscode.commands.executeCommand<TestRequestResult>('aksModel.sendTestRequest', vscode.Uri.file(project));
    assert.equal(result.status, 200, result.body);
    assert.deepEqual((result.json as { predictions: number[] }).predictions, [0, 2]);
    const dockerfile = await vscode.commands.executeCommand<vscode.Uri>('aksModel.local.openDockerfile', vscode.Uri.file(project));
    assert.match(fs.readFileSync(dockerfile.fsPath, 'utf8'), new RegExp(`FROM ${engine!.baseImage.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    await vscode.commands.executeCommand('aksModel.stopLocal', vscode.Uri.file(project));
    await assert.rejects(fetch(`${started.url}/`), 'the container is gone');
  });
});
