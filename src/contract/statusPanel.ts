// The autoscaling status panel's contract. The host runs the status watch (src/kube/status) and pushes immutable
// snapshots, coalesced; the webview only draws them. The snapshot type is the engine's own (a type import: nothing
// of the engine reaches the webview bundle), so the panel shows exactly what the CLI's `status` shows.
import type { ServiceStatusSnapshot } from '../kube/status/model';

export type { EventInfo, PendingPod, ReplicaInfo, ReplicaPoint, ServiceStatusSnapshot } from '../kube/status/model';
export type { ScalingCondition } from '../kube/status/conditions';

export interface StatusUpdate {
  readonly snapshot: ServiceStatusSnapshot;
  /** The tree node's one-liner (summaryLine), computed by the host. */
  readonly summary: string;
}

export interface StatusPanelState {
  readonly service: string;
  readonly namespace: string;
  /** The cluster's label (context or AKS cluster name); never a server address or credential. */
  readonly cluster: string;
  /** The latest snapshot when the panel (re)loads; absent until the watches have listed. */
  readonly update?: StatusUpdate;
  readonly error?: string;
}

export interface StatusPanelContract {
  initialState: StatusPanelState;
  requests: {
    streamLogs: { params: null; result: null };
    getLogs: { params: null; result: null };
  };
  events: {
    status: StatusUpdate;
    /** The watch stopped for good (refused credentials or rights): one clear line. */
    error: { message: string };
  };
}
