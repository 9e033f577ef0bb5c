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
  );
}
