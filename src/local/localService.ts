// What both runners hand back: a running scoring server on 127.0.0.1 that can be restarted, stopped and followed.
import type { LocalServiceEvent } from './serviceEvents';

export type LocalMode = 'process' | 'docker';

export interface DebugEndpoint {
  readonly host: string;
  readonly port: number;
  /** Where the source directory is on this machine. */
  readonly localRoot: string;
  /** Where the server sees it (the same folder in process mode, /var/azureml-app/<dir> in Docker). */
  readonly remoteRoot: string;
}

export interface LocalService {
  readonly mode: LocalMode;
  /** http://127.0.0.1:<port> */
  readonly url: string;
  readonly debug?: DebugEndpoint;
  /** Docker mode: the image the container runs (unchanged by a hot reload). */
  readonly imageId?: string;
  /** The newest server log lines (for failures and "open log"). */
  logTail(lines?: number): string[];
  /** Log lines, state changes and reloads from now on. */
  events(signal?: AbortSignal): AsyncIterable<LocalServiceEvent>;
  /** Restarts the server with the current source (no rebuild) and resolves once `/` is healthy again. */
  restart(changed?: readonly string[]): Promise<void>;
  /** Stops the server and everything it started (processes, container, watcher). Safe to call twice. */
  stop(): Promise<void>;
}

export interface LocalRunOptions {
  /** Port for the scoring server on 127.0.0.1; a free one when omitted. */
  readonly port?: number;
  /** Start debugpy listening (on `debugPort`, or a free port). */
  readonly debug?: boolean;
  readonly debugPort?: number;
  /** Restart on every save under sourceDirectory. */
  readonly hotReload?: boolean;
  readonly healthTimeoutMs?: number;
  readonly signal?: AbortSignal;
}
