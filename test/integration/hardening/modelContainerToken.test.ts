// Hardening (issue 19, low): the model container got the pod ServiceAccount's token, and that account holds
// system:auth-delegator (only the auth proxy needs it). The rendered pod is created in the real kube-apiserver,
// whose ServiceAccount admission decides what each container mounts; the test reads back what it stored.
import assert from 'node:assert/strict';
import { AppsV1Api, CoreV1Api } from '@kubernetes/client-node';
import { AUTH_PROXY_CONTAINER, MODEL_CONTAINER } from '../../../src/core/manifests/workload';
import { applyService } from '../../../src/kube/deploy';
import { useKubeTestEnv } from '../../support/kubeTestEnv';
import { target } from '../deploy/fixture';
import { uniqueName } from '../kube/helpers';

const SA_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

describe('hardening: only the auth proxy container gets the ServiceAccount token (real kube-apiserver admission)', function () {
  const kube = useKubeTestEnv();

  for (const authEnabled of [true, false]) {
    it(`auth ${authEnabled ? 'on' : 'off'}: the model container mounts no token${authEnabled ? '; the proxy has its projected token' : ''}`, async () => {
      const kc = kube().kubeConfig;
      const core = kc.makeApiClient(CoreV1Api);
      const ns = uniqueName('satoken');
      await core.createNamespace({ body: { metadata: { name: ns } } });
      await applyService(kc, target(ns, { authEnabled, autoScaler: { autoscaleEnabled: false }, numReplicas: 1 }));
      const d = await kc.makeApiClient(AppsV1Api).readNamespacedDeployment({ name: 'scorer', namespace: ns });
      // A pod exactly as the ReplicaSet controller would create it from the stored template.
      const pod = await core.createNamespacedPod({ namespace: ns, body: { metadata: { name: 'scorer-probe', labels: d.spec!.template.metadata!.labels }, spec: d.spec!.template.spec! } });
      const containers = new Map(pod.spec!.containers.map((c) => [c.name, c]));
      const volumes = new Map((pod.spec!.volumes ?? []).map((v) => [v.name, v]));
      const model = containers.get(MODEL_CONTAINER)!;
      assert.deepEqual((model.volumeMounts ?? []).filter((m) => m.mountPath.startsWith('/var/run/secrets')), [], JSON.stringify(model.volumeMounts));
      assert.ok(![...volumes.keys()].some((n) => n.startsWith('kube-api-access-')), `admission added a token volume: ${[...volumes.keys()].join(', ')}`);
      if (!authEnabled) {
        assert.equal(containers.size, 1);
        assert.ok(![...volumes.values()].some((v) => v.projected?.sources?.some((s) => s.serviceAccountToken)), 'a token volume without a proxy');
        return;
      }
      const proxy = containers.get(AUTH_PROXY_CONTAINER)!;
      const mount = proxy.volumeMounts?.find((m) => m.mountPath === SA_DIR);
      assert.ok(mount, JSON.stringify(proxy.volumeMounts));
      const sources = volumes.get(mount.name)?.projected?.sources ?? [];
      assert.ok(sources.some((s) => s.serviceAccountToken?.path === 'token'), JSON.stringify(sources));
      assert.ok(sources.some((s) => s.configMap?.name === 'kube-root-ca.crt'), JSON.stringify(sources));
      assert.ok(sources.some((s) => s.downwardAPI?.items?.some((i) => i.path === 'namespace')), JSON.stringify(sources));
    });
  }
});
