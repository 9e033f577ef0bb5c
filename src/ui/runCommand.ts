// Every command runs inside this wrapper: silent on cancel, everything logged, a short message with "Show Log".
import * as vscode from 'vscode';
import type { ExtensionLog } from './log';

export function isCancellation(err: unknown): boolean {
  return err instanceof vscode.CancellationError || (err instanceof Error && err.name === 'AbortError');
}

export async function runCommand(log: ExtensionLog, id: string, body: () => unknown): Promise<unknown> {
  try {
    log.debug(`[command] ${id}`);
    return await body();
  } catch (err) {
    if (isCancellation(err)) {
      log.info(`[command] ${id} cancelled`);
      return undefined;
    }
    const message = err instanceof Error ? err.message : String(err);
    log.error(`[command] ${id} failed: ${err instanceof Error && err.stack ? err.stack : message}`);
    void vscode.window.showErrorMessage(message, 'Show Log').then((choice) => {
      if (choice) log.channel.show(true);
    });
    return undefined;
  }
}
