// Pure rendering of one service's Kubernetes objects from a DeploymentPlan (no I/O, no config files).
import type { DeploymentPlan } from '../plan';
import { authProxyConfig, callerRbac, keySecrets, serviceAccounts } from './access';
import { serviceRoute, tlsReferenceGrant, tlsSecret } from './exposure';
import { serviceNames } from './names';
import { networkPolicy } from './networkPolicy';
import type { ManifestObject, RenderInput, RenderedService } from './types';
import { deployment, horizontalPodAutoscaler, service } from './workload';

export {
  EXPOSURE_KINDS,
  exposureProblem,
  gatewayTlsListenerHint,
  scoringPathPrefix,
  servicePort,
  type Exposure,
  type ExposureKind,
  type ServiceRoute,
  type TlsInput,
} from './exposure';
export { DEFAULT_AUTH_PROXY_IMAGE, KEY_DATA_FIELD, KEY_NAMES, PROXY_HTTP_PORT, PROXY_PORT, SCORING_PORT, serviceNames, type KeyName, type ServiceNames } from './names';
export { cpuQuantity, memoryQuantity } from './quantities';
export type { ManifestObject, RenderInput, RenderedService } from './types';
export { AUTH_PROXY_CONTAINER, DRAIN_SECONDS, GPU_RESOURCE, MODEL_CONTAINER } from './workload';

export function renderService(plan: DeploymentPlan, input: RenderInput): RenderedService {
  const names = serviceNames(input.serviceName, input.namespace, input.endpoint);
  const accounts = serviceAccounts(plan, input, names);
  const rbac = callerRbac(plan, input, names);
  const workload = deployment(plan, input, names);
  return {
    serviceAccount: accounts.pod,
    clientServiceAccount: accounts.client,
    authProxyConfig: authProxyConfig(plan, input, names),
    callerRole: rbac?.role,
    callerRoleBinding: rbac?.binding,
    authDelegator: rbac?.delegator,
    keySecrets: keySecrets(plan, input, names),
    deployment: workload,
    service: service(plan, input, names),
    networkPolicy: networkPolicy(plan, input, names, workload),
    hpa: horizontalPodAutoscaler(plan, input, names),
    tlsSecret: tlsSecret(input, names, plan),
    tlsReferenceGrant: tlsReferenceGrant(input, names),
    route: serviceRoute(plan, input, names),
  };
}

/** The objects that are (re-)applied on every deploy, in dependency order. Key Secrets are not among them:
 * they are created once, by the key store, so a redeploy never replaces a key. */
export function applyOrder(r: RenderedService): ManifestObject[] {
  const list = [r.serviceAccount, r.clientServiceAccount, r.authProxyConfig, r.callerRole, r.callerRoleBinding, r.authDelegator, r.tlsSecret, r.tlsReferenceGrant, r.networkPolicy, r.deployment, r.service, r.hpa, r.route];
  return list.filter((o) => o !== undefined) as ManifestObject[];
}
