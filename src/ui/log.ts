// The extension's one log channel, adapted to the engine's Logger interface.
import * as vscode from 'vscode';
import type { Logger } from '../core/logger';

export interface ExtensionLog extends Logger {
  readonly channel: vscode.LogOutputChannel;
}

export function createExtensionLog(context: vscode.ExtensionContext): ExtensionLog {
  const channel = vscode.window.createOutputChannel('AKS Model Deploy', { log: true });
  context.subscriptions.push(channel);
  return {
    channel,
    trace: (m) => channel.trace(m),
    debug: (m) => channel.debug(m),
    info: (m) => channel.info(m),
    warn: (m) => channel.warn(m),
    error: (m) => channel.error(m),
  };
}
