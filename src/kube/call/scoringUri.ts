// Where a deployed service answers (v1's `service.scoring_uri` and `swagger_uri`), read from the objects the deploy
// rendered, never assumed: the scheme and port come from the Service's port (the auth proxy's when auth is on), the
// external addresses from a LoadBalancer Service's status and from the Gateway an HTTPRoute is attached to.
import type { V1Service, V1ServicePort } from '@kubernetes/client-node';

export type Exposure = 'cluster' | 'load-balancer' | 'gateway';
export type AuthMode = 'key' | 'token' | 'none';

export interface ScoringAddress {
  readonly exposure: Exposure;
  /** Unset while the address is not known yet (`waiting` says why). */
  readonly scoringUri?: string;
  readonly swaggerUri?: string;
  readonly waiting?: string;
  /** For an endpoint's in-cluster addresses: the version this one reaches directly. */
  readonly version?: string;
}

/** A Gateway as far as its address matters: status.addresses and the listeners' protocols and ports. */
export interface GatewayAddressInfo {
  readonly addresses: readonly string[];
  readonly listeners: readonly { readonly protocol?: string; readonly port?: number }[];
}

/** One Service's port: the one callers use (the rendered Service has exactly one). */
export interface ServicePortInfo {
  readonly scheme: 'http' | 'https';
  readonly port: number;
  /** A number, or the name of a container port. */
  readonly targetPort: number | string;
}

/**
 * http or https for a Service port: `appProtocol` first (the Kubernetes field for it), then the port name by the
 * Istio/Gateway convention (`https`, `https-…`, `http`, `h2c`…), then 443 means https. The auth proxy's port may
 * change from TLS to plain HTTP, so nothing here assumes which one it is.
 */
export function schemeOfPort(p: Pick<V1ServicePort, 'appProtocol' | 'name' | 'port'>): 'http' | 'https' {
  const app = p.appProtocol?.toLowerCase();
  if (app === 'https' || app === 'kubernetes.io/wss') return 'https';
  if (app === 'http' || app === 'kubernetes.io/h2c' || app === 'kubernetes.io/ws' || app === 'http2') return 'http';
  const name = p.name?.toLowerCase() ?? '';
  if (/^https($|-)/.test(name)) return 'https';
  if (/^(http|http2|h2c)($|-)/.test(name)) return 'http';
  return p.port === 443 ? 'https' : 'http';
}

export function servicePortOf(svc: V1Service): ServicePortInfo {
  const p = svc.spec?.ports?.[0];
  if (!p) throw new Error(`Service ${svc.metadata?.name ?? '?'} has no port.`);
  return { scheme: schemeOfPort(p), port: p.port, targetPort: p.targetPort ?? p.port };
}

/** `scheme://host[:port]path`, the port left out when it is the scheme's default. */
export function uriOf(scheme: 'http' | 'https', host: string, port: number | undefined, path: string): string {
  const h = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  const p = port === undefined || (scheme === 'http' && port === 80) || (scheme === 'https' && port === 443) ? '' : `:${port}`;
  return `${scheme}://${h}${p}${path}`;
}

const withPaths = (base: Omit<ScoringAddress, 'scoringUri' | 'swaggerUri'>, scheme: 'http' | 'https', host: string, port: number | undefined, prefix: string): ScoringAddress => ({
  ...base,
  scoringUri: uriOf(scheme, host, port, `${prefix}/score`),
  swaggerUri: uriOf(scheme, host, port, `${prefix}/swagger.json`),
});

/** The in-cluster address of a Service: `<svc>.<ns>.svc.cluster.local`, as pods in the cluster call it. */
export function clusterAddress(svc: V1Service, version?: string): ScoringAddress {
  const { scheme, port } = servicePortOf(svc);
  return withPaths({ exposure: 'cluster', ...(version ? { version } : {}) }, scheme, `${svc.metadata?.name}.${svc.metadata?.namespace}.svc.cluster.local`, port, '');
}

/** A LoadBalancer Service's address once the cloud assigned one (status.loadBalancer.ingress), else "waiting". */
export function loadBalancerAddress(svc: V1Service): ScoringAddress | undefined {
  if (svc.spec?.type !== 'LoadBalancer') return undefined;
  const ingress = svc.status?.loadBalancer?.ingress?.[0];
  const host = ingress?.ip || ingress?.hostname;
  if (!host) return { exposure: 'load-balancer', waiting: 'waiting for an address' };
  const { scheme, port } = servicePortOf(svc);
  return withPaths({ exposure: 'load-balancer' }, scheme, host, port, '');
}

/** The route's path prefix (v1's `/api/v1/service/<name>`) on its Gateway's first address and listener. */
export function gatewayAddress(pathPrefix: string, gateway: GatewayAddressInfo | undefined): ScoringAddress {
  const host = gateway?.addresses[0];
  if (!gateway) return { exposure: 'gateway', waiting: 'the Gateway cannot be read' };
  if (!host) return { exposure: 'gateway', waiting: 'waiting for the Gateway to get an address' };
  const https = gateway.listeners.find((l) => l.protocol?.toUpperCase() === 'HTTPS');
  const listener = https ?? gateway.listeners.find((l) => l.protocol?.toUpperCase() === 'HTTP') ?? gateway.listeners[0];
  const scheme = https ? 'https' : 'http';
  return withPaths({ exposure: 'gateway' }, scheme, host, listener?.port, pathPrefix.replace(/\/+$/, ''));
}

/** The URI to show first: an external one when the service has it, else the in-cluster one. */
export function preferredAddress(addresses: readonly ScoringAddress[]): ScoringAddress | undefined {
  const reachable = addresses.filter((a) => a.scoringUri);
  return reachable.find((a) => a.exposure !== 'cluster') ?? reachable.find((a) => !a.version) ?? reachable[0];
}
