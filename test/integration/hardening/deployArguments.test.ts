// Hardening (issue 19, low): `deploy --timeout 0` hung, `--timeout abc`/`-1` failed with Node's own error after
// everything was applied, and the config's `namespace` silently overrode `--namespace`. Real kube-apiserver: each
// refusal must come before any object exists.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppsV1Api, CoreV1Api } from '@kubernetes/client-node';
import { main } from '../../../src/cli/main';
import { sampleProjectFiles } from '../../../src/core/sampleProject';
import { useKubeTestEnv } from '../../support/kubeTestEnv';
import { uniqueName } from '../kube/helpers';

async function cli(...argv: string[]): Promise<{ code: number; err: string }> {
  let err = '';
  const code = await main(argv, { stdout: { write: () => true }, stderr: { write: (t: string) => (err += t) }, cwd: process.cwd() });
  return { code, err };
}

describe('hardening: deploy checks its arguments before applying anything (real kube-apiserver)', function () {
  const kube = useKubeTestEnv();
  const saved = process.env.KUBECONFIG;
  const ns = uniqueName('args');
  const other = uniqueName('cfg');
  const project = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'aks-args-')), 'sklearn-iris');
  const nothingIn = async (namespace: string) => {
    const deployments = await kube().kubeConfig.makeApiClient(AppsV1Api).listNamespacedDeployment({ namespace });
    assert.deepEqual(deployments.items.map((d) => d.metadata?.name), [], `objects were applied in ${namespace}`);
  };

  before(async () => {
    process.env.KUBECONFIG = kube().kubeconfigPath;
    const core = kube().kubeConfig.makeApiClient(CoreV1Api);
    for (const name of [ns, other]) await core.createNamespace({ body: { metadata: { name } } });
    fs.mkdirSync(project);
    for (const f of sampleProjectFiles()) fs.writeFileSync(path.join(project, f.path), f.content);
  });
  after(() => { if (saved === undefined) delete process.env.KUBECONFIG; else process.env.KUBECONFIG = saved; });

  it('refuses --timeout 0, -1 and abc in one line, with nothing applied', async () => {
    for (const t of ['0', '-1', 'abc']) {
      const r = await cli('deploy', project, '--image', 'registry.example/sklearn-iris:1', '--namespace', ns, '--timeout', t);
      assert.equal(r.code, 2, `--timeout ${t}: ${r.err}`);
      assert.equal(r.err.trim().split('\n').length, 1, r.err);
      assert.match(r.err, new RegExp(`--timeout is a number of seconds above 0 and at most 86400, not "${t}"`));
    }
    await nothingIn(ns);
  });

  it('reports the config namespace against --namespace instead of silently using the config one', async () => {
    const dc = JSON.parse(fs.readFileSync(path.join(project, 'deploymentconfig.json'), 'utf8')) as Record<string, unknown>;
    fs.writeFileSync(path.join(project, 'deploymentconfig.json'), JSON.stringify({ ...dc, namespace: other }));
    const r = await cli('deploy', project, '--image', 'registry.example/sklearn-iris:1', '--namespace', ns, '--no-wait');
    assert.equal(r.code, 2, r.err);
    assert.match(r.err, new RegExp(`the deployment config sets namespace "${other}" but --namespace is "${ns}"`));
    await nothingIn(ns);
    await nothingIn(other);
  });
});
