// Keys and tokens (ARCHITECTURE.md "The cluster side"). A key is a ServiceAccount token of `<svc>-client`
// bound to its key Secret's uid: deleting and recreating the Secret (regen) makes the old key fail TokenReview,
// and since a deploy never re-applies existing key Secrets, keys survive redeploys. Tokens (token auth) come from
// the TokenRequest API with an expiry, which is v1's refresh_by. Key values never reach a log or an error.
import { ApiException, type KubeConfig, type V1Secret } from '@kubernetes/client-node';
import type { Logger } from '../../core/logger';
import { silentLogger } from '../../core/logger';
import { KEY_DATA_FIELD, KEY_NAMES, serviceNames, type KeyName } from '../../core/manifests';
import { serviceLabels } from '../labels';
import { explainApiError, KubeDeployError } from './errors';
import { type KubeClients, kubeClients } from './kubeClients';

/** Keys live as long as the Secret they are bound to; the API server may shorten this (it then says so). */
export const KEY_LIFETIME_SECONDS = 10 * 365 * 24 * 3600;
export const DEFAULT_TOKEN_LIFETIME_SECONDS = 3600;

export interface ServiceRef {
  serviceName: string;
  namespace: string;
}

export interface ServiceKeys {
  primary: string;
  secondary: string;
}

export interface ServiceToken {
  token: string;
  /** Fetch a new token before this time (the token's expiry). */
  refreshBy: Date;
}

const isNotFound = (e: unknown) => e instanceof ApiException && e.code === 404;

async function readSecret(c: KubeClients, name: string, namespace: string): Promise<V1Secret | undefined> {
  try {
    return await c.core.readNamespacedSecret({ name, namespace });
  } catch (e) {
    if (isNotFound(e)) return undefined;
    throw explainApiError(e, { verb: 'read', kind: 'Secret', namespace });
  }
}

async function mintToken(c: KubeClients, ref: ServiceRef, expirationSeconds: number, boundSecret?: V1Secret): Promise<{ token: string; expires: Date }> {
  const names = serviceNames(ref.serviceName, ref.namespace);
  try {
    const tr = await c.core.createNamespacedServiceAccountToken({
      name: names.client,
      namespace: ref.namespace,
      body: {
        spec: {
          audiences: [names.audience],
          expirationSeconds,
          boundObjectRef: boundSecret ? { kind: 'Secret', apiVersion: 'v1', name: boundSecret.metadata!.name!, uid: boundSecret.metadata!.uid! } : undefined,
        },
      },
    });
    const token = tr.status?.token;
    if (!token) throw new KubeDeployError('The cluster issued no token.', 'other');
    return { token, expires: new Date(tr.status!.expirationTimestamp) };
  } catch (e) {
    if (isNotFound(e)) throw new KubeDeployError(`Service ${ref.serviceName} in namespace ${ref.namespace} has no auth (or is not deployed).`, 'notFound', 404);
    throw explainApiError(e, { verb: 'create', kind: 'ServiceAccount token', namespace: ref.namespace });
  }
}

export type KeyOutcome = 'kept' | 'created' | 'renewed';

/** Whether the cluster still accepts a stored key (TokenReview, with the service's audience). A key dies when the
 * cluster's service-account signing key changes (rotation, a rebuilt control plane) or its Secret is replaced.
 * undefined: the caller may not ask (no right to create TokenReviews), so nothing can be said. */
async function authenticates(c: KubeClients, ref: ServiceRef, token: string): Promise<boolean | undefined> {
  const names = serviceNames(ref.serviceName, ref.namespace);
  try {
    const r = await c.authn.createTokenReview({ body: { spec: { token, audiences: [names.audience] } } });
    return r.status?.authenticated === true;
  } catch (e) {
    if (e instanceof ApiException && e.code === 403) return undefined;
    throw explainApiError(e, { verb: 'create', kind: 'TokenReview' });
  }
}

const storedKey = (secret: V1Secret | undefined) => {
  const data = secret?.data?.[KEY_DATA_FIELD];
  return data ? Buffer.from(data, 'base64').toString('utf8') : undefined;
};

/** Creates the key Secret if missing and writes a key bound to it; an existing key is kept while the cluster still
 * accepts it, and replaced (same Secret) when it no longer does. */
async function ensureKey(c: KubeClients, ref: ServiceRef, which: KeyName, labels: Record<string, string>, log: Logger): Promise<KeyOutcome> {
  const names = serviceNames(ref.serviceName, ref.namespace);
  const name = names.keySecret[which];
  let secret = await readSecret(c, name, ref.namespace);
  const stored = storedKey(secret);
  if (stored !== undefined) {
    const alive = await authenticates(c, ref, stored);
    if (alive === undefined) log.warn(`cannot check the stored ${which} key of ${ref.serviceName} (no right to create TokenReviews); kept as it is`);
    if (alive !== false) return 'kept';
    log.warn(`the stored ${which} key of ${ref.serviceName} no longer authenticates (the cluster's signing key changed?); issuing a new one`);
  }
  if (!secret) {
    try {
      secret = await c.core.createNamespacedSecret({ namespace: ref.namespace, body: { metadata: { name, labels }, type: 'Opaque' } });
    } catch (e) {
      throw explainApiError(e, { verb: 'create', kind: 'Secret', namespace: ref.namespace });
    }
  }
  const { expires } = await writeKey(c, ref, secret);
  log.info(`${which} key ${stored !== undefined ? 'renewed' : 'created'} for ${ref.serviceName} (valid until ${expires.toISOString()})`);
  return stored !== undefined ? 'renewed' : 'created';
}

async function writeKey(c: KubeClients, ref: ServiceRef, secret: V1Secret): Promise<{ expires: Date }> {
  const { token, expires } = await mintToken(c, ref, KEY_LIFETIME_SECONDS, secret);
  try {
    // Guarded by resourceVersion: if the Secret was replaced meanwhile, this key (bound to the old uid) must not land in it.
    await c.core.replaceNamespacedSecret({
      name: secret.metadata!.name!,
      namespace: ref.namespace,
      body: { ...secret, data: { ...secret.data, [KEY_DATA_FIELD]: Buffer.from(token).toString('base64') } },
    });
  } catch (e) {
    throw explainApiError(e, { verb: 'update', kind: 'Secret', namespace: ref.namespace });
  }
  return { expires };
}

/** Run by deploy after the client ServiceAccount exists: both keys exist afterwards, existing ones untouched. */
export async function ensureKeys(c: KubeClients, ref: ServiceRef, version: string | undefined, log: Logger = silentLogger): Promise<Record<KeyName, KeyOutcome>> {
  const labels = serviceLabels(ref.serviceName, version);
  const out = {} as Record<KeyName, KeyOutcome>;
  await Promise.all(KEY_NAMES.map(async (k) => { out[k] = await ensureKey(c, ref, k, labels, log); }));
  return out;
}

/** The stored keys, each checked with TokenReview: a key the cluster no longer accepts is never handed out. */
export async function readKeys(kubeConfig: KubeConfig, ref: ServiceRef): Promise<ServiceKeys> {
  const c = kubeClients(kubeConfig);
  const names = serviceNames(ref.serviceName, ref.namespace);
  const out: Partial<ServiceKeys> = {};
  const dead: KeyName[] = [];
  for (const k of KEY_NAMES) {
    const key = storedKey(await readSecret(c, names.keySecret[k], ref.namespace));
    if (key === undefined) throw new KubeDeployError(`Service ${ref.serviceName} in namespace ${ref.namespace} has no ${k} key (is key auth on, and is it deployed?).`, 'notFound', 404);
    if ((await authenticates(c, ref, key)) === false) dead.push(k);
    out[k] = key;
  }
  if (dead.length > 0) {
    throw new KubeDeployError(
      `The stored ${dead.join(' and ')} key of ${ref.serviceName} in namespace ${ref.namespace} no longer authenticates (the cluster's signing key changed?); ` +
        `deploy the service again, or regenerate the key, to get a working one.`,
      'invalid',
    );
  }
  return out as ServiceKeys;
}

/** Replaces one key: delete + recreate its Secret, so the old key fails TokenReview from then on. */
export async function regenerateKey(kubeConfig: KubeConfig, ref: ServiceRef, which: KeyName, log: Logger = silentLogger): Promise<string> {
  const c = kubeClients(kubeConfig);
  const name = serviceNames(ref.serviceName, ref.namespace).keySecret[which];
  const old = await readSecret(c, name, ref.namespace);
  if (!old) throw new KubeDeployError(`Service ${ref.serviceName} in namespace ${ref.namespace} has no ${which} key to regenerate.`, 'notFound', 404);
  try {
    // Precondition on the uid: we delete the Secret we read, never a newer one another regen just made.
    await c.core.deleteNamespacedSecret({ name, namespace: ref.namespace, body: { preconditions: { uid: old.metadata!.uid! } } });
  } catch (e) {
    throw explainApiError(e, { verb: 'delete', kind: 'Secret', namespace: ref.namespace });
  }
  await ensureKey(c, ref, which, old.metadata?.labels ?? serviceLabels(ref.serviceName), log);
  log.info(`${which} key of ${ref.serviceName} regenerated; the old one is refused once the API server (10 s) and the auth proxy (2 min) stop caching it`);
  // Only this key: the other one may be dead (then its own regen, or a deploy, renews it).
  const key = storedKey(await readSecret(c, name, ref.namespace));
  if (key === undefined) throw new KubeDeployError(`The regenerated ${which} key of ${ref.serviceName} was not stored; try again.`, 'other');
  return key;
}

/** A fresh token for token auth; its expiry is the refresh-by time. As in v1, a key-auth service gives none. */
export async function getToken(kubeConfig: KubeConfig, ref: ServiceRef, lifetimeSeconds = DEFAULT_TOKEN_LIFETIME_SECONDS): Promise<ServiceToken> {
  const c = kubeClients(kubeConfig);
  if (await readSecret(c, serviceNames(ref.serviceName, ref.namespace).keySecret.primary, ref.namespace)) {
    throw new KubeDeployError(`Service ${ref.serviceName} in namespace ${ref.namespace} uses key auth, not token auth; use its keys (or set tokenAuthEnabled).`, 'invalid');
  }
  const { token, expires } = await mintToken(c, ref, lifetimeSeconds);
  return { token, refreshBy: expires };
}
