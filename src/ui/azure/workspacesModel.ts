// The Azure ML workspaces tree as plain data: subscriptions → workspaces → "Models" / "AKS Targets" → items.
// Each expandable node owns a pager: its first page loads on expand, further pages on "Load more"; a failure
// becomes an error node with a retry, never a pop-up. No vscode import (the provider adapts it).
import type { KubernetesCompute } from '../../azure/computes';
import type { ModelContainer, ModelVersion, WorkspaceRef } from '../../azure/models';
import type { AzureSubscription } from '../../azure/subscriptions';
import type { MlWorkspace } from '../../azure/workspaces';
import type { AzureBrowser, Pages } from './azureBrowser';

export type NodeKind =
  | 'subscription' | 'workspace' | 'modelsFolder' | 'targetsFolder' | 'model' | 'modelVersion' | 'compute'
  | 'loadMore' | 'error' | 'empty' | 'loading';

export interface TreeNode {
  readonly id: string;
  readonly kind: NodeKind;
  readonly label: string;
  readonly description?: string;
  readonly tooltip?: string;
  readonly expandable: boolean;
  readonly parent?: TreeNode;
  readonly subscription?: AzureSubscription;
  readonly workspace?: MlWorkspace;
  readonly model?: ModelContainer;
  readonly version?: ModelVersion;
  readonly compute?: KubernetesCompute;
}

class Pager {
  items: TreeNode[] = [];
  error: Error | undefined;
  private iterator: Pages<unknown> | undefined;
  private done = false;
  private pending: Promise<void> | undefined;

  constructor(
    private readonly open: () => Pages<unknown>,
    private readonly toNode: (item: unknown) => TreeNode,
  ) {}

  get started(): boolean {
    return this.iterator !== undefined;
  }

  get hasMore(): boolean {
    return !this.done && !this.error;
  }

  /** Fetches the next page; concurrent calls share one request. A failure is kept for an error node. */
  next(): Promise<void> {
    this.pending ??= (async () => {
      try {
        this.iterator ??= this.open();
        const r = await this.iterator.next();
        if (r.done) this.done = true;
        else {
          this.items.push(...r.value.map(this.toNode));
          if (r.value.hasMore === false) this.done = true;
        }
      } catch (e) {
        // A failed async generator is closed: a retry starts the listing again.
        this.error = e instanceof Error ? e : new Error(String(e));
        this.iterator = undefined;
        this.items = [];
      } finally {
        this.pending = undefined;
      }
    })();
    return this.pending;
  }

  reset(): void {
    this.error = undefined;
    this.iterator = undefined;
    this.done = false;
    this.items = [];
  }
}

export class WorkspacesModel {
  private readonly pagers = new Map<string, Pager>();
  private abort = new AbortController();
  private subscriptionFilter: ReadonlySet<string> | undefined;

  constructor(
    private readonly browser: AzureBrowser,
    private readonly isCancel: (e: Error) => boolean = (e) => e.name === 'AbortError',
  ) {}

  /** Only these subscription ids are shown (undefined: all). */
  setSubscriptionFilter(ids: Iterable<string> | undefined): void {
    this.subscriptionFilter = ids ? new Set(ids) : undefined;
  }

  /** Forgets everything loaded and cancels what is in flight (refresh, sign-out, tenant change). */
  reset(): void {
    this.abort.abort();
    this.abort = new AbortController();
    this.pagers.clear();
  }

  async children(node?: TreeNode): Promise<TreeNode[]> {
    if (node && !node.expandable) return [];
    if (node?.kind === 'workspace') return this.workspaceFolders(node);
    const pager = this.pagerFor(node);
    if (!pager.started && !pager.error) await pager.next();
    return this.render(node, pager);
  }

  /** "Load more": fetches the parent's next page; returns the node whose children changed. */
  async loadMore(loadMore: TreeNode): Promise<TreeNode | undefined> {
    await this.pagerFor(loadMore.parent).next();
    return loadMore.parent;
  }

  /** Retry after an error node: starts that listing again; returns the node to refresh. */
  async retry(errorNode: TreeNode): Promise<TreeNode | undefined> {
    const pager = this.pagerFor(errorNode.parent);
    pager.reset();
    await pager.next();
    return errorNode.parent;
  }

  private render(parent: TreeNode | undefined, pager: Pager): TreeNode[] {
    let items = pager.items;
    if (!parent && this.subscriptionFilter) items = items.filter((n) => this.subscriptionFilter?.has(n.subscription?.subscriptionId ?? ''));
    const out = [...items];
    const base = parent?.id ?? 'azure';
    if (pager.error && !this.isCancel(pager.error)) {
      out.push({ id: `${base}/error`, kind: 'error', label: `Could not load: ${pager.error.message}`, tooltip: pager.error.message, description: 'Retry', expandable: false, parent });
    } else if (pager.hasMore && pager.started) {
      out.push({ id: `${base}/loadMore/${pager.items.length}`, kind: 'loadMore', label: 'Load more…', expandable: false, parent });
    }
    if (out.length === 0) out.push({ id: `${base}/empty`, kind: 'empty', label: emptyLabel(parent), expandable: false, parent });
    return out;
  }

  private workspaceFolders(ws: TreeNode): TreeNode[] {
    const common = { expandable: true, parent: ws, subscription: ws.subscription, workspace: ws.workspace };
    return [
      { ...common, id: `${ws.id}/models`, kind: 'modelsFolder', label: 'Models' },
      { ...common, id: `${ws.id}/targets`, kind: 'targetsFolder', label: 'AKS Targets' },
    ];
  }

  private pagerFor(node: TreeNode | undefined): Pager {
    const key = node?.id ?? 'azure';
    let pager = this.pagers.get(key);
    if (!pager) {
      pager = this.createPager(node);
      this.pagers.set(key, pager);
    }
    return pager;
  }

  private createPager(node: TreeNode | undefined): Pager {
    const signal = this.abort.signal;
    const b = this.browser;
    const ws = node?.workspace as MlWorkspace;
    const wsRef: WorkspaceRef = ws && { subscriptionId: ws.subscriptionId, resourceGroup: ws.resourceGroup, name: ws.name };
    switch (node?.kind) {
      case undefined:
        return new Pager(() => b.subscriptions(signal), (s) => subscriptionNode(s as AzureSubscription));
      case 'subscription':
        return new Pager(() => b.workspaces(node.subscription?.subscriptionId ?? '', signal), (w) => workspaceNode(node, w as MlWorkspace));
      case 'modelsFolder':
        return new Pager(() => b.models(wsRef, signal), (m) => modelNode(node, m as ModelContainer));
      case 'model':
        return new Pager(() => b.modelVersions(wsRef, node.model?.name ?? '', signal), (v) => versionNode(node, v as ModelVersion));
      case 'targetsFolder':
        return new Pager(() => b.computes(wsRef, signal), (c) => computeNode(node, c as KubernetesCompute));
      default:
        throw new Error(`${node?.kind ?? "root"} nodes have no children`);
    }
  }
}

function subscriptionNode(s: AzureSubscription): TreeNode {
  return { id: `azure/sub:${s.subscriptionId}`, kind: 'subscription', label: s.displayName, description: s.subscriptionId, expandable: true, subscription: s };
}

function workspaceNode(parent: TreeNode, w: MlWorkspace): TreeNode {
  return {
    id: `${parent.id}/ws:${w.resourceGroup}/${w.name}`.toLowerCase(),
    kind: 'workspace',
    label: w.name,
    description: [w.resourceGroup, w.location].filter(Boolean).join(' · '),
    tooltip: w.id,
    expandable: true,
    parent,
    subscription: parent.subscription,
    workspace: w,
  };
}

function modelNode(parent: TreeNode, m: ModelContainer): TreeNode {
  return {
    id: `${parent.id}/model:${m.name}`,
    kind: 'model',
    label: m.name,
    description: m.latestVersion ? `latest ${m.latestVersion}` : undefined,
    tooltip: m.description,
    expandable: true,
    parent,
    subscription: parent.subscription,
    workspace: parent.workspace,
    model: m,
  };
}

export function formatTags(tags: Record<string, string>): string {
  return Object.entries(tags).map(([k, v]) => (v ? `${k}=${v}` : k)).join(', ');
}

function versionNode(parent: TreeNode, v: ModelVersion): TreeNode {
  const created = v.createdAt ? v.createdAt.replace('T', ' ').slice(0, 16) : undefined;
  const tags = formatTags(v.tags);
  return {
    id: `${parent.id}/v:${v.version}`,
    kind: 'modelVersion',
    label: `${v.modelName}:${v.version}`,
    description: [created, tags].filter(Boolean).join(' · '),
    tooltip: [v.description, v.modelUri && `URI: ${v.modelUri}`, tags && `Tags: ${tags}`].filter(Boolean).join('\n'),
    expandable: false,
    parent,
    subscription: parent.subscription,
    workspace: parent.workspace,
    model: parent.model,
    version: v,
  };
}

function computeNode(parent: TreeNode, c: KubernetesCompute): TreeNode {
  return {
    id: `${parent.id}/compute:${c.name}`,
    kind: 'compute',
    label: c.name,
    description: [c.computeType, c.provisioningState].filter(Boolean).join(' · '),
    tooltip: c.resourceId,
    expandable: false,
    parent,
    subscription: parent.subscription,
    workspace: parent.workspace,
    compute: c,
  };
}

function emptyLabel(parent: TreeNode | undefined): string {
  switch (parent?.kind) {
    case undefined: return 'No subscriptions (check the tenant or the subscription filter)';
    case 'subscription': return 'No Azure ML workspaces';
    case 'modelsFolder': return 'No registered models';
    case 'model': return 'No versions';
    case 'targetsFolder': return 'No AKS or Kubernetes compute targets';
    default: return 'Nothing here';
  }
}
