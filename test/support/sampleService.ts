// A service deployed by the real engine (deployService with a plan from the real parsers), for the ops host and
// e2e tests: Deployment, Service, HPA (autoscaling/v2) and the rest, in a namespace it creates. With kwok as the
// kubelet (startKubeTestEnv({ controlPlane: true }) + addKwokNode) the rollout finishes with Running replicas; the
// image is never pulled, so any name does.
import { CoreV1Api, type KubeConfig } from '@kubernetes/client-node';
import { deployService } from '../../src/kube/deploy';
import { serviceSelector } from '../../src/kube/labels';
import { target } from '../integration/deploy/fixture';

export const autoscaled = (minReplicas: number, maxReplicas: number) => ({
  autoScaler: { autoscaleEnabled: true, minReplicas, maxReplicas, targetUtilization: 70 },
  containerResourceRequirements: { cpu: 0.5, memoryInGB: 1 },
});

/** Deploys and waits until every replica is ready (the engine's own rollout watch). On a real node, pass images
 *  it can pull. */
export async function deploySampleService(kc: KubeConfig, namespace: string, serviceName: string, dc: object = autoscaled(2, 4), images?: { image: string; authProxyImage: string }): Promise<void> {
  const base = target(namespace, dc, serviceName, images?.image ?? `registry.example:5000/${serviceName}:1`);
  const progress = deployService(kc, { ...base, ...(images ? { authProxyImage: images.authProxyImage } : {}), createNamespace: true }, { timeoutMs: 300_000, fetchLogs: async () => '' });
  for await (const step of progress) void step;
}

/** Names of the service's replicas that are not being deleted. */
export async function replicaNames(kc: KubeConfig, namespace: string, service: string): Promise<string[]> {
  const pods = await kc.makeApiClient(CoreV1Api).listNamespacedPod({ namespace, labelSelector: serviceSelector(service) });
  return pods.items.filter((p) => !p.metadata?.deletionTimestamp).map((p) => p.metadata?.name ?? '').sort();
}
