// "Set Traffic…": a form with one percentage per version and a live traffic bar (computed in the webview by
// core/traffic.ts, as the engine does); Save applies all percentages in one change through setTraffic.
import type { TrafficContract, TrafficFormState } from '../../contract/traffic';
import type { EndpointModel } from '../../core/endpointModel';
import { kubeEngine } from '../engines';
import { describeService, kubeConfigFor, type ServiceRef } from '../kube/clusterRef';
import { resolveServiceRef, type ServiceArg } from '../kube/pickService';
import type { UiContext } from '../uiContext';
import { PanelHost } from '../webviews/panelHost';
import { shares } from './versionCommands';

const open = new Map<string, PanelHost<TrafficContract>>();
const keyOf = (r: ServiceRef) => `${r.cluster.source}:${r.cluster.targetId}/${r.namespace}/${r.serviceName}`;

export function formState(ref: ServiceRef, model: EndpointModel, focus?: string): TrafficFormState {
  return {
    endpoint: model.endpoint,
    namespace: model.namespace,
    clusterLabel: ref.cluster.label,
    versions: model.versions.map((v) => ({ name: v.name, trafficPercentile: v.trafficPercentile, isDefault: v.isDefault, isControl: v.isControl, readiness: v.readiness })),
    unrouted: model.unrouted.map((u) => u.name),
    focus,
  };
}

export async function openTrafficForm(ui: UiContext, arg: ServiceArg): Promise<PanelHost<TrafficContract> | undefined> {
  const ref = await resolveServiceRef(ui, arg, { endpointsOnly: true });
  if (!ref) return undefined;
  const endpoint: ServiceRef = { ...ref, version: undefined };
  const existing = open.get(keyOf(endpoint));
  if (existing) {
    existing.panel.reveal();
    return existing;
  }
  const kc = kubeConfigFor(ui, ref.cluster);
  const engine = kubeEngine();
  const first = await engine.readEndpoint(kc, ref.namespace, ref.serviceName);
  if (!first.routed) throw new Error(`Endpoint ${ref.serviceName} has no route yet: deploy a version and wait until it is ready.`);
  const host: PanelHost<TrafficContract> = new PanelHost<TrafficContract>({
    extensionUri: ui.extension.extensionUri,
    viewType: 'aksModel.trafficForm',
    title: `Traffic: ${ref.serviceName}`,
    entry: 'traffic',
    log: ui.log,
    initialState: () => formState(endpoint, first, ref.version),
    handlers: {
      save: async ({ percentiles }) => {
        const given = Object.fromEntries(Object.entries(percentiles).map(([k, v]) => [k, v ?? undefined]));
        const model = await engine.setTraffic(kc, { namespace: ref.namespace, endpoint: ref.serviceName }, given);
        const message = `Saved. Traffic: ${shares(model)}.`;
        ui.log.info(`[endpoint] traffic of ${describeService(endpoint)}: ${shares(model)}`);
        ui.targets.refresh();
        return { state: formState(endpoint, model), message };
      },
      cancel: () => {
        host.panel.dispose();
        return null;
      },
    },
  });
  open.set(keyOf(endpoint), host);
  host.panel.onDidDispose(() => open.delete(keyOf(endpoint)));
  return host;
}
