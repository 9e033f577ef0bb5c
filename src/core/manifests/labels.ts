// The labels every object a deploy creates carries (docs/ARCHITECTURE.md, "The cluster side"): how the tree, logs,
// status and delete find "this service's objects" without any other bookkeeping.
export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
export const MANAGED_BY_VALUE = 'aks-model-deploy';
export const SERVICE_LABEL = 'aksmodel.io/service';
export const VERSION_LABEL = 'aksmodel.io/version';
/** The field manager of every server-side apply this extension makes. */
export const FIELD_MANAGER = 'aks-model-deploy';

export function serviceLabels(service: string, version?: string): Record<string, string> {
  return { [MANAGED_BY_LABEL]: MANAGED_BY_VALUE, [SERVICE_LABEL]: service, ...(version ? { [VERSION_LABEL]: version } : {}) };
}

/** A label selector for everything of one service (all versions), or of every service this extension made. */
export function serviceSelector(service?: string): string {
  return service ? `${MANAGED_BY_LABEL}=${MANAGED_BY_VALUE},${SERVICE_LABEL}=${service}` : `${MANAGED_BY_LABEL}=${MANAGED_BY_VALUE}`;
}
