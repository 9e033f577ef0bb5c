// All settings are read here, typed; every read sees the current values.
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
  /** Container registry per deploy target id (context name or AKS target id), e.g. myacr.azurecr.io. */
  readonly deployRegistries: Readonly<Record<string, string>>;
  /** The auth proxy sidecar image; empty means the default public kube-rbac-proxy image. */
  readonly authProxyImage: string | undefined;
  readonly rolloutTimeoutSeconds: number;
  /** The Gateway an endpoint's HTTPRoute attaches to, per deploy target id: "namespace/name". */
  readonly endpointGateways: Readonly<Record<string, string>>;
}

function read(): Settings {
  const c = vscode.workspace.getConfiguration('aksModel');
  return {
    pythonPath: c.get<string>('python.path') || 'python3',
    localBaseImage: c.get<string>('local.baseImage') || undefined,
    dockerHost: c.get<string>('local.dockerHost') || undefined,
    localStorageDir: c.get<string>('local.storageDir') || undefined,
    deployRegistries: c.get<Record<string, string>>('deploy.registries') ?? {},
    authProxyImage: c.get<string>('deploy.authProxyImage') || undefined,
    rolloutTimeoutSeconds: c.get<number>('deploy.rolloutTimeoutSeconds') || 600,
    endpointGateways: c.get<Record<string, string>>('endpoint.gateways') ?? {},
  };
}

/** Read at each use: reading configuration is cheap, and a cache refreshed by the change event can lag behind
 * an `update()` that has already resolved. */
export function settings(): Settings {
  return read();
}
