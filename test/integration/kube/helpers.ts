// Small helpers shared by the kube smoke tests (not a test file: mocha only loads *.test.ts).
import { ApiException, KubeConfig } from '@kubernetes/client-node';
import { registerTestSecret } from '../../support/testSecrets';

/** Polls until check() returns a value other than undefined, or fails with the last state it saw. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined> | T | undefined, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await check();
      if (v !== undefined) return v;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `; last error: ${String(last)}` : ''}`);
}

/** The HTTP status of a failed client-node call (so assertions can say 403, not "threw"). */
export async function statusOf(call: () => Promise<unknown>): Promise<number> {
  try {
    await call();
    return 200;
  } catch (e) {
    if (e instanceof ApiException) return e.code;
    throw e;
  }
}

/** A KubeConfig for the same cluster as `admin`, but authenticating with a bearer token. */
export function tokenKubeConfig(admin: KubeConfig, token: string): KubeConfig {
  registerTestSecret(token);
  const cluster = admin.getCurrentCluster();
  if (!cluster) throw new Error('admin kubeconfig has no current cluster');
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [cluster],
    users: [{ name: 'token-user', token }],
    contexts: [{ name: 'token', cluster: cluster.name, user: 'token-user' }],
    currentContext: 'token',
  });
  return kc;
}

let counter = 0;
/** A namespace name unique to this run, so a test never sees another test's objects. */
export function uniqueName(prefix: string): string {
  counter += 1;
  return `${prefix}-${process.pid}-${counter}`;
}
