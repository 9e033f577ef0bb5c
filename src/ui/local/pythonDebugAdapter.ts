// Breakpoints in score.py without the Python Debugger extension (offline, VSCodium, code-server): the
// `aksModel-python` debug type speaks DAP straight to the debugpy adapter the local service already runs
// (debugpy.listen() in the gunicorn worker, from the project's venv, or in the container, published on loopback).
import * as vscode from 'vscode';
import { attachEndpoint, BUILTIN_DEBUG_TYPE, type AttachDebugType } from '../../local/debugConfig';

export const PYTHON_DEBUGGER_EXTENSION = 'ms-python.debugpy';

/** The Python Debugger's type when it is installed (users keep its features), else this extension's own. */
export function attachDebugType(): AttachDebugType {
  return vscode.extensions.getExtension(PYTHON_DEBUGGER_EXTENSION) ? 'debugpy' : BUILTIN_DEBUG_TYPE;
}

export function registerPythonDebugAdapter(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.debug.registerDebugAdapterDescriptorFactory(BUILTIN_DEBUG_TYPE, {
      createDebugAdapterDescriptor(session) {
        // Throws with the field to fix; VS Code shows the message and does not start the session.
        const { host, port } = attachEndpoint(session.configuration);
        return new vscode.DebugAdapterServer(port, host);
      },
    }),
    // F5 with no launch.json offers this type for Python files: there is nothing to launch, so point at Debug Locally.
    vscode.debug.registerDebugConfigurationProvider(BUILTIN_DEBUG_TYPE, {
      resolveDebugConfiguration(_folder, config) {
        if (config.request) return config;
        const file = vscode.window.activeTextEditor?.document.uri;
        void vscode.window.showInformationMessage('AKS Model Deploy debugs a model folder that is running locally: use Debug Locally on it.', 'Debug Locally').then((c) => {
          if (c) void vscode.commands.executeCommand('aksModel.debugLocally', file?.scheme === 'file' ? file : undefined);
        });
        return undefined;
      },
    }),
  );
}
