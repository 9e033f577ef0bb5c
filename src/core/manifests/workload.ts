// Deployment, Service and HorizontalPodAutoscaler of one service, rendered from the plan alone.
import type { V1Container, V1Deployment, V1Service, V1Volume, V2HorizontalPodAutoscaler } from '@kubernetes/client-node';
import { MANAGED_BY_LABEL, SERVICE_LABEL, VERSION_LABEL, serviceLabels } from './labels';
import type { DeploymentPlan } from '../plan';
import { proxyServesTls, serviceExposure, servicePort } from './exposure';
import { AUTH_PROXY_CONFIG_FILE, PROXY_HTTP_PORT, PROXY_PORT, PROXY_TLS_DIR, SCORING_PORT, type ServiceNames } from './names';
import { cpuQuantity, memoryQuantity } from './quantities';
import type { RenderInput } from './types';

export const MODEL_CONTAINER = 'model';
export const AUTH_PROXY_CONTAINER = 'auth-proxy';
export const GPU_RESOURCE = 'nvidia.com/gpu';
/** The service's auth mode (key, token, none) on its Deployment: the Targets view offers keys or tokens by it. */
export const AUTH_MODE_ANNOTATION = 'aksmodel.io/auth';
/**
 * A replica being replaced keeps serving this long after it is told to stop: the Service's endpoints (and every
 * kube-proxy, load balancer or Gateway reading them) drop it concurrently with the SIGTERM, so without the pause a
 * request routed just before could meet a closed port ("connection refused", seen in a rollout under load).
 */
export const DRAIN_SECONDS = 5;
const drainBeforeStop = { preStop: { sleep: { seconds: DRAIN_SECONDS } } };

function labelsOf(plan: DeploymentPlan, input: RenderInput): Record<string, string> {
  return serviceLabels(input.endpoint ?? input.serviceName, plan.endpoint?.versionName);
}

/** The selector is immutable once created, so it holds only labels that never change for this Deployment. */
function selectorOf(labels: Record<string, string>): Record<string, string> {
  const keys = [MANAGED_BY_LABEL, SERVICE_LABEL, VERSION_LABEL];
  return Object.fromEntries(Object.entries(labels).filter(([k]) => keys.includes(k)));
}

function modelContainer(plan: DeploymentPlan, input: RenderInput): V1Container {
  const r = plan.resources;
  const requests: Record<string, string> = { cpu: cpuQuantity(r.cpu), memory: memoryQuantity(r.memoryInGB) };
  const limits: Record<string, string> = {};
  if (r.cpuLimit !== undefined) limits.cpu = cpuQuantity(r.cpuLimit);
  if (r.memoryInGBLimit !== undefined) limits.memory = memoryQuantity(r.memoryInGBLimit);
  // Extended resources are limits-only (the request defaults to the limit, and may not differ from it).
  if (r.gpu > 0) limits[GPU_RESOURCE] = String(r.gpu);
  const lv = plan.liveness;
  const health = { path: '/', port: SCORING_PORT, scheme: 'HTTP' };
  return {
    name: MODEL_CONTAINER,
    image: input.image,
    ports: [{ name: 'scoring', containerPort: SCORING_PORT, protocol: 'TCP' }],
    // Sorted so the rendered object (and so a re-apply) does not depend on key order in the config file.
    env: Object.keys(plan.env)
      .sort()
      .map((name) => ({ name, value: plan.env[name] })),
    resources: Object.keys(limits).length > 0 ? { requests, limits } : { requests },
    // A crashed run's last log lines stay in the pod status: the deploy error shows init()'s traceback even when
    // the kubelet cannot serve that run's log any more.
    terminationMessagePolicy: 'FallbackToLogsOnError',
    livenessProbe: {
      httpGet: health,
      periodSeconds: lv.periodSeconds,
      initialDelaySeconds: lv.initialDelaySeconds,
      timeoutSeconds: lv.timeoutSeconds,
      // Kubernetes requires 1 for liveness probes; v1 configs carry the field but it cannot mean anything else.
      successThreshold: 1,
      failureThreshold: lv.failureThreshold,
    },
    // Without readiness a pod would take traffic while init() still loads the model; the same open route
    // tells when it is done, polled often (every 2 s: a redeploy waits on it) so a rollout finishes as soon as the
    // model is loaded.
    readinessProbe: { httpGet: health, periodSeconds: 2, timeoutSeconds: lv.timeoutSeconds, successThreshold: 1, failureThreshold: 3 },
    lifecycle: drainBeforeStop,
  };
}

function authProxyContainer(input: RenderInput, names: ServiceNames, tls: boolean): V1Container {
  // Plain HTTP inside the cluster (TLS at the Gateway, or the port-forward's channel); HTTPS with the user's
  // certificate only where the proxy is the edge (src/kube/deploy/DECISIONS.md, "How the auth proxy serves").
  const listen = tls
    ? [`--secure-listen-address=0.0.0.0:${PROXY_PORT}`, `--tls-cert-file=${PROXY_TLS_DIR}/tls.crt`, `--tls-private-key-file=${PROXY_TLS_DIR}/tls.key`]
    : [`--insecure-listen-address=0.0.0.0:${PROXY_HTTP_PORT}`];
  const config = { name: 'auth-proxy-config', mountPath: '/etc/kube-rbac-proxy', readOnly: true };
  const apiAccess = { name: API_ACCESS_VOLUME, mountPath: SERVICE_ACCOUNT_DIR, readOnly: true };
  return {
    name: AUTH_PROXY_CONTAINER,
    image: input.authProxyImage,
    args: [
      ...listen,
      `--upstream=http://127.0.0.1:${SCORING_PORT}/`,
      // The health route stays open, as in v1 (load balancers and people probe it without a key).
      '--ignore-paths=/',
      `--auth-token-audiences=${names.audience}`,
      `--config-file=/etc/kube-rbac-proxy/${AUTH_PROXY_CONFIG_FILE}`,
    ],
    ports: [tls ? { name: 'https', containerPort: PROXY_PORT, protocol: 'TCP' } : { name: 'http', containerPort: PROXY_HTTP_PORT, protocol: 'TCP' }],
    resources: { requests: { cpu: '10m', memory: '32M' }, limits: { memory: '128M' } },
    // The proxy is the pod's front door: it must outlive the drain as the model does.
    lifecycle: drainBeforeStop,
    volumeMounts: tls ? [config, { name: 'auth-proxy-tls', mountPath: PROXY_TLS_DIR, readOnly: true }, apiAccess] : [config, apiAccess],
  };
}

const API_ACCESS_VOLUME = 'auth-proxy-api-access';
/** Where in-cluster clients (kube-rbac-proxy's) look for the token, CA and namespace. */
const SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

/** What the API server's ServiceAccount admission would mount (kube-api-access-*), for one container only. */
function apiAccessVolume(): V1Volume {
  return {
    name: API_ACCESS_VOLUME,
    projected: {
      defaultMode: 0o444,
      sources: [
        { serviceAccountToken: { path: 'token', expirationSeconds: 3607 } },
        { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
        { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
      ],
    },
  };
}

export function deployment(plan: DeploymentPlan, input: RenderInput, names: ServiceNames): V1Deployment {
  const labels = labelsOf(plan, input);
  const auth = plan.auth.mode !== 'none';
  const tls = proxyServesTls(plan, input);
  const containers = [modelContainer(plan, input), ...(auth ? [authProxyContainer(input, names, tls)] : [])];
  const volumes: V1Volume[] = [
    ...(auth ? [{ name: 'auth-proxy-config', configMap: { name: names.authProxyConfig } }, apiAccessVolume()] : []),
    ...(tls ? [{ name: 'auth-proxy-tls', secret: { secretName: names.tlsSecret } }] : []),
  ];
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: names.workload, namespace: input.namespace, labels, annotations: { [AUTH_MODE_ANNOTATION]: plan.auth.mode } },
    spec: {
      // With an HPA the replica count is the HPA's to set: leaving it out means our apply never fights it.
      ...(plan.scaling.mode === 'fixed' ? { replicas: plan.scaling.replicas } : {}),
      selector: { matchLabels: selectorOf(labels) },
      // Never take a serving replica away before its replacement is ready: a failed update keeps the old one.
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
      template: {
        metadata: { labels },
        spec: {
          serviceAccountName: names.workload,
          // The account may create TokenReviews (system:auth-delegator): only the proxy gets its token, through its own
          // projected volume; the model's code (the user's score.py) gets none.
          automountServiceAccountToken: false,
          containers,
          ...(volumes.length > 0 ? { volumes } : {}),
          // AKS taints GPU node pools with nvidia.com/gpu; a GPU model must tolerate that to land there.
          ...(plan.resources.gpu > 0 ? { tolerations: [{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }] } : {}),
        },
      },
    },
  };
}

export function service(plan: DeploymentPlan, input: RenderInput, names: ServiceNames): V1Service {
  const labels = labelsOf(plan, input);
  const { type, annotations } = serviceExposure(input);
  const port = servicePort(plan, input);
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: names.workload, namespace: input.namespace, labels, ...(annotations ? { annotations } : {}) },
    spec: {
      type,
      selector: selectorOf(labels),
      // With auth on, nothing reaches the scoring port except through the proxy. The port's name is the scheme.
      ports: [{ name: port.name, port: port.port, targetPort: port.targetPort, protocol: 'TCP' }],
    },
  };
}

export function horizontalPodAutoscaler(plan: DeploymentPlan, input: RenderInput, names: ServiceNames): V2HorizontalPodAutoscaler | undefined {
  if (plan.scaling.mode !== 'autoscale') return undefined;
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: names.workload, namespace: input.namespace, labels: labelsOf(plan, input) },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: names.workload },
      minReplicas: plan.scaling.minReplicas,
      maxReplicas: plan.scaling.maxReplicas,
      // v1 measured "busy replicas"; without the router, CPU utilization of the requests is the stand-in.
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: plan.scaling.targetUtilization } } }],
      // The seed's router: eager up (no stabilization window), cautious down (about a minute).
      behavior: { scaleUp: { stabilizationWindowSeconds: 0 }, scaleDown: { stabilizationWindowSeconds: 60 } },
    },
  };
}
