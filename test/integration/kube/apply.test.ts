// The real kube-apiserver: namespaces, server-side apply of a Deployment (idempotent), and watch events.
import assert from 'node:assert/strict';
import { AppsV1Api, CoreV1Api, PatchStrategy, Watch, setHeaderOptions, type V1Deployment } from '@kubernetes/client-node';
import { useKubeTestEnv } from '../../support/kubeTestEnv';
import { uniqueName, waitFor } from './helpers';

const fieldManager = 'aks-model-deploy-tests';
const applyHeaders = setHeaderOptions('Content-Type', PatchStrategy.ServerSideApply);

function deployment(name: string, replicas: number) {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, labels: { app: name } },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: 'model', image: 'example.invalid/model:1', ports: [{ containerPort: 5001 }] }] },
      },
    },
  };
}

describe('kube-apiserver (kube-testenv): namespaces, server-side apply, watch', function () {
  const kube = useKubeTestEnv();
  let core: CoreV1Api;
  let apps: AppsV1Api;
  const ns = uniqueName('apply');

  before(async function () {
    core = kube().kubeConfig.makeApiClient(CoreV1Api);
    apps = kube().kubeConfig.makeApiClient(AppsV1Api);
  });

  const apply = (body: V1Deployment | ReturnType<typeof deployment>) =>
    apps.patchNamespacedDeployment(
      { name: body.metadata!.name!, namespace: ns, body, fieldManager, force: true },
      applyHeaders,
    );

  it('creates a namespace and reads it back as Active', async () => {
    await core.createNamespace({ body: { metadata: { name: ns } } });
    const got = await core.readNamespace({ name: ns });
    assert.equal(got.metadata?.name, ns);
    assert.equal(got.status?.phase, 'Active');
  });

  it('server-side applies a Deployment; the same apply again changes nothing', async () => {
    const first = await apply(deployment('model-a', 2));
    // Defaulting and field ownership come from the real server, not from us.
    assert.equal(first.spec?.strategy?.type, 'RollingUpdate');
    assert.equal(first.spec?.template.spec?.containers[0].imagePullPolicy, 'IfNotPresent');
    assert.ok(first.metadata?.managedFields?.some((f) => f.manager === fieldManager && f.operation === 'Apply'));
    assert.equal(first.metadata?.generation, 1);

    const second = await apply(deployment('model-a', 2));
    assert.equal(second.metadata?.resourceVersion, first.metadata?.resourceVersion);
    assert.equal(second.metadata?.generation, 1);

    const third = await apply(deployment('model-a', 3));
    assert.notEqual(third.metadata?.resourceVersion, first.metadata?.resourceVersion);
    assert.equal(third.metadata?.generation, 2);
    assert.equal(third.spec?.replicas, 3);
  });

  it('rejects an invalid Deployment with the server validation message', async () => {
    const bad = deployment('Model_Bad', 1);
    await assert.rejects(apply(bad), (e: Error) => /Invalid value|a lowercase RFC 1123/.test(e.message));
  });

  it('watches a Deployment from a resourceVersion and sees ADDED, MODIFIED and DELETED', async () => {
    const list = await apps.listNamespacedDeployment({ namespace: ns });
    const events: { type: string; name: string; replicas?: number }[] = [];
    let watchError: unknown;
    const watch = await new Watch(kube().kubeConfig).watch(
      `/apis/apps/v1/namespaces/${ns}/deployments`,
      { resourceVersion: list.metadata?.resourceVersion, allowWatchBookmarks: false },
      (type, obj: V1Deployment) => events.push({ type, name: obj.metadata?.name ?? '', replicas: obj.spec?.replicas }),
      (err) => (watchError = err),
    );
    let errorBeforeAbort: unknown;
    try {
      await apply(deployment('model-w', 1));
      await apply(deployment('model-w', 4));
      await apps.deleteNamespacedDeployment({ name: 'model-w', namespace: ns });
      await waitFor('DELETED event', () => (events.some((e) => e.type === 'DELETED') ? true : undefined));
    } finally {
      errorBeforeAbort = watchError;
      watch.abort();
    }
    assert.equal(errorBeforeAbort ?? null, null);
    // Status-only updates (a controller manager, if running, writes them) are not what this test is about.
    const specChanges = events.filter((e, i) => e.type !== 'MODIFIED' || e.replicas !== events[i - 1]?.replicas);
    // Events from before the listed resourceVersion (model-a) must not be replayed.
    assert.deepEqual(
      specChanges.map((e) => `${e.type} ${e.name} ${e.replicas}`),
      ['ADDED model-w 1', 'MODIFIED model-w 4', 'DELETED model-w 4'],
    );
  });
});
