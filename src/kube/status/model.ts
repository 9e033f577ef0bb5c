// The status model of one service: an immutable snapshot built from what the watches currently hold. Pure, so the
// panel, the tree node and the CLI can all be tested without a cluster.
import type { CoreV1Event, V1Deployment, V1Pod, V2HorizontalPodAutoscaler } from '@kubernetes/client-node';
import type { ReplicaPoint, ServiceStatusSnapshot, EventInfo, PendingPod } from '../../core/serviceStatus';
import { toScalingCondition } from './conditions';

export type { EventInfo, PendingPod, ReplicaInfo, ReplicaPoint, ServiceStatusSnapshot } from '../../core/serviceStatus';

export interface SnapshotInputs {
  namespace: string;
  service: string;
  at: Date;
  live: boolean;
  deployments: readonly V1Deployment[];
  hpas: readonly V2HorizontalPodAutoscaler[];
  pods: readonly V1Pod[];
  events: readonly CoreV1Event[];
  history: readonly ReplicaPoint[];
  /** How many recent events to keep (default 10). */
  maxEvents?: number;
}

/** Objects from a list carry Dates, objects from a watch carry strings: one ISO form for both. */
export function isoTime(t: unknown): string | undefined {
  if (t instanceof Date) return Number.isNaN(t.getTime()) ? undefined : t.toISOString();
  if (typeof t === 'string' && t) return new Date(t).toISOString();
  return undefined;
}

export function buildSnapshot(i: SnapshotInputs): ServiceStatusSnapshot {
  const deployment = i.deployments[0];
  const hpa = i.hpas[0];
  const pods = i.pods.filter((p) => !p.metadata?.deletionTimestamp).sort((a, b) => cmp(a.metadata?.name, b.metadata?.name));
  // The Deployment's own count first: the HPA's currentReplicas trails it by one HPA sync (15 s), which showed
  // "3/1 ready" after a scale-up.
  const current = deployment?.status?.replicas ?? hpa?.status?.currentReplicas ?? 0;
  const desired = hpa?.status?.desiredReplicas ?? deployment?.spec?.replicas ?? 0;
  const ready = deployment?.status?.readyReplicas ?? 0;
  return deepFreeze({
    namespace: i.namespace,
    service: i.service,
    at: i.at.toISOString(),
    live: i.live,
    deployed: deployment !== undefined,
    replicas: {
      current,
      desired,
      ready,
      ...(hpa ? { min: hpa.spec?.minReplicas ?? 1, max: hpa.spec?.maxReplicas } : {}),
    },
    ...(hpa ? { utilization: utilization(hpa) } : {}),
    conditions: (hpa?.status?.conditions ?? []).map((c) => toScalingCondition(c)),
    pods: pods.map((p) => ({ name: p.metadata?.name ?? '', phase: p.status?.phase ?? 'Unknown', ready: podReady(p), ...restartsOf(p) })),
    pending: pods.flatMap((p) => pendingReason(p) ?? []),
    events: recentEvents(i, deployment?.metadata?.name, hpa?.metadata?.name, pods),
    history: [...i.history],
  });
}

function utilization(hpa: V2HorizontalPodAutoscaler): ServiceStatusSnapshot['utilization'] {
  // The panel shows one figure: the first resource metric targeting average utilization (CPU in this extension).
  const metric = hpa.spec?.metrics?.find((m) => m.type === 'Resource' && m.resource?.target.averageUtilization !== undefined);
  const resource = metric?.resource?.name ?? 'cpu';
  const status = hpa.status?.currentMetrics?.find((m) => m.type === 'Resource' && m.resource?.name === resource);
  return {
    resource,
    ...(metric?.resource?.target.averageUtilization !== undefined ? { target: metric.resource.target.averageUtilization } : {}),
    ...(status?.resource?.current.averageUtilization !== undefined ? { current: status.resource.current.averageUtilization } : {}),
  };
}

function podReady(p: V1Pod): boolean {
  return p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

function restartsOf(p: V1Pod): { restarts: number; lastRestart?: string } {
  const statuses = p.status?.containerStatuses ?? [];
  const restarts = statuses.reduce((n, s) => n + (s.restartCount ?? 0), 0);
  // The container that restarted most recently says why (a liveness kill ends as "Error, exit code 137").
  const last = statuses
    .filter((s) => s.lastState?.terminated)
    .sort((a, b) => cmp(isoTime(b.lastState?.terminated?.finishedAt), isoTime(a.lastState?.terminated?.finishedAt)))[0];
  const t = last?.lastState?.terminated;
  if (!t) return { restarts };
  return { restarts, lastRestart: `${last.name}: ${t.reason ?? 'Terminated'}, exit code ${t.exitCode}` };
}

function pendingReason(p: V1Pod): PendingPod | undefined {
  if (p.status?.phase !== 'Pending') return undefined;
  const name = p.metadata?.name ?? '';
  const unscheduled = p.status.conditions?.find((c) => c.type === 'PodScheduled' && c.status === 'False');
  if (unscheduled) return { name, reason: unscheduled.reason ?? 'Unschedulable', ...(unscheduled.message ? { message: unscheduled.message } : {}) };
  const waiting = p.status.containerStatuses?.find((s) => s.state?.waiting)?.state?.waiting;
  if (waiting) return { name, reason: waiting.reason ?? 'Waiting', ...(waiting.message ? { message: waiting.message } : {}) };
  return { name, reason: 'Pending' };
}

function recentEvents(i: SnapshotInputs, deployment: string | undefined, hpa: string | undefined, pods: readonly V1Pod[]): EventInfo[] {
  const podNames = new Set(pods.map((p) => p.metadata?.name));
  // ReplicaSets and pods are named after their Deployment, so the prefix also finds events of replicas already gone.
  const ours = (e: CoreV1Event) => {
    const n = e.involvedObject?.name;
    if (!n) return false;
    return n === deployment || n === hpa || podNames.has(n) || (deployment !== undefined && n.startsWith(`${deployment}-`));
  };
  return i.events
    .filter(ours)
    .map((e) => ({
      time: isoTime(e.lastTimestamp) ?? isoTime(e.eventTime) ?? isoTime(e.metadata?.creationTimestamp),
      type: e.type ?? 'Normal',
      reason: e.reason ?? '',
      message: (e.message ?? '').trim(),
      object: `${e.involvedObject?.kind ?? ''}/${e.involvedObject?.name ?? ''}`,
      count: e.count ?? 1,
    }))
    .sort((a, b) => cmp(a.time, b.time))
    .slice(-(i.maxEvents ?? 10));
}

/** Appends a point when the replica figures changed; keeps at most `capacity` points (oldest dropped). */
export function extendHistory(history: readonly ReplicaPoint[], point: ReplicaPoint, capacity = 360): readonly ReplicaPoint[] {
  const last = history[history.length - 1];
  if (last && last.replicas === point.replicas && last.ready === point.ready) return history;
  const next = [...history, Object.freeze(point)];
  return next.length > capacity ? next.slice(next.length - capacity) : next;
}

function cmp(a: string | undefined, b: string | undefined): number {
  return (a ?? '') < (b ?? '') ? -1 : (a ?? '') > (b ?? '') ? 1 : 0;
}

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object' && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
}
