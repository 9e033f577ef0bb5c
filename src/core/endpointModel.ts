// What an endpoint with versions looks like to the UI and the CLI: plain data read from the cluster by
// src/kube/endpoint (readEndpoint), with the effective shares from core/traffic.ts. Pure: the tree, the CLI
// and the traffic webview format it without loading the kube engine.

export interface GatewayRef {
  readonly namespace: string;
  readonly name: string;
}

export interface VersionReadiness {
  /** Replicas of the current template that are available. */
  readonly ready: number;
  readonly desired: number;
  /** The rollout is complete (kubectl's rule) and at least one replica serves. */
  readonly isReady: boolean;
}

export interface EndpointVersionState {
  readonly name: string;
  /** What the version claims (unset: nothing; the default still takes the remainder). */
  readonly trafficPercentile?: number;
  readonly isDefault: boolean;
  readonly isControl: boolean;
  readonly role: 'control' | 'treatment';
  /** Effective share in whole percent (core/traffic.ts), what the HTTPRoute weight says. */
  readonly weight: number;
  /** The share before rounding. */
  readonly exact: number;
  readonly explanation: string;
  readonly readiness: VersionReadiness;
  /** The weight the route on the server carries for this version (differs only if someone edited the route). */
  readonly weightOnServer?: number;
}

export interface EndpointModel {
  readonly namespace: string;
  readonly endpoint: string;
  /** The HTTPRoute exists (it is written after the first version is ready). */
  readonly routed: boolean;
  readonly gateway?: GatewayRef;
  readonly authMode?: 'key' | 'token' | 'none';
  /** Versions in the route, in creation order. */
  readonly versions: readonly EndpointVersionState[];
  /** Versions deployed (a Deployment exists) but not in the route: a first rollout still running, or one that failed. */
  readonly unrouted: readonly { readonly name: string; readonly readiness: VersionReadiness }[];
  /** What the route says about its attachment to the Gateway (from the Gateway controller), when it says anything. */
  readonly attachment?: string;
  /** Things that look wrong (a route edited by hand, a version whose Deployment is gone). */
  readonly problems: readonly string[];
  /** The route's resourceVersion when read: a change writes only if nobody changed it meanwhile. */
  readonly resourceVersion?: string;
}

/** The tree's description of one version, e.g. `80% · control · default · 2/2`; `not routed · 0/1` for a version
 * that has no place in the route yet. */
export function endpointVersionDescription(model: EndpointModel, version: string): string {
  const v = model.versions.find((x) => x.name === version);
  if (v) {
    const parts = [`${v.weight}%`, v.role, ...(v.isDefault ? ['default'] : []), `${v.readiness.ready}/${v.readiness.desired}`];
    return parts.join(' · ');
  }
  const u = model.unrouted.find((x) => x.name === version);
  if (u) return `not routed · ${u.readiness.ready}/${u.readiness.desired}`;
  return '';
}

/** "namespace/name" → GatewayRef (a bare name means the endpoint's own namespace). */
export function parseGatewayRef(text: string, defaultNamespace: string): GatewayRef | undefined {
  const t = text.trim();
  const m = /^(?:([a-z0-9]([-a-z0-9]*[a-z0-9])?)\/)?([a-z0-9]([-.a-z0-9]*[a-z0-9])?)$/.exec(t);
  if (!m) return undefined;
  return { namespace: m[1] ?? defaultNamespace, name: m[3] };
}

export const formatGatewayRef = (g: GatewayRef): string => `${g.namespace}/${g.name}`;
