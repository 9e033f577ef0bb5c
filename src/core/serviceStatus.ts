// The status of one deployed service as the panel, the tree and the CLI show it: plain, immutable data. It lives in
// the core so the panel's contract (src/contract/statusPanel.ts) and the webview reach it without the Kubernetes
// engine; src/kube/status builds it (buildSnapshot) and re-exports these types.

export interface ScalingCondition {
  readonly type: string;
  readonly status: string;
  readonly reason?: string;
  readonly message?: string;
  /** One plain sentence for the panel, the tree tooltip and the CLI. */
  readonly words: string;
}

export interface ReplicaInfo {
  readonly name: string;
  readonly phase: string;
  readonly ready: boolean;
  /** Container restarts of the replica (all its containers): a failing liveness probe or a crash shows here. */
  readonly restarts: number;
  /** Why the last restarted container ended ("Error, exit code 137"), when one did. */
  readonly lastRestart?: string;
}

export interface PendingPod {
  readonly name: string;
  readonly reason: string;
  readonly message?: string;
}

export interface EventInfo {
  readonly time?: string;
  readonly type: string;
  readonly reason: string;
  readonly message: string;
  readonly object: string;
  readonly count: number;
}

export interface ReplicaPoint {
  readonly time: string;
  readonly replicas: number;
  readonly ready: number;
}

export interface ServiceStatusSnapshot {
  readonly namespace: string;
  readonly service: string;
  /** When this snapshot was built (ISO 8601). */
  readonly at: string;
  /** False while a watch is reconnecting: the figures are the last ones seen. */
  readonly live: boolean;
  /** False when no Deployment of the service exists. */
  readonly deployed: boolean;
  readonly replicas: {
    readonly current: number;
    readonly desired: number;
    readonly ready: number;
    readonly min?: number;
    readonly max?: number;
  };
  /** Average utilization (percent of requests) of the HPA's resource metric, when it has one. */
  readonly utilization?: { readonly resource: string; readonly target?: number; readonly current?: number };
  readonly conditions: readonly ScalingCondition[];
  readonly pods: readonly ReplicaInfo[];
  readonly pending: readonly PendingPod[];
  /** Most recent last. */
  readonly events: readonly EventInfo[];
  /** Oldest first, bounded. */
  readonly history: readonly ReplicaPoint[];
}
