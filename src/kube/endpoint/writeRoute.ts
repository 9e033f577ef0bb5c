// The one way the route changes: validate the new version list with effectiveTraffic, refuse if a version that
// would gain traffic is not ready (the readiness gate), then one server-side apply of the HTTPRoute guarded by the
// resourceVersion that was read. Any refusal happens before the write, so the route stays as it was.
import type { KubeConfig } from '@kubernetes/client-node';
import type { GatewayRef } from '../../core/endpointModel';
import { effectiveTraffic, MAX_VERSIONS } from '../../core/traffic';
import { KubeDeployError } from '../deploy/errors';
import { type EndpointState, readinessOf } from './readEndpoint';
import { applyRoute, type AuthMode, authModeOf, gatewayOf, renderRoute, serverWeights, type VersionRecord } from './route';

export interface WriteOptions {
  /** Where the route attaches; default: where it is attached now. */
  gateway?: GatewayRef;
  /** Default: the route's current auth mode. */
  authMode?: AuthMode;
}

export class EndpointRefusal extends KubeDeployError {
  constructor(message: string) {
    super(message, 'invalid');
    this.name = 'EndpointRefusal';
  }
}

/** Validates a version list the way every change does; throws a refusal that says nothing was changed. */
export function validateVersions(endpoint: string, records: readonly VersionRecord[]): ReturnType<typeof effectiveTraffic> & { ok: true } {
  if (records.length > MAX_VERSIONS) {
    throw new EndpointRefusal(`Endpoint ${endpoint} already has ${MAX_VERSIONS} versions, the most one endpoint holds (as in Azure ML); delete one first. Nothing was changed.`);
  }
  const controls = records.filter((r) => r.isControl);
  if (controls.length > 1) {
    throw new EndpointRefusal(
      `Endpoint ${endpoint} can have one control only: ${controls.map((c) => c.name).join(' and ')} would both be. Mark ${controls[0].name} as a treatment first, or use "Promote to Control and Default". Nothing was changed.`,
    );
  }
  const traffic = effectiveTraffic(records);
  if (!traffic.ok) throw new EndpointRefusal(`Endpoint ${endpoint}: ${traffic.problems.join(' ')} Nothing was changed.`);
  return traffic;
}

/** Writes `records` (creation order) as the route. Returns the route's new resourceVersion. */
export async function writeRoute(kubeConfig: KubeConfig, state: EndpointState, records: readonly VersionRecord[], options: WriteOptions = {}): Promise<void> {
  const { endpoint, namespace } = state;
  const traffic = validateVersions(endpoint, records);
  const gateway = options.gateway ?? gatewayOf(state.route);
  if (!gateway) throw new EndpointRefusal(`Endpoint ${endpoint} has no route yet: pick the Gateway it attaches to. Nothing was changed.`);
  // Readiness gate: a version may gain traffic only once its rollout is complete.
  const before = serverWeights(state.route, endpoint);
  const unready = traffic.shares
    .filter((s) => s.weight > (before.get(s.name) ?? 0))
    .map((s) => ({ name: s.name, r: readinessOf(state.deployments.get(s.name)) }))
    .filter((x) => !x.r.isReady);
  if (unready.length > 0) {
    const list = unready.map((x) => `${x.name} (${x.r.ready}/${x.r.desired} ready)`).join(', ');
    throw new EndpointRefusal(`Traffic not changed: ${list} would gain traffic but ${unready.length === 1 ? 'is' : 'are'} not ready. Traffic moves to a version only when all its replicas are ready; wait for its rollout (or fix it) and try again.`);
  }
  // Store the default and the control explicitly, so the creation order only matters for the list's order.
  const normalized = records.map((r, i) => ({ ...r, isDefault: traffic.shares[i].isDefault, isControl: traffic.shares[i].role === 'control' }));
  const authMode = options.authMode ?? authModeOf(state.route) ?? 'none';
  await applyRoute(kubeConfig, renderRoute({ endpoint, namespace, gateway, authMode, records: normalized, shares: traffic.shares, resourceVersion: state.route?.metadata?.resourceVersion }));
}
