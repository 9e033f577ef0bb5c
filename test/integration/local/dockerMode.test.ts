// Docker mode against a real dockerd (private, started here), an image built FROM the locally made base image,
// the real azmlinfsrv from PyPI inside it, the sample's real model, and debugpy over DAP through the published port.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { debugpyAttachConfiguration } from '../../../src/local/debugConfig';
import { buildLocalImage, startDockerService, type DockerRunOptions } from '../../../src/local/dockerRunner';
import type { LocalService } from '../../../src/local/localService';
import { LocalServiceError } from '../../../src/local/localServiceError';
import type { LocalServiceSpec } from '../../../src/local/localServiceSpec';
import { sendTestRequest } from '../../../src/local/testRequest';
import { hitBreakpoint } from '../../support/dapDebugpy';
import { startDockerEngine, type DockerEngine } from '../../support/dockerEngine';
import { assertInitFails, assertServesSample, cacheRoot, editRun, nextEvent, prepareSample, runBodyLine, testLogger, withFailingInit, type SampleModel } from './sampleModel';

describe('local engine: Docker mode (real dockerd)', function () {
  this.timeout(900_000);
  let engine: DockerEngine | undefined;
  let sample: SampleModel;
  let spec: LocalServiceSpec;
  let service: LocalService | undefined;
  const options = (over: Partial<DockerRunOptions> = {}): DockerRunOptions => ({
    storageDir: path.join(cacheRoot, 'docker', 'sample'), dockerHost: engine!.host, logger: testLogger, ...over,
  });

  before(async () => {
    engine = startDockerEngine();
    sample = await prepareSample();
    spec = { ...sample.spec, baseImage: engine.baseImage };
    service = await startDockerService(spec, options({ debug: true, hotReload: true }));
  });
  after(async () => {
    await service?.stop().catch(() => undefined);
    engine?.stop();
  });

  it('answers / with Healthy on the published loopback port and scores the sample inside the container', async () => {
    await assertServesSample(service!, sample);
  });

  it('writes a Dockerfile in the Azure ML layout and does not rebuild an unchanged project', async () => {
    const again = await buildLocalImage(spec, options());
    assert.equal(again.built, false);
    assert.equal(again.imageId, service!.imageId);
    const dockerfile = readFileSync(again.dockerfilePath, 'utf8');
    assert.match(dockerfile, /^FROM local\/aks-model-python:3\.11$/m);
    assert.match(dockerfile, /COPY \["models\/sklearn-iris\/1\/", "\/var\/azureml-app\/azureml-models\/sklearn-iris\/1\/"\]/);
  });

  it('stops at a breakpoint in run() with container paths mapped to local ones', async () => {
    const line = runBodyLine(sample.dir);
    const config = debugpyAttachConfiguration('sklearn-iris', service!.debug!);
    assert.equal(config.pathMappings[0].remoteRoot, `/var/azureml-app/${path.basename(sample.dir)}`);
    const hit = await hitBreakpoint(config, path.join(sample.dir, 'score.py'), line, () => sendTestRequest(service!.url, sample.request));
    assert.equal(hit.file, path.join(sample.dir, 'score.py'));
    assert.equal(hit.line, line);
    assert.equal(hit.result.status, 200);
  });

  it('serves a code-only edit after a hot reload, with the same image', async () => {
    const before = service!.imageId;
    const reloaded = nextEvent(service!, (e) => e.type === 'reloaded', 120_000);
    editRun(sample.dir, 'hot-docker');
    await reloaded;
    const r = await sendTestRequest(service!.url, sample.request);
    assert.equal((r.json as { edit?: string }).edit, 'hot-docker', r.body);
    assert.equal(service!.imageId, before);
  });

  it('names the failing Dockerfile step when a build fails', async () => {
    const steps = path.join(mkdtempSync(path.join(tmpdir(), 'aks-steps-')), 'extra-steps.dockerfile');
    writeFileSync(steps, 'RUN echo "checking licence server" && exit 3\n');
    const err = await buildLocalImage({ ...spec, extraDockerfileSteps: steps }, options({ storageDir: path.join(cacheRoot, 'docker', 'failing') })).then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof LocalServiceError, String(err));
    assert.equal(err.kind, 'buildFailed');
    assert.match(err.details.step ?? '', /^RUN echo "checking licence server" && exit 3$/);
  });

  it('says Docker is not reachable when the engine is not there', async () => {
    await assert.rejects(buildLocalImage(spec, options({ dockerHost: 'unix:///nonexistent/aks-model-deploy.sock' })),
      (e: unknown) => e instanceof LocalServiceError && e.kind === 'dockerMissing' && /not reachable/.test(e.message));
  });

  it('reports an init() exception from the container with the local file and line', async () => {
    const broken = withFailingInit(sample);
    const brokenSpec = { ...broken.spec, baseImage: engine!.baseImage };
    await assertInitFails(startDockerService(brokenSpec, options({ storageDir: path.join(cacheRoot, 'docker', 'broken') })), broken);
  });
});
