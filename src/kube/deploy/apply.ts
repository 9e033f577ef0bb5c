// Server-side apply of one service: one field manager, conflicts forced (this extension owns these objects),
// dependency order, and the same input twice is a no-op on the server (resourceVersions unchanged).
import { ApiException, PatchStrategy, type KubeConfig, type KubernetesObject, type V1ClusterRoleBinding } from '@kubernetes/client-node';
import { silentLogger, type Logger } from '../../core/logger';
import { applyOrder, gatewayTlsListenerHint, renderService, serviceNames, type ManifestObject } from '../../core/manifests';
import { legacyAuthDelegatorName } from '../../core/manifests/names';
import { FIELD_MANAGER } from '../labels';
import { explainApiError, throwIfAborted } from './errors';
import { resolveExposure, staleExposureObjects } from './exposure';
import type { DeployTarget } from './deployTarget';
import { ensureKeys, type KeyOutcome } from './keys';
import { type KubeClients, kubeClients } from './kubeClients';
import { type RevertedField, revertForeignAdditions } from './foreignFields';
import { delegatorNotOursBecause, notOursBecause } from './ownership';

export type { DeployTarget } from './deployTarget';

export interface ApplyOptions {
  /** Server-side dry run (dryRun=All): everything is validated and admitted, nothing is stored. */
  dryRun?: boolean;
  signal?: AbortSignal;
  logger?: Logger;
  /** Called after each object, for progress ("applied Deployment myservice"). */
  onApplied?: (object: AppliedObject, index: number, total: number) => void;
}

export interface AppliedObject {
  kind: string;
  name: string;
  namespace?: string;
  resourceVersion?: string;
  generation?: number;
}

export interface ApplyResult {
  applied: AppliedObject[];
  /** Objects of an earlier deploy that this one no longer has (HPA after switching to fixed replicas, auth objects after turning auth off). */
  removed: AppliedObject[];
  /** Objects with a name this service would remove that are not its own (a user's, unlabelled or written by another
   * manager): left in place, and each says why. */
  leftAlone: (AppliedObject & { reason: string })[];
  /** Containers and env another field manager had added to the Deployment's pods, removed (foreignFields.ts). */
  reverted: RevertedField[];
  keys?: { primary: KeyOutcome; secondary: KeyOutcome };
  /** The Deployment existed before with another spec: a failed rollout leaves its previous ReplicaSet serving. */
  isUpdate: boolean;
}

async function applyObject(c: KubeClients, obj: KubernetesObject, dryRun: boolean): Promise<KubernetesObject> {
  try {
    return await c.objects.patch(obj, undefined, dryRun ? 'All' : undefined, FIELD_MANAGER, true, PatchStrategy.ServerSideApply);
  } catch (e) {
    throw explainApiError(e, { verb: 'create', kind: obj.kind ?? 'object', namespace: obj.metadata?.namespace });
  }
}

/** An existing namespace is left alone: it may be someone else's, and a re-apply of a Namespace is not a no-op
 * on the server (its first re-apply records the create as a "before-first-apply" manager). */
async function namespaceExists(c: KubeClients, name: string): Promise<boolean> {
  try {
    await c.core.readNamespace({ name });
    return true;
  } catch (e) {
    if (e instanceof ApiException && (e.code === 404 || e.code === 403)) return false;
    throw explainApiError(e, { verb: 'read', kind: 'Namespace' });
  }
}

/** What an earlier deploy may have made that this render leaves out, by deterministic name: candidates only, each
 * removed only when it is this service's own (ownership.ts). `quiet`: the pre-hash ClusterRoleBinding name, which
 * another service's old binding may hold, is not worth a word when it is not ours. */
function leftOut(target: DeployTarget, rendered: readonly ManifestObject[]): { obj: KubernetesObject; quiet?: boolean }[] {
  const n = serviceNames(target.serviceName, target.namespace, target.endpoint);
  const ns = target.namespace;
  const all: KubernetesObject[] = [
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: n.client, namespace: ns } },
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: n.authProxyConfig, namespace: ns } },
    { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: n.callerRole, namespace: ns } },
    { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: n.callerRole, namespace: ns } },
    { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: n.authDelegator } },
    { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: n.workload, namespace: ns } },
    { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: n.workload, namespace: ns } },
  ];
  const legacy = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: legacyAuthDelegatorName(target.serviceName, ns) } };
  return [
    ...all.filter((o) => !rendered.some((r) => r.kind === o.kind && r.metadata.name === o.metadata?.name)).map((obj) => ({ obj })),
    { obj: legacy, quiet: true },
  ];
}

type Removal = { removed: AppliedObject } | { leftAlone: AppliedObject & { reason: string } } | undefined;

/** Removes one candidate if it exists and is this service's; otherwise says why it stays. */
async function removeIfOurs(c: KubeClients, target: DeployTarget, obj: KubernetesObject, quiet: boolean, dryRun: boolean, log: Logger): Promise<Removal> {
  const ref = { kind: obj.kind!, name: obj.metadata!.name!, namespace: obj.metadata?.namespace };
  const where = `${ref.namespace ? `${ref.namespace}/` : ''}${ref.name}`;
  let live: KubernetesObject;
  try {
    live = await c.objects.read({ apiVersion: obj.apiVersion, kind: obj.kind, metadata: { name: ref.name, namespace: ref.namespace } });
  } catch (e) {
    if (e instanceof ApiException && e.code === 404) return undefined;
    throw explainApiError(e, { verb: 'read', kind: ref.kind, namespace: ref.namespace });
  }
  const owner = target.endpoint ?? target.serviceName;
  const why = ref.kind === 'ClusterRoleBinding' ? delegatorNotOursBecause(live as V1ClusterRoleBinding, owner, target.serviceName, target.namespace) : notOursBecause(live, owner);
  if (why) {
    if (quiet) return undefined;
    log.warn(`left ${ref.kind} ${where} alone: ${why}`);
    return { leftAlone: { ...ref, reason: why } };
  }
  try {
    // Precondition on the uid: what is deleted is the object just checked, never one recreated meanwhile.
    await c.objects.delete(obj, undefined, dryRun ? 'All' : undefined, undefined, undefined, undefined, { preconditions: { uid: live.metadata?.uid } });
  } catch (e) {
    if (e instanceof ApiException && e.code === 404) return undefined;
    throw explainApiError(e, { verb: 'delete', kind: ref.kind, namespace: ref.namespace });
  }
  log.info(`${dryRun ? 'dry-run ' : ''}removed ${ref.kind} ${where} (no longer part of this service)`);
  return { removed: ref };
}

export async function applyService(kubeConfig: KubeConfig, given: DeployTarget, options: ApplyOptions = {}): Promise<ApplyResult> {
  const log = options.logger ?? silentLogger;
  const dryRun = options.dryRun ?? false;
  const c = kubeClients(kubeConfig);
  const target = await resolveExposure(kubeConfig, given);
  const listenerHint = gatewayTlsListenerHint(target, serviceNames(target.serviceName, target.namespace));
  if (listenerHint) log.info(listenerHint);
  const rendered = renderService(target.plan, target);
  if (target.plan.auth.mode === 'key' && (target.plan.auth.primaryKey || target.plan.auth.secondaryKey)) {
    // A chosen string cannot be checked by TokenReview; say so once (never with the value).
    log.warn('keys.primaryKey/secondaryKey in deploymentconfig.json are not used: keys are tokens the cluster issues (read them with "Copy Primary Key").');
  }
  const objects: KubernetesObject[] = applyOrder(rendered);
  if (target.createNamespace && !(await namespaceExists(c, target.namespace))) {
    objects.unshift({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: target.namespace } });
  }
  // Waves, each applied in parallel: the Namespace; then what the pods refer to (accounts, ConfigMap, RBAC); then
  // the workload (Deployment, Service, HPA), so the first pods find their ServiceAccount. The keys need the client
  // account only, so they are minted alongside the workload. A failure reports the first failing object in
  // applyOrder (e.g. "you may not create deployments"), whichever request finished first.
  const isWorkload = (o: KubernetesObject) => o.kind === 'Deployment' || o.kind === 'Service' || o.kind === 'HorizontalPodAutoscaler';
  const waves = [
    objects.filter((o) => o.kind === 'Namespace'),
    objects.filter((o) => o.kind !== 'Namespace' && !isWorkload(o)),
    objects.filter(isWorkload),
  ].filter((w) => w.length > 0);
  const results: AppliedObject[] = new Array(objects.length);
  let done = 0;
  let isUpdate = false;
  const applyOne = async (obj: KubernetesObject) => {
    throwIfAborted(options.signal);
    const out = await applyObject(c, obj, dryRun);
    const a: AppliedObject = { kind: obj.kind!, name: obj.metadata!.name!, namespace: obj.metadata?.namespace, resourceVersion: out.metadata?.resourceVersion, generation: out.metadata?.generation };
    if (obj.kind === 'Deployment') isUpdate = (out.metadata?.generation ?? 1) > 1;
    results[objects.indexOf(obj)] = a;
    done += 1;
    log.debug(`${dryRun ? 'dry-run ' : ''}applied ${a.kind} ${a.namespace ? `${a.namespace}/` : ''}${a.name} (resourceVersion ${a.resourceVersion})`);
    options.onApplied?.(a, done, objects.length);
  };
  let keysMinted: Promise<ApplyResult['keys']> = Promise.resolve(undefined);
  for (const wave of waves) {
    if (wave.some(isWorkload)) {
      keysMinted = mintKeys(c, target, rendered.keySecrets, dryRun, log);
      // Observed now, awaited below: a minting failure that comes before the waves end (no right to read Secrets)
      // must not be an unhandled rejection that kills the process; the `await keysMinted` at the end reports it.
      keysMinted.catch(() => undefined);
    }
    // allSettled, then throw: no apply is left running unobserved when one fails.
    const outcomes = await Promise.allSettled(wave.map(applyOne));
    const failed = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
    if (failed) {
      await keysMinted.catch(() => undefined);
      throw failed.reason;
    }
  }
  const applied = results.filter((a) => a !== undefined);
  const stale = [...leftOut(target, applyOrder(rendered)), ...(await staleExposureObjects(c, target, applyOrder(rendered))).map((obj) => ({ obj, quiet: false }))];
  const removals = await Promise.all(stale.map(({ obj, quiet }) => {
    throwIfAborted(options.signal);
    return removeIfOurs(c, target, obj, quiet ?? false, dryRun, log);
  }));
  const removed = removals.flatMap((r) => (r && 'removed' in r ? [r.removed] : []));
  const leftAlone = removals.flatMap((r) => (r && 'leftAlone' in r ? [r.leftAlone] : []));
  throwIfAborted(options.signal);
  const reverted = dryRun ? [] : await revertForeignAdditions(c, rendered.deployment, options.signal);
  for (const r of reverted) log.warn(`removed ${r.what} from Deployment ${target.serviceName}: added by ${r.manager}, not in the config`);
  const keys = await keysMinted;
  return { applied, removed, leftAlone, reverted, keys, isUpdate: isUpdate || reverted.length > 0 };
}

/** The key Secrets and their keys (created once, kept across deploys); a dry run only proves they would be admitted. */
async function mintKeys(c: KubeClients, target: DeployTarget, keySecrets: readonly KubernetesObject[], dryRun: boolean, log: Logger): Promise<ApplyResult['keys']> {
  if (keySecrets.length === 0) return undefined;
  if (dryRun) {
    for (const s of keySecrets) await applyObject(c, s, true);
    return undefined;
  }
  // An endpoint's keys are the endpoint's (shared by its versions, no version label).
  return target.endpoint
    ? ensureKeys(c, { serviceName: target.endpoint, namespace: target.namespace }, undefined, log)
    : ensureKeys(c, target, target.plan.endpoint?.versionName, log);
}
