// The VS Code debug configuration that attaches to a local service's debugpy. Plain data: src/ui passes it to
// vscode.debug.startDebugging, with the Python Debugger extension's type (`debugpy`) when it is installed, or with
// this extension's own type (`aksModel-python`, see src/ui/local/pythonDebugAdapter.ts) when it is not.
import type { DebugEndpoint } from './localService';

/** The debug type this extension contributes (package.json `debuggers`): debugpy without the Python extension. */
export const BUILTIN_DEBUG_TYPE = 'aksModel-python';
export type AttachDebugType = 'debugpy' | typeof BUILTIN_DEBUG_TYPE;

export interface DebugpyAttachConfiguration {
  readonly type: AttachDebugType;
  readonly request: 'attach';
  readonly name: string;
  readonly connect: { readonly host: string; readonly port: number };
  readonly pathMappings: readonly { readonly localRoot: string; readonly remoteRoot: string }[];
  /** Step into the user's code only, not into azmlinfsrv / flask / gunicorn. */
  readonly justMyCode: boolean;
}

export function debugpyAttachConfiguration(serviceName: string, debug: DebugEndpoint, type: AttachDebugType = 'debugpy'): DebugpyAttachConfiguration {
  return {
    type,
    request: 'attach',
    name: `Attach to ${serviceName} (local)`,
    connect: { host: debug.host, port: debug.port },
    // Process mode maps a folder to itself; Docker maps the workspace folder to /var/azureml-app/<folder>.
    pathMappings: [{ localRoot: debug.localRoot, remoteRoot: debug.remoteRoot }],
    justMyCode: true,
  };
}

/**
 * Where the built-in debug type's adapter is: the debugpy adapter that `debugpy.listen()` started next to the
 * server (in the worker's venv, or in the container with its port published on loopback). debugpy's adapter takes
 * `attach` + `connect` as "the server spawned me"; a second local adapter cannot connect out to it, so VS Code talks
 * to that adapter directly. A launch.json entry may be hand-written: name the field that is wrong.
 */
export function attachEndpoint(config: { readonly request?: unknown; readonly connect?: unknown; readonly port?: unknown; readonly host?: unknown }): { host: string; port: number } {
  if (config.request !== 'attach') throw new Error(`The ${BUILTIN_DEBUG_TYPE} debug type only attaches: set "request": "attach" (found ${JSON.stringify(config.request)}).`);
  const connect = (typeof config.connect === 'object' && config.connect !== null ? config.connect : {}) as { host?: unknown; port?: unknown };
  const port = connect.port ?? config.port;
  const host = connect.host ?? config.host ?? '127.0.0.1';
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`The ${BUILTIN_DEBUG_TYPE} debug configuration needs "connect.port", the port debugpy listens on (1-65535; found ${JSON.stringify(port)}).`);
  }
  if (typeof host !== 'string' || !host) throw new Error(`The ${BUILTIN_DEBUG_TYPE} debug configuration's "connect.host" must be a host name or address (found ${JSON.stringify(host)}).`);
  return { host, port };
}
