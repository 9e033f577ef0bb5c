// Build and push for a deploy against the real private dockerd and a real registry (Debian's docker-registry on
// 127.0.0.1): the tag is the image content hash, an unchanged folder is neither rebuilt nor pushed, a changed
// score.py is a new tag, an unreachable registry is one clear line, and an AbortSignal stops a build.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deployTag } from '../../../src/core/imageRef';
import type { Logger } from '../../../src/core/logger';
import { imageContent } from '../../../src/local/imageContent';
import { LocalServiceError } from '../../../src/local/localServiceError';
import type { LocalServiceSpec } from '../../../src/local/localServiceSpec';
import { freePort } from '../../../src/local/network';
import { publishImage, type PublishOptions, type PublishProgress } from '../../../src/local/publishImage';
import { startDockerEngine, type DockerEngine } from '../../support/dockerEngine';
import { startLocalRegistry, type LocalRegistry } from '../../support/localRegistry';
import { editRun, prepareSample, testLogger, type SampleModel } from '../local/sampleModel';

const MANIFEST_ACCEPT = 'application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.manifest.v1+json';

describe('deploy: publishImage (real dockerd, real registry)', function () {
  this.timeout(900_000);
  let engine: DockerEngine;
  let registry: LocalRegistry;
  let sample: SampleModel;
  let spec: LocalServiceSpec;
  const storageDir = mkdtempSync(path.join(tmpdir(), 'aks-publish-'));
  // Only the images this suite made are removed afterwards (the engine is shared with other suites).
  const madeHere = new Set<string>();
  const docker = (...args: string[]) => spawnSync('docker', args, { encoding: 'utf8', env: { ...process.env, DOCKER_HOST: engine.host } });
  const localImageId = (tag: string) => docker('image', 'inspect', '--format', '{{.Id}}', tag).stdout.trim();

  const publish = async (over: Partial<PublishOptions> = {}, s: LocalServiceSpec = spec) => {
    const lines: string[] = [];
    const progress: PublishProgress[] = [];
    const logger: Logger = { ...testLogger, info: (m) => { lines.push(m); testLogger.info(m); } };
    const result = await publishImage(s, { registry: registry.address, storageDir, dockerHost: engine.host, logger, onProgress: (p) => progress.push(p), ...over });
    madeHere.add(result.imageRef);
    if (result.built) madeHere.add((await imageContent(s)).localTag);
    return { result, lines, progress };
  };
  const tagsIn = async (repository: string): Promise<string[]> => {
    const res = await fetch(`${registry.url}/v2/${repository}/tags/list`);
    if (res.status === 404) return [];
    return ((await res.json()) as { tags: string[] | null }).tags ?? [];
  };

  before(async () => {
    engine = startDockerEngine();
    registry = await startLocalRegistry();
    sample = await prepareSample();
    spec = { ...sample.spec, baseImage: engine.baseImage };
  });
  after(async () => {
    if (engine) for (const ref of madeHere) docker('image', 'rm', ref);
    await registry?.stop();
  });

  it('builds, tags with the content hash and pushes; the registry serves the tag and its manifest', async () => {
    const { result, progress } = await publish();
    const content = await imageContent(spec);
    assert.equal(result.tag, deployTag(content.contentHash));
    assert.equal(result.imageRef, `${registry.address}/sklearn-iris:${result.tag}`);
    assert.equal(result.pushed, true);
    assert.equal(result.built, true);
    assert.ok((await tagsIn('sklearn-iris')).includes(result.tag));
    const manifest = await fetch(`${registry.url}/v2/sklearn-iris/manifests/${result.tag}`, { headers: { Accept: MANIFEST_ACCEPT } });
    assert.equal(manifest.status, 200);
    assert.match(manifest.headers.get('docker-content-digest') ?? '', /^sha256:[0-9a-f]{64}$/);
    assert.equal(result.digest, manifest.headers.get('docker-content-digest'));
    // The pushed image is the one Docker mode runs: same image id as the local tag.
    assert.equal(localImageId(result.imageRef), localImageId(content.localTag));
    assert.ok(progress.some((p) => p.step === 'build'));
    assert.ok(progress.some((p) => p.step === 'push' && /^layer [0-9a-f]{12}: pushed \(\d+\/\d+\)$/.test(p.message)), JSON.stringify(progress));
  });

  it('neither builds nor pushes an unchanged folder the registry already has', async () => {
    const content = await imageContent(spec);
    const idBefore = localImageId(content.localTag);
    const { result, lines, progress } = await publish();
    assert.equal(result.built, false);
    assert.equal(result.pushed, false);
    assert.equal(result.tag, deployTag(content.contentHash));
    assert.match(result.digest ?? '', /^sha256:/);
    assert.ok(!lines.some((l) => l.startsWith('docker build')), lines.join('\n'));
    assert.deepEqual(progress.map((p) => p.step), ['push']);
    assert.match(progress[0].message, /already in the registry/);
    assert.equal(localImageId(content.localTag), idBefore);
  });

  it('gives a changed score.py a new tag, and pushes it next to the old one', async () => {
    const before = await imageContent(spec);
    editRun(sample.dir, 'v2');
    const { result } = await publish();
    assert.notEqual(result.tag, deployTag(before.contentHash));
    assert.equal(result.built, true);
    assert.equal(result.pushed, true);
    const tags = await tagsIn('sklearn-iris');
    assert.ok(tags.includes(result.tag) && tags.includes(deployTag(before.contentHash)), tags.join(', '));
  });

  it('honours a repository name, made registry-safe', async () => {
    const { result } = await publish({ repository: 'Team/Iris Model' });
    assert.equal(result.repository, 'team/iris-model');
    assert.equal(result.built, false, 'the local image is reused');
    assert.equal(result.pushed, true);
    assert.ok((await tagsIn('team/iris-model')).includes(result.tag));
  });

  it('says in one line that a registry that does not answer is unreachable, before building', async () => {
    const dead = `127.0.0.1:${await freePort()}`;
    editRun(sample.dir, 'never-built');
    const lines: string[] = [];
    const err = await publishImage(spec, { registry: dead, storageDir, dockerHost: engine.host, logger: { ...testLogger, info: (m) => lines.push(m) } }).then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof LocalServiceError, String(err));
    assert.equal(err.kind, 'registryUnreachable');
    assert.equal(err.message, `registry ${dead} is unreachable (connection refused) — check the address and that the registry is running`);
    assert.ok(!lines.some((l) => l.startsWith('docker build')), 'nothing was built');
  });

  it('says in one line that a registry wanting credentials refused the push, and which login to run', async () => {
    const locked = await startLocalRegistry({ requireAuth: true });
    try {
      const lines: string[] = [];
      const err = await publishImage(spec, { registry: locked.address, storageDir, dockerHost: engine.host, logger: { ...testLogger, info: (m) => lines.push(m) } })
        .then(() => undefined, (e: unknown) => e);
      assert.ok(err instanceof LocalServiceError, String(err));
      assert.equal(err.kind, 'registryAuth');
      assert.equal(err.message, `docker push to ${locked.address} was refused: authentication required — run \`docker login ${locked.address}\``);
      // Why it built and tried: neither the registry API nor docker manifest inspect could say whether the tag exists.
      assert.ok(lines.some((l) => /could not ask .* over its API \(the registry wants credentials\)/.test(l)), lines.join('\n'));
      const content = await imageContent(spec);
      madeHere.add(content.localTag).add(`${locked.address}/sklearn-iris:${deployTag(content.contentHash)}`);
    } finally {
      await locked.stop();
    }
  });

  it('stops on the AbortSignal: a cancelled build pushes nothing', async () => {
    editRun(sample.dir, 'cancelled');
    const tag = deployTag((await imageContent(spec)).contentHash);
    const abort = new AbortController();
    const dangling = () => docker('image', 'ls', '-q', '--no-trunc', '--filter', 'dangling=true').stdout.split('\n').filter(Boolean);
    const danglingBefore = new Set(dangling());
    const err = await publishImage(spec, {
      registry: registry.address, storageDir, dockerHost: engine.host, logger: testLogger, signal: abort.signal,
      onProgress: (p) => { if (p.step === 'build' && p.message.startsWith('Step ')) abort.abort(); },
    }).then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof Error && err.name === 'AbortError', String(err));
    assert.ok(!(await tagsIn('sklearn-iris')).includes(tag));
    // The legacy builder may still commit the step it was in as a dangling image after the client went away:
    // watch for a moment and drop what the cancel left.
    for (let i = 0; i < 10; i++) {
      await new Promise((r) => setTimeout(r, 300));
      for (const id of dangling()) if (!danglingBefore.has(id)) docker('image', 'rm', id);
    }
    const early = await publishImage(spec, { registry: registry.address, storageDir, logger: testLogger, signal: AbortSignal.abort() }).then(() => undefined, (e: unknown) => e);
    assert.ok(early instanceof Error && early.name === 'AbortError', String(early));
  });
});
