// ARM list operations as lazy async iterators of pages: the next page is requested only when the consumer
// asks for it, so a tree shows the first page at once and fetches more on "Load more".
import type { AzureClient } from './azureClient';

/** One page of a listing; `hasMore` says whether a nextLink followed (so a tree knows about "Load more"). */
export type Page<T> = T[] & { readonly hasMore?: boolean };

interface ArmPage<R> {
  value?: R[];
  nextLink?: string | null;
}

export async function* armPages<R, T>(
  client: AzureClient,
  operation: string,
  firstUrl: string,
  signal: AbortSignal,
  map: (raw: R) => T | undefined,
): AsyncGenerator<Page<T>, void, undefined> {
  let url: string | undefined = firstUrl;
  let page = 0;
  while (url) {
    signal.throwIfAborted();
    const body: ArmPage<R> = await client.arm.getJson<ArmPage<R>>(operation, url, signal);
    page++;
    const items = (body.value ?? []).map(map).filter((x): x is T => x !== undefined);
    url = body.nextLink ? client.checkNextLink(body.nextLink, operation) : undefined;
    client.logger.trace(`${operation}: page ${page} with ${items.length} item(s)${url ? ', more to come' : ''}`);
    yield Object.assign(items, { hasMore: url !== undefined });
  }
}

/** Drains a paged listing (for callers that want everything, e.g. a quick pick). */
export async function collectPages<T>(pages: AsyncIterable<T[]>, limit = Number.POSITIVE_INFINITY): Promise<T[]> {
  const all: T[] = [];
  for await (const page of pages) {
    all.push(...page);
    if (all.length >= limit) break;
  }
  return all;
}
