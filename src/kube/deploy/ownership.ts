// "Ours" for anything a deploy removes by its derived name (issue 19): a user's own `<svc>-client`, `<svc>-auth-proxy`
// or `<svc>-caller` may exist with exactly that name, so a name is never enough. An object is this service's only
// when it carries our labels for this service AND our field manager wrote it; a ClusterRoleBinding (cluster-scoped,
// shared by all namespaces) must also bind this namespace's workload account.
import type { KubernetesObject, V1ClusterRoleBinding } from '@kubernetes/client-node';
import { FIELD_MANAGER, MANAGED_BY_LABEL, MANAGED_BY_VALUE, SERVICE_LABEL } from '../labels';

/** Why `obj` is not `service`'s (undefined when it is). */
export function notOursBecause(obj: KubernetesObject, service: string): string | undefined {
  const labels = obj.metadata?.labels ?? {};
  if (labels[MANAGED_BY_LABEL] !== MANAGED_BY_VALUE || labels[SERVICE_LABEL] !== service) return `it does not carry the labels ${MANAGED_BY_LABEL}=${MANAGED_BY_VALUE},${SERVICE_LABEL}=${service}`;
  if (!(obj.metadata?.managedFields ?? []).some((f) => f.manager === FIELD_MANAGER)) return `it was not written by the field manager ${FIELD_MANAGER}`;
  return undefined;
}

/** A ClusterRoleBinding is this service's when it is ours by labels and manager and binds `workload` in `namespace`. */
export function delegatorNotOursBecause(crb: V1ClusterRoleBinding, service: string, workload: string, namespace: string): string | undefined {
  const why = notOursBecause(crb, service);
  if (why) return why;
  const binds = (crb.subjects ?? []).some((s) => s.kind === 'ServiceAccount' && s.name === workload && s.namespace === namespace);
  return binds ? undefined : `it binds another namespace's account`;
}
