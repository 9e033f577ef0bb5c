// Publishes the config core's problems as VS Code diagnostics (Problems panel, squiggles) for JSON and YAML
// config files, so the rules a JSON Schema cannot express (and YAML files, which the schema never sees) are
// checked on every edit exactly as the CLI and the deploy check them.
import fs from 'node:fs';
import * as vscode from 'vscode';
import type { Problem } from '../core/config';
import { mayBeConfigDocument } from '../core/config/configKind';
import { configEngine } from './engines';

export const CONFIG_DIAGNOSTICS_NAME = 'aksModel.config';
/** Validation takes well under 2 ms; the pause only spares the file system checks while someone types. */
const EDIT_DELAY_MS = 150;

export function registerConfigDiagnostics(context: vscode.ExtensionContext): void {
  const collection = vscode.languages.createDiagnosticCollection(CONFIG_DIAGNOSTICS_NAME);
  const pending = new Map<string, ReturnType<typeof setTimeout>>();

  const refresh = (doc: vscode.TextDocument) => {
    const text = doc.getText();
    // The parser is a bundle of its own: most documents never need it.
    const problems = mayBeConfigDocument(doc.fileName, text) ? configEngine().configProblemsForDocument(doc.fileName, text, fileAccess(doc.uri)) : undefined;
    if (problems === undefined) collection.delete(doc.uri);
    else collection.set(doc.uri, problems.map(toDiagnostic));
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
      collection.delete(doc.uri);
    }),
    // A config's "file does not exist" problems change when files appear or go, not only when it is edited.
    vscode.workspace.onDidCreateFiles(() => vscode.workspace.textDocuments.forEach(refresh)),
    vscode.workspace.onDidDeleteFiles(() => vscode.workspace.textDocuments.forEach(refresh)),
    vscode.workspace.onDidRenameFiles(() => vscode.workspace.textDocuments.forEach(refresh)),
    { dispose: () => pending.forEach((t) => clearTimeout(t)) },
  );
  vscode.workspace.textDocuments.forEach(refresh);
}

/** Existence and content checks only for files on disk; other schemes (untitled, virtual) get pure validation. */
function fileAccess(uri: vscode.Uri) {
  if (uri.scheme !== 'file') return {};
  return {
    fileExists: (p: string) => fs.existsSync(p),
    readFile: (p: string) => {
      try {
        return fs.readFileSync(p, 'utf8');
      } catch {
        return undefined;
      }
    },
  };
}

function toDiagnostic(p: Problem): vscode.Diagnostic {
  const range = new vscode.Range(p.range.start.line, p.range.start.column, p.range.end.line, p.range.end.column);
  const severity = p.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning;
  const d = new vscode.Diagnostic(range, p.message, severity);
  d.source = 'AKS Model Deploy';
  if (p.path) d.code = p.path;
  return d;
}
