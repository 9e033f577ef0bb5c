// Azure ML v1's own accept/reject decision, ported from azureml-core 1.61 (deploy_config_dict_to_obj and the
// *DeploymentConfiguration.validate_configuration() methods; Environment._deserialize_and_add_to_object and
// InferenceConfig.validate_configuration()) as the v1 CLI ran them after yaml.safe_load. It keeps Python's
// semantics: truthiness (`if value:`), comparisons that raise on text, `.get` on a non-object that raises.
// test/integration/config/v1Parity.test.ts checks it against azureml-core itself.
import { joinPath, isAbsolutePath } from './paths';
import type { SrcNode } from './source';

export interface V1Files {
  /** The folder v1's CLI ran in: every relative path is resolved against it. */
  cwd?: string;
  fileExists?: (path: string) => boolean;
  /** A syntax error message of the Python file (ast.parse), undefined when it parses, null when not checked. */
  pythonSyntaxError?: (path: string) => string | undefined | null;
}

export interface V1Verdict {
  accept: boolean;
  /** Why v1 refused, in its own words where it had them. */
  reason?: string;
  /** The field the refusal is about ('' for the whole file). */
  path: string;
  /** Set when the entry script's syntax could not be checked (no Python). */
  syntaxNotChecked?: boolean;
}

type Py = null | boolean | number | string | Py[] | PyDict | PyFloat | PyDate;
interface PyDict {
  [key: string]: Py;
}
/** A float Python held where JS cannot tell (2.0), and a date (PyYAML's timestamps). */
class PyFloat {
  constructor(readonly n: number) {}
}
class PyDate {
  constructor(readonly text: string) {}
}

class V1Error extends Error {
  constructor(
    message: string,
    readonly path: string,
  ) {
    super(message);
  }
}

function toPy(node: SrcNode): Py {
  if (node.kind === 'array') return node.items.map(toPy);
  if (node.kind === 'object') {
    const o: PyDict = Object.create(null) as PyDict;
    for (const e of node.entries) o[e.key] = toPy(e.value);
    return o;
  }
  if (node.py === 'timestamp') return new PyDate(String(node.value));
  if (node.py === 'float' && typeof node.value === 'number') return new PyFloat(node.value);
  return node.value;
}

const isDict = (v: Py): v is PyDict => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof PyFloat) && !(v instanceof PyDate);
const num = (v: Py): number | undefined => (typeof v === 'number' ? v : typeof v === 'boolean' ? Number(v) : v instanceof PyFloat ? v.n : undefined);

function truthy(v: Py | undefined): boolean {
  if (v === undefined || v === null) return false;
  if (typeof v === 'string') return v.length > 0;
  if (Array.isArray(v)) return v.length > 0;
  if (v instanceof PyDate) return true;
  const n = num(v);
  if (n !== undefined) return n !== 0 && !Number.isNaN(n) ? true : Number.isNaN(n);
  return Object.keys(v).length > 0;
}

function pyType(v: Py | undefined): string {
  if (v === null || v === undefined) return 'NoneType';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return 'int';
  if (v instanceof PyFloat) return 'float';
  if (v instanceof PyDate) return 'datetime.date';
  if (typeof v === 'string') return 'str';
  return Array.isArray(v) ? 'list' : 'dict';
}

/** `value <op> n` as Python evaluates it: numbers (and bools) compare, anything else raises TypeError. */
function compare(v: Py, path: string): number {
  const n = num(v);
  if (n === undefined) throw new V1Error(`v1 compared ${path} with a number and failed: it is a ${pyType(v)} (${show(v)}).`, path);
  return n;
}

function show(v: Py | undefined): string {
  if (v instanceof PyFloat) return String(v.n);
  if (v instanceof PyDate) return v.text;
  return JSON.stringify(v) ?? 'None';
}

/** `d.get(key, {})` on the top level: a present non-object value has no `.get` in Python. */
function sub(d: PyDict, key: string): PyDict {
  if (!(key in d)) return Object.create(null) as PyDict;
  const v = d[key];
  if (!isDict(v)) throw new V1Error(`v1 read ${key} with .get() and failed: it must be an object, found ${pyType(v)} (${show(v)}).`, key);
  return v;
}

const NAMESPACE = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const SERVICE_NAME = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

function requireText(v: Py, path: string, what: string): string {
  if (typeof v !== 'string') throw new V1Error(`v1 used ${path} as ${what} and failed: it is a ${pyType(v)} (${show(v)}).`, path);
  return v;
}

export function v1DeploymentVerdict(root: SrcNode | undefined, files: V1Files = {}): V1Verdict {
  try {
    checkDeployment(root ? toPy(root) : null, files);
    return { accept: true, path: '' };
  } catch (e) {
    if (e instanceof V1Error) return { accept: false, reason: e.message, path: e.path };
    throw e;
  }
}

function checkDeployment(d: Py, files: V1Files): void {
  if (!isDict(d)) throw new V1Error(`v1 needs an object with computeType; this file holds ${pyType(d)}.`, '');
  if (!('computeType' in d)) throw new V1Error('Need to specify computeType in --deploy-config-file (Azure ML v1).', 'computeType');
  const type = requireText(d.computeType, 'computeType', 'text (.lower())').toLowerCase();
  const p = (obj: string, key: string) => sub(d, obj)[key] ?? null;
  const errors: [string, string][] = [];
  const positive = (v: Py, path: string, what = 'greater than zero') => {
    if (v !== null && compare(v, path) <= 0) errors.push([`${path} must be ${what} (Azure ML v1).`, path]);
  };
  if (type === 'aci') {
    const [cpu, mem] = [p('containerResourceRequirements', 'cpu'), p('containerResourceRequirements', 'memoryInGB')];
    sub(d, 'keys');
    positive(cpu, 'containerResourceRequirements.cpu', 'positive');
    positive(mem, 'containerResourceRequirements.memoryInGB', 'positive');
    if (errors.length) throw new V1Error(errors[0][0], errors[0][1]);
    const g = (k: string) => d[k] ?? null;
    if (truthy(g('sslEnabled'))) {
      if (!truthy(g('sslCertificate')) || !truthy(g('sslKey')) || !truthy(g('cname'))) {
        throw new V1Error('SSL is enabled, you must provide a SSL certificate, key, and cname (sslCertificate, sslKey, cname; Azure ML v1).', 'sslEnabled');
      }
      for (const k of ['sslCertificate', 'sslKey']) {
        const f = requireText(g(k), k, 'a file path');
        if (files.fileExists && !files.fileExists(resolve(files, f))) throw new V1Error(`${k} "${f}" does not exist (Azure ML v1 looked in the working directory).`, k);
      }
    }
    const cmk = ['vaultBaseUrl', 'keyName', 'keyVersion'].map((k) => truthy(g(k)));
    if (!(cmk.every(Boolean) || cmk.every((x) => !x))) throw new V1Error('vaultBaseUrl, keyName and keyVersion (customer-managed key) must all have values or all be empty (Azure ML v1).', 'vaultBaseUrl');
    if (truthy(g('vnetName')) !== truthy(g('subnetName'))) throw new V1Error('vnetName and subnetName must both have values or both be empty (Azure ML v1).', 'vnetName');
    return;
  }
  if (type === 'local') {
    const port = d.port ?? null;
    if (truthy(port) && !((typeof port === 'number' || typeof port === 'boolean') && Number(port) >= 1 && Number(port) <= 65535)) {
      throw new V1Error(`port must be a whole number in range [1, 65535] (Azure ML v1); found ${show(port)}.`, 'port');
    }
    return;
  }
  if (type !== 'aks' && type !== 'aksendpoint') throw new V1Error(`unknown deployment type: ${type} (Azure ML v1 knew aks, AKSENDPOINT, aci, local).`, 'computeType');
  const a = (k: string) => p('autoScaler', k);
  const enabled = a('autoscaleEnabled');
  const [min, max, refresh, util] = [a('minReplicas'), a('maxReplicas'), a('refreshPeriodInSeconds'), a('targetUtilization')];
  sub(d, 'dataCollection');
  const r = (k: string) => p('containerResourceRequirements', k);
  const [cpu, cpuLimit, mem, memLimit] = [r('cpu'), r('cpuLimit'), r('memoryInGB'), r('memoryInGBLimit')];
  sub(d, 'keys');
  const l = (k: string) => p('livenessProbeRequirements', k);
  const g = (k: string) => d[k] ?? null;
  const crr = 'containerResourceRequirements';
  positive(cpu, `${crr}.cpu`);
  if (cpu !== null && cpuLimit !== null && compare(cpuLimit, `${crr}.cpuLimit`) < compare(cpu, `${crr}.cpu`)) errors.push([`${crr}.cpuLimit must be greater than or equal to cpu (Azure ML v1).`, `${crr}.cpuLimit`]);
  positive(mem, `${crr}.memoryInGB`);
  if (mem !== null && memLimit !== null && compare(memLimit, `${crr}.memoryInGBLimit`) < compare(mem, `${crr}.memoryInGB`)) errors.push([`${crr}.memoryInGBLimit must be greater than or equal to memoryInGB (Azure ML v1).`, `${crr}.memoryInGBLimit`]);
  const gpu = g('gpuCores');
  if (gpu !== null && compare(gpu, 'gpuCores') < 0) errors.push(['gpuCores must be greater than or equal to zero (Azure ML v1).', 'gpuCores']);
  for (const k of ['periodSeconds', 'initialDelaySeconds', 'timeoutSeconds', 'successThreshold', 'failureThreshold']) positive(l(k), `livenessProbeRequirements.${k}`);
  const ns = g('namespace');
  if (truthy(ns) && !NAMESPACE.test(requireText(ns, 'namespace', 'text (re.match)'))) errors.push(['namespace must be a valid Kubernetes namespace (Azure ML v1).', 'namespace']);
  for (const k of ['scoringTimeoutMs', 'maxConcurrentRequestsPerContainer', 'maxQueueWaitMs', 'numReplicas']) positive(g(k), k);
  const replicas = g('numReplicas');
  if (truthy(enabled)) {
    if (truthy(replicas)) errors.push(['Autoscale is enabled and numReplicas is given (Azure ML v1 refused both).', 'numReplicas']);
    positive(min, 'autoScaler.minReplicas');
    positive(max, 'autoScaler.maxReplicas');
    if (truthy(min) && truthy(max) && compare(min, 'autoScaler.minReplicas') > compare(max, 'autoScaler.maxReplicas')) errors.push(['autoScaler.minReplicas cannot be greater than maxReplicas (Azure ML v1).', 'autoScaler.minReplicas']);
    positive(refresh, 'autoScaler.refreshPeriodInSeconds');
    positive(util, 'autoScaler.targetUtilization');
  } else {
    if (enabled === false && !truthy(replicas)) errors.push(['Autoscale is disabled but numReplicas is not given (Azure ML v1).', 'autoScaler.autoscaleEnabled']);
    for (const [k, v] of [['minReplicas', min], ['maxReplicas', max], ['refreshPeriodInSeconds', refresh], ['targetUtilization', util]] as const) {
      if (truthy(v)) errors.push([`autoScaler.${k} is given without autoscaleEnabled: true (Azure ML v1 refused it).`, `autoScaler.${k}`]);
    }
  }
  if (truthy(g('tokenAuthEnabled')) && truthy(g('authEnabled'))) errors.push(['authEnabled and tokenAuthEnabled cannot both be true (Azure ML v1).', 'tokenAuthEnabled']);
  if (errors.length) throw new V1Error(errors[0][0], errors[0][1]);
  if (type === 'aksendpoint') {
    const version = g('versionName');
    if (truthy(version)) {
      const s = requireText(version, 'versionName', 'text (re.fullmatch)');
      if (!SERVICE_NAME.test(s) || s.length < 3 || s.length > 32) throw new V1Error('versionName must be 3–32 lowercase letters, digits or dashes, start with a letter and end with a letter or digit (Azure ML v1).', 'versionName');
    }
    const traffic = g('trafficPercentile');
    if (truthy(traffic) && (compare(traffic, 'trafficPercentile') < 0 || compare(traffic, 'trafficPercentile') > 100)) throw new V1Error('trafficPercentile cannot be negative or greater than 100 (Azure ML v1).', 'trafficPercentile');
  }
}

function resolve(files: V1Files, p: string): string {
  return files.cwd && !isAbsolutePath(p) ? joinPath(files.cwd, p) : p;
}

/** Python keywords (3.11): a module named after one cannot be imported, so v1 refused such entry scripts. */
const KEYWORDS = new Set('False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield'.split(' '));

/** Environment fields v1 deserialized into nested sections (objects); other fields were taken as they came. */
const SECTIONS: Record<string, readonly string[] | undefined> = {
  python: ['userManagedDependencies', 'interpreterPath', 'condaDependenciesFile', 'baseCondaEnvironment'],
  docker: ['enabled', 'baseImage', 'baseDockerfile', 'buildContext', 'sharedVolumes', 'shmSize', 'arguments', 'baseImageRegistry', 'platform'],
  spark: undefined,
  databricks: undefined,
  r: undefined,
};

/** Python's `key in value` then `value[key]` for a section v1 filled field by field. */
function checkSection(v: Py, path: string, fields: readonly string[] | undefined): void {
  if (v === null || isDict(v) || Array.isArray(v)) return;
  if (typeof v === 'string') {
    const hit = (fields ?? []).find((f) => v.includes(f));
    if (hit) throw new V1Error(`v1 could not read ${path}: it is text, not an object.`, path);
    return;
  }
  throw new V1Error(`v1 could not read ${path}: it must be an object, found ${pyType(v)} (${show(v)}).`, path);
}

export function v1InferenceVerdict(root: SrcNode | undefined, files: V1Files = {}): V1Verdict {
  try {
    return checkInference(root ? toPy(root) : null, files);
  } catch (e) {
    if (e instanceof V1Error) return { accept: false, reason: e.message, path: e.path };
    throw e;
  }
}

function checkInference(d: Py, files: V1Files): V1Verdict {
  if (!isDict(d)) throw new V1Error(`v1 needs an object with entryScript; this file holds ${pyType(d)}.`, '');
  const g = (k: string): Py => d[k] ?? null;
  const envDict = g('environment');
  let env: { python: PyDict | null; docker: PyDict | null } | 'reference' | undefined;
  if (envDict !== null) {
    if (!isDict(envDict)) throw new V1Error(`environment must be an object (Azure ML v1 read it with .get()); found ${pyType(envDict)} (${show(envDict)}).`, 'environment');
    const keys = Object.keys(envDict);
    if (keys.every((k) => k === 'name' || k === 'version')) env = 'reference';
    else {
      for (const [k, fields] of Object.entries(SECTIONS)) if (k in envDict) checkSection(envDict[k], `environment.${k}`, fields);
      const docker = envDict.docker;
      if (isDict(docker)) {
        for (const k of ['baseImageRegistry', 'platform', 'buildContext']) if (k in docker) checkSection(docker[k], `environment.docker.${k}`, ['address', 'username', 'password', 'os', 'architecture', 'location', 'dockerfilePath']);
      }
      const conda = isDict(envDict.python) ? (envDict.python.condaDependencies ?? null) : null;
      if (conda !== null && !isDict(conda)) throw new V1Error(`environment.python.condaDependencies must be a conda specification object (Azure ML v1: "not a valid YAML structure"); found ${pyType(conda)}.`, 'environment.python.condaDependencies');
      if ('python' in envDict && !isDict(envDict.python)) throw new V1Error(`environment.python must be an object (Azure ML v1 read it with .get()); found ${pyType(envDict.python)} (${show(envDict.python)}).`, 'environment.python');
      env = { python: isDict(envDict.python) ? envDict.python : {}, docker: 'docker' in envDict ? (isDict(docker) ? docker : docker === null ? null : {}) : {} };
    }
  }
  const entry = g('entryScript');
  const runtime = g('runtime');
  const cuda = g('cudaVersion');
  const registry = g('baseImageRegistry');
  if (truthy(runtime)) requireText(runtime, 'runtime', 'text (.lower())');
  // InferenceConfig read `base_image or (base_image_registry and base_image_registry.address)`: the file's plain
  // value has no .address, which fails unless baseImage short-circuits it.
  if (truthy(registry) && !truthy(g('baseImage'))) throw new V1Error('baseImageRegistry: Azure ML v1 expected a registry object here and failed on the plain value from the file (it has no .address).', 'baseImageRegistry');
  if (!truthy(entry)) throw new V1Error('Error, need to specify entry_script (entryScript; Azure ML v1).', 'entryScript');
  if (env !== undefined) {
    if (env === 'reference') throw new V1Error('environment holds only name/version, which v1 took as a reference to a registered environment and then failed on (it has no python section); describe the environment or drop it.', 'environment');
    const legacy = ['runtime', 'condaFile', 'extraDockerfileSteps', 'enableGpu', 'cudaVersion', 'baseImage'].find((k) => truthy(g(k)));
    if (legacy) throw new V1Error(`${legacy} cannot be used along with environment (Azure ML v1).`, legacy);
    if (env.docker === null) throw new V1Error('environment.docker is null, which Azure ML v1 failed on.', 'environment.docker');
    if (truthy(env.docker.baseDockerfile ?? null) && truthy(env.docker.baseImage ?? null)) throw new V1Error('Only one of environment.docker.baseDockerfile or baseImage may be given (Azure ML v1).', 'environment.docker.baseDockerfile');
  }
  let src = '';
  const sd = g('sourceDirectory');
  if (truthy(sd)) {
    src = resolve(files, requireText(sd, 'sourceDirectory', 'a folder path'));
    if (files.fileExists && !files.fileExists(src)) throw new V1Error(`source directory ${show(sd)} doesn't exist (Azure ML v1 looked in the working directory).`, 'sourceDirectory');
  }
  const entryText = requireText(entry, 'entryScript', 'a file path');
  const entryPath = src ? joinPath(src, entryText) : resolve(files, entryText);
  if (files.fileExists && !files.fileExists(entryPath)) throw new V1Error(`entry_script ${entryText} doesn't exist (Azure ML v1 looked ${src ? 'under sourceDirectory' : 'in the working directory'}).`, 'entryScript');
  const base = entryText.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  const [name, ext] = dot > 0 ? [base.slice(0, dot), base.slice(dot)] : [base, ''];
  if (ext !== '.py') throw new V1Error('Invalid driver type: the entry script must be a .py file (Azure ML v1).', 'entryScript');
  if (!/^[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*$/u.test(name) || KEYWORDS.has(name)) {
    throw new V1Error(`The entry script name "${name}" is not an importable Python module name (Azure ML v1 refused it).`, 'entryScript');
  }
  if (truthy(runtime) && !['spark-py', 'python', 'python-slim'].includes((runtime as string).toLowerCase())) throw new V1Error('Provided runtime not supported; Azure ML v1 knew python, spark-py (and python-slim).', 'runtime');
  if (cuda !== null && !['9.0', '9.1', '10.0'].includes(requireText(cuda, 'cudaVersion', 'text (.lower())').toLowerCase())) throw new V1Error('cudaVersion must be 9.0, 9.1 or 10.0 (Azure ML v1).', 'cudaVersion');
  for (const k of ['condaFile', 'extraDockerfileSteps']) {
    const v = g(k);
    if (!truthy(v)) continue;
    const rel = requireText(v, k, 'a file path');
    const full = src ? joinPath(src, rel) : resolve(files, rel);
    if (files.fileExists && !files.fileExists(full)) throw new V1Error(`${k} ${rel} doesn't exist (Azure ML v1 looked ${src ? 'under sourceDirectory' : 'in the working directory'}).`, k);
  }
  const syntax = files.pythonSyntaxError?.(entryPath);
  if (typeof syntax === 'string') throw new V1Error(`The entry script does not parse (Azure ML v1 ran ast.parse): ${syntax}`, 'entryScript');
  return { accept: true, path: '', syntaxNotChecked: syntax === null };
}
