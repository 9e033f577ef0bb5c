// Stream Logs, Stop Streaming Logs and Get Logs… of a deployed service. One output channel per service
// ("AKS Model Deploy: logs <service>"); every line prefixed with its replica (formatLogEvent, as the CLI). Lines are
// appended in batches (LogBatcher), the engine's queue pauses the sockets when VS Code falls behind: memory stays
// bounded. Only log text reaches the channel: no kubeconfig, key or token is ever written.
import * as vscode from 'vscode';
import type { LogSource } from '../../kube';
import { kubeEngine } from '../engines';
import { describeService, kubeConfigFor, type ServiceRef } from '../kube/clusterRef';
import { resolveServiceRef, type ServiceArg } from '../kube/pickService';
import { runCommand } from '../runCommand';
import type { UiContext } from '../uiContext';
import { DEFAULT_LOG_LINES, validateLineCount } from './lineCount';
import { LogBatcher } from './logBatcher';
import { opsCommandIds } from './opsCommandIds';

/** The optional second argument of Stream Logs and Get Logs… (tests, other commands); the palette passes none. */
export interface LogCommandOptions {
  /** Lines each replica starts with (Stream Logs, default 100) or the N of Get Logs… (skips the question). */
  readonly tailLines?: number;
  /** Where pod logs come from (default: the cluster's pod log endpoint). */
  readonly logSource?: LogSource;
  /** Called with every text appended to the channel, after the append. */
  readonly onAppend?: (text: string) => void;
}

export interface LogStreamHandle {
  readonly ref: ServiceRef;
  readonly channelName: string;
  /** Log lines appended so far. */
  lines(): number;
  /** Resolves when the stream has stopped (Stop, channel closed, extension deactivated, or a fatal error). */
  readonly done: Promise<void>;
  stop(): void;
}

const serviceKey = (r: ServiceRef) => JSON.stringify([r.cluster.source, r.cluster.targetId, r.namespace, r.serviceName]);
const STREAMING_CONTEXT = 'aksModel.streamingLogs';

/** Channels and running streams of the session; disposed with the extension. */
export class LogStreams implements vscode.Disposable {
  private readonly channels = new Map<string, vscode.OutputChannel>();
  private readonly streams = new Map<string, LogStreamHandle>();
  private readonly statusItem = vscode.window.createStatusBarItem('aksModel.logStreams', vscode.StatusBarAlignment.Left, 50);
  private disposed = false;

  constructor(private readonly ui: UiContext) {
    this.statusItem.name = 'AKS Model Deploy: log streams';
  }

  channel(ref: ServiceRef): vscode.OutputChannel {
    const key = serviceKey(ref);
    let channel = this.channels.get(key);
    if (!channel) {
      channel = vscode.window.createOutputChannel(`AKS Model Deploy: logs ${ref.serviceName}`);
      this.channels.set(key, channel);
    }
    return channel;
  }

  running(): readonly LogStreamHandle[] {
    return [...this.streams.values()];
  }

  find(ref: ServiceRef): LogStreamHandle | undefined {
    return this.streams.get(serviceKey(ref));
  }

  start(ref: ServiceRef, options: LogCommandOptions): LogStreamHandle {
    const existing = this.find(ref);
    if (existing) {
      this.channel(ref).show(true);
      return existing;
    }
    const key = serviceKey(ref);
    const channel = this.channel(ref);
    const append = (text: string) => {
      // A stream still winding down when the extension deactivates has no channel left to write to.
      if (this.disposed) return;
      channel.append(text);
      options.onAppend?.(text);
    };
    const batcher = new LogBatcher(append);
    const abort = new AbortController();
    let lines = 0;
    const kc = kubeConfigFor(this.ui, ref.cluster);
    const engine = kubeEngine();
    append(`--- streaming the logs of every replica of ${describeService(ref)}; stop with "AKS Model Deploy: Stop Streaming Logs" ---\n`);
    channel.show(true);
    const pump = async () => {
      try {
        for await (const ev of engine.streamServiceLogs(kc, {
          namespace: ref.namespace,
          service: ref.serviceName,
          tailLines: options.tailLines ?? DEFAULT_LOG_LINES,
          signal: abort.signal,
          logger: this.ui.log,
          ...(options.logSource ? { logSource: options.logSource } : {}),
        })) {
          if (ev.kind === 'line') lines += 1;
          batcher.add(engine.formatLogEvent(ev).text);
        }
      } catch (e) {
        if (abort.signal.aborted) return;
        const line = `Logs of ${ref.serviceName}: ${engine.kubeErrorLine(e)}`;
        batcher.add(`--- ${line} ---`);
        throw new Error(line);
      } finally {
        batcher.add(`--- stopped streaming the logs of ${ref.serviceName} ---`);
        batcher.dispose();
        this.streams.delete(key);
        this.updateStatus();
      }
    };
    const done = runCommand(this.ui.log, opsCommandIds.streamLogs, pump).then(() => undefined);
    const handle: LogStreamHandle = { ref, channelName: channel.name, lines: () => lines, done, stop: () => abort.abort() };
    this.streams.set(key, handle);
    this.ui.log.info(`[logs] streaming the logs of ${describeService(ref)}`);
    this.updateStatus();
    return handle;
  }

  dispose(): void {
    this.disposed = true;
    for (const s of this.streams.values()) s.stop();
    this.streams.clear();
    for (const c of this.channels.values()) c.dispose();
    this.channels.clear();
    this.statusItem.dispose();
  }

  private updateStatus(): void {
    if (this.disposed) return;
    const n = this.streams.size;
    void vscode.commands.executeCommand('setContext', STREAMING_CONTEXT, n > 0);
    if (n === 0) {
      this.statusItem.hide();
      return;
    }
    const names = this.running().map((s) => s.ref.serviceName);
    this.statusItem.text = `$(debug-stop) Logs: ${n === 1 ? names[0] : `${n} services`}`;
    this.statusItem.tooltip = `Streaming the logs of ${names.join(', ')}. Click to stop.`;
    this.statusItem.command = { title: 'Stop Streaming Logs', command: opsCommandIds.stopStreamingLogs };
    this.statusItem.show();
  }
}

export async function streamLogs(ui: UiContext, streams: LogStreams, arg: ServiceArg, options: LogCommandOptions = {}): Promise<LogStreamHandle | undefined> {
  const ref = await resolveServiceRef(ui, arg);
  if (!ref) return undefined;
  return streams.start(ref, options);
}

export async function stopStreamingLogs(ui: UiContext, streams: LogStreams, arg: ServiceArg | LogStreamHandle): Promise<void> {
  const running = streams.running();
  let target: LogStreamHandle | undefined;
  if (arg && 'stop' in arg) target = arg;
  else if (arg) {
    const ref = 'ref' in arg ? arg.ref : arg;
    target = streams.find(ref);
    if (!target) {
      void vscode.window.showInformationMessage(`The logs of ${ref.serviceName} are not being streamed.`);
      return;
    }
  } else if (running.length === 0) {
    void vscode.window.showInformationMessage('No log stream is running.');
    return;
  } else if (running.length === 1) target = running[0];
  else {
    const picked = await vscode.window.showQuickPick(
      running.map((s) => ({ label: s.ref.serviceName, description: `${s.ref.namespace} on ${s.ref.cluster.label}`, s })),
      { placeHolder: 'Stop streaming the logs of…' },
    );
    target = picked?.s;
  }
  if (!target) return;
  target.stop();
  await target.done;
  ui.log.info(`[logs] stopped streaming the logs of ${describeService(target.ref)}`);
}

export async function getLogs(ui: UiContext, streams: LogStreams, arg: ServiceArg, options: LogCommandOptions = {}): Promise<{ lines: number } | undefined> {
  const ref = await resolveServiceRef(ui, arg);
  if (!ref) return undefined;
  let tail = options.tailLines;
  if (tail === undefined) {
    const answer = await vscode.window.showInputBox({
      title: `Get Logs of ${ref.serviceName}`,
      prompt: 'How many of the last lines of each replica?',
      value: String(DEFAULT_LOG_LINES),
      validateInput: validateLineCount,
      ignoreFocusOut: true,
    });
    if (answer === undefined) return undefined;
    tail = Number(answer.trim());
  } else {
    const problem = validateLineCount(String(tail));
    if (problem) throw new Error(problem);
  }
  const kc = kubeConfigFor(ui, ref.cluster);
  const engine = kubeEngine();
  const lines = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Getting the logs of ${ref.serviceName}`, cancellable: true },
    async (_progress, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      try {
        return await engine.getServiceLogs(kc, {
          namespace: ref.namespace,
          service: ref.serviceName,
          tailLines: tail,
          signal: abort.signal,
          logger: ui.log,
          ...(options.logSource ? { logSource: options.logSource } : {}),
        });
      } catch (e) {
        if (abort.signal.aborted) throw new vscode.CancellationError();
        throw new Error(`Logs of ${ref.serviceName}: ${engine.kubeErrorLine(e)}`);
      }
    },
  );
  const channel = streams.channel(ref);
  const replicas = new Set(lines.map((l) => l.replica)).size;
  let text = `--- the last ${tail} lines of each replica of ${describeService(ref)}: ${lines.length} lines from ${replicas} replica${replicas === 1 ? '' : 's'} ---\n`;
  for (const l of lines) text += `${engine.formatLogLine(l)}\n`;
  channel.append(text);
  options.onAppend?.(text);
  channel.show(true);
  ui.log.info(`[logs] got ${lines.length} lines of ${describeService(ref)}`);
  return { lines: lines.length };
}
