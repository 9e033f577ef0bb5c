// The endpoint's HTTPRoute: its weighted backendRefs carry the effective shares, and its annotations carry the
// per-version settings (percentile, default, control, creation order), so one object is the single source of
// truth and one write changes weights and settings together (DECISIONS.md).
import { ApiException, PatchStrategy, type KubeConfig, type KubernetesObject } from '@kubernetes/client-node';
import type { GatewayRef } from '../../core/endpointModel';
import { scoringPathPrefix } from '../../core/manifests/exposure';
import type { EndpointVersion, TrafficShare } from '../../core/traffic';
import { explainApiError } from '../deploy/errors';
import { kubeClients } from '../deploy/kubeClients';
import { FIELD_MANAGER, serviceLabels } from '../labels';
import { GATEWAY_GROUP, GATEWAY_VERSION, HTTP_ROUTES } from './gatewayApi';

export const VERSIONS_ANNOTATION = 'aksmodel.io/versions';
export const AUTH_ANNOTATION = 'aksmodel.io/auth';

/** One version as the route's annotation stores it, in creation order. */
export interface VersionRecord extends EndpointVersion {
  /** The version Service's port (80; 443 for versions deployed before the auth proxy served plain HTTP). */
  port: number;
}

export type AuthMode = 'key' | 'token' | 'none';

export interface HttpRoute extends KubernetesObject {
  metadata?: KubernetesObject['metadata'];
  spec?: {
    parentRefs?: { group?: string; kind?: string; namespace?: string; name: string }[];
    rules?: {
      matches?: { path?: { type?: string; value?: string } }[];
      filters?: { type: string; urlRewrite?: { path?: { type: string; replacePrefixMatch?: string } } }[];
      backendRefs?: { group?: string; kind?: string; name: string; port?: number; weight?: number }[];
    }[];
  };
  status?: { parents?: { conditions?: { type?: string; status?: string; reason?: string; message?: string }[] }[] };
}

/** The object names of a version: Deployment, Service, HPA, ServiceAccount. */
export const versionWorkload = (endpoint: string, version: string): string => `${endpoint}-${version}`;

export { scoringPathPrefix };

export function renderRoute(input: {
  endpoint: string;
  namespace: string;
  gateway: GatewayRef;
  authMode: AuthMode;
  records: readonly VersionRecord[];
  shares: readonly TrafficShare[];
  resourceVersion?: string;
}): HttpRoute {
  const { endpoint, namespace } = input;
  return {
    apiVersion: `${GATEWAY_GROUP}/${GATEWAY_VERSION}`,
    kind: 'HTTPRoute',
    metadata: {
      name: endpoint,
      namespace,
      labels: serviceLabels(endpoint),
      annotations: { [VERSIONS_ANNOTATION]: JSON.stringify(input.records.map(compactRecord)), [AUTH_ANNOTATION]: input.authMode },
      // Server-side apply with a resourceVersion is a precondition: a change computed from an older read fails (409).
      ...(input.resourceVersion ? { resourceVersion: input.resourceVersion } : {}),
    },
    spec: {
      parentRefs: [{ group: GATEWAY_GROUP, kind: 'Gateway', namespace: input.gateway.namespace, name: input.gateway.name }],
      rules: [
        {
          matches: [{ path: { type: 'PathPrefix', value: scoringPathPrefix(endpoint) } }],
          filters: [{ type: 'URLRewrite', urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/' } } }],
          backendRefs: input.records.map((r, i) => ({ group: '', kind: 'Service', name: versionWorkload(endpoint, r.name), port: r.port, weight: input.shares[i].weight })),
        },
      ],
    },
  };
}

function compactRecord(r: VersionRecord): VersionRecord {
  return {
    name: r.name,
    ...(r.trafficPercentile !== undefined ? { trafficPercentile: r.trafficPercentile } : {}),
    ...(r.isDefault ? { isDefault: true } : {}),
    ...(r.isControl ? { isControl: true } : {}),
    port: r.port,
  };
}

/** The records an annotation holds; problems instead of a throw, so a hand-edited route still shows. */
export function parseRecords(route: HttpRoute | undefined): { records: VersionRecord[]; problems: string[] } {
  const text = route?.metadata?.annotations?.[VERSIONS_ANNOTATION];
  if (!route || text === undefined) return { records: [], problems: route ? [`The HTTPRoute has no ${VERSIONS_ANNOTATION} annotation (was it made by hand?).`] : [] };
  try {
    const raw = JSON.parse(text) as unknown;
    if (!Array.isArray(raw)) throw new Error('not a list');
    const records = raw.map((r: Partial<VersionRecord>) => {
      if (typeof r?.name !== 'string') throw new Error('a version without a name');
      return { name: r.name, trafficPercentile: typeof r.trafficPercentile === 'number' ? r.trafficPercentile : undefined, isDefault: r.isDefault === true, isControl: r.isControl === true, port: typeof r.port === 'number' ? r.port : 80 };
    });
    return { records, problems: [] };
  } catch (e) {
    return { records: [], problems: [`The HTTPRoute's ${VERSIONS_ANNOTATION} annotation cannot be read (${e instanceof Error ? e.message : String(e)}).`] };
  }
}

export function gatewayOf(route: HttpRoute | undefined): GatewayRef | undefined {
  const p = route?.spec?.parentRefs?.[0];
  return p ? { namespace: p.namespace ?? route?.metadata?.namespace ?? 'default', name: p.name } : undefined;
}

export function authModeOf(route: HttpRoute | undefined): AuthMode | undefined {
  const a = route?.metadata?.annotations?.[AUTH_ANNOTATION];
  return a === 'key' || a === 'token' || a === 'none' ? a : undefined;
}

/** Weights on the server, by version name. */
export function serverWeights(route: HttpRoute | undefined, endpoint: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const b of route?.spec?.rules?.[0]?.backendRefs ?? []) {
    if (b.name.startsWith(`${endpoint}-`)) out.set(b.name.slice(endpoint.length + 1), b.weight ?? 1);
  }
  return out;
}

export async function readRoute(kubeConfig: KubeConfig, namespace: string, endpoint: string): Promise<HttpRoute | undefined> {
  try {
    return (await kubeClients(kubeConfig).custom.getNamespacedCustomObject({ ...HTTP_ROUTES, namespace, name: endpoint })) as HttpRoute;
  } catch (e) {
    if (e instanceof ApiException && e.code === 404) return undefined;
    throw explainApiError(e, { verb: 'read', kind: 'HTTPRoute', namespace });
  }
}

export async function applyRoute(kubeConfig: KubeConfig, route: HttpRoute): Promise<HttpRoute> {
  try {
    return (await kubeClients(kubeConfig).objects.patch(route, undefined, undefined, FIELD_MANAGER, true, PatchStrategy.ServerSideApply)) as HttpRoute;
  } catch (e) {
    throw explainApiError(e, { verb: 'update', kind: 'HTTPRoute', namespace: route.metadata?.namespace });
  }
}
