// Everything the targets tree shows under one cluster, live from three watches (Deployments, HPAs and pods
// labelled managed-by=aks-model-deploy, across namespaces; one namespace when listing all is forbidden). Each
// change rebuilds the view from the watch caches, so a deleted replica never lingers.
// A fourth watch, of the Services, gives each single service's load-balancer state ("waiting for an address", then
// the scoring URI): its changes are reported per service (onLoadBalancerChange), so the tree updates that row alone.
import { AppsV1Api, AutoscalingV2Api, CoreV1Api, type KubeConfig, type KubernetesObject, type V1Deployment, type V1Pod, type V1Service, type V2HorizontalPodAutoscaler } from '@kubernetes/client-node';
import { type Logger, silentLogger } from '../../core/logger';
import { AUTH_MODE_ANNOTATION, AUTH_PROXY_CONTAINER } from '../../core/manifests/workload';
import { MANAGED_BY_LABEL, MANAGED_BY_VALUE, SERVICE_LABEL, VERSION_LABEL } from '../labels';
import { keepInformer, type KeptInformer } from '../status/informer';
import { summaryLine } from '../status/format';
import { buildSnapshot, type ServiceStatusSnapshot } from '../status/model';
import { exposureStateOf, type ServiceExposureState } from './exposureState';

export interface VersionView {
  readonly version: string;
  readonly status: ServiceStatusSnapshot;
  readonly summary: string;
}

export interface ServiceView {
  readonly namespace: string;
  readonly serviceName: string;
  /** The whole service (all versions together). */
  readonly status: ServiceStatusSnapshot;
  readonly summary: string;
  /** Endpoint versions, by name; empty for a single service. */
  readonly versions: readonly VersionView[];
  /** How callers authenticate; `auth` for a Deployment made before the mode was recorded (key or token). */
  readonly auth: ServiceAuth;
}

export type ServiceAuth = 'key' | 'token' | 'none' | 'auth';

export interface ClusterServicesView {
  /** False until every watch has listed, and while one reconnects. */
  readonly live: boolean;
  readonly synced: boolean;
  readonly services: readonly ServiceView[];
  /** Set when listing across namespaces was refused and only this namespace is shown. */
  readonly onlyNamespace?: string;
  /** Why nothing can be shown (e.g. the namespace itself is forbidden). */
  readonly error?: string;
}

export interface WatchClusterServicesOptions {
  signal: AbortSignal;
  /** Watched alone when the cluster-wide watch is forbidden (the context's namespace). */
  fallbackNamespace: string;
  onChange: () => void;
  /** A single service's load-balancer state changed (or its Service became or stopped being a load balancer). */
  onLoadBalancerChange?: (namespace: string, serviceName: string) => void;
  logger?: Logger;
  maxBackoffMs?: number;
}

export interface ClusterServicesWatch {
  view(): ClusterServicesView;
  /**
   * A single service's load-balancer state, from its watched Service; undefined when its Service is not a
   * LoadBalancer, not seen yet, or Services may not be watched (the rows then show no address, nothing fails).
   */
  loadBalancer(namespace: string, serviceName: string): ServiceExposureState | undefined;
  /** Resolves once the first lists arrived (or failed). */
  readonly synced: Promise<void>;
}

const labelSelector = `${MANAGED_BY_LABEL}=${MANAGED_BY_VALUE}`;

export function watchClusterServices(kubeConfig: KubeConfig, o: WatchClusterServicesOptions): ClusterServicesWatch {
  const logger = o.logger ?? silentLogger;
  const apps = kubeConfig.makeApiClient(AppsV1Api);
  const autoscaling = kubeConfig.makeApiClient(AutoscalingV2Api);
  const core = kubeConfig.makeApiClient(CoreV1Api);
  let onlyNamespace: string | undefined;
  let error: string | undefined;
  let generation = new AbortController();
  let informers: { deployments: KeptInformer<V1Deployment>; hpas: KeptInformer<V2HorizontalPodAutoscaler>; pods: KeptInformer<V1Pod>; services: KeptInformer<V1Service> };
  /** Load-balancer states by `namespace/service`, as last reported. */
  let balancers = new Map<string, ServiceExposureState>();
  const balancersChanged = (services: readonly V1Service[]) => {
    const next = loadBalancersOf(services);
    const keys = new Set([...balancers.keys(), ...next.keys()]);
    const old = balancers;
    balancers = next;
    for (const key of keys) {
      if (old.get(key)?.text === next.get(key)?.text) continue;
      const [namespace, serviceName] = key.split('/') as [string, string];
      o.onLoadBalancerChange?.(namespace, serviceName);
    }
  };
  let markSynced: () => void = () => {};
  const synced = new Promise<void>((resolve) => (markSynced = resolve));
  let isSynced = false;

  const start = (namespace?: string) => {
    const signal = AbortSignal.any([o.signal, generation.signal]);
    const at = (group: string, plural: string) => `${group}${namespace ? `/namespaces/${namespace}` : ''}/${plural}`;
    const onFatal = (e: unknown) => {
      // Each of the three watches reports the refusal; the first one decides.
      if (signal.aborted) return;
      if (namespace) {
        generation.abort();
        error = `You may not watch the services in namespace ${namespace}: ${describe(e)}`;
        isSynced = true;
        markSynced();
        o.onChange();
        return;
      }
      // Listing across namespaces is forbidden: fall back to the context's namespace, as kubectl users expect.
      generation.abort();
      generation = new AbortController();
      onlyNamespace = o.fallbackNamespace;
      start(o.fallbackNamespace);
    };
    const common = { kubeConfig, signal, logger, labelSelector, onChange: o.onChange, maxBackoffMs: o.maxBackoffMs, onFatal };
    informers = {
      deployments: keepInformer<V1Deployment>({
        ...common,
        path: at('/apis/apps/v1', 'deployments'),
        list: () => (namespace ? apps.listNamespacedDeployment({ namespace, labelSelector }) : apps.listDeploymentForAllNamespaces({ labelSelector })),
      }),
      hpas: keepInformer<V2HorizontalPodAutoscaler>({
        ...common,
        path: at('/apis/autoscaling/v2', 'horizontalpodautoscalers'),
        list: () => (namespace ? autoscaling.listNamespacedHorizontalPodAutoscaler({ namespace, labelSelector }) : autoscaling.listHorizontalPodAutoscalerForAllNamespaces({ labelSelector })),
      }),
      pods: keepInformer<V1Pod>({
        ...common,
        path: at('/api/v1', 'pods'),
        list: () => (namespace ? core.listNamespacedPod({ namespace, labelSelector }) : core.listPodForAllNamespaces({ labelSelector })),
      }),
      services: servicesInformer(),
    };
    function servicesInformer(): KeptInformer<V1Service> {
      // Optional: a user who may not watch Services still gets the tree, only without load-balancer addresses.
      const own = new AbortController();
      const informer: KeptInformer<V1Service> = keepInformer<V1Service>({
        ...common,
        signal: AbortSignal.any([signal, own.signal]),
        path: at('/api/v1', 'services'),
        list: () => (namespace ? core.listNamespacedService({ namespace, labelSelector }) : core.listServiceForAllNamespaces({ labelSelector })),
        onChange: () => balancersChanged(informer.list()),
        onFatal: (e) => {
          logger.debug(`Services are not watched, so load-balancer addresses are not shown: ${describe(e)}`);
          own.abort();
        },
      });
      return informer;
    }
    const mine = informers;
    void Promise.all([mine.deployments.synced, mine.hpas.synced, mine.pods.synced, mine.services.synced]).then(() => {
      if (signal.aborted || mine !== informers) return;
      isSynced = true;
      markSynced();
      o.onChange();
    });
  };
  start();

  return {
    synced,
    loadBalancer: (namespace, serviceName) => balancers.get(`${namespace}/${serviceName}`),
    view(): ClusterServicesView {
      const { deployments, hpas, pods } = informers;
      const live = isSynced && deployments.connected() && hpas.connected() && pods.connected();
      return {
        live,
        synced: isSynced,
        services: isSynced && !error ? servicesView(deployments.list(), hpas.list(), pods.list(), live) : [],
        ...(onlyNamespace ? { onlyNamespace } : {}),
        ...(error ? { error } : {}),
      };
    },
  };
}

/** Pure: groups the watched objects into services and versions, each with a status snapshot and summary line. */
export function servicesView(deployments: readonly V1Deployment[], hpas: readonly V2HorizontalPodAutoscaler[], pods: readonly V1Pod[], live: boolean): ServiceView[] {
  const keyOf = (x: KubernetesObject) => `${x.metadata?.namespace ?? 'default'}/${x.metadata?.labels?.[SERVICE_LABEL] ?? ''}`;
  const keys = [...new Set(deployments.filter((d) => d.metadata?.labels?.[SERVICE_LABEL]).map(keyOf))].sort();
  const at = new Date();
  return keys.map((key) => {
    const [namespace, serviceName] = key.split('/') as [string, string];
    const of = <T extends KubernetesObject>(list: readonly T[], version?: string) =>
      list.filter((x) => keyOf(x) === key && (version === undefined || x.metadata?.labels?.[VERSION_LABEL] === version));
    const snapshot = (version?: string) =>
      buildSnapshot({ namespace, service: serviceName, at, live, deployments: of(deployments, version), hpas: of(hpas, version), pods: of(pods, version), events: [], history: [] });
    const versionNames = [...new Set(of(deployments).map((d) => d.metadata?.labels?.[VERSION_LABEL]).filter((v): v is string => !!v))].sort();
    const versions = versionNames.map((version) => {
      const status = snapshot(version);
      return { version, status, summary: summaryLine(status) };
    });
    const status = snapshot();
    const summary = versions.length > 0
      ? `${versions.length} version${versions.length === 1 ? '' : 's'} · ${versions.reduce((n, v) => n + v.status.replicas.ready, 0)}/${versions.reduce((n, v) => n + v.status.replicas.current, 0)} ready`
      : summaryLine(status);
    return { namespace, serviceName, status, summary, versions, auth: authOf(of(deployments)) };
  });
}

/** Pure: the load-balancer state of each single service (endpoint versions are reached through their route). */
export function loadBalancersOf(services: readonly V1Service[]): Map<string, ServiceExposureState> {
  const out = new Map<string, ServiceExposureState>();
  for (const s of services) {
    const labels = s.metadata?.labels ?? {};
    const serviceName = labels[SERVICE_LABEL];
    if (!serviceName || labels[VERSION_LABEL] || s.spec?.type !== 'LoadBalancer') continue;
    out.set(`${s.metadata?.namespace ?? 'default'}/${serviceName}`, exposureStateOf(s));
  }
  return out;
}

/** The recorded auth mode of the service's Deployments (the newest one's); else whether they run the auth proxy. */
export function authOf(deployments: readonly V1Deployment[]): ServiceAuth {
  const created = (d: V1Deployment) => new Date(d.metadata?.creationTimestamp ?? 0).getTime();
  const newest = [...deployments].sort((a, b) => created(b) - created(a));
  for (const d of newest) {
    const mode = d.metadata?.annotations?.[AUTH_MODE_ANNOTATION];
    if (mode === 'key' || mode === 'token' || mode === 'none') return mode;
  }
  const proxied = deployments.some((d) => d.spec?.template?.spec?.containers?.some((c) => c.name === AUTH_PROXY_CONTAINER));
  return proxied ? 'auth' : 'none';
}

function describe(e: unknown): string {
  if (e && typeof e === 'object') {
    const x = e as { code?: unknown; body?: unknown; message?: unknown };
    if (typeof x.body === 'string') {
      try {
        return (JSON.parse(x.body) as { message?: string }).message ?? x.body;
      } catch {
        return x.body;
      }
    }
    if (typeof x.message === 'string') return x.message;
  }
  return String(e);
}
