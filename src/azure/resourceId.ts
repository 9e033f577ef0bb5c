// ARM resource ids: parsing the parts the engine needs and building request paths with escaped segments.
import { AzureUsageError } from './errors';

export interface ResourceRef {
  id: string;
  subscriptionId: string;
  resourceGroup: string;
  name: string;
}

/** `/subscriptions/{s}/resourceGroups/{rg}/providers/{ns}/{type}/{name}` → its parts (case-insensitive keys). */
export function parseResourceId(id: string): ResourceRef {
  const parts = id.split('/').filter(Boolean);
  const at = (key: string) => {
    const i = parts.findIndex((p) => p.toLowerCase() === key);
    return i >= 0 ? parts[i + 1] : undefined;
  };
  const subscriptionId = at('subscriptions');
  const resourceGroup = at('resourcegroups');
  const name = parts[parts.length - 1];
  if (!subscriptionId || !resourceGroup || !name || parts.length < 8) {
    throw new AzureUsageError(`Not an ARM resource id: ${id}`);
  }
  return { id, subscriptionId: decodeURIComponent(subscriptionId), resourceGroup: decodeURIComponent(resourceGroup), name: decodeURIComponent(name) };
}

/** Joins path segments, escaping each one (names may hold characters that must not split the path). */
export function armPath(...segments: string[]): string {
  return '/' + segments.map((s) => encodeURIComponent(s)).join('/');
}

export function resourceGroupPath(ref: Pick<ResourceRef, 'subscriptionId' | 'resourceGroup'>, ...rest: string[]): string {
  return armPath('subscriptions', ref.subscriptionId, 'resourceGroups', ref.resourceGroup, ...rest);
}
