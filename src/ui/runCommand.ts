// Every command runs inside this wrapper: silent on cancel, everything logged, a short message with the action
// that fixes the error (errorActions.ts) and "Show Log" last.
import * as vscode from 'vscode';
import { fixActionsFor } from './errorActions';
import type { ExtensionLog } from './log';

/** VS Code's own cancellation error loses its class when it crosses from the workbench to the extension host
 * (e.g. a cancelled sign-in dialog of authentication.getSession): it arrives as an Error named and saying
 * "Canceled", which VS Code's isCancellationError accepts too. */
const CANCELED = 'Canceled';

export function isCancellation(err: unknown): boolean {
  if (err instanceof vscode.CancellationError) return true;
  return err instanceof Error && (err.name === 'AbortError' || (err.name === CANCELED && err.message === CANCELED));
}

export async function runCommand(log: ExtensionLog, id: string, body: () => unknown, args: readonly unknown[] = []): Promise<unknown> {
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
    const actions = fixActionsFor(err, args);
    void vscode.window.showErrorMessage(message, ...actions.map((a) => a.title), 'Show Log').then((choice) => {
      const action = actions.find((a) => a.title === choice);
      if (action) void Promise.resolve(action.run()).catch((e: unknown) => log.error(`[command] ${id}: the action ${action.title} failed: ${String(e)}`));
      else if (choice) log.channel.show(true);
    });
    return undefined;
  }
}
