// A deployed service as the deploy (issue 6) leaves it: Deployment + HPA (autoscaling/v2) + pods, all labelled
// with serviceLabels(). No controllers run in the test cluster, so `status` is written through the status
// subresource, as the controllers would.
import { AppsV1Api, AutoscalingV2Api, CoreV1Api, type KubeConfig, type V2HorizontalPodAutoscalerStatus } from '@kubernetes/client-node';
import { serviceLabels } from '../../../src/kube/labels';
import { createReplica } from './opsHelpers';

export class ServiceFixture {
  private readonly apps: AppsV1Api;
  private readonly autoscaling: AutoscalingV2Api;
  private readonly core: CoreV1Api;

  constructor(kc: KubeConfig, readonly namespace: string, readonly service: string) {
    this.apps = kc.makeApiClient(AppsV1Api);
    this.autoscaling = kc.makeApiClient(AutoscalingV2Api);
    this.core = kc.makeApiClient(CoreV1Api);
    this.kc = kc;
  }
  private readonly kc: KubeConfig;

  async deploy(replicas: number, pods: string[]): Promise<void> {
    const { namespace, service } = this;
    const labels = serviceLabels(service, 'v1');
    await this.apps.createNamespacedDeployment({
      namespace,
      body: {
        metadata: { name: service, labels },
        spec: {
          replicas,
          selector: { matchLabels: labels },
          template: { metadata: { labels }, spec: { containers: [{ name: 'model', image: 'example.invalid/model:1' }] } },
        },
      },
    });
    await this.autoscaling.createNamespacedHorizontalPodAutoscaler({
      namespace,
      body: {
        metadata: { name: service, labels },
        spec: {
          minReplicas: 2,
          maxReplicas: 10,
          scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: service },
          metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }],
        },
      },
    });
    for (const p of pods) await createReplica(this.kc, namespace, service, `${service}-${p}`);
  }

  async deploymentStatus(replicas: number, ready: number): Promise<void> {
    const d = await this.apps.readNamespacedDeployment({ name: this.service, namespace: this.namespace });
    d.status = { replicas, readyReplicas: ready, availableReplicas: ready, updatedReplicas: replicas, observedGeneration: d.metadata?.generation };
    await this.apps.replaceNamespacedDeploymentStatus({ name: this.service, namespace: this.namespace, body: d });
  }

  async hpaStatus(current: number, desired: number, cpu: number, conditions: { type: string; status: string; reason: string; message: string }[]): Promise<void> {
    const h = await this.autoscaling.readNamespacedHorizontalPodAutoscaler({ name: this.service, namespace: this.namespace });
    const status: V2HorizontalPodAutoscalerStatus = {
      currentReplicas: current,
      desiredReplicas: desired,
      currentMetrics: [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: cpu } } }],
      conditions: conditions.map((c) => ({ ...c, lastTransitionTime: new Date() })),
    };
    h.status = status;
    await this.autoscaling.replaceNamespacedHorizontalPodAutoscalerStatus({ name: this.service, namespace: this.namespace, body: h });
  }

  async unschedulable(pod: string, message: string): Promise<void> {
    const name = `${this.service}-${pod}`;
    const p = await this.core.readNamespacedPod({ name, namespace: this.namespace });
    p.status = { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message, lastTransitionTime: new Date() }] };
    await this.core.replaceNamespacedPodStatus({ name, namespace: this.namespace, body: p });
  }

  async running(pod: string): Promise<void> {
    const name = `${this.service}-${pod}`;
    const p = await this.core.readNamespacedPod({ name, namespace: this.namespace });
    p.status = { phase: 'Running', conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: new Date() }] };
    await this.core.replaceNamespacedPodStatus({ name, namespace: this.namespace, body: p });
  }

  async deletePod(pod: string): Promise<void> {
    await this.core.deleteNamespacedPod({ name: `${this.service}-${pod}`, namespace: this.namespace, gracePeriodSeconds: 0 });
  }

  async event(reason: string, message: string): Promise<void> {
    const now = new Date();
    await this.core.createNamespacedEvent({
      namespace: this.namespace,
      body: {
        metadata: { name: `${this.service}.${now.getTime()}.${Math.random().toString(36).slice(2, 7)}` },
        involvedObject: { kind: 'HorizontalPodAutoscaler', name: this.service, namespace: this.namespace },
        reason,
        message,
        type: 'Normal',
        count: 1,
        firstTimestamp: now,
        lastTimestamp: now,
        source: { component: 'horizontal-pod-autoscaler' },
      },
    });
  }
}
