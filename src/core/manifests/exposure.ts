// How callers reach one service (issue 18): inside the cluster only, through a LoadBalancer Service, or through an
// HTTPRoute on a Gateway on v1's path; and v1's TLS (certificate + key PEM, cname) as a TLS Secret used by the
// Gateway listener or, on a load balancer, by the auth proxy. src/kube/deploy/DECISIONS.md says why.
import type { V1Secret, V1Service } from '@kubernetes/client-node';
import { serviceLabels } from './labels';
import type { DeploymentPlan } from '../plan';
import { PROXY_HTTP_PORT, PROXY_PORT, SCORING_PORT, type ServiceNames } from './names';
import type { Exposure, ExposureKind, SecretReferenceGrant, ServiceRoute } from './exposureTypes';
import type { RenderInput } from './types';

export type { Exposure, ExposureKind, SecretReferenceGrant, ServiceRoute, TlsInput } from './exposureTypes';

export const EXPOSURE_KINDS: readonly ExposureKind[] = ['cluster', 'load-balancer', 'gateway'];

export const GATEWAY_API_VERSION = 'gateway.networking.k8s.io/v1';
export const INTERNAL_LB_ANNOTATION = 'service.beta.kubernetes.io/azure-load-balancer-internal';
export const INTERNAL_LB_SUBNET_ANNOTATION = 'service.beta.kubernetes.io/azure-load-balancer-internal-subnet';

/** v1's scoring URI was /api/v1/service/<name>/score; the prefix is stripped so the container sees /score. */
export const scoringPathPrefix = (name: string): string => `/api/v1/service/${name}`;

export const exposureOf = (input: RenderInput): Exposure => input.exposure ?? { kind: 'cluster' };

/** The auth proxy serves HTTPS only where it is the edge: a load balancer with the user's certificate. Everywhere
 * else it serves plain HTTP inside the cluster and TLS is the Gateway's (or the port-forward is the channel). */
export function proxyServesTls(plan: DeploymentPlan, input: RenderInput): boolean {
  return plan.auth.mode !== 'none' && exposureOf(input).kind === 'load-balancer' && input.tls !== undefined;
}

/** Why this combination cannot be rendered (checked before anything is applied), or undefined. */
export function exposureProblem(plan: DeploymentPlan, input: RenderInput): string | undefined {
  const e = exposureOf(input);
  if (e.kind === 'gateway' && !e.gateway) return 'The gateway exposure needs a Gateway (NAMESPACE/NAME) for the HTTPRoute to attach to.';
  if (e.kind !== 'load-balancer' && (e.internal || e.subnet)) return `loadBalancerType/loadBalancerSubnet apply to the load-balancer exposure only; this deploy uses ${e.kind}.`;
  if (e.subnet && !e.internal) return 'loadBalancerSubnet needs loadBalancerType "InternalLoadBalancer" (a public load balancer takes no subnet).';
  if (input.tls && e.kind === 'cluster') return 'sslEnabled is set but the service is exposed inside the cluster only: choose the gateway exposure (TLS at the Gateway listener) or load-balancer (TLS at the auth proxy).';
  if (input.tls && e.kind === 'load-balancer' && plan.auth.mode === 'none') {
    return 'TLS on a load balancer is served by the auth proxy, which runs only with auth on: set authEnabled or tokenAuthEnabled, or use the gateway exposure (TLS at the Gateway listener).';
  }
  return undefined;
}

/** The Service's one port: its name says the scheme (http/https), which clients and port-forwards read. */
export function servicePort(plan: DeploymentPlan, input: RenderInput): { name: 'http' | 'https'; port: number; targetPort: number } {
  if (plan.auth.mode === 'none') return { name: 'http', port: 80, targetPort: SCORING_PORT };
  return proxyServesTls(plan, input) ? { name: 'https', port: 443, targetPort: PROXY_PORT } : { name: 'http', port: 80, targetPort: PROXY_HTTP_PORT };
}

/** Type and annotations of the Service for the exposure. */
export function serviceExposure(input: RenderInput): Pick<NonNullable<V1Service['spec']>, 'type'> & { annotations?: Record<string, string> } {
  const e = exposureOf(input);
  if (e.kind !== 'load-balancer') return { type: 'ClusterIP' };
  if (!e.internal) return { type: 'LoadBalancer' };
  return { type: 'LoadBalancer', annotations: { [INTERNAL_LB_ANNOTATION]: 'true', ...(e.subnet ? { [INTERNAL_LB_SUBNET_ANNOTATION]: e.subnet } : {}) } };
}

/** The TLS Secret `<svc>-tls` (kubernetes.io/tls): the Gateway listener's certificateRef or the proxy's files. */
export function tlsSecret(input: RenderInput, names: ServiceNames, plan: DeploymentPlan): V1Secret | undefined {
  if (!input.tls) return undefined;
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    type: 'kubernetes.io/tls',
    metadata: { name: names.tlsSecret, namespace: input.namespace, labels: serviceLabels(input.endpoint ?? input.serviceName, plan.endpoint?.versionName) },
    // data, not stringData: server-side apply then stores exactly what was sent, and a re-apply is a no-op.
    data: { 'tls.crt': base64(input.tls.certificatePem), 'tls.key': base64(input.tls.keyPem) },
  };
}

const base64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');

/** A single service's HTTPRoute, shaped as an endpoint's (src/kube/endpoint/route.ts): v1's path, the prefix
 * rewritten to `/`, one backend; the cname as its hostname when TLS is on. Standard-channel features only. */
export function serviceRoute(plan: DeploymentPlan, input: RenderInput, names: ServiceNames): ServiceRoute | undefined {
  const e = exposureOf(input);
  if (e.kind !== 'gateway' || !e.gateway || input.endpoint) return undefined;
  return {
    apiVersion: GATEWAY_API_VERSION,
    kind: 'HTTPRoute',
    metadata: { name: names.workload, namespace: input.namespace, labels: serviceLabels(input.serviceName) },
    spec: {
      parentRefs: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', namespace: e.gateway.namespace, name: e.gateway.name }],
      ...(input.tls?.cname ? { hostnames: [input.tls.cname] } : {}),
      rules: [
        {
          matches: [{ path: { type: 'PathPrefix', value: scoringPathPrefix(input.serviceName) } }],
          filters: [{ type: 'URLRewrite', urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/' } } }],
          backendRefs: [{ group: '', kind: 'Service', name: names.workload, port: servicePort(plan, input).port }],
        },
      ],
    },
  };
}

/** A Gateway in another namespace may read the TLS Secret only with a ReferenceGrant here, for that Secret only. */
export function tlsReferenceGrant(input: RenderInput, names: ServiceNames): SecretReferenceGrant | undefined {
  const e = exposureOf(input);
  if (e.kind !== 'gateway' || !e.gateway || !input.tls || input.endpoint || e.gateway.namespace === input.namespace) return undefined;
  return {
    apiVersion: 'gateway.networking.k8s.io/v1beta1',
    kind: 'ReferenceGrant',
    metadata: { name: names.tlsSecret, namespace: input.namespace, labels: serviceLabels(input.serviceName) },
    spec: { from: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', namespace: e.gateway.namespace }], to: [{ group: '', kind: 'Secret', name: names.tlsSecret }] },
  };
}

/** What the Gateway needs for this service's TLS (we never edit someone's Gateway): a listener for the cname. */
export function gatewayTlsListenerHint(input: RenderInput, names: ServiceNames): string | undefined {
  const e = exposureOf(input);
  if (e.kind !== 'gateway' || !e.gateway || !input.tls) return undefined;
  const host = input.tls.cname ?? '<your host name>';
  return (
    `TLS is served by Gateway ${e.gateway.namespace}/${e.gateway.name}: it needs an HTTPS listener with hostname ${host}, ` +
    `tls.mode Terminate and certificateRefs [{kind: Secret, name: ${names.tlsSecret}, namespace: ${input.namespace}}] (the Secret is deployed; ` +
    `a ReferenceGrant for it too when the Gateway is in another namespace).`
  );
}
