// Subscriptions the signed-in identity can see (Microsoft.Resources 2022-12-01, Subscriptions_List).
import type { AzureClient } from './azureClient';
import { apiVersions } from './apiVersions';
import { armPages, type Page } from './paging';

export interface AzureSubscription {
  id: string;
  subscriptionId: string;
  displayName: string;
  tenantId?: string;
  state?: string;
}

interface RawSubscription {
  id?: string;
  subscriptionId?: string;
  displayName?: string;
  tenantId?: string;
  state?: string;
}

export function listSubscriptions(client: AzureClient, signal: AbortSignal): AsyncGenerator<Page<AzureSubscription>> {
  const url = client.armUrl('/subscriptions', apiVersions.subscriptions);
  return armPages<RawSubscription, AzureSubscription>(client, 'Subscriptions_List', url, signal, (s) => {
    const subscriptionId = s.subscriptionId ?? s.id?.split('/').pop();
    if (!subscriptionId) return undefined;
    return {
      id: s.id ?? `/subscriptions/${subscriptionId}`,
      subscriptionId,
      displayName: s.displayName ?? subscriptionId,
      tenantId: s.tenantId,
      state: s.state,
    };
  });
}

export interface AzureTenant {
  tenantId: string;
  displayName?: string;
  defaultDomain?: string;
}

/** Tenants the signed-in account belongs to (Tenants_List), for the tenant choice at sign-in. */
export function listTenants(client: AzureClient, signal: AbortSignal): AsyncGenerator<Page<AzureTenant>> {
  const url = client.armUrl('/tenants', apiVersions.subscriptions);
  return armPages<{ tenantId?: string; displayName?: string; defaultDomain?: string }, AzureTenant>(client, 'Tenants_List', url, signal, (t) =>
    t.tenantId ? { tenantId: t.tenantId, displayName: t.displayName, defaultDomain: t.defaultDomain } : undefined,
  );
}
