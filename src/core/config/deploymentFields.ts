// Every deploymentconfig.json field v1 knew (see shared/reference/azureml-v1.md), with v1's defaults.
import type { FieldSpec } from './fields';

const positive = { value: 0, exclusive: true } as const;
const AKS = ['aks', 'aksendpoint'] as const;

export const COMPUTE_TYPES = ['aks', 'AKSENDPOINT', 'aci', 'local'] as const;
export const NAMESPACE_PATTERN = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
/** Service and version names: 3–32 characters, lowercase letters, digits, dashes, a letter first, no dash last. */
export const SERVICE_NAME_PATTERN = /^[a-z][a-z0-9-]{1,30}[a-z0-9]$/;

const autoScalerFields: FieldSpec[] = [
  { name: 'autoscaleEnabled', type: 'boolean', description: 'Scale the number of replicas with load.', schemaDefault: true, defaultText: 'true when numReplicas is unset, else false' },
  { name: 'minReplicas', type: 'integer', description: 'Fewest replicas autoscale keeps (only with autoscale on).', default: 1, min: positive },
  { name: 'maxReplicas', type: 'integer', description: 'Most replicas autoscale adds (only with autoscale on).', default: 10, min: positive },
  { name: 'refreshPeriodInSeconds', type: 'integer', description: 'How often autoscale re-evaluates, in seconds (only with autoscale on).', default: 1, min: positive },
  { name: 'targetUtilization', type: 'integer', description: 'Busy-replica percentage autoscale aims for (only with autoscale on).', default: 70, min: positive, max: 100 },
];

const resourceFields: FieldSpec[] = [
  { name: 'cpu', type: 'number', description: 'CPU cores reserved for each replica.', default: 0.1, min: positive },
  { name: 'memoryInGB', type: 'number', description: 'Memory reserved for each replica, in GB.', default: 0.5, min: positive },
  { name: 'cpuLimit', type: 'number', description: 'Most CPU cores a replica may use; at least cpu.', min: positive },
  { name: 'memoryInGBLimit', type: 'number', description: 'Most memory a replica may use, in GB; at least memoryInGB.', min: positive },
];

const probeFields: FieldSpec[] = [
  { name: 'periodSeconds', type: 'integer', description: 'Seconds between liveness checks.', default: 10, min: positive },
  { name: 'initialDelaySeconds', type: 'integer', description: 'Seconds after start before the first liveness check.', default: 310, min: positive },
  { name: 'timeoutSeconds', type: 'integer', description: 'Seconds a liveness check may take. v1 sent nothing when unset, so the Kubernetes default of 1 applied (the deploy_configuration docstring says 2).', default: 1, min: positive },
  { name: 'successThreshold', type: 'integer', description: 'Successes in a row that count as alive again.', default: 1, min: positive },
  { name: 'failureThreshold', type: 'integer', description: 'Failures in a row before the container is restarted.', default: 3, min: positive },
];

export const DEPLOYMENT_FIELDS: readonly FieldSpec[] = [
  {
    name: 'computeType',
    type: 'string',
    required: true,
    enum: COMPUTE_TYPES,
    schemaDefault: 'aks',
    requiredMessage: 'Need to specify computeType (Azure ML v1 said the same): "aks" for a web service, "AKSENDPOINT" for an endpoint version.',
    defaultText: 'none, required (completion offers "aks")',
    description: 'Where to deploy: "aks" for a web service, "AKSENDPOINT" for an endpoint version ("aci" and "local" are read but cannot be deployed to AKS).',
  },
  { name: 'autoScaler', type: 'object', description: 'Autoscale settings.', fields: autoScalerFields },
  { name: 'numReplicas', type: 'integer', description: 'A fixed number of replicas; cannot be combined with autoscale. No scale to zero.', min: positive },
  { name: 'authEnabled', type: 'boolean', description: 'Key authentication; cannot be on together with tokenAuthEnabled.', schemaDefault: true, defaultText: 'true for aks and AKSENDPOINT (false when tokenAuthEnabled is true); false for aci' },
  { name: 'tokenAuthEnabled', type: 'boolean', description: 'Token authentication; cannot be on together with authEnabled.', default: false },
  { name: 'containerResourceRequirements', type: 'object', description: 'CPU and memory per replica.', fields: resourceFields },
  { name: 'gpuCores', type: 'integer', description: 'GPUs per replica (v1 code default 0; its docs say 1).', default: 0, min: { value: 0, exclusive: false } },
  { name: 'appInsightsEnabled', type: 'boolean', description: 'Send telemetry to Application Insights.', default: false },
  { name: 'scoringTimeoutMs', type: 'integer', description: 'Milliseconds a scoring call may take before it fails.', default: 60000, min: positive },
  { name: 'maxConcurrentRequestsPerContainer', type: 'integer', description: 'Requests one replica works on at once.', default: 1, min: positive },
  { name: 'maxQueueWaitMs', type: 'integer', description: 'Milliseconds a request may wait in the queue before it gets 503.', default: 500, min: positive },
  {
    name: 'dataCollection',
    type: 'object',
    description: 'Model data collection.',
    fields: [{ name: 'storageEnabled', type: 'boolean', description: 'Store model inputs and predictions.', default: false }],
  },
  {
    name: 'keys',
    type: 'object',
    description: 'Authentication keys; generated when unset.',
    fields: [
      { name: 'primaryKey', type: 'string', description: 'The primary key; generated when unset.' },
      { name: 'secondaryKey', type: 'string', description: 'The secondary key; generated when unset.' },
    ],
  },
  { name: 'livenessProbeRequirements', type: 'object', description: 'How the liveness probe checks each replica.', fields: probeFields },
  {
    name: 'namespace',
    type: 'string',
    description: 'Kubernetes namespace to deploy into.',
    pattern: { regex: NAMESPACE_PATTERN, hint: 'use up to 63 lowercase letters, digits and dashes, starting and ending with a letter or digit.' },
  },
  { name: 'computeTargetName', type: 'string', description: 'The AKS compute target.' },
  {
    name: 'versionName',
    type: 'string',
    onlyFor: ['aksendpoint'],
    description: 'Endpoint version name (AKSENDPOINT); defaults to the endpoint name.',
    defaultText: 'the endpoint name',
    pattern: { regex: SERVICE_NAME_PATTERN, hint: 'use 3–32 lowercase letters, digits and dashes, starting with a letter and not ending with a dash.' },
  },
  { name: 'trafficPercentile', type: 'number', onlyFor: ['aksendpoint'], description: 'Percent of the endpoint traffic for this version (AKSENDPOINT), 0–100.', min: { value: 0, exclusive: false }, max: 100 },
  // Fields of the other compute types, so their files read without unknown-field noise.
  { name: 'port', type: 'integer', onlyFor: ['local'], description: 'Local web service port (computeType local).', min: positive, max: 65535 },
  { name: 'location', type: 'string', onlyFor: ['aci'], description: 'Azure region (computeType aci).' },
  { name: 'dnsNameLabel', type: 'string', onlyFor: ['aci'], description: 'DNS name label (computeType aci).' },
  {
    name: 'sslEnabled',
    type: 'boolean',
    onlyFor: ['aci', ...AKS],
    description: 'TLS with your certificate (sslCertificate, sslKey, cname): on AKS at the Gateway listener (gateway exposure) or at the auth proxy (load-balancer exposure).',
  },
  { name: 'sslCertificate', type: 'string', onlyFor: ['aci', ...AKS], description: 'PEM file of the TLS certificate (with sslEnabled), relative to this file. Its text goes into a TLS Secret only.' },
  { name: 'sslKey', type: 'string', onlyFor: ['aci', ...AKS], description: 'PEM file of the TLS private key (with sslEnabled), relative to this file. Its text goes into a TLS Secret only.' },
  { name: 'cname', type: 'string', onlyFor: ['aci', ...AKS], description: 'The host name the TLS certificate is for (with sslEnabled); on a Gateway, the route\'s hostname.' },
  {
    name: 'loadBalancerType',
    type: 'string',
    onlyFor: AKS,
    description: 'For the load-balancer exposure: "PublicIp" (default) or "InternalLoadBalancer" (an address in the cluster\'s virtual network; v1\'s load_balancer_type).',
  },
  { name: 'loadBalancerSubnet', type: 'string', onlyFor: AKS, description: 'For an internal load balancer: the subnet its address comes from (v1\'s load_balancer_subnet).' },
];

export const AKS_COMPUTE_TYPES: readonly string[] = AKS;
