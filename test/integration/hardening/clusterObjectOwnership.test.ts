// Hardening (issue 19, medium): cluster-side names and ownership. Real kube-apiserver, real RBAC objects.
// - ClusterRoleBinding names collided across namespaces (`a-b`/`svc` and `a`/`b-svc` both made
//   `aksmodel-a-b-svc-auth-delegator`): deploying one silently rebound the other's TokenReview rights, and turning its
//   auth off deleted the other's binding. Now namespace-qualified and hashed; a redeploy replaces its own
//   old-named binding (migration) and never another service's.
// - A deploy with auth off deleted the user's own unlabelled `<svc>-client`, `<svc>-auth-proxy`, `<svc>-caller`
//   and said nothing. Now only objects with our labels AND our field manager go, and the deploy names what it left.
import assert from 'node:assert/strict';
import { ApiException, CoreV1Api, KubernetesObjectApi, PatchStrategy, RbacAuthorizationV1Api, type V1ClusterRoleBinding } from '@kubernetes/client-node';
import { renderService } from '../../../src/core/manifests';
import { legacyAuthDelegatorName, serviceNames } from '../../../src/core/manifests/names';
import { applyService, deployService } from '../../../src/kube/deploy';
import { FIELD_MANAGER } from '../../../src/kube/labels';
import { useKubeTestEnv } from '../../support/kubeTestEnv';
import { target } from '../deploy/fixture';
import { uniqueName } from '../kube/helpers';

const AUTH_ON = { authEnabled: true, autoScaler: { autoscaleEnabled: false }, numReplicas: 1 };
const AUTH_OFF = { authEnabled: false, autoScaler: { autoscaleEnabled: false }, numReplicas: 1 };

async function exists(read: () => Promise<unknown>): Promise<boolean> {
  try {
    await read();
    return true;
  } catch (e) {
    if (e instanceof ApiException && e.code === 404) return false;
    throw e;
  }
}

describe('hardening: cluster object names cannot collide, and only our own objects are removed (real kube-apiserver)', function () {
  const kube = useKubeTestEnv();

  it('a-b/svc and a/b-svc keep separate TokenReview bindings; turning one auth off leaves the other', async () => {
    const kc = kube().kubeConfig;
    const core = kc.makeApiClient(CoreV1Api);
    const rbac = kc.makeApiClient(RbacAuthorizationV1Api);
    const a = uniqueName('crb');
    const ab = `${a}-b`;
    for (const ns of [a, ab]) await core.createNamespace({ body: { metadata: { name: ns } } });
    await applyService(kc, target(ab, AUTH_ON, 'svc'));
    await applyService(kc, target(a, AUTH_ON, 'b-svc'));
    const nameAb = serviceNames('svc', ab).authDelegator;
    const nameA = serviceNames('b-svc', a).authDelegator;
    assert.notEqual(nameAb, nameA);
    const subjectsOf = async (name: string) => (await rbac.readClusterRoleBinding({ name })).subjects?.map((s) => `${s.namespace}/${s.name}`);
    assert.deepEqual(await subjectsOf(nameAb), [`${ab}/svc`]);
    assert.deepEqual(await subjectsOf(nameA), [`${a}/b-svc`]);

    const off = await applyService(kc, target(a, AUTH_OFF, 'b-svc'));
    assert.ok(off.removed.some((r) => r.kind === 'ClusterRoleBinding' && r.name === nameA), JSON.stringify(off.removed));
    assert.equal(await exists(() => rbac.readClusterRoleBinding({ name: nameA })), false);
    assert.deepEqual(await subjectsOf(nameAb), [`${ab}/svc`], "the other namespace's binding must stay");
  });

  it('a redeploy replaces the old-named binding it owns, and leaves one that binds another namespace', async () => {
    const kc = kube().kubeConfig;
    const core = kc.makeApiClient(CoreV1Api);
    const rbac = kc.makeApiClient(RbacAuthorizationV1Api);
    const objects = KubernetesObjectApi.makeApiClient(kc);
    const a = uniqueName('mig');
    const ab = `${a}-b`;
    for (const ns of [a, ab]) await core.createNamespace({ body: { metadata: { name: ns } } });
    // What the previous release applied: the same binding under the unhashed name, by our field manager.
    const oldStyle = (ns: string, svc: string): V1ClusterRoleBinding => {
      const d = renderService(target(ns, AUTH_ON, svc).plan, target(ns, AUTH_ON, svc)).authDelegator!;
      return { ...d, metadata: { ...d.metadata, name: legacyAuthDelegatorName(svc, ns) } };
    };
    // a/b-svc's old binding holds the name that a-b/svc's old binding would have had.
    await objects.patch(oldStyle(a, 'b-svc'), undefined, undefined, FIELD_MANAGER, true, PatchStrategy.ServerSideApply);
    await applyService(kc, target(ab, AUTH_ON, 'svc'));
    const legacy = legacyAuthDelegatorName('b-svc', a);
    assert.deepEqual((await rbac.readClusterRoleBinding({ name: legacy })).subjects?.map((s) => `${s.namespace}/${s.name}`), [`${a}/b-svc`], 'another service’s binding was touched');
    // b-svc's own redeploy moves it to the new name.
    const r = await applyService(kc, target(a, AUTH_ON, 'b-svc'));
    assert.ok(r.removed.some((x) => x.kind === 'ClusterRoleBinding' && x.name === legacy), JSON.stringify(r.removed));
    assert.equal(await exists(() => rbac.readClusterRoleBinding({ name: legacy })), false);
    assert.ok(await exists(() => rbac.readClusterRoleBinding({ name: serviceNames('b-svc', a).authDelegator })));
  });

  it('auth off deletes only objects with our labels and field manager, and says what it left alone', async () => {
    const kc = kube().kubeConfig;
    const core = kc.makeApiClient(CoreV1Api);
    const rbac = kc.makeApiClient(RbacAuthorizationV1Api);
    const ns = uniqueName('userobj');
    await core.createNamespace({ body: { metadata: { name: ns } } });
    // The user's own objects, which happen to have our derived names: no labels at all.
    await core.createNamespacedServiceAccount({ namespace: ns, body: { metadata: { name: 'scorer-client' } } });
    await core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: 'scorer-auth-proxy' }, data: { mine: 'yes' } } });
    await rbac.createNamespacedRole({ namespace: ns, body: { metadata: { name: 'scorer-caller' }, rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }] } });
    // Labelled like ours, but written by the user's own tool (another field manager): also not ours.
    await rbac.createNamespacedRoleBinding({
      namespace: ns,
      fieldManager: 'users-tool',
      body: {
        metadata: { name: 'scorer-caller', labels: { 'app.kubernetes.io/managed-by': 'aks-model-deploy', 'aksmodel.io/service': 'scorer' } },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'scorer-caller' },
        subjects: [{ kind: 'User', name: 'someone' }],
      },
    });
    const messages: string[] = [];
    const progress = deployService(kc, target(ns, AUTH_OFF), { dryRun: false, timeoutMs: 1_000 });
    // No node here: the rollout cannot finish; the apply part (and its messages) is what is checked.
    for (;;) {
      const next = await progress.next().catch((e: unknown) => ({ done: true as const, value: e }));
      if (next.done) break;
      if (next.value.step !== 'apply') break;
      messages.push(next.value.message);
    }
    await progress.return(undefined as never);
    assert.ok(await exists(() => core.readNamespacedServiceAccount({ name: 'scorer-client', namespace: ns })), 'the user’s ServiceAccount was deleted');
    assert.equal((await core.readNamespacedConfigMap({ name: 'scorer-auth-proxy', namespace: ns })).data?.mine, 'yes');
    assert.ok(await exists(() => rbac.readNamespacedRole({ name: 'scorer-caller', namespace: ns })), 'the user’s Role was deleted');
    assert.ok(await exists(() => rbac.readNamespacedRoleBinding({ name: 'scorer-caller', namespace: ns })), 'the RoleBinding written by another manager was deleted');
    for (const what of ['ServiceAccount scorer-client', 'ConfigMap scorer-auth-proxy', 'Role scorer-caller', 'RoleBinding scorer-caller']) {
      assert.ok(messages.some((m) => m.startsWith(`left ${what} alone: `)), `no word about ${what}:\n${messages.join('\n')}`);
    }
    assert.ok(messages.some((m) => /RoleBinding scorer-caller alone: it was not written by the field manager aks-model-deploy/.test(m)), messages.join('\n'));

    // Our own auth objects still go when auth is turned off.
    const ns2 = uniqueName('ownobj');
    await core.createNamespace({ body: { metadata: { name: ns2 } } });
    await applyService(kc, target(ns2, AUTH_ON));
    const off = await applyService(kc, target(ns2, AUTH_OFF));
    assert.deepEqual(off.leftAlone, []);
    assert.deepEqual(off.removed.map((r) => `${r.kind}/${r.name}`).sort(), [
      `ClusterRoleBinding/${serviceNames('scorer', ns2).authDelegator}`,
      'ConfigMap/scorer-auth-proxy',
      // The NetworkPolicy that keeps the scoring port behind the proxy exists only with auth on (issue 17).
      'NetworkPolicy/scorer',
      'Role/scorer-caller',
      'RoleBinding/scorer-caller',
      'ServiceAccount/scorer-client',
    ]);
  });
});
