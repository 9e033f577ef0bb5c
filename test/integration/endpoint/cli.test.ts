// The CLI on endpoints against the real kube-apiserver with the official Gateway API CRDs: `deploy` of a model
// folder whose deploymentconfig says AKSENDPOINT goes to the endpoint engine (--gateway), and `endpoint` shows and
// changes the versions.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppsV1Api, CoreV1Api } from '@kubernetes/client-node';
import { main } from '../../../src/cli/main';
import { sampleProjectFiles } from '../../../src/core/sampleProject';
import { useKubeTestEnv } from '../../support/kubeTestEnv';
import { uniqueName, waitFor } from '../kube/helpers';
import { installGatewayWithCrds, routeWeights, setStatus } from './fixture';

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { stdout: { write: (t: string) => (out += t) }, stderr: { write: (t: string) => (err += t) }, cwd: process.cwd() });
  return { code, out, err };
}

describe('CLI: endpoint versions (deploy --gateway, endpoint) against kube-apiserver', function () {
  const kube = useKubeTestEnv();
  const saved = process.env.KUBECONFIG;
  const ns = uniqueName('cliep');
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'aks-cli-ep-'));

  function project(version: string, percentile: number): string {
    const dir = path.join(root, version, 'sklearn-iris');
    for (const f of sampleProjectFiles()) {
      fs.mkdirSync(path.dirname(path.join(dir, f.path)), { recursive: true });
      fs.writeFileSync(path.join(dir, f.path), f.content);
    }
    const dcFile = path.join(dir, 'deploymentconfig.json');
    const dc = JSON.parse(fs.readFileSync(dcFile, 'utf8')) as Record<string, unknown>;
    fs.writeFileSync(dcFile, JSON.stringify({ ...dc, computeType: 'AKSENDPOINT', versionName: version, trafficPercentile: percentile, autoScaler: { autoscaleEnabled: false }, numReplicas: 1 }));
    return dir;
  }

  async function deploy(version: string, percentile: number, ...extra: string[]) {
    const run = cli('deploy', project(version, percentile), '--image', 'registry.example/ep:1', '--namespace', ns, '--timeout', '30', ...extra);
    const apps = kube().kubeConfig.makeApiClient(AppsV1Api);
    const name = `sklearn-iris-${version}`;
    await waitFor(`Deployment ${name}`, () => apps.readNamespacedDeployment({ name, namespace: ns }).then(() => true), 20_000).catch(() => undefined);
    await setStatus(kube().kubeConfig, ns, name).catch(() => undefined);
    return run;
  }

  before(async function () {
    process.env.KUBECONFIG = kube().kubeconfigPath;
    await installGatewayWithCrds(kube().kubeConfig);
    await kube().kubeConfig.makeApiClient(CoreV1Api).createNamespace({ body: { metadata: { name: ns } } });
  });
  after(() => {
    if (saved === undefined) delete process.env.KUBECONFIG;
    else process.env.KUBECONFIG = saved;
  });

  it('deploy without --gateway for a new endpoint is refused before anything is applied', async () => {
    const r = await cli('deploy', project('versiona', 20), '--image', 'registry.example/ep:1', '--namespace', ns);
    assert.equal(r.code, 1);
    assert.match(r.err, /has no route yet: pick the Gateway.*--gateway namespace\/name.*Nothing was changed/);
    const list = await kube().kubeConfig.makeApiClient(AppsV1Api).listNamespacedDeployment({ namespace: ns });
    assert.equal(list.items.length, 0);
  });

  it('deploys two versions, then changes traffic, default and control with `endpoint`', async () => {
    const a = await deploy('versiona', 20, '--gateway', 'gateways/shared-gw');
    assert.equal(a.code, 0, a.err);
    assert.match(a.out, /version versiona of sklearn-iris is ready and routed\nendpoint sklearn-iris in namespace .* on gateway gateways\/shared-gw\n {2}versiona · 100% · treatment · default · 1\/1/);
    const b = await deploy('versionb', 10);
    assert.equal(b.code, 0, b.err);
    assert.deepEqual(await routeWeights(kube().kubeConfig, ns, 'sklearn-iris'), { 'sklearn-iris-versiona': 90, 'sklearn-iris-versionb': 10 });

    const show = await cli('endpoint', 'sklearn-iris', '--namespace', ns);
    assert.equal(show.code, 0, show.err);
    assert.match(show.out, /versiona · 90% · treatment · default · 1\/1\n {2}versionb · 10% · treatment · 1\/1/);

    const c = await cli('endpoint', 'sklearn-iris', '--namespace', ns, '--set-traffic', 'versionb=40', '--make-default', 'versionb', '--control', 'versionb', '--format', 'json');
    assert.equal(c.code, 0, c.err);
    const model = JSON.parse(c.out) as { versions: { name: string; weight: number; role: string; isDefault: boolean }[] };
    assert.deepEqual(model.versions.map((v) => [v.name, v.weight, v.role, v.isDefault]), [['versiona', 20, 'treatment', false], ['versionb', 80, 'control', true]]);
    assert.deepEqual(await routeWeights(kube().kubeConfig, ns, 'sklearn-iris'), { 'sklearn-iris-versiona': 20, 'sklearn-iris-versionb': 80 });

    const refused = await cli('endpoint', 'sklearn-iris', '--namespace', ns, '--control', 'versiona');
    assert.equal(refused.code, 1);
    assert.match(refused.err, /one control only/);

    const d = await cli('endpoint', 'sklearn-iris', '--namespace', ns, '--delete-version', 'versionb', '--new-default', 'versiona');
    assert.equal(d.code, 0, d.err);
    assert.match(d.out, /versiona · 100% · treatment · default · 1\/1/);
    assert.deepEqual(await routeWeights(kube().kubeConfig, ns, 'sklearn-iris'), { 'sklearn-iris-versiona': 100 });

    const bad = await cli('endpoint', 'sklearn-iris', '--namespace', ns, '--set-traffic', 'versiona');
    assert.equal(bad.code, 2);
  });
});
