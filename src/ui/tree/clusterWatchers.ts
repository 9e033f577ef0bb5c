// One live watch per expanded cluster (kube engine's watchClusterServices), started on first expand and stopped on
// refresh or dispose. Changes arrive in bursts (a rollout touches pods, ReplicaSets, the Deployment): the tree is
// told at most every 150 ms. A service's load-balancer address is told apart, for its row alone.
import type * as vscode from 'vscode';
import type { KubeConfig } from '@kubernetes/client-node';
import type { Logger } from '../../core/logger';
import type { ClusterServicesView, ClusterServicesWatch, ServiceExposureState } from '../../kube';
import { kubeEngine } from '../engines';
import { type ClusterRef, defaultNamespace } from '../kube/clusterRef';

export type KubeConfigResolver = (cluster: ClusterRef) => KubeConfig;

interface Running {
  watch: ClusterServicesWatch;
  stop: AbortController;
  timer?: NodeJS.Timeout;
}

const FIRST_LIST_WAIT_MS = 10_000;
const COALESCE_MS = 150;

export class ClusterWatchers implements vscode.Disposable {
  private readonly running = new Map<string, Running>();
  /** Watches started so far, per cluster key (a refresh restarts them; an endpoint change must not). */
  readonly starts = new Map<string, number>();

  constructor(
    private readonly resolve: KubeConfigResolver,
    private readonly logger: Logger,
    private readonly onChange: (key: string) => void,
    private readonly onRowChange: (key: string, namespace: string, serviceName: string) => void = () => {},
  ) {}

  /** The single service's load-balancer state, from its cluster's running watch. */
  loadBalancer(key: string, namespace: string, serviceName: string): ServiceExposureState | undefined {
    return this.running.get(key)?.watch.loadBalancer(namespace, serviceName);
  }

  /** The cluster's current view, starting its watch if needed; undefined while the first list is still on its way. */
  async view(cluster: ClusterRef, key: string): Promise<ClusterServicesView | undefined> {
    let r = this.running.get(key);
    if (!r) {
      const kc = this.resolve(cluster);
      const stop = new AbortController();
      const entry: Running = { stop } as Running;
      entry.watch = kubeEngine().watchClusterServices(kc, {
        signal: stop.signal,
        fallbackNamespace: defaultNamespace(kc),
        logger: this.logger,
        onChange: () => {
          if (entry.timer || stop.signal.aborted) return;
          entry.timer = setTimeout(() => {
            entry.timer = undefined;
            if (!stop.signal.aborted) this.onChange(key);
          }, COALESCE_MS);
        },
        onLoadBalancerChange: (namespace, serviceName) => {
          if (!stop.signal.aborted) this.onRowChange(key, namespace, serviceName);
        },
      });
      this.running.set(key, entry);
      this.starts.set(key, (this.starts.get(key) ?? 0) + 1);
      r = entry;
    }
    const watch = r.watch;
    // Every change re-reads the children: once listed, answer from the cache without arming a timer.
    if (watch.view().synced) return watch.view();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((res) => (timer = setTimeout(() => res('timeout'), FIRST_LIST_WAIT_MS)));
    // A stopped watch never syncs: answer at once, so the tree does not hold this cluster's changes for nothing.
    const signal = r.stop.signal;
    const stopped = new Promise<'timeout'>((res) => (signal.aborted ? res('timeout') : signal.addEventListener('abort', () => res('timeout'), { once: true })));
    const first = await Promise.race([watch.synced.then(() => 'synced' as const), timeout, stopped]);
    clearTimeout(timer);
    return first === 'timeout' ? undefined : watch.view();
  }

  stopAll(): void {
    for (const r of this.running.values()) {
      clearTimeout(r.timer);
      r.stop.abort();
    }
    this.running.clear();
  }

  dispose(): void {
    this.stopAll();
  }
}
