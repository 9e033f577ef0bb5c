// Hardening (issue 19, low): a redeploy left containers and env that another field manager had added to the
// Deployment (server-side apply owns only its own fields) and still reported ready. Decision (foreignFields.ts):
// the redeploy removes them and names each with its manager. Real kube-apiserver; the additions are made as
// `kubectl set env` / `kubectl patch` would, under their own field managers.
import assert from 'node:assert/strict';
import { AppsV1Api, CoreV1Api, PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import { applyService, deployService } from '../../../src/kube/deploy';
import { useKubeTestEnv } from '../../support/kubeTestEnv';
import { target } from '../deploy/fixture';
import { uniqueName } from '../kube/helpers';

const CONFIG = { authEnabled: false, autoScaler: { autoscaleEnabled: false }, numReplicas: 1 };

describe('hardening: a redeploy removes what other field managers added to the pods (real kube-apiserver)', function () {
  const kube = useKubeTestEnv();

  it('removes a foreign container, init container and env var, says so, and keeps our own env', async () => {
    const kc = kube().kubeConfig;
    const apps = kc.makeApiClient(AppsV1Api);
    const ns = uniqueName('foreign');
    await kc.makeApiClient(CoreV1Api).createNamespace({ body: { metadata: { name: ns } } });
    await applyService(kc, target(ns, CONFIG));
    // kubectl set env (a strategic merge patch by manager kubectl-set) and a tool adding a sidecar and an init step.
    await apps.patchNamespacedDeployment(
      { name: 'scorer', namespace: ns, fieldManager: 'kubectl-set', body: { spec: { template: { spec: { containers: [{ name: 'model', env: [{ name: 'EXTRA', value: 'x' }] }] } } } } },
      setHeaderOptions('Content-Type', PatchStrategy.StrategicMergePatch),
    );
    await apps.patchNamespacedDeployment(
      {
        name: 'scorer', namespace: ns, fieldManager: 'some-tool',
        body: { spec: { template: { spec: { containers: [{ name: 'sidecar', image: 'busybox' }], initContainers: [{ name: 'fetch', image: 'busybox' }] } } } },
      },
      setHeaderOptions('Content-Type', PatchStrategy.StrategicMergePatch),
    );
    const messages: string[] = [];
    const progress = deployService(kc, target(ns, CONFIG), { timeoutMs: 1_000 });
    for (;;) {
      const next = await progress.next();
      if (next.done || next.value.step !== 'apply') break;
      messages.push(next.value.message);
    }
    await progress.return(undefined as never);
    const d = await apps.readNamespacedDeployment({ name: 'scorer', namespace: ns });
    const spec = d.spec!.template.spec!;
    assert.deepEqual(spec.containers.map((c) => c.name), ['model']);
    assert.deepEqual(spec.initContainers ?? [], []);
    assert.deepEqual(spec.containers[0].env?.map((e) => e.name), ['AML_APP_ROOT', 'AZUREML_ENTRY_SCRIPT', 'AZUREML_MODEL_DIR', 'SCORING_TIMEOUT_MS', 'WORKER_COUNT'], 'our own env must stay');
    for (const m of [
      'removed container sidecar from Deployment scorer: added by some-tool, not in the config',
      'removed init container fetch from Deployment scorer: added by some-tool, not in the config',
      'removed env EXTRA of container model from Deployment scorer: added by kubectl-set, not in the config',
    ]) assert.ok(messages.includes(m), `missing "${m}" in:\n${messages.join('\n')}`);
    // Nothing foreign left: the next redeploy reverts nothing.
    assert.deepEqual((await applyService(kc, target(ns, CONFIG))).reverted, []);
  });
});
