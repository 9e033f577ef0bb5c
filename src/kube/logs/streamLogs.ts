// "Stream Logs" and "Get Logs" of one service: every replica (pod) carrying the service's labels, found and
// followed through a pod watch on the API server, each line tagged with its replica.
import { CoreV1Api, type KubeConfig, type V1Pod } from '@kubernetes/client-node';
import { type Logger, silentLogger } from '../../core/logger';
import { serviceSelector } from '../labels';
import { keepInformer } from '../status/informer';
import { BoundedQueue } from './boundedQueue';
import { LogBoundary, type LogLine, parseTimestampedLine } from './logLine';
import { kubeLogSource, type LogSource, LogSourceError } from './logSource';

export type LogEvent =
  | ({ kind: 'line' } & LogLine)
  | { kind: 'replica'; replica: string; change: 'added' | 'removed' }
  /** A replica's stream failed or dropped; it is reopened after `delayMs` from where it got to. */
  | { kind: 'retry'; replica: string; reason: string; delayMs: number }
  /** A replica's log cannot be read (refused, or failing again and again): no longer followed. */
  | { kind: 'failed'; replica: string; reason: string };

export interface ServiceLogsOptions {
  namespace: string;
  service: string;
  /** Lines each replica starts with (default: 100 when streaming, 100 for getServiceLogs). */
  tailLines?: number;
  signal: AbortSignal;
  logger?: Logger;
  /** Where pod logs come from (default: the API server's pod log endpoint). */
  logSource?: LogSource;
  /** Lines held between the sockets and a slow consumer (default 10,000); beyond it the sockets are paused. */
  bufferLines?: number;
  /** Failed opens in a row, without a line between them, after which a replica's log is given up (default 8,
   *  about 16 s of backoff). "Not started yet" (HTTP 400) never counts: the pod watch ends that wait. */
  maxFailures?: number;
}

/** Longest line kept; a longer one is cut, so one runaway line cannot take unbounded memory. */
const maxLineChars = 64 * 1024;

/** Follows all replicas of the service, current ones and those that appear later, until the signal aborts. */
export async function* streamServiceLogs(kubeConfig: KubeConfig, options: ServiceLogsOptions): AsyncGenerator<LogEvent> {
  const logger = options.logger ?? silentLogger;
  const source = options.logSource ?? kubeLogSource(kubeConfig);
  const stop = new AbortController();
  const signal = AbortSignal.any([options.signal, stop.signal]);
  const queue = new BoundedQueue<LogEvent>(options.bufferLines ?? 10_000);
  const followers = new Map<string, AbortController>();
  const gaveUp = new Set<string>();
  const maxFailures = options.maxFailures ?? 8;
  const core = kubeConfig.makeApiClient(CoreV1Api);
  const pods = keepInformer<V1Pod>({
    kubeConfig,
    path: `/api/v1/namespaces/${options.namespace}/pods`,
    list: () => core.listNamespacedPod({ namespace: options.namespace, labelSelector: serviceSelector(options.service) }),
    labelSelector: serviceSelector(options.service),
    signal,
    logger,
    onChange: () => reconcile(),
    onFatal: (e) => queue.close(e),
  });
  const podNamed = (name: string) => pods.list().find((p) => p.metadata?.name === name);

  // Replicas there at the first listing start from their tail; a replica that appears later (scale-up, restart
  // into a new pod) is followed from its first line: what it printed before its stream opened is not lost.
  let listedOnce = false;
  function reconcile(): void {
    if (signal.aborted) return;
    const fromStart = listedOnce;
    listedOnce = true;
    const current = new Set<string>();
    for (const pod of pods.list()) {
      const name = pod.metadata?.name;
      if (!name || pod.metadata?.deletionTimestamp) continue;
      current.add(name);
      if (followers.has(name)) continue;
      const controller = new AbortController();
      followers.set(name, controller);
      void queue.push({ kind: 'replica', replica: name, change: 'added' });
      const container = pod.spec?.containers?.[0]?.name;
      void follow(name, container, AbortSignal.any([signal, controller.signal]), fromStart);
    }
    for (const [name, controller] of followers) {
      if (current.has(name)) continue;
      // A deleted pod's log is gone with it: stop following, never show it as a live replica again.
      controller.abort();
      followers.delete(name);
      void queue.push({ kind: 'replica', replica: name, change: 'removed' });
    }
  }

  async function follow(replica: string, container: string | undefined, podSignal: AbortSignal, fromStart: boolean): Promise<void> {
    const boundary = new LogBoundary();
    let failures = 0;
    while (!podSignal.aborted) {
      let reason = 'stream ended';
      let status: number | undefined;
      let gotLines = false;
      try {
        const sinceTime = boundary.sinceTime();
        const stream = await source({
          namespace: options.namespace,
          pod: replica,
          container,
          follow: true,
          ...(sinceTime ? { sinceTime } : fromStart ? {} : { tailLines: options.tailLines ?? 100 }),
          signal: podSignal,
        });
        boundary.reconnected();
        stream.setEncoding('utf8');
        let carry = '';
        for await (const chunk of stream as AsyncIterable<string>) {
          let start = 0;
          let nl = chunk.indexOf('\n');
          while (nl >= 0) {
            const raw = carry + chunk.slice(start, nl);
            carry = '';
            const parsed = parseTimestampedLine(raw);
            if (parsed && boundary.accept(parsed.key, parsed.time)) {
              gotLines = true;
              const text = parsed.text.length > maxLineChars ? parsed.text.slice(0, maxLineChars) : parsed.text;
              const wait = queue.push({ kind: 'line', replica, time: parsed.time, text });
              if (wait) await wait;
            }
            start = nl + 1;
            nl = chunk.indexOf('\n', start);
          }
          // A line cut by a dropped connection is not delivered: the reconnect replays it whole.
          carry = (carry + chunk.slice(start)).slice(0, maxLineChars + 64);
        }
      } catch (e) {
        reason = e instanceof Error ? e.message : String(e);
        if (e instanceof LogSourceError) status = e.status;
      }
      if (podSignal.aborted) return;
      const phase = podNamed(replica)?.status?.phase;
      if (phase === 'Succeeded' || phase === 'Failed') return;
      failures = gotLines || status === 400 ? 0 : failures + 1;
      // A refusal, or the same failure again and again (e.g. HTTP 500: the API server cannot reach the node's
      // kubelet), is not retried for ever: the replica is given up and the user told why.
      if (status === 401 || status === 403 || failures >= maxFailures) {
        giveUp(replica, reason);
        return;
      }
      const delayMs = Math.min(100 * 2 ** Math.min(failures, 6), 5000);
      logger.debug(`logs of ${replica}: ${reason}; reopening in ${delayMs} ms`);
      await queue.push({ kind: 'retry', replica, reason, delayMs });
      await sleep(delayMs, podSignal);
    }
  }

  function giveUp(replica: string, reason: string): void {
    gaveUp.add(replica);
    logger.warn(`logs of ${replica}: ${reason}; no longer following it`);
    void queue.push({ kind: 'failed', replica, reason });
    // Nothing left to follow: the stream ends with the reason, rather than waiting in silence.
    if ([...followers.keys()].every((name) => gaveUp.has(name))) queue.close(new Error(reason));
  }

  signal.addEventListener('abort', () => queue.close(), { once: true });
  try {
    yield* queue;
  } finally {
    stop.abort();
    queue.close();
  }
}

/** The last `tailLines` lines (default 100) of every replica of the service, oldest first. */
export async function getServiceLogs(kubeConfig: KubeConfig, options: ServiceLogsOptions): Promise<LogLine[]> {
  const source = options.logSource ?? kubeLogSource(kubeConfig);
  const core = kubeConfig.makeApiClient(CoreV1Api);
  const list = await core.listNamespacedPod({ namespace: options.namespace, labelSelector: serviceSelector(options.service) });
  const perPod = await Promise.all(
    list.items.map(async (pod) => {
      const replica = pod.metadata?.name ?? '';
      const stream = await source({
        namespace: options.namespace,
        pod: replica,
        container: pod.spec?.containers?.[0]?.name,
        follow: false,
        tailLines: options.tailLines ?? 100,
        signal: options.signal,
      });
      stream.setEncoding('utf8');
      let text = '';
      for await (const chunk of stream as AsyncIterable<string>) text += chunk;
      const lines: (LogLine & { key: string })[] = [];
      for (const raw of text.split('\n')) {
        const parsed = parseTimestampedLine(raw);
        if (parsed) lines.push({ replica, time: parsed.time, key: parsed.key, text: parsed.text });
      }
      return lines;
    }),
  );
  // Interleave the replicas by time, as one would read them in a single log.
  return perPod
    .flat()
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map(({ replica, time, text }) => ({ replica, time, text }));
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
