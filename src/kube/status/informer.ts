// client-node's ListWatch already lists, watches from the list's resourceVersion, resumes from the last one seen
// when a watch ends, and relists on 410 Gone (dropping what the new list no longer has, so no stale object
// survives). What it does not do is come back after an error (connection refused during an API server restart,
// a reset socket): it reports ERROR and stops. keepInformer() restarts it with backoff, which resumes from the
// last resourceVersion, and tells the owner whether the view is live.
import { type KubernetesObject, type ListPromise, makeInformer, type KubeConfig } from '@kubernetes/client-node';
import type { Logger } from '../../core/logger';

export interface KeptInformer<T> {
  /** The objects as the watch last saw them. */
  list(): readonly T[];
  /** True between a successful (re)connect and the next error. */
  connected(): boolean;
  /** Resolves once the first list has arrived (or the signal aborted). */
  synced: Promise<void>;
}

export interface KeepInformerOptions<T extends KubernetesObject> {
  kubeConfig: KubeConfig;
  path: string;
  list: ListPromise<T>;
  labelSelector?: string;
  signal: AbortSignal;
  logger: Logger;
  /** Called after every change of the cached objects and of connected(). */
  onChange: () => void;
  /** Longest pause between reconnect attempts (default 5 s). */
  maxBackoffMs?: number;
  /** Called instead of retrying when the very first list is refused (401/403): retrying cannot help. */
  onFatal?: (err: unknown) => void;
  /** Any error before the first list is fatal (a one-shot read: refused connections or a hung server end it at once). */
  failBeforeSynced?: boolean;
}

export function keepInformer<T extends KubernetesObject>(o: KeepInformerOptions<T>): KeptInformer<T> {
  // A (re)list, first or after 410 Gone, means the cache is about to be replaced: not live until the new list has
  // been applied (ListWatch applies it synchronously once the promise resolves, so setImmediate comes after).
  let listing = false;
  const list: ListPromise<T> = async () => {
    setConnected(false);
    listing = true;
    try {
      return await o.list();
    } finally {
      setImmediate(() => {
        listing = false;
        if (!o.signal.aborted && errorsBefore === errorsAtStart) setConnected(true);
      });
    }
  };
  const informer = makeInformer<T>(o.kubeConfig, o.path, list, o.labelSelector);
  let connected = false;
  const graceMs = 250;
  let failures = 0;
  let timer: NodeJS.Timeout | undefined;
  let markSynced: () => void = () => {};
  const synced = new Promise<void>((resolve) => (markSynced = resolve));
  const setConnected = (value: boolean) => {
    if (connected === value) return;
    connected = value;
    o.onChange();
  };
  const changed = () => {
    failures = 0;
    setConnected(true);
    o.onChange();
  };
  informer.on('add', changed);
  informer.on('update', changed);
  informer.on('delete', changed);
  let hasSynced = false;
  informer.on('error', (err: unknown) => {
    if (o.signal.aborted) return;
    const status = httpStatus(err);
    if (!hasSynced && o.onFatal && (o.failBeforeSynced || status === 401 || status === 403)) {
      o.onFatal(err);
      return;
    }
    setConnected(false);
    failures += 1;
    const delay = Math.min(100 * 2 ** Math.min(failures, 10), o.maxBackoffMs ?? 5000);
    o.logger.debug(`watch ${o.path} failed (${describe(err)}); reconnecting in ${delay} ms`);
    clearTimeout(timer);
    timer = setTimeout(() => void start(), delay);
  });
  let errorsBefore = 0;
  informer.on('error', () => (errorsBefore += 1));
  let errorsAtStart = 0;
  const start = async () => {
    if (o.signal.aborted) return;
    errorsAtStart = errorsBefore;
    await informer.start();
    if (errorsBefore !== errorsAtStart || o.signal.aborted) return;
    hasSynced = true;
    markSynced();
    // start() resolves once the watch request has its response headers. An expired resourceVersion is refused
    // only after that, by an ERROR event (410) that makes ListWatch relist; a short grace keeps the view marked
    // not-live until such a refusal had its chance, so a resumed view is never called live while still stale.
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (!listing && errorsBefore === errorsAtStart && !o.signal.aborted) setConnected(true);
    }, graceMs);
  };
  o.signal.addEventListener(
    'abort',
    () => {
      clearTimeout(timer);
      markSynced();
      void informer.stop();
    },
    { once: true },
  );
  void start();
  return { list: () => informer.list(), connected: () => connected, synced };
}

function httpStatus(err: unknown): number | undefined {
  if (!err || typeof err !== 'object') return undefined;
  const e = err as { code?: unknown; statusCode?: unknown };
  return typeof e.code === 'number' ? e.code : typeof e.statusCode === 'number' ? e.statusCode : undefined;
}

function describe(err: unknown): string {
  if (err instanceof Error) return err.message;
  if (err && typeof err === 'object') {
    const e = err as { code?: unknown; message?: unknown; reason?: unknown };
    return [e.code, e.reason, e.message].filter((x) => x !== undefined).join(' ');
  }
  return String(err);
}
