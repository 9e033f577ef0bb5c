// The deploy engine's half of a service's exposure (src/core/manifests/exposure.ts renders it): the target is
// completed from the plan (v1's load balancer settings, the TLS PEM text), refused before anything is applied when
// it cannot work, and what an earlier exposure left behind is removed.
import { readFileSync } from 'node:fs';
import { ApiException, type KubeConfig, type KubernetesObject } from '@kubernetes/client-node';
import { exposureProblem, serviceNames, type Exposure } from '../../core/manifests';
import { checkGatewayApi } from '../endpoint/gatewayApi';
import { MANAGED_BY_LABEL, MANAGED_BY_VALUE, SERVICE_LABEL } from '../labels';
import { KubeDeployError } from './errors';
import type { KubeClients } from './kubeClients';
import type { DeployTarget } from './deployTarget';

const VERSIONS_ANNOTATION = 'aksmodel.io/versions';

/** The target with the plan's load balancer settings and the TLS PEM text; throws when it cannot be deployed. */
export async function resolveExposure(kubeConfig: KubeConfig, target: DeployTarget): Promise<DeployTarget> {
  // An endpoint's versions are reached through the endpoint's route: their own exposure is the cluster.
  if (target.endpoint) return { ...target, exposure: undefined, tls: undefined };
  const given: Exposure = target.exposure ?? { kind: 'cluster' };
  const lb = target.plan.loadBalancer;
  const exposure: Exposure = given.kind === 'load-balancer' && lb ? { internal: lb.internal, subnet: lb.subnet, ...given } : given;
  const tls = target.tls ?? readTls(target.plan.tls);
  const resolved: DeployTarget = { ...target, exposure, ...(tls ? { tls } : {}) };
  const problem = exposureProblem(target.plan, resolved);
  if (problem) throw new KubeDeployError(`${problem} Nothing was applied.`, 'invalid');
  if (exposure.kind === 'gateway') await checkGatewayApi(kubeConfig);
  return resolved;
}

function readTls(files: DeployTarget['plan']['tls']): DeployTarget['tls'] {
  if (!files) return undefined;
  try {
    return { certificatePem: readFileSync(files.certificateFile, 'utf8'), keyPem: readFileSync(files.keyFile, 'utf8'), ...(files.cname ? { cname: files.cname } : {}) };
  } catch (e) {
    // The path only: never the content.
    const code = (e as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new KubeDeployError(`The TLS certificate or key cannot be read (${code}): ${files.certificateFile}, ${files.keyFile}. Nothing was applied.`, 'invalid');
  }
}

/** The exposure objects an earlier deploy of this single service may have made that this one does not render. */
export async function staleExposureObjects(c: KubeClients, target: DeployTarget, rendered: readonly KubernetesObject[]): Promise<KubernetesObject[]> {
  if (target.endpoint) return [];
  const n = serviceNames(target.serviceName, target.namespace);
  const has = (kind: string) => rendered.some((o) => o.kind === kind && (kind !== 'Secret' || o.metadata?.name === n.tlsSecret));
  const candidates: KubernetesObject[] = [
    { apiVersion: 'v1', kind: 'Secret', metadata: { name: n.tlsSecret, namespace: target.namespace } },
    { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: n.workload, namespace: target.namespace } },
    { apiVersion: 'gateway.networking.k8s.io/v1beta1', kind: 'ReferenceGrant', metadata: { name: n.tlsSecret, namespace: target.namespace } },
  ];
  const found = await Promise.all(candidates.filter((o) => !has(o.kind!)).map((o) => readIfServed(c, o)));
  // Only what this extension made for this service (a Secret of the same name may be the user's), and never an
  // endpoint's route of the same name (it carries the versions annotation).
  return found.filter((o): o is KubernetesObject => o !== undefined && o.metadata?.labels?.[MANAGED_BY_LABEL] === MANAGED_BY_VALUE && o.metadata?.labels?.[SERVICE_LABEL] === target.serviceName && !o.metadata?.annotations?.[VERSIONS_ANNOTATION]);
}

/** The object, or undefined when it is absent or its kind is not served (no Gateway API on the cluster). */
async function readIfServed(c: KubeClients, o: KubernetesObject): Promise<KubernetesObject | undefined> {
  try {
    return await c.objects.read(o as KubernetesObject & { metadata: { name: string; namespace: string } });
  } catch (e) {
    if (e instanceof ApiException && e.code === 404) return undefined;
    // client-node throws a plain Error when discovery does not know the kind.
    if (!(e instanceof ApiException)) return undefined;
    throw e;
  }
}
