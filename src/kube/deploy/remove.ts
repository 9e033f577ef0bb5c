// Delete exactly one service's objects: those carrying its labels, found by label selector kind by kind, and
// nothing else (no namespace, no other service's objects, no unlabelled objects).
import { ApiException, type KubeConfig, type KubernetesObject } from '@kubernetes/client-node';
import { silentLogger, type Logger } from '../../core/logger';
import { serviceNames } from '../../core/manifests';
import { MANAGED_BY_LABEL, MANAGED_BY_VALUE, SERVICE_LABEL, serviceSelector, VERSION_LABEL } from '../labels';
import { explainApiError, throwIfAborted } from './errors';
import type { ServiceRef } from './keys';
import { kubeClients } from './kubeClients';
import { delegatorNotOursBecause } from './ownership';

/** The kinds a deploy creates (ReplicaSets and Pods go with their Deployment through garbage collection). */
const NAMESPACED_KINDS: readonly { apiVersion: string; kind: string }[] = [
  { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler' },
  { apiVersion: 'v1', kind: 'Service' },
  { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy' },
  { apiVersion: 'apps/v1', kind: 'Deployment' },
  { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding' },
  { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role' },
  { apiVersion: 'v1', kind: 'ConfigMap' },
  { apiVersion: 'v1', kind: 'Secret' },
  { apiVersion: 'v1', kind: 'ServiceAccount' },
];

export interface DeletedObject {
  kind: string;
  name: string;
  namespace?: string;
}

const HTTP_ROUTE = { group: 'gateway.networking.k8s.io', version: 'v1', plural: 'httproutes' };

/** Deletes a service, or a whole endpoint (every version, its shared auth objects and its HTTPRoute). */
export async function deleteService(kubeConfig: KubeConfig, ref: ServiceRef, options: { signal?: AbortSignal; logger?: Logger } = {}): Promise<DeletedObject[]> {
  const deleted = await deleteLabelled(kubeConfig, ref, undefined, options);
  const route = await deleteOwnRoute(kubeConfig, ref, options.logger ?? silentLogger);
  return route ? [...deleted, route] : deleted;
}

/** One endpoint version's own objects (label aksmodel.io/version); the endpoint's shared objects and route stay. */
export async function deleteVersionObjects(kubeConfig: KubeConfig, ref: ServiceRef, version: string, options: { signal?: AbortSignal; logger?: Logger } = {}): Promise<DeletedObject[]> {
  return deleteLabelled(kubeConfig, ref, version, options);
}

/** The endpoint's HTTPRoute, only when it carries our labels; a cluster without the Gateway API has none. */
async function deleteOwnRoute(kubeConfig: KubeConfig, ref: ServiceRef, log: Logger): Promise<DeletedObject | undefined> {
  const custom = kubeClients(kubeConfig).custom;
  const name = ref.serviceName;
  try {
    const route = (await custom.getNamespacedCustomObject({ ...HTTP_ROUTE, namespace: ref.namespace, name })) as KubernetesObject;
    const labels = route.metadata?.labels ?? {};
    if (labels[MANAGED_BY_LABEL] !== MANAGED_BY_VALUE || labels[SERVICE_LABEL] !== ref.serviceName) return undefined;
    await custom.deleteNamespacedCustomObject({ ...HTTP_ROUTE, namespace: ref.namespace, name });
    log.info(`deleted HTTPRoute ${ref.namespace}/${name}`);
    return { kind: 'HTTPRoute', name, namespace: ref.namespace };
  } catch (e) {
    if (e instanceof ApiException && e.code === 404) return undefined;
    throw explainApiError(e, { verb: 'delete', kind: 'HTTPRoute', namespace: ref.namespace });
  }
}

async function deleteLabelled(kubeConfig: KubeConfig, ref: ServiceRef, version: string | undefined, options: { signal?: AbortSignal; logger?: Logger }): Promise<DeletedObject[]> {
  const log = options.logger ?? silentLogger;
  const c = kubeClients(kubeConfig);
  const selector = `${serviceSelector(ref.serviceName)}${version ? `,${VERSION_LABEL}=${version}` : ''}`;
  const found: KubernetesObject[] = [];
  for (const k of NAMESPACED_KINDS) {
    throwIfAborted(options.signal);
    try {
      const list = await c.objects.list(k.apiVersion, k.kind, ref.namespace, undefined, undefined, undefined, undefined, selector);
      for (const o of list.items) found.push({ ...o, apiVersion: k.apiVersion, kind: k.kind });
    } catch (e) {
      throw explainApiError(e, { verb: 'list', kind: k.kind, namespace: ref.namespace });
    }
  }
  // Cluster-scoped: the same service name may live in other namespaces, so the binding must bind this namespace's
  // workload account as well as carry the labels (its name, hashed or from before the hash, is not relied on). An
  // endpoint version's workload is `<endpoint>-<version>`.
  const workloadOf = (v: string | undefined) => (v ? `${ref.serviceName}-${v}` : ref.serviceName);
  const delegator = serviceNames(workloadOf(version), ref.namespace).authDelegator;
  try {
    const crbs = await c.rbac.listClusterRoleBinding({ labelSelector: selector });
    for (const o of crbs.items) {
      if (!delegatorNotOursBecause(o, ref.serviceName, workloadOf(o.metadata?.labels?.[VERSION_LABEL]), ref.namespace)) found.push({ ...o, apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding' });
    }
  } catch (e) {
    // Without cluster-wide list rights the namespaced objects still go; say what stayed behind.
    if (!(e instanceof ApiException && e.code === 403)) throw explainApiError(e, { verb: 'list', kind: 'ClusterRoleBinding' });
    log.warn(`cannot list ClusterRoleBindings; ${delegator} (if any) is left for a cluster admin to delete`);
  }
  const deleted: DeletedObject[] = [];
  for (const o of found) {
    throwIfAborted(options.signal);
    const d = { kind: o.kind!, name: o.metadata!.name!, namespace: o.metadata?.namespace };
    try {
      await c.objects.delete({ apiVersion: o.apiVersion, kind: o.kind, metadata: { name: d.name, namespace: d.namespace } }, undefined, undefined, undefined, undefined, 'Background');
      deleted.push(d);
      log.info(`deleted ${d.kind} ${d.namespace ? `${d.namespace}/` : ''}${d.name}`);
    } catch (e) {
      if (!(e instanceof ApiException && e.code === 404)) throw explainApiError(e, { verb: 'delete', kind: d.kind, namespace: d.namespace });
    }
  }
  return deleted;
}
