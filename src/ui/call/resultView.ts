// The one read-only view of test request results (local and deployed): a virtual document of the scheme
// `aksmodel-result`, updated in place, so each Send Test Request replaces the previous answer in the same editor
// instead of opening another untitled document (which VS Code then asks to save).
import * as vscode from 'vscode';
import type { UiContext } from '../uiContext';

export const RESULT_SCHEME = 'aksmodel-result';
/** The one result document (made on use: nothing here touches `vscode` at load). */
export function resultUri(): vscode.Uri {
  return vscode.Uri.from({ scheme: RESULT_SCHEME, path: '/Test Request Result.log' });
}

class ResultProvider implements vscode.TextDocumentContentProvider {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  text = '';

  provideTextDocumentContent(): string {
    return this.text;
  }

  set(text: string): void {
    this.text = text;
    this.changed.fire(resultUri());
  }
}

let provider: ResultProvider | undefined;

/** Shows the result: in the editor column that already shows it, else beside the active editor. */
export async function showTestResult(ui: UiContext, text: string): Promise<vscode.TextEditor> {
  if (!provider) {
    provider = new ResultProvider();
    ui.extension.subscriptions.push(vscode.workspace.registerTextDocumentContentProvider(RESULT_SCHEME, provider));
  }
  // An open document takes the new text a moment after the change event: wait for it, so whoever reads the editor
  // next (a user, a test) sees this answer, not the previous one.
  const updated = new Promise<void>((resolve) => {
    const timer = setTimeout(() => done(), 10_000);
    const sub = vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document.uri.toString() === resultUri().toString() && e.document.getText() === text) done();
    });
    const done = () => {
      clearTimeout(timer);
      sub.dispose();
      resolve();
    };
  });
  provider.set(text);
  const doc = await vscode.workspace.openTextDocument(resultUri());
  if (doc.getText() !== text) await updated;
  const shown = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === resultUri().toString());
  return vscode.window.showTextDocument(doc, { preview: false, viewColumn: shown?.viewColumn ?? vscode.ViewColumn.Beside });
}
