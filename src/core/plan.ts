// One immutable DeploymentPlan built from both configs and the model references. Docker and Kubernetes
// rendering read only this; nothing after this point re-reads the config files.
import { createHash } from 'node:crypto';
import type { DeploymentConfig, InferenceConfig, RegistryConfig } from './config';
import { joinPath } from './config/paths';

/** v1's last default CPU/GPU base images (the ubuntu18.04/CUDA 9–10 ones it started with are retired). */
export const DEFAULT_CPU_IMAGE = 'mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu20.04';
export const DEFAULT_GPU_IMAGE = 'mcr.microsoft.com/azureml/openmpi4.1.0-cuda11.1-cudnn8-ubuntu20.04';
export const AML_APP_ROOT = '/var/azureml-app';
export const MAX_MODELS = 1000;

export interface ModelReference {
  name: string;
  version: number | string;
  /** Where the model files are on this machine. */
  localPath: string;
}

export interface PlanInput {
  inference: InferenceConfig;
  deployment: DeploymentConfig;
  models: readonly ModelReference[];
  /** The service (or endpoint) name; an endpoint version without versionName is named after it. */
  serviceName: string;
  /** Reads the files the image is built from (conda file, Docker steps); undefined when unreadable. */
  readFile: (path: string) => string | undefined;
  /** The folder of deploymentconfig.json: sslCertificate/sslKey are relative to it (else to sourceDirectory). */
  deploymentDir?: string;
}

export interface PlannedModel extends ModelReference {
  /** Where the model lands in the container. */
  containerPath: string;
}

export interface ImagePlan {
  /** Base image name, or undefined when baseDockerfile builds the base. */
  baseImage?: string;
  baseDockerfile?: string;
  baseImageRegistry?: RegistryConfig;
  /** Conda specification text (a file's content, or an inline spec as JSON), undefined when none. */
  condaSpecification?: string;
  extraDockerfileSteps?: string;
  userManagedDependencies: boolean;
  interpreterPath: string;
  gpu: boolean;
  cudaVersion?: string;
  /** sha256 over base image (or base Dockerfile), conda content and extra Docker steps, as v1 keyed its image cache. */
  contentHash: string;
  /** Folder copied to AML_APP_ROOT, and the entry script relative to it. */
  sourceDirectory: string;
  entryScript: string;
  /** Legacy `dependencies`: extra files to package, relative to sourceDirectory. */
  extraFiles: readonly string[];
}

export type ScalingPlan =
  | { mode: 'fixed'; replicas: number }
  | { mode: 'autoscale'; minReplicas: number; maxReplicas: number; targetUtilization: number; refreshPeriodInSeconds: number };

export interface DeploymentPlan {
  serviceName: string;
  computeType: 'aks' | 'aksendpoint';
  image: ImagePlan;
  models: readonly PlannedModel[];
  resources: { cpu: number; memoryInGB: number; cpuLimit?: number; memoryInGBLimit?: number; gpu: number };
  scaling: ScalingPlan;
  auth: { mode: 'key' | 'token' | 'none'; primaryKey?: string; secondaryKey?: string };
  liveness: DeploymentConfig['livenessProbeRequirements'];
  timeouts: { scoringTimeoutMs: number; maxQueueWaitMs: number };
  concurrency: { maxConcurrentRequestsPerContainer: number; workerCount: number };
  namespace?: string;
  computeTargetName?: string;
  appInsightsEnabled: boolean;
  dataCollection: { storageEnabled: boolean };
  endpoint?: { versionName: string; trafficPercentile?: number };
  /** Environment of the scoring container (azmlinfsrv and the user's environmentVariables). */
  env: Readonly<Record<string, string>>;
  /** Choices the plan made that a person may want to know about. */
  notes: readonly string[];
  /** v1's sslEnabled: the PEM files (paths only: their text is read at deploy time, into a TLS Secret only). */
  tls?: { certificateFile: string; keyFile: string; cname?: string };
  /** v1's load_balancer_type/subnet, for the load-balancer exposure. */
  loadBalancer?: { internal: boolean; subnet?: string };
}

export type PlanResult = { ok: true; plan: DeploymentPlan } | { ok: false; problems: string[] };

export function buildDeploymentPlan(input: PlanInput): PlanResult {
  const dc = input.deployment;
  const problems: string[] = [];
  const notes: string[] = [];
  if (dc.computeType !== 'aks' && dc.computeType !== 'aksendpoint') {
    problems.push(`computeType "${dc.computeType}" is not deployable to AKS; set computeType to "aks" or "AKSENDPOINT".`);
  }
  if (input.models.length > MAX_MODELS) problems.push(`At most ${MAX_MODELS} models fit in one deployment; found ${input.models.length}.`);
  const seen = new Set<string>();
  for (const m of input.models) {
    const key = `${m.name}:${m.version}`;
    if (seen.has(key)) problems.push(`Model ${key} is listed twice.`);
    seen.add(key);
  }
  const image = planImage(input, problems, notes);
  if (problems.length > 0 || !image) return { ok: false, problems };

  const models = input.models.map((m) => ({ ...m, containerPath: `${AML_APP_ROOT}/azureml-models/${m.name}/${m.version}` }));
  const scaling: ScalingPlan = dc.autoScaler.autoscaleEnabled
    ? { mode: 'autoscale', minReplicas: dc.autoScaler.minReplicas, maxReplicas: dc.autoScaler.maxReplicas, targetUtilization: dc.autoScaler.targetUtilization, refreshPeriodInSeconds: dc.autoScaler.refreshPeriodInSeconds }
    : { mode: 'fixed', replicas: dc.numReplicas ?? 1 };
  const authMode = dc.tokenAuthEnabled ? 'token' : dc.authEnabled ? 'key' : 'none';
  // azmlinfsrv's workers each take one request at a time, so the container can only honour
  // maxConcurrentRequestsPerContainer if it runs that many workers (v1's default 1 gives WORKER_COUNT 1).
  const workerCount = dc.maxConcurrentRequestsPerContainer;
  const env = scoringEnv(input, image, models, workerCount, notes);
  const tls = planTls(input, problems);
  if (problems.length > 0) return { ok: false, problems };
  const plan: DeploymentPlan = {
    serviceName: input.serviceName,
    computeType: dc.computeType as 'aks' | 'aksendpoint',
    image,
    models,
    resources: { ...dc.containerResourceRequirements, gpu: dc.gpuCores },
    scaling,
    auth: { mode: authMode, primaryKey: dc.keys.primaryKey, secondaryKey: dc.keys.secondaryKey },
    liveness: { ...dc.livenessProbeRequirements },
    timeouts: { scoringTimeoutMs: dc.scoringTimeoutMs, maxQueueWaitMs: dc.maxQueueWaitMs },
    concurrency: { maxConcurrentRequestsPerContainer: dc.maxConcurrentRequestsPerContainer, workerCount },
    namespace: dc.namespace,
    computeTargetName: dc.computeTargetName,
    appInsightsEnabled: dc.appInsightsEnabled,
    dataCollection: { ...dc.dataCollection },
    endpoint: dc.computeType === 'aksendpoint' ? { versionName: dc.versionName ?? input.serviceName, trafficPercentile: dc.trafficPercentile } : undefined,
    env,
    notes,
    ...(tls ? { tls } : {}),
    ...(dc.loadBalancerType || dc.loadBalancerSubnet
      ? { loadBalancer: { internal: dc.loadBalancerType?.toLowerCase() === 'internalloadbalancer', ...(dc.loadBalancerSubnet ? { subnet: dc.loadBalancerSubnet } : {}) } }
      : {}),
  };
  return { ok: true, plan: deepFreeze(plan) };
}

function planImage(input: PlanInput, problems: string[], notes: string[]): ImagePlan | undefined {
  const ic = input.inference;
  const src = ic.resolvedSourceDirectory;
  const read = (field: string, rel: string | undefined): string | undefined => {
    if (rel === undefined) return undefined;
    const text = input.readFile(joinPath(src, rel));
    if (text === undefined) problems.push(`${field}: cannot read "${rel}" (looked in ${joinPath(src, rel)}).`);
    return text;
  };
  const env = ic.environment;
  let baseImage: string | undefined;
  let baseDockerfile: string | undefined;
  let condaSpecification: string | undefined;
  let extraDockerfileSteps: string | undefined;
  const gpu = env ? false : ic.enableGpu;
  if (env) {
    baseImage = env.docker.baseImage;
    baseDockerfile = dockerfileText(env.docker.baseDockerfile, src, input.readFile);
    condaSpecification =
      env.python.condaDependencies !== undefined ? JSON.stringify(env.python.condaDependencies, null, 2) : read('environment.python.condaDependenciesFile', env.python.condaDependenciesFile);
  } else {
    baseImage = ic.baseImage;
    condaSpecification = read('condaFile', ic.condaFile);
    extraDockerfileSteps = read('extraDockerfileSteps', ic.extraDockerfileSteps);
  }
  if (baseImage === undefined && baseDockerfile === undefined) {
    baseImage = gpu ? DEFAULT_GPU_IMAGE : DEFAULT_CPU_IMAGE;
    notes.push(`No base image is set; using ${baseImage}.`);
  }
  if (problems.length > 0) return undefined;
  const contentHash = createHash('sha256')
    .update(JSON.stringify([baseImage ?? baseDockerfile ?? '', condaSpecification ?? '', extraDockerfileSteps ?? '']))
    .digest('hex');
  return {
    baseImage,
    baseDockerfile,
    baseImageRegistry: env ? env.docker.baseImageRegistry : ic.baseImageRegistry,
    condaSpecification,
    extraDockerfileSteps,
    userManagedDependencies: env?.python.userManagedDependencies ?? false,
    interpreterPath: env?.python.interpreterPath ?? 'python',
    gpu,
    cudaVersion: gpu ? ic.cudaVersion : undefined,
    contentHash,
    sourceDirectory: src,
    entryScript: ic.entryScript.replace(/\\/g, '/').replace(/^\.\//, ''),
    extraFiles: ic.dependencies ?? [],
  };
}

/** v1's Environment held Dockerfile text; people also write a file name there. A one-word value naming a
 * readable file is taken as that file, anything else as the Dockerfile itself. */
function dockerfileText(value: string | undefined, src: string, readFile: PlanInput['readFile']): string | undefined {
  if (value === undefined || /\s/.test(value.trim())) return value;
  return readFile(joinPath(src, value)) ?? value;
}

function scoringEnv(input: PlanInput, image: ImagePlan, models: readonly PlannedModel[], workerCount: number, notes: string[]): Record<string, string> {
  const dc = input.deployment;
  const modelDir = models.length === 1 ? models[0].containerPath : `${AML_APP_ROOT}/azureml-models`;
  const ours: Record<string, string> = {
    AML_APP_ROOT,
    AZUREML_ENTRY_SCRIPT: image.entryScript,
    AZUREML_MODEL_DIR: modelDir,
    SCORING_TIMEOUT_MS: String(dc.scoringTimeoutMs),
    WORKER_COUNT: String(workerCount),
  };
  if (dc.appInsightsEnabled) ours.AML_APP_INSIGHTS_ENABLED = 'true';
  const user = input.inference.environment?.environmentVariables ?? {};
  for (const k of Object.keys(user)) {
    if (k in ours) notes.push(`environmentVariables.${k} is set by the scoring server setup and was not overridden.`);
  }
  return { ...user, ...ours };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** The PEM files must be readable now (so deploy cannot fail half-way); their text is not kept in the plan. */
function planTls(input: PlanInput, problems: string[]): DeploymentPlan['tls'] {
  const dc = input.deployment;
  if (dc.sslEnabled !== true || !dc.sslCertificate || !dc.sslKey) return undefined;
  const base = input.deploymentDir ?? input.inference.resolvedSourceDirectory;
  const certificateFile = joinPath(base, dc.sslCertificate);
  const keyFile = joinPath(base, dc.sslKey);
  const cert = input.readFile(certificateFile);
  const key = input.readFile(keyFile);
  if (cert === undefined) problems.push(`sslCertificate: cannot read "${dc.sslCertificate}" (looked in ${certificateFile}).`);
  else if (!cert.includes('-----BEGIN CERTIFICATE-----')) problems.push(`sslCertificate: "${dc.sslCertificate}" is not a PEM certificate (no BEGIN CERTIFICATE line).`);
  if (key === undefined) problems.push(`sslKey: cannot read "${dc.sslKey}" (looked in ${keyFile}).`);
  else if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(key)) problems.push(`sslKey: "${dc.sslKey}" is not a PEM private key (no BEGIN PRIVATE KEY line).`);
  return { certificateFile, keyFile, ...(dc.cname ? { cname: dc.cname } : {}) };
}
