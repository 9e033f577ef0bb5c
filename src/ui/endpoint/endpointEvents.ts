// One place that says "this endpoint changed" (traffic saved, a version added, deleted, promoted…). The Targets tree
// re-reads only that endpoint's cluster (its watch keeps running; other clusters are untouched), and an open
// Set Traffic… form for the endpoint shows the new shares.
import * as vscode from 'vscode';
import type { ServiceRef } from '../kube/clusterRef';
import type { UiContext } from '../uiContext';

export interface EndpointChange {
  readonly ref: ServiceRef;
  /** Who made the change (a form does not tell itself about its own save). */
  readonly origin?: unknown;
}

const emitter = new vscode.EventEmitter<EndpointChange>();
export const onDidChangeEndpoint = emitter.event;

export function endpointChanged(ui: UiContext, ref: ServiceRef, origin?: unknown): void {
  ui.targets.refreshCluster(ref.cluster);
  emitter.fire({ ref: { ...ref, version: undefined }, origin });
}

export const endpointKey = (r: ServiceRef): string => JSON.stringify([r.cluster.source, r.cluster.targetId, r.namespace, r.serviceName]);
