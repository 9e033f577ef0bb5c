// Send Test Request, Copy Scoring URI and the row tooltip for a deployed service, an endpoint or one version (in
// dist/commands.js). The call goes through the kube engine's port-forward with the key or token added there: the
// secret never reaches this file's messages, the log or the result view.
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import type { CallResult, ServiceAccess } from '../../kube';
import { kubeEngine } from '../engines';
import { describeService, kubeConfigFor, type ServiceRef } from '../kube/clusterRef';
import { resolveServiceRef, type ServiceArg } from '../kube/pickService';
import type { UiContext } from '../uiContext';
import { formatTestReport } from './testReport';

const accessRef = (ref: ServiceRef) => ({ namespace: ref.namespace, service: ref.serviceName, version: ref.version });

export async function readAccess(ui: UiContext, ref: ServiceRef): Promise<ServiceAccess> {
  return kubeEngine().readServiceAccess(kubeConfigFor(ui, ref.cluster), accessRef(ref));
}

/** The folder's sample-request.json when a workspace model folder deploys this service, else a file the user picks. */
async function requestBodyFile(ui: UiContext, ref: ServiceRef): Promise<string | undefined> {
  const folders = await ui.localModels.modelFolders();
  const byName = folders.filter((f) => path.basename(f.folder) === ref.serviceName || path.basename(f.folder) === ref.version);
  for (const f of byName.length ? byName : folders.length === 1 ? folders : []) {
    const sample = path.join(f.folder, 'sample-request.json');
    if (fs.existsSync(sample)) return sample;
  }
  const picked = await vscode.window.showOpenDialog({
    defaultUri: folders[0] ? vscode.Uri.file(folders[0].folder) : undefined,
    filters: { JSON: ['json'] },
    openLabel: 'Send This Body',
    title: `Request body for ${ref.serviceName}`,
  });
  return picked?.[0]?.fsPath;
}

export interface DeployedTestRequest {
  readonly report: string;
  readonly result: CallResult;
}

export async function deployedTestRequest(ui: UiContext, arg: ServiceArg): Promise<DeployedTestRequest | undefined> {
  const ref = await resolveServiceRef(ui, arg);
  if (!ref) return undefined;
  const bodyFile = await requestBodyFile(ui, ref);
  if (!bodyFile) return undefined;
  const body = fs.readFileSync(bodyFile, 'utf8');
  const kc = kubeConfigFor(ui, ref.cluster);
  const sentAt = new Date();
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Sending a test request to ${ref.serviceName}${ref.version ? `/${ref.version}` : ''}`, cancellable: true },
    (_p, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      return kubeEngine().callService(kc, { ...accessRef(ref), body, signal: abort.signal }, { logger: ui.log });
    },
  );
  const report = formatTestReport({
    target: `POST ${result.scoringUri ?? `${ref.serviceName}/score`}`,
    bodyFile: path.basename(bodyFile),
    sentAt,
    status: result.status,
    latencyMs: result.latencyMs,
    error: result.error,
    notes: [
      `via ${result.via}${result.version ? `; version ${result.version}${ref.version ? '' : ' (picked by the route\'s weights)'}` : ''}; auth: ${result.authMode}`,
    ],
    headers: result.headers,
    body: result.body,
    json: result.json,
  });
  ui.log.info(`[call] test request to ${describeService(ref)}: ${result.status || 'no answer'} in ${result.latencyMs} ms`);
  return { report, result };
}

export async function copyScoringUri(ui: UiContext, arg: ServiceArg): Promise<string | undefined> {
  const ref = await resolveServiceRef(ui, arg);
  if (!ref) return undefined;
  const access = await readAccess(ui, ref);
  const uri = access.scoringUri;
  if (!uri) {
    const waiting = access.addresses.find((a) => a.waiting)?.waiting ?? 'no address yet';
    throw new Error(`${ref.serviceName} has no scoring URI yet: ${waiting}.`);
  }
  await vscode.env.clipboard.writeText(uri);
  const inCluster = access.addresses.find((a) => a.scoringUri === uri)?.exposure === 'cluster';
  void vscode.window.showInformationMessage(
    `Copied ${uri}${inCluster ? ' (reachable inside the cluster; Send Test Request reaches it from here through a port-forward)' : ''}.`,
  );
  return uri;
}

/** The tooltip lines of a service/endpoint/version row: scoring URI (or why there is none yet) and auth. */
export async function scoringTooltip(ui: UiContext, ref: ServiceRef): Promise<string> {
  const a = await readAccess(ui, ref);
  const lines = [`Scoring URI: ${a.scoringUri ?? a.addresses.find((x) => x.waiting)?.waiting ?? 'none yet'}`];
  for (const x of a.addresses) if (x.waiting && x.exposure !== 'cluster') lines.push(`${x.exposure}: ${x.waiting}`);
  lines.push(`Auth: ${a.authMode}`);
  return lines.join('\n');
}
