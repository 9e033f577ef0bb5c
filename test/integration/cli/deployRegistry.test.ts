// `aks-model-deploy deploy --registry`: builds the folder's image on the real private dockerd, pushes it to a real
// registry on 127.0.0.1 and deploys that reference to the real kube-apiserver (no kubelet: --no-wait).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppsV1Api, CoreV1Api } from '@kubernetes/client-node';
import { main } from '../../../src/cli/main';
import { imageContent } from '../../../src/local/imageContent';
import { localSpecForFolder } from '../../../src/local/modelFolderSpec';
import { freePort } from '../../../src/local/network';
import { startDockerEngine, type DockerEngine } from '../../support/dockerEngine';
import { useKubeTestEnv } from '../../support/kubeTestEnv';
import { startLocalRegistry, type LocalRegistry } from '../../support/localRegistry';
import { uniqueName } from '../kube/helpers';
import { prepareSample } from '../local/sampleModel';

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { stdout: { write: (t: string) => (out += t) }, stderr: { write: (t: string) => (err += t) }, cwd: process.cwd() });
  return { code, out, err };
}

describe('CLI: deploy --registry builds, pushes and deploys the pushed image', function () {
  this.timeout(900_000);
  const kube = useKubeTestEnv();
  const ns = uniqueName('cli-reg');
  const saved = { KUBECONFIG: process.env.KUBECONFIG, DOCKER_HOST: process.env.DOCKER_HOST };
  const storage = fs.mkdtempSync(path.join(os.tmpdir(), 'aks-cli-storage-'));
  let engine: DockerEngine;
  let registry: LocalRegistry;
  let project: string;
  const pushed: string[] = [];

  before(async () => {
    engine = startDockerEngine();
    registry = await startLocalRegistry();
    process.env.KUBECONFIG = kube().kubeconfigPath;
    process.env.DOCKER_HOST = engine.host;
    await kube().kubeConfig.makeApiClient(CoreV1Api).createNamespace({ body: { metadata: { name: ns } } });
    // The trained sample, in a folder named like the service, built FROM the locally made base image.
    const sample = await prepareSample();
    project = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'aks-cli-reg-')), 'sklearn-iris');
    fs.cpSync(sample.dir, project, { recursive: true });
    const ic = JSON.parse(fs.readFileSync(path.join(project, 'inferenceconfig.json'), 'utf8')) as { environment: Record<string, unknown> };
    ic.environment.docker = { baseImage: engine.baseImage };
    fs.writeFileSync(path.join(project, 'inferenceconfig.json'), JSON.stringify(ic, null, 2));
  });
  after(async () => {
    for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
    // Only what this suite made (the engine is shared): the pushed tags and the local tag they were made from.
    const planned = project ? localSpecForFolder(project) : undefined;
    if (planned?.ok) pushed.push((await imageContent(planned.spec)).localTag);
    if (engine) for (const ref of pushed) spawnSync('docker', ['image', 'rm', ref], { env: { ...process.env, DOCKER_HOST: engine.host } });
    await registry?.stop();
  });

  it('pushes <registry>/<service>:<content hash> and the Deployment pulls exactly that; a redeploy pushes nothing', async () => {
    const d = await cli('deploy', project, '--registry', registry.address, '--namespace', ns, '--no-wait', '--storage-dir', storage, '--format', 'json');
    assert.equal(d.code, 0, d.err);
    const result = JSON.parse(d.out) as { image: string; service: string };
    assert.match(result.image, new RegExp(`^${registry.address.replace(/\./g, '\\.')}/sklearn-iris:[0-9a-f]{32}$`));
    pushed.push(result.image);
    assert.match(d.err, /^build: /m);
    assert.match(d.err, /^push: pushed /m);
    const tag = result.image.split(':').at(-1)!;
    const tags = (await (await fetch(`${registry.url}/v2/sklearn-iris/tags/list`)).json()) as { tags: string[] };
    assert.ok(tags.tags.includes(tag));
    const dep = await kube().kubeConfig.makeApiClient(AppsV1Api).readNamespacedDeployment({ name: 'sklearn-iris', namespace: ns });
    assert.ok(dep.spec?.template.spec?.containers.some((c) => c.image === result.image), JSON.stringify(dep.spec?.template.spec?.containers.map((c) => c.image)));

    const again = await cli('deploy', project, '--registry', registry.address, '--namespace', ns, '--no-wait', '--storage-dir', storage, '--format', 'json');
    assert.equal(again.code, 0, again.err);
    assert.equal((JSON.parse(again.out) as { image: string }).image, result.image);
    assert.match(again.err, /already in the registry; nothing to build or push/);
    assert.doesNotMatch(again.err, /^build: /m);
  });

  it('names the image a dry run would push without building it', async () => {
    const d = await cli('deploy', project, '--registry', registry.address, '--repository', 'Team/Iris', '--namespace', ns, '--dry-run');
    assert.equal(d.code, 0, d.err);
    assert.match(d.err, new RegExp(`push: dry run: would build and push ${registry.address.replace(/\./g, '\\.')}/team/iris:[0-9a-f]{32}`));
    assert.doesNotMatch(d.err, /^build: /m);
  });

  it('fails in one line for an unreachable registry, and for neither or both of --registry and --image', async () => {
    const address = `127.0.0.1:${await freePort()}`;
    const dead = await cli('deploy', project, '--registry', address, '--namespace', ns, '--no-wait', '--storage-dir', storage);
    assert.equal(dead.code, 1);
    assert.equal(dead.err, `aks-model-deploy deploy: registry ${address} is unreachable (connection refused) — check the address and that the registry is running\n`);
    const neither = await cli('deploy', project, '--namespace', ns);
    assert.equal(neither.code, 2);
    assert.match(neither.err, /--registry R .*--image IMAGE/);
    assert.equal(neither.err.trim().split('\n').length, 1);
    const both = await cli('deploy', project, '--registry', registry.address, '--image', 'x/y:1', '--namespace', ns);
    assert.equal(both.code, 2);
    assert.match(both.err, /either --registry .* or --image/);
  });
});
