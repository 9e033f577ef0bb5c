// Publishes the config core's problems as VS Code diagnostics (Problems panel, squiggles) for JSON and YAML
// config files, so the rules a JSON Schema cannot express (and YAML files, which the schema never sees) are
// checked on every edit exactly as the CLI and the deploy check them. Validation runs in a worker thread
// (diagnostics/validationQueue.ts): a large file never blocks the extension host, and an edit cancels the stale run.
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import * as vscode from 'vscode';
import type { Problem } from '../core/config';
import { mayBeConfigDocument } from '../core/config/configKind';
import { ValidationQueue } from './diagnostics/validationQueue';
import type { ExtensionLog } from './log';

export const CONFIG_DIAGNOSTICS_NAME = 'aksModel.config';
/** The pause spares the worker while someone types; an edit during a run cancels it anyway. */
const EDIT_DELAY_MS = 150;

export function registerConfigDiagnostics(context: vscode.ExtensionContext, log?: ExtensionLog): void {
  const collection = vscode.languages.createDiagnosticCollection(CONFIG_DIAGNOSTICS_NAME);
  const pending = new Map<string, ReturnType<typeof setTimeout>>();
  // dist/configWorker.js sits next to dist/extension.js.
  const queue = new ValidationQueue(() => new Worker(path.join(__dirname, 'configWorker.js')));
  /** The problems shown per document, for their Quick Fixes (a code action's diagnostics are copies, not these). */
  const shown = new Map<string, Problem[]>();

  const refresh = (doc: vscode.TextDocument) => {
    const key = doc.uri.toString();
    const text = doc.getText();
    if (!mayBeConfigDocument(doc.fileName, text)) {
      collection.delete(doc.uri);
      return;
    }
    const version = doc.version;
    queue.validate(key, doc.fileName, text, doc.uri.scheme === 'file').then(
      (problems) => {
        if (problems === 'superseded' || doc.isClosed || doc.version !== version) return;
        if (problems === undefined) {
          shown.delete(key);
          collection.delete(doc.uri);
        } else {
          shown.set(key, problems);
          collection.set(doc.uri, problems.map(toDiagnostic));
        }
      },
      (err: unknown) => log?.warn(`[config] validating ${doc.fileName} failed: ${err instanceof Error ? err.message : String(err)}`),
    );
  };
  const schedule = (doc: vscode.TextDocument) => {
    const key = doc.uri.toString();
    clearTimeout(pending.get(key));
    pending.set(
      key,
      setTimeout(() => {
        pending.delete(key);
        refresh(doc);
      }, EDIT_DELAY_MS),
    );
  };

  context.subscriptions.push(
    collection,
    vscode.workspace.onDidOpenTextDocument(refresh),
    vscode.workspace.onDidChangeTextDocument((e) => schedule(e.document)),
    vscode.workspace.onDidSaveTextDocument(refresh),
    vscode.workspace.onDidCloseTextDocument((doc) => {
      clearTimeout(pending.get(doc.uri.toString()));
      pending.delete(doc.uri.toString());
      queue.forget(doc.uri.toString());
      shown.delete(doc.uri.toString());
      collection.delete(doc.uri);
    }),
    // A config's "file does not exist" problems change when files appear or go, not only when it is edited.
    vscode.workspace.onDidCreateFiles(() => vscode.workspace.textDocuments.forEach(refresh)),
    vscode.workspace.onDidDeleteFiles(() => vscode.workspace.textDocuments.forEach(refresh)),
    vscode.workspace.onDidRenameFiles(() => vscode.workspace.textDocuments.forEach(refresh)),
    { dispose: () => pending.forEach((t) => clearTimeout(t)) },
    vscode.languages.registerCodeActionsProvider(
      [{ language: 'json' }, { language: 'jsonc' }, { language: 'yaml' }],
      { provideCodeActions: (doc, _range, context) => quickFixes(doc, context.diagnostics, shown.get(doc.uri.toString()) ?? []) },
      { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] },
    ),
    queue,
  );
  vscode.workspace.textDocuments.forEach(refresh);
}

/** Quick Fixes for our diagnostics whose problem carries a fix (a misspelled key, a value out of range). */
function quickFixes(doc: vscode.TextDocument, diagnostics: readonly vscode.Diagnostic[], problems: readonly Problem[]): vscode.CodeAction[] {
  const actions: vscode.CodeAction[] = [];
  for (const d of diagnostics) {
    if (d.source !== DIAGNOSTIC_SOURCE) continue;
    const p = problems.find((x) => x.fix && x.message === d.message && toRange(x.range).isEqual(d.range));
    if (!p?.fix) continue;
    const action = new vscode.CodeAction(p.fix.title, vscode.CodeActionKind.QuickFix);
    action.edit = new vscode.WorkspaceEdit();
    action.edit.replace(doc.uri, toRange(p.fix.range), p.fix.newText);
    action.diagnostics = [d];
    action.isPreferred = true;
    actions.push(action);
  }
  return actions;
}

const DIAGNOSTIC_SOURCE = 'AKS Model Deploy';
const toRange = (r: Problem['range']) => new vscode.Range(r.start.line, r.start.column, r.end.line, r.end.column);

function toDiagnostic(p: Problem): vscode.Diagnostic {
  const range = new vscode.Range(p.range.start.line, p.range.start.column, p.range.end.line, p.range.end.column);
  const severity = p.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning;
  const d = new vscode.Diagnostic(range, p.message, severity);
  d.source = DIAGNOSTIC_SOURCE;
  if (p.path) d.code = p.path;
  return d;
}
