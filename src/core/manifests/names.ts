// Object names and the token audience of one service, in one place so render, apply, keys and delete agree.
import { createHash } from 'node:crypto';
export const SCORING_PORT = 5001;
/** The auth proxy's HTTPS port: only where it is the TLS edge (a load balancer with the user's certificate). */
export const PROXY_PORT = 8443;
/** The auth proxy's plain-HTTP port (--insecure-listen-address): inside the cluster, behind a Gateway or port-forward. */
export const PROXY_HTTP_PORT = 8080;
/** Where the TLS Secret is mounted into the auth proxy. */
export const PROXY_TLS_DIR = '/etc/kube-rbac-proxy-tls';
export const AUTH_PROXY_CONFIG_FILE = 'config.yaml';
/** kube-rbac-proxy's public image; the UI offers it as the default of the auth-proxy image setting. */
export const DEFAULT_AUTH_PROXY_IMAGE = 'quay.io/brancz/kube-rbac-proxy:v0.22.0';

export type KeyName = 'primary' | 'secondary';
export const KEY_NAMES: readonly KeyName[] = ['primary', 'secondary'];
/** The data field of a key Secret that holds the key (a Secret-bound ServiceAccount token). */
export const KEY_DATA_FIELD = 'key';

export interface ServiceNames {
  /** Deployment, Service, HPA, the pod's ServiceAccount. */
  workload: string;
  /** The identity callers present: keys and tokens are this ServiceAccount's tokens. */
  client: string;
  keySecret: Record<KeyName, string>;
  authProxyConfig: string;
  /** Role + RoleBinding that let `client` call this service through the proxy. */
  callerRole: string;
  /** ClusterRoleBinding letting the proxy run TokenReview. Cluster-scoped, so the namespace is in the name, and a
   * hash of the pair keeps `a-b`/`svc` apart from `a`/`b-svc` (the plain join made both the same name). */
  authDelegator: string;
  /** Tokens carry this audience so a key is useless against the Kubernetes API or any other service. */
  audience: string;
  /** The `services/proxy` resource name the auth proxy authorizes and the caller Role grants: the workload for a
   * single service, the endpoint for an endpoint version (so one key or token is good for every version). */
  authzName: string;
  /** kubernetes.io/tls Secret from v1's sslCertificate/sslKey (and the ReferenceGrant for it). */
  tlsSecret: string;
}

/** `endpoint`: set for one version of an endpoint (`serviceName` is then `<endpoint>-<version>`): the caller
 * identity, keys, caller Role and audience belong to the endpoint and are shared by all its versions. */
export function serviceNames(serviceName: string, namespace: string, endpoint?: string): ServiceNames {
  const shared = endpoint ?? serviceName;
  return {
    workload: serviceName,
    client: `${shared}-client`,
    keySecret: { primary: `${shared}-key-primary`, secondary: `${shared}-key-secondary` },
    authProxyConfig: `${serviceName}-auth-proxy`,
    callerRole: `${shared}-caller`,
    authDelegator: `aksmodel-${namespace}-${serviceName}-${pairHash(namespace, serviceName)}-auth-delegator`,
    audience: `aksmodel.io/${namespace}/${shared}`,
    authzName: shared,
    tlsSecret: `${serviceName}-tls`,
  };
}

/** The ClusterRoleBinding name before it was hashed: a redeploy replaces it when it is this service's own. */
export function legacyAuthDelegatorName(serviceName: string, namespace: string): string {
  return `aksmodel-${namespace}-${serviceName}-auth-delegator`;
}

/** Neither part may contain "/", so the pair maps to one string only. */
function pairHash(namespace: string, serviceName: string): string {
  return createHash('sha256').update(`${namespace}/${serviceName}`).digest('hex').slice(0, 10);
}
