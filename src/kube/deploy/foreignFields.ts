// What other field managers added to our Deployment's pods (issue 19). Server-side apply only owns our fields: a
// container, init container or environment variable another manager added (`kubectl set env`, `kubectl edit`, a
// tool's patch) survives every redeploy, and the deploy used to report ready with code in the pods that the
// config does not have. Decision: a redeploy removes them and names each (with its manager). The Deployment
// carries our labels and is rendered whole from the config, as v1's deploy replaced the whole service; reporting
// without removing would leave a deploy that can never match its config short of kubectl.
// Only containers and env are reverted: annotations (`kubectl rollout restart`), replicas (the HPA) and the
// controllers' status are other managers' business.
import { PatchStrategy, setHeaderOptions, type V1Container, type V1Deployment } from '@kubernetes/client-node';
import { FIELD_MANAGER } from '../labels';
import { explainApiError } from './errors';
import type { KubeClients } from './kubeClients';

export interface RevertedField {
  /** "container sidecar", "env EXTRA of container model" */
  what: string;
  manager: string;
}

interface JsonPatchOp {
  op: 'test' | 'remove';
  path: string;
  value?: unknown;
}

/** Removes from the live Deployment what the rendered one lacks; returns what went (nothing: no request). */
export async function revertForeignAdditions(c: KubeClients, rendered: V1Deployment, signal?: AbortSignal): Promise<RevertedField[]> {
  const name = rendered.metadata!.name!;
  const namespace = rendered.metadata!.namespace!;
  let live: V1Deployment;
  try {
    live = await c.apps.readNamespacedDeployment({ name, namespace });
  } catch (e) {
    throw explainApiError(e, { verb: 'read', kind: 'Deployment', namespace });
  }
  const managerOf = (key: string) =>
    (live.metadata?.managedFields ?? []).find((f) => f.manager !== FIELD_MANAGER && JSON.stringify(f.fieldsV1 ?? {}).includes(`k:{\\"name\\":\\"${key}\\"}`))?.manager ?? 'another field manager';
  const ops: JsonPatchOp[] = [];
  const reverted: RevertedField[] = [];
  const spec = live.spec?.template.spec;
  const want = rendered.spec?.template.spec;
  for (const list of ['containers', 'initContainers'] as const) {
    const liveList: V1Container[] = spec?.[list] ?? [];
    const wantList: V1Container[] = want?.[list] ?? [];
    // From the end, so each index stays right while the earlier ones are removed; `test` guards against a change
    // in between (the patch then fails as a whole, and nothing is half-reverted).
    for (let i = liveList.length - 1; i >= 0; i--) {
      const lc = liveList[i];
      const wc = wantList.find((w) => w.name === lc.name);
      const base = `/spec/template/spec/${list}/${i}`;
      if (!wc) {
        ops.push({ op: 'test', path: `${base}/name`, value: lc.name }, { op: 'remove', path: base });
        reverted.push({ what: `${list === 'containers' ? 'container' : 'init container'} ${lc.name}`, manager: managerOf(lc.name) });
        continue;
      }
      const env = lc.env ?? [];
      for (let j = env.length - 1; j >= 0; j--) {
        if ((wc.env ?? []).some((e) => e.name === env[j].name)) continue;
        ops.push({ op: 'test', path: `${base}/env/${j}/name`, value: env[j].name }, { op: 'remove', path: `${base}/env/${j}` });
        reverted.push({ what: `env ${env[j].name} of container ${lc.name}`, manager: managerOf(env[j].name) });
      }
    }
  }
  if (ops.length === 0 || signal?.aborted) return [];
  try {
    await c.apps.patchNamespacedDeployment({ name, namespace, body: ops }, jsonPatch);
  } catch (e) {
    throw explainApiError(e, { verb: 'update', kind: 'Deployment', namespace });
  }
  return reverted;
}

const jsonPatch = setHeaderOptions('Content-Type', PatchStrategy.JsonPatch);
