import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CoreV1Api } from '@kubernetes/client-node';
import { main } from '../../../src/cli/main';
import { sampleProjectFiles } from '../../../src/core/sampleProject';
import { useKubeTestEnv } from '../../support/kubeTestEnv';
import { uniqueName } from '../kube/helpers';

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { stdout: { write: (t: string) => (out += t) }, stderr: { write: (t: string) => (err += t) }, cwd: process.cwd() });
  return { code, out, err };
}

// The cluster subcommands against the real kube-apiserver (no kubelet runs: the rollout is not awaited).
describe('CLI: deploy, keys, token, status, delete against kube-apiserver', function () {
  const kube = useKubeTestEnv();
  const saved = process.env.KUBECONFIG;
  const ns = uniqueName('cli');
  const project = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'aks-cli-')), 'sklearn-iris');

  before(async function () {
    process.env.KUBECONFIG = kube().kubeconfigPath;
    await kube().kubeConfig.makeApiClient(CoreV1Api).createNamespace({ body: { metadata: { name: ns } } });
    for (const f of sampleProjectFiles()) {
      fs.mkdirSync(path.dirname(path.join(project, f.path)), { recursive: true });
      fs.writeFileSync(path.join(project, f.path), f.content);
    }
  });
  after(async () => {
    if (saved === undefined) delete process.env.KUBECONFIG; else process.env.KUBECONFIG = saved;
  });

  it('deploys the sample (no wait), then keys, regen, token and status work on it', async () => {
    const d = await cli('deploy', project, '--image', 'registry.example/sklearn-iris:1', '--namespace', ns, '--no-wait');
    assert.equal(d.code, 0, d.err);
    assert.match(d.out, /sklearn-iris applied in namespace/);
    const k = await cli('keys', 'sklearn-iris', '--namespace', ns, '--format', 'json');
    assert.equal(k.code, 0, k.err);
    const keys = JSON.parse(k.out) as { primary: string; secondary: string };
    assert.ok(keys.primary.length > 20 && keys.secondary.length > 20 && keys.primary !== keys.secondary);
    const r = await cli('keys', 'sklearn-iris', '--namespace', ns, '--regen', 'primary', '--format', 'json');
    const after = JSON.parse(r.out) as { primary: string; secondary: string };
    assert.notEqual(after.primary, keys.primary, 'primary regenerated');
    assert.equal(after.secondary, keys.secondary, 'secondary kept');
    // The sample uses key auth (authEnabled), so a token is refused in one sentence that says why.
    const t = await cli('token', 'sklearn-iris', '--namespace', ns);
    assert.equal(t.code, 1);
    assert.match(t.err, /uses key auth, not token auth/);
    const s = await cli('status', 'sklearn-iris', '--namespace', ns, '--format', 'json');
    assert.equal(s.code, 0, s.err);
    assert.equal((JSON.parse(s.out) as { deployed: boolean }).deployed, true);
  });

  it('creates a missing namespace, as Deploy to AKS… in the editor does', async () => {
    const fresh = uniqueName('cli-new-ns');
    const d = await cli('deploy', project, '--image', 'registry.example/sklearn-iris:1', '--namespace', fresh, '--no-wait');
    assert.equal(d.code, 0, d.err);
    const created = await kube().kubeConfig.makeApiClient(CoreV1Api).readNamespace({ name: fresh });
    assert.equal(created.metadata?.name, fresh);
    assert.equal((await cli('delete', 'sklearn-iris', '--namespace', fresh)).code, 0);
  });

  it('issues a token with its refresh_by for a token-auth service', async () => {
    const tokenProject = path.join(path.dirname(project), 'token-model');
    fs.cpSync(project, tokenProject, { recursive: true });
    fs.writeFileSync(path.join(tokenProject, 'deploymentconfig.json'), JSON.stringify({ computeType: 'aks', tokenAuthEnabled: true, numReplicas: 1 }));
    const d = await cli('deploy', tokenProject, '--image', 'registry.example/token-model:1', '--namespace', ns, '--no-wait');
    assert.equal(d.code, 0, d.err);
    const t = await cli('token', 'token-model', '--namespace', ns);
    assert.equal(t.code, 0, t.err);
    assert.match(t.out, /^\S{20,}\nrefresh_by \d{4}-\d\d-\d\dT/);
    assert.equal((await cli('delete', 'token-model', '--namespace', ns)).code, 0);
  });

  it('deletes exactly the service, after which its keys are gone with a one-line error', async () => {
    const del = await cli('delete', 'sklearn-iris', '--namespace', ns);
    assert.equal(del.code, 0, del.err);
    assert.match(del.out, /deleted Deployment/);
    const k = await cli('keys', 'sklearn-iris', '--namespace', ns);
    assert.equal(k.code, 1);
    assert.equal(k.err.trim().split('\n').length, 1, k.err);
  });

  it('refuses bad input with one line and exit code 2, changing nothing', async () => {
    const noImage = await cli('deploy', project, '--namespace', ns);
    assert.equal(noImage.code, 2);
    assert.match(noImage.err, /--image/);
    const badContext = await cli('keys', 'x', '--context', 'nope');
    assert.equal(badContext.code, 2);
    assert.match(badContext.err, /no context "nope"/);
    const badExposure = await cli('deploy', project, '--namespace', ns, '--image', 'r.example/x:1', '--exposure', 'public');
    assert.equal(badExposure.code, 2);
    assert.match(badExposure.err, /--exposure is one of cluster, load-balancer, gateway, not "public"/);
    const noGateway = await cli('deploy', project, '--namespace', ns, '--image', 'r.example/x:1', '--exposure', 'gateway');
    assert.equal(noGateway.code, 2);
    assert.match(noGateway.err, /needs --gateway NAMESPACE\/NAME/);
  });

  it('--exposure load-balancer deploys a LoadBalancer Service (no wait)', async () => {
    const r = await cli('deploy', project, '--namespace', ns, '--image', 'r.example/lb:1', '--exposure', 'load-balancer', '--no-wait');
    assert.equal(r.code, 0, r.err);
    const name = path.basename(project);
    const svc = await kube().kubeConfig.makeApiClient(CoreV1Api).readNamespacedService({ name, namespace: ns });
    assert.equal(svc.spec?.type, 'LoadBalancer');
    const status = await cli('status', name, '--namespace', ns);
    assert.equal(status.code, 0, status.err);
    assert.match(status.out, /^exposure: load balancer: waiting for an address$/m);
  });
});
