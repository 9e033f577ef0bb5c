// The VS Code debug configuration that attaches the Python Debugger extension (type `debugpy`) to a local service.
// Plain data: src/ui passes it to vscode.debug.startDebugging.
import type { DebugEndpoint } from './localService';

export interface DebugpyAttachConfiguration {
  readonly type: 'debugpy';
  readonly request: 'attach';
  readonly name: string;
  readonly connect: { readonly host: string; readonly port: number };
  readonly pathMappings: readonly { readonly localRoot: string; readonly remoteRoot: string }[];
  /** Step into the user's code only, not into azmlinfsrv / flask / gunicorn. */
  readonly justMyCode: boolean;
}

export function debugpyAttachConfiguration(serviceName: string, debug: DebugEndpoint): DebugpyAttachConfiguration {
  return {
    type: 'debugpy',
    request: 'attach',
    name: `Attach to ${serviceName} (local)`,
    connect: { host: debug.host, port: debug.port },
    // Process mode maps a folder to itself; Docker maps the workspace folder to /var/azureml-app/<folder>.
    pathMappings: [{ localRoot: debug.localRoot, remoteRoot: debug.remoteRoot }],
    justMyCode: true,
  };
}
