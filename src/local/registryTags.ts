// Does a registry already hold <repository>:<tag>? Asked over the Registry HTTP API v2 (HEAD on the manifest), with
// an anonymous bearer token when the registry offers one. When the registry cannot be asked from here (it wants
// credentials, e.g. ACR), the docker CLI is asked instead (`docker manifest inspect` uses the user's `docker login`).
// Credentials and tokens are never logged.
import { isLoopbackRegistry, registryHost } from '../core/imageRef';
import { docker, type DockerOptions } from './dockerCli';

export type TagLookup =
  | { readonly state: 'present'; readonly digest?: string }
  | { readonly state: 'absent' }
  /** The registry did not answer at all (connection refused, unknown host, timeout). */
  | { readonly state: 'unreachable'; readonly reason: string }
  /** It answered but would not say (credentials needed, TLS not trusted by Node, an odd status). */
  | { readonly state: 'unknown'; readonly reason: string };

const MANIFEST_TYPES = [
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.oci.image.index.v1+json',
].join(', ');

const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'ECONNRESET', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_SOCKET']);

export interface TagLookupOptions {
  readonly signal?: AbortSignal;
  /** Per request (default 10 s). */
  readonly timeoutMs?: number;
}

/** The registry's base URL: http for loopback registries (Docker's default insecure range), https otherwise. */
export const registryBaseUrl = (registry: string): string => `${isLoopbackRegistry(registry) ? 'http' : 'https'}://${registryHost(registry)}`;

/** Asks the registry's HTTP API whether `<repository>:<tag>` exists. Rejects only when `signal` aborts. */
export async function lookupTag(registry: string, repository: string, tag: string, opts: TagLookupOptions = {}): Promise<TagLookup> {
  const url = `${registryBaseUrl(registry)}/v2/${repository}/manifests/${encodeURIComponent(tag)}`;
  const head = (authorization?: string) => request(url, { method: 'HEAD', headers: { Accept: MANIFEST_TYPES, ...(authorization ? { Authorization: authorization } : {}) } }, opts);
  let res = await head();
  if ('failed' in res) return res.failed;
  if (res.status === 401) {
    const challenge = parseBearerChallenge(res.headers.get('www-authenticate'));
    if (!challenge) return { state: 'unknown', reason: 'the registry wants credentials' };
    const token = await anonymousToken(challenge, repository, opts);
    if (!token) return { state: 'unknown', reason: 'the registry wants credentials (no anonymous pull token)' };
    res = await head(`Bearer ${token}`);
    if ('failed' in res) return res.failed;
  }
  if (res.status === 200) return { state: 'present', digest: res.headers.get('docker-content-digest') ?? undefined };
  if (res.status === 404) return { state: 'absent' };
  if (res.status === 401 || res.status === 403) return { state: 'unknown', reason: `the registry wants credentials (HTTP ${res.status})` };
  return { state: 'unknown', reason: `the registry answered HTTP ${res.status}` };
}

/** The docker CLI's answer (it has the user's credentials): present, absent, or unknown with the reason. */
export async function lookupTagWithDocker(imageRef: string, o: DockerOptions): Promise<TagLookup> {
  const r = await docker(['manifest', 'inspect', ...(isLoopbackRegistry(imageRef.split('/')[0]) ? ['--insecure'] : []), imageRef], o);
  if (r.code === 0) return { state: 'present' };
  const out = r.out.trim();
  if (/no such manifest|manifest unknown|not found/i.test(out)) return { state: 'absent' };
  return { state: 'unknown', reason: out.split('\n').at(-1)?.slice(0, 200) || `docker manifest inspect exited with ${r.code}` };
}

type Answer = { status: number; headers: Headers } | { failed: TagLookup };

async function request(url: string, init: RequestInit, opts: TagLookupOptions): Promise<Answer> {
  const timeout = AbortSignal.timeout(opts.timeoutMs ?? 10_000);
  try {
    const res = await fetch(url, { ...init, redirect: 'follow', signal: opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout });
    await res.body?.cancel();
    return { status: res.status, headers: res.headers };
  } catch (e) {
    opts.signal?.throwIfAborted();
    if (timeout.aborted) return { failed: { state: 'unreachable', reason: 'no answer within the timeout' } };
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    const code = cause?.code ?? '';
    if (UNREACHABLE_CODES.has(code)) return { failed: { state: 'unreachable', reason: describeCode(code) } };
    return { failed: { state: 'unknown', reason: cause?.message ?? (e instanceof Error ? e.message : String(e)) } };
  }
}

function describeCode(code: string): string {
  switch (code) {
    case 'ECONNREFUSED': return 'connection refused';
    case 'ENOTFOUND': case 'EAI_AGAIN': return 'unknown host';
    case 'ETIMEDOUT': case 'UND_ERR_CONNECT_TIMEOUT': return 'connection timed out';
    case 'ECONNRESET': case 'UND_ERR_SOCKET': return 'connection reset';
    default: return 'network unreachable';
  }
}

interface BearerChallenge {
  readonly realm: string;
  readonly service?: string;
}

export function parseBearerChallenge(header: string | null): BearerChallenge | undefined {
  if (!header || !/^bearer\s/i.test(header)) return undefined;
  const params = Object.fromEntries([...header.slice(7).matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1].toLowerCase(), m[2]]));
  return params.realm ? { realm: params.realm, service: params.service } : undefined;
}

async function anonymousToken(challenge: BearerChallenge, repository: string, opts: TagLookupOptions): Promise<string | undefined> {
  let url: URL;
  try { url = new URL(challenge.realm); } catch { return undefined; }
  if (challenge.service) url.searchParams.set('service', challenge.service);
  url.searchParams.set('scope', `repository:${repository}:pull`);
  const timeout = AbortSignal.timeout(opts.timeoutMs ?? 10_000);
  try {
    const res = await fetch(url, { signal: opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout });
    if (!res.ok) { await res.body?.cancel(); return undefined; }
    const body = (await res.json()) as { token?: string; access_token?: string };
    return body.token ?? body.access_token;
  } catch {
    opts.signal?.throwIfAborted();
    return undefined;
  }
}
