// Where a deployed single service can be called, read from its Service (and HTTPRoute): the exposure, the scheme
// (the Service port's name says it: http or https), and for a load balancer the address the cloud assigned — or
// "waiting for an address" until status.loadBalancer.ingress has one.
import { ApiException, type KubeConfig, type V1Service } from '@kubernetes/client-node';
import type { ExposureKind } from '../../core/manifests';
import { scoringPathPrefix } from '../../core/manifests';
import { explainApiError } from '../deploy/errors';
import { kubeClients } from '../deploy/kubeClients';

export const WAITING_FOR_ADDRESS = 'waiting for an address';

export interface ServiceExposureState {
  readonly kind: ExposureKind;
  readonly scheme: 'http' | 'https';
  /** The Service's port (what a port-forward to the Service targets). */
  readonly port: number;
  /** load-balancer: the assigned IP or host name, once there. */
  readonly address?: string;
  /** load-balancer: true until the cloud assigned an address. */
  readonly waiting: boolean;
  /** gateway: the Gateway the route attaches to, and the path prefix on it. */
  readonly gateway?: { readonly namespace: string; readonly name: string };
  readonly pathPrefix?: string;
  /** The scoring URI, when it is known from the cluster objects alone (load balancer with an address). */
  readonly scoringUri?: string;
  /** One line for a tree row or `status`. */
  readonly text: string;
}

interface RouteLike {
  spec?: { parentRefs?: { namespace?: string; name: string }[]; hostnames?: string[] };
  metadata?: { namespace?: string };
}

/** Pure: the state from the Service and, for the gateway exposure, its HTTPRoute. */
export function exposureStateOf(service: V1Service, route?: RouteLike): ServiceExposureState {
  const p = service.spec?.ports?.[0];
  const scheme = p?.name === 'https' ? 'https' : 'http';
  const port = p?.port ?? 80;
  const name = service.metadata?.name ?? '';
  if (service.spec?.type === 'LoadBalancer') {
    const ingress = service.status?.loadBalancer?.ingress?.[0];
    const address = ingress?.ip ?? ingress?.hostname;
    const internal = service.metadata?.annotations?.['service.beta.kubernetes.io/azure-load-balancer-internal'] === 'true';
    const kind = internal ? 'internal load balancer' : 'load balancer';
    if (!address) return { kind: 'load-balancer', scheme, port, waiting: true, text: `${kind}: ${WAITING_FOR_ADDRESS}` };
    const defaultPort = (scheme === 'https' && port === 443) || (scheme === 'http' && port === 80);
    const scoringUri = `${scheme}://${address}${defaultPort ? '' : `:${port}`}/score`;
    return { kind: 'load-balancer', scheme, port, address, waiting: false, scoringUri, text: `${kind}: ${scoringUri}` };
  }
  const parent = route?.spec?.parentRefs?.[0];
  if (parent) {
    const gateway = { namespace: parent.namespace ?? route?.metadata?.namespace ?? 'default', name: parent.name };
    const host = route?.spec?.hostnames?.[0];
    const pathPrefix = scoringPathPrefix(name);
    return { kind: 'gateway', scheme, port, waiting: false, gateway, pathPrefix, text: `gateway ${gateway.namespace}/${gateway.name}: ${host ? `https://${host}` : ''}${pathPrefix}/score` };
  }
  return { kind: 'cluster', scheme, port, waiting: false, text: `inside the cluster (${scheme}, port ${port})` };
}

/** Reads the Service and its HTTPRoute (when the cluster has the Gateway API). */
export async function readServiceExposure(kubeConfig: KubeConfig, namespace: string, serviceName: string): Promise<ServiceExposureState> {
  const c = kubeClients(kubeConfig);
  let service: V1Service;
  try {
    service = await c.core.readNamespacedService({ name: serviceName, namespace });
  } catch (e) {
    throw explainApiError(e, { verb: 'read', kind: 'Service', namespace });
  }
  let route: RouteLike | undefined;
  if (service.spec?.type !== 'LoadBalancer') {
    try {
      route = (await c.custom.getNamespacedCustomObject({ group: 'gateway.networking.k8s.io', version: 'v1', plural: 'httproutes', namespace, name: serviceName })) as RouteLike;
    } catch (e) {
      // No route, or no Gateway API on this cluster: the service is reachable inside the cluster only.
      if (!(e instanceof ApiException && e.code === 404)) throw explainApiError(e, { verb: 'read', kind: 'HTTPRoute', namespace });
    }
  }
  return exposureStateOf(service, route);
}
