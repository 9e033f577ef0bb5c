// The live status of one service, from four watches (its Deployment, HPA and pods by label; the namespace's
// events). Each change rebuilds an immutable snapshot; a consumer slower than the changes gets the latest one,
// never a backlog, so memory stays flat whatever the churn.
import {
  AppsV1Api,
  AutoscalingV2Api,
  type CoreV1Event,
  CoreV1Api,
  type KubeConfig,
  type V1Deployment,
  type V1Pod,
  type V2HorizontalPodAutoscaler,
} from '@kubernetes/client-node';
import { type Logger, silentLogger } from '../../core/logger';
import { serviceSelector } from '../labels';
import { keepInformer } from './informer';
import { buildSnapshot, extendHistory, type ReplicaPoint, type ServiceStatusSnapshot } from './model';

export interface WatchServiceStatusOptions {
  namespace: string;
  service: string;
  signal: AbortSignal;
  logger?: Logger;
  /** Recent events kept in a snapshot (default 10). */
  maxEvents?: number;
  /** Points of the replica chart kept (default 360). */
  historyPoints?: number;
  /** Longest pause between reconnect attempts of a dropped watch (default 5 s). */
  maxBackoffMs?: number;
  /** A one-shot read: an error before the first snapshot ends the iteration instead of being retried. */
  once?: boolean;
}

/** Snapshots of the service's status: one when all watches have listed, then one per change, until the signal aborts. */
export async function* watchServiceStatus(kubeConfig: KubeConfig, options: WatchServiceStatusOptions): AsyncGenerator<ServiceStatusSnapshot> {
  const { namespace, service } = options;
  const logger = options.logger ?? silentLogger;
  const stop = new AbortController();
  const signal = AbortSignal.any([options.signal, stop.signal]);
  const labelSelector = serviceSelector(service);
  const apps = kubeConfig.makeApiClient(AppsV1Api);
  const autoscaling = kubeConfig.makeApiClient(AutoscalingV2Api);
  const core = kubeConfig.makeApiClient(CoreV1Api);
  let fail: (err: unknown) => void = () => {};
  // Refused credentials or rights end the iteration with the API server's error (the CLI prints it as one line).
  const fatal = new Promise<never>((_, reject) => (fail = reject));
  fatal.catch(() => {});
  const common = { kubeConfig, signal, logger, onChange: () => schedule(), maxBackoffMs: options.maxBackoffMs, onFatal: (e: unknown) => fail(e), failBeforeSynced: options.once };
  const deployments = keepInformer<V1Deployment>({
    ...common,
    path: `/apis/apps/v1/namespaces/${namespace}/deployments`,
    labelSelector,
    list: () => apps.listNamespacedDeployment({ namespace, labelSelector }),
  });
  const hpas = keepInformer<V2HorizontalPodAutoscaler>({
    ...common,
    path: `/apis/autoscaling/v2/namespaces/${namespace}/horizontalpodautoscalers`,
    labelSelector,
    list: () => autoscaling.listNamespacedHorizontalPodAutoscaler({ namespace, labelSelector }),
  });
  const pods = keepInformer<V1Pod>({
    ...common,
    path: `/api/v1/namespaces/${namespace}/pods`,
    labelSelector,
    list: () => core.listNamespacedPod({ namespace, labelSelector }),
  });
  // Events carry no labels of ours; they are matched to the service by the object they are about (model.ts).
  const events = keepInformer<CoreV1Event>({
    ...common,
    path: `/api/v1/namespaces/${namespace}/events`,
    list: () => core.listNamespacedEvent({ namespace }),
  });
  const informers = [deployments, hpas, pods, events];

  let history: readonly ReplicaPoint[] = [];
  let latest: ServiceStatusSnapshot | undefined;
  let wake: (() => void) | undefined;
  let scheduled = false;
  let synced = false;

  function schedule(): void {
    // Coalesce a burst of watch events (a relist delivers many) into one rebuild.
    if (scheduled || !synced) return;
    scheduled = true;
    setImmediate(rebuild);
  }
  function rebuild(): void {
    scheduled = false;
    if (signal.aborted) return;
    const at = new Date();
    const inputs = {
      namespace,
      service,
      at,
      live: informers.every((i) => i.connected()),
      deployments: deployments.list(),
      hpas: hpas.list(),
      pods: pods.list(),
      events: events.list(),
      maxEvents: options.maxEvents,
    };
    const draft = buildSnapshot({ ...inputs, history: [] });
    history = extendHistory(history, { time: draft.at, replicas: draft.replicas.current, ready: draft.replicas.ready }, options.historyPoints);
    latest = buildSnapshot({ ...inputs, history });
    const w = wake;
    wake = undefined;
    w?.();
  }

  const onAbort = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    await Promise.race([Promise.all(informers.map((i) => i.synced)), fatal]);
    synced = true;
    rebuild();
    let last: ServiceStatusSnapshot | undefined;
    while (!signal.aborted) {
      if (latest && latest !== last) {
        last = latest;
        yield latest;
        continue;
      }
      await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    stop.abort();
    signal.removeEventListener('abort', onAbort);
  }
}
