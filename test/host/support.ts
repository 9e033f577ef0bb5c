// Helpers for tests that run inside the extension host.
import * as vscode from 'vscode';
import type { UiContext } from '../../src/ui/uiContext';

export const EXTENSION_ID = 'aks-model-deploy.aks-model-deploy';

export async function activateExtension(): Promise<UiContext> {
  const ext = vscode.extensions.getExtension<UiContext>(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not loaded in this host`);
  return ext.activate();
}

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the host tests need an open workspace folder');
  return folder.uri;
}

/**
 * Polls until `check` returns a value (not undefined/false), or fails with `what` after `ms`. The default ceiling
 * is generous: the machines that run these tests are often loaded, and a passing check returns at once anyway.
 */
export async function eventually<T>(what: string, check: () => Promise<T | undefined | false> | T | undefined | false, ms = 60_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
