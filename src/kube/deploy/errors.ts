// Turns API failures into one sentence a person can act on. client-node's ApiException message carries the raw
// body and headers (and a stack); none of that reaches the user, and no request body (which may hold a key)
// is ever quoted.
import { ApiException } from '@kubernetes/client-node';

export type DeployErrorKind = 'forbidden' | 'unauthorized' | 'invalid' | 'conflict' | 'notFound' | 'unreachable' | 'cancelled' | 'rolloutFailed' | 'timeout' | 'other';

export class KubeDeployError extends Error {
  constructor(
    message: string,
    readonly kind: DeployErrorKind,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'KubeDeployError';
  }
}

export interface ApiAction {
  /** "create", "delete", "read", "list", "update" */
  verb: string;
  kind: string;
  namespace?: string;
}

interface StatusBody {
  message?: string;
  reason?: string;
}

function statusOf(e: ApiException<unknown>): StatusBody {
  const b = e.body;
  if (b && typeof b === 'object') return b as StatusBody;
  if (typeof b === 'string') {
    try {
      return JSON.parse(b) as StatusBody;
    } catch {
      return {};
    }
  }
  return {};
}

const plural = (kind: string) => {
  const k = kind.toLowerCase();
  return k.endsWith('s') ? `${k}es` : k.endsWith('y') ? `${k.slice(0, -1)}ies` : `${k}s`;
};

/** The one message for a failed API call; `e` may be anything a client-node call throws. */
export function explainApiError(e: unknown, action: ApiAction): KubeDeployError {
  if (e instanceof KubeDeployError) return e;
  const where = action.namespace ? ` in namespace ${action.namespace}` : ' in this cluster';
  if (e instanceof ApiException) {
    const status = statusOf(e);
    const detail = status.message ? ` (${status.message})` : '';
    switch (e.code) {
      case 401:
        return new KubeDeployError(`The cluster did not accept your credentials; sign in again or refresh the kubeconfig.`, 'unauthorized', 401);
      case 403:
        return new KubeDeployError(`You may not ${action.verb} ${plural(action.kind)}${where}; ask a cluster admin for that right.`, 'forbidden', 403);
      case 404:
        return new KubeDeployError(`${action.kind} not found${where}${detail}.`, 'notFound', 404);
      case 409:
        return new KubeDeployError(`Could not ${action.verb} ${action.kind}${where}: it changed meanwhile${detail}; try again.`, 'conflict', 409);
      case 400:
      case 422:
        return new KubeDeployError(`The cluster rejected the ${action.kind}${where}${detail}.`, 'invalid', e.code);
      default:
        return new KubeDeployError(`Could not ${action.verb} ${action.kind}${where}: HTTP ${e.code}${detail}.`, 'other', e.code);
    }
  }
  // node-fetch's own timeout (watches and log streams until their response headers: apiDeadline.ts).
  const fetchType = (e as { type?: unknown } | undefined)?.type;
  if (fetchType === 'request-timeout' && e instanceof Error) {
    const at = /https?:\/\/[^/\s]+/.exec(e.message)?.[0] ?? 'the cluster';
    return new KubeDeployError(`The Kubernetes API server at ${at} did not answer in time; check the context, your network and the cluster's health.`, 'timeout');
  }
  if (e instanceof Error && e.name === 'AbortError') return new KubeDeployError('Cancelled.', 'cancelled');
  // fetch puts the socket error's code on `cause`.
  const withCode = e as { code?: unknown; cause?: { code?: unknown } } | undefined;
  const code = withCode?.code ?? withCode?.cause?.code;
  if (typeof code === 'string' && /^(ECONNREFUSED|ENOTFOUND|ETIMEDOUT|ECONNRESET|EHOSTUNREACH)$/.test(code)) {
    return new KubeDeployError(`The cluster's API server is not reachable (${code}); check the context and your network.`, 'unreachable');
  }
  const msg = e instanceof Error ? e.message.split('\n')[0] : String(e);
  return new KubeDeployError(`Could not ${action.verb} ${action.kind}${where}: ${msg}`, 'other');
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new KubeDeployError('Cancelled.', 'cancelled');
}
