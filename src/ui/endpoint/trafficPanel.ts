// "Set Traffic…": a form with one percentage per version and a live traffic bar (computed in the webview by
// core/traffic.ts, as the engine does); Save applies all percentages in one change through setTraffic.
// The form follows the endpoint: a change made elsewhere is read and pushed to it; a re-shown form starts from
// the endpoint as last read (never from the state it opened with).
import type { TrafficContract, TrafficFormState } from '../../contract/traffic';
import type { EndpointModel } from '../../core/endpointModel';
import { kubeEngine } from '../engines';
import { describeService, kubeConfigFor, type ServiceRef } from '../kube/clusterRef';
import { resolveServiceRef, type ServiceArg } from '../kube/pickService';
import type { UiContext } from '../uiContext';
import { PanelHost } from '../webviews/panelHost';
import { endpointChanged, endpointKey as keyOf, onDidChangeEndpoint } from './endpointEvents';
import { shares } from './versionCommands';

const open = new Map<string, PanelHost<TrafficContract>>();

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
  // The endpoint as last read or saved: what every (re)load of the page starts from.
  let current = first;
  let focus = ref.version;
  const host: PanelHost<TrafficContract> = new PanelHost<TrafficContract>({
    extensionUri: ui.extension.extensionUri,
    viewType: 'aksModel.trafficForm',
    title: `Traffic: ${ref.serviceName}`,
    entry: 'traffic',
    log: ui.log,
    initialState: () => {
      const state = formState(endpoint, current, focus);
      focus = undefined;
      return state;
    },
    handlers: {
      save: async ({ percentiles }) => {
        const given = Object.fromEntries(Object.entries(percentiles).map(([k, v]) => [k, v ?? undefined]));
        const model = await engine.setTraffic(kc, { namespace: ref.namespace, endpoint: ref.serviceName }, given);
        current = model;
        const message = `Saved. Traffic: ${shares(model)}.`;
        ui.log.info(`[endpoint] traffic of ${describeService(endpoint)}: ${shares(model)}`);
        endpointChanged(ui, endpoint, host);
        return { state: formState(endpoint, model), message };
      },
      cancel: () => {
        host.panel.dispose();
        return null;
      },
    },
  });
  const followed = onDidChangeEndpoint(async (e) => {
    if (e.origin === host || keyOf(e.ref) !== keyOf(endpoint)) return;
    try {
      current = await engine.readEndpoint(kc, ref.namespace, ref.serviceName);
      host.post('changed', { state: formState(endpoint, current), message: `The endpoint changed elsewhere; now: ${shares(current)}.` });
    } catch (err) {
      ui.log.warn(`[endpoint] re-reading ${describeService(endpoint)} for its traffic form: ${err instanceof Error ? err.message : String(err)}`);
    }
  });
  open.set(keyOf(endpoint), host);
  host.panel.onDidDispose(() => {
    followed.dispose();
    open.delete(keyOf(endpoint));
  });
  return host;
}
