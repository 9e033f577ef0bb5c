// The operate-a-service part of the UI: Stream Logs, Stop Streaming Logs, Get Logs… and Show Status, each in the
// shared error wrapper. Nothing here loads the kube engine until a command runs.
import * as vscode from 'vscode';
import { type ServiceArg } from '../kube/pickService';
import { runCommand } from '../runCommand';
import type { UiContext } from '../uiContext';
import { getLogs, type LogCommandOptions, type LogStreamHandle, LogStreams, stopStreamingLogs, streamLogs } from './logCommands';
import { opsCommandIds } from './opsCommandIds';
import { disposeStatusPanels, showStatus } from './statusPanel';

export interface OpsUi {
  readonly logStreams: LogStreams;
}

export function registerOpsUi(ui: UiContext): OpsUi {
  const logStreams = new LogStreams(ui);
  const handlers: Record<string, (...args: never[]) => unknown> = {
    [opsCommandIds.streamLogs]: (arg?: ServiceArg, options?: LogCommandOptions) => streamLogs(ui, logStreams, arg, options),
    [opsCommandIds.stopStreamingLogs]: (arg?: ServiceArg | LogStreamHandle) => stopStreamingLogs(ui, logStreams, arg),
    [opsCommandIds.getLogs]: (arg?: ServiceArg, options?: LogCommandOptions) => getLogs(ui, logStreams, arg, options),
    [opsCommandIds.showStatus]: (arg?: ServiceArg) => showStatus(ui, arg),
  };
  for (const [id, handler] of Object.entries(handlers)) {
    ui.extension.subscriptions.push(vscode.commands.registerCommand(id, (...args: never[]) => runCommand(ui.log, id, () => handler(...args))));
  }
  ui.extension.subscriptions.push(logStreams, { dispose: disposeStatusPanels });
  return { logStreams };
}
