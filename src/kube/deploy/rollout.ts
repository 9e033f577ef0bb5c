// Waits for a Deployment's rollout with watches (not polling) on the Deployment, its pods and the namespace's
// Events, and yields progress. On a stuck rollout it ends with a KubeDeployError saying why, from the cluster's
// own Events. Cancelling stops the watches only: nothing is rolled back, the cluster keeps what was applied.
import { on, EventEmitter } from 'node:events';
import { type CoreV1Event, type KubeConfig, type V1Deployment, type V1Pod, Watch } from '@kubernetes/client-node';
import { silentLogger, type Logger } from '../../core/logger';
import { serviceSelector } from '../labels';
import { explainApiError, KubeDeployError } from './errors';
import { eventIsSince, explainProblem, type FetchLogs, mainProblem, problemsFromEvents, problemsFromPods, shortReason } from './explain';
import { kubeClients } from './kubeClients';

export interface DeployProgress {
  step: 'apply' | 'rollout';
  ready: number;
  desired: number;
  message: string;
}

export interface RolloutOptions {
  serviceName: string;
  namespace: string;
  /** The Deployment's name (default: the service name). */
  deploymentName?: string;
  /** The pods to watch (default: every pod of the service); an endpoint version narrows it to its own pods. */
  podSelector?: string;
  signal?: AbortSignal;
  /** Give up after this long and explain why (default 10 min: AKS may need minutes to add a node). */
  timeoutMs?: number;
  fetchLogs?: FetchLogs;
  /** The Deployment served before this deploy: say that its previous ReplicaSet keeps serving on failure. */
  isUpdate?: boolean;
  logger?: Logger;
}

export const DEFAULT_ROLLOUT_TIMEOUT_MS = 10 * 60_000;

interface State {
  deployment?: V1Deployment;
  pods: Map<string, V1Pod>;
  events: Map<string, CoreV1Event>;
}

/** kubectl rollout status's rule: the new generation observed, every replica updated, available, and no old one left. */
export function progressOf(d: V1Deployment | undefined): { ready: number; desired: number; done: boolean } {
  if (!d) return { ready: 0, desired: 0, done: false };
  const s = d.status ?? {};
  const desired = d.spec?.replicas ?? 1;
  const updated = s.updatedReplicas ?? 0;
  const ready = Math.min(updated, s.availableReplicas ?? 0);
  const observed = (s.observedGeneration ?? 0) >= (d.metadata?.generation ?? 1);
  return { ready, desired, done: observed && updated >= desired && (s.replicas ?? 0) <= updated && ready >= updated };
}

function deadlineExceeded(d: V1Deployment | undefined): boolean {
  return d?.status?.conditions?.some((c) => c.type === 'Progressing' && c.status === 'False' && c.reason === 'ProgressDeadlineExceeded') ?? false;
}

/** Keeps a watch open (re-opened when the server ends it) and reports each object change as 'change'. */
async function keepWatching<T extends { metadata?: { uid?: string; name?: string } }>(
  kc: KubeConfig,
  path: string,
  query: Record<string, string>,
  into: Map<string, T>,
  bus: EventEmitter,
  signal: AbortSignal,
): Promise<void> {
  const start = async (): Promise<void> => {
    if (signal.aborted) return;
    const ctl = await new Watch(kc).watch(
      path,
      { ...query, allowWatchBookmarks: false },
      (type: string, obj: T) => {
        const key = obj.metadata?.uid ?? obj.metadata?.name ?? '';
        if (type === 'DELETED') into.delete(key);
        else if (type === 'ADDED' || type === 'MODIFIED') into.set(key, obj);
        bus.emit('change');
      },
      (err: unknown) => {
        if (signal.aborted) return;
        if (err) bus.emit('error', explainApiError(err, { verb: 'watch', kind: path.split('/').pop() ?? 'object' }));
        else void start().catch((e: unknown) => bus.emit('error', e));
      },
    );
    // The abort may have come while the watch was opening: a listener added now would never fire, and the watch
    // would stay open for good.
    if (signal.aborted) ctl.abort();
    else signal.addEventListener('abort', () => ctl.abort(), { once: true });
  };
  await start();
}

export async function* watchRollout(kubeConfig: KubeConfig, options: RolloutOptions): AsyncGenerator<DeployProgress, void, undefined> {
  const log = options.logger ?? silentLogger;
  const name = options.deploymentName ?? options.serviceName;
  const ns = options.namespace;
  const since = Date.now() - 5_000;
  const timeoutMs = options.timeoutMs ?? DEFAULT_ROLLOUT_TIMEOUT_MS;
  const stop = new AbortController();
  const timeout = AbortSignal.timeout(timeoutMs);
  const signals = [stop.signal, timeout, ...(options.signal ? [options.signal] : [])];
  const any = AbortSignal.any(signals);
  const bus = new EventEmitter();
  const state: State = { pods: new Map(), events: new Map() };
  const deployments = new Map<string, V1Deployment>();
  const relevantEvents = () =>
    [...state.events.values()].filter((e) => eventIsSince(e, since) && (e.involvedObject?.name === name || e.involvedObject?.name?.startsWith(`${name}-`)));
  const problems = () => [...problemsFromPods([...state.pods.values()]), ...problemsFromEvents(relevantEvents())];
  const fail = async (why: string, kind: 'rolloutFailed' | 'timeout'): Promise<never> => {
    const p = mainProblem(problems());
    const explained = p ? await explainProblem(p, options.fetchLogs) : 'No Kubernetes event explains it.';
    const serving = options.isUpdate ? '\nThe previous version keeps serving: its ReplicaSet is left running until a new one is ready.' : '';
    throw new KubeDeployError(`${why} ${explained}${serving}`, kind);
  };
  try {
    const base = `/api/v1/namespaces/${ns}`;
    await keepWatching(kubeConfig, `/apis/apps/v1/namespaces/${ns}/deployments`, { fieldSelector: `metadata.name=${name}` }, deployments, bus, any);
    await keepWatching(kubeConfig, `${base}/pods`, { labelSelector: options.podSelector ?? serviceSelector(options.serviceName) }, state.pods, bus, any);
    await keepWatching(kubeConfig, `${base}/events`, {}, state.events, bus, any);
    // The watches start with ADDED for what exists; read the Deployment once too so a quiet one still reports.
    try {
      state.deployment = await kubeClients(kubeConfig).apps.readNamespacedDeployment({ name, namespace: ns });
    } catch (e) {
      throw explainApiError(e, { verb: 'read', kind: 'Deployment', namespace: ns });
    }
    let last = '';
    const report = (): DeployProgress | undefined => {
      state.deployment = deployments.values().next().value ?? state.deployment;
      const { ready, desired } = progressOf(state.deployment);
      const p = mainProblem(problems());
      const message = `${ready}/${desired} ready${p ? `; ${shortReason(p)}` : ''}`;
      if (message === last) return undefined;
      last = message;
      return { step: 'rollout', ready, desired, message };
    };
    // Listening before the first yield, so a change while the consumer handles it is not lost.
    const changes = on(bus, 'change', { signal: any });
    const first = report();
    if (first) yield first;
    if (progressOf(state.deployment).done) return;
    for await (const _ of changes) {
      void _;
      const p = report();
      if (p) {
        log.debug(`rollout of ${ns}/${name}: ${p.message}`);
        yield p;
      }
      if (progressOf(state.deployment).done) return;
      const fatal = problems().find((x) => x.fatal);
      if (fatal) await fail(`The rollout of ${name} in namespace ${ns} cannot finish.`, 'rolloutFailed');
      if (deadlineExceeded(state.deployment)) await fail(`The rollout of ${name} in namespace ${ns} exceeded its progress deadline.`, 'rolloutFailed');
    }
  } catch (e) {
    if (e instanceof KubeDeployError) throw e;
    if (timeout.aborted) {
      const { ready, desired } = progressOf(state.deployment);
      await fail(`The rollout of ${name} in namespace ${ns} did not finish in ${Math.round(timeoutMs / 1000)} s (${ready}/${desired} ready).`, 'timeout');
    }
    if (options.signal?.aborted) throw new KubeDeployError('Cancelled: stopped waiting; the applied objects stay and the cluster goes on rolling out.', 'cancelled');
    throw explainApiError(e, { verb: 'watch', kind: 'Deployment', namespace: ns });
  } finally {
    stop.abort();
  }
}
