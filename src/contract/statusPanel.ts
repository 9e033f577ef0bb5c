// The autoscaling status panel's contract. The host runs the status watch (src/kube/status) and pushes immutable
// snapshots, coalesced; the webview only draws them. The snapshot type is the core's (src/core/serviceStatus.ts),
// the one the engine builds and the CLI's `status` prints, so the panel shows exactly what the CLI shows; a contract
// imports core types only (docs/ARCHITECTURE.md).
import type { ServiceStatusSnapshot } from '../core/serviceStatus';

export type { EventInfo, PendingPod, ReplicaInfo, ReplicaPoint, ScalingCondition, ServiceStatusSnapshot } from '../core/serviceStatus';

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
