// Subscriptions the signed-in identity can see (Microsoft.Resources 2022-12-01, Subscriptions_List).
import type { AzureClient } from './azureClient';
import { apiVersions } from './apiVersions';
import { armPages } from './paging';

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

export function listSubscriptions(client: AzureClient, signal: AbortSignal): AsyncGenerator<AzureSubscription[]> {
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
