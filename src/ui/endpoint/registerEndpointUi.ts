// The endpoint part of the UI: the versions' descriptions in the Targets tree (its commands are in src/ui/commandRegistry.ts).
// Nothing here loads the kube engine at activation: it loads on the first command or the first endpoint expanded.
import { endpointVersionDescription, type EndpointModel } from '../../core/endpointModel';
import { kubeEngine } from '../engines';
import { kubeConfigFor, type ServiceRef } from '../kube/clusterRef';
import type { UiContext } from '../uiContext';

export { endpointVersionDescription };

/** Descriptions of an endpoint's versions for the tree, e.g. `80% · control · default · 2/2`. */
export async function describeEndpointVersions(ui: UiContext, endpoint: ServiceRef): Promise<ReadonlyMap<string, string>> {
  const kc = kubeConfigFor(ui, endpoint.cluster);
  const model: EndpointModel = await kubeEngine().readEndpoint(kc, endpoint.namespace, endpoint.serviceName);
  const names = [...model.versions.map((v) => v.name), ...model.unrouted.map((u) => u.name)];
  return new Map(names.map((n) => [n, endpointVersionDescription(model, n)]));
}

export function registerEndpointUi(ui: UiContext): void {
  ui.targets.setVersionDescriber((endpoint) => describeEndpointVersions(ui, endpoint));
}
