// The real kube-apiserver: ServiceAccount tokens (TokenRequest), TokenReview, Secret-bound tokens and RBAC.
import assert from 'node:assert/strict';
import { AuthenticationV1Api, CoreV1Api, RbacAuthorizationV1Api } from '@kubernetes/client-node';
import { useKubeTestEnv } from '../../support/kubeTestEnv';
import { statusOf, tokenKubeConfig, uniqueName, waitFor } from './helpers';

describe('kube-apiserver (kube-testenv): tokens, TokenReview and RBAC', function () {
  const kube = useKubeTestEnv();
  let core: CoreV1Api;
  let authn: AuthenticationV1Api;
  let rbac: RbacAuthorizationV1Api;
  const ns = uniqueName('tokens');

  before(async function () {
    core = kube().kubeConfig.makeApiClient(CoreV1Api);
    authn = kube().kubeConfig.makeApiClient(AuthenticationV1Api);
    rbac = kube().kubeConfig.makeApiClient(RbacAuthorizationV1Api);
    await core.createNamespace({ body: { metadata: { name: ns } } });
  });

  const requestToken = async (sa: string, boundSecret?: { name: string; uid: string }) => {
    const tr = await core.createNamespacedServiceAccountToken({
      name: sa,
      namespace: ns,
      body: {
        spec: {
          audiences: [],
          expirationSeconds: 600,
          boundObjectRef: boundSecret && { kind: 'Secret', apiVersion: 'v1', ...boundSecret },
        },
      },
    });
    assert.ok(tr.status?.token, 'TokenRequest returned no token');
    return tr.status.token;
  };
  const review = async (token: string) => (await authn.createTokenReview({ body: { spec: { token } } })).status;

  it('issues a ServiceAccount token that TokenReview authenticates as that ServiceAccount', async () => {
    await core.createNamespacedServiceAccount({ namespace: ns, body: { metadata: { name: 'scorer' } } });
    const token = await requestToken('scorer');
    const status = await review(token);
    assert.equal(status?.authenticated, true, `TokenReview: ${JSON.stringify(status)}`);
    assert.equal(status?.user?.username, `system:serviceaccount:${ns}:scorer`);
    assert.ok(status?.user?.groups?.includes('system:serviceaccounts'));
  });

  it('rejects a forged token', async () => {
    const token = await requestToken('scorer');
    const [header, payload] = token.split('.');
    const status = await review(`${header}.${payload}.${Buffer.from('not the signature').toString('base64url')}`);
    // The server omits `authenticated` when it is false.
    assert.equal(status?.authenticated ?? false, false);
    assert.equal(status?.user?.username, undefined);
  });

  it('stops accepting a Secret-bound token once the Secret is deleted', async () => {
    const secret = await core.createNamespacedSecret({
      namespace: ns,
      body: { metadata: { name: 'endpoint-key' }, type: 'Opaque', stringData: { key: 'v1' } },
    });
    const token = await requestToken('scorer', { name: 'endpoint-key', uid: secret.metadata!.uid! });
    const before = await review(token);
    assert.equal(before?.authenticated, true, `TokenReview before delete: ${JSON.stringify(before)}`);
    assert.equal(before?.user?.extra?.['authentication.kubernetes.io/credential-id']?.length, 1);

    await core.deleteNamespacedSecret({ name: 'endpoint-key', namespace: ns });
    // kube-apiserver caches successful token authentications for 10 s, so the rejection can take that long.
    const after = await waitFor(
      'TokenReview to reject the token',
      async () => {
        const s = await review(token);
        return s?.authenticated ? undefined : s;
      },
      30_000,
    );
    assert.equal(after.authenticated ?? false, false);
    assert.match(after.error ?? '', /secret|not found|invalid/i);
  });

  it('gives 403 to an identity without RBAC rights, and 200 once a RoleBinding grants them', async () => {
    await core.createNamespacedServiceAccount({ namespace: ns, body: { metadata: { name: 'nobody' } } });
    const asNobody = tokenKubeConfig(kube().kubeConfig, await requestToken('nobody')).makeApiClient(CoreV1Api);
    assert.equal(await statusOf(() => asNobody.listNamespacedPod({ namespace: ns })), 403);
    assert.equal(await statusOf(() => asNobody.listNamespace()), 403);

    // A Role of our own: the built-in `view` ClusterRole is aggregated, and its rules are filled in by
    // kube-controller-manager, which a bare API server does not run.
    await rbac.createNamespacedRole({
      namespace: ns,
      body: {
        metadata: { name: 'pod-reader' },
        rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] }],
      },
    });
    await rbac.createNamespacedRoleBinding({
      namespace: ns,
      body: {
        metadata: { name: 'nobody-reads-pods' },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'pod-reader' },
        subjects: [{ kind: 'ServiceAccount', name: 'nobody', namespace: ns }],
      },
    });
    // The authorizer reads RoleBindings from an informer: the grant shows up after a moment.
    await waitFor('the RoleBinding to take effect', async () =>
      (await statusOf(() => asNobody.listNamespacedPod({ namespace: ns }))) === 200 ? true : undefined,
    );
    // The grant is namespaced: cluster-scoped reads stay forbidden.
    assert.equal(await statusOf(() => asNobody.listNamespace()), 403);
  });
});
