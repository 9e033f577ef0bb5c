// One deploy as the UI and CLI run it: apply, then wait for the rollout, as one stream of progress events.
import type { KubeConfig } from '@kubernetes/client-node';
import { applyService, type ApplyOptions, type ApplyResult, type DeployTarget } from './apply';
import type { FetchLogs } from './explain';
import { kubeClients } from './kubeClients';
import { type DeployProgress, watchRollout } from './rollout';

export interface DeployOptions extends Omit<ApplyOptions, 'onApplied'> {
  timeoutMs?: number;
  /** Default: the pod log through the API (the crashed run's log when there is one). */
  fetchLogs?: FetchLogs;
}

/**
 * What the kubelet sends instead of a log when it has none for that run: the crashed run's file is not there (yet,
 * or any more: "failed to try resolving symlinks in path …/0.log"), or there is no previous run. One line, no log.
 */
const KUBELET_NO_LOG = /^(failed to try resolving symlinks in path|unable to retrieve container logs|previous terminated container .* not found|container .* is waiting to start)/i;

export function isKubeletNoLogAnswer(text: string): boolean {
  const t = text.trim();
  return t === '' || (!t.includes('\n') && KUBELET_NO_LOG.test(t));
}

/**
 * Reads a container's last lines, preferring its previous (crashed) run, where a score.py traceback is. An error
 * or the kubelet's "no log" answer is not a log: the current run is tried, then both again a little later (the
 * kubelet may not have the crashed run's file in place yet). Resolves to '' when no log could be read.
 */
export function podLogFetcher(kubeConfig: KubeConfig, namespace: string, retryDelaysMs: readonly number[] = [1_000, 3_000]): FetchLogs {
  const core = kubeClients(kubeConfig).core;
  return async (pod, container, tailLines) => {
    let lastError: unknown;
    for (const wait of [0, ...retryDelaysMs]) {
      if (wait) await new Promise((r) => setTimeout(r, wait));
      for (const previous of [true, false]) {
        try {
          const text = await core.readNamespacedPodLog({ name: pod, namespace, container, tailLines, previous });
          if (!isKubeletNoLogAnswer(text)) return text;
        } catch (e) {
          lastError = e;
        }
      }
    }
    if (lastError) throw lastError;
    return '';
  };
}

/** Applies the service (step 'apply', one event per object), then follows the rollout (step 'rollout').
 * A dry run stops after apply. Returns the apply result when the rollout is complete. */
export async function* deployService(kubeConfig: KubeConfig, target: DeployTarget, options: DeployOptions = {}): AsyncGenerator<DeployProgress, ApplyResult, undefined> {
  const result = await applyService(kubeConfig, target, options);
  const total = result.applied.length;
  for (const [i, a] of result.applied.entries()) {
    yield { step: 'apply', ready: i + 1, desired: total, message: `${options.dryRun ? 'validated' : 'applied'} ${a.kind} ${a.name}` };
  }
  for (const r of result.removed) yield { step: 'apply', ready: total, desired: total, message: `${options.dryRun ? 'would remove' : 'removed'} ${r.kind} ${r.name} (no longer part of this service)` };
  for (const r of result.reverted) yield { step: 'apply', ready: total, desired: total, message: `removed ${r.what} from Deployment ${target.serviceName}: added by ${r.manager}, not in the config` };
  if (result.keys) yield { step: 'apply', ready: total, desired: total, message: `keys: primary ${result.keys.primary}, secondary ${result.keys.secondary}` };
  // A user's object with one of our derived names stays, and the user hears about it.
  for (const l of result.leftAlone) yield { step: 'apply', ready: total, desired: total, message: `left ${l.kind} ${l.name} alone: ${l.reason}` };
  if (options.dryRun) return result;
  yield* watchRollout(kubeConfig, {
    serviceName: target.serviceName,
    namespace: target.namespace,
    signal: options.signal,
    timeoutMs: options.timeoutMs,
    fetchLogs: options.fetchLogs ?? podLogFetcher(kubeConfig, target.namespace),
    isUpdate: result.isUpdate,
    logger: options.logger,
  });
  return result;
}
