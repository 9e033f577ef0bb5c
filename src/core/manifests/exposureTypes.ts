// The types of a service's exposure (issue 18), apart from exposure.ts so types.ts can name them without an import
// cycle (types.ts is imported by every renderer, exposure.ts among them).

export type ExposureKind = 'cluster' | 'load-balancer' | 'gateway';

export interface Exposure {
  readonly kind: ExposureKind;
  /** load-balancer: AKS's internal load balancer (v1's load_balancer_type InternalLoadBalancer). */
  readonly internal?: boolean;
  /** load-balancer, internal: the subnet its address comes from (v1's load_balancer_subnet). */
  readonly subnet?: string;
  /** gateway: the Gateway the HTTPRoute attaches to. */
  readonly gateway?: { readonly namespace: string; readonly name: string };
}

/** v1's TLS: PEM text read from the sslCertificate/sslKey files; never logged, never stored outside the Secret. */
export interface TlsInput {
  readonly certificatePem: string;
  readonly keyPem: string;
  /** v1's cname: the host name the certificate is for (the route's hostname on a Gateway). */
  readonly cname?: string;
}

export interface ServiceRoute {
  apiVersion: string;
  kind: 'HTTPRoute';
  metadata: { name: string; namespace: string; labels: Record<string, string> };
  spec: {
    parentRefs: { group: string; kind: 'Gateway'; namespace: string; name: string }[];
    hostnames?: string[];
    rules: {
      matches: { path: { type: 'PathPrefix'; value: string } }[];
      filters: { type: 'URLRewrite'; urlRewrite: { path: { type: 'ReplacePrefixMatch'; replacePrefixMatch: string } } }[];
      backendRefs: { group: ''; kind: 'Service'; name: string; port: number }[];
    }[];
  };
}

export interface SecretReferenceGrant {
  apiVersion: 'gateway.networking.k8s.io/v1beta1';
  kind: 'ReferenceGrant';
  metadata: { name: string; namespace: string; labels: Record<string, string> };
  spec: { from: { group: string; kind: 'Gateway'; namespace: string }[]; to: { group: ''; kind: 'Secret'; name: string }[] };
}
