// Show Status: one webview panel per service, live from the engine's status watch (Deployment, HPA, pods, events).
// Snapshots are coalesced to at most 10 per second before they cross to the webview; the watch is aborted when
// the panel closes. A second Show Status on the same service reveals the panel it already has.
import * as vscode from 'vscode';
import type { ServiceStatusSnapshot } from '../../kube';
import type { StatusPanelContract, StatusUpdate } from '../../contract/statusPanel';
import { kubeEngine } from '../engines';
import { describeService, kubeConfigFor, type ServiceRef } from '../kube/clusterRef';
import { resolveServiceRef, type ServiceArg } from '../kube/pickService';
import { runCommand } from '../runCommand';
import type { UiContext } from '../uiContext';
import { PanelHost } from '../webviews/panelHost';
import { LatestThrottle, STATUS_POST_INTERVAL_MS } from './latestThrottle';
import { opsCommandIds } from './opsCommandIds';

export interface StatusPanel {
  readonly ref: ServiceRef;
  readonly host: PanelHost<StatusPanelContract>;
  /** The snapshot last sent to the webview (in its initial state or as an event). */
  lastPosted(): ServiceStatusSnapshot | undefined;
  /** Snapshots sent to the webview so far. */
  postedCount(): number;
  /** True until the panel closes (and its watch is aborted). */
  watching(): boolean;
  /** Resolves when the watch has ended. */
  readonly done: Promise<void>;
}

const open = new Map<string, StatusPanel>();
const key = (r: ServiceRef) => JSON.stringify([r.cluster.source, r.cluster.targetId, r.namespace, r.serviceName]);

export async function showStatus(ui: UiContext, arg: ServiceArg): Promise<StatusPanel | undefined> {
  const ref = await resolveServiceRef(ui, arg);
  if (!ref) return undefined;
  const existing = open.get(key(ref));
  if (existing) {
    existing.host.panel.reveal();
    return existing;
  }
  const kc = kubeConfigFor(ui, ref.cluster);
  const engine = kubeEngine();
  const abort = new AbortController();
  let latest: StatusUpdate | undefined;
  let sent: StatusUpdate | undefined;
  let posted = 0;
  let ready = false;
  let error: string | undefined;
  const host = new PanelHost<StatusPanelContract>({
    extensionUri: ui.extension.extensionUri,
    viewType: 'aksModel.statusPanel',
    title: `Status: ${ref.serviceName}`,
    entry: 'status',
    log: ui.log,
    latestOnly: ['status'],
    initialState: () => {
      if (latest && latest !== sent) posted += 1;
      sent = latest;
      return {
        service: ref.serviceName,
        namespace: ref.namespace,
        cluster: ref.cluster.label,
        ...(latest ? { update: latest } : {}),
        ...(error ? { error } : {}),
      };
    },
    handlers: {
      streamLogs: async () => {
        await vscode.commands.executeCommand(opsCommandIds.streamLogs, ref);
        return null;
      },
      getLogs: async () => {
        await vscode.commands.executeCommand(opsCommandIds.getLogs, ref);
        return null;
      },
    },
  });
  const throttle = new LatestThrottle<StatusUpdate>(STATUS_POST_INTERVAL_MS, (u) => {
    if (!ready || u === sent) return;
    sent = u;
    posted += 1;
    host.post('status', u);
  });
  void host.ready.then(() => {
    ready = true;
    // What arrived between the initial state and now.
    if (latest && latest !== sent) throttle.push(latest);
  });
  const watch = async () => {
    try {
      for await (const snapshot of engine.watchServiceStatus(kc, { namespace: ref.namespace, service: ref.serviceName, signal: abort.signal, logger: ui.log })) {
        latest = { snapshot, summary: engine.summaryLine(snapshot) };
        throttle.push(latest);
      }
    } catch (e) {
      if (abort.signal.aborted) return;
      error = `The status of ${ref.serviceName} cannot be watched: ${engine.kubeErrorLine(e)}`;
      if (ready) host.post('error', { message: error });
      throw new Error(error);
    }
  };
  const done = runCommand(ui.log, opsCommandIds.showStatus, watch).then(() => undefined);
  const panel: StatusPanel = {
    ref,
    host,
    lastPosted: () => sent?.snapshot,
    postedCount: () => posted,
    watching: () => !abort.signal.aborted,
    done,
  };
  open.set(key(ref), panel);
  host.panel.onDidDispose(() => {
    open.delete(key(ref));
    throttle.dispose();
    abort.abort();
    ui.log.info(`[status] closed the status of ${describeService(ref)}`);
  });
  ui.log.info(`[status] watching the status of ${describeService(ref)}`);
  return panel;
}

/** Closes every status panel (their watches stop). */
export function disposeStatusPanels(): void {
  for (const p of [...open.values()]) p.host.panel.dispose();
}
