import type { Exposure, SecretReferenceGrant, ServiceRoute, TlsInput } from './exposureTypes';
import type {
  KubernetesObject,
  V1ClusterRoleBinding,
  V1ConfigMap,
  V1Deployment,
  V1NetworkPolicy,
  V1Role,
  V1RoleBinding,
  V1Secret,
  V1Service,
  V1ServiceAccount,
  V2HorizontalPodAutoscaler,
} from '@kubernetes/client-node';

export interface RenderInput {
  serviceName: string;
  namespace: string;
  /** The scoring image, already built and pushed (tag = the plan's content hash). */
  image: string;
  /** The auth proxy sidecar's image (a setting; DEFAULT_AUTH_PROXY_IMAGE). */
  authProxyImage: string;
  /** Set when this is one version of an endpoint: `serviceName` is then `<endpoint>-<version>`, the objects are
   * labelled with the endpoint and the version, and the auth objects the versions share carry the endpoint's
   * name and no version label (see src/kube/endpoint/DECISIONS.md). */
  endpoint?: string;
  /** How callers reach it (a deploy option; default cluster). An endpoint's versions are routed by the endpoint. */
  exposure?: Exposure;
  /** v1's TLS (sslEnabled with sslCertificate/sslKey/cname), read from the PEM files by the engine. */
  tls?: TlsInput;
}

/** Every object of one service, in the order they must be applied (a referent before what refers to it). */
export interface RenderedService {
  serviceAccount: V1ServiceAccount;
  /** Only when auth is on. */
  clientServiceAccount?: V1ServiceAccount;
  authProxyConfig?: V1ConfigMap;
  callerRole?: V1Role;
  callerRoleBinding?: V1RoleBinding;
  authDelegator?: V1ClusterRoleBinding;
  /** Only in key mode. Created once and never re-applied: a key survives redeploys (complaint 5). */
  keySecrets: V1Secret[];
  deployment: V1Deployment;
  service: V1Service;
  /** Only when auth is on: other pods may reach the auth proxy's port, not the scoring port. */
  networkPolicy?: V1NetworkPolicy;
  /** Only when autoscale is on; otherwise the Deployment carries a fixed replica count. */
  hpa?: V2HorizontalPodAutoscaler;
  /** Only with TLS: the certificate for the Gateway listener or the auth proxy. */
  tlsSecret?: V1Secret;
  /** Only for the gateway exposure with a Gateway in another namespace and TLS. */
  tlsReferenceGrant?: SecretReferenceGrant;
  /** Only for the gateway exposure of a single service. */
  route?: ServiceRoute;
}

export type ManifestObject = KubernetesObject & { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; labels: Record<string, string> } };
