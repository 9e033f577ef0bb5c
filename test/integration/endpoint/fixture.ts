// Shared by the endpoint tests: version plans from the real parsers, Deployment status played through the status
// subresource (no controllers run on the bare API server), and the HTTPRoute's weights as the server has them.
import { AppsV1Api, CoreV1Api, CustomObjectsApi, type KubeConfig } from '@kubernetes/client-node';
import type { GatewayRef } from '../../../src/core/endpointModel';
import { deployEndpointVersion, type EndpointDeployProgress, type EndpointDeployResult, type EndpointDeployTarget } from '../../../src/kube/endpoint';
import { createTestGateway, installGatewayApiCrds } from '../../support/gatewayApiCrds';
import { waitFor } from '../kube/helpers';
import { planFor } from '../../unit/manifests/planFixture';

export const GATEWAY: GatewayRef = { namespace: 'gateways', name: 'shared-gw' };

/** The official Gateway API CRDs installed and the shared test Gateway created: what every endpoint test starts from. */
export async function installGatewayWithCrds(kc: KubeConfig): Promise<void> {
  await installGatewayApiCrds(kc);
  await kc.makeApiClient(CoreV1Api).createNamespace({ body: { metadata: { name: GATEWAY.namespace } } });
  await createTestGateway(kc, GATEWAY.namespace, GATEWAY.name);
}

export function versionTarget(namespace: string, endpoint: string, version: string, dc: object = {}, extra: Partial<EndpointDeployTarget> = {}): EndpointDeployTarget {
  const plan = planFor({ computeType: 'AKSENDPOINT', versionName: version, authEnabled: false, autoScaler: { autoscaleEnabled: false }, numReplicas: 2, ...dc }, endpoint);
  return { plan, endpoint, namespace, image: `registry.example:5000/${endpoint}:${version}`, authProxyImage: 'quay.io/brancz/kube-rbac-proxy:v0.22.0', createNamespace: true, gateway: GATEWAY, ...extra };
}

/** Plays the Deployment controller: every replica of the current generation ready (or `ready` of them). */
export async function setStatus(kc: KubeConfig, namespace: string, name: string, ready?: number, extra: object = {}): Promise<void> {
  const apps = kc.makeApiClient(AppsV1Api);
  const d = await apps.readNamespacedDeployment({ name, namespace });
  const replicas = d.spec?.replicas ?? 1;
  const r = ready ?? replicas;
  d.status = { observedGeneration: d.metadata!.generation, replicas, updatedReplicas: replicas, readyReplicas: r, availableReplicas: r, ...extra };
  await apps.replaceNamespacedDeploymentStatus({ name, namespace, body: d });
}

/** Runs a version deploy; once its rollout is being watched, `onRollout` plays the cluster (default: all ready). */
export async function runDeploy(
  kc: KubeConfig,
  target: EndpointDeployTarget,
  onRollout: (workload: string) => Promise<void> = (w) => setStatus(kc, target.namespace, w),
): Promise<{ result: EndpointDeployResult; seen: EndpointDeployProgress[] }> {
  const seen: EndpointDeployProgress[] = [];
  const gen = deployEndpointVersion(kc, target, { timeoutMs: 20_000, fetchLogs: async () => '' });
  let played = false;
  for (;;) {
    const next = await gen.next();
    if (next.done) return { result: next.value, seen };
    seen.push(next.value);
    if (next.value.step === 'rollout' && !played) {
      played = true;
      await onRollout(`${target.endpoint}-${target.plan.endpoint!.versionName}`);
    }
  }
}

/** backendRef name → weight, as stored on the server. */
export async function routeWeights(kc: KubeConfig, namespace: string, endpoint: string): Promise<Record<string, number>> {
  const route = (await kc.makeApiClient(CustomObjectsApi).getNamespacedCustomObject({ group: 'gateway.networking.k8s.io', version: 'v1', plural: 'httproutes', namespace, name: endpoint })) as {
    spec: { rules: { backendRefs: { name: string; weight: number }[] }[] };
  };
  return Object.fromEntries(route.spec.rules[0].backendRefs.map((b) => [b.name, b.weight]));
}

export async function routeResourceVersion(kc: KubeConfig, namespace: string, endpoint: string): Promise<string> {
  const route = (await kc.makeApiClient(CustomObjectsApi).getNamespacedCustomObject({ group: 'gateway.networking.k8s.io', version: 'v1', plural: 'httproutes', namespace, name: endpoint })) as { metadata: { resourceVersion: string } };
  return route.metadata.resourceVersion;
}

export { waitFor };
