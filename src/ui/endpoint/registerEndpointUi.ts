// The endpoint part of the UI: its commands (tree and palette) and the versions' descriptions in the Targets tree.
// Nothing here loads the kube engine at activation: it loads on the first command or the first endpoint expanded.
import * as vscode from 'vscode';
import { endpointVersionDescription, type EndpointModel } from '../../core/endpointModel';
import { kubeEngine } from '../engines';
import { clusterCommands } from '../lazyCommandsLoader';
import { kubeConfigFor, type ServiceRef } from '../kube/clusterRef';
import type { ServiceArg } from '../kube/pickService';
import { runCommand } from '../runCommand';
import type { UiContext } from '../uiContext';
import { type EndpointCommandId, endpointCommandIds } from './endpointCommandIds';

export { endpointVersionDescription };

type Handler = (ui: UiContext, arg?: ServiceArg, ...rest: never[]) => unknown;

const table: Record<EndpointCommandId, Handler> = {
  [endpointCommandIds.addVersion]: (ui, arg, folder?: vscode.Uri) => clusterCommands().addVersion(ui, arg, folder),
  [endpointCommandIds.setTraffic]: (ui, arg) => clusterCommands().openTrafficForm(ui, arg),
  [endpointCommandIds.makeDefault]: (ui, arg) => clusterCommands().changeVersion(ui, arg, 'makeDefault'),
  [endpointCommandIds.markControl]: (ui, arg) => clusterCommands().changeVersion(ui, arg, 'markControl'),
  [endpointCommandIds.markTreatment]: (ui, arg) => clusterCommands().changeVersion(ui, arg, 'markTreatment'),
  [endpointCommandIds.promote]: (ui, arg) => clusterCommands().changeVersion(ui, arg, 'promote'),
  [endpointCommandIds.deleteVersion]: (ui, arg) => clusterCommands().deleteVersionCommand(ui, arg),
};

/** Descriptions of an endpoint's versions for the tree, e.g. `80% · control · default · 2/2`. */
export async function describeEndpointVersions(ui: UiContext, endpoint: ServiceRef): Promise<ReadonlyMap<string, string>> {
  const kc = kubeConfigFor(ui, endpoint.cluster);
  const model: EndpointModel = await kubeEngine().readEndpoint(kc, endpoint.namespace, endpoint.serviceName);
  const names = [...model.versions.map((v) => v.name), ...model.unrouted.map((u) => u.name)];
  return new Map(names.map((n) => [n, endpointVersionDescription(model, n)]));
}

export function registerEndpointUi(ui: UiContext): void {
  for (const [id, handler] of Object.entries(table) as [EndpointCommandId, Handler][]) {
    ui.extension.subscriptions.push(vscode.commands.registerCommand(id, (...args: never[]) => runCommand(ui.log, id, () => handler(ui, ...args))));
  }
  ui.targets.setVersionDescriber((endpoint) => describeEndpointVersions(ui, endpoint));
}
