// The operate-a-service part of the UI: Stream Logs, Stop Streaming Logs, Get Logs… and Show Status, each in the
// shared error wrapper. The bodies load with dist/commands.js on the first command; the kube engine after that.
import * as vscode from 'vscode';
import { clusterCommands, clusterCommandsIfLoaded } from '../lazyCommandsLoader';
import { type ServiceArg } from '../kube/pickService';
import { runCommand } from '../runCommand';
import type { UiContext } from '../uiContext';
import type { LogCommandOptions, LogStreamHandle, LogStreams } from './logCommands';
import { opsCommandIds } from './opsCommandIds';

export function registerOpsUi(ui: UiContext): void {
  let logStreams: LogStreams | undefined;
  const streams = () => (logStreams ??= new (clusterCommands().LogStreams)(ui));
  const handlers: Record<string, (...args: never[]) => unknown> = {
    [opsCommandIds.streamLogs]: (arg?: ServiceArg, options?: LogCommandOptions) => clusterCommands().streamLogs(ui, streams(), arg, options),
    [opsCommandIds.stopStreamingLogs]: (arg?: ServiceArg | LogStreamHandle) => clusterCommands().stopStreamingLogs(ui, streams(), arg),
    [opsCommandIds.getLogs]: (arg?: ServiceArg, options?: LogCommandOptions) => clusterCommands().getLogs(ui, streams(), arg, options),
    [opsCommandIds.showStatus]: (arg?: ServiceArg) => clusterCommands().showStatus(ui, arg),
  };
  for (const [id, handler] of Object.entries(handlers)) {
    ui.extension.subscriptions.push(vscode.commands.registerCommand(id, (...args: never[]) => runCommand(ui.log, id, () => handler(...args))));
  }
  ui.extension.subscriptions.push({
    dispose: () => {
      logStreams?.dispose();
      clusterCommandsIfLoaded()?.disposeStatusPanels();
    },
  });
}
