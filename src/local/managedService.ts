// The part both modes share: start a server instance, wait for `/` to be healthy, turn an early exit into a
// precise error (the init() traceback), restart on demand or on save, stop everything once.
import type { Logger } from '../core/logger';
import { watchSource, type SourceWatcher } from './hotReload';
import type { DebugEndpoint, LocalMode, LocalService } from './localService';
import { LocalServiceError } from './localServiceError';
import { waitFor, waitHealthy } from './network';
import { scriptErrorFromLog } from './pythonErrors';
import { WORKER_READY_MARK } from './serverHooks';
import { EventChannel, LogTail, type LocalServiceEvent } from './serviceEvents';

/** One running server (a process group or a container). */
export interface ServerInstance {
  /** Set once the server has exited. */
  exited(): { code: number | null } | undefined;
  stop(): Promise<void>;
  /** Restart the workers only (SIGHUP to the gunicorn master): the code is re-imported, the interpreter is warm. */
  reload?(): Promise<void>;
}

export interface ServiceDriver {
  readonly mode: LocalMode;
  readonly url: string;
  readonly debug?: DebugEndpoint;
  readonly imageId?: string;
  readonly sourceDirectory: string;
  /** Where the server sees the source (Docker), so tracebacks map back to local files. */
  readonly serverSourceDirectory?: string;
  /** Folders under sourceDirectory whose changes are not code (e.g. the model itself). */
  readonly watchIgnore?: readonly string[];
  launch(log: LogTail): Promise<ServerInstance>;
  dispose?(): Promise<void>;
}

export async function startManagedService(
  driver: ServiceDriver,
  opts: { logger: Logger; hotReload?: boolean; healthTimeoutMs?: number; signal?: AbortSignal },
): Promise<LocalService> {
  const channel = new EventChannel<LocalServiceEvent>();
  // Each server line goes to one place: the events while someone follows them (the UI's output channel, the CLI),
  // else the logger (start-up, before anyone can subscribe). Both ends write to the same output: one line, once.
  const log = new LogTail(2000, (line) => {
    if (channel.listened) channel.emit({ type: 'log', line });
    else opts.logger.info(line);
  });
  let instance: ServerInstance | undefined;
  let watcher: SourceWatcher | undefined;
  let stopped = false;
  let queue: Promise<unknown> = Promise.resolve();

  const failure = (): Error | undefined => {
    const gone = instance?.exited();
    if (!gone) return undefined;
    log.flush();
    const scriptError = scriptErrorFromLog(log.text(), driver.sourceDirectory, driver.serverSourceDirectory);
    if (scriptError) {
      const where = scriptError.frame ? ` at ${scriptError.frame.file}:${scriptError.frame.line}` : '';
      return new LocalServiceError('initFailed', `The entry script failed while starting: ${scriptError.exception}${where}`, { scriptError, logTail: log.tail() });
    }
    return new LocalServiceError('exited', `The scoring server exited with code ${gone.code} before it was healthy`, { logTail: log.tail() });
  };

  const timeoutMs = opts.healthTimeoutMs ?? 120_000;
  // Ready = a worker started after the last mark printed the hooks' ready line, and `/` answers.
  const ready = async () => {
    await waitFor(() => log.text().includes(WORKER_READY_MARK), { timeoutMs, signal: opts.signal, failed: failure });
    await waitHealthy(driver.url, { timeoutMs, signal: opts.signal, failed: failure });
    channel.emit({ type: 'state', state: 'healthy', message: driver.url });
  };

  const up = async () => {
    channel.emit({ type: 'state', state: 'starting' });
    log.mark();
    instance = await driver.launch(log);
    await ready();
  };

  const stopInstance = async () => {
    const i = instance;
    instance = undefined;
    await i?.stop();
  };

  const restart = (changed: readonly string[] = []) => {
    // Saves can arrive while a restart runs: restarts are queued, never overlapped.
    const next = queue.then(async () => {
      if (stopped) return;
      const started = Date.now();
      channel.emit({ type: 'state', state: 'restarting', message: changed.join(', ') });
      if (instance && !instance.exited() && instance.reload) {
        log.mark();
        await instance.reload();
        await ready();
      } else {
        await stopInstance();
        await up();
      }
      channel.emit({ type: 'reloaded', changed, ms: Date.now() - started });
    });
    queue = next.catch(() => undefined);
    return next;
  };

  const stop = async () => {
    if (stopped) return;
    stopped = true;
    watcher?.close();
    await queue;
    await stopInstance();
    await driver.dispose?.();
    channel.emit({ type: 'state', state: 'stopped' });
    channel.close();
  };

  try {
    await up();
  } catch (e) {
    await stop().catch(() => undefined);
    throw e;
  }
  // The caller's signal owns the service: aborting it (e.g. the CLI's SIGINT) stops processes and container.
  opts.signal?.addEventListener('abort', () => void stop().catch(() => undefined), { once: true });
  if (opts.hotReload) {
    watcher = watchSource(driver.sourceDirectory, (changed) => {
      opts.logger.info(`changed: ${changed.join(', ')}; restarting`);
      restart(changed).catch((e: unknown) => {
        opts.logger.error(e instanceof Error ? e : String(e));
        channel.emit({ type: 'state', state: 'failed', message: e instanceof Error ? e.message : String(e) });
      });
    }, { ignore: driver.watchIgnore });
  }

  return {
    mode: driver.mode,
    url: driver.url,
    debug: driver.debug,
    imageId: driver.imageId,
    logTail: (n) => log.tail(n),
    events: (signal) => channel.subscribe(signal),
    restart,
    stop,
  };
}
