// Keys and tokens against the real kube-apiserver, checked the way the auth proxy checks them: TokenReview with
// the service's audience. Also: a 403 becomes one plain sentence, and no key reaches a log line.
import assert from 'node:assert/strict';
import { AuthenticationV1Api, CoreV1Api, RbacAuthorizationV1Api } from '@kubernetes/client-node';
import type { Logger } from '../../../src/core/logger';
import { serviceNames } from '../../../src/core/manifests';
import { applyService, getToken, KubeDeployError, readKeys, regenerateKey } from '../../../src/kube/deploy';
import { useKubeTestEnv } from '../../support/kubeTestEnv';
import { tokenKubeConfig, uniqueName, waitFor } from '../kube/helpers';
import { target } from './fixture';
import { registerTestSecret } from '../../support/testSecrets';

function recordingLogger(lines: string[]): Logger {
  const put = (m: string | Error) => lines.push(m instanceof Error ? m.message : m);
  return { trace: put, debug: put, info: put, warn: put, error: put };
}

describe('deploy engine: keys, tokens and RBAC errors against kube-apiserver', function () {
  const kube = useKubeTestEnv();
  let core: CoreV1Api;
  let authn: AuthenticationV1Api;

  before(async function () {
    core = kube().kubeConfig.makeApiClient(CoreV1Api);
    authn = kube().kubeConfig.makeApiClient(AuthenticationV1Api);
  });

  const review = async (token: string, audience?: string) => (await authn.createTokenReview({ body: { spec: { token, audiences: audience ? [audience] : undefined } } })).status;

  it('keys authenticate as the client account for this service only; regen invalidates exactly the old key', async () => {
    const ns = uniqueName('keys');
    await core.createNamespace({ body: { metadata: { name: ns } } });
    const lines: string[] = [];
    const logger = recordingLogger(lines);
    await applyService(kube().kubeConfig, target(ns, { authEnabled: true }), { logger });
    const ref = { serviceName: 'scorer', namespace: ns };
    const names = serviceNames('scorer', ns);
    const keys = await readKeys(kube().kubeConfig, ref);
    registerTestSecret(keys.primary, keys.secondary);
    const ok = await review(keys.primary, names.audience);
    assert.equal(ok?.authenticated, true, JSON.stringify(ok));
    assert.equal(ok?.user?.username, `system:serviceaccount:${ns}:scorer-client`);
    // A key is useless against the Kubernetes API itself (wrong audience).
    assert.equal((await review(keys.primary))?.authenticated ?? false, false);

    const fresh = await regenerateKey(kube().kubeConfig, ref, 'primary', logger);
    assert.notEqual(fresh, keys.primary);
    assert.equal((await review(fresh, names.audience))?.authenticated, true);
    // kube-apiserver caches a successful review for up to 10 s; after that the old key is refused for good.
    const rejected = await waitFor('old primary key refused', async () => {
      const s = await review(keys.primary, names.audience);
      return s?.authenticated ? undefined : s;
    }, 30_000);
    assert.equal(rejected.authenticated ?? false, false);
    assert.equal((await review(keys.secondary, names.audience))?.authenticated, true, 'the other key still works');
    assert.equal((await readKeys(kube().kubeConfig, ref)).primary, fresh);
    await assert.rejects(getToken(kube().kubeConfig, ref), /uses key auth, not token auth/);
    for (const k of [keys.primary, keys.secondary, fresh]) assert.ok(!lines.some((l) => l.includes(k)), 'a key reached the log');
    assert.ok(lines.length > 0, 'the logger was used');
  });

  it('token auth: TokenRequest gives a token with refreshBy that TokenReview accepts for this service', async () => {
    const ns = uniqueName('token');
    await core.createNamespace({ body: { metadata: { name: ns } } });
    const r = await applyService(kube().kubeConfig, target(ns, { authEnabled: false, tokenAuthEnabled: true }));
    assert.equal(r.keys, undefined);
    const t = await getToken(kube().kubeConfig, { serviceName: 'scorer', namespace: ns }, 1800);
    registerTestSecret(t.token);
    const lifetime = t.refreshBy.getTime() - Date.now();
    assert.ok(lifetime > 1700_000 && lifetime <= 1800_000, `refreshBy ${t.refreshBy.toISOString()}`);
    const s = await review(t.token, serviceNames('scorer', ns).audience);
    assert.equal(s?.authenticated, true, JSON.stringify(s));
    await assert.rejects(readKeys(kube().kubeConfig, { serviceName: 'scorer', namespace: ns }), (e: Error) => e instanceof KubeDeployError && /no primary key/.test(e.message));
  });

  it('a token for a service without auth is refused with a plain message', async () => {
    const ns = uniqueName('noauth');
    await core.createNamespace({ body: { metadata: { name: ns } } });
    await applyService(kube().kubeConfig, target(ns, { authEnabled: false }));
    await assert.rejects(getToken(kube().kubeConfig, { serviceName: 'scorer', namespace: ns }), /has no auth/);
  });

  it('a 403 says what you may not do where, without a stack or the raw response', async () => {
    const ns = uniqueName('forbidden');
    await core.createNamespace({ body: { metadata: { name: ns } } });
    await core.createNamespacedServiceAccount({ namespace: ns, body: { metadata: { name: 'deployer' } } });
    const rbac = kube().kubeConfig.makeApiClient(RbacAuthorizationV1Api);
    // Allowed to make ServiceAccounts but not Deployments: the error must name Deployments.
    await rbac.createNamespacedRole({ namespace: ns, body: { metadata: { name: 'sa-only' }, rules: [{ apiGroups: [''], resources: ['serviceaccounts'], verbs: ['get', 'create', 'patch'] }] } });
    await rbac.createNamespacedRoleBinding({
      namespace: ns,
      body: { metadata: { name: 'sa-only' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'sa-only' }, subjects: [{ kind: 'ServiceAccount', name: 'deployer', namespace: ns }] },
    });
    const tr = await core.createNamespacedServiceAccountToken({ name: 'deployer', namespace: ns, body: { spec: { audiences: [], expirationSeconds: 600 } } });
    const asDeployer = tokenKubeConfig(kube().kubeConfig, tr.status!.token);
    await assert.rejects(applyService(asDeployer, target(ns, { authEnabled: false, autoScaler: { autoscaleEnabled: false }, numReplicas: 1 })), (e: Error) => {
      assert.ok(e instanceof KubeDeployError);
      assert.equal(e.kind, 'forbidden');
      assert.equal(e.message, `You may not create deployments in namespace ${ns}; ask a cluster admin for that right.`);
      return true;
    });
  });
});
