// The entry point of the engine: one object holding the ARM channel and, on demand, the storage channel.
// The base URL is a parameter so that sovereign clouds and the tests' replay server work the same way.
import type { TokenCredential } from '@azure/core-auth';
import type { Agent } from 'node:http';
import { taggedLogger, type Logger } from '../core/logger';
import { AzureHttp } from './azureHttp';
import { AzureUsageError } from './errors';

export const defaultArmBaseUrl = 'https://management.azure.com';
export const storageScope = 'https://storage.azure.com/.default';

export interface AzureClientOptions {
  credential: TokenCredential;
  logger: Logger;
  /** `https://management.azure.com` unless a sovereign cloud or a test server. */
  armBaseUrl?: string;
  /** An https.Agent trusting an extra CA (tests, TLS-inspecting proxies). Never turns TLS checks off. */
  agent?: Agent;
  maxRetries?: number;
  retryDelayInMs?: number;
}

export class AzureClient {
  readonly armBaseUrl: string;
  readonly arm: AzureHttp;
  readonly logger: Logger;
  private storageHttp: AzureHttp | undefined;

  constructor(private readonly options: AzureClientOptions) {
    const base = new URL(options.armBaseUrl ?? defaultArmBaseUrl);
    if (base.protocol !== 'https:') throw new AzureUsageError(`The ARM base URL must be https: ${base.origin}`);
    this.armBaseUrl = base.origin;
    this.logger = taggedLogger(options.logger, 'azure');
    this.arm = new AzureHttp({ ...this.httpOptions(), scope: `${this.armBaseUrl}/.default` });
  }

  get storage(): AzureHttp {
    this.storageHttp ??= new AzureHttp({ ...this.httpOptions(), scope: storageScope });
    return this.storageHttp;
  }

  /** An absolute ARM URL for a resource path, with the api-version (and other query values) set. */
  armUrl(path: string, apiVersion: string, query: Record<string, string | undefined> = {}): string {
    const url = new URL(path, this.armBaseUrl);
    url.searchParams.set('api-version', apiVersion);
    for (const [k, v] of Object.entries(query)) if (v !== undefined) url.searchParams.set(k, v);
    return url.toString();
  }

  /** nextLinks are followed only on the ARM origin: the ARM token must not travel to another host. */
  checkNextLink(nextLink: string, operation: string): string {
    const url = new URL(nextLink, this.armBaseUrl);
    if (url.origin !== this.armBaseUrl) {
      throw new AzureUsageError(`${operation}: refusing to follow a nextLink to another host (${url.origin})`);
    }
    return url.toString();
  }

  private httpOptions() {
    const { credential, agent, maxRetries, retryDelayInMs } = this.options;
    return { credential, agent, maxRetries, retryDelayInMs, logger: this.logger };
  }
}
