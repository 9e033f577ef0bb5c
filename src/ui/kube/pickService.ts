// Resolves the service a command acts on: the tree node it was invoked on, or — from the palette — a pick of the
// cluster, then of the services this extension deployed there.
import * as vscode from 'vscode';
import { kubeEngine } from '../engines';
import type { UiContext } from '../uiContext';
import { type ClusterRef, defaultNamespace, kubeConfigFor, type ServiceRef } from './clusterRef';
import { UiError } from '../uiError';

/** Anything carrying a ServiceRef (a tree node, a webview message) or a ServiceRef itself. */
export type ServiceArg = ServiceRef | { readonly ref: ServiceRef } | undefined;

const isServiceRef = (a: unknown): a is ServiceRef =>
  !!a && typeof a === 'object' && 'cluster' in a && 'serviceName' in a && 'namespace' in a;

export async function pickCluster(ui: UiContext, placeHolder = 'Pick a cluster'): Promise<ClusterRef | undefined> {
  const clusters: ClusterRef[] = [];
  for (const node of await ui.targets.getChildren()) {
    if (node.kind === 'cluster') clusters.push({ source: node.source, targetId: node.target.id, label: node.target.label });
  }
  if (clusters.length === 0) throw new UiError('noCluster', 'No cluster to pick: add a context to your kubeconfig, or use an AKS cluster from the Azure view as a target.');
  const picked = await vscode.window.showQuickPick(
    clusters.map((c) => ({ label: c.label, description: c.source === 'azure-aks' ? 'AKS' : 'kubeconfig', cluster: c })),
    { placeHolder, ignoreFocusOut: true },
  );
  return picked?.cluster;
}

/** `endpointsOnly`: only endpoints with versions; `withVersion`: then pick one version too. */
export async function resolveServiceRef(ui: UiContext, arg: ServiceArg, options: { endpointsOnly?: boolean; withVersion?: boolean } = {}): Promise<ServiceRef | undefined> {
  if (isServiceRef(arg)) return arg;
  if (arg && typeof arg === 'object' && 'ref' in arg && isServiceRef(arg.ref)) return arg.ref;
  const cluster = await pickCluster(ui);
  if (!cluster) return undefined;
  const kc = kubeConfigFor(ui, cluster);
  const { services, onlyNamespace } = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: `Listing services on ${cluster.label}` },
    () => kubeEngine().listServices(kc, defaultNamespace(kc)),
  );
  const candidates = options.endpointsOnly ? services.filter((s) => s.versions.length > 0) : services;
  if (candidates.length === 0) {
    throw new Error(`No ${options.endpointsOnly ? 'endpoint' : 'service'} deployed by this extension on ${cluster.label}${onlyNamespace ? ` in namespace ${onlyNamespace} (you may not list other namespaces)` : ''}.`);
  }
  const service = await vscode.window.showQuickPick(
    candidates.map((s) => ({ label: s.serviceName, description: s.namespace, detail: s.versions.length ? `endpoint · versions ${s.versions.join(', ')}` : undefined, s })),
    { placeHolder: `Pick a ${options.endpointsOnly ? 'endpoint' : 'service'} on ${cluster.label}`, ignoreFocusOut: true },
  );
  if (!service) return undefined;
  const ref: ServiceRef = { cluster, namespace: service.s.namespace, serviceName: service.s.serviceName };
  if (!options.withVersion || service.s.versions.length === 0) return ref;
  const version = await vscode.window.showQuickPick(service.s.versions, { placeHolder: `Pick a version of ${ref.serviceName}`, ignoreFocusOut: true });
  return version ? { ...ref, version } : undefined;
}
