// All settings are read here, typed, and re-read when the user changes them.
import * as vscode from 'vscode';

export interface Settings {
  /** The Python interpreter used to train the sample and, later, to make local environments. */
  readonly pythonPath: string;
  /** Base image for Docker mode when the inference config sets none. */
  readonly localBaseImage: string | undefined;
  /** DOCKER_HOST for Docker mode; empty means the docker CLI's own default. */
  readonly dockerHost: string | undefined;
  /** Where local environments (venvs, build contexts) are kept; empty means the extension's storage. */
  readonly localStorageDir: string | undefined;
}

function read(): Settings {
  const c = vscode.workspace.getConfiguration('aksModel');
  return {
    pythonPath: c.get<string>('python.path') || 'python3',
    localBaseImage: c.get<string>('local.baseImage') || undefined,
    dockerHost: c.get<string>('local.dockerHost') || undefined,
    localStorageDir: c.get<string>('local.storageDir') || undefined,
  };
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
