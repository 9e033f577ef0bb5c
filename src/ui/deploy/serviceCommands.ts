// Keys, token and delete on a deployed service (tree node or palette pick). Secrets go to the clipboard only:
// never to the log, a message or a webview.
import * as vscode from 'vscode';
import { kubeEngine } from '../engines';
import { describeService, kubeConfigFor, type ServiceRef } from '../kube/clusterRef';
import { resolveServiceRef, type ServiceArg } from '../kube/pickService';
import type { UiContext } from '../uiContext';

type KeyName = 'primary' | 'secondary';

const engineRef = (ref: ServiceRef) => ({ serviceName: ref.serviceName, namespace: ref.namespace });

export async function copyKey(ui: UiContext, arg: ServiceArg, which: KeyName): Promise<void> {
  const ref = await resolveServiceRef(ui, arg);
  if (!ref) return;
  const keys = await kubeEngine().readKeys(kubeConfigFor(ui, ref.cluster), engineRef(ref));
  await vscode.env.clipboard.writeText(keys[which]);
  ui.log.info(`[keys] copied the ${which} key of ${describeService(ref)} to the clipboard`);
  void vscode.window.showInformationMessage(`The ${which} key of ${ref.serviceName} is on the clipboard. Send it as "Authorization: Bearer <key>".`);
}

export async function regenerateKey(ui: UiContext, arg: ServiceArg): Promise<void> {
  const ref = await resolveServiceRef(ui, arg);
  if (!ref) return;
  const picked = await vscode.window.showQuickPick(
    [{ label: 'Primary key', which: 'primary' as const }, { label: 'Secondary key', which: 'secondary' as const }],
    { placeHolder: `Which key of ${ref.serviceName} should be regenerated?` },
  );
  if (!picked) return;
  const confirm = await vscode.window.showWarningMessage(
    `Regenerate the ${picked.which} key of ${describeService(ref)}?`,
    { modal: true, detail: 'The old key stops working at once (the cluster may accept it for a few more seconds while its authentication cache expires). Callers using it must switch to the new key.' },
    'Regenerate',
  );
  if (confirm !== 'Regenerate') return;
  const kc = kubeConfigFor(ui, ref.cluster);
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Regenerating the ${picked.which} key of ${ref.serviceName}` }, () =>
    kubeEngine().regenerateKey(kc, engineRef(ref), picked.which),
  );
  ui.log.info(`[keys] regenerated the ${picked.which} key of ${describeService(ref)}`);
  const copy = await vscode.window.showInformationMessage(`The ${picked.which} key of ${ref.serviceName} was regenerated; the old one stops working within about 2 minutes (the auth proxy caches key checks that long).`, 'Copy New Key');
  if (copy) await copyKey(ui, ref, picked.which);
}

export async function copyToken(ui: UiContext, arg: ServiceArg): Promise<void> {
  const ref = await resolveServiceRef(ui, arg);
  if (!ref) return;
  const token = await kubeEngine().getToken(kubeConfigFor(ui, ref.cluster), engineRef(ref));
  await vscode.env.clipboard.writeText(token.token);
  const refreshBy = token.refreshBy.toLocaleString();
  ui.log.info(`[keys] copied a token of ${describeService(ref)}; refresh_by ${token.refreshBy.toISOString()}`);
  void vscode.window.showInformationMessage(`A token for ${ref.serviceName} is on the clipboard. refresh_by: ${refreshBy} — get a new one before then.`);
}

export async function deleteService(ui: UiContext, arg: ServiceArg): Promise<void> {
  const ref = await resolveServiceRef(ui, arg);
  if (!ref) return;
  const confirm = await vscode.window.showWarningMessage(
    `Delete ${ref.serviceName} from namespace ${ref.namespace} on ${ref.cluster.label}?`,
    { modal: true, detail: 'Every object labelled as this service (all its versions, keys, autoscaler, access rules) is deleted; the namespace and anything else stay. Callers get errors from then on.' },
    'Delete',
  );
  if (confirm !== 'Delete') return;
  const kc = kubeConfigFor(ui, ref.cluster);
  const deleted = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Deleting ${ref.serviceName}`, cancellable: true },
    (_progress, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      return kubeEngine().deleteService(kc, engineRef(ref), { signal: abort.signal });
    },
  );
  for (const d of deleted) ui.log.info(`[delete] deleted ${d.kind} ${d.name} of ${describeService(ref)}`);
  void vscode.window.showInformationMessage(deleted.length ? `Deleted ${ref.serviceName}: ${deleted.length} objects.` : `Nothing of ${ref.serviceName} was left to delete.`);
}
