// With auth on, the scoring port must be reachable only through the auth proxy: the proxy talks to the model over
// the pod's loopback (which no NetworkPolicy filters), so other pods may reach the proxy's ports and nothing else.
// Derived from the rendered Deployment (its selector and the proxy container's ports), never from fixed numbers.
import type { V1Deployment, V1NetworkPolicy } from '@kubernetes/client-node';
import type { DeploymentPlan } from '../plan';
import type { ServiceNames } from './names';
import type { RenderInput } from './types';
import { AUTH_PROXY_CONTAINER } from './workload';

export function networkPolicy(plan: DeploymentPlan, input: RenderInput, names: ServiceNames, deployment: V1Deployment): V1NetworkPolicy | undefined {
  if (plan.auth.mode === 'none') return undefined;
  const proxy = deployment.spec?.template.spec?.containers.find((c) => c.name === AUTH_PROXY_CONTAINER);
  const ports = (proxy?.ports ?? []).map((p) => ({ port: p.containerPort, protocol: p.protocol ?? 'TCP' }));
  if (ports.length === 0) throw new Error('the auth proxy container has no port to allow');
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: names.workload, namespace: input.namespace, labels: { ...deployment.metadata!.labels! } },
    spec: {
      podSelector: { matchLabels: { ...deployment.spec!.selector.matchLabels! } },
      policyTypes: ['Ingress'],
      // From anywhere, but only to the proxy: the scoring port and any other port of the pod are closed to the
      // network. Kubelet probes come from the node, which CNIs with a policy engine let through.
      ingress: [{ ports }],
    },
  };
}
