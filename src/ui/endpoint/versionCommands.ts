// Make Default, Mark as Control / Treatment, Promote, Delete Version… on an endpoint version (tree node or palette
// pick). Each change is validated and readiness-gated by the engine; a refusal is the error message.
import * as vscode from 'vscode';
import type { EndpointModel } from '../../core/endpointModel';
import { kubeEngine } from '../engines';
import { describeService, kubeConfigFor, type ServiceRef } from '../kube/clusterRef';
import { resolveServiceRef, type ServiceArg } from '../kube/pickService';
import type { UiContext } from '../uiContext';
import { endpointChanged } from './endpointEvents';

export type VersionChange = 'makeDefault' | 'markControl' | 'markTreatment' | 'promote';

const DONE: Record<VersionChange, (v: string) => string> = {
  makeDefault: (v) => `${v} is now the default: it takes the traffic no version claims.`,
  markControl: (v) => `${v} is now the control.`,
  markTreatment: (v) => `${v} is now a treatment.`,
  promote: (v) => `${v} is now the control and the default.`,
};

export async function versionRef(ui: UiContext, arg: ServiceArg): Promise<(ServiceRef & { version: string }) | undefined> {
  const ref = await resolveServiceRef(ui, arg, { endpointsOnly: true, withVersion: true });
  if (!ref) return undefined;
  if (!ref.version) throw new Error(`Pick a version of ${ref.serviceName} (right-click a version in the Targets view).`);
  return ref as ServiceRef & { version: string };
}

export function shares(model: EndpointModel): string {
  return model.versions.map((v) => `${v.name} ${v.weight}%`).join(', ');
}

export async function changeVersion(ui: UiContext, arg: ServiceArg, change: VersionChange): Promise<EndpointModel | undefined> {
  const ref = await versionRef(ui, arg);
  if (!ref) return undefined;
  const kc = kubeConfigFor(ui, ref.cluster);
  const engine = kubeEngine();
  const endpoint = { namespace: ref.namespace, endpoint: ref.serviceName };
  const model = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: `Updating ${ref.serviceName}` }, () => engine[change](kc, endpoint, ref.version));
  ui.log.info(`[endpoint] ${change} ${describeService(ref)}: ${shares(model)}`);
  endpointChanged(ui, ref);
  void vscode.window.showInformationMessage(`${DONE[change](ref.version)} Traffic: ${shares(model)}.`);
  return model;
}

export async function deleteVersionCommand(ui: UiContext, arg: ServiceArg): Promise<boolean> {
  const ref = await versionRef(ui, arg);
  if (!ref) return false;
  const kc = kubeConfigFor(ui, ref.cluster);
  const engine = kubeEngine();
  const model = await engine.readEndpoint(kc, ref.namespace, ref.serviceName);
  const v = model.versions.find((x) => x.name === ref.version);
  const others = model.versions.filter((x) => x.name !== ref.version);
  let newDefault: string | undefined;
  if (v?.isDefault && others.length > 0) {
    // The engine refuses to delete the default while others exist; offer the successor here instead of failing.
    const pick = await vscode.window.showQuickPick(
      others.map((o) => ({ label: o.name, description: `${o.weight}% now · ${o.role} · ${o.readiness.ready}/${o.readiness.desired}`, name: o.name })),
      { title: `${ref.version} is the default of ${ref.serviceName}: which version becomes the default?`, ignoreFocusOut: true },
    );
    if (!pick) return false;
    newDefault = pick.name;
  }
  const last = model.versions.length + model.unrouted.length <= 1;
  const confirm = await vscode.window.showWarningMessage(
    `Delete version ${ref.version} of ${describeService({ ...ref, version: undefined })}?`,
    {
      modal: true,
      detail: last
        ? 'It is the last version: the endpoint goes with it (its route, keys and access rules). Callers get errors from then on.'
        : `The route stops sending it traffic first${newDefault ? ` and ${newDefault} becomes the default` : ''}; then its Deployment, Service and autoscaler are deleted. The endpoint's keys stay.`,
    },
    'Delete Version',
  );
  if (confirm !== 'Delete Version') return false;
  const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Deleting version ${ref.version} of ${ref.serviceName}` }, () =>
    engine.deleteVersion(kc, { namespace: ref.namespace, endpoint: ref.serviceName }, ref.version, { newDefault }),
  );
  ui.log.info(`[endpoint] deleted version ${describeService(ref)}: ${result.deleted.map((d) => `${d.kind} ${d.name}`).join(', ')}`);
  endpointChanged(ui, ref);
  void vscode.window.showInformationMessage(`Version ${ref.version} deleted.${result.model ? ` Traffic: ${shares(result.model)}.` : ` Endpoint ${ref.serviceName} is gone.`}`);
  return true;
}
