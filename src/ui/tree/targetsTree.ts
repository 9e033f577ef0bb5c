// Deploy targets: this machine ("Local"), then the clusters each source knows (kubeconfig contexts; Azure joins).
// Under a cluster: the services this extension deployed (endpoints with their versions) and their replicas, live
// from watches (clusterWatchers.ts). A source or cluster that fails shows as an error node, never as a pop-up.
import * as vscode from 'vscode';
import type { Logger } from '../../core/logger';
import { ContextKey } from '../contextKeys';
import type { ReplicaInfo, ServiceView, VersionView } from '../../kube';
import type { ClusterRef, ServiceRef } from '../kube/clusterRef';
import { ClusterWatchers, type KubeConfigResolver } from './clusterWatchers';
import type { ViewTree } from './viewTree';

export interface ClusterTarget {
  /** Stable across refreshes, unique across sources. */
  readonly id: string;
  readonly label: string;
  readonly description?: string;
  readonly tooltip?: string;
  readonly current?: boolean;
}

export interface ClusterSource {
  readonly id: string;
  list(): Promise<{ targets: ClusterTarget[]; problems: string[] }>;
  readonly onDidChange?: vscode.Event<void>;
}

export type TargetNode =
  | { readonly kind: 'local' }
  | { readonly kind: 'cluster'; readonly source: string; readonly target: ClusterTarget; readonly cluster: ClusterRef }
  | { readonly kind: 'service' | 'endpoint'; readonly ref: ServiceRef; readonly view: ServiceView }
  | { readonly kind: 'endpointVersion'; readonly ref: ServiceRef; readonly view: VersionView; readonly description?: string }
  | { readonly kind: 'replica'; readonly ref: ServiceRef; readonly replica: ReplicaInfo }
  | { readonly kind: 'info'; readonly parent: string; readonly message: string; readonly icon?: string }
  | { readonly kind: 'error'; readonly source: string; readonly message: string; readonly parent?: string };

/** Lets the endpoint area describe a version (share, role, readiness) without the tree knowing how. */
export type VersionDescriber = (endpoint: ServiceRef, versions: readonly VersionView[]) => Promise<ReadonlyMap<string, string>>;

const clusterKey = (c: ClusterRef) => `${c.source}:${c.targetId}`;
/** A service or endpoint row's tree item id. */
const rowId = (key: string, namespace: string, serviceName: string) => `target:${key}:${namespace}/${serviceName}`;
/** The cluster's changes are held while a read is pending: a slow describer must not hold them for long. */
const DESCRIBE_WAIT_MS = 10_000;

/** The cluster whose watch feeds this node's children; undefined for the roots and for leaves. */
function subtreeOf(node: TargetNode): string | undefined {
  if (node.kind === 'cluster') return clusterKey(node.cluster);
  if (node.kind === 'service' || node.kind === 'endpoint' || node.kind === 'endpointVersion') return clusterKey(node.ref.cluster);
  return undefined;
}

export class TargetsTree implements ViewTree<TargetNode> {
  private readonly changed = new vscode.EventEmitter<TargetNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly sources: ClusterSource[] = [];
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private watchers: ClusterWatchers | undefined;
  /** The same node object per cluster, so a cluster's watch can refresh just that subtree. */
  private clusterNodes = new Map<string, Extract<TargetNode, { kind: 'cluster' }>>();
  private describeVersions: VersionDescriber | undefined;
  private tooltipDetail: ((ref: ServiceRef) => Promise<string>) | undefined;
  /**
   * Reads of children in flight, per cluster. VS Code's tree registers the children of a read under the parent
   * node it had when the read began; a change event for that parent while the read is pending replaces the
   * parent, so the read's children land on the discarded one and their ids stay registered: every later read of
   * the same rows fails with "Element with id … is already registered" and the node stays empty until Refresh.
   * A cluster's change is therefore held until its reads are answered (the first answer waits for the watch's
   * first lists, and the watch reports changes while it lists).
   */
  private readonly reading = new Map<string, number>();
  private readonly held = new Set<string>();
  /** Service rows whose load-balancer state changed while their cluster was read, by row id. */
  private readonly heldRows = new Map<string, Set<string>>();
  /** The service row last listed, by row id: a load-balancer change refreshes that row alone. */
  private rows = new Map<string, TargetNode>();
  /** Who listed each node, for getParent (reveal). */
  private readonly parents = new WeakMap<TargetNode, TargetNode>();
  private primeTimer: ReturnType<typeof setTimeout> | undefined;
  /** The Targets view, once createView made it. */
  view: vscode.TreeView<TargetNode> | undefined;

  /** Registers the view with this provider; the view is kept so that its nodes can be revealed. */
  createView(viewId: string): vscode.TreeView<TargetNode> {
    this.view = vscode.window.createTreeView(viewId, { treeDataProvider: this });
    this.disposables.push(this.view);
    return this.view;
  }

  addSource(source: ClusterSource): void {
    this.sources.push(source);
    if (source.onDidChange) this.disposables.push(source.onDidChange(() => this.refresh()));
    this.refresh();
  }

  /** Enables the services under clusters (the resolver turns a cluster into credentials, on first expand). */
  connect(resolve: KubeConfigResolver, logger: Logger): void {
    this.watchers = new ClusterWatchers(resolve, logger, (key) => this.clusterChanged(key), (key, ns, name) => this.rowChanged(key, rowId(key, ns, name)));
    this.disposables.push(this.watchers);
  }

  setVersionDescriber(describe: VersionDescriber): void {
    this.describeVersions = describe;
  }

  /** Lines added to a service/endpoint/version row's tooltip when it is hovered (the scoring URI, issue 18). */
  setTooltipDetail(detail: (ref: ServiceRef) => Promise<string>): void {
    this.tooltipDetail = detail;
  }

  async resolveTreeItem(item: vscode.TreeItem, node: TargetNode): Promise<vscode.TreeItem> {
    if (!this.tooltipDetail || (node.kind !== 'service' && node.kind !== 'endpoint' && node.kind !== 'endpointVersion')) return item;
    const detail = await within(this.tooltipDetail(node.ref), DESCRIBE_WAIT_MS);
    if (detail) item.tooltip = `${typeof item.tooltip === 'string' ? item.tooltip : ''}\n${detail}`;
    return item;
  }

  /** Re-reads the sources and restarts every cluster watch (kubeconfig credentials may have changed). */
  refresh(): void {
    this.watchers?.stopAll();
    this.changed.fire(undefined);
    this.primeSoon();
  }

  /** Reads the sources while the view is not shown, so that `aksModel.targets.noCluster` (palette entries,
   * welcome) is true to the sources before anyone opens Targets; a shown view reads them itself. */
  private primeSoon(): void {
    clearTimeout(this.primeTimer);
    this.primeTimer = setTimeout(() => {
      if (!this.view?.visible) void this.setClusterContext();
    }, 0);
  }

  /** Only the context keys: no nodes are made here, so the view's reads keep their node identities. */
  private async setClusterContext(): Promise<void> {
    const lists = await Promise.all(this.sources.map((s) => s.list().catch(() => ({ targets: [] }))));
    void vscode.commands.executeCommand('setContext', ContextKey.noCluster, lists.every((l) => l.targets.length === 0));
    void vscode.commands.executeCommand('setContext', ContextKey.targetsListed, true);
  }

  /** How many times each cluster's watch was started, by cluster label (tests check that watches are kept). */
  watchStarts(): Record<string, number> {
    const byKey = this.watchers?.starts ?? new Map<string, number>();
    return Object.fromEntries([...this.clusterNodes].map(([key, node]) => [node.target.label, byKey.get(key) ?? 0]));
  }

  /** Re-reads one cluster's services (an endpoint there changed): its watch keeps running, other clusters are untouched. */
  refreshCluster(cluster: ClusterRef): void {
    this.clusterChanged(clusterKey(cluster));
  }

  private clusterChanged(key: string): void {
    if (this.reading.has(key)) {
      this.held.add(key);
      return;
    }
    this.changed.fire(this.clusterNodes.get(key));
  }

  /** One service row's load-balancer state changed: that row is re-rendered (held, as above, while its cluster is read). */
  private rowChanged(key: string, id: string): void {
    if (this.reading.has(key)) {
      const ids = this.heldRows.get(key) ?? new Set<string>();
      this.heldRows.set(key, ids.add(id));
      return;
    }
    const row = this.rows.get(id);
    if (row) this.changed.fire(row);
  }

  async getChildren(node?: TargetNode): Promise<TargetNode[]> {
    const key = node && subtreeOf(node);
    if (key) this.reading.set(key, (this.reading.get(key) ?? 0) + 1);
    try {
      const children = await this.childrenOf(node);
      if (node) for (const child of children) this.parents.set(child, node);
      return children;
    } finally {
      if (key) this.readDone(key);
    }
  }

  getParent(node: TargetNode): TargetNode | undefined {
    return this.parents.get(node);
  }

  private readDone(key: string): void {
    const left = (this.reading.get(key) ?? 1) - 1;
    if (left > 0) {
      this.reading.set(key, left);
      return;
    }
    this.reading.delete(key);
    // VS Code registers the answer in microtasks after it resolves; tell it of the held change after that.
    const rows = this.heldRows.get(key);
    this.heldRows.delete(key);
    if (this.held.delete(key)) setTimeout(() => this.clusterChanged(key), 0);
    else if (rows) setTimeout(() => rows.forEach((id) => this.rowChanged(key, id)), 0);
  }

  private async childrenOf(node?: TargetNode): Promise<TargetNode[]> {
    if (!node) return this.roots();
    if (node.kind === 'cluster') return this.servicesOf(node.cluster);
    if (node.kind === 'service') return replicas(node.ref, node.view.status.pods);
    if (node.kind === 'endpoint') {
      const descriptions = await within(this.describeVersions?.(node.ref, node.view.versions), DESCRIBE_WAIT_MS);
      return node.view.versions.map((v) => ({ kind: 'endpointVersion', ref: { ...node.ref, version: v.version }, view: v, description: descriptions?.get(v.version) }));
    }
    if (node.kind === 'endpointVersion') return replicas(node.ref, node.view.status.pods);
    return [];
  }

  private async roots(): Promise<TargetNode[]> {
    const nodes: TargetNode[] = [{ kind: 'local' }];
    const seen = new Map<string, Extract<TargetNode, { kind: 'cluster' }>>();
    for (const source of this.sources) {
      try {
        const { targets, problems } = await source.list();
        for (const target of targets) {
          const cluster: ClusterRef = { source: source.id, targetId: target.id, label: target.label };
          const key = clusterKey(cluster);
          const old = this.clusterNodes.get(key);
          const same = old && JSON.stringify(old.target) === JSON.stringify(target);
          const node = same ? old : { kind: 'cluster' as const, source: source.id, target, cluster };
          seen.set(key, node);
          nodes.push(node);
        }
        nodes.push(...problems.map((message): TargetNode => ({ kind: 'error', source: source.id, message })));
      } catch (err) {
        nodes.push({ kind: 'error', source: source.id, message: err instanceof Error ? err.message : String(err) });
      }
    }
    this.clusterNodes = seen;
    // With no cluster (and nothing to report) the view is empty, so that its welcome says how to add one.
    void vscode.commands.executeCommand('setContext', ContextKey.noCluster, seen.size === 0);
    void vscode.commands.executeCommand('setContext', ContextKey.targetsListed, true);
    return nodes.length === 1 ? [] : nodes;
  }

  private async servicesOf(cluster: ClusterRef): Promise<TargetNode[]> {
    const parent = clusterKey(cluster);
    if (!this.watchers) return [];
    let view;
    try {
      view = await this.watchers.view(cluster, parent);
    } catch (err) {
      return [{ kind: 'error', source: cluster.source, parent, message: err instanceof Error ? err.message : String(err) }];
    }
    if (!view) return [{ kind: 'info', parent, message: 'Connecting…', icon: 'loading~spin' }];
    if (view.error) return [{ kind: 'error', source: cluster.source, parent, message: view.error }];
    const nodes: TargetNode[] = view.services.map((s) => ({
      kind: s.versions.length > 0 ? 'endpoint' : 'service',
      ref: { cluster, namespace: s.namespace, serviceName: s.serviceName },
      view: s,
    }));
    for (const [id, row] of this.rows) if (row.kind === 'service' && clusterKey(row.ref.cluster) === parent) this.rows.delete(id);
    for (const n of nodes) if (n.kind === 'service') this.rows.set(rowId(parent, n.ref.namespace, n.ref.serviceName), n);
    if (view.onlyNamespace) nodes.push({ kind: 'info', parent, message: `Only namespace ${view.onlyNamespace}: you may not list the others`, icon: 'info' });
    if (nodes.length === 0) nodes.push({ kind: 'info', parent, message: 'No service deployed by AKS Model Deploy', icon: 'info' });
    return nodes;
  }

  getTreeItem(node: TargetNode): vscode.TreeItem {
    switch (node.kind) {
      case 'local': {
        const item = new vscode.TreeItem('Local', vscode.TreeItemCollapsibleState.None);
        item.id = 'target:local';
        item.description = 'this machine: process or Docker';
        item.contextValue = 'localTarget';
        item.iconPath = new vscode.ThemeIcon('vm');
        return item;
      }
      case 'cluster': {
        const item = new vscode.TreeItem(node.target.label, this.watchers ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
        item.id = `target:${node.source}:${node.target.id}`;
        item.description = [node.target.current ? 'current' : '', node.target.description ?? ''].filter(Boolean).join(' · ');
        item.tooltip = node.target.tooltip;
        item.contextValue = `clusterTarget.${node.source}`;
        item.iconPath = new vscode.ThemeIcon('server-environment');
        return item;
      }
      case 'service':
      case 'endpoint': {
        const item = new vscode.TreeItem(node.ref.serviceName, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = rowId(clusterKey(node.ref.cluster), node.ref.namespace, node.ref.serviceName);
        // Read from the live watch, not the node: a load-balancer change re-renders this same node (rowChanged).
        const balancer = node.kind === 'service' ? this.watchers?.loadBalancer(clusterKey(node.ref.cluster), node.ref.namespace, node.ref.serviceName) : undefined;
        item.description = [node.view.summary, node.ref.namespace, balancer?.text].filter(Boolean).join(' · ');
        item.tooltip = `${node.kind === 'endpoint' ? 'Endpoint' : 'Service'} ${node.ref.serviceName} in namespace ${node.ref.namespace} on ${node.ref.cluster.label}\n${node.view.summary}${balancer ? `\n${balancer.text}` : ''}`;
        // `service.key`, `endpoint.token`…: menus offer keys or tokens by the service's auth mode.
        item.contextValue = `${node.kind}.${node.view.auth}`;
        item.iconPath = new vscode.ThemeIcon(node.kind === 'endpoint' ? 'type-hierarchy' : 'cloud', readinessColor(node.view.status.replicas));
        return item;
      }
      case 'endpointVersion': {
        const item = new vscode.TreeItem(node.view.version, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `target:${clusterKey(node.ref.cluster)}:${node.ref.namespace}/${node.ref.serviceName}/${node.view.version}`;
        item.description = node.description ?? node.view.summary;
        item.tooltip = `Version ${node.view.version} of endpoint ${node.ref.serviceName}\n${node.view.summary}`;
        item.contextValue = 'endpointVersion';
        item.iconPath = new vscode.ThemeIcon('versions', readinessColor(node.view.status.replicas));
        return item;
      }
      case 'replica': {
        const item = new vscode.TreeItem(node.replica.name, vscode.TreeItemCollapsibleState.None);
        item.id = `target:${clusterKey(node.ref.cluster)}:${node.ref.namespace}/pod/${node.replica.name}`;
        item.description = `${node.replica.phase}${node.replica.ready ? ' · ready' : ' · not ready'}`;
        item.contextValue = 'replica';
        item.iconPath = new vscode.ThemeIcon(node.replica.ready ? 'pass' : 'circle-large-outline', node.replica.ready ? new vscode.ThemeColor('testing.iconPassed') : undefined);
        return item;
      }
      case 'info': {
        const item = new vscode.TreeItem(node.message, vscode.TreeItemCollapsibleState.None);
        item.id = `target:${node.parent}:info:${node.message}`;
        item.contextValue = 'infoNode';
        if (node.icon) item.iconPath = new vscode.ThemeIcon(node.icon);
        return item;
      }
      case 'error': {
        const item = new vscode.TreeItem(node.message, vscode.TreeItemCollapsibleState.None);
        // Two clusters of one source can fail with the same message: the cluster is part of the id.
        item.id = node.parent ? `target:${node.parent}:error:${node.message}` : `target:${node.source}:error:${node.message}`;
        item.tooltip = node.message;
        item.contextValue = 'errorNode';
        item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
        return item;
      }
    }
  }

  dispose(): void {
    clearTimeout(this.primeTimer);
    vscode.Disposable.from(...this.disposables).dispose();
  }
}

/** The promise's value, or undefined when it fails or takes longer than `ms`. */
async function within<T>(p: Promise<T> | undefined, ms: number): Promise<T | undefined> {
  if (!p) return undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([p.catch(() => undefined), new Promise<undefined>((r) => (timer = setTimeout(() => r(undefined), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

function replicas(ref: ServiceRef, pods: readonly ReplicaInfo[]): TargetNode[] {
  return pods.map((replica) => ({ kind: 'replica', ref, replica }));
}

function readinessColor(r: { ready: number; current: number }): vscode.ThemeColor | undefined {
  if (r.current > 0 && r.ready >= r.current) return new vscode.ThemeColor('testing.iconPassed');
  return r.ready < r.current ? new vscode.ThemeColor('list.warningForeground') : undefined;
}
