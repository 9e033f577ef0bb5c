// All settings are read here, typed, and re-read when the user changes them.
import * as vscode from 'vscode';

export interface Settings {
  /** The Python interpreter used to train the sample and, later, to make local environments. */
  readonly pythonPath: string;
}

function read(): Settings {
  const c = vscode.workspace.getConfiguration('aksModel');
  return { pythonPath: c.get<string>('python.path') || 'python3' };
}

let current: Settings | undefined;

export function settings(): Settings {
  return (current ??= read());
}

export function watchSettings(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('aksModel')) current = read();
    }),
  );
}
