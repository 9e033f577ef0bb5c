// With the control plane (kube-controller-manager, kube-scheduler, kwok as a fake kubelet): a Deployment
// rolls out to Running pods, an HPA scales it, and deleting it garbage-collects its ReplicaSets and pods.
import assert from 'node:assert/strict';
import {
  AppsV1Api,
  AutoscalingV2Api,
  CoreV1Api,
  PatchStrategy,
  setHeaderOptions,
  type V1Deployment,
} from '@kubernetes/client-node';
import { type KubeTestEnv, startKubeTestEnv } from '../../support/kubeTestEnv';
import { uniqueName, waitFor } from './helpers';

const rolloutTimeout = 120_000;

describe('kube-testenv control plane: rollout, HPA, garbage collection (kwok nodes)', function () {
  let env: KubeTestEnv | undefined;
  let core: CoreV1Api;
  let apps: AppsV1Api;
  let hpa: AutoscalingV2Api;
  const ns = uniqueName('rollout');
  const name = 'sklearn-model';
  const selector = `app=${name}`;

  before(async function () {
    // The first run on a machine builds kube-apiserver from source (many minutes); later starts take seconds.
    this.timeout(1_800_000);
    env = await startKubeTestEnv({ controlPlane: true });
    core = env.kubeConfig.makeApiClient(CoreV1Api);
    apps = env.kubeConfig.makeApiClient(AppsV1Api);
    hpa = env.kubeConfig.makeApiClient(AutoscalingV2Api);
    await core.createNamespace({ body: { metadata: { name: ns } } });
  });

  after(async () => {
    await env?.stop();
  });

  it('runs the service-account controllers: a new namespace gets its default ServiceAccount and CA', async () => {
    await waitFor('ServiceAccount default', () => core.readNamespacedServiceAccount({ name: 'default', namespace: ns }));
    const ca = await waitFor('ConfigMap kube-root-ca.crt', () =>
      core.readNamespacedConfigMap({ name: 'kube-root-ca.crt', namespace: ns }),
    );
    assert.match(ca.data?.['ca.crt'] ?? '', /BEGIN CERTIFICATE/);
  });

  it('rolls a Deployment out to Running pods on a kwok node', async function () {
    this.timeout(rolloutTimeout + 10_000);
    await core.createNode({
      body: {
        metadata: { name: 'kwok-node-0', labels: { type: 'kwok' }, annotations: { 'kwok.x-k8s.io/node': 'fake' } },
        status: {
          capacity: { cpu: '16', memory: '64Gi', pods: '110' },
          allocatable: { cpu: '16', memory: '64Gi', pods: '110' },
        },
      },
    });
    const body = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name, namespace: ns },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: name } },
        template: {
          metadata: { labels: { app: name } },
          spec: {
            containers: [
              { name: 'model', image: 'example.invalid/model:1', resources: { requests: { cpu: '100m', memory: '128Mi' } } },
            ],
          },
        },
      },
    };
    await apps.patchNamespacedDeployment(
      { name, namespace: ns, body, fieldManager: 'aks-model-deploy-tests', force: true },
      setHeaderOptions('Content-Type', PatchStrategy.ServerSideApply),
    );
    const rolled = await waitFor(
      'the Deployment to have 2 available replicas',
      async () => {
        const d: V1Deployment = await apps.readNamespacedDeployment({ name, namespace: ns });
        return d.status?.availableReplicas === 2 && d.status.observedGeneration === d.metadata?.generation ? d : undefined;
      },
      rolloutTimeout,
    );
    assert.ok(rolled.status?.conditions?.some((c) => c.type === 'Available' && c.status === 'True'));
    const pods = await core.listNamespacedPod({ namespace: ns, labelSelector: selector });
    assert.equal(pods.items.length, 2);
    for (const pod of pods.items) {
      assert.equal(pod.spec?.nodeName, 'kwok-node-0');
      assert.equal(pod.status?.phase, 'Running');
    }
  });

  it('lets an HPA raise the replica count to its minimum', async function () {
    this.timeout(rolloutTimeout + 10_000);
    await hpa.createNamespacedHorizontalPodAutoscaler({
      namespace: ns,
      body: {
        metadata: { name },
        spec: {
          scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name },
          minReplicas: 3,
          maxReplicas: 5,
          metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }],
        },
      },
    });
    await waitFor(
      'the HPA to scale the Deployment to 3 available replicas',
      async () => {
        const d = await apps.readNamespacedDeployment({ name, namespace: ns });
        return d.spec?.replicas === 3 && d.status?.availableReplicas === 3 ? d : undefined;
      },
      rolloutTimeout,
    );
    const status = await waitFor('HPA status conditions', async () => {
      const h = await hpa.readNamespacedHorizontalPodAutoscaler({ name, namespace: ns });
      return h.status?.conditions?.length ? h.status : undefined;
    });
    // No metrics server runs here: the HPA can scale but reports that it cannot read CPU metrics.
    assert.ok(status.conditions?.some((c) => c.type === 'AbleToScale' && c.status === 'True'));
    assert.equal(status.desiredReplicas, 3);
  });

  it('garbage-collects the ReplicaSets and pods when the Deployment is deleted', async function () {
    this.timeout(rolloutTimeout + 10_000);
    await hpa.deleteNamespacedHorizontalPodAutoscaler({ name, namespace: ns });
    await apps.deleteNamespacedDeployment({ name, namespace: ns, propagationPolicy: 'Background' });
    await waitFor(
      'ReplicaSets and pods to be gone',
      async () => {
        const rs = await apps.listNamespacedReplicaSet({ namespace: ns, labelSelector: selector });
        const pods = await core.listNamespacedPod({ namespace: ns, labelSelector: selector });
        return rs.items.length === 0 && pods.items.length === 0 ? true : undefined;
      },
      rolloutTimeout,
    );
  });
});
