// The Gateway API on a cluster: is it there (discovery of gateway.networking.k8s.io/v1 httproutes), and which
// Gateways can an endpoint's HTTPRoute attach to.
import { ApiException, type KubeConfig } from '@kubernetes/client-node';
import type { GatewayRef } from '../../core/endpointModel';
import { explainApiError, KubeDeployError } from '../deploy/errors';
import { kubeClients } from '../deploy/kubeClients';

export const GATEWAY_GROUP = 'gateway.networking.k8s.io';
export const GATEWAY_VERSION = 'v1';
export const HTTP_ROUTES = { group: GATEWAY_GROUP, version: GATEWAY_VERSION, plural: 'httproutes' } as const;
const GATEWAYS = { group: GATEWAY_GROUP, version: GATEWAY_VERSION, plural: 'gateways' } as const;

export const NO_GATEWAY_API_MESSAGE =
  'This cluster has no Gateway API (HTTPRoute, gateway.networking.k8s.io/v1), which an endpoint needs to split traffic ' +
  'between its versions. Nothing was changed. On AKS, enable the application routing add-on with Gateway API, or the ' +
  'Istio service mesh add-on (az aks mesh enable) with the Gateway API CRDs, and create a Gateway; on another cluster, ' +
  'install the standard-channel CRDs of kubernetes-sigs/gateway-api and a Gateway implementation.';

/** Resolves when the cluster serves HTTPRoutes at gateway.networking.k8s.io/v1; throws NO_GATEWAY_API_MESSAGE otherwise. */
export async function checkGatewayApi(kubeConfig: KubeConfig): Promise<void> {
  let resources: string[];
  try {
    const list = await kubeClients(kubeConfig).custom.getAPIResources({ group: GATEWAY_GROUP, version: GATEWAY_VERSION });
    resources = list.resources.map((r) => r.name);
  } catch (e) {
    if (e instanceof ApiException && e.code === 404) throw new KubeDeployError(NO_GATEWAY_API_MESSAGE, 'notFound', 404);
    throw explainApiError(e, { verb: 'discover', kind: 'Gateway API' });
  }
  if (!resources.includes('httproutes')) throw new KubeDeployError(NO_GATEWAY_API_MESSAGE, 'notFound', 404);
}

export interface GatewayInfo extends GatewayRef {
  readonly className: string;
  /** "name protocol/port" per listener. */
  readonly listeners: readonly string[];
  /** The Gateway's Programmed condition, when its controller reports one. */
  readonly programmed?: boolean;
}

interface GatewayObject {
  metadata?: { name?: string; namespace?: string };
  spec?: { gatewayClassName?: string; listeners?: { name?: string; protocol?: string; port?: number }[] };
  status?: { conditions?: { type?: string; status?: string }[] };
}

/** Every Gateway the user may list (all namespaces; `fallbackNamespace` alone when that is forbidden). */
export async function listGateways(kubeConfig: KubeConfig, fallbackNamespace = 'default'): Promise<{ gateways: GatewayInfo[]; onlyNamespace?: string }> {
  await checkGatewayApi(kubeConfig);
  const custom = kubeClients(kubeConfig).custom;
  let items: GatewayObject[];
  let onlyNamespace: string | undefined;
  try {
    items = ((await custom.listClusterCustomObject({ ...GATEWAYS })) as { items: GatewayObject[] }).items;
  } catch (e) {
    if (!(e instanceof ApiException && e.code === 403)) throw explainApiError(e, { verb: 'list', kind: 'Gateway' });
    try {
      items = ((await custom.listNamespacedCustomObject({ ...GATEWAYS, namespace: fallbackNamespace })) as { items: GatewayObject[] }).items;
      onlyNamespace = fallbackNamespace;
    } catch (e2) {
      throw explainApiError(e2, { verb: 'list', kind: 'Gateway', namespace: fallbackNamespace });
    }
  }
  const gateways = items
    .map((g): GatewayInfo => {
      const programmed = g.status?.conditions?.find((c) => c.type === 'Programmed');
      return {
        namespace: g.metadata?.namespace ?? '',
        name: g.metadata?.name ?? '',
        className: g.spec?.gatewayClassName ?? '',
        listeners: (g.spec?.listeners ?? []).map((l) => `${l.name} ${l.protocol}/${l.port}`),
        programmed: programmed ? programmed.status === 'True' : undefined,
      };
    })
    .sort((a, b) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name));
  return { gateways, onlyNamespace };
}
