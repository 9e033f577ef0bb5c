// One authenticated HTTP channel to Azure (ARM or storage) on @azure/core-rest-pipeline: its default retry
// policies retry 429/503 honouring Retry-After and other 5xx/network errors with exponential backoff; abort
// signals pass straight down. We add only a logging policy (no headers, no bodies) and error mapping.
import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/core-auth';
import {
  bearerTokenAuthenticationPolicy,
  createHttpHeaders,
  createPipelineFromOptions,
  createPipelineRequest,
  createDefaultHttpClient,
  type HttpClient,
  type HttpMethods,
  type Pipeline,
  type PipelineResponse,
} from '@azure/core-rest-pipeline';
import type { Agent } from 'node:http';
import type { Logger } from '../core/logger';
import { AzureCredentialError, AzureRequestError, armErrorDetails, isAbortError } from './errors';

export interface AzureHttpOptions {
  credential: TokenCredential;
  logger: Logger;
  /** Token scope, e.g. `https://management.azure.com/.default`. */
  scope: string;
  /** Only for tests or corporate proxies: an https.Agent that trusts an extra CA. Never disables TLS checks. */
  agent?: Agent;
  maxRetries?: number;
  /** Delay before the first exponential retry (5xx); Retry-After always wins for 429/503. */
  retryDelayInMs?: number;
}

export interface SendOptions {
  operation: string;
  method: HttpMethods;
  url: string;
  signal: AbortSignal;
  body?: unknown;
  headers?: Record<string, string>;
  /** Ask for the body as a Node stream (downloads). */
  stream?: boolean;
}

export class AzureHttp {
  private readonly pipeline: Pipeline;
  private readonly client: HttpClient = createDefaultHttpClient();

  constructor(private readonly options: AzureHttpOptions) {
    this.pipeline = createPipelineFromOptions({
      agent: options.agent,
      retryOptions: { maxRetries: options.maxRetries ?? 4, retryDelayInMs: options.retryDelayInMs ?? 800 },
      userAgentOptions: { userAgentPrefix: 'aks-model-deploy' },
    });
    this.pipeline.addPolicy(
      bearerTokenAuthenticationPolicy({ credential: guardedCredential(options.credential), scopes: options.scope }),
    );
    this.pipeline.addPolicy(
      {
        name: 'aksModelLogPolicy',
        sendRequest: async (request, next) => {
          const started = Date.now();
          const where = redactUrl(request.url);
          try {
            const response = await next(request);
            options.logger.debug(`${request.method} ${where} → ${response.status} (${Date.now() - started} ms)`);
            return response;
          } catch (e) {
            if (!isAbortError(e)) options.logger.debug(`${request.method} ${where} → ${(e as Error).message}`);
            throw e;
          }
        },
      },
      { afterPhase: 'Retry' },
    );
  }

  /** Sends and returns a 2xx response; anything else becomes an AzureRequestError / AzureCredentialError. */
  async send(o: SendOptions): Promise<PipelineResponse> {
    o.signal.throwIfAborted();
    const request = createPipelineRequest({
      url: o.url,
      method: o.method,
      abortSignal: o.signal,
      headers: createHttpHeaders({ accept: 'application/json', ...o.headers }),
      body: o.body === undefined ? undefined : JSON.stringify(o.body),
      streamResponseStatusCodes: o.stream ? new Set([200, 206]) : undefined,
    });
    if (o.body !== undefined) request.headers.set('content-type', 'application/json');
    let response: PipelineResponse;
    try {
      response = await this.pipeline.sendRequest(this.client, request);
    } catch (e) {
      if (isAbortError(e)) throw e;
      if (e instanceof CredentialFailure) throw new AzureCredentialError(o.operation, e.message);
      throw new Error(`${o.operation} failed: ${(e as Error).message}`);
    }
    if (response.status >= 200 && response.status < 300) return response;
    response.readableStreamBody?.resume();
    const { code, message } = armErrorDetails(await parseErrorBody(response));
    const requestId = response.headers.get('x-ms-request-id') ?? response.headers.get('x-ms-correlation-request-id');
    throw new AzureRequestError(o.operation, response.status, code, message, requestId);
  }

  async getJson<T>(operation: string, url: string, signal: AbortSignal): Promise<T> {
    return parseJson<T>(operation, await this.send({ operation, method: 'GET', url, signal }));
  }

  async postJson<T>(operation: string, url: string, signal: AbortSignal, body?: unknown): Promise<T> {
    return parseJson<T>(operation, await this.send({ operation, method: 'POST', url, signal, body }));
  }
}

function parseJson<T>(operation: string, response: PipelineResponse): T {
  try {
    return JSON.parse(response.bodyAsText ?? '') as T;
  } catch {
    throw new Error(`${operation} failed: the response was not JSON (HTTP ${response.status})`);
  }
}

async function parseErrorBody(response: PipelineResponse): Promise<unknown> {
  const text = response.bodyAsText ?? '';
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    if (!text.trimStart().startsWith('<')) return undefined;
    const { parseXML } = await import('@azure/core-xml');
    return parseXML(text).catch(() => undefined);
  }
}

class CredentialFailure extends Error {}

/** Marks credential failures so they are reported as sign-in problems, not as network errors. */
function guardedCredential(credential: TokenCredential): TokenCredential {
  return {
    async getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken | null> {
      let token: AccessToken | null;
      try {
        token = await credential.getToken(scopes, options);
      } catch (e) {
        if (isAbortError(e)) throw e;
        throw new CredentialFailure(e instanceof Error ? e.message : String(e));
      }
      if (!token) throw new CredentialFailure('the credential returned no token');
      return token;
    },
  };
}

/** Query strings can hold SAS signatures on storage URLs; log the path only. */
function redactUrl(url: string): string {
  const u = new URL(url);
  const apiVersion = u.searchParams.get('api-version');
  return `${u.origin}${u.pathname}${apiVersion ? `?api-version=${apiVersion}` : ''}`;
}
