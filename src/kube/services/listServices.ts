// The services this extension deployed on a cluster, found by label (ARCHITECTURE.md, "The cluster side"): every
// Deployment labelled managed-by=aks-model-deploy, across the namespaces the user may list.
import { ApiException, type KubeConfig, type V1Deployment } from '@kubernetes/client-node';
import { MANAGED_BY_LABEL, MANAGED_BY_VALUE, SERVICE_LABEL, VERSION_LABEL } from '../labels';
import { kubeClients } from '../deploy/kubeClients';
import { explainApiError } from '../deploy/errors';

export interface DeployedService {
  readonly namespace: string;
  readonly serviceName: string;
  /** Endpoint versions (empty for a single service). */
  readonly versions: readonly string[];
}

export interface ListServicesResult {
  readonly services: readonly DeployedService[];
  /** Set when the cluster-wide list was refused and only this namespace could be read. */
  readonly onlyNamespace?: string;
}

const selector = `${MANAGED_BY_LABEL}=${MANAGED_BY_VALUE}`;

/** Groups labelled Deployments into services (and endpoint versions), sorted by namespace then name. */
export function servicesFromDeployments(deployments: readonly V1Deployment[]): DeployedService[] {
  const byKey = new Map<string, { namespace: string; serviceName: string; versions: Set<string> }>();
  for (const d of deployments) {
    const labels = d.metadata?.labels ?? {};
    const serviceName = labels[SERVICE_LABEL];
    const namespace = d.metadata?.namespace ?? 'default';
    if (!serviceName) continue;
    const key = `${namespace}/${serviceName}`;
    const entry = byKey.get(key) ?? { namespace, serviceName, versions: new Set<string>() };
    const version = labels[VERSION_LABEL];
    if (version) entry.versions.add(version);
    byKey.set(key, entry);
  }
  return [...byKey.values()]
    .map((e) => ({ namespace: e.namespace, serviceName: e.serviceName, versions: [...e.versions].sort() }))
    .sort((a, b) => a.namespace.localeCompare(b.namespace) || a.serviceName.localeCompare(b.serviceName));
}

/** Lists across all namespaces; when that is forbidden, lists `fallbackNamespace` only (and says so). */
export async function listServices(kubeConfig: KubeConfig, fallbackNamespace: string): Promise<ListServicesResult> {
  const apps = kubeClients(kubeConfig).apps;
  try {
    const all = await apps.listDeploymentForAllNamespaces({ labelSelector: selector });
    return { services: servicesFromDeployments(all.items) };
  } catch (e) {
    if (!(e instanceof ApiException && e.code === 403)) throw explainApiError(e, { verb: 'list', kind: 'Deployment' });
  }
  try {
    const one = await apps.listNamespacedDeployment({ namespace: fallbackNamespace, labelSelector: selector });
    return { services: servicesFromDeployments(one.items), onlyNamespace: fallbackNamespace };
  } catch (e) {
    throw explainApiError(e, { verb: 'list', kind: 'Deployment', namespace: fallbackNamespace });
  }
}
