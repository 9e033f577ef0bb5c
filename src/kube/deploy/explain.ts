// Why a rollout is stuck, from the cluster's own Event objects (and the pods' container states): the answer to
// users' complaints 3 and 4 (a cryptic CrashLoopBackOff; a timeout while nodes were still being added).
import type { CoreV1Event, V1Pod } from '@kubernetes/client-node';
import { registryOf } from './imageRef';

export const CRASH_LOG_LINES = 50;

/** Reads a container's last lines (its previous run when it crashed); a parameter so tests can supply one. */
export type FetchLogs = (pod: string, container: string, tailLines: number) => Promise<string>;

export type ProblemKind = 'crashLoop' | 'imagePull' | 'cannotCreate' | 'unhealthy' | 'unschedulable';

export interface RolloutProblem {
  kind: ProblemKind;
  /** The pod (or object) the evidence is about. */
  object: string;
  container?: string;
  image?: string;
  /** The Event's (or container state's) own message. */
  detail: string;
  /** Stuck for good: waiting longer will not help (image pull and crash loops back off, they do not heal). */
  fatal: boolean;
  /** A crashed container's last output as the kubelet kept it in the pod status (FallbackToLogsOnError): the
   * traceback even when its log cannot be read. */
  lastOutput?: string;
}

const IMAGE_IN_MESSAGE = /image "([^"]+)"/i;
const CONTAINER_IN_MESSAGE = /failed container (\S+)/i;

/** One problem per Event that tells of one, newest first. */
export function problemsFromEvents(events: readonly CoreV1Event[]): RolloutProblem[] {
  const out: RolloutProblem[] = [];
  const sorted = [...events].sort((a, b) => eventTime(b) - eventTime(a));
  for (const e of sorted) {
    const msg = e.message ?? '';
    const object = e.involvedObject?.name ?? '';
    const container = containerOfFieldPath(e.involvedObject?.fieldPath);
    if (e.reason === 'FailedScheduling') out.push({ kind: 'unschedulable', object, detail: msg, fatal: false });
    // The ReplicaSet controller's: a quota, a LimitRange or an admission policy refuses the pods.
    else if (e.reason === 'FailedCreate') out.push({ kind: 'cannotCreate', object, detail: msg, fatal: false });
    else if (e.reason === 'BackOff' && /restarting failed container/i.test(msg)) {
      out.push({ kind: 'crashLoop', object, container: container ?? CONTAINER_IN_MESSAGE.exec(msg)?.[1], detail: msg, fatal: true });
    } else if ((e.reason === 'BackOff' || e.reason === 'Failed') && /pull/i.test(msg)) {
      // "Failed" is the first pull error; kubelet retries, so only its back-off is final.
      out.push({ kind: 'imagePull', object, container, image: IMAGE_IN_MESSAGE.exec(msg)?.[1], detail: msg, fatal: e.reason === 'BackOff' });
    } else if (e.reason === 'Unhealthy') out.push({ kind: 'unhealthy', object, container, detail: msg, fatal: false });
  }
  return out;
}

/** Container states say the same as the Events, and are there even when Events have expired. */
export function problemsFromPods(pods: readonly V1Pod[]): RolloutProblem[] {
  const out: RolloutProblem[] = [];
  for (const p of pods) {
    for (const s of p.status?.containerStatuses ?? []) {
      const w = s.state?.waiting;
      if (w?.reason === 'CrashLoopBackOff') {
        const lastOutput = s.lastState?.terminated?.message?.trim();
        out.push({ kind: 'crashLoop', object: p.metadata!.name!, container: s.name, detail: w.message ?? w.reason, fatal: true, ...(lastOutput ? { lastOutput } : {}) });
      }
      if (w?.reason === 'ImagePullBackOff' || w?.reason === 'ErrImagePull' || w?.reason === 'InvalidImageName') {
        out.push({ kind: 'imagePull', object: p.metadata!.name!, container: s.name, image: s.image, detail: w.message ?? w.reason, fatal: w.reason !== 'ErrImagePull' });
      }
    }
    const unsched = p.status?.conditions?.find((c) => c.type === 'PodScheduled' && c.status === 'False' && c.reason === 'Unschedulable');
    if (unsched) out.push({ kind: 'unschedulable', object: p.metadata!.name!, detail: unsched.message ?? 'Unschedulable', fatal: false });
  }
  return out;
}

const PRIORITY: readonly ProblemKind[] = ['crashLoop', 'imagePull', 'cannotCreate', 'unhealthy', 'unschedulable'];

/** The most telling problem: a crash beats a pull error beats a failing probe beats a pending pod. */
export function mainProblem(problems: readonly RolloutProblem[]): RolloutProblem | undefined {
  for (const k of PRIORITY) {
    const p = problems.find((x) => x.kind === k);
    if (p) return p;
  }
  return undefined;
}

/** One short line for progress ("waiting: 0/3 nodes are available: 3 Insufficient cpu."). */
export function shortReason(p: RolloutProblem): string {
  switch (p.kind) {
    case 'unschedulable':
      return `pod cannot be scheduled yet (${p.detail}); the cluster may be adding nodes`;
    case 'imagePull':
      return `cannot pull image ${p.image ?? ''}`.trim();
    case 'crashLoop':
      return `container ${p.container ?? ''} keeps crashing (CrashLoopBackOff)`.replace('  ', ' ');
    case 'unhealthy':
      return `health probe failing (${p.detail})`;
    case 'cannotCreate':
      return `pods cannot be created (${p.detail})`;
  }
}

/** The full explanation for the error a failed or timed-out rollout ends with. */
export async function explainProblem(p: RolloutProblem, fetchLogs: FetchLogs | undefined): Promise<string> {
  switch (p.kind) {
    case 'unschedulable':
      return (
        `Pod ${p.object} cannot be scheduled: ${p.detail} ` +
        `The cluster may be adding nodes (cluster autoscaler); if it is not, lower the CPU/memory/GPU request in deploymentconfig.json or add nodes.`
      );
    case 'imagePull': {
      const registry = p.image ? registryOf(p.image) : 'its registry';
      return (
        `Image ${p.image ?? '(unknown)'} cannot be pulled from ${registry}: ${p.detail} ` +
        `Check that the image was pushed with that tag and that the cluster may pull from ${registry} (for AKS: attach the ACR to the cluster).`
      );
    }
    case 'crashLoop': {
      const container = p.container ?? 'model';
      let logs = '';
      let unreadable = '';
      if (fetchLogs) {
        try {
          logs = (await fetchLogs(p.object, container, CRASH_LOG_LINES)).trimEnd();
        } catch (e) {
          unreadable = `(its log could not be read: ${e instanceof Error ? e.message.split('\n')[0] : String(e)})`;
        }
      }
      let tail = logs ? `\nLast ${CRASH_LOG_LINES} log lines of ${p.object}/${container}:\n${logs}` : '';
      // The kubelet's copy of the crashed run's last output stands in for a log it could not serve.
      if (!tail && p.lastOutput) tail = `\nLast output of ${p.object}/${container} before it exited:\n${p.lastOutput}`;
      if (!tail && unreadable) tail = `\n${unreadable}`;
      return `Container ${container} of pod ${p.object} keeps crashing (CrashLoopBackOff): score.py's init() or a package is likely broken.${tail}`;
    }
    case 'cannotCreate':
      return `The cluster refuses to create pods for ${p.object}: ${p.detail} Check the namespace's ResourceQuota and LimitRange against the requests in deploymentconfig.json.`;
    case 'unhealthy':
      return `The health probe of pod ${p.object} fails: ${p.detail} If init() needs longer to load the model, raise livenessProbeRequirements.initialDelaySeconds.`;
  }
}

function eventTime(e: CoreV1Event): number {
  const t = e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp ?? e.metadata?.creationTimestamp;
  return t ? new Date(t).getTime() : 0;
}

export function eventIsSince(e: CoreV1Event, since: number): boolean {
  return eventTime(e) >= since;
}

function containerOfFieldPath(fieldPath: string | undefined): string | undefined {
  return fieldPath ? /spec\.containers\{([^}]+)\}/.exec(fieldPath)?.[1] : undefined;
}
