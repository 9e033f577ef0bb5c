// Hardening (issue 19, medium): `deploy` died with an unhandled promise rejection when key minting failed before the
// apply waves ended (deterministic when the user may not read Secrets). Real kube-apiserver, real RBAC: a deployer
// that may do everything a deploy needs except touch Secrets.
import assert from 'node:assert/strict';
import { CoreV1Api, RbacAuthorizationV1Api } from '@kubernetes/client-node';
import { applyService } from '../../../src/kube/deploy';
import { useKubeTestEnv } from '../../support/kubeTestEnv';
import { target } from '../deploy/fixture';
import { tokenKubeConfig, uniqueName } from '../kube/helpers';

const ALL_BUT_SECRETS = ['namespaces', 'serviceaccounts', 'serviceaccounts/token', 'services', 'configmaps', 'pods', 'endpoints', 'events',
  'deployments', 'replicasets', 'horizontalpodautoscalers', 'poddisruptionbudgets', 'networkpolicies', 'roles', 'rolebindings',
  'clusterroles', 'clusterrolebindings', 'tokenreviews', 'subjectaccessreviews', 'httproutes'];

describe('hardening: a deploy whose key minting fails first reports it, with no unhandled rejection (real kube-apiserver)', function () {
  const kube = useKubeTestEnv();

  it('rejects with the Secrets error and leaves no rejection unhandled', async () => {
    const ns = uniqueName('nosecrets');
    const admin = kube().kubeConfig;
    const core = admin.makeApiClient(CoreV1Api);
    const rbac = admin.makeApiClient(RbacAuthorizationV1Api);
    await core.createNamespace({ body: { metadata: { name: ns } } });
    await core.createNamespacedServiceAccount({ namespace: ns, body: { metadata: { name: 'deployer' } } });
    const role = `${ns}-all-but-secrets`;
    await rbac.createClusterRole({ body: { metadata: { name: role }, rules: [{ apiGroups: ['*'], resources: ALL_BUT_SECRETS, verbs: ['*'] }] } });
    await rbac.createClusterRoleBinding({ body: { metadata: { name: role }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role }, subjects: [{ kind: 'ServiceAccount', name: 'deployer', namespace: ns }] } });
    const tr = await core.createNamespacedServiceAccountToken({ name: 'deployer', namespace: ns, body: { spec: { audiences: [], expirationSeconds: 600 } } });
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown) => unhandled.push(e);
    // Mocha's own listener would turn it into a failure of whichever test runs; count it here to name it.
    const mochaListeners = process.listeners('unhandledRejection');
    process.removeAllListeners('unhandledRejection');
    process.on('unhandledRejection', onUnhandled);
    try {
      const err = await applyService(tokenKubeConfig(admin, tr.status!.token), target(ns, { authEnabled: true, autoScaler: { autoscaleEnabled: false }, numReplicas: 1 })).then(() => undefined, (e: unknown) => e);
      // Let any rejection left unobserved surface (Node reports them after the microtask queue drains).
      await new Promise((r) => setImmediate(r));
      await new Promise((r) => setTimeout(r, 50));
      assert.deepEqual(unhandled.map(String), [], 'an unhandled rejection escaped the deploy');
      assert.ok(err instanceof Error, `the deploy did not fail: ${String(err)}`);
      assert.match(err.message, /secrets/i);
    } finally {
      process.removeListener('unhandledRejection', onUnhandled);
      for (const l of mochaListeners) process.on('unhandledRejection', l);
    }
  });
});
