// readEndpoint: the route (settings and weights) plus each version's Deployment (readiness), as one model whose
// shares come from core/traffic.ts, the same function every change and the traffic form use.
import type { KubeConfig, V1Deployment } from '@kubernetes/client-node';
import type { EndpointModel, EndpointVersionState, VersionReadiness } from '../../core/endpointModel';
import { effectiveTraffic } from '../../core/traffic';
import { explainApiError } from '../deploy/errors';
import { kubeClients } from '../deploy/kubeClients';
import { progressOf } from '../deploy/rollout';
import { serviceSelector, VERSION_LABEL } from '../labels';
import { authModeOf, gatewayOf, type HttpRoute, parseRecords, readRoute, serverWeights, type VersionRecord } from './route';

/** What a change starts from: the route as read, its records, and each version's Deployment. */
export interface EndpointState {
  namespace: string;
  endpoint: string;
  route?: HttpRoute;
  records: VersionRecord[];
  deployments: Map<string, V1Deployment>;
  problems: string[];
}

export function readinessOf(d: V1Deployment | undefined): VersionReadiness {
  if (!d) return { ready: 0, desired: 0, isReady: false };
  const p = progressOf(d);
  return { ready: p.ready, desired: p.desired, isReady: p.done && p.ready > 0 };
}

export async function readEndpointState(kubeConfig: KubeConfig, namespace: string, endpoint: string): Promise<EndpointState> {
  const route = await readRoute(kubeConfig, namespace, endpoint);
  const { records, problems } = parseRecords(route);
  const deployments = new Map<string, V1Deployment>();
  try {
    const list = await kubeClients(kubeConfig).apps.listNamespacedDeployment({ namespace, labelSelector: serviceSelector(endpoint) });
    for (const d of list.items) {
      const v = d.metadata?.labels?.[VERSION_LABEL];
      if (v) deployments.set(v, d);
    }
  } catch (e) {
    throw explainApiError(e, { verb: 'list', kind: 'Deployment', namespace });
  }
  return { namespace, endpoint, route, records, deployments, problems };
}

export function modelOf(state: EndpointState): EndpointModel {
  const problems = [...state.problems];
  const onServer = serverWeights(state.route, state.endpoint);
  let versions: EndpointVersionState[] = [];
  if (state.records.length > 0) {
    const traffic = effectiveTraffic(state.records);
    if (!traffic.ok) problems.push(...traffic.problems);
    else {
      versions = state.records.map((r, i): EndpointVersionState => {
        const s = traffic.shares[i];
        const readiness = readinessOf(state.deployments.get(r.name));
        if (!state.deployments.has(r.name)) problems.push(`Version ${r.name} is in the route but its Deployment is gone.`);
        const weightOnServer = onServer.get(r.name);
        if (weightOnServer !== s.weight) problems.push(`The route gives ${r.name} weight ${weightOnServer ?? 'none'}, not ${s.weight} (edited by hand?); the next change rewrites it.`);
        return { name: r.name, trafficPercentile: r.trafficPercentile, isDefault: s.isDefault, isControl: s.role === 'control', role: s.role, weight: s.weight, exact: s.exact, explanation: s.explanation, readiness, weightOnServer };
      });
    }
  }
  const routed = new Set(state.records.map((r) => r.name));
  const unrouted = [...state.deployments.keys()]
    .filter((v) => !routed.has(v))
    .sort()
    .map((name) => ({ name, readiness: readinessOf(state.deployments.get(name)) }));
  const parent = state.route?.status?.parents?.[0]?.conditions?.find((c) => c.type === 'Accepted');
  return {
    namespace: state.namespace,
    endpoint: state.endpoint,
    routed: !!state.route,
    gateway: gatewayOf(state.route),
    authMode: authModeOf(state.route),
    versions,
    unrouted,
    attachment: parent ? `${parent.status === 'True' ? 'accepted' : 'not accepted'} by the Gateway${parent.reason ? ` (${parent.reason})` : ''}` : undefined,
    problems,
    resourceVersion: state.route?.metadata?.resourceVersion,
  };
}

/** The endpoint as the tree, the CLI and the traffic form show it. */
export async function readEndpoint(kubeConfig: KubeConfig, namespace: string, endpoint: string): Promise<EndpointModel> {
  return modelOf(await readEndpointState(kubeConfig, namespace, endpoint));
}
