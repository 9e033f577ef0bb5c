// deploymentconfig.json: the typed, defaulted config and the rules that span several fields.
import { DEPLOYMENT_FIELDS } from './deploymentFields';
import type { SrcObject } from './source';
import type { LineIndex } from './text';
import { type Values, walkObject, WalkContext } from './walk';

export type ComputeType = 'aks' | 'aksendpoint' | 'aci' | 'local';

export interface AutoScalerConfig {
  autoscaleEnabled: boolean;
  minReplicas: number;
  maxReplicas: number;
  refreshPeriodInSeconds: number;
  targetUtilization: number;
}

export interface DeploymentConfig {
  computeType: ComputeType;
  autoScaler: AutoScalerConfig;
  numReplicas?: number;
  authEnabled: boolean;
  tokenAuthEnabled: boolean;
  containerResourceRequirements: { cpu: number; memoryInGB: number; cpuLimit?: number; memoryInGBLimit?: number };
  gpuCores: number;
  appInsightsEnabled: boolean;
  scoringTimeoutMs: number;
  maxConcurrentRequestsPerContainer: number;
  maxQueueWaitMs: number;
  dataCollection: { storageEnabled: boolean };
  keys: { primaryKey?: string; secondaryKey?: string };
  livenessProbeRequirements: {
    periodSeconds: number;
    initialDelaySeconds: number;
    timeoutSeconds: number;
    successThreshold: number;
    failureThreshold: number;
  };
  namespace?: string;
  computeTargetName?: string;
  versionName?: string;
  trafficPercentile?: number;
  port?: number;
  location?: string;
  dnsNameLabel?: string;
  sslEnabled?: boolean;
  sslCertificate?: string;
  sslKey?: string;
  cname?: string;
  loadBalancerType?: string;
  loadBalancerSubnet?: string;
}

const AUTOSCALE_ONLY = ['minReplicas', 'maxReplicas', 'refreshPeriodInSeconds', 'targetUtilization'] as const;

/** Validates a deployment config tree; the config is returned whenever no error was found. */
export function validateDeployment(root: SrcObject, lines: LineIndex): { config?: DeploymentConfig; values: DeploymentConfig; ctx: WalkContext } {
  const ctx = new WalkContext(lines, root);
  const written = root.entries.find((e) => e.key === 'computeType')?.value;
  const computeType = written?.kind === 'scalar' && typeof written.value === 'string' ? written.value.toLowerCase() : undefined;
  const v = walkObject(ctx, root, DEPLOYMENT_FIELDS, '', computeType) as Values & { autoScaler: Values; containerResourceRequirements: Values };

  if (v.computeType === 'aci' || v.computeType === 'local') {
    ctx.report(
      'warning',
      `computeType "${String(written?.kind === 'scalar' ? written.value : v.computeType)}" is read, but it is not deployable to AKS; set computeType to "aks" (or "AKSENDPOINT") to deploy it with this extension.`,
      'computeType',
      ctx.rangeOf('computeType'),
    );
  }
  resolveAutoscale(ctx, v);
  checkLimit(ctx, v.containerResourceRequirements, 'cpu', 'cpuLimit');
  checkLimit(ctx, v.containerResourceRequirements, 'memoryInGB', 'memoryInGBLimit');

  if (v.authEnabled === true && v.tokenAuthEnabled === true) {
    ctx.report('error', 'authEnabled and tokenAuthEnabled cannot both be true; key and token authentication exclude each other. Set one to false.', 'tokenAuthEnabled', ctx.rangeOf('tokenAuthEnabled'));
  }
  // v1 turned key auth on by default for AKS (off for ACI, per AciWebservice.deploy_configuration); a file that
  // asks for tokens and says nothing about keys means tokens only.
  if (v.authEnabled === undefined) v.authEnabled = v.computeType === 'aci' ? false : v.tokenAuthEnabled !== true;

  checkTlsAndLoadBalancer(ctx, v);

  const hasError = ctx.problems.some((p) => p.severity === 'error');
  return { config: hasError ? undefined : (v as unknown as DeploymentConfig), values: v as unknown as DeploymentConfig, ctx };
}

function resolveAutoscale(ctx: WalkContext, v: Values & { autoScaler: Values }): void {
  const a = v.autoScaler;
  const numReplicasSet = v.numReplicas !== undefined;
  if (a.autoscaleEnabled === true && numReplicasSet) {
    ctx.report('error', 'numReplicas cannot be combined with autoscale (autoScaler.autoscaleEnabled is true); remove numReplicas or turn autoscale off.', 'numReplicas', ctx.rangeOf('numReplicas'));
  }
  if (a.autoscaleEnabled === false && !numReplicasSet) {
    ctx.report('error', 'Autoscale is off, so numReplicas is required: say how many replicas to run.', 'autoScaler.autoscaleEnabled', ctx.rangeOf('autoScaler.autoscaleEnabled'));
  }
  if (a.autoscaleEnabled === undefined) a.autoscaleEnabled = !numReplicasSet;
  if (!a.autoscaleEnabled) {
    for (const f of AUTOSCALE_ONLY) {
      const p = `autoScaler.${f}`;
      if (ctx.isWritten(p)) {
        const why = numReplicasSet ? 'numReplicas is set' : 'autoscaleEnabled is false';
        ctx.report('error', `autoScaler.${f} is only used with autoscale on, and autoscale is off here (${why}). Remove it, or remove numReplicas to autoscale.`, p, ctx.rangeOf(p));
      }
    }
    return;
  }
  const min = a.minReplicas as number | undefined;
  const max = a.maxReplicas as number | undefined;
  if (min !== undefined && max !== undefined && min > max) {
    const minText = ctx.isWritten('autoScaler.minReplicas') ? `${min}` : `${min}, the default`;
    const maxText = ctx.isWritten('autoScaler.maxReplicas') ? `${max}` : `${max}, the default`;
    const at = ctx.isWritten('autoScaler.minReplicas') ? 'autoScaler.minReplicas' : 'autoScaler.maxReplicas';
    ctx.report('error', `minReplicas (${minText}) must not be greater than maxReplicas (${maxText}).`, at, ctx.rangeOf(at));
  }
}

function checkLimit(ctx: WalkContext, r: Values, request: string, limit: string): void {
  const req = r[request] as number | undefined;
  const lim = r[limit] as number | undefined;
  if (req === undefined || lim === undefined || lim >= req) return;
  const p = `containerResourceRequirements.${limit}`;
  const reqText = ctx.isWritten(`containerResourceRequirements.${request}`) ? `${req}` : `${req}, the default`;
  ctx.report('error', `${limit} (${lim}) must be at least ${request} (${reqText}): a limit below the request can never be met.`, p, ctx.rangeOf(p));
}

/** v1 read these on its AKS compute, not in this file, so it never refused them here: mistakes are warnings in
 * validate, and deploy refuses them (a typo must not silently give a public load balancer or no TLS). */
function checkTlsAndLoadBalancer(ctx: WalkContext, v: Values): void {
  const lb = v.loadBalancerType;
  if (typeof lb === 'string' && !['publicip', 'internalloadbalancer'].includes(lb.toLowerCase())) {
    ctx.refuse(`loadBalancerType is "PublicIp" or "InternalLoadBalancer", not "${lb}".`, 'loadBalancerType', ctx.rangeOf('loadBalancerType'));
  }
  if (v.loadBalancerSubnet !== undefined && String(lb ?? '').toLowerCase() !== 'internalloadbalancer') {
    ctx.refuse('loadBalancerSubnet needs loadBalancerType "InternalLoadBalancer" (a public load balancer takes no subnet).', 'loadBalancerSubnet', ctx.rangeOf('loadBalancerSubnet'));
  }
  if (v.sslEnabled === true && v.computeType !== 'aci') {
    const missing = ['sslCertificate', 'sslKey'].filter((k) => typeof v[k] !== 'string' || v[k] === '');
    if (missing.length > 0) ctx.refuse(`sslEnabled needs ${missing.join(' and ')} (PEM files, relative to this file).`, 'sslEnabled', ctx.rangeOf('sslEnabled'));
  }
}
