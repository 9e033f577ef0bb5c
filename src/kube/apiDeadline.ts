// A deadline on every Kubernetes API call, and one cancel signal for all of them (issue 19). client-node has no
// request timeout: against an API server that accepts TCP and never answers, a call (and a watch's first
// response) waited forever, and Ctrl-C had nothing to abort. Every KubeConfig the product makes goes through
// withApiDeadline(), which covers the two ways client-node sends requests:
// - the generated API clients (makeApiClient, so KubernetesObjectApi and informers' lists too): one timer for the
//   whole call, headers and body, ending in a one-line KubeDeployError 'timeout' (or 'cancelled');
// - raw fetches (Watch, Log): node-fetch's own timeout until the response headers; a watch then streams for as
//   long as it is wanted, and its owner aborts it.
import {
  createConfiguration,
  IsomorphicFetchHttpLibrary,
  type KubeConfig,
  type RequestContext,
  type ResponseContext,
  ServerConfiguration,
  wrapHttpLibrary,
} from '@kubernetes/client-node';
import { KubeDeployError } from './deploy/errors';

/** kubectl has no default; 30 s is far above a healthy API server's answer and short enough to wait for. */
export const DEFAULT_API_CALL_MS = 30_000;

export interface ApiDeadline {
  /** Longest time one call may take (default DEFAULT_API_CALL_MS). */
  callMs?: number;
  /** Aborting it ends every pending call with 'cancelled' (the CLI's Ctrl-C, an overall --timeout). */
  signal?: AbortSignal;
  /** What a call ended by `signal` says (default "Cancelled."). */
  cancelledMessage?: () => string;
}

const SETTINGS = Symbol('aksModelApiDeadline');
type WithDeadline = KubeConfig & { [SETTINGS]?: Required<Pick<ApiDeadline, 'callMs'>> & ApiDeadline };

/** Puts (or replaces) the deadline and cancel signal on `kc` itself; returns it. */
export function withApiDeadline(kc: KubeConfig, deadline: ApiDeadline = {}): KubeConfig {
  const k = kc as WithDeadline;
  const installed = k[SETTINGS] !== undefined;
  k[SETTINGS] = { ...deadline, callMs: deadline.callMs ?? DEFAULT_API_CALL_MS };
  if (installed) return kc;
  const settings = () => k[SETTINGS]!;
  const server = () => kc.getCurrentCluster()?.server ?? 'the API server';
  const inner = new IsomorphicFetchHttpLibrary();
  const httpApi = wrapHttpLibrary({ send: (req) => sendBounded(inner, req, settings(), server()) });
  // client-node's makeApiClient, with our HTTP library in the configuration.
  const makeApiClient = function (this: KubeConfig, type: new (config: ReturnType<typeof createConfiguration>) => unknown) {
    const cluster = this.getCurrentCluster();
    if (!cluster) throw new Error('No active cluster!');
    return new type(createConfiguration({ baseServer: new ServerConfiguration(cluster.server, {}), authMethods: { default: this }, httpApi }));
  };
  (kc as unknown as { makeApiClient: typeof makeApiClient }).makeApiClient = makeApiClient;
  const fetchOptions = kc.applyToFetchOptions.bind(kc);
  kc.applyToFetchOptions = async (opts) => ({ ...(await fetchOptions(opts)), timeout: opts.timeout ?? settings().callMs });
  return kc;
}

export function apiCallTimeoutMessage(server: string, ms: number): string {
  return `The Kubernetes API server at ${server} did not answer within ${formatSeconds(ms)}; check the context, your network and the cluster's health.`;
}

const formatSeconds = (ms: number) => `${ms % 1000 === 0 ? ms / 1000 : (ms / 1000).toFixed(1)} s`;

async function sendBounded(inner: IsomorphicFetchHttpLibrary, req: RequestContext, d: ApiDeadline & { callMs: number }, server: string): Promise<ResponseContext> {
  const ctl = new AbortController();
  const own = req.getSignal();
  req.setSignal(AbortSignal.any([ctl.signal, ...(own ? [own] : []), ...(d.signal ? [d.signal] : [])]));
  let fail: (e: Error) => void = () => {};
  const ended = new Promise<never>((_, reject) => (fail = reject));
  ended.catch(() => undefined);
  const timer = setTimeout(() => {
    fail(new KubeDeployError(apiCallTimeoutMessage(server, d.callMs), 'timeout'));
    ctl.abort();
  }, d.callMs);
  timer.unref(); // a call whose body nobody reads must not keep the process alive
  const onCancel = () => {
    fail(new KubeDeployError(d.cancelledMessage?.() ?? 'Cancelled.', 'cancelled'));
    ctl.abort();
  };
  if (d.signal?.aborted) onCancel();
  else d.signal?.addEventListener('abort', onCancel, { once: true });
  const done = () => {
    clearTimeout(timer);
    d.signal?.removeEventListener('abort', onCancel);
  };
  const bounded = <T>(p: Promise<T>): Promise<T> => Promise.race([p, ended]);
  try {
    const res = await bounded(inner.send(req).toPromise());
    // The body is read later by the generated code: the same deadline covers it, then the timer goes.
    const body = res.body;
    res.body = {
      text: () => bounded(body.text()).finally(done),
      binary: () => bounded(body.binary()).finally(done),
    };
    return res;
  } catch (e) {
    done();
    throw e;
  }
}
