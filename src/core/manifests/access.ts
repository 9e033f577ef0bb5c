// The objects behind auth (ARCHITECTURE.md "The cluster side"): callers present a ServiceAccount token of
// `<svc>-client`; kube-rbac-proxy in the pod checks it with TokenReview (audience-bound) and authorizes it
// with a SubjectAccessReview for `services/proxy` of this one Service, which a Role grants to the client only.
import type { V1ClusterRoleBinding, V1ConfigMap, V1Role, V1RoleBinding, V1Secret, V1ServiceAccount } from '@kubernetes/client-node';
import { stringify } from 'yaml';
import { serviceLabels } from './labels';
import type { DeploymentPlan } from '../plan';
import { AUTH_PROXY_CONFIG_FILE, KEY_NAMES, type ServiceNames } from './names';
import type { RenderInput } from './types';

/** Objects of this workload (for an endpoint: of this version). */
const meta = (name: string, input: RenderInput, plan: DeploymentPlan) => ({
  name,
  namespace: input.namespace,
  labels: serviceLabels(input.endpoint ?? input.serviceName, plan.endpoint?.versionName),
});

/** Objects an endpoint's versions share (caller identity, its Role, the keys): no version label, so deleting one
 * version never takes them. A single service labels them like the rest. */
const sharedMeta = (name: string, input: RenderInput, plan: DeploymentPlan) =>
  input.endpoint ? { name, namespace: input.namespace, labels: serviceLabels(input.endpoint) } : meta(name, input, plan);

export function serviceAccounts(plan: DeploymentPlan, input: RenderInput, names: ServiceNames): { pod: V1ServiceAccount; client?: V1ServiceAccount } {
  // The pod's own account never needs an API token mounted when auth is off; with auth the proxy needs it.
  const pod: V1ServiceAccount = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta(names.workload, input, plan), automountServiceAccountToken: plan.auth.mode !== 'none' };
  if (plan.auth.mode === 'none') return { pod };
  const client: V1ServiceAccount = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: sharedMeta(names.client, input, plan), automountServiceAccountToken: false };
  return { pod, client };
}

/** Empty key Secrets: the key (a token bound to the Secret's uid) is written into them after creation. */
export function keySecrets(plan: DeploymentPlan, input: RenderInput, names: ServiceNames): V1Secret[] {
  if (plan.auth.mode !== 'key') return [];
  return KEY_NAMES.map((k) => ({ apiVersion: 'v1', kind: 'Secret', type: 'Opaque', metadata: sharedMeta(names.keySecret[k], input, plan) }));
}

export function authProxyConfig(plan: DeploymentPlan, input: RenderInput, names: ServiceNames): V1ConfigMap | undefined {
  if (plan.auth.mode === 'none') return undefined;
  const config = {
    authorization: {
      resourceAttributes: { namespace: input.namespace, apiVersion: 'v1', resource: 'services', subresource: 'proxy', name: names.authzName },
    },
  };
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta(names.authProxyConfig, input, plan), data: { [AUTH_PROXY_CONFIG_FILE]: stringify(config) } };
}

export function callerRbac(plan: DeploymentPlan, input: RenderInput, names: ServiceNames): { role: V1Role; binding: V1RoleBinding; delegator: V1ClusterRoleBinding } | undefined {
  if (plan.auth.mode === 'none') return undefined;
  const role: V1Role = {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'Role',
    metadata: sharedMeta(names.callerRole, input, plan),
    // kube-rbac-proxy maps GET to "get" and POST to "create"; /score takes both.
    rules: [{ apiGroups: [''], resources: ['services/proxy'], resourceNames: [names.authzName], verbs: ['get', 'create'] }],
  };
  const binding: V1RoleBinding = {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: sharedMeta(names.callerRole, input, plan),
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: names.callerRole },
    subjects: [{ kind: 'ServiceAccount', name: names.client, namespace: input.namespace }],
  };
  const { namespace: _ns, ...clusterMeta } = meta(names.authDelegator, input, plan);
  void _ns;
  const delegator: V1ClusterRoleBinding = {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: clusterMeta,
    // The built-in role for exactly this: create TokenReviews and SubjectAccessReviews.
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'system:auth-delegator' },
    subjects: [{ kind: 'ServiceAccount', name: names.workload, namespace: input.namespace }],
  };
  return { role, binding, delegator };
}
