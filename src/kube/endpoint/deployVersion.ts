// Deploys (or updates) one version of an endpoint: check the Gateway API and the version list first (nothing is
// applied if either fails), apply the version's objects like a single service, wait for its rollout with the
// existing watcher, and only then write the route. A failed rollout leaves the route as it was.
import type { KubeConfig } from '@kubernetes/client-node';
import type { EndpointModel, GatewayRef } from '../../core/endpointModel';
import { silentLogger } from '../../core/logger';
import { servicePort } from '../../core/manifests';
import { applyService, type ApplyResult, type DeployTarget } from '../deploy/apply';
import { podLogFetcher, type DeployOptions } from '../deploy/deploy';
import type { DeployProgress } from '../deploy/rollout';
import { watchRollout } from '../deploy/rollout';
import { serviceSelector, VERSION_LABEL } from '../labels';
import { checkGatewayApi } from './gatewayApi';
import { modelOf, readEndpointState } from './readEndpoint';
import { authModeOf, versionWorkload, type VersionRecord } from './route';
import { EndpointRefusal, validateVersions, writeRoute } from './writeRoute';

export interface EndpointDeployTarget extends Omit<DeployTarget, 'serviceName' | 'endpoint'> {
  /** The endpoint's name (the plan's serviceName); the version comes from plan.endpoint.versionName. */
  endpoint: string;
  /** Needed when the endpoint has no route yet; otherwise it moves the route to this Gateway. */
  gateway?: GatewayRef;
  /** is_default=True for this version (the first version is the default anyway). */
  isDefault?: boolean;
  /** is_control_version_type: true makes it the control, false a treatment; unset keeps what it was. */
  isControl?: boolean;
}

export type EndpointDeployProgress = DeployProgress | { step: 'route'; ready: number; desired: number; message: string };

export interface EndpointDeployResult extends ApplyResult {
  version: string;
  model: EndpointModel;
}

const DNS_1035 = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

export async function* deployEndpointVersion(
  kubeConfig: KubeConfig,
  target: EndpointDeployTarget,
  options: Omit<DeployOptions, 'dryRun'> = {},
): AsyncGenerator<EndpointDeployProgress, EndpointDeployResult, undefined> {
  const log = options.logger ?? silentLogger;
  const { endpoint, namespace, plan } = target;
  const version = plan.endpoint?.versionName;
  if (plan.computeType !== 'aksendpoint' || !version) throw new EndpointRefusal(`${endpoint} is not an endpoint version (computeType must be AKSENDPOINT). Nothing was changed.`);
  const workload = versionWorkload(endpoint, version);
  if (!DNS_1035.test(workload) || workload.length > 63) {
    throw new EndpointRefusal(`The version's objects would be named "${workload}": it must be at most 63 lowercase letters, digits and "-", starting with a letter. Shorten the endpoint or version name. Nothing was changed.`);
  }
  // 1. Everything that can refuse, before anything is applied.
  await checkGatewayApi(kubeConfig);
  const before = await readEndpointState(kubeConfig, namespace, endpoint);
  if (!before.route && !target.gateway) throw new EndpointRefusal(`Endpoint ${endpoint} has no route yet: pick the Gateway it attaches to (a setting per target, or --gateway namespace/name). Nothing was changed.`);
  const authMode = plan.auth.mode;
  const routeAuth = authModeOf(before.route);
  const otherVersions = before.records.filter((r) => r.name !== version);
  if (routeAuth && routeAuth !== authMode && otherVersions.length > 0) {
    throw new EndpointRefusal(`Endpoint ${endpoint} uses ${routeAuth} auth and its versions share keys and tokens; this version's config asks for ${authMode} auth. Set the same authEnabled/tokenAuthEnabled as the other versions. Nothing was changed.`);
  }
  // The version's own Service port (80: plain HTTP through the auth proxy, or the model without auth).
  const versionPort = servicePort(plan, { ...target, serviceName: workload, endpoint, exposure: undefined, tls: undefined }).port;
  const next = nextRecords(before.records, version, target, plan.endpoint?.trafficPercentile, versionPort);
  validateVersions(endpoint, next);

  // 2. The version's objects, like a single service, labelled with the endpoint and the version.
  const result = await applyService(kubeConfig, { ...target, serviceName: workload, endpoint }, { signal: options.signal, logger: options.logger });
  for (const [i, a] of result.applied.entries()) yield { step: 'apply', ready: i + 1, desired: result.applied.length, message: `applied ${a.kind} ${a.name}` };

  // 3. Its rollout; a failure throws here, before the route is touched.
  yield* watchRollout(kubeConfig, {
    serviceName: endpoint,
    deploymentName: workload,
    podSelector: `${serviceSelector(endpoint)},${VERSION_LABEL}=${version}`,
    namespace,
    signal: options.signal,
    timeoutMs: options.timeoutMs,
    fetchLogs: options.fetchLogs ?? podLogFetcher(kubeConfig, namespace),
    isUpdate: result.isUpdate,
    logger: options.logger,
  });

  // 4. The route, from a fresh read (another change may have happened while we waited).
  const fresh = await readEndpointState(kubeConfig, namespace, endpoint);
  const records = nextRecords(fresh.records, version, target, plan.endpoint?.trafficPercentile, versionPort);
  await writeRoute(kubeConfig, fresh, records, { gateway: target.gateway, authMode });
  const model = modelOf(await readEndpointState(kubeConfig, namespace, endpoint));
  const share = model.versions.find((v) => v.name === version);
  const message = `route: ${model.versions.map((v) => `${v.name} ${v.weight}%`).join(', ')}`;
  log.info(`endpoint ${namespace}/${endpoint}: ${message}`);
  yield { step: 'route', ready: share?.weight ?? 0, desired: 100, message };
  return { ...result, version, model };
}

/** The version list with this version added (at the end: creation order) or updated in place. */
function nextRecords(records: readonly VersionRecord[], version: string, target: EndpointDeployTarget, trafficPercentile: number | undefined, port: number): VersionRecord[] {
  const existing = records.find((r) => r.name === version);
  const updated: VersionRecord = {
    name: version,
    // An update without trafficPercentile in the file keeps the version's current one (v1's update_version did).
    trafficPercentile: trafficPercentile ?? existing?.trafficPercentile,
    isDefault: existing?.isDefault,
    isControl: target.isControl ?? existing?.isControl,
    port,
  };
  let next = existing ? records.map((r) => (r.name === version ? updated : { ...r })) : [...records.map((r) => ({ ...r })), updated];
  if (target.isDefault) next = next.map((r) => ({ ...r, isDefault: r.name === version }));
  return next;
}
