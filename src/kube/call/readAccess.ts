// Reads how a deployed service (or an endpoint, or one of its versions) is reached and authenticated: its Service(s),
// its Deployment (is the auth proxy in front?), its HTTPRoute and that route's Gateway. The result carries no secret.
import { ApiException, type KubeConfig, type V1Deployment, type V1Service } from '@kubernetes/client-node';
import { AUTH_PROXY_CONTAINER } from '../../core/manifests/workload';
import { serviceNames } from '../../core/manifests/names';
import { explainApiError, KubeDeployError } from '../deploy/errors';
import { kubeClients, type KubeClients } from '../deploy/kubeClients';
import { GATEWAY_GROUP, GATEWAY_VERSION } from '../endpoint/gatewayApi';
import { authModeOf, gatewayOf, type HttpRoute, parseRecords, readRoute, serverWeights, versionWorkload } from '../endpoint/route';
import {
  type AuthMode,
  clusterAddress,
  gatewayAddress,
  type GatewayAddressInfo,
  loadBalancerAddress,
  preferredAddress,
  type ScoringAddress,
  type ServicePortInfo,
  servicePortOf,
} from './scoringUri';

export interface AccessRef {
  readonly namespace: string;
  /** The service, or the endpoint when `version` is set or the name is an endpoint's. */
  readonly service: string;
  readonly version?: string;
}

/** One Kubernetes Service a call can go to (a single service, or one version of an endpoint). */
export interface Backend {
  readonly workload: string;
  readonly version?: string;
  readonly port: ServicePortInfo;
  /** The Service's pod selector. */
  readonly selector: Readonly<Record<string, string>>;
  /** The route's weight for this version (endpoints only). */
  readonly weight?: number;
}

export interface ServiceAccess {
  readonly namespace: string;
  readonly service: string;
  readonly version?: string;
  readonly isEndpoint: boolean;
  readonly authMode: AuthMode;
  /** Every address known: in-cluster ones (one per version for an endpoint), load balancer, gateway. */
  readonly addresses: readonly ScoringAddress[];
  /** The one to show and copy (external when there is one). */
  readonly scoringUri?: string;
  readonly swaggerUri?: string;
  /** Where calls can go through a port-forward. */
  readonly backends: readonly Backend[];
}

const isNotFound = (e: unknown) => e instanceof ApiException && e.code === 404;

async function readService(c: KubeClients, namespace: string, name: string): Promise<V1Service | undefined> {
  try {
    return await c.core.readNamespacedService({ namespace, name });
  } catch (e) {
    if (isNotFound(e)) return undefined;
    throw explainApiError(e, { verb: 'read', kind: 'Service', namespace });
  }
}

async function readDeployment(c: KubeClients, namespace: string, name: string): Promise<V1Deployment | undefined> {
  try {
    return await c.apps.readNamespacedDeployment({ namespace, name });
  } catch (e) {
    if (isNotFound(e)) return undefined;
    throw explainApiError(e, { verb: 'read', kind: 'Deployment', namespace });
  }
}

/** The Gateway's addresses and listeners; undefined when it cannot be read (not there, or not allowed). */
async function readGateway(c: KubeClients, namespace: string, name: string): Promise<GatewayAddressInfo | undefined> {
  try {
    const g = (await c.custom.getNamespacedCustomObject({ group: GATEWAY_GROUP, version: GATEWAY_VERSION, plural: 'gateways', namespace, name })) as {
      spec?: { listeners?: { protocol?: string; port?: number }[] };
      status?: { addresses?: { value?: string }[] };
    };
    return {
      addresses: (g.status?.addresses ?? []).map((a) => a.value ?? '').filter(Boolean),
      listeners: (g.spec?.listeners ?? []).map((l) => ({ protocol: l.protocol, port: l.port })),
    };
  } catch {
    return undefined;
  }
}

/** The route of a service or endpoint, when the Gateway API is there and one exists; never fails the read. */
async function routeOf(kc: KubeConfig, namespace: string, name: string): Promise<HttpRoute | undefined> {
  try {
    const r = await readRoute(kc, namespace, name);
    return r?.metadata?.labels?.['aksmodel.io/service'] === name ? r : undefined;
  } catch {
    return undefined;
  }
}

/** Key or token: the key Secrets exist only for key auth (token auth mints tokens on demand). */
async function authModeFor(c: KubeClients, deployment: V1Deployment | undefined, route: HttpRoute | undefined, owner: string, namespace: string): Promise<AuthMode> {
  const proxied = deployment?.spec?.template.spec?.containers.some((x) => x.name === AUTH_PROXY_CONTAINER) ?? false;
  if (!proxied) return 'none';
  const fromRoute = authModeOf(route);
  if (fromRoute && fromRoute !== 'none') return fromRoute;
  try {
    await c.core.readNamespacedSecret({ namespace, name: serviceNames(owner, namespace).keySecret.primary });
    return 'key';
  } catch (e) {
    if (isNotFound(e)) return 'token';
    // Not allowed to read Secrets: the caller cannot use a key either; say key so that the failure names it.
    return 'key';
  }
}

function backendOf(svc: V1Service, version?: string, weight?: number): Backend {
  return { workload: svc.metadata!.name!, version, port: servicePortOf(svc), selector: svc.spec?.selector ?? {}, ...(weight !== undefined ? { weight } : {}) };
}

export async function readServiceAccess(kc: KubeConfig, ref: AccessRef): Promise<ServiceAccess> {
  const c = kubeClients(kc);
  const { namespace, service, version } = ref;
  const route = await routeOf(kc, namespace, service);
  const { records } = parseRecords(route);
  const isEndpoint = version !== undefined || records.length > 0;
  const gatewayRef = gatewayOf(route);
  const gateway = gatewayRef ? await readGateway(c, gatewayRef.namespace, gatewayRef.name) : undefined;
  const pathPrefix = route?.spec?.rules?.[0]?.matches?.[0]?.path?.value ?? `/api/v1/service/${service}`;

  const addresses: ScoringAddress[] = [];
  const backends: Backend[] = [];
  let deployment: V1Deployment | undefined;
  if (isEndpoint) {
    const weights = serverWeights(route, service);
    const names = version ? [version] : records.map((r) => r.name);
    for (const v of names) {
      const svc = await readService(c, namespace, versionWorkload(service, v));
      if (!svc) {
        if (version) throw new KubeDeployError(`Version ${version} of endpoint ${service} is not deployed in namespace ${namespace}.`, 'notFound', 404);
        continue;
      }
      addresses.push(clusterAddress(svc, v));
      backends.push(backendOf(svc, v, weights.get(v)));
      deployment ??= await readDeployment(c, namespace, versionWorkload(service, v));
    }
    // A call to one version goes to it directly; the endpoint's own URI is the Gateway's.
    if (!version && gatewayRef) addresses.unshift(gatewayAddress(pathPrefix, gateway));
  } else {
    const svc = await readService(c, namespace, service);
    if (!svc) throw new KubeDeployError(`Service ${service} is not deployed in namespace ${namespace}.`, 'notFound', 404);
    deployment = await readDeployment(c, namespace, service);
    addresses.push(clusterAddress(svc));
    const lb = loadBalancerAddress(svc);
    if (lb) addresses.unshift(lb);
    if (gatewayRef) addresses.unshift(gatewayAddress(pathPrefix, gateway));
    backends.push(backendOf(svc));
  }
  if (backends.length === 0) throw new KubeDeployError(`Endpoint ${service} in namespace ${namespace} has no deployed version.`, 'notFound', 404);
  const authMode = await authModeFor(c, deployment, route, service, namespace);
  const best = preferredAddress(addresses);
  return { namespace, service, version, isEndpoint, authMode, addresses, scoringUri: best?.scoringUri, swaggerUri: best?.swaggerUri, backends };
}
