// Helpers shared by the ops integration tests (not a test file: mocha only loads *.test.ts).
import { CoreV1Api, type KubeConfig, type V1Pod } from '@kubernetes/client-node';
import { serviceLabels } from '../../../src/kube/labels';

/** A pod of the service as the deploy would create it (it stays Pending: the test cluster has no scheduler). */
export async function createReplica(kc: KubeConfig, namespace: string, service: string, name: string): Promise<V1Pod> {
  const core = kc.makeApiClient(CoreV1Api);
  return core.createNamespacedPod({
    namespace,
    body: { metadata: { name, labels: serviceLabels(service, 'v1') }, spec: { containers: [{ name: 'model', image: 'example.invalid/model:1' }] } },
  });
}

/** Takes events from an async iterator until `done` says stop (or fails after timeoutMs with what it saw). */
export async function takeUntil<T>(it: AsyncIterator<T>, done: (seen: T[]) => boolean, timeoutMs = 15_000): Promise<T[]> {
  const seen: T[] = [];
  const deadline = Date.now() + timeoutMs;
  while (!done(seen)) {
    const left = deadline - Date.now();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), Math.max(left, 0))));
    const r = await Promise.race([it.next(), timeout]);
    clearTimeout(timer);
    if (r === 'timeout') throw new Error(`timed out after ${timeoutMs} ms; last seen: ${JSON.stringify(seen.slice(-5))}`);
    if (r.done) throw new Error(`stream ended early; seen: ${JSON.stringify(seen.slice(-5))}`);
    seen.push(r.value);
  }
  return seen;
}

/** A fresh namespace with the `default` service account pods need (no controller creates it in the test cluster). */
export async function createNamespace(kc: KubeConfig, namespace: string): Promise<void> {
  const core = kc.makeApiClient(CoreV1Api);
  await core.createNamespace({ body: { metadata: { name: namespace } } });
  await core.createNamespacedServiceAccount({ namespace, body: { metadata: { name: 'default' } } });
}
